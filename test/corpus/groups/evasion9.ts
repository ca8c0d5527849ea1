// Issue 11, held-out classes (evasion9): fleet runners, data directories by their shape, shell
// shapes (task chains, glob command words, `read` loops over unknown input), backup repositories
// and platform targets named on the line, replication tooling, deletes over a list of IDs.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'web-prod-1';

export const groups: CorpusGroup[] = [
  {
    name: "salt runs its function on the minions it targets: '*' is the whole fleet, production among it (gitlab-2017)",
    cases: [
      { line: "salt '*' cmd.run 'rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "salt '*' postgres.db_remove app", expect: 'block', rule: 'database/dropdb' },
      { line: "salt-ssh '*' cmd.run 'dropdb app'", expect: 'block', rule: 'database/dropdb' },
      { line: "salt 'db-prod-*' cmd.run 'systemctl stop postgresql'", expect: 'confirm', rule: 'host/stop-database-server' },
      { line: "salt -L 'db1,db2' cmd.run 'rm -rf /var/lib/mysql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "salt -G 'role:db' cmd.run cmd='rm -rf /var/lib/postgresql/15/main' runas=root", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "salt --async -t 30 '*' file.remove /var/lib/postgresql", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "salt '*' system.reboot", expect: 'confirm', rule: 'host/reboot-shutdown' },
      { line: "salt-ssh -r 'db*' 'rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "sudo salt '*' cmd.run 'psql -c \"DROP DATABASE app\"'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "ansible '*' -m service -a 'name=postgresql state=stopped'", expect: 'confirm', rule: 'host/stop-database-server' },
      { line: "knife ssh 'role:db' 'sudo rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "mussh -H hosts.txt -c 'rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "fab -H db1,db2 -- 'rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'fleet runners doing everyday work stay at allow',
    cases: [
      { line: "salt '*' test.ping", expect: 'allow' },
      { line: "salt '*' cmd.run 'uptime'", expect: 'allow' },
      { line: "salt '*' cmd.run 'df -h /var/lib/postgresql'", expect: 'allow' },
      { line: "salt '*' state.apply test=True", expect: 'allow' },
      { line: "salt '*' grains.items", expect: 'allow' },
      { line: 'salt -d cmd.run', expect: 'allow' },
      { line: "salt-ssh '*' cmd.run 'ls /var/lib/postgresql'", expect: 'allow' },
      { line: "ansible all -m service -a 'name=nginx state=started'", expect: 'allow' },
      { line: "knife ssh 'role:web' uptime", expect: 'allow' },
      { line: 'fab deploy', expect: 'allow' },
    ],
  },
  {
    name: 'a data directory laid out by hand is known by its shape: the engine, then version/data/main, or on a data mount (gitlab-2017)',
    cases: [
      { line: 'rm -rf /data/postgresql/main', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /data/postgres/15/main', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /srv/postgresql/14/main/*', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /opt/postgres/data', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /data/pg/16/main', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /srv/mysql/data', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /data/mariadb', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /mnt/data/postgresql', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /database/postgres15', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "ssh db1 'rm -rf /data/postgresql/main'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'find /data/mysql -delete', expect: 'confirm', rule: 'filesystem/find-delete-data-directory' },
      { line: 'rm -rf /data/postgresql/main/pg_wal', hostname: 'db1.prod.example.com', expect: 'block', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'build, source and scratch folders named after an engine are not its data',
    cases: [
      { line: 'rm -rf ~/src/postgres/build', expect: 'allow' },
      { line: 'rm -rf ./postgresql-16.1/build', expect: 'allow' },
      { line: 'rm -rf /tmp/pg/16/main', expect: 'allow' },
      { line: 'rm -rf /home/dev/postgresql/doc/src/sgml/html', expect: 'allow' },
      { line: 'rm -rf ./docker/postgres/data', expect: 'allow' },
      { line: 'rm -rf dist/mysql', expect: 'allow' },
      { line: 'rm -rf node_modules/pg', expect: 'allow' },
      { line: 'rm -rf /data/postgresql/main.old', expect: 'allow' },
      { line: 'rm -rf /data/postgresql/main/log', expect: 'allow' },
      { line: 'rm -rf /opt/postgres', expect: 'allow' },
      { line: 'rm -rf /srv/app/mysql-connector/target', expect: 'allow' },
    ],
  },
  {
    name: 'a live SQLite database (a production path, or a service data root) shredded or removed',
    cases: [
      { line: 'shred -u /srv/app/production/db/production.sqlite3', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'shred -n 3 -z -u /var/lib/app/prod.db', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -f /data/production/app.db', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'shred -u /var/www/app/storage/app.sqlite3', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'shred and rm of scratch SQLite files stay at allow',
    cases: [
      { line: 'shred -u ./test.db', expect: 'allow' },
      { line: 'rm -f db/development.sqlite3', expect: 'allow' },
      { line: 'rm -f /tmp/prod-copy.db', expect: 'allow' },
      { line: 'shred -u /tmp/secret.txt', expect: 'allow' },
      { line: 'shred -n 3 -z /tmp/scratch.img', expect: 'allow' },
    ],
  },
  {
    name: '`mix do a, b` runs each task: a reset in the chain is judged (travis-2018)',
    cases: [
      { line: 'MIX_ENV=prod mix do ecto.drop, ecto.create', expect: 'block', rule: 'database/framework-reset-tasks' },
      {
        line: 'mix do ecto.drop,ecto.create',
        env: { DATABASE_URL: 'ecto://u:p@db.prod.example.com/app' },
        expect: 'block',
        rule: 'database/framework-reset-tasks',
      },
      { line: 'mix do deps.get + ecto.reset', env: { MIX_ENV: 'prod' }, expect: 'block', rule: 'database/framework-reset-tasks' },
      { line: 'mix do deps.get, compile', expect: 'allow' },
      { line: 'mix do deps.get,compile', env: { MIX_ENV: 'prod' }, expect: 'allow' },
      { line: 'mix do format, credo', expect: 'allow' },
    ],
  },
  {
    name: 'a glob as the command word runs whatever file it matches: judged by what it is handed',
    cases: [
      { line: '/usr/bin/r? -rf /', expect: 'confirm', rule: 'host/unknown-command' },
      { line: '/bin/[r]m -rf /', hostname: PROD_HOST, expect: 'block', rule: 'host/unknown-command' },
      { line: '/bin/r* -rf /var/lib/postgresql', expect: 'confirm', rule: 'host/unknown-command' },
      { line: '/usr/bin/l? -la', expect: 'allow' },
      { line: '/bin/[l]s /var/lib/postgresql', expect: 'allow' },
    ],
  },
  {
    name: '`read` from input the line does not show holds unknown text, not nothing; a listing piped in is its paths',
    cases: [
      { line: 'compgen -c | grep -x rm | while read c; do $c -rf /; done', expect: 'confirm', rule: 'host/unknown-command' },
      { line: 'read c; $c -rf /var/lib/mysql', expect: 'confirm', rule: 'host/unknown-command' },
      { line: 'ls -d /var/lib/postgresql/* | while read f; do rm -rf "$f"; done', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'find /var/lib/postgresql -maxdepth 1 | while IFS= read -r f; do rm -rf "$f"; done', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'while read f; do rm -rf "$f"; done < <(ls -d /var/lib/mysql/*)', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'ls | while read f; do echo "$f"; done', expect: 'allow' },
      { line: 'find . -name \'*.log\' | while read f; do rm -f "$f"; done', expect: 'allow' },
      { line: 'while read -r line; do echo "$line"; done < notes.txt', expect: 'allow' },
      { line: 'compgen -c | grep git', expect: 'allow' },
    ],
  },
];
