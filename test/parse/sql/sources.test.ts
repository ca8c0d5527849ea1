import { describe, expect, it } from 'vitest';
import { sqlSourcesOf } from '../../../src/parse/sql/sources.js';
import type { ExpandedWord, Invocation, StdinSource } from '../../../src/types.js';

function word(value: string, dynamic = false): ExpandedWord {
  return { value, text: value, dynamic, unsetVariables: [], variables: [], glob: false, pos: 0, end: value.length };
}

function inv(name: string, args: (string | ExpandedWord)[], stdin?: StdinSource): Invocation {
  const words = args.map((a) => (typeof a === 'string' ? word(a) : a));
  return {
    name,
    command: word(name),
    args: words,
    env: {},
    assigned: {},
    envUnknown: false,
    cwd: '/home/dev/app',
    host: { kind: 'local' },
    via: [],
    ...(stdin ? { stdin } : {}),
    pos: 0,
    end: 0,
  };
}

describe('sqlSourcesOf: psql', () => {
  it('reads -c SQL, --command=SQL and -cSQL, in order', () => {
    const sources = sqlSourcesOf(inv('psql', ['-c', 'SELECT 1', '--command=DROP TABLE users', '-cTRUNCATE t', 'mydb']));
    expect(sources).toEqual([
      { language: 'sql', dialect: 'postgres', text: 'SELECT 1', origin: 'psql -c' },
      { language: 'sql', dialect: 'postgres', text: 'DROP TABLE users', origin: 'psql -c' },
      { language: 'sql', dialect: 'postgres', text: 'TRUNCATE t', origin: 'psql -c' },
    ]);
  });

  it('reads -c inside grouped flags (psql -tAc)', () => {
    expect(sqlSourcesOf(inv('psql', ['-h', 'db1', '-tAc', 'DELETE FROM users']))).toEqual([
      { language: 'sql', dialect: 'postgres', text: 'DELETE FROM users', origin: 'psql -c' },
    ]);
  });

  it('does not take the value of another option for SQL', () => {
    expect(sqlSourcesOf(inv('psql', ['-U', '-c', 'postgres://db1/app']))[0]).toMatchObject({ interactive: true });
  });

  it('accepts a unique long-option prefix (--comm)', () => {
    expect(sqlSourcesOf(inv('psql', ['--comm', 'DROP DATABASE x']))[0]).toMatchObject({ text: 'DROP DATABASE x' });
  });

  it('resolves -f FILE and --file=FILE against the working directory', () => {
    expect(sqlSourcesOf(inv('psql', ['-f', 'db/seed.sql', '--file=/tmp/wipe.sql']))).toEqual([
      { language: 'sql', dialect: 'postgres', file: '/home/dev/app/db/seed.sql', origin: 'psql -f' },
      { language: 'sql', dialect: 'postgres', file: '/tmp/wipe.sql', origin: 'psql -f' },
    ]);
  });

  it('reads -f - from standard input', () => {
    expect(sqlSourcesOf(inv('psql', ['-f', '-'], { kind: 'heredoc', text: 'DROP TABLE users;\n' }))).toEqual([
      { language: 'sql', dialect: 'postgres', text: 'DROP TABLE users;\n', origin: 'heredoc' },
    ]);
  });

  it('reads a heredoc, a herestring and `< file.sql`', () => {
    expect(sqlSourcesOf(inv('psql', ['app'], { kind: 'heredoc', text: 'TRUNCATE users;' }))).toEqual([
      { language: 'sql', dialect: 'postgres', text: 'TRUNCATE users;', origin: 'heredoc' },
    ]);
    expect(sqlSourcesOf(inv('psql', [], { kind: 'herestring', text: 'SELECT 1' }))[0]).toMatchObject({ text: 'SELECT 1', origin: 'herestring' });
    expect(sqlSourcesOf(inv('psql', ['app'], { kind: 'file', path: 'dump.sql' }))).toEqual([
      { language: 'sql', dialect: 'postgres', file: '/home/dev/app/dump.sql', origin: '< file' },
    ]);
  });

  it('ignores standard input when -c is given', () => {
    expect(sqlSourcesOf(inv('psql', ['-c', 'SELECT 1'], { kind: 'heredoc', text: 'DROP TABLE users' }))).toHaveLength(1);
  });

  it('says a pipe it cannot see is unknown', () => {
    expect(sqlSourcesOf(inv('psql', ['app'], { kind: 'pipe' }))).toEqual([{ language: 'sql', dialect: 'postgres', unknown: true, origin: 'pipe' }]);
  });

  it('says psql with no SQL is an interactive session', () => {
    expect(sqlSourcesOf(inv('psql', ['-h', 'db1.prod', 'app']))).toEqual([{ language: 'sql', dialect: 'postgres', interactive: true, origin: 'psql' }]);
  });

  it('marks SQL that is partly unknown (command substitution) as dynamic', () => {
    expect(sqlSourcesOf(inv('psql', ['-c', word('DELETE FROM ', true)]))[0]).toMatchObject({ dynamic: true });
  });

  it('takes positionals after options too (getopt permutes)', () => {
    expect(sqlSourcesOf(inv('psql', ['app', '-c', 'DROP TABLE t']))[0]).toMatchObject({ text: 'DROP TABLE t' });
  });
});

describe('sqlSourcesOf: mysql', () => {
  it('reads -e SQL, -eSQL, --execute=SQL and --execute SQL', () => {
    const sources = sqlSourcesOf(inv('mysql', ['-e', 'STOP SLAVE', '-eRESET SLAVE ALL', '--execute=SELECT 1', '--execute', 'SELECT 2']));
    expect(sources.map((s) => ('text' in s ? s.text : ''))).toEqual(['STOP SLAVE', 'RESET SLAVE ALL', 'SELECT 1', 'SELECT 2']);
    expect(sources.every((s) => s.language === 'sql' && s.dialect === 'mysql')).toBe(true);
  });

  it('reads -e in grouped flags and does not take -p for a separate value', () => {
    expect(sqlSourcesOf(inv('mysql', ['-u', 'root', '-p', '-NBe', 'DROP DATABASE shop']))).toEqual([
      { language: 'sql', dialect: 'mysql', text: 'DROP DATABASE shop', origin: 'mysql -e' },
    ]);
  });

  it('reads standard input and --init-command', () => {
    expect(sqlSourcesOf(inv('mysql', ['--init-command=SET sql_log_bin=0', 'shop'], { kind: 'file', path: '/backups/shop.sql' }))).toEqual([
      { language: 'sql', dialect: 'mysql', text: 'SET sql_log_bin=0', origin: 'mysql --init-command' },
      { language: 'sql', dialect: 'mysql', file: '/backups/shop.sql', origin: '< file' },
    ]);
  });

  it('says mysql with no SQL is interactive, for mariadb too', () => {
    expect(sqlSourcesOf(inv('mariadb', ['-h', 'db1', 'shop']))).toEqual([{ language: 'sql', dialect: 'mysql', interactive: true, origin: 'mysql' }]);
  });
});

describe('sqlSourcesOf: mongo shells', () => {
  it('reads --eval JS and FILE.js for mongosh', () => {
    expect(sqlSourcesOf(inv('mongosh', ['mongodb://db1/app', '--eval', 'db.dropDatabase()', 'scripts/cleanup.js']))).toEqual([
      { language: 'mongo', text: 'db.dropDatabase()', origin: 'mongosh --eval' },
      { language: 'mongo', file: '/home/dev/app/scripts/cleanup.js', origin: 'mongosh FILE.js' },
    ]);
  });

  it('reads the legacy mongo shell and its heredoc', () => {
    expect(sqlSourcesOf(inv('mongo', ['--eval=db.users.drop()']))[0]).toMatchObject({ language: 'mongo', text: 'db.users.drop()' });
    expect(sqlSourcesOf(inv('mongo', ['app'], { kind: 'heredoc', text: 'db.users.remove({})' }))).toEqual([
      { language: 'mongo', text: 'db.users.remove({})', origin: 'heredoc' },
    ]);
  });

  it('does not mistake the connection string or an option value for a script', () => {
    expect(sqlSourcesOf(inv('mongosh', ['--host', 'x.js', 'mongodb://db1/app']))).toEqual([{ language: 'mongo', interactive: true, origin: 'mongosh' }]);
  });
});

describe('sqlSourcesOf: not SQL', () => {
  it('ignores pg_restore --clean and commands that run no SQL', () => {
    expect(sqlSourcesOf(inv('pg_restore', ['--clean', '-d', 'app', 'dump.tar']))).toEqual([]);
    expect(sqlSourcesOf(inv('pg_restore', ['-c', 'dump.tar']))).toEqual([]);
    expect(sqlSourcesOf(inv('echo', ['DROP TABLE users']))).toEqual([]);
    expect(sqlSourcesOf(inv('psql', ['--version']))).toEqual([]);
  });
});
