import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectDataDirectory, type DataDirectoryFs } from '../../src/probe/data-directory.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

let server: PostgresServer;
let scratch: string;

beforeAll(async () => {
  server = await requirePostgres();
  scratch = mkdtempSync(join(tmpdir(), 'prodguard-datadir-'));
});

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function fakeDataDir(path: string, files: Record<string, string>): string {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'PG_VERSION'), '15\n');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(path, name), content);
  return path;
}

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('inspectDataDirectory', () => {
  test("the real server's data directory: a running primary", () => {
    const r = inspectDataDirectory(server.dataDir);
    expect(r).toMatchObject({ isPostgresDataDirectory: true, running: true, role: 'primary', dataDirectory: server.dataDir });
    expect(r.pid).toBeGreaterThan(0);
    expect(r.evidence.join('\n')).toContain(`status "ready"`);
    expect(r.evidence.join('\n')).toContain(`port ${server.port}`);
  });

  test('a parent directory: the cluster one level down is found', () => {
    const r = inspectDataDirectory(dirname(server.dataDir));
    expect(r).toMatchObject({ isPostgresDataDirectory: true, running: true, role: 'primary', dataDirectory: server.dataDir });
    expect(r.evidence[0]).toBe(`${dirname(server.dataDir)} contains a data directory`);
  });

  test('PG_VERSION + standby.signal and no server: a replica, not running', () => {
    const dir = fakeDataDir(join(scratch, 'standby'), { 'standby.signal': '' });
    const r = inspectDataDirectory(dir);
    expect(r).toMatchObject({ isPostgresDataDirectory: true, running: false, role: 'replica' });
    expect(r.pid).toBeUndefined();
  });

  test('recovery.conf (PostgreSQL ≤ 11) also means replica', () => {
    const dir = fakeDataDir(join(scratch, 'old-standby'), { 'recovery.conf': "standby_mode = 'on'\n" });
    expect(inspectDataDirectory(dir).role).toBe('replica');
  });

  test('a stale postmaster.pid is not a running server', () => {
    const pid = deadPid();
    const dir = fakeDataDir(join(scratch, 'stale'), { 'postmaster.pid': `${pid}\n/x\n1\n5432\n/tmp\n*\n1 2\nready   \n` });
    const r = inspectDataDirectory(dir);
    expect(r).toMatchObject({ isPostgresDataDirectory: true, running: false, pid, role: 'primary' });
    expect(r.evidence.join('\n')).toContain('stale pid file');
  });

  test('a running server whose pid file says "standby" is a replica', () => {
    const dir = fakeDataDir(join(scratch, 'hot-standby'), {
      'postmaster.pid': `${process.pid}\n/x\n1\n5432\n/tmp\n*\n1 2\nstandby \n`,
    });
    expect(inspectDataDirectory(dir)).toMatchObject({ running: true, pid: process.pid, role: 'replica' });
  });

  test('a Debian layout: /var/lib/postgresql/15 with main/ (and a second cluster)', () => {
    const version = join(scratch, 'var-lib-postgresql', '15');
    fakeDataDir(join(version, 'replica2'), { 'standby.signal': '' });
    fakeDataDir(join(version, 'main'), { 'postmaster.pid': `${process.pid}\n` });
    const r = inspectDataDirectory(version);
    expect(r).toMatchObject({ running: true, role: 'primary', dataDirectory: join(version, 'main') });
    expect(r.evidence[0]).toBe(`${version} contains 2 data directories`);
  });

  test('not a data directory', () => {
    const dir = join(scratch, 'plain');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    expect(inspectDataDirectory(dir)).toMatchObject({ isPostgresDataDirectory: false, running: false, role: 'unknown' });
    expect(inspectDataDirectory(join(scratch, 'missing'))).toMatchObject({ isPostgresDataDirectory: false });
  });

  test('an injected fs: permission denied is reported, not thrown', () => {
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const fs: DataDirectoryFs = {
      existsSync: ((p: string) => p.endsWith('PG_VERSION')) as DataDirectoryFs['existsSync'],
      readFileSync: (() => {
        throw denied;
      }) as DataDirectoryFs['readFileSync'],
      readdirSync: (() => []) as unknown as DataDirectoryFs['readdirSync'],
      statSync: (() => ({ isDirectory: () => true })) as unknown as DataDirectoryFs['statSync'],
    };
    const r = inspectDataDirectory('/var/lib/postgresql/15/main', fs);
    expect(r).toMatchObject({ isPostgresDataDirectory: false, role: 'unknown' });
    expect(r.evidence[0]).toContain('permission denied');
  });
});
