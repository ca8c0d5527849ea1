// The clients' own connection files, read as the clients read them: libpq's pg_service.conf and
// keyword/value strings, MySQL's option files and mysql_config_editor's obfuscated login file.
import { describe, expect, it } from 'vitest';
import { decodeMyloginFile, parseMysqlOptionFile, parsePgServiceFile } from '../../src/parse/client-files.js';
import { parseConnectionString, parseKeywordValue } from '../../src/parse/connection.js';
import { myloginFile } from '../helpers/mylogin.js';

describe('pg_service.conf', () => {
  it('reads sections of keyword=value lines, skipping comments and blank lines', () => {
    const text = '# services\n[main]\nhost=db.prod.example.com\nport=5433\n\n  dbname = app  \n[ci]\nhost=localhost\n';
    expect(parsePgServiceFile(text)).toEqual({ main: { host: 'db.prod.example.com', port: '5433', dbname: 'app' }, ci: { host: 'localhost' } });
  });

  it('keeps the first section of a name, as libpq stops at it', () => {
    expect(parsePgServiceFile('[a]\nhost=first\n[a]\nhost=second\n')).toEqual({ a: { host: 'first' } });
  });

  it('ignores lines before any section and lines without =', () => {
    expect(parsePgServiceFile('host=nowhere\n[a]\nnonsense\nuser=app\n')).toEqual({ a: { user: 'app' } });
  });
});

describe('libpq keyword/value connection strings', () => {
  it('reads quoted values and backslash escapes', () => {
    expect(parseKeywordValue("host=db1 dbname='my app' password='it\\'s' user = x")).toEqual({ host: 'db1', dbname: 'my app', password: "it's", user: 'x' });
  });

  it('rejects a keyword without = and an unterminated quote', () => {
    expect(parseKeywordValue('host db1')).toBeUndefined();
    expect(parseKeywordValue("host='db1")).toBeUndefined();
  });

  it('is a connection with the service, host and database, and no password on display', () => {
    const connection = parseConnectionString("service=main host=db1.prod.example.com dbname=app user=app password='s3 cret'")!;
    expect(connection).toMatchObject({ engine: 'postgres', service: 'main', host: 'db1.prod.example.com', database: 'app', user: 'app' });
    expect(connection.url).toBe('service=main host=db1.prod.example.com dbname=app user=app password=***');
    // The probe's driver reads URLs: the same settings as one, password kept for it alone.
    expect(connection.secretUrl).toBe('postgres://app:s3%20cret@db1.prod.example.com/app');
  });

  it('reads service= from a URL too', () => {
    expect(parseConnectionString('postgres:///?service=main')).toMatchObject({ service: 'main' });
  });
});

describe('MySQL option files', () => {
  it('reads groups, options and flags in file order, normalising names', () => {
    const text = '[client]\nhost = db1.prod.example.com\nport=3307\nskip_ssl\n[mysql]\nloose_default_character_set=utf8mb4\n';
    expect(parseMysqlOptionFile(text)).toEqual([
      { group: 'client', key: 'host', value: 'db1.prod.example.com' },
      { group: 'client', key: 'port', value: '3307' },
      { group: 'client', key: 'skip-ssl' },
      { group: 'mysql', key: 'default-character-set', value: 'utf8mb4' },
    ]);
  });

  it('removes quotes, reads escapes and ends an unquoted value at #', () => {
    const lines = parseMysqlOptionFile('[client]\npassword="p#ss\\"word"\nhost=db1 # the primary\nuser=\'a\\sb\'\n; comment\n# comment\n');
    expect(lines).toEqual([
      { group: 'client', key: 'password', value: 'p#ss"word' },
      { group: 'client', key: 'host', value: 'db1' },
      { group: 'client', key: 'user', value: 'a b' },
    ]);
  });

  it('keeps !include and !includedir directives where they are', () => {
    expect(parseMysqlOptionFile('!includedir /etc/mysql/conf.d/\n[client]\n!include /etc/mysql/extra.cnf\n')).toEqual([
      { includedir: '/etc/mysql/conf.d/' },
      { include: '/etc/mysql/extra.cnf' },
    ]);
  });

  it('has no comments in the login file', () => {
    expect(parseMysqlOptionFile('[prod]\npassword = a#b\n', { loginFile: true })).toEqual([{ group: 'prod', key: 'password', value: 'a#b' }]);
  });
});

describe('~/.mylogin.cnf', () => {
  it('decodes the file mysql_config_editor writes', () => {
    const text = '[client]\nuser = "root"\n[prod]\nuser = "app"\npassword = "s3cret"\nhost = "db1.prod.example.com"\nport = 3306\n';
    expect(decodeMyloginFile(myloginFile(text))).toBe(text);
    expect(parseMysqlOptionFile(decodeMyloginFile(myloginFile(text))!, { loginFile: true })).toContainEqual({
      group: 'prod',
      key: 'host',
      value: 'db1.prod.example.com',
    });
  });

  it('a file that is not one decodes to nothing', () => {
    expect(decodeMyloginFile(Buffer.from('[client]\nhost=db1\n'))).toBeUndefined();
    expect(decodeMyloginFile(Buffer.alloc(10))).toBeUndefined();
    const wrongKey = myloginFile('[client]\nhost=db1\n', Buffer.alloc(20, 7));
    wrongKey[10]! ^= 0xff;
    expect(decodeMyloginFile(wrongKey)).toBeUndefined();
  });
});
