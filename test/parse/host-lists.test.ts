// libpq host lists: `host=a,b`, `postgresql://a:1,b:2/db` and PGHOST=a,b name several servers,
// tried in turn (libpq's multi-host connection strings): each is a server the client may reach.
import { describe, expect, it } from 'vitest';
import { hostList, parseConnectionString } from '../../src/parse/connection.js';

describe('parseConnectionString: host lists', () => {
  it('a URL with several hosts and ports: each host with its port and its own single-host URL', () => {
    const connection = parseConnectionString('postgresql://app:pw@db-a.internal:5432,db-b.prod.example.com:6432/orders?sslmode=require');
    expect(connection).toMatchObject({ engine: 'postgres', host: 'db-a.internal', port: 5432, database: 'orders' });
    expect(connection?.hosts?.map(({ host, port }) => `${host}:${port}`)).toEqual(['db-a.internal:5432', 'db-b.prod.example.com:6432']);
    expect(connection?.hosts?.[1]?.secretUrl).toBe('postgres://app:pw@db-b.prod.example.com:6432/orders?sslmode=require');
    expect(connection?.url).not.toContain('pw');
  });

  it('a URL list without ports, and with an IPv6 host', () => {
    expect(parseConnectionString('postgres://localhost,db1.prod/app')?.hosts?.map((entry) => entry.host)).toEqual(['localhost', 'db1.prod']);
    expect(parseConnectionString('postgresql://[::1]:5432,db1.prod:5433/app')?.hosts?.map((entry) => entry.host)).toEqual(['::1', 'db1.prod']);
  });

  it('keyword/value: host list with one port for all, or one port each', () => {
    expect(parseConnectionString('host=localhost,db1.prod port=5433 dbname=app')?.hosts).toMatchObject([
      { host: 'localhost', port: 5433 },
      { host: 'db1.prod', port: 5433 },
    ]);
    expect(parseConnectionString("host=a,b port=1,2 dbname=app password='x y'")?.hosts?.map((entry) => `${entry.host}:${entry.port}`)).toEqual(['a:1', 'b:2']);
  });

  it('a single host is no list', () => {
    expect(parseConnectionString('postgresql://db1/app')?.hosts).toBeUndefined();
    expect(parseConnectionString('host=db1 dbname=app')?.hosts).toBeUndefined();
    expect(hostList('db1', '5432')).toBeUndefined();
    expect(hostList('a,,b', undefined)).toEqual([{ host: 'a' }, { host: 'b' }]);
  });
});
