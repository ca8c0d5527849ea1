// Issue 11, a sixth pass: families an adversarial review still found getting through — SQL the
// engine did not see as destructive (sessions terminated en masse, logins and subscriptions
// dropped, MySQL tables emptied without TRUNCATE, replicas made writable, WHERE clauses that are
// tautologies through subqueries), database clients and files, Mongo topology, SQL carried by
// cloud APIs, and GitLab-2017-shaped host commands. Each against a production context, with
// harmless twins.
import type { CorpusCase, CorpusGroup } from '../cases.js';
import type { Severity } from '../../../src/types.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_URL = 'postgres://app:s3cret@pg1.prod.example.com:5432/app';
const PROD_ENV = {
  AWS_PROFILE: 'production',
  DATABASE_URL: PROD_URL,
  REDIS_URL: 'redis://cache.prod.example.com:6379/0',
  MONGO_URL: 'mongodb://mongo1.prod.example.com/app',
};

/** A line judged on a production host whose environment points at production. */
const prod = (line: string, expect: Severity, rule?: string): CorpusCase => ({
  line,
  hostname: PROD_HOST,
  env: PROD_ENV,
  kubeContext: 'prod',
  expect,
  ...(rule ? { rule } : {}),
});
/** A line judged on a developer's workstation (the corpus defaults). */
const ws = (line: string, expect: Severity = 'allow', rule?: string): CorpusCase => ({ line, expect, ...(rule ? { rule } : {}) });

export const groups: CorpusGroup[] = [
  {
    name: 'evasion6: SQL that destroys without DROP TABLE, DELETE or TRUNCATE',
    cases: [
      prod(
        `psql "$DATABASE_URL" -c "SELECT pg_terminate_backend(s.pid) FROM pg_stat_activity s WHERE s.pid != pg_backend_pid()"`,
        'confirm',
        'sql/terminate-all-sessions',
      ),
      prod(`psql -c "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'app'"`, 'confirm', 'sql/terminate-all-sessions'),
      prod(`psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sidekiq' AND state = 'idle'"`, 'allow'),
      prod(`psql -c 'SELECT pg_terminate_backend(48211)'`, 'allow'),
      prod(`psql -c 'SELECT pid, usename, state FROM pg_stat_activity WHERE pid <> pg_backend_pid()'`, 'allow'),
      prod(`psql -c 'DROP SUBSCRIPTION IF EXISTS analytics_sub'`, 'confirm', 'sql/replication-change'),
      prod(`psql -c 'DROP PUBLICATION IF EXISTS billing_pub'`, 'confirm', 'sql/replication-change'),
      prod(`psql -c 'SELECT lo_unlink(l.oid) FROM pg_largeobject_metadata l'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'SELECT lo_unlink(attachment_oid) FROM documents'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'SELECT lo_unlink(90112)'`, 'allow'),
      prod(`psql -c 'DROP ROLE IF EXISTS billing_writer'`, 'confirm', 'sql/drop-role'),
      prod(`psql -c 'DROP USER app_rw'`, 'confirm', 'sql/drop-role'),
      ws(`mysql -h mysql1.prod.example.com shop -e 'DROP USER "shop"@"10.%"'`, 'confirm', 'sql/drop-role'),
      ws(`mysql -h mysql1.prod.example.com shop -e 'ALTER TABLE carts ENGINE = BLACKHOLE'`, 'block', 'sql/truncate'),
      ws(`mysql -h mysql1.prod.example.com shop -e 'ALTER TABLE carts DISCARD PARTITION p2024 TABLESPACE'`, 'block', 'sql/truncate'),
      ws(`mysql -h mysql1.prod.example.com shop -e 'ALTER TABLE carts ENGINE = InnoDB, ALGORITHM = INPLACE'`),
      ws(`mysql -h mysql-replica-2.prod.example.com -e 'SET @@global.super_read_only = 0'`, 'confirm', 'sql/replication-change'),
      ws(`mysql -h mysql-replica-2.prod.example.com -e 'SET GLOBAL read_only = FALSE'`, 'confirm', 'sql/replication-change'),
      ws(`mysql -h mysql-replica-2.prod.example.com -e 'SET GLOBAL super_read_only = ON'`),
      ws(`mysql -h mysql-replica-2.prod.example.com -e 'SHOW GLOBAL VARIABLES LIKE "read_only"'`),
    ],
  },
  {
    name: 'evasion6: WHERE clauses that filter nothing through a subquery',
    cases: [
      prod(`psql -c 'DELETE FROM invoices WHERE NOT EXISTS (SELECT 1 WHERE 2 < 1)'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'UPDATE accounts SET locked = true WHERE id NOT IN (SELECT 1 WHERE false)'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'DELETE FROM invoices WHERE account_id IN (SELECT id FROM accounts)'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'DELETE FROM posts WHERE category_id IN (SELECT id FROM categories)'`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql -c 'DELETE FROM invoices WHERE account_id IN (SELECT id FROM accounts WHERE closed_at < now())'`, 'confirm', 'sql/delete-computed-rows'),
      prod(`psql -c 'DELETE FROM invoices WHERE account_id IN (SELECT account_id FROM refunds)'`, 'confirm', 'sql/delete-computed-rows'),
      prod(`psql -c 'DELETE FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = i.account_id)'`, 'confirm', 'sql/delete-computed-rows'),
      prod(`psql -c 'DELETE FROM invoices WHERE EXISTS (SELECT max(id) WHERE false)'`, 'warn', 'sql/delete-update-blast-radius'),
    ],
  },
  {
    name: 'evasion6: database clients and files',
    cases: [
      ws(`mycli -h mysql1.prod.example.com -u admin -p 'pw' shop -e 'DELETE FROM carts'`, 'block', 'sql/delete-update-all-rows'),
      ws(`mycli mysql://admin@mysql1.prod.example.com:3306/shop --execute 'TRUNCATE carts'`, 'block', 'sql/truncate'),
      ws(`mycli -h mysql1.prod.example.com shop -e 'SHOW TABLES'`),
      ws(`mycli -h 127.0.0.1 -u root shop -e 'DROP TABLE carts'`),
      ws(`pgcli -h pg1.prod.example.com -U admin shop -c 'TRUNCATE carts'`, 'block', 'sql/truncate'),
      ws(`pgcli postgres://admin@pg1.prod.example.com/shop`),
      ws(`litecli -e 'DELETE FROM carts' /srv/shop/production.db`, 'block', 'sql/delete-update-all-rows'),
      ws(`litecli db/development.sqlite3 -e 'DELETE FROM carts'`),
      prod(`sqlite3 /var/lib/shop/shop.db 'DELETE FROM carts'`, 'block', 'sql/delete-update-all-rows'),
      prod(`sqlite3 -batch /srv/shop/shop.sqlite 'DROP TABLE carts'`, 'block', 'sql/drop-objects'),
      prod(`sqlite3 /srv/shop/shop.sqlite '.read /nonexistent/purge.sql'`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`sqlite3 /srv/shop/shop.sqlite '.shell rm -rf /srv/shop'`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`sqlite3 /srv/shop/shop.sqlite .schema 'SELECT count(*) FROM carts'`, 'allow'),
      prod(`sqlite3 /tmp/scratch.sqlite 'DROP TABLE carts'`, 'allow'),
      ws(`sqlite3 deploy/production.sqlite3 'UPDATE users SET admin = 1'`, 'block', 'sql/delete-update-all-rows'),
      ws(`sqlite3 /var/lib/shop/shop.db 'DELETE FROM carts'`),
      ws(`sqlite3 test/fixtures/app.db 'DROP TABLE carts'`),
      ws(`printf 'SELECT 1\r\nFLUSHDB\r\n' | nc -w 1 sessions.prod.example.com 6379`, 'block', 'database/redis-flush'),
      ws(`echo FLUSHALL | telnet sessions.prod.example.com 6379`, 'block', 'database/redis-flush'),
      ws(`printf 'INFO\r\n' | nc sessions.prod.example.com 6379`),
      ws(`printf 'GET / HTTP/1.0\r\n\r\n' | nc www.prod.example.com 80`),
    ],
  },
  {
    name: 'evasion6: Mongo servers stopped, stepped down, replaced or reached from inside the script',
    cases: [
      prod(
        `mongosh "$MONGO_URL" --quiet --eval 'db.sessions.aggregate([{$match: {expiresAt: {$lt: new Date(0)}}}, {$out: "sessions"}])'`,
        'block',
        'sql/mongo-drop',
      ),
      prod(`mongosh "$MONGO_URL" --eval 'db.getCollection("carts").aggregate([{$limit: 0}, {$out: {db: "app", coll: "carts"}}])'`, 'block', 'sql/mongo-drop'),
      prod(`mongosh "$MONGO_URL" --eval 'db.orders.aggregate([{$match: {day: "2024-01-01"}}, {$out: "orders_2024_01_01"}])'`, 'allow'),
      prod(`mongosh "$MONGO_URL" --eval 'db.getSiblingDB("admin").shutdownServer()'`, 'confirm', 'sql/server-shutdown'),
      prod(`mongosh "$MONGO_URL" --eval 'db.getSiblingDB("admin").runCommand({shutdown: 1})'`, 'confirm', 'sql/server-shutdown'),
      prod(`mongosh "$MONGO_URL" --eval 'db.adminCommand({replSetStepDown: 120, secondaryCatchUpPeriodSecs: 0})'`, 'confirm', 'sql/replication-change'),
      prod(
        `mongosh "$MONGO_URL" --eval 'rs.reconfig({_id: "rs0", members: [{_id: 0, host: "m0:27017"}]}, {force: true})'`,
        'confirm',
        'sql/replication-change',
      ),
      prod(`mongosh "$MONGO_URL" --eval 'rs.status(); rs.printSecondaryReplicationInfo()'`, 'allow'),
      ws(`mongosh --nodb --eval 'new Mongo("mongo1.prod.example.com:27017").getDB("shop").carts.deleteMany({})'`, 'block', 'sql/mongo-drop'),
      ws(`mongo --nodb --eval 'var c = connect("mongodb://mongo1.prod.example.com/shop"); c.dropDatabase()'`, 'block', 'sql/mongo-drop'),
      ws(`mongosh --nodb --eval 'new Mongo("mongo1.prod.example.com").getDB("shop").carts.findOne()'`),
      ws(`mysql -h mysql1.prod.example.com -e 'SHUTDOWN'`, 'confirm', 'sql/server-shutdown'),
      ws(`mysql -h 127.0.0.1 -e 'SHUTDOWN'`),
    ],
  },
  {
    name: 'evasion6: SQL through cloud APIs, and cloud configuration that deletes',
    cases: [
      prod(
        `aws rds-data execute-statement --resource-arn arn:aws:rds:eu-west-1:111122223333:cluster:billing --secret-arn arn:aws:secretsmanager:eu-west-1:111122223333:secret:billing --sql "DROP TABLE invoices"`,
        'block',
        'cloud/sql-through-api',
      ),
      prod(`aws redshift-data execute-statement --cluster-identifier dwh --database dwh --sql 'TRUNCATE fact_orders'`, 'block', 'cloud/sql-through-api'),
      prod(`aws athena start-query-execution --query-string "SELECT day, count(*) FROM lake.orders GROUP BY day" --work-group analysts`, 'allow'),
      ws(`bq query --nouse_legacy_sql --project_id=billing-prod 'DELETE FROM billing.invoices WHERE true'`, 'block', 'cloud/sql-through-api'),
      ws(`bq query --nouse_legacy_sql --project_id=billing-prod 'SELECT COUNT(*) FROM billing.invoices'`),
      ws(`heroku pg:psql DATABASE -a billing-production --command 'DELETE FROM invoices'`, 'block', 'cloud/sql-through-api'),
      ws(`heroku pg:psql -a billing-production -c 'SELECT now()'`),
      ws(`heroku config:unset DATABASE_URL --app billing-production`, 'confirm', 'cloud/paas-database-unset'),
      ws(`heroku config:unset SENTRY_DSN --app billing-production`),
      prod(
        `aws s3api put-bucket-lifecycle-configuration --bucket billing-prod-exports --lifecycle-configuration '{"Rules":[{"Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":1}}]}'`,
        'confirm',
        'cloud/object-expiration',
      ),
      ws(
        `az deployment group create --resource-group billing-prod-rg --template-file infra/main.json --mode Complete`,
        'block',
        'cloud/deployment-complete-mode',
      ),
      ws(`az deployment group create --resource-group billing-prod-rg --template-file infra/main.json`),
      ws(`terraform workspace delete billing-production`, 'confirm', 'cloud/terraform-workspace-delete'),
      ws(`terraform workspace delete pr-1234`),
      prod(
        `aws eks update-nodegroup-config --cluster-name billing --nodegroup-name general --scaling-config maxSize=0,minSize=0,desiredSize=0`,
        'confirm',
        'cloud/nodegroup-scale-to-zero',
      ),
      prod(`aws eks update-nodegroup-config --cluster-name billing --nodegroup-name general --scaling-config maxSize=8,minSize=2,desiredSize=4`, 'allow'),
    ],
  },
  {
    name: 'evasion6: GitLab-2017-shaped host commands',
    cases: [
      prod(`sudo pkill -9 -u postgres`, 'confirm', 'host/kill-database-user'),
      prod(`killall -u mysql`, 'confirm', 'host/kill-database-user'),
      prod(`pkill -HUP -u deploy puma`, 'allow'),
      prod(`pgrep -u postgres -l`, 'allow'),
      prod(`sudo mv /var/lib/postgresql/15/main/base /dev/null`, 'confirm', 'filesystem/move-data-files-away'),
      prod(`mv /tmp/build.log /dev/null`, 'allow'),
      prod(`sudo crontab -u backup /dev/null`, 'confirm', 'host/crontab-replace-empty'),
      prod(`crontab -l > /tmp/crontab.bak`, 'allow'),
      prod(`sudo mdadm --zero-superblock /dev/sdc2 /dev/sdd2`, 'block', 'filesystem/raid-superblock-zero'),
      prod(`mdadm --detail --scan`, 'allow'),
      ws(`pkill -u postgres`),
      ws(`crontab /dev/null`),
    ],
  },
];
