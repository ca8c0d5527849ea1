// The database's own word, end to end through the built binary against a real PostgreSQL server
// the test starts itself: marking, probing, the marker beating a localhost URL, EXPLAIN blast
// radius on a filled table, status, an unreachable port returning fast, and the SQL parser
// loading only for SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

let server: PostgresServer;
let unmarkedUrl: string;

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await requirePostgres();
  await sql(server.adminUrl, 'CREATE DATABASE scratch OWNER app');
  unmarkedUrl = server.url.replace(/\/app(\?|$)/, '/scratch$1');
  await sql(server.url, 'CREATE TABLE accounts (id int PRIMARY KEY, balance int)');
  await sql(server.url, 'INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 20000) g');
  await sql(server.url, 'ANALYZE accounts');
});

afterAll(async () => {
  await server?.stop();
});

function checkJson(args: string[], env: Record<string, string> = {}) {
  const result = runCli(['check', '--json', ...args], { env: cleanEnv(env) });
  return { ...result, body: JSON.parse(result.stdout || '{}') };
}

describe('the database says what it is', () => {
  it('an unmarked localhost database is local: TRUNCATE is allowed', () => {
    const { body, status } = checkJson(['--sql', 'TRUNCATE accounts', '--url', unmarkedUrl]);
    expect(body.verdict).toBe('allow');
    expect(status).toBe(0);
  });

  it('prodguard mark sets the marker, and the marker beats the localhost URL', () => {
    const mark = runCli(['mark', server.adminUrl.replace(/\/[^/?]*(\?|$)/, '/app$1'), 'production']);
    expect(mark.stderr).toBe('');
    expect(mark.status).toBe(0);
    expect(mark.stdout).toContain('marked database app as production');
    const { body, status } = checkJson(['--sql', 'TRUNCATE accounts', '--url', server.url]);
    expect(body.verdict).toBe('block');
    expect(status).toBe(4);
    expect(body.targets[0].environment).toBe('production');
    expect(body.targets[0].evidence[0]).toContain('prodguard.environment = production');
    expect(body.targets[0].probe).toMatchObject({ status: 'ok', marker: 'production', inRecovery: false });
  });

  it('--no-probe never asks the database, and says so', () => {
    const { body } = checkJson(['--no-probe', '--sql', 'TRUNCATE accounts', '--url', server.url]);
    expect(body.verdict).toBe('allow');
    expect(body.notes.join(' ')).toContain('--no-probe');
  });

  it('a test suite pointed at the marked database is blocked, though its URL says localhost', () => {
    const { body } = checkJson(['-c', 'bundle exec rspec'], { DATABASE_URL: server.url });
    expect(body.verdict).toBe('block');
    expect(body.findings[0].rule).toBe('database/test-suite-against-remote');
  });

  it('EXPLAIN estimates the blast radius of a DELETE with a WHERE and escalates', () => {
    const wide = checkJson(['--sql', 'DELETE FROM accounts WHERE id > 10', '--url', server.url]);
    expect(wide.body.verdict).toBe('block');
    expect(wide.body.findings[0].message).toMatch(/≈19,9\d\d of 20,000 rows \(99\.\d%\)/);
    const narrow = checkJson(['--sql', 'DELETE FROM accounts WHERE id = 10', '--url', server.url]);
    expect(narrow.body.verdict).toBe('warn');
    expect(narrow.body.findings[0].message).toMatch(/≈1 of 20,000 rows/);
  });

  it('status shows what the probe found, without the password', () => {
    const result = runCli(['status', '--json'], { env: cleanEnv({ DATABASE_URL: server.url }) });
    const target = JSON.parse(result.stdout).targets.find((t: { kind: string }) => t.kind === 'database');
    expect(target).toMatchObject({ environment: 'production', probe: { status: 'ok', marker: 'production' } });
    expect(result.stdout).not.toContain(server.password);
  });

  it('a closed port returns unreachable quickly and the check still decides', async () => {
    const port = await new Promise<number>((resolve) => {
      const listener = createServer().listen(0, '127.0.0.1', () => {
        const address = listener.address();
        listener.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const { body, status } = checkJson(['--sql', 'TRUNCATE accounts', '--url', `postgres://app:pw@127.0.0.1:${port}/app`]);
    expect(status).toBe(0);
    expect(body.targets[0].probe.status).toBe('unreachable');
    expect(body.targets[0].evidence.join(' ')).toContain('unreachable');
  });
});

describe('the SQL parser loads only for SQL', () => {
  it('a harmless shell line loads no heavy dependency; SQL that may write loads libpg-query, a plain read does not', () => {
    const env = cleanEnv({ PRODGUARD_TRACE_IMPORTS: '1' });
    const shell = runCli(['check', '-c', 'ls -la | grep src'], { env });
    expect(shell.stderr).not.toContain('loading');
    const withSql = runCli(['check', '--no-probe', '--sql', 'DELETE FROM x WHERE id = 1', '--url', 'postgres://localhost/x'], { env });
    expect(withSql.stderr).toContain('loading libpg-query');
    expect(withSql.stderr).not.toContain('loading pg\n');
    // SELECT 1 is answered by the read-only pre-pass (src/parse/sql/read-only.ts).
    const read = runCli(['check', '--no-probe', '--sql', 'SELECT 1', '--url', 'postgres://localhost/x'], { env });
    expect(read.status).toBe(0);
    expect(read.stderr).not.toContain('loading libpg-query');
  });
});

describe('interactive psql on production opens read-only', () => {
  it('shows a banner and refuses writes, unless --writable', async () => {
    const { TmuxSession, tmuxAvailable } = await import('../helpers/tmux.js');
    const missing = tmuxAvailable();
    if (missing) throw new Error(missing);
    const { BIN } = await import('../helpers/cli.js');
    const home = tempDir();
    const env = cleanEnv({ TERM: 'xterm', PAGER: 'cat' }, home);
    const session = new TmuxSession(`node ${BIN} psql '${server.url}'; echo "EXIT=$?"; sleep 30`, { env });
    try {
      await session.waitFor('read-only');
      await session.waitFor('app=>');
      session.type('INSERT INTO accounts VALUES (999999, 1);');
      session.key('Enter');
      const screen = await session.waitFor(/ERROR: /);
      expect(screen).toMatch(/cannot execute INSERT in a read-only transaction/);
      session.type('\\q');
      session.key('Enter');
      await session.waitFor('EXIT=0');
    } finally {
      session.kill();
    }
    const writable = new TmuxSession(`node ${BIN} psql --writable '${server.url}' -c 'SELECT 1 AS ok'; echo "EXIT=$?"; sleep 30`, { env });
    try {
      const screen = await writable.waitFor('EXIT=');
      expect(screen).not.toContain('read-only');
      expect(screen).toContain('EXIT=0');
    } finally {
      writable.kill();
    }
  });
});

describe('psql --writable on production is deliberate: typed, audited, refused without a terminal', () => {
  function auditOf(home: string): { action: string; reason?: string }[] {
    return readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  }

  it('asks for the database name; a wrong name opens nothing, the right one opens a writable session', async () => {
    const { TmuxSession, tmuxAvailable } = await import('../helpers/tmux.js');
    const missing = tmuxAvailable();
    if (missing) throw new Error(missing);
    const { BIN } = await import('../helpers/cli.js');
    const home = tempDir();
    const env = cleanEnv({ TERM: 'xterm', PAGER: 'cat' }, home);
    const command = `node ${BIN} psql --writable '${server.url}'; echo "EXIT=$?"; sleep 30`;

    const wrong = new TmuxSession(command, { env });
    try {
      await wrong.waitFor('Type "app"');
      wrong.type('scratch');
      wrong.key('Enter');
      const screen = await wrong.waitFor(/EXIT=\d+/);
      expect(screen).toContain('EXIT=4');
      expect(screen).toContain('not confirmed');
      expect(screen).not.toContain('app=>');
    } finally {
      wrong.kill();
    }

    const right = new TmuxSession(command, { env });
    try {
      const asked = await right.waitFor('Type "app"');
      expect(asked).toContain('a writable psql session on production database app');
      right.type('app');
      right.key('Enter');
      const opened = await right.waitFor('app=>');
      expect(opened).toContain('WRITABLE session on production database "app"');
      right.type('INSERT INTO accounts VALUES (888888, 1);');
      right.key('Enter');
      const inserted = await right.waitFor('INSERT 0 1');
      expect(inserted).not.toContain('read-only transaction');
      right.type('\\q');
      right.key('Enter');
      await right.waitFor('EXIT=0');
    } finally {
      right.kill();
    }
    const entries = auditOf(home);
    expect(entries.map((entry) => entry.action)).toEqual(['refused', 'confirmed']);
    expect(entries[1]?.reason).toBe('a writable psql session on production database app');
    expect(JSON.stringify(entries)).not.toContain(server.password);
  });

  it('with no terminal (CI, stdin not a terminal) it refuses with exit 4 and says how else', () => {
    const home = tempDir();
    const env = cleanEnv({}, home);
    const result = runCli(['psql', '--writable', server.url], { env, input: 'DELETE FROM accounts;\n' });
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('refused: a writable psql session on production database app needs a typed confirmation');
    expect(result.stderr).toContain('-c or -f');
    expect(result.stderr).not.toContain(server.password);
    expect(result.stdout).not.toContain('DELETE');
    expect(auditOf(home).map((entry) => entry.action)).toEqual(['refused']);
  });

  it('an unmarked local database is not production: --writable asks nothing', () => {
    const result = runCli(['psql', '--writable', unmarkedUrl, '-X', '-A', '-t'], { env: cleanEnv(), input: 'SELECT 41 + 1;\n' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('42');
    expect(result.status).toBe(0);
  });
});

describe('a libpq host list reaches every host in it', () => {
  it('the marked production database as the second host of a list decides, in URL, keyword and PGHOST form', () => {
    // libpq tries 127.0.0.2 first (nothing listens there), then the real server.
    const url = `postgresql://app:${server.password}@127.0.0.2:${server.port},127.0.0.1:${server.port}/app`;
    const asUrl = checkJson(['--sql', 'TRUNCATE accounts', '--url', url]);
    expect(asUrl.body.verdict).toBe('block');
    expect(asUrl.body.targets.map((t: { host: string; environment: string }) => `${t.host} ${t.environment}`)).toEqual([
      '127.0.0.2 local',
      '127.0.0.1 production',
    ]);
    expect(asUrl.stdout).not.toContain(server.password);
    const keyword = checkJson(['-c', `psql 'host=127.0.0.2,127.0.0.1 port=${server.port} dbname=app user=app' -c 'TRUNCATE accounts'`], {
      PGPASSWORD: server.password,
    });
    expect(keyword.body.verdict).toBe('block');
    expect(keyword.body.findings[0].rule).toBe('sql/truncate');
    const pghost = checkJson(['-c', `psql -c 'TRUNCATE accounts'`], {
      PGHOST: '127.0.0.2,127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: 'app',
      PGDATABASE: 'app',
      PGPASSWORD: server.password,
    });
    expect(pghost.body.verdict).toBe('block');
    // The unmarked database behind the same list stays local.
    const unmarked = checkJson(['--sql', 'TRUNCATE accounts', '--url', url.replace(/\/app$/, '/scratch')]);
    expect(unmarked.body.verdict).toBe('allow');
  });
});

describe('prodguard mark takes effect at once', () => {
  it('a check right after marking sees the new mark, not the cached probe from before it', async () => {
    await sql(server.adminUrl, 'CREATE DATABASE freshly_marked OWNER app');
    const url = server.url.replace(/\/app(\?|$)/, '/freshly_marked$1');
    const env = cleanEnv(); // one state directory: the probe cache is shared by the three commands
    const before = runCli(['check', '--json', '--sql', 'TRUNCATE accounts', '--url', url], { env });
    expect(JSON.parse(before.stdout).verdict).toBe('allow');
    const mark = runCli(['mark', server.adminUrl.replace(/\/[^/?]*(\?|$)/, '/freshly_marked$1'), 'production'], { env });
    expect(mark.status).toBe(0);
    const after = runCli(['check', '--json', '--sql', 'TRUNCATE accounts', '--url', url], { env });
    const body = JSON.parse(after.stdout);
    expect(body.verdict).toBe('block');
    expect(body.targets[0].probe).toMatchObject({ status: 'ok', marker: 'production' });
  });
});
