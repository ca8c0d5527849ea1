// Issue 11, a fifth pass: tools, clients and cloud calls an adversarial review found unknown —
// database shells read as the client they are (cockroach sql, usql, sqlcmd, clickhouse client,
// mysqlsh's JavaScript mode), Redis SHUTDOWN, deletes over HTTP, scale-to-zero in the cloud,
// rails runner, partitions — each against a production context, with harmless twins on a
// workstation, and the routine lines the issue says must not be interrupted.
import type { CorpusCase, CorpusGroup } from '../cases.js';
import type { Severity } from '../../../src/types.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_ENV = { AWS_PROFILE: 'production' };

/** A line judged on a production host, with a production AWS profile and kube context. */
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
    name: 'evasion5: database shells are the client they are',
    cases: [
      prod(`cockroach sql --url postgresql://root@crdb.prod.example.com:26257/app -e 'DROP TABLE users'`, 'block', 'sql/drop-objects'),
      prod(`cockroach sql --host=crdb-prod:26257 --insecure -e 'TRUNCATE orders'`, 'block', 'sql/truncate'),
      prod(
        `cockroach sql --url "postgresql://root@10.0.4.7:26257/app?sslmode=verify-full" --execute="DELETE FROM users"`,
        'confirm',
        'sql/delete-update-all-rows',
      ),
      ws(`cockroach sql --url postgresql://root@crdb.prod.example.com:26257/app -e 'DROP TABLE users'`, 'block', 'sql/drop-objects'),
      ws(`cockroach sql --url postgresql://root@localhost:26257/app -e 'DROP TABLE users'`),
      ws(`cockroach sql --url postgresql://root@crdb.prod.example.com:26257/app -e 'SELECT count(*) FROM users'`),
      ws(`cockroach start --insecure --store=/tmp/crdb --listen-addr=localhost:26257`),
      prod(`usql pg://app@db.prod.example.com/app -c 'TRUNCATE sessions'`, 'block', 'sql/truncate'),
      prod(`usql postgres://app@db.prod.example.com/app -f /nonexistent/cleanup.sql`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`usql mysql://root@mysql.prod.example.com/app -c 'DROP DATABASE app'`, 'block', 'sql/drop-objects'),
      prod(`usql my://root@mysql-prod/app -c 'DELETE FROM users'`, 'block', 'sql/delete-update-all-rows'),
      ws(`usql pg://app@localhost/app -c 'TRUNCATE sessions'`),
      ws(`usql pg://app@db.prod.example.com/app -c 'SELECT 1'`),
      ws(`usql sqlite:./dev.db -c 'DROP TABLE users'`),
      prod(`sqlcmd -S sql.prod.example.com -Q 'DROP DATABASE app'`, 'block', 'sql/drop-objects'),
      prod(`sqlcmd -S tcp:prod-sql,1433 -d app -U sa -P 'Hunter2!pw' -Q "TRUNCATE TABLE orders"`, 'block', 'sql/truncate'),
      prod(`sqlcmd -S prod-sql\\SQLEXPRESS -d app -i /nonexistent/purge.sql`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`sqlcmd -S prod-sql -Q 'DELETE FROM [dbo].[users]'`, 'block', 'sql/delete-update-all-rows'),
      ws(`sqlcmd -S localhost -Q 'DROP TABLE scratch'`),
      ws(`sqlcmd -S . -Q 'DROP TABLE scratch'`),
      ws(`sqlcmd -S sql.prod.example.com -Q 'SELECT name FROM sys.databases'`),
      prod(`clickhouse client --host ch1.prod.example.com --query 'DROP TABLE events'`, 'block', 'sql/drop-objects'),
      prod(`clickhouse client -q 'TRUNCATE TABLE events'`, 'block', 'sql/truncate'),
      ws(`clickhouse client --query 'SELECT 1'`),
      ws(`clickhouse local --query 'SELECT 1'`),
      prod(`mysqlsh root@mysql.prod.example.com:3306 --js -e 'session.dropSchema("app")'`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`mysqlsh --uri root@mysql-prod:3306 --py -e 'session.drop_schema("app")'`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`mysqlsh --sql -e 'DROP DATABASE app'`, 'block', 'sql/drop-objects'),
      prod(`mysqlsh root@mysql.prod.example.com --sql -f /nonexistent/drop.sql`, 'confirm', 'sql/unjudgeable-sql'),
      ws(`mysqlsh root@localhost --js -e 'print(session.getSchemas())'`, 'warn'),
      ws(`mysqlsh root@localhost --sql -e 'SELECT 1'`),
      ws(`mysqlsh --version`),
    ],
  },
  {
    name: 'evasion5: Redis servers stopped, crashed or repointed',
    cases: [
      prod(`redis-cli -h cache.prod.example.com SHUTDOWN NOSAVE`, 'confirm', 'database/redis-server-stop'),
      prod(`redis-cli shutdown`, 'confirm', 'database/redis-server-stop'),
      prod(`redis-cli -h prod-redis -p 6380 DEBUG RESTART`, 'confirm', 'database/redis-server-stop'),
      prod(`redis-cli -h prod-redis replicaof 10.0.0.9 6379`, 'confirm', 'database/redis-server-stop'),
      prod(`redis-cli -h prod-redis config set dbfilename authorized_keys`, 'confirm', 'database/redis-server-stop'),
      prod(`echo SHUTDOWN | redis-cli -h cache.prod.example.com`, 'confirm', 'database/redis-server-stop'),
      ws(`redis-cli -h cache.prod.example.com shutdown`, 'confirm', 'database/redis-server-stop'),
      ws(`redis-cli shutdown nosave`),
      ws(`redis-cli -h cache.prod.example.com GET shutdown`),
      ws(`redis-cli -h cache.prod.example.com replicaof no one`),
      ws(`redis-cli -h cache.prod.example.com CONFIG GET dir`),
      ws(`redis-cli -h cache.prod.example.com INFO server`),
    ],
  },
  {
    name: 'evasion5: deletes over HTTP judged by the URL host (Elasticsearch, admin APIs)',
    cases: [
      prod(`curl -X DELETE 'https://es.prod.example.com:9200/logs-*'`, 'confirm', 'http/delete-request'),
      prod(`curl -XDELETE 'http://prod-es:9200/_all'`, 'confirm', 'http/delete-request'),
      prod(`curl -X DELETE http://localhost:9200/orders`, 'confirm', 'http/delete-request'),
      prod(`curl -s -u elastic:s3cretpw --request=DELETE https://es.prod.example.com:9200/orders`, 'confirm', 'http/delete-request'),
      prod(`for id in $(cat ids); do curl -X DELETE "https://api.prod.example.com/v1/sites/$id"; done`, 'confirm', 'http/delete-request'),
      prod(`xargs -I{} curl -X DELETE https://api.prod.example.com/v1/sites/{} < site_ids.txt`, 'confirm', 'http/delete-request'),
      prod(`cat ids | parallel curl -X DELETE https://api.prod.example.com/v1/sites/{}`, 'confirm', 'http/delete-request'),
      prod(`wget --method=DELETE -qO- https://api.prod.example.com/v1/sites/42`, 'confirm', 'http/delete-request'),
      prod(
        `curl -X POST 'https://es.prod.example.com:9200/logs/_delete_by_query' -H 'Content-Type: application/json' -d '{"query":{"match_all":{}}}'`,
        'confirm',
        'http/delete-by-query',
      ),
      ws(`curl -X DELETE 'https://es.prod.example.com:9200/logs-*'`, 'confirm', 'http/delete-request'),
      ws(`curl -X DELETE http://localhost:9200/logs-2024.01`),
      ws(`curl -X DELETE https://api.example.com/v1/items/42`, 'warn', 'http/delete-request'),
      ws(`curl https://es.prod.example.com:9200/_cat/indices`),
      ws(`curl -X GET 'https://es.prod.example.com:9200/logs-*/_search'`),
      ws(`curl -X POST https://api.prod.example.com/v1/sites -d '{"name":"x"}'`),
      ws(`curl -fsSL https://deb.nodesource.com/setup_20.x -o setup.sh`),
    ],
  },
  {
    name: 'evasion5: cloud services scaled to zero and cascading app deletes',
    cases: [
      prod(`aws ecs update-service --cluster prod --service api --desired-count 0`, 'confirm', 'cloud/scale-to-zero'),
      prod(`aws ecs update-service --cluster main --service api --desired-count 0`, 'confirm', 'cloud/scale-to-zero'),
      prod(`aws autoscaling update-auto-scaling-group --auto-scaling-group-name prod-web --desired-capacity 0 --min-size 0`, 'confirm', 'cloud/scale-to-zero'),
      prod(`aws autoscaling update-auto-scaling-group --auto-scaling-group-name web --max-size 0 --min-size 0`, 'confirm', 'cloud/scale-to-zero'),
      prod(`heroku ps:scale web=0 -a acme-prod`, 'confirm', 'cloud/paas-scale-to-zero'),
      prod(`HEROKU_APP=acme-production heroku ps:scale worker=0`, 'confirm', 'cloud/paas-scale-to-zero'),
      prod(`argocd app delete prod-api --cascade`, 'confirm', 'kubernetes/argocd-app-delete'),
      prod(`argocd app delete payments -y`, 'confirm', 'kubernetes/argocd-app-delete'),
      ws(`aws ecs update-service --cluster prod --service api --desired-count 0`, 'confirm', 'cloud/scale-to-zero'),
      ws(`aws ecs update-service --cluster prod --service api --desired-count 4`),
      ws(`aws ecs update-service --cluster prod --service api --force-new-deployment`),
      ws(`aws ecs update-service --cluster dev --service api --desired-count 0`),
      ws(`heroku ps:scale web=0 -a acme-staging`, 'warn', 'cloud/paas-scale-to-zero'),
      ws(`heroku ps:scale web=2 -a acme-prod`),
      ws(`argocd app delete prod-api --cascade=false`),
      ws(`argocd app sync prod-api`),
      ws(`argocd app delete preview-1234`, 'warn', 'kubernetes/argocd-app-delete'),
      ws(`argocd app delete api-dev`),
    ],
  },
];
