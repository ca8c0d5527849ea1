// Database clients find their server in their own files: libpq's service file, MySQL's option
// files and login path file. The line is judged against the server those files name.
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/engine/check-line.js';
import { parseMysqlOptionFile, parsePgServiceFile } from '../../src/parse/client-files.js';
import { connectionFilesFor, type ConnectionFile } from '../../src/targets/connection-files.js';
import { extractInvocations } from '../../src/parse/invocations.js';
import { builtinRules } from '../helpers/rules.js';
import { sqlFactsForTest } from '../helpers/sql.js';

const rules = await builtinRules();
const sqlFor = await sqlFactsForTest();
const HOME = '/home/dev';

function service(text: string): ConnectionFile {
  return { kind: 'pg-service', sections: parsePgServiceFile(text) };
}

function options(file: string, text: string, loginFile = false): ConnectionFile {
  return { kind: 'mysql-options', options: parseMysqlOptionFile(text, { loginFile }).flatMap((line) => ('group' in line ? [{ ...line, file }] : [])) };
}

function judge(line: string, files: Record<string, ConnectionFile>, env: Record<string, string> = {}) {
  const analysis = checkLine(line, {
    rules,
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    home: HOME,
    cwd: HOME,
    hostname: 'laptop',
    connectionFiles: files,
    sqlFor,
  });
  return { analysis, database: analysis.targets.find((target) => target.kind === 'database') };
}

const PROD_SERVICE = { [`${HOME}/.pg_service.conf`]: service('[main]\nhost=db.prod.example.com\nport=5433\ndbname=app\nuser=app\npassword=pgS3cret\n') };

describe('PostgreSQL service files', () => {
  it.each([
    ["psql service=main -c 'DROP TABLE users'", {}],
    ["psql 'service=main' -c 'DROP TABLE users'", {}],
    ["psql -d 'postgres:///?service=main' -c 'DROP TABLE users'", {}],
    ["psql -c 'DROP TABLE users'", { PGSERVICE: 'main' }],
  ])('%s reaches the service host', (line, env) => {
    const { analysis, database } = judge(line, PROD_SERVICE, env);
    expect(analysis.verdict).toBe('block');
    expect(database).toMatchObject({ host: 'db.prod.example.com', port: 5433, database: 'app', environment: 'production' });
    expect(database!.from).toBe(`service "main" in ${HOME}/.pg_service.conf`);
  });

  it('flags on the line win over the service, as in libpq', () => {
    const { analysis, database } = judge("psql -h localhost service=main -c 'DROP TABLE users'", PROD_SERVICE);
    expect(database).toMatchObject({ host: 'localhost', database: 'app', environment: 'local' });
    expect(analysis.verdict).toBe('allow');
  });

  it("a connection string's own host beats -h, as psql hands it to libpq after its flags", () => {
    const { database } = judge("psql -h localhost 'service=main host=db2.prod.example.com' -c 'DROP TABLE users'", PROD_SERVICE);
    expect(database).toMatchObject({ host: 'db2.prod.example.com', environment: 'production' });
  });

  it('the service beats PGHOST (libpq reads the service before the environment)', () => {
    const { database } = judge("psql service=main -c 'DROP TABLE users'", PROD_SERVICE, { PGHOST: 'localhost' });
    expect(database?.host).toBe('db.prod.example.com');
  });

  it('PGSERVICEFILE names the user file; the system file is read when the service is not there', () => {
    const files = {
      '/srv/services.conf': service('[other]\nhost=localhost\n'),
      '/etc/postgresql-common/pg_service.conf': service('[main]\nhost=pg-live-1.internal\n'),
    };
    const { database } = judge("psql service=main -c 'DROP TABLE users'", files, { PGSERVICEFILE: '/srv/services.conf' });
    expect(database).toMatchObject({ host: 'pg-live-1.internal', environment: 'production' });
    expect(database!.from).toContain('/etc/postgresql-common/pg_service.conf');
    const viaSysconf = judge(
      "psql service=main -c 'DROP TABLE users'",
      { '/opt/pg/etc/pg_service.conf': service('[main]\nhost=db.stg.example.com\n') },
      { PGSYSCONFDIR: '/opt/pg/etc' },
    );
    expect(viaSysconf.database).toMatchObject({ host: 'db.stg.example.com', environment: 'staging' });
  });

  it('the section name is a name hint, with or without the file', () => {
    const found = judge("psql service=prod -c 'DROP TABLE users'", { [`${HOME}/.pg_service.conf`]: service('[prod]\nhost=10.0.4.12\n') });
    expect(found.database).toMatchObject({ host: '10.0.4.12', environment: 'production' });
    const missing = judge("psql service=prod -c 'DROP TABLE users'", {});
    expect(missing.database).toMatchObject({ unresolved: true, environment: 'production' });
    expect(missing.analysis.verdict).toBe('block');
  });

  it('a service no file defines is not this machine', () => {
    const { analysis, database } = judge("psql service=reports -c 'DROP TABLE users'", {});
    expect(database).toMatchObject({ unresolved: true, environment: 'unknown' });
    expect(analysis.verdict).not.toBe('allow');
  });

  it('never shows the service password', () => {
    const { analysis, database } = judge("psql service=main -c 'DROP TABLE users'", PROD_SERVICE);
    expect(JSON.stringify({ ...analysis.findings, url: database?.url, source: database?.source })).not.toContain('pgS3cret');
    expect(database!.secretUrl).toContain('pgS3cret');
  });

  it('a libpq keyword/value string names its own host (not "base")', () => {
    const { database } = judge("psql 'host=db1.prod.example.com dbname=app' -c 'DROP TABLE users'", {});
    expect(database).toMatchObject({ host: 'db1.prod.example.com', database: 'app', environment: 'production' });
  });
});

describe('an app reaching PostgreSQL through PGSERVICE', () => {
  it('a test suite or a reset with PGSERVICE reaches the service host (Travis 2018)', () => {
    const { analysis, database } = judge('PGSERVICE=main bundle exec rake db:reset', PROD_SERVICE);
    expect(analysis.verdict).toBe('block');
    expect(database).toMatchObject({ host: 'db.prod.example.com', environment: 'production', from: `service "main" in ${HOME}/.pg_service.conf` });
  });

  it('PGSERVICE from a .env file the runner loads counts too', () => {
    const analysis = checkLine('bundle exec rspec', {
      rules,
      env: { HOME, PATH: '/usr/bin:/bin' },
      home: HOME,
      cwd: HOME,
      hostname: 'laptop',
      envFiles: { [`${HOME}/.env.test`]: { PGSERVICE: 'main' } },
      connectionFiles: PROD_SERVICE,
      sqlFor,
    });
    expect(analysis.verdict).toBe('block');
    expect(analysis.targets.find((target) => target.kind === 'database')?.host).toBe('db.prod.example.com');
  });

  it('without the file the service stays unknown, as before', () => {
    expect(judge('PGSERVICE=main bundle exec rake db:reset', {}).database).toMatchObject({ unresolved: true, environment: 'unknown' });
  });
});

describe('MySQL option files', () => {
  it('~/.my.cnf [client] host is the server of a bare mysql', () => {
    const { analysis, database } = judge("mysql -e 'DROP DATABASE app'", {
      [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[client]\nhost=db.prod.example.com\npassword=myS3cret\n'),
    });
    expect(analysis.verdict).toBe('block');
    expect(database).toMatchObject({ host: 'db.prod.example.com', environment: 'production', from: `${HOME}/.my.cnf [client]` });
    expect(JSON.stringify(analysis.findings)).not.toContain('myS3cret');
  });

  it('a later file wins, and the command line wins over every file', () => {
    const files = {
      '/etc/mysql/my.cnf': options('/etc/mysql/my.cnf', '[client]\nhost=db.prod.example.com\n'),
      [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[mysql]\nhost=localhost\n'),
    };
    expect(judge("mysql -e 'DROP DATABASE app'", files).database).toMatchObject({ host: 'localhost', environment: 'local' });
    expect(
      judge("mysql -h 127.0.0.1 -e 'DROP DATABASE app'", { '/etc/my.cnf': options('/etc/my.cnf', '[client]\nhost=db.prod.example.com\n') }).database,
    ).toMatchObject({
      host: '127.0.0.1',
      environment: 'local',
    });
  });

  it('each client reads its own groups', () => {
    const files = { [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[mysqladmin]\nhost=db.prod.example.com\n[mysql]\nhost=localhost\n') };
    expect(judge('mysqladmin -f drop app', files).database?.host).toBe('db.prod.example.com');
    expect(judge("mysql -e 'DROP DATABASE app'", files).database?.host).toBe('localhost');
  });

  it('--defaults-file reads that file only; --defaults-extra-file adds one before ~/.my.cnf', () => {
    const files = {
      '/etc/mysql/prod.cnf': options('/etc/mysql/prod.cnf', '[client]\nhost=db.prod.example.com\n'),
      [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[client]\nuser=dev\n'),
      '/etc/my.cnf': options('/etc/my.cnf', '[client]\nhost=localhost\n'),
    };
    const only = judge("mysql --defaults-file=/etc/mysql/prod.cnf -e 'DROP DATABASE app'", files);
    expect(only.analysis.verdict).toBe('block');
    expect(only.database).toMatchObject({ host: 'db.prod.example.com', from: '/etc/mysql/prod.cnf [client]' });
    expect(judge("mysql --defaults-extra-file=/etc/mysql/prod.cnf -e 'DROP DATABASE app'", files).database?.host).toBe('db.prod.example.com');
    expect(judge("mysql --no-defaults -e 'DROP DATABASE app'", files).database?.host).toBeUndefined();
  });

  it('--defaults-group-suffix reads [client_SUFFIX] too', () => {
    const files = { [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[client]\nhost=localhost\n[client_live]\nhost=10.1.2.3\n') };
    expect(judge("mysql --defaults-group-suffix=_live -e 'DROP DATABASE app'", files).database?.host).toBe('10.1.2.3');
    expect(judge("mysql -e 'DROP DATABASE app'", files, { MYSQL_GROUP_SUFFIX: '_live' }).database?.host).toBe('10.1.2.3');
  });

  it('--login-path reads its group from ~/.mylogin.cnf, after the option files', () => {
    const files = {
      [`${HOME}/.my.cnf`]: options(`${HOME}/.my.cnf`, '[client]\nhost=localhost\n'),
      [`${HOME}/.mylogin.cnf`]: options(`${HOME}/.mylogin.cnf`, '[client]\nuser=dev\n[reports]\nhost="10.0.9.9"\npassword="x#y"\n', true),
    };
    const { database, analysis } = judge("mysql --login-path=reports -e 'DROP DATABASE app'", files);
    expect(database).toMatchObject({ host: '10.0.9.9', environment: 'unknown-remote', from: `${HOME}/.mylogin.cnf [reports]` });
    expect(analysis.verdict).not.toBe('allow');
  });

  it('the login path name is a name hint even when the file is not here', () => {
    const { analysis, database } = judge("mysql --login-path=prod -e 'DROP DATABASE app'", {});
    expect(database).toMatchObject({ alias: 'prod', environment: 'production' });
    expect(analysis.verdict).toBe('block');
  });
});

describe('which files the edge reads', () => {
  const requested = (line: string, env: Record<string, string> = {}) =>
    connectionFilesFor(extractInvocations(line, { env: { HOME, ...env }, cwd: HOME, home: HOME, envUnknown: false, envFiles: {} }).invocations, HOME).map(
      (request) => request.path,
    );

  it('reads nothing for a line without a database client, nor for a psql without a service', () => {
    expect(requested('ls -la')).toEqual([]);
    expect(requested("psql -c 'select 1'")).toEqual([]);
  });

  it('reads the service files of a psql with a service, and the option files of mysql in order', () => {
    expect(requested('psql service=main')).toEqual([`${HOME}/.pg_service.conf`, '/etc/postgresql-common/pg_service.conf']);
    expect(requested('mysql --defaults-extra-file=extra.cnf')).toEqual([
      '/etc/my.cnf',
      '/etc/mysql/my.cnf',
      `${HOME}/extra.cnf`,
      `${HOME}/.my.cnf`,
      `${HOME}/.mylogin.cnf`,
    ]);
    expect(requested('mysql', { MYSQL_TEST_LOGIN_FILE: '/tmp/login.cnf' }).at(-1)).toBe('/tmp/login.cnf');
  });

  it('reads service files for an app only when a rule judges its database', () => {
    const apps = (line: string, environments: boolean) =>
      connectionFilesFor(extractInvocations(line, { env: { HOME }, cwd: HOME, home: HOME, envUnknown: false, envFiles: {} }).invocations, HOME, {
        environments,
      }).length;
    expect(apps('PGSERVICE=main bundle exec rspec', true)).toBe(2);
    expect(apps('PGSERVICE=main ls', false)).toBe(0);
  });

  it('reads nothing for a client run on another machine', () => {
    expect(requested("ssh db1 mysql -e 'DROP DATABASE app'")).toEqual([]);
  });
});
