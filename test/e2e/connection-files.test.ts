// Database clients find their server in their own files. End to end through the built binary
// with HOME and the environment pointing at real files: the verdict, the host and the file named
// in the output, and no password from those files anywhere in stdout, stderr or JSON. Then a real
// PostgreSQL server reached only through a service file: the probe connects as psql would, and
// `run` hands the same file to the real libpq.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { myloginFile } from '../helpers/mylogin.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

const SECRETS = ['pgSvcS3cret', 'myCnfS3cret', 'loginS3cret', 'incS3cret'];

function check(line: string, files: Record<string, string | Buffer>, env: Record<string, string> = {}) {
  const home = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const path = name.startsWith('/') ? name : join(home, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content, { mode: 0o600 });
  }
  const text = runCli(['check', '--no-probe', '-c', line], { env: cleanEnv(env, home), cwd: home });
  const json = runCli(['check', '--json', '--no-probe', '-c', line], { env: cleanEnv(env, home), cwd: home });
  for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) for (const secret of SECRETS) expect(output).not.toContain(secret);
  return { home, text, body: JSON.parse(json.stdout || '{}') };
}

const PROD_SERVICE = '# team services\n[main]\nhost=db.prod.example.com\nport=5433\ndbname=app\nuser=app\npassword=pgSvcS3cret\n';

describe('PostgreSQL service files', () => {
  it("psql service=main reaches the service's host and says which file named it", () => {
    const { text, body, home } = check("psql service=main -c 'DROP TABLE users'", { '.pg_service.conf': PROD_SERVICE });
    expect(body.verdict).toBe('block');
    expect(body.targets[0]).toMatchObject({ host: 'db.prod.example.com', database: 'app', environment: 'production' });
    expect(body.targets[0].from).toBe(`service "main" in ${home}/.pg_service.conf`);
    expect(text.stdout).toContain(`db.prod.example.com from service "main" in ${home}/.pg_service.conf`);
    expect(body.findings[0].message).toContain(`db.prod.example.com from service "main" in ${home}/.pg_service.conf`);
    expect(text.status).toBe(4);
  });

  it('PGSERVICE and PGSERVICEFILE are read as libpq reads them', () => {
    const { body } = check("psql -c 'TRUNCATE users'", { 'etc/services.conf': PROD_SERVICE }, { PGSERVICE: 'main', PGSERVICEFILE: 'etc/services.conf' });
    expect(body.verdict).toBe('block');
    expect(body.targets[0].from).toContain('etc/services.conf');
  });

  it('a test suite whose .env.test names a PGSERVICE reaches the service host (Travis 2018)', () => {
    const { body } = check('bundle exec rspec', { '.pg_service.conf': PROD_SERVICE, '.env.test': 'PGSERVICE=main\n' });
    expect(body.verdict).toBe('block');
    expect(body.targets.find((target: { kind: string }) => target.kind === 'database')).toMatchObject({
      host: 'db.prod.example.com',
      source: 'PGSERVICE (.env.test)',
    });
  });

  it('status shows where PGSERVICE points, without the password', () => {
    const home = tempDir();
    writeFileSync(join(home, '.pg_service.conf'), PROD_SERVICE, { mode: 0o600 });
    const status = runCli(['status', '--json', '--no-probe'], { env: cleanEnv({ PGSERVICE: 'main' }, home), cwd: home });
    const database = JSON.parse(status.stdout).targets.find((target: { kind: string }) => target.kind === 'database');
    expect(database).toMatchObject({ host: 'db.prod.example.com', environment: 'production', from: `service "main" in ${home}/.pg_service.conf` });
    expect(status.stdout + status.stderr).not.toContain('pgSvcS3cret');
  });

  it('a service that points at localhost is local on a workstation', () => {
    const { body } = check("psql service=dev -c 'DROP TABLE users'", { '.pg_service.conf': '[dev]\nhost=localhost\ndbname=app_dev\n' });
    expect(body.verdict).toBe('allow');
  });
});

describe('MySQL option files', () => {
  const prodCnf = '[client]\nhost = db.prod.example.com\nuser = app\npassword = "myCnfS3cret"\n';

  it('a world-writable ~/.my.cnf is skipped, as the client skips it (with its warning)', () => {
    const home = tempDir();
    const cnf = join(home, '.my.cnf');
    writeFileSync(cnf, prodCnf);
    const line = "mysql -e 'DROP DATABASE app'";
    const judged = () => JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env: cleanEnv({}, home), cwd: home }).stdout);
    chmodSync(cnf, 0o666);
    expect(judged().verdict).toBe('allow');
    chmodSync(cnf, 0o644);
    expect(judged().verdict).toBe('block');
    // The client itself, where installed, agrees: it prints the warning and reads nothing from it.
    const client = spawnSync('mysql', ['--print-defaults'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home }, encoding: 'utf8' });
    if (client.error) {
      console.error(`mysql client not installed: skipped comparing with mysql --print-defaults (${client.error.message})`);
      return;
    }
    expect(client.stdout).toContain('--host=db.prod.example.com');
    chmodSync(cnf, 0o666);
    const skipped = spawnSync('mysql', ['--print-defaults'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home }, encoding: 'utf8' });
    expect(skipped.stderr).toMatch(/World-writable config file .*\.my\.cnf' is ignored/);
    expect(skipped.stdout).not.toContain('db.prod.example.com');
  });

  it('an !include of a world-writable file is skipped too; a login file open to others is skipped', () => {
    const home = tempDir();
    writeFileSync(join(home, '.my.cnf'), '!include /HOME/shared.cnf\n'.replace('/HOME', home), { mode: 0o600 });
    writeFileSync(join(home, 'shared.cnf'), prodCnf);
    chmodSync(join(home, 'shared.cnf'), 0o666);
    const judged = (line: string) => JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env: cleanEnv({}, home), cwd: home }).stdout);
    expect(judged("mysql -e 'DROP DATABASE app'").verdict).toBe('allow');
    chmodSync(join(home, 'shared.cnf'), 0o600);
    expect(judged("mysql -e 'DROP DATABASE app'").verdict).toBe('block');
    rmSync(join(home, '.my.cnf'));
    const login = join(home, '.mylogin.cnf');
    writeFileSync(login, myloginFile('[reports]\nhost = "db.prod.example.com"\n'));
    chmodSync(login, 0o644);
    expect(judged("mysql --login-path=reports -e 'DROP DATABASE app'").targets[0].host).not.toBe('db.prod.example.com');
    chmodSync(login, 0o600);
    expect(judged("mysql --login-path=reports -e 'DROP DATABASE app'").targets[0].from).toBe(`${login} [reports]`);
  });

  it('~/.my.cnf [client] host is the server of a bare mysql', () => {
    const { text, body, home } = check("mysql -e 'DROP DATABASE app'", { '.my.cnf': prodCnf });
    expect(body.verdict).toBe('block');
    expect(body.targets[0]).toMatchObject({ host: 'db.prod.example.com', environment: 'production', from: `${home}/.my.cnf [client]` });
    expect(text.stdout).toContain(`db.prod.example.com from ${home}/.my.cnf [client]`);
    expect(body.findings[0].message).toContain(`db.prod.example.com from ${home}/.my.cnf [client]`);
  });

  it('--defaults-file reads only that file, and its !include', () => {
    const files = {
      'conf/prod.cnf': '[client]\nuser=app\n!include inc/host.cnf\n',
      'conf/inc/host.cnf': '[mysql]\nhost=db.prod.example.com\npassword=incS3cret\n',
    };
    const { body, home } = check("mysql --defaults-file=conf/prod.cnf -e 'DROP DATABASE app'", files);
    expect(body.verdict).toBe('block');
    expect(body.targets[0].from).toBe(`${home}/conf/inc/host.cnf [mysql]`);
    const ignored = check("mysql --defaults-file=conf/empty.cnf -e 'DROP DATABASE app'", { ...files, 'conf/empty.cnf': '[client]\n', '.my.cnf': prodCnf });
    expect(ignored.body.verdict).toBe('allow');
  });

  it('an include loop or a FIFO never hangs the check', () => {
    const files: Record<string, string> = { '.my.cnf': '[client]\nhost=db.prod.example.com\n!includedir conf.d\n' };
    for (let index = 0; index < 8; index++) files[`conf.d/${index}.cnf`] = `[client]\nuser=u${index}\n!includedir ${'.'}\n!include ../.my.cnf\n`;
    expect(check("mysql -e 'DROP DATABASE app'", files).body.verdict).toBe('block');
    expect(check("mysql --defaults-file=/dev/stdin -e 'DROP DATABASE app'", {}).body.verdict).toBe('allow');
  });

  it('--login-path reads the obfuscated ~/.mylogin.cnf', () => {
    const login = myloginFile('[client]\nuser = "dev"\n[reports]\nuser = "app"\npassword = "loginS3cret"\nhost = "db.prod.example.com"\n');
    const { body, text, home } = check("mysql --login-path=reports -e 'DROP DATABASE app'", { '.mylogin.cnf': login });
    expect(body.verdict).toBe('block');
    expect(body.targets[0].from).toBe(`${home}/.mylogin.cnf [reports]`);
    expect(text.stdout).toContain('db.prod.example.com');
  });

  it('--login-path=prod is production by its name even without the file', () => {
    const { body } = check("mysql --login-path=prod -e 'DROP DATABASE app'", {});
    expect(body.verdict).toBe('block');
  });
});

describe('a real PostgreSQL server reached through a service file', () => {
  let server: PostgresServer;
  let home: string;

  beforeAll(async () => {
    server = await requirePostgres();
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE ledger OWNER app');
    await admin.end();
    const app = new pg.Client({ connectionString: server.url });
    await app.connect();
    await app.query('CREATE TABLE IF NOT EXISTS accounts (id int)');
    await app.query('INSERT INTO accounts VALUES (1), (2)');
    await app.end();
    home = tempDir();
    // The service file holds the password: psql (libpq) and the probe both need it.
    const section = (name: string, database: string) =>
      `[${name}]\nhost=${server.host}\nport=${server.port}\ndbname=${database}\nuser=${server.user}\npassword=${server.password}\n`;
    writeFileSync(join(home, '.pg_service.conf'), `${section('primary', 'app')}${section('scratch', 'ledger')}`, { mode: 0o600 });
    const mark = runCli(['mark', server.adminUrl.replace(/\/[^/?]*(\?|$)/, '/app$1'), 'production'], { env: cleanEnv({}, home) });
    expect(mark.status).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the probe connects as psql would, and the database says it is production', () => {
    const result = runCli(['check', '--json', '-c', "psql service=primary -c 'TRUNCATE accounts'"], { env: cleanEnv({}, home) });
    const body = JSON.parse(result.stdout);
    expect(body.verdict).toBe('block');
    expect(body.targets[0].evidence[0]).toContain('prodguard.environment = production');
    expect(result.stdout + result.stderr).not.toContain(server.password);
  });

  it('run refuses the production service and hands the local one to the real psql', async () => {
    const refused = runCli(['run', '--', 'psql', 'service=primary', '-c', 'TRUNCATE accounts'], { env: cleanEnv({}, home) });
    expect(refused.status).toBe(4);
    expect(refused.stderr + refused.stdout).toContain('the database says prodguard.environment = production');
    expect(refused.stderr + refused.stdout).toContain('from service "primary" in');
    expect(refused.stdout + refused.stderr).not.toContain(server.password);
    // The refusal is audited, with the target and without the password.
    const audit = readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('TRUNCATE accounts');
    expect(audit).not.toContain(server.password);
    const ran = runCli(['run', '--', 'psql', 'service=scratch', '-Atc', 'CREATE TABLE made_here (id int); SELECT current_database()'], {
      env: cleanEnv({}, home),
    });
    expect(ran.stderr).toBe('');
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('ledger');
    const app = new pg.Client({ connectionString: server.url });
    await app.connect();
    const rows = await app.query('SELECT count(*)::int AS n FROM accounts');
    await app.end();
    expect(rows.rows[0].n).toBe(2);
  });
});
