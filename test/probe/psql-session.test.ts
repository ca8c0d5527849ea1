import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readOnlyBanner, readOnlySessionEnv, writableBanner } from '../../src/act/psql-session.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

let server: PostgresServer;
let psql: string;

beforeAll(async () => {
  server = await requirePostgres();
  psql = existsSync(join(server.binDir, 'psql')) ? join(server.binDir, 'psql') : 'psql';
});

afterAll(async () => {
  await server?.stop();
});

function runPsql(sql: string, extraEnv: Record<string, string>) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extraEnv };
  const r = spawnSync(psql, ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', server.url, '-c', sql], {
    encoding: 'utf8',
    env,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe('readOnlySessionEnv / readOnlyBanner', () => {
  test('sets PGOPTIONS, keeping what is already there', () => {
    expect(readOnlySessionEnv({})).toEqual({ PGOPTIONS: '-c default_transaction_read_only=on' });
    expect(readOnlySessionEnv({ PGOPTIONS: '-c search_path=billing ', HOME: '/root' })).toEqual({
      PGOPTIONS: '-c search_path=billing -c default_transaction_read_only=on',
    });
  });

  test('the banner names the database, the host and the deliberate way to write', () => {
    const banner = readOnlyBanner('billing', 'db1.example.com');
    expect(banner).toContain('"billing"');
    expect(banner).toContain('db1.example.com');
    expect(banner).toContain('READ-ONLY');
    expect(banner).toContain('prodguard psql --writable');
  });

  test('the writable banner says writable, the environment, the database and the host', () => {
    const banner = writableBanner('billing', 'db1.example.com', 'production');
    expect(banner).toContain('WRITABLE session on production database "billing" at db1.example.com');
    expect(banner).not.toContain('READ-ONLY');
  });
});

describe('a real psql session with that environment', () => {
  test('SELECT works; INSERT and CREATE TABLE fail as read-only', () => {
    // Control: the same role can write without the read-only environment.
    const setup = runPsql('CREATE TABLE notes (body text)', {});
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);

    const ro = readOnlySessionEnv({});
    const select = runPsql('SELECT count(*) FROM notes', ro);
    expect(select).toMatchObject({ status: 0, stdout: '0' });

    const insert = runPsql("INSERT INTO notes VALUES ('hi')", ro);
    expect(insert.status).not.toBe(0);
    expect(insert.stderr).toMatch(/cannot execute INSERT in a read-only transaction/);

    const create = runPsql('CREATE TABLE other (a int)', ro);
    expect(create.status).not.toBe(0);
    expect(create.stderr).toMatch(/cannot execute CREATE TABLE in a read-only transaction/);
  });

  test('existing PGOPTIONS still apply alongside read-only', () => {
    const env = readOnlySessionEnv({ PGOPTIONS: '-c search_path=billing,public' });
    const r = runPsql("SELECT current_setting('search_path') || ' ' || current_setting('default_transaction_read_only')", env);
    expect(r).toMatchObject({ status: 0, stdout: 'billing,public on' });
  });
});
