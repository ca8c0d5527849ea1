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
