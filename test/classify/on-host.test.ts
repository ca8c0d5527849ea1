// A database reached through a Unix socket or localhost takes the environment of the host it is
// on (GitLab 2017: the primary's socket). The finding says which host and why.
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/engine/check-line.js';
import { builtinRules } from '../helpers/rules.js';
import { sqlFactsForTest } from '../helpers/sql.js';

const rules = await builtinRules();
const sqlFor = await sqlFactsForTest();

function judge(line: string, hostname: string, env: Record<string, string> = {}) {
  return checkLine(line, { rules, env: { HOME: '/home/dev', PATH: '/usr/bin:/bin', ...env }, home: '/home/dev', cwd: '/home/dev', hostname, sqlFor });
}

describe('a local database is on a host', () => {
  it('names the host and its environment in the evidence', () => {
    const analysis = judge("psql -c 'TRUNCATE users'", 'db1-prod');
    expect(analysis.verdict).toBe('block');
    const database = analysis.targets.find((t) => t.kind === 'database')!;
    expect(database.environment).toBe('production');
    expect(database.evidence[0]).toContain('local socket on host db1-prod (production)');
    expect(analysis.findings[0]!.message).toContain('local socket on host db1-prod (production)');
  });

  it('a workstation keeps its local databases local', () => {
    const analysis = judge("psql -c 'TRUNCATE users'", 'laptop');
    expect(analysis.verdict).toBe('allow');
  });

  it('the ssh destination, not this machine, is the host of a remote socket', () => {
    const analysis = judge(`ssh db1-prod "psql -c 'DROP TABLE x'"`, 'laptop');
    expect(analysis.verdict).toBe('block');
    expect(analysis.findings[0]!.message).toContain('on host db1-prod (production)');
  });

  it('docker exec is on the daemon host that DOCKER_HOST names', () => {
    const analysis = judge('docker exec cache redis-cli FLUSHALL', 'laptop', { DOCKER_HOST: 'ssh://deploy@cache-prod-1' });
    expect(analysis.verdict).toBe('block');
    expect(analysis.findings[0]!.message).toContain('on host cache-prod-1 (production)');
  });
});
