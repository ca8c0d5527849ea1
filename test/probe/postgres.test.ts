import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { markDatabase, probePostgres, redactSecrets, stripPassword } from '../../src/probe/postgres.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

let server: PostgresServer;

/** The server's `app` URL pointed at another database. */
function urlFor(database: string, password = server.password): string {
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  url.password = password;
  return url.toString();
}

async function admin<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(server.adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The superuser URL pointed at another database: marking needs a superuser on PostgreSQL 15+. */
function adminUrlFor(database: string): string {
  const url = new URL(server.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function freshDatabase(name: string): Promise<string> {
  await admin('postgres', (c) => c.query(`CREATE DATABASE ${name} OWNER ${server.user}`));
  return urlFor(name);
}

/** A port nobody listens on: bind a free one, then close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

function expectNoPassword(value: unknown, ...passwords: string[]): void {
  const text = JSON.stringify(value);
  for (const p of passwords) expect(text).not.toContain(p);
}

beforeAll(async () => {
  server = await requirePostgres();
});

afterAll(async () => {
  await server?.stop();
});

describe('probePostgres against a real server', () => {
  test('an unmarked database: ok, no marker, a primary', async () => {
    const url = await freshDatabase('unmarked');
    const result = await probePostgres(url, {});
    expect(result).toMatchObject({ status: 'ok', inRecovery: false });
    expect(result.marker).toBeUndefined();
    expect(result.markerSource).toBeUndefined();
    expect(typeof result.elapsedMs).toBe('number');
    expectNoPassword(result, server.password);
  });

  test('markDatabase(url, "production") is what the next probe reads', async () => {
    const url = await freshDatabase('marked');
    expect(await markDatabase(adminUrlFor('marked'), 'production')).toEqual({ database: 'marked' });
    // Another role, in a new session, sees it.
    const result = await probePostgres(url, {});
    expect(result).toMatchObject({
      status: 'ok',
      marker: 'production',
      markerSource: 'prodguard.environment',
      inRecovery: false,
    });
    // Marking again with another word replaces the marker.
    await markDatabase(adminUrlFor('marked'), 'staging');
    expect((await probePostgres(url, {})).marker).toBe('staging');
  });

  test('the owner needs SET ON PARAMETER to mark (PostgreSQL 15+); the error says how', async () => {
    const url = await freshDatabase('owner_marks');
    const version = await admin('postgres', (c) => c.query(`SELECT current_setting('server_version_num')::int AS v`));
    if (version.rows[0].v >= 150000) {
      await expect(markDatabase(url, 'production')).rejects.toThrow(
        /permission denied to set parameter "prodguard.environment".*GRANT SET ON PARAMETER prodguard.environment TO <role>/,
      );
      await admin('postgres', (c) => c.query(`GRANT SET ON PARAMETER prodguard.environment TO ${server.user}`));
    }
    expect(await markDatabase(url, 'production')).toEqual({ database: 'owner_marks' });
    expect((await probePostgres(url, {})).marker).toBe('production');
  });

  test('markDatabase quotes a database name that needs quoting', async () => {
    await admin('postgres', (c) => c.query(`CREATE DATABASE "Odd-Name db" OWNER ${server.user}`));
    const url = urlFor(encodeURIComponent('Odd-Name db'));
    expect(await markDatabase(adminUrlFor(encodeURIComponent('Odd-Name db')), 'test')).toEqual({ database: 'Odd-Name db' });
    expect(await probePostgres(url, {})).toMatchObject({ status: 'ok', marker: 'test' });
  });

  test('markDatabase refuses a word outside the fixed list, before connecting', async () => {
    await expect(markDatabase('postgresql://nobody@127.0.0.1:1/x', 'prod')).rejects.toThrow(
      /invalid environment "prod".*production, staging, development, test, local/,
    );
    await expect(markDatabase(urlFor('postgres'), "production'; DROP TABLE x; --")).rejects.toThrow(/invalid environment/);
  });

  test("Rails' ar_internal_metadata environment is reported", async () => {
    const url = await freshDatabase('rails_app');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE ar_internal_metadata (
      key varchar PRIMARY KEY, value varchar, created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL)`);
    await client.query(`INSERT INTO ar_internal_metadata VALUES ('environment', 'production', now(), now())`);
    await client.end();
    expect(await probePostgres(url, {})).toMatchObject({
      status: 'ok',
      marker: 'production',
      markerSource: 'ar_internal_metadata',
      inRecovery: false,
    });
  });

  test('the prodguard marker beats ar_internal_metadata, and a disagreement is noted', async () => {
    const url = await freshDatabase('both_markers');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar)`);
    await client.query(`INSERT INTO ar_internal_metadata VALUES ('environment', 'development')`);
    await client.end();
    await markDatabase(adminUrlFor('both_markers'), 'production');
    const result = await probePostgres(url, {});
    expect(result).toMatchObject({ status: 'ok', marker: 'production', markerSource: 'prodguard.environment' });
    expect(result.detail).toContain('ar_internal_metadata says "development"');
  });

  test('an unreadable ar_internal_metadata does not fail the probe', async () => {
    const url = await freshDatabase('rails_locked');
    await admin('rails_locked', async (c) => {
      await c.query(`CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar)`);
      await c.query(`INSERT INTO ar_internal_metadata VALUES ('environment', 'production')`);
      await c.query(`REVOKE ALL ON ar_internal_metadata FROM PUBLIC`);
    });
    const result = await probePostgres(url, {});
    expect(result.status).toBe('ok');
    expect(result.marker).toBeUndefined();
    expect(result.detail).toMatch(/ar_internal_metadata unreadable: permission denied/);
  });

  test('the probe session is read-only and leaves no connection behind', async () => {
    const url = urlFor(server.database);
    const before = tcpSockets();
    const result = await probePostgres(url, {});
    expect(result.status).toBe('ok');
    expect(tcpSockets()).toBe(before);
    const sessions = await admin('postgres', (c) => c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'prodguard'`));
    expect(sessions.rows[0].n).toBe(0);
  });

  test('a wrong password is an error whose detail names no password', async () => {
    const wrong = 'wr0ng-Pa55word';
    const url = urlFor(server.database, wrong);
    const before = tcpSockets();
    const result = await probePostgres(url, {});
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/password authentication failed for user "app"/);
    expectNoPassword(result, wrong, server.password);
    expect(tcpSockets()).toBe(before);

    const thrown = await markDatabase(url, 'production').then(
      () => undefined,
      (error: Error) => error,
    );
    expect(thrown?.message).toMatch(/could not mark the database: password authentication failed/);
    expect(thrown?.message).not.toContain(wrong);
  });

  test('a closed port is unreachable (and no socket is left open)', async () => {
    const port = await closedPort();
    const before = tcpSockets();
    const result = await probePostgres(`postgresql://app:${server.password}@127.0.0.1:${port}/app`, {});
    expect(result.status).toBe('unreachable');
    expect(result.detail).toContain('ECONNREFUSED');
    expectNoPassword(result, server.password);
    expect(tcpSockets()).toBe(before);
  });

  test('a server that accepts but never answers is unreachable at the timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await probePostgres(`postgresql://app:${server.password}@127.0.0.1:${port}/app`, {
        timeoutMs: 300,
      });
      expect(result.status).toBe('unreachable');
      expect(result.detail).toBe('no answer within 300 ms (connect timeout)');
      expectNoPassword(result, server.password);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('an unknown database is an error, not unreachable', async () => {
    const result = await probePostgres(urlFor('no_such_db'), {});
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/database "no_such_db" does not exist/);
  });
});

describe('redactSecrets / stripPassword', () => {
  test('URL userinfo, keyword and query passwords are masked', () => {
    expect(redactSecrets('failed for postgres://u:p%40ss@h:5432/db')).toBe('failed for postgres://u:***@h:5432/db');
    expect(redactSecrets("host=db password='a b' user=x")).toBe('host=db password=*** user=x');
    expect(redactSecrets('postgres://h/db?sslmode=require&password=hunter2')).toBe('postgres://h/db?sslmode=require&password=***');
    // A driver that echoes the bare password is masked too, given the URL it came from.
    expect(redactSecrets('bad token hunter22 here', 'postgres://u:hunter22@h/db')).toBe('bad token *** here');
  });

  test('stripPassword keeps everything but the password', () => {
    expect(stripPassword('postgres://u:secret@h:5/db?password=x&sslmode=require')).toBe('postgres://u@h:5/db?sslmode=require');
    expect(stripPassword('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
