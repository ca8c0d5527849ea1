// Issue 9 §3: no secret reaches the audit log, the check output or a lint report — SQL role
// passwords, REDISCLI_AUTH, `echo pw | sudo -S`, and passwords near the point where a long
// message is cut (redact first, then cut). The built binary is spawned and the real audit log
// file is read after each refusal.

import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

/** Each line is refused (block) and carries a secret; `leaks` are substrings that must not show. */
const REFUSED: { name: string; line: string; leaks: string[] }[] = [
  {
    name: 'PostgreSQL CREATE USER … PASSWORD',
    line: `psql postgres://admin@db1.prod.example.com/app -c "CREATE USER bob WITH PASSWORD 'Pg-Cr3ate-Secret'; DROP TABLE users"`,
    leaks: ['Pg-Cr3ate-Secret', 'Pg-Cr3'],
  },
  {
    name: 'PostgreSQL ALTER ROLE … PASSWORD',
    line: `psql postgres://admin@db1.prod.example.com/app -c "ALTER ROLE app ENCRYPTED PASSWORD 'Alt3r-Role-Secret'; DROP TABLE users"`,
    leaks: ['Alt3r-Role-Secret', 'Alt3r'],
  },
  {
    name: "MySQL IDENTIFIED BY '…'",
    line: `mysql -h db1.prod.example.com app -e "CREATE USER 'bob'@'%' IDENTIFIED BY 'My-Ident1fied-Secret'; DROP DATABASE app"`,
    leaks: ['My-Ident1fied-Secret', 'My-Ident'],
  },
  {
    name: 'REDISCLI_AUTH=…',
    line: 'REDISCLI_AUTH=R3dis-Auth-Secret redis-cli -h cache1.prod.example.com FLUSHALL',
    leaks: ['R3dis-Auth-Secret', 'R3dis'],
  },
  {
    name: 'echo pw | sudo -S',
    line: 'echo Sud0-Stdin-Secret | sudo -S rm -rf /',
    leaks: ['Sud0-Stdin-Secret', 'Sud0'],
  },
  {
    name: 'a mysql -p password where the message is cut',
    line: `mysql -h db1.prod.example.com --connect-timeout=10 --default-character-set=utf8mb4 --ssl-mode=REQUIRED --batch --raw -u deploy_user_for_app app -pCut-Here-Secret-Value-1234567890 -e "DROP DATABASE app"`,
    leaks: ['Cut-Here-Secret', 'Cut-H'],
  },
  {
    name: 'clickhouse-client --password VALUE',
    line: `clickhouse-client -h ch1.prod.example.com --password Cl1ck-House-Secret -q 'DROP DATABASE analytics'`,
    leaks: ['Cl1ck-House-Secret', 'Cl1ck'],
  },
  {
    name: 'cqlsh -p VALUE',
    line: `cqlsh cass1.prod.example.com -u cassandra -p Cqlsh-Pass-Secret -e 'DROP KEYSPACE app'`,
    leaks: ['Cqlsh-Pass-Secret', 'Cqlsh-P'],
  },
  {
    name: 'mysql --password VALUE (mysql prompts and reads VALUE as the database; it is still a password)',
    line: `mysql -h db1.prod.example.com --password My-Spaced-Secret -e 'DROP DATABASE app'`,
    leaks: ['My-Spaced-Secret', 'My-Spaced'],
  },
];

describe('the audit log keeps no secret', () => {
  it.each(REFUSED)('$name: refused, audited, and the log file has no secret', ({ line, leaks }) => {
    const home = tempDir();
    const env = cleanEnv({}, home);
    const result = runCli(['run', '--no-probe', '-c', line], { env });
    expect(result.status, result.stderr).toBe(4);
    const path = join(home, 'state', 'audit.jsonl');
    expect(existsSync(path)).toBe(true);
    const log = readFileSync(path, 'utf8');
    const entry = JSON.parse(log.trim().split('\n').at(-1)!) as { action: string; command: string; findings: { message: string }[] };
    expect(entry.action).toBe('refused');
    expect(entry.findings.length).toBeGreaterThan(0);
    expect(entry.command).toContain('***');
    for (const leak of leaks) {
      expect(log, `audit log shows ${leak}`).not.toContain(leak);
      expect(result.stderr, `run's report shows ${leak}`).not.toContain(leak);
    }
    const check = runCli(['check', '--json', '--no-probe', '-c', line], { env });
    for (const leak of leaks) expect(check.stdout, `check --json shows ${leak}`).not.toContain(leak);
  });
});

describe('lint output keeps no secret', () => {
  it('redacts before cutting, per file: one file’s password never changes another file’s message', () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'scripts'));
    // The long line puts the password right where a 160-character message is cut.
    writeFileSync(
      join(repo, 'scripts', 'reset.sh'),
      [
        '#!/bin/sh',
        `mysql -h db1.prod.example.com --connect-timeout=10 --default-character-set=utf8mb4 --ssl-mode=REQUIRED --batch --raw -u deploy_user_for_app app -pCut-Lint-Secret-Value-1234567890 -e "DROP DATABASE app"`,
        `psql "$DATABASE_URL" -c "ALTER ROLE app PASSWORD 'Lint-R0le-Secret'; DROP TABLE users"`,
        'echo Lint-Sud0-Secret | sudo -S rm -rf /',
        '',
      ].join('\n'),
    );
    // A second file whose text happens to contain the first file's password as a word.
    const host = 'Cut-Lint-Secret-Value-1234567890.example.com';
    writeFileSync(join(repo, 'scripts', 'other.sh'), `#!/bin/sh\npsql -h ${host} app -c "DROP TABLE users"\n`);
    for (const format of ['text', 'json', 'sarif', 'github', 'compact']) {
      const result = runCli(['lint', '--format', format, '.'], { cwd: repo });
      expect(result.status, result.stderr).toBe(1);
      // other.sh's host name is its own word, not a secret: everything else must be clean.
      const output = result.stdout.split(host).join('HOST');
      for (const leak of ['Cut-Lint', 'Lint-R0le', 'Lint-Sud0']) expect(output, `${format} shows ${leak}`).not.toContain(leak);
    }
    const json = JSON.parse(runCli(['lint', '--format', 'json', '.'], { cwd: repo }).stdout) as { findings: { file: string; message: string }[] };
    const other = json.findings.filter((finding) => finding.file.endsWith('other.sh'));
    expect(other.length).toBeGreaterThan(0);
    // other.sh's own words are not a secret there: its message names the path as written.
    expect(other.map((finding) => finding.message).join('\n')).toContain(host);
  });
});
