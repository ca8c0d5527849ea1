// Programs inside interpreters that do the damage themselves (issue 11, classes 3 and 7): SQL sent
// through a database driver, node's bound names, PHP, awk pipes, PowerShell, schedulers, and
// non-recursive deletions of a system directory's contents.
import type { CorpusGroup } from '../cases.js';

const PROD_URL = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const PROD_HOST = 'db1.prod.example.com';

export const groups: CorpusGroup[] = [
  {
    name: 'SQL through a database driver is judged against the database the DSN names',
    cases: [
      {
        line: `python3 -c 'import psycopg2; c=psycopg2.connect("postgresql://app@prod-db/app"); c.cursor().execute("DROP TABLE users")'`,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: `python3 -c "import psycopg2, os; c = psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute('DROP TABLE users'); c.commit()"`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: `python3 -c 'from sqlalchemy import create_engine, text; e=create_engine("postgresql://app@prod-db/app"); e.connect().execute(text("TRUNCATE users"))'`,
        expect: 'block',
        rule: 'sql/truncate',
      },
      {
        line: `node -e "const {Client}=require('pg'); const c=new Client({connectionString: process.env.DATABASE_URL}); c.connect().then(()=>c.query('DELETE FROM users'))"`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      {
        line: `ruby -e 'require "pg"; PG.connect("postgresql://app@prod-db/app").exec("DROP TABLE users")'`,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: `python3 -c 'import mysql.connector; c=mysql.connector.connect(host="prod-db", user="app"); c.cursor().execute("DROP TABLE users")'`,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: `python3 -c 'import pymysql; pymysql.connect(host="db.prod.example.com").cursor().execute("DELETE FROM users")'`,
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      {
        line: `python3 -c 'import psycopg2, sys; psycopg2.connect("postgresql://app@db.prod.example.com/app").cursor().execute(sys.argv[1])' "$Q"`,
        expect: 'confirm',
        rule: 'sql/unjudgeable-sql',
      },
      // Everyday: reads, local databases, code without a driver.
      {
        line: `python3 -c 'import psycopg2; cur=psycopg2.connect("postgresql://app@prod-db/app").cursor(); cur.execute("SELECT count(*) FROM users"); print(cur.fetchone())'`,
        expect: 'allow',
      },
      {
        line: `python3 -c 'import psycopg2; psycopg2.connect("postgresql://postgres@localhost/app_test").cursor().execute("DROP TABLE users")'`,
        expect: 'allow',
      },
      { line: `python3 -c 'import sqlite3; sqlite3.connect("app.db").execute("DROP TABLE users")'`, expect: 'allow' },
      { line: `python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])'`, expect: 'allow' },
      { line: `node -e "const {Client}=require('pg'); const c=new Client(); c.connect().then(()=>c.query('SELECT 1'))"`, expect: 'allow' },
    ],
  },
  {
    name: 'node: names bound to child_process and fs members are the calls they name',
    cases: [
      {
        line: `node -e 'const { execSync: x } = require("child_process"); x("rm -rf /var/lib/postgresql")'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: `node -e "require('fs/promises').rm('/var/lib/postgresql/15/main', { recursive: true, force: true })"`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: `node -e "import('fs/promises').then((f) => f.rm('/var/lib/postgresql', { recursive: true }))"`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: `node -e "console.log(require('fs').readdirSync('.'))"`, hostname: PROD_HOST, expect: 'allow' },
      { line: `node -e "const { readFileSync: r } = require('fs'); console.log(r('package.json', 'utf8'))"`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'PHP: shell calls, deletions and functions called by name',
    cases: [
      { line: `php -r 'array_map("unlink", glob("/var/lib/mysql/*"));'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `php -r 'system("rm -rf /var/lib/mysql");'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `php -r 'echo shell_exec("rm -rf /var/lib/mysql");'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `php -r 'call_user_func("exec", "rm -rf /var/lib/mysql");'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "php -r '`rm -rf /var/lib/mysql`;'", hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      {
        line: `php -r '$pdo = new PDO("pgsql:host=db.prod.example.com;dbname=app"); $pdo->exec("DROP TABLE users");'`,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: `php -r '$c = mysqli_connect("db.prod.example.com", "app", "pw", "shop"); mysqli_query($c, "DELETE FROM orders");'`,
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      { line: `php -r 'echo phpversion();'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `php -r 'print_r(array_map("strtoupper", ["a", "b"]));'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `php -r 'echo json_encode(glob("*.php"));'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'awk: the command a program prints into runs with that text on standard input',
    cases: [
      { line: `awk 'BEGIN{ print "FLUSHALL" | "redis-cli -h cache.prod.example.com" }'`, expect: 'block', rule: 'database/redis-flush' },
      { line: `gawk 'BEGIN { print "FLUSHALL" | "redis-cli" }'`, hostname: PROD_HOST, expect: 'block', rule: 'database/redis-flush' },
      { line: `awk 'BEGIN{ print "DROP TABLE users" | "psql postgresql://app@db.prod.example.com/app" }'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `awk 'BEGIN { printf "rm -rf /var/lib/mysql\\n" | "sh" }'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `awk 'BEGIN { "rm -rf /var/lib/mysql" | getline }'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `awk '{ print $1 | "sort -u" }' access.log`, hostname: PROD_HOST, expect: 'allow' },
      { line: `awk 'BEGIN { "date +%s" | getline now; print now }'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'end-to-end test runners reached through npx, pnpm dlx and yarn exec see the database too',
    cases: [
      { line: 'npx playwright test', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'npx cypress run --browser chrome', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'pnpm dlx playwright test e2e/', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'yarn exec cypress run', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'npx playwright test', expect: 'allow' },
      { line: 'npx playwright show-report', env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
      { line: 'npx cypress verify', env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
    ],
  },
  {
    name: 'PowerShell: Remove-Item and its aliases are the rm they are; what cannot be read is unseen',
    cases: [
      { line: `pwsh -c 'Remove-Item -Recurse -Force /var/lib/postgresql/data'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `pwsh -Command "Remove-Item -Path /var/lib/mysql -Recurse"`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `pwsh -c 'rm -r -fo /var/lib/mysql'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `powershell -NoProfile -c "ri /var/lib/mysql -r -fo"`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `pwsh -c 'Get-ChildItem /var/lib/mysql | Remove-Item -Recurse -Force'`, hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: `pwsh -c 'Remove-Item /etc/passwd'`, expect: 'confirm', rule: 'filesystem/rm-system-file' },
      { line: `pwsh -c 'dropdb app'`, hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: `pwsh -c 'Get-ChildItem /tmp'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `pwsh -c 'Remove-Item -Recurse -Force ./dist'`, expect: 'allow' },
      { line: `pwsh -NoProfile -c 'Write-Host hello; $PSVersionTable; Get-Process | Sort-Object CPU'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'a deletion installed in crontab is judged as if run now',
    cases: [
      {
        line: `(crontab -l; echo "0 3 * * * rm -rf /var/lib/postgresql/data") | crontab -`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: `echo '* * * * * rm -rf /' | crontab -`, expect: 'block', rule: 'filesystem/rm-root' },
      {
        line: `echo '*/5 * * * * rm -rf /var/lib/mysql' > /tmp/cron.txt && crontab /tmp/cron.txt`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: `printf '@reboot psql postgresql://app@db.prod.example.com/app -c "TRUNCATE users"\\n' | crontab -`, expect: 'block', rule: 'sql/truncate' },
      { line: `(crontab -l; echo '0 3 * * * /usr/local/bin/backup.sh') | crontab -`, hostname: PROD_HOST, expect: 'allow' },
      { line: `crontab -l > crontab.bak`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'the contents of a directory the system cannot run without, even without -r',
    cases: [
      { line: 'rm -f /etc/*', expect: 'confirm', rule: 'filesystem/rm-system-file' },
      { line: 'rm -f /etc/*', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-system-file' },
      { line: 'sudo rm /usr/bin/*', expect: 'confirm', rule: 'filesystem/rm-system-file' },
      { line: 'rm /boot/*', expect: 'confirm', rule: 'filesystem/rm-system-file' },
      { line: 'rm -rf /etc/*', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'rm -f /var/lib/postgresql/data/*', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `perl -e 'unlink </var/lib/mysql/*>'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `perl -e 'unlink </etc/*>'`, expect: 'confirm', rule: 'filesystem/rm-system-file' },
      { line: 'rm -f /etc/nginx/sites-enabled/*', expect: 'allow' },
      { line: 'rm -f /tmp/*', expect: 'allow' },
      { line: 'ls /etc/*', expect: 'allow' },
      { line: `perl -ne 'print if /x/' <input.txt`, expect: 'allow' },
    ],
  },
];
