// The lead's cases from the twelfth stop: SQLite's own SQL sent through sqlite3 and litecli
// (PRAGMA, VACUUM, INSERT OR REPLACE, AUTOINCREMENT, STRICT tables, `.backup`) is read, not "SQL
// prodguard cannot judge"; what it destroys on a production file is still stopped. The must-pass
// lines are shaped like real maintenance scripts' (WAL checkpoints before a copy, integrity
// checks, busy timeouts, upserts of a cache).
import type { CorpusGroup } from '../cases.js';

const PROD_FILE = '/srv/app/storage/production.sqlite3';

export const groups: CorpusGroup[] = [
  {
    name: "lead12: SQLite's own SQL through sqlite3 and litecli",
    cases: [
      { line: 'sqlite3 app.db "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;"', expect: 'allow' },
      { line: 'sqlite3 state.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>/dev/null || true', expect: 'allow' },
      { line: "sqlite3 -batch backup.db 'PRAGMA integrity_check;'", expect: 'allow' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA busy_timeout = 5000;" ".backup '/var/backups/app.sqlite3'"`, expect: 'allow' },
      { line: "sqlite3 cache.db \"INSERT OR REPLACE INTO kv (k, v) VALUES ('etag', 'abc');\"", expect: 'allow' },
      { line: 'sqlite3 -batch asn.db "INSERT OR IGNORE INTO asn VALUES (1, \'x\');"', expect: 'allow' },
      { line: 'sqlite3 cache.db "REPLACE INTO kv VALUES (1, 2)"', expect: 'allow' },
      {
        line: 'sqlite3 data.db "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, ts INTEGER) WITHOUT ROWID, STRICT;"',
        expect: 'allow',
      },
      { line: 'sqlite3 search.db "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, body)"', expect: 'allow' },
      { line: "sqlite3 app.db \"BEGIN IMMEDIATE; UPDATE jobs SET state = 'queued' WHERE state = 'running'; COMMIT;\"", expect: 'allow' },
      { line: 'sqlite3 db.sqlite3 "VACUUM;"', expect: 'allow' },
      { line: 'sqlite3 db.sqlite3 "VACUUM INTO \'/tmp/snapshot.db\'"', expect: 'allow' },
      { line: 'sqlite3 app.db "ANALYZE; REINDEX;"', expect: 'allow' },
      { line: 'sqlite3 app.db "ATTACH DATABASE \'old.db\' AS old; SELECT count(*) FROM old.users;"', expect: 'allow' },
      { line: 'sqlite3 -cmd "PRAGMA busy_timeout=8000" app.db "SELECT 1"', expect: 'allow' },
      { line: 'litecli -e "PRAGMA table_info(users)" app.db', expect: 'allow' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA foreign_keys=OFF; DELETE FROM users;"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `sqlite3 ${PROD_FILE} "UPDATE OR IGNORE users SET admin = 0"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA journal_mode=WAL; DROP TABLE IF EXISTS orders;"`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `sqlite3 ${PROD_FILE} "BEGIN EXCLUSIVE; DELETE FROM sessions; COMMIT;"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'sudo docker exec postgres16 psql -U postgres -c "\\l+ app_test"', expect: 'allow' },
      // What SQLite does not read either stays unjudgeable (a warn), never allowed.
      { line: 'sqlite3 app.db "PRAGMA x; FROB THE TABLE"', expect: 'warn', rule: 'sql/unjudgeable-sql' },
    ],
  },
  {
    name: 'lead12: Ansible modules that delete without a literal rm',
    cases: [
      {
        line: 'ansible -i production.ini db -m postgresql_db -a "name=app state=absent" --become --become-user postgres',
        expect: 'block',
        rule: 'database/dropdb',
      },
      { line: 'ansible all -i prod -m community.postgresql.postgresql_db -a "name=app state=absent"', expect: 'block', rule: 'database/dropdb' },
      { line: 'ansible -i inventories/production db -m postgresql_db -a \'{"name": "app", "state": "absent"}\'', expect: 'block', rule: 'database/dropdb' },
      { line: 'ansible -i hosts/production mysql -m community.mysql.mysql_db -a "name=shop state=absent"', expect: 'block', rule: 'database/dropdb' },
      {
        line: 'ansible -i inventories/production db -m community.postgresql.postgresql_query -a "db=app query=\'DELETE FROM users\'"',
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      { line: 'ansible -i inventories/production db -m postgresql_table -a "db=app name=events state=absent"', expect: 'block', rule: 'sql/drop-objects' },
      { line: 'ansible -i inventories/production db -m postgresql_table -a "db=app name=events truncate=yes"', expect: 'block', rule: 'sql/truncate' },
      { line: 'ansible -i inventories/production db -m mysql_query -a "login_db=shop query=\'TRUNCATE TABLE orders\'"', expect: 'block', rule: 'sql/truncate' },
      {
        line: 'ansible -i inventories/production cache -m community.general.redis -a "command=flush flush_mode=all"',
        expect: 'block',
        rule: 'database/redis-flush',
      },
      {
        line: 'ansible -i inventories/production db -m community.general.filesystem -a "dev=/dev/nvme1n1 fstype=xfs force=yes"',
        expect: 'block',
        rule: 'filesystem/format-device',
      },
      {
        line: 'ansible -i inventories/production db -m community.docker.docker_volume -a "name=pgdata state=absent"',
        expect: 'confirm',
        rule: 'host/docker-volume-removal',
      },
      { line: 'ansible -i inventories/production db -m user -a "name=postgres state=absent remove=yes"', expect: 'block', rule: 'host/userdel-database-user' },
      {
        line: 'ansible -i inventories/production db -m apt -a "name=postgresql-16 state=absent purge=yes"',
        expect: 'confirm',
        rule: 'host/remove-database-package',
      },
      { line: 'ansible -i inventories/staging db -m postgresql_db -a "name=app_test state=absent"', expect: 'confirm', rule: 'database/dropdb' },
      { line: 'ansible -i inventories/production db -m postgresql_query -a "db=app query=\'SELECT count(*) FROM users\'"', expect: 'allow' },
      { line: 'ansible -i inventories/production db -m postgresql_db -a "name=app state=present"', expect: 'allow' },
      { line: 'ansible -i inventories/production db -m apt -a "name=htop state=present"', expect: 'allow' },
      { line: 'ansible -i inventories/production db -m community.general.filesystem -a "dev=/dev/nvme1n1 fstype=xfs"', expect: 'allow' },
      { line: 'ansible localhost -m postgresql_db -a "name=app_test state=absent"', expect: 'allow' },
      { line: "salt -G 'env:production' redis.flushall", expect: 'block', rule: 'database/redis-flush' },
      { line: "salt -G 'env:production' pkg.purge postgresql-16", expect: 'confirm', rule: 'host/remove-database-package' },
      { line: "salt -G 'env:production' disk.format /dev/nvme1n1", expect: 'block', rule: 'filesystem/format-device' },
      { line: "salt -G 'env:production' pkg.install htop", expect: 'allow' },
      { line: 'ansible -i inventories/production db -m community.general.redis -a "command=config name=maxmemory value=4gb"', expect: 'allow' },
    ],
  },
  {
    name: 'lead12: secrets loaded from a source that names production',
    cases: [
      { line: 'dotenv -e .env.production -- npx prisma migrate reset --force', expect: 'block', rule: 'database/framework-reset-tasks' },
      { line: 'op run --env-file=./prod.env -- bundle exec rake db:schema:load', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'infisical run --env=prod -- npx typeorm schema:drop -d dist/data-source.js', expect: 'block', rule: 'database/framework-reset-tasks' },
      { line: 'infisical run --env=production --command "php artisan migrate:fresh --force"', expect: 'block', rule: 'database/framework-reset-tasks' },
      { line: 'chamber exec payments-prod -- bin/rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'direnv exec ./deploy/prod npx drizzle-kit push --force', expect: 'block', rule: 'database/force-reset-flags' },
      { line: "env $(grep -v '^#' .env.production | xargs) npm run test:integration", expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: "sops exec-env secrets/prod.enc.env 'dropdb -h $PGHOST -U $PGUSER $PGDATABASE'", expect: 'confirm', rule: 'database/dropdb' },
      { line: 'envchain prod-db bin/rails db:schema:load', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'summon -e production bin/rails db:reset', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'env-cmd -e production npx sequelize-cli db:drop', expect: 'block', rule: 'database/framework-reset-tasks' },
      { line: 'infisical run --env=dev -- npx prisma migrate reset --force', expect: 'allow' },
      { line: 'infisical run -- npm run dev', expect: 'allow' },
      { line: 'infisical run --env=prod -- npm start', expect: 'allow' },
      { line: 'dotenv -e .env.test -- npx prisma migrate reset --force', expect: 'allow' },
      { line: 'chamber exec payments-prod -- bin/rails db:migrate:status', expect: 'allow' },
      { line: "sops exec-env secrets/prod.enc.env 'bin/rails db:migrate:status'", expect: 'allow' },
      { line: 'direnv exec . npm test', expect: 'allow' },
      { line: 'direnv exec ./services/api go test ./...', expect: 'allow' },
    ],
  },
  {
    name: "lead12: a program's argument read from the environment (Ruby, Perl, Python)",
    cases: [
      {
        line: 'ruby -e \'system("redis-cli", "-u", ENV["REDIS_URL"], "FLUSHALL")\'',
        env: { REDIS_URL: 'redis://cache.prod.example.com:6379' },
        expect: 'block',
        rule: 'database/redis-flush',
      },
      { line: 'perl -e \'system("dropdb", "-h", $ENV{PGHOST}, "app")\'', env: { PGHOST: 'db.prod.example.com' }, expect: 'block', rule: 'database/dropdb' },
      {
        line: 'python3 -c \'import subprocess, os; subprocess.run(["dropdb", "-h", os.environ["PGHOST"], "app"])\'',
        env: { PGHOST: 'db.prod.example.com' },
        expect: 'block',
        rule: 'database/dropdb',
      },
      { line: 'ruby -e \'system("redis-cli", "-u", ENV["REDIS_URL"], "INFO")\'', env: { REDIS_URL: 'redis://cache.prod.example.com:6379' }, expect: 'allow' },
    ],
  },
  {
    name: 'lead12: data directories of cluster stores, search indexes, metrics and secrets',
    cases: [
      { line: 'rm -rf /var/lib/victoria-metrics-data/*', hostname: 'metrics-prod-1', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      {
        line: "find /opt/graphite/storage/whisper -name '*.wsp' -delete",
        hostname: 'graphite-prod-1',
        expect: 'block',
        rule: 'filesystem/find-delete-data-directory',
      },
      { line: 'sudo rm -rf /var/lib/cockroach', hostname: 'crdb-prod-2', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/prometheus/metrics2/*', hostname: 'metrics-prod-1', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /opt/vault/data', hostname: 'vault-prod-1', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/scylla/data/app', hostname: 'scylla-prod-1', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -f /var/lib/prometheus/node-exporter/old.prom', hostname: 'metrics-prod-1', expect: 'allow' },
      { line: 'rm -rf ./whisper ./models', hostname: 'gpu-prod-1', expect: 'allow' },
      { line: 'rm -rf /tmp/prometheus-test', hostname: 'metrics-prod-1', expect: 'allow' },
    ],
  },
];
