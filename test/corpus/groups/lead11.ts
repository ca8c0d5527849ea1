// The lead's cases from the eleventh stop: a database server killed through its process ids
// (`kill -9 $(pgrep -f postgres)`, its pid file, its port, `ps | grep | awk` into xargs) is the
// pkill by name it amounts to, and a signal that does not end the server (HUP: reload) is not a
// stop; keys listed by a substitution (`redis-cli DEL $(redis-cli KEYS '*')`) are the xargs pipe.
import type { CorpusGroup } from '../cases.js';

const DB_HOST = 'db1.prod.example.com';
const REDIS = 'redis-cli -h cache.prod.example.com';
const PROD_DB = { DATABASE_URL: 'postgres://app@db.prod.example.com:5432/app' };

export const groups: CorpusGroup[] = [
  {
    name: 'lead11: a database server killed through its process ids',
    cases: [
      { line: 'kill -9 $(head -1 /var/lib/postgresql/16/main/postmaster.pid)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'sudo kill -9 $(head -n 1 $PGDATA/postmaster.pid)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill -9 $(pgrep -f postgres)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill $(cat /var/run/mysqld/mysqld.pid)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill $(cat /run/postgresql/16-main.pid)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill -s KILL $(pidof mongod)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill -9 $(lsof -t -i:5432)', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: "kill -9 $(ps aux | grep '[p]ostgres' | awk '{print $2}')", hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      {
        line: "ps -ef | grep mysqld | grep -v grep | awk '{print $2}' | xargs kill -9",
        hostname: DB_HOST,
        expect: 'confirm',
        rule: 'host/stop-database-server',
      },
      { line: 'pgrep redis-server | xargs sudo kill', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill -9 `pgrep -u postgres postgres`', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'kill -HUP $(head -1 /var/lib/postgresql/16/main/postmaster.pid)', hostname: DB_HOST, expect: 'allow' },
      { line: 'kill -0 $(cat /var/run/mysqld/mysqld.pid)', hostname: DB_HOST, expect: 'allow' },
      { line: 'kill -s HUP $(pidof mongod)', hostname: DB_HOST, expect: 'allow' },
      { line: 'pkill -HUP postgres', hostname: DB_HOST, expect: 'allow' },
      { line: 'killall -USR1 redis-server', hostname: DB_HOST, expect: 'allow' },
      { line: 'kill $(cat /var/run/nginx.pid)', hostname: DB_HOST, expect: 'allow' },
      { line: 'kill -9 $(lsof -t -i:3000)', hostname: DB_HOST, expect: 'allow' },
      { line: "kill -9 $(pgrep -f 'node server.js')", hostname: DB_HOST, expect: 'allow' },
      { line: 'kill -l $(pgrep postgres)', hostname: DB_HOST, expect: 'allow' },
      { line: 'renice 10 $(pgrep postgres)', hostname: DB_HOST, expect: 'allow' },
      { line: 'kill -9 $(pgrep -f postgres)', expect: 'allow' },
    ],
  },
  {
    name: 'lead11: keys a substitution lists, deleted',
    cases: [
      { line: `${REDIS} DEL $(${REDIS} KEYS '*')`, expect: 'confirm', rule: 'database/redis-bulk-delete' },
      { line: `${REDIS} UNLINK $(${REDIS} --scan --pattern 'session:*')`, expect: 'confirm', rule: 'database/redis-bulk-delete' },
      { line: `${REDIS} DEL \`${REDIS} keys 'cache:*'\``, expect: 'confirm', rule: 'database/redis-bulk-delete' },
      { line: `${REDIS} DEL $(echo session:42)`, expect: 'allow' },
      { line: `${REDIS} TTL $(${REDIS} RANDOMKEY)`, expect: 'allow' },
      { line: `echo $(${REDIS} KEYS 'session:*')`, expect: 'allow' },
      { line: "redis-cli DEL $(redis-cli KEYS 'session:*')", expect: 'allow' },
    ],
  },
  {
    name: "lead11: the application's own deleting task over every record",
    cases: [
      { line: 'php artisan tenants:delete --all --force', env: { APP_ENV: 'production' }, expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: 'php artisan users:purge --all', hostname: 'web1.prod.example.com', expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: "bundle exec rake 'tenants:purge[all]'", env: { RAILS_ENV: 'production' }, expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: 'bin/rails accounts:destroy_all', env: { RAILS_ENV: 'production' }, expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: './manage.py delete_tenants --all', hostname: 'web1.prod.example.com', expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: 'python manage.py purge_tenants --hard --noinput', hostname: 'web1.prod.example.com', expect: 'confirm', rule: 'database/app-task-delete-all' },
      { line: 'php artisan tenants:remove-user 5 --force', env: { APP_ENV: 'production' }, expect: 'allow' },
      { line: 'php artisan tenants:delete 42 --force', env: { APP_ENV: 'production' }, expect: 'allow' },
      { line: 'php artisan tenants:migrate --all', env: { APP_ENV: 'production' }, expect: 'allow' },
      { line: 'php artisan queue:retry all', env: { APP_ENV: 'production' }, expect: 'allow' },
      { line: 'bin/rails active_storage:purge_unattached', env: { RAILS_ENV: 'production' }, expect: 'allow' },
      { line: 'bundle exec rake tmp:clear', env: { RAILS_ENV: 'production' }, expect: 'allow' },
      { line: 'php artisan tenants:delete --all --force', env: { APP_ENV: 'local' }, expect: 'allow' },
    ],
  },
  {
    name: 'lead11: what find lists is what its name tests keep',
    cases: [
      { line: "rm -r $(find ~ -name '*.egg-info')", expect: 'allow' },
      { line: "find ~ -name '*.egg-info' | xargs rm -r", expect: 'allow' },
      { line: "find ~ -name '*.egg-info' -exec rm -r {} +", expect: 'allow' },
      { line: "find . -name '*.pyc' -o -name __pycache__ | xargs rm -rf", expect: 'allow' },
      { line: 'rm -rf $(find ~ -type d)', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: "find ~ ! -name '*.txt' | xargs rm -rf", expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: "find / -name '*' -exec rm -rf {} +", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "find /var/lib/mysql -name '*.ibd' | xargs rm -f", hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'find /var/lib/postgresql -name pg_wal -exec rm -rf {} +', hostname: DB_HOST, expect: 'block', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: "lead11: systemctl's signal option takes a value",
    cases: [
      { line: 'systemctl kill -s KILL redis-server', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'sudo systemctl kill --signal=SIGKILL postgresql', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'systemctl -t service stop postgresql', hostname: DB_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'systemctl kill -s HUP postgresql', hostname: DB_HOST, expect: 'allow' },
      { line: 'systemctl status -n 50 postgresql', hostname: DB_HOST, expect: 'allow' },
    ],
  },
  {
    name: "lead11: ORMs' wholesale calls run by hand",
    cases: [
      { line: "flask shell <<< 'db.drop_all()'", env: PROD_DB, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      { line: "python3 -c 'from app import db; db.drop_all()'", env: PROD_DB, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      {
        line: "node -e \"require('./db').knex('users').truncate().then(() => process.exit())\"",
        env: PROD_DB,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      {
        line: 'npx tsx -e "import { prisma } from \'./src/db\'; await prisma.session.deleteMany({})"',
        env: PROD_DB,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      { line: "mix run -e 'MyApp.Repo.delete_all(MyApp.Accounts.User)'", env: PROD_DB, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      { line: 'node -e "require(\'./models\').sequelize.sync({ force: true })"', env: PROD_DB, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      {
        line: 'npx tsx -e "import { prisma } from \'./src/db\'; await prisma.session.deleteMany({ where: { expired: true } })"',
        env: PROD_DB,
        expect: 'allow',
      },
      { line: "python3 -c \"f = open('out.log', 'r+'); f.truncate(0)\"", env: PROD_DB, expect: 'allow' },
      { line: "flask shell <<< 'print(db.engine.url)'", env: PROD_DB, expect: 'allow' },
      { line: "flask shell <<< 'db.drop_all()'", env: { DATABASE_URL: 'postgres://postgres@localhost/app_dev' }, expect: 'allow' },
    ],
  },
  {
    name: "lead11: system folders a host cannot run or be repaired without; service users' homes; ZooKeeper's dataDir",
    cases: [
      { line: 'sudo rm -rf /usr/lib/x86_64-linux-gnu', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'sudo rm -rf /lib/modules', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'sudo rm -rf /var/lib/dpkg', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'sudo rm -f /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock', expect: 'allow' },
      { line: 'rm -rf /var/lib/apt/lists/*', expect: 'allow' },
      { line: 'rm -rf ~gitlab-psql/data', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf ~postgres/.cache', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -rf /opt/zookeeper/data/version-2', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /opt/zookeeper/logs', hostname: DB_HOST, expect: 'allow' },
    ],
  },
  {
    name: "lead11: a standby's promotion trigger file created by hand",
    cases: [
      {
        line: 'touch /var/lib/postgresql/16/main/promote.trigger',
        hostname: 'db2.prod.example.com',
        expect: 'confirm',
        rule: 'replication/promote-trigger-file',
      },
      {
        line: 'sudo -u postgres touch /tmp/postgresql.trigger.5432',
        hostname: 'db2.prod.example.com',
        expect: 'confirm',
        rule: 'replication/promote-trigger-file',
      },
      { line: 'ssh db2.prod.example.com touch /var/lib/pgsql/15/data/promote', expect: 'confirm', rule: 'replication/promote-trigger-file' },
      { line: 'touch /var/lib/postgresql/16/main/standby.signal', hostname: 'db2.prod.example.com', expect: 'allow' },
      { line: 'touch /tmp/postgresql.trigger.5432', hostname: 'dev-laptop', expect: 'allow' },
    ],
  },
  {
    name: 'lead11: every dump of a kind deleted from a backup folder',
    cases: [
      { line: "find /var/backups -name '*.sql.gz' -delete", hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/find-delete-backups' },
      { line: "find /srv/backups -name '*.dump' -exec rm -f {} +", hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/find-delete-backups' },
      { line: 'rm -f /var/backups/*.sql.gz', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-backups' },
      { line: "find /var/backups -name '*.sql.gz' -mtime +7 -delete", hostname: DB_HOST, expect: 'allow' },
      { line: "find /var/backups/postgres -name '*.tmp' -delete", hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /backups/app-2024-01-01.sql.gz', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /var/backups/apt.extended_states.0', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /tmp/backups/app.sql.gz', hostname: DB_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'lead11: SQL shells of SQL Server, Snowflake and Spark',
    cases: [
      { line: 'mssql-cli -S sql-prod-01 -U sa -Q "DELETE FROM dbo.Customers"', expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: "snowsql -c prod -q 'DROP DATABASE ANALYTICS'", expect: 'block', rule: 'sql/drop-objects' },
      { line: 'snowsql -a acme-prod -u etl -f drop_schema.sql', expect: 'confirm' },
      { line: "spark-sql --master spark://spark-prod-1.example.com:7077 -e 'TRUNCATE TABLE events'", expect: 'block', rule: 'sql/truncate' },
      { line: "snowsql -c prod -q 'SELECT count(*) FROM orders'", expect: 'allow' },
      { line: 'mssql-cli -S localhost -U sa -Q "DELETE FROM dbo.Customers"', expect: 'allow' },
      { line: "spark-sql -e 'SHOW TABLES'", expect: 'allow' },
    ],
  },
  {
    name: 'lead11: a data pipeline rebuilt or reset from scratch',
    cases: [
      { line: 'dbt run --full-refresh --target prod', expect: 'confirm', rule: 'database/data-pipeline-reset' },
      { line: 'dbt build -t prod --full-refresh --select fct_orders+', expect: 'confirm', rule: 'database/data-pipeline-reset' },
      { line: "dbt run-operation drop_schema --args '{schema: analytics}' --target prod", expect: 'confirm', rule: 'database/data-pipeline-reset' },
      { line: 'airflow db reset -y', hostname: 'airflow-prod-1', expect: 'confirm', rule: 'database/data-pipeline-reset' },
      {
        line: 'kafka-streams-application-reset --bootstrap-server kafka-prod-1.example.com:9092 --application-id orders --to-earliest',
        expect: 'confirm',
        rule: 'database/data-pipeline-reset',
      },
      { line: 'dbt run --target prod --select fct_orders', expect: 'allow' },
      { line: 'dbt run --full-refresh --target dev', expect: 'allow' },
      { line: 'airflow db migrate', hostname: 'airflow-prod-1', expect: 'allow' },
    ],
  },
  {
    name: "lead11: a database cluster's member removed or its quorum rebuilt",
    cases: [
      {
        line: 'cockroach node decommission 2 3 4 --host=crdb-prod-1.example.com:26257 --certs-dir=certs',
        expect: 'confirm',
        rule: 'host/cluster-member-removal',
      },
      { line: 'cockroach debug reset-quorum 17 --host=crdb.prod.example.com:26257 --certs-dir=certs', expect: 'confirm', rule: 'host/cluster-member-removal' },
      { line: 'nodetool -h cass-prod-3 removenode force', expect: 'confirm', rule: 'host/cluster-member-removal' },
      { line: 'nodetool assassinate 10.0.4.17', hostname: 'cass-prod-3', expect: 'confirm', rule: 'host/cluster-member-removal' },
      { line: 'cockroach sql --host=crdb-prod-1.example.com:26257 -e "SELECT 1"', expect: 'allow' },
      { line: 'nodetool status', hostname: 'cass-prod-3', expect: 'allow' },
      { line: 'nodetool snapshot -t before-upgrade', hostname: 'cass-prod-3', expect: 'allow' },
    ],
  },
  {
    name: 'lead11: a system file written from another file is a copy; from itself, an emptying',
    cases: [
      { line: 'cat /tmp/passwd > /etc/passwd', expect: 'allow' },
      { line: "sed 's/^x:1001:/x:1002:/' /etc/passwd > /etc/shadow", expect: 'allow' },
      { line: 'cat /etc/passwd > /etc/passwd', expect: 'confirm', rule: 'filesystem/overwrite-system-file' },
      { line: "sed '/^bob:/d' /etc/passwd > /etc/passwd", expect: 'confirm', rule: 'filesystem/overwrite-system-file' },
      { line: 'cd /etc && cat passwd > /etc/passwd', expect: 'confirm', rule: 'filesystem/overwrite-system-file' },
      { line: "awk -F: '{print $1}' /etc/passwd > /etc/group", expect: 'confirm', rule: 'filesystem/overwrite-system-file' },
      { line: 'cat /dev/null > /etc/fstab', expect: 'confirm', rule: 'filesystem/overwrite-system-file' },
    ],
  },
];
