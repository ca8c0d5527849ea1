// ~/.pgpass (issue 9): its host field says which server a password is for, not where a client
// connects, so prodguard never reads it for a target — but the probe logs in with it as psql
// would, so a password-protected database that marked itself production says so, and the
// password appears in no output and no audit line. A real PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

describe('a real PostgreSQL server whose password is in ~/.pgpass', () => {
  let server: PostgresServer;
  let home: string;
  let line: string;

  beforeAll(async () => {
    server = await requirePostgres();
    const app = new pg.Client({ connectionString: server.url });
    await app.connect();
    await app.query('CREATE TABLE IF NOT EXISTS ledger_lines (id int)');
    await app.end();
    home = tempDir();
    writeFileSync(join(home, '.pgpass'), `# team\n${server.host}:${server.port}:*:${server.user}:${server.password}\n`, { mode: 0o600 });
    const mark = runCli(['mark', server.adminUrl.replace(/\/[^/?]*(\?|$)/, '/app$1'), 'production'], { env: cleanEnv({}, home) });
    expect(mark.status).toBe(0);
    line = `psql -h ${server.host} -p ${server.port} -U ${server.user} app -c 'TRUNCATE ledger_lines'`;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the probe logs in with it, the database says production, and the password is never shown', () => {
    const result = runCli(['check', '--json', '-c', line], { env: cleanEnv({}, home) });
    const body = JSON.parse(result.stdout);
    expect(body.verdict).toBe('block');
    expect(body.targets[0].evidence.join('\n')).toContain('prodguard.environment = production');
    expect(result.stdout + result.stderr).not.toContain(server.password);
    // pg's own .pgpass fallback prints a deprecation warning: prodguard reads the file itself.
    expect(result.stderr).toBe('');
    const refused = runCli(['run', '-c', line], { env: cleanEnv({}, home) });
    expect(refused.status).toBe(4);
    expect(refused.stdout + refused.stderr).not.toContain(server.password);
    const audit = readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('TRUNCATE ledger_lines');
    expect(audit).not.toContain(server.password);
    const status = runCli(['status', '--json'], { env: cleanEnv({ PGHOST: server.host, PGPORT: String(server.port), PGUSER: server.user }, home) });
    expect(status.stdout + status.stderr).not.toContain(server.password);
  });

  it('a .pgpass entry names no server: without a host on the line the target is not its host', () => {
    const result = runCli(['check', '--json', '--no-probe', '-c', "psql app -c 'TRUNCATE ledger_lines'"], { env: cleanEnv({}, home) });
    const body = JSON.parse(result.stdout);
    expect(body.targets.map((target: { host?: string }) => target.host)).not.toContain(server.host);
    expect(result.stdout).not.toContain(server.password);
  });
});
