// Path classes decide the filesystem rules: each case is a path a person might type.
import { describe, expect, it } from 'vitest';
import { classifyPath } from '../../src/targets/paths.js';
import type { ExpandedWord } from '../../src/types.js';

function word(value: string, extra: Partial<ExpandedWord> = {}): ExpandedWord {
  return { value, text: value, dynamic: false, unsetVariables: [], variables: [], glob: false, pos: 0, end: 0, ...extra };
}

const context = { cwd: '/home/dev/project', home: '/home/dev', env: { PGDATA: '/srv/pg/data' } };

describe('classifyPath', () => {
  it.each([
    ['/', 'root'],
    ['//', 'root'],
    ['/*', 'root'],
    ['/dev/sda', 'device'],
    ['/dev/nvme0n1p1', 'device'],
    ['/var/lib/postgresql/15/main', 'data-directory'],
    ['/var/opt/gitlab/postgresql/data/*', 'data-directory'],
    ['/srv/pg/data', 'data-directory'],
    ['/var/lib/postgresql', 'data-directory'],
    ['/tmp/x/pgdata/15/main', 'data-directory'],
    ['/var/opt', 'system'],
    ['/usr', 'system'],
    ['/etc/*', 'system'],
    ['/home/dev', 'home'],
    ['~', 'other'],
    ['/home/alice', 'home'],
    ['node_modules', 'other'],
    ['/var/lib/postgresql-backups-old/tmp', 'other'],
    ['/tmp/build', 'other'],
  ])('%s is %s', (path, expected) => {
    expect(classifyPath(word(path), context).class).toBe(expected);
  });

  it.each([
    ['/var/lib/postgresql/15/main.old', 'data-directory-leftover', 'aside'],
    ['/var/lib/postgresql/15/main_2024-01-15/base', 'data-directory-leftover', 'aside'],
    ['/var/lib/postgresql/15/main/log/*', 'data-directory-leftover', 'log'],
    ['/var/lib/postgresql/15/main/pg_log/postgresql.log.1', 'data-directory-leftover', 'log'],
    ['/var/lib/postgresql/15/main/pg_wal/*', 'data-directory', 'wal'],
    ['/var/lib/mysql/ib_logfile0', 'data-directory', 'wal'], // InnoDB's redo log before 8.0.30,
    ['/srv/x/pgdata/log/postgresql.log', 'data-directory-leftover', 'log'],
  ])('%s is %s (%s)', (path, expected, part) => {
    expect(classifyPath(word(path), context)).toMatchObject({ class: expected, part });
  });

  it('what the disk says: markers make any directory a data directory; a running copy is the database', () => {
    const fact = { exists: true, engine: 'postgresql', root: '/data/pg', relation: 'is' as const, running: false, role: 'primary' as const, evidence: [] };
    const disk = (entries: [string, typeof fact][]) => ({ ...context, dataDirectories: new Map(entries) });
    expect(classifyPath(word('/data/pg'), context).class).toBe('other');
    expect(classifyPath(word('/data/pg'), disk([['/data/pg', fact]]))).toMatchObject({ class: 'data-directory', dataDirectory: '/data/pg' });
    const inside = { ...fact, relation: 'inside' as const };
    expect(classifyPath(word('/data/pg/pg_wal'), disk([['/data/pg/pg_wal', inside]]))).toMatchObject({ class: 'data-directory', part: 'wal' });
    const old = { ...fact, root: '/data/pg.old' };
    expect(classifyPath(word('/data/pg.old'), disk([['/data/pg.old', old]])).class).toBe('data-directory-leftover');
    const oldRunning = { ...old, running: true };
    expect(
      classifyPath(
        word('/var/lib/postgresql/15/main.old'),
        disk([['/var/lib/postgresql/15/main.old', { ...oldRunning, root: '/var/lib/postgresql/15/main.old' }]]),
      ).class,
    ).toBe('data-directory');
  });

  it('a root made by an unset variable names the variable', () => {
    const classified = classifyPath(word('/', { text: '"$BUILD_DIR/"', unsetVariables: ['BUILD_DIR'] }), context);
    expect(classified).toMatchObject({ class: 'unset-root', variable: 'BUILD_DIR' });
    expect(classified.detail).toContain('$BUILD_DIR is unset');
  });

  it('a relative path resolves against the working directory', () => {
    expect(classifyPath(word('15/main'), { ...context, cwd: '/var/lib/postgresql' }).class).toBe('data-directory');
    expect(classifyPath(word('*'), { ...context, cwd: '/' }).class).toBe('root');
  });

  it('a remote $PGDATA is a data directory though its value is unknown', () => {
    expect(classifyPath(word('$PGDATA', { dynamic: true, variables: ['PGDATA'] }), context).class).toBe('data-directory');
  });
});
