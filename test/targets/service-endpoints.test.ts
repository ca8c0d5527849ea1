// Which server a data service's admin CLI acts on: the hosts its option or variable names.
import { describe, expect, it } from 'vitest';
import { endpointHosts, SERVICE_ENDPOINTS } from '../../src/knowledge/service-endpoints.js';
import { toolOptions } from '../../src/knowledge/tools.js';

describe('service endpoints', () => {
  it('reads the hosts of every form the CLIs accept', () => {
    expect(endpointHosts('https://etcd-0.prod:2379,https://etcd-1.prod:2379')).toEqual(['etcd-0.prod', 'etcd-1.prod']);
    expect(endpointHosts('rabbit@mq1-prod')).toEqual(['mq1-prod']);
    expect(endpointHosts('broker-1:9092, broker-2:9092')).toEqual(['broker-1', 'broker-2']);
    expect(endpointHosts('postgres://autoctl_node@monitor.prod.example.com:5432/pg_auto_failover?sslmode=require')).toEqual(['monitor.prod.example.com']);
    expect(endpointHosts('[::1]:2379')).toEqual(['::1']);
    expect(endpointHosts('')).toEqual([]);
  });

  it('gives every service CLI its option table, so a server value is never read as an operand', () => {
    for (const name of Object.keys(SERVICE_ENDPOINTS)) expect(toolOptions(name), name).toBeDefined();
  });
});
