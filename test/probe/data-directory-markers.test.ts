// The disk probe on real temporary directories: markers of each engine make a directory a data
// directory wherever it lives; a live pid (this test's own) makes it running; standby.signal a
// replica; a path that is not there, or holds nothing, says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectDataDirectory, type DataDirectoryFs } from '../../src/probe/data-directory.js';
import { DATA_ENGINES, isAsideName } from '../../src/knowledge/data-directories.js';
import { tempDir } from '../helpers/cli.js';

function make(root: string, files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    if (name.endsWith('/')) mkdirSync(join(root, name), { recursive: true });
    else writeFileSync(join(root, name), content);
  }
  return root;
}

describe('markers anywhere', () => {
  it.each([
    ['postgresql', { PG_VERSION: '15\n', 'base/1/': '' }],
    ['mysql', { ibdata1: '', 'auto.cnf': '' }],
    ['mysql', { 'app/users.ibd': '', 'shop.ibd': '' }],
    ['mongodb', { WiredTiger: 'WiredTiger\n', 'storage.bson': '' }],
    ['redis', { 'dump.rdb': 'REDIS0009' }],
    ['etcd', { 'member/snap/db': '' }],
    ['elasticsearch', { 'nodes/0/_state/': '' }],
  ])('a directory holding %s markers is that engine’s data directory', (engine, files) => {
    const dir = make(join(tempDir(), 'data', 'store'), files);
    expect(inspectDataDirectory(dir)).toMatchObject({ exists: true, engine, relation: 'is', root: dir });
  });

  it('every engine with markers names them as data (one table for names and disk)', () => {
    for (const spec of DATA_ENGINES) expect(Array.isArray(spec.markers)).toBe(true);
    expect(DATA_ENGINES.find((s) => s.engine === 'postgresql')?.markers).toContain('PG_VERSION');
  });

  it('a path inside a PostgreSQL data directory is found from below', () => {
    const dir = make(join(tempDir(), 'pg'), { PG_VERSION: '15\n', 'pg_wal/000000010000000000000001': '' });
    const r = inspectDataDirectory(join(dir, 'pg_wal'));
    expect(r).toMatchObject({ engine: 'postgresql', relation: 'inside', root: dir });
    expect(r.evidence[0]).toBe(`${join(dir, 'pg_wal')} is inside ${dir}`);
  });

  it('a directory holding a cluster two levels down (Debian: /var/lib/postgresql/15/main)', () => {
    const home = tempDir();
    make(join(home, '15', 'main'), { PG_VERSION: '15\n', 'postmaster.pid': `${process.pid}\n/x\n1\n5432\n/tmp\n*\n1 2\nready   \n` });
    expect(inspectDataDirectory(home)).toMatchObject({ engine: 'postgresql', relation: 'holds', running: true, role: 'primary' });
  });

  it('inside a directory where redis once wrote dump.rdb is not "inside a database"', () => {
    const project = make(tempDir(), { 'dump.rdb': '', 'node_modules/x/index.js': '' });
    const r = inspectDataDirectory(join(project, 'node_modules'));
    expect(r.exists).toBe(true);
    expect(r.engine).toBeUndefined();
  });

  it('postgresql.conf alone is a configuration directory, not data (/etc/postgresql/15/main)', () => {
    const dir = make(tempDir(), { 'postgresql.conf': '', 'pg_hba.conf': '' });
    expect(inspectDataDirectory(dir).engine).toBeUndefined();
  });
});

describe('state', () => {
  it('postmaster.pid with a live pid: a running primary', () => {
    const dir = make(tempDir(), { PG_VERSION: '15\n', 'postmaster.pid': `${process.pid}\n/x\n1\n5432\n/tmp\n*\n1 2\nready   \n` });
    expect(inspectDataDirectory(dir)).toMatchObject({ running: true, role: 'primary', pid: process.pid });
  });

  it('standby.signal: a replica; no postmaster.pid: stopped', () => {
    const dir = make(tempDir(), { PG_VERSION: '15\n', 'standby.signal': '' });
    expect(inspectDataDirectory(dir)).toMatchObject({ running: false, role: 'replica' });
  });

  it('MySQL: a pid file with a live pid is running; relay logs make it a replica', () => {
    const dir = make(tempDir(), { ibdata1: '', 'db1.pid': `${process.pid}\n` });
    expect(inspectDataDirectory(dir)).toMatchObject({ engine: 'mysql', running: true, role: 'primary' });
    make(dir, { 'db1-relay-bin.index': '' });
    expect(inspectDataDirectory(dir)).toMatchObject({ engine: 'mysql', running: true, role: 'replica' });
  });

  it('MongoDB: a non-empty mongod.lock is a running server, an empty one is not', () => {
    const dir = make(tempDir(), { WiredTiger: '', 'mongod.lock': `${process.pid}\n` });
    expect(inspectDataDirectory(dir)).toMatchObject({ engine: 'mongodb', running: true });
    make(dir, { 'mongod.lock': '' });
    expect(inspectDataDirectory(dir)).toMatchObject({ engine: 'mongodb', running: false });
  });

  it('a path that does not exist, and a directory with no markers', () => {
    const root = tempDir();
    expect(inspectDataDirectory(join(root, 'missing'))).toMatchObject({ exists: false, running: false });
    mkdirSync(join(root, 'empty'));
    expect(inspectDataDirectory(join(root, 'empty'))).toMatchObject({ exists: true, running: false });
    expect(inspectDataDirectory(join(root, 'empty')).engine).toBeUndefined();
  });
});

describe('copies moved aside', () => {
  it.each([
    ['main.old', true],
    ['main.bak', true],
    ['data.orig', true],
    ['main_2024', true],
    ['main_2024-01-15', true],
    ['main-20240115', true],
    ['main~', true],
    ['main', false],
    ['15', false],
    ['pg_wal', false],
    ['mysql-bin.000001', false],
  ])('%s is aside: %s', (name, aside) => {
    expect(isAsideName(name)).toBe(aside);
  });

  it('a data file with a date-like number is data, not a copy', () => {
    expect(isAsideName('collection-0-2024051234.wt', true)).toBe(false);
    expect(isAsideName('index-3-2019.wt', true)).toBe(false);
  });
});

describe('a directory we may not read', () => {
  it('owned by postgres (mode 0700, we are not root): most likely PostgreSQL data, state unknown', () => {
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const fs: DataDirectoryFs = {
      existsSync: (() => false) as DataDirectoryFs['existsSync'],
      readFileSync: ((path: string) => {
        if (path === '/etc/passwd') return 'root:x:0:0::/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n';
        throw denied;
      }) as DataDirectoryFs['readFileSync'],
      readdirSync: (() => {
        throw denied;
      }) as unknown as DataDirectoryFs['readdirSync'],
      statSync: (() => ({ isDirectory: () => true, uid: 101 })) as unknown as DataDirectoryFs['statSync'],
    };
    const r = inspectDataDirectory('/srv/cluster-a', fs);
    expect(r).toMatchObject({ exists: true, unreadable: true, engine: 'postgresql', relation: 'owned', running: false });
    expect(r.evidence[0]).toContain('owned by postgres');
  });
});
