// `sudo -u USER psql …`, `su - USER -c …`, `runuser -u USER -- …`: the client reads USER's
// ~/.pg_service.conf and ~/.my.cnf, found through the system's user database (getent passwd),
// not the caller's. The user database is a real one for getent: nss_wrapper (cwrap) serves a
// passwd file the test writes, so no account is created on the machine.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const NSS_WRAPPER = [
  '/usr/lib/x86_64-linux-gnu/libnss_wrapper.so',
  '/usr/lib/aarch64-linux-gnu/libnss_wrapper.so',
  '/usr/lib64/libnss_wrapper.so',
  '/usr/lib/libnss_wrapper.so',
].find((path) => existsSync(path));
const missing = NSS_WRAPPER ? undefined : 'libnss_wrapper.so not found (apt-get install libnss-wrapper)';

const PROD_SERVICE = '[main]\nhost=db.prod.example.com\ndbname=app\npassword=svcS3cret\n';
const LOCAL_SERVICE = '[main]\nhost=localhost\ndbname=app_dev\n';

/** A caller with a home, and a user `dbops` whose home only the user database knows. */
function world(callerFiles: Record<string, string>, dbopsFiles: Record<string, string>) {
  const root = tempDir();
  const caller = join(root, 'caller');
  const dbops = join(root, 'elsewhere', 'dbops-home');
  for (const [dir, files] of [
    [caller, callerFiles],
    [dbops, dbopsFiles],
  ] as const) {
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
  }
  const passwd = join(root, 'passwd');
  writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\ndbops:x:1234:1234:DB operations:${dbops}:/bin/bash\n`);
  const group = join(root, 'group');
  writeFileSync(group, 'root:x:0:\ndbops:x:1234:\n');
  const env = cleanEnv({ LD_PRELOAD: NSS_WRAPPER ?? '', NSS_WRAPPER_PASSWD: passwd, NSS_WRAPPER_GROUP: group }, caller);
  const check = (line: string, extra: Record<string, string> = {}) => {
    const result = runCli(['check', '--json', '--no-probe', '-c', line], { env: { ...env, ...extra }, cwd: caller });
    expect(result.stdout + result.stderr).not.toContain('svcS3cret');
    const body = JSON.parse(result.stdout || '{}');
    return { ...result, body, database: body.targets?.find((t: { kind: string }) => t.kind === 'database') };
  };
  return { caller, dbops, check };
}

describe("a client run as another user reads that user's files", () => {
  it('needs nss_wrapper', () => {
    if (missing) console.error(`cannot run switched-user tests: ${missing}`);
    expect(missing, 'libnss-wrapper is required for these tests').toBeUndefined();
  });

  it("sudo -u dbops psql service=main: dbops's ~/.pg_service.conf, found by getent, decides", () => {
    if (missing) throw new Error(missing);
    const { dbops, check } = world({ '.pg_service.conf': LOCAL_SERVICE }, { '.pg_service.conf': PROD_SERVICE });
    for (const line of [
      "sudo -u dbops psql service=main -c 'DROP TABLE users'",
      "sudo --user=dbops psql service=main -c 'DROP TABLE users'",
      "sudo -iu dbops psql service=main -c 'DROP TABLE users'",
      'su - dbops -c "psql service=main -c \'DROP TABLE users\'"',
      "runuser -u dbops -- psql service=main -c 'DROP TABLE users'",
    ]) {
      const { body, database, status } = check(line);
      expect(body.verdict, line).toBe('block');
      expect(status).toBe(4);
      expect(database, line).toMatchObject({ host: 'db.prod.example.com', environment: 'production', from: `service "main" in ${dbops}/.pg_service.conf` });
    }
  });

  it("the caller's production service is not what dbops reads; sudo -E keeps the caller's HOME and file", () => {
    if (missing) throw new Error(missing);
    const { caller, check } = world({ '.pg_service.conf': PROD_SERVICE }, { '.pg_service.conf': LOCAL_SERVICE });
    expect(check("sudo -u dbops psql service=main -c 'DROP TABLE users'").body.verdict).toBe('allow');
    const kept = check("sudo -E -u dbops psql service=main -c 'DROP TABLE users'");
    expect(kept.body.verdict).toBe('block');
    expect(kept.database.from).toBe(`service "main" in ${caller}/.pg_service.conf`);
    // The caller's PGSERVICEFILE is reset by sudo, kept by sudo -E and --preserve-env=PGSERVICEFILE.
    writeFileSync(join(caller, 'team.conf'), PROD_SERVICE);
    const serviceFile = { PGSERVICEFILE: join(caller, 'team.conf') };
    expect(check("sudo -u dbops psql service=main -c 'DROP TABLE users'", serviceFile).body.verdict).toBe('allow');
    expect(check("sudo --preserve-env=PGSERVICEFILE -u dbops psql service=main -c 'DROP TABLE users'", serviceFile).body.verdict).toBe('block');
  });

  it("sudo -u dbops mysql reads dbops's ~/.my.cnf", () => {
    if (missing) throw new Error(missing);
    const { dbops, check } = world({ '.my.cnf': '[client]\nhost=localhost\n' }, { '.my.cnf': '[client]\nhost=db.prod.example.com\n' });
    const { body, database } = check("sudo -u dbops mysql -e 'DROP DATABASE app'");
    expect(body.verdict).toBe('block');
    expect(database).toMatchObject({ host: 'db.prod.example.com', from: `${dbops}/.my.cnf [client]` });
    expect(check("mysql -e 'DROP DATABASE app'").body.verdict).toBe('allow');
  });
});
