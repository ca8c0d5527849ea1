// Harmless lines from real scripts and docs that prodguard interrupted (held-out set adv7), each
// closed as a class, with the dangerous neighbours that must keep their verdict.
import type { CorpusGroup } from '../cases.js';

const WORKSTATION = 'laptop';
const PROD_HOST = 'db1.prod.example.com';

export const groups: CorpusGroup[] = [
  {
    // GoogleCloudPlatform/microservices-demo's AlloyDB scripts: the variables are set where the
    // script runs; where each stands in the SQL says what the statement is.
    name: 'SQL with shell expansions where a name or a value stands is judged by its kind',
    cases: [
      { line: 'psql -h ${ALLOYDB_PRIMARY_IP} -U postgres -c "CREATE DATABASE ${ALLOYDB_CARTS_DATABASE_NAME}"', hostname: WORKSTATION, expect: 'allow' },
      { line: 'psql -h db.example.com -U postgres -c "CREATE DATABASE ${NAME}"', hostname: PROD_HOST, expect: 'allow' },
      { line: 'psql -h db.example.com -d app -c "CREATE INDEX cart_by_user ON ${TABLE_NAME}(userId)"', hostname: WORKSTATION, expect: 'allow' },
      { line: `psql -h db.example.com -c "UPDATE users SET name = '$NAME' WHERE id = $ID"`, hostname: WORKSTATION, expect: 'allow' },
      { line: 'psql -h db.example.com -c "GRANT ALL PRIVILEGES ON DATABASE $DB TO $APP_USER"', hostname: WORKSTATION, expect: 'allow' },
      { line: 'mysql -h db.example.com -u root -e "CREATE DATABASE IF NOT EXISTS ${DB_NAME}"', hostname: WORKSTATION, expect: 'allow' },
      { line: 'mysql -h db.example.com -u root -e "CREATE DATABASE \\`${DB_NAME}\\`"', hostname: WORKSTATION, expect: 'allow' },
      { line: 'ssh db1.prod.example.com "psql -c \\"CREATE DATABASE \\$NAME\\""', hostname: WORKSTATION, expect: 'allow' },
      // A drop of a placeholder name is still a drop; a delete without WHERE still every row.
      { line: 'psql -h db.example.com -U postgres -c "DROP DATABASE IF EXISTS $INSTANCE"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/drop-objects' },
      { line: 'ssh db1.prod.example.com "psql -c \\"DROP DATABASE \\$NAME\\""', hostname: WORKSTATION, expect: 'block', rule: 'sql/drop-objects' },
      { line: 'mysql -h db.example.com -u root -e "DROP DATABASE ${DB_NAME}"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/drop-objects' },
      { line: 'psql -h db.example.com -c "TRUNCATE $T"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/truncate' },
      { line: 'psql -h db.example.com -c "DELETE FROM $T"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/delete-update-all-rows' },
      { line: 'psql -h db.example.com -c "DELETE FROM users $REST"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/delete-update-all-rows' },
      // An expansion that could be more than a name or a value, or a command's output (a whole
      // list of ids, atlassian-2022): unjudgeable, as before.
      {
        line: 'psql "$DATABASE_URL" -c "DELETE FROM sites WHERE id IN ($(paste -sd, ids.txt))"',
        env: { DATABASE_URL: 'postgres://app@db.prod.example.com/app' },
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'sql/unjudgeable-sql',
      },
      { line: 'psql -h db.example.com -c "DROP TABLE $(cat table.txt)"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'psql -h db.example.com -c "$(cat query.sql)"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'psql -h db.example.com -c "$(verb) TABLE x"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'ssh db1.prod.example.com "psql -c \\"\\$SQL\\""', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'psql -h db.example.com -c "DELETE FROM users WHERE $COND"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'psql -h db.example.com -c "DELETE FROM users WHERE id = 1 OR ($C)"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: 'mysql -h db.example.com -u root -e "DELETE FROM t WHERE $C"', hostname: WORKSTATION, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      {
        line: `psql -h db.example.com -c "SELECT dblink_exec('DELETE FROM t WHERE $(cat c)')"`,
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'sql/unjudgeable-sql',
      },
      {
        line: `psql -h db.example.com -c "DO \\$\\$ BEGIN EXECUTE 'DROP TABLE ' || '$(cat t)'; END \\$\\$"`,
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'sql/unjudgeable-sql',
      },
    ],
  },
  {
    // EnterpriseDB/repmgr's fencing doc: the database `pgbouncer` is pgbouncer's admin console.
    name: "pgbouncer's admin console is read as its own command language",
    cases: [
      { line: 'psql -tc "reload" -h $HOST -p $PGBOUNCER_PORT -U postgres pgbouncer', hostname: WORKSTATION, expect: 'allow' },
      { line: "psql -h pgbouncer.prod.example.com -p 6432 -U pgbouncer -c 'SHOW POOLS; SHOW STATS' pgbouncer", hostname: PROD_HOST, expect: 'allow' },
      { line: "psql -h pgbouncer.prod.example.com -p 6432 -U pgbouncer -d pgbouncer -c 'RESUME'", hostname: PROD_HOST, expect: 'allow' },
      { line: "psql -h pgb.example.com -p 6432 -U pgbouncer -c 'PAUSE' pgbouncer", hostname: WORKSTATION, expect: 'allow' },
      {
        line: "psql -h pgbouncer.prod.example.com -p 6432 -U pgbouncer -c 'PAUSE' pgbouncer",
        hostname: WORKSTATION,
        expect: 'warn',
        rule: 'database/pgbouncer-stop-traffic',
      },
      {
        line: "psql postgres://admin@pgbouncer.prod.example.com:6432/pgbouncer -c 'KILL_CLIENT 42'",
        hostname: WORKSTATION,
        expect: 'warn',
        rule: 'database/pgbouncer-stop-traffic',
      },
      // Anything the console does not know stays unjudgeable; a real database keeps its rules.
      {
        line: "psql -h pgb.example.com -p 6432 -U pgbouncer -c 'DROP TABLE users' pgbouncer",
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'sql/unjudgeable-sql',
      },
      { line: "psql -h pgb.example.com -p 6432 -U pgbouncer -c 'DROP TABLE users' app", hostname: WORKSTATION, expect: 'confirm', rule: 'sql/drop-objects' },
    ],
  },
  {
    // jenkins-infra/kubernetes-management: cloud-init's sudoers drop-in removed from an image.
    name: 'a named file in a drop-in directory is a drop-in, not a system file',
    cases: [
      { line: 'rm -f /etc/sudoers.d/90-cloud-init-users', hostname: WORKSTATION, expect: 'allow' },
      { line: 'sudo rm -f /etc/sudoers.d/90-cloud-init-users', hostname: PROD_HOST, expect: 'allow' },
      { line: 'sudo rm -f /etc/apt/sources.list.d/docker.list', hostname: PROD_HOST, expect: 'allow' },
      { line: 'sudo rm /etc/systemd/system/docker.service.d/override.conf', hostname: PROD_HOST, expect: 'allow' },
      { line: 'sudo rm -f /etc/cron.d/backup', hostname: PROD_HOST, expect: 'allow' },
      { line: 'rm -f /etc/sudoers.d/*', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-system-file' },
      { line: 'rm -f /etc/sudoers.d/../sudoers', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-system-file' },
      { line: 'sudo rm -f /etc/sudoers', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-system-file' },
      { line: 'sudo rm /etc/pam.d/common-auth', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-system-file' },
      { line: 'rm /boot/vmlinuz-6.1.0-18-amd64', hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-system-file' },
    ],
  },
  {
    // The rsync form of a static-site deploy: like cloud/bucket-deploy-delete, it warns.
    name: 'rsync --delete of a local folder onto a production host is a deploy: warn',
    cases: [
      {
        line: 'rsync -avz --delete ./public/ deploy@web1.prod.example.com:/srv/app/public/',
        hostname: WORKSTATION,
        expect: 'warn',
        rule: 'filesystem/rsync-deploy-delete',
      },
      { line: 'rsync -avz --delete ./public/ deploy@web1.dev.example.com:/srv/app/public/', hostname: WORKSTATION, expect: 'allow' },
      // Empty by name, into a data/system/home directory or root, a pull, --remove-source-files: as before.
      {
        line: 'rsync -a --delete /var/empty/ deploy@web1.prod.example.com:/srv/app/public/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      {
        line: 'rsync -a --delete ./empty/ deploy@web1.prod.example.com:/srv/app/public/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      {
        line: 'rsync -a --delete /dev/null deploy@web1.prod.example.com:/srv/app/public/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      {
        line: 'rsync -a --delete ./public/ deploy@db1.prod.example.com:/var/lib/postgresql/15/main/',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'filesystem/rsync-delete',
      },
      { line: 'rsync -a --delete ./public/ deploy@web1.prod.example.com:/etc/', hostname: WORKSTATION, expect: 'block', rule: 'filesystem/rsync-delete' },
      {
        line: 'rsync -a --delete ./public/ deploy@web1.prod.example.com:/home/deploy',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'filesystem/rsync-delete',
      },
      { line: 'rsync -a --delete ./public/ deploy@web1.prod.example.com:/', hostname: WORKSTATION, expect: 'block', rule: 'filesystem/rsync-delete' },
      { line: 'rsync -a --delete deploy@build-1:/srv/release/ /srv/www/', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rsync-delete-production' },
      {
        line: 'rsync -a --remove-source-files web-prod-1:/srv/uploads/ ./uploads/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      { line: 'rsync -a --delete-after dist/ /srv/www/app/', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rsync-delete-production' },
    ],
  },
  {
    // sysown/proxysql's docker scenarios: `mysql -u admin -P6032` is ProxySQL's admin interface,
    // whose tables are the proxy's configuration (knowledge/proxysql.ts).
    name: "ProxySQL's admin interface is configuration, not a database's rows",
    cases: [
      {
        line: 'mysql -u admin -h proxy1.prod.example.com -P6032 -e "DELETE FROM mysql_servers; LOAD MYSQL SERVERS TO RUNTIME"',
        hostname: WORKSTATION,
        expect: 'allow',
      },
      { line: 'echo "DELETE FROM mysql_users;" | mysql -u admin -h 10.0.0.5 --port=6032', hostname: WORKSTATION, expect: 'allow' },
      {
        line: 'mysql -u root -h db1.prod.example.com -P3306 -e "DELETE FROM users"',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
    ],
  },
];
