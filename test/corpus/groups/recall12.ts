// recall12: classes of destructive commands a blind held-out set found allowed.
// - Database shells prodguard did not know, read as the clients they are: Neo4j's cypher-shell
//   (Cypher), InfluxDB's influx (InfluxQL), Oracle's sqlplus and SQLcl (logon strings, heredocs,
//   @scripts), `turso db shell`, `pscale shell`.
// - Queries sent to a database's HTTP API (ClickHouse :8123/:8443, InfluxDB /query), metrics
//   deleted through Prometheus's admin API, index lifecycle policies and alias actions that delete.
// - Cloud changes that remove a protection rather than delete: deletion protection, point-in-time
//   recovery, versioning, soft delete, bucket policies.
// - libvirt, LXD and Incus deleting a machine's disks.
import type { CorpusGroup } from '../cases.js';

const ORA = 'app/Tiger_42@//ora1.prod.example.com:1521/ORDERS';
const NEO = 'cypher-shell -a neo4j+s://neo.prod.example.com -u neo4j';
const INFLUX = 'influx -host tsdb.prod.example.com -database metrics';
const DB_HOST = 'db-prod-7';

export const groups: CorpusGroup[] = [
  {
    name: 'recall12: Cypher through cypher-shell',
    cases: [
      { line: `${NEO} 'MATCH (x) DETACH DELETE x'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `${NEO} -d system 'DROP DATABASE crm DESTROY DATA'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `${NEO} 'CREATE OR REPLACE DATABASE crm'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `${NEO} "CALL apoc.periodic.commit('MATCH (s:Session) WITH s LIMIT 1000 DETACH DELETE s RETURN count(*)')"`, expect: 'block' },
      { line: `${NEO} 'MATCH (a:Account) REMOVE a.email'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: "echo 'MATCH (n) DETACH DELETE n;' | cypher-shell -u neo4j", hostname: DB_HOST, expect: 'block' },
      { line: 'cypher-shell -a bolt://10.0.3.4:7687 "MATCH (n:Cache) DELETE n"', expect: 'confirm', rule: 'sql/delete-update-all-rows' },
      { line: `${NEO} 'MATCH (s:Session) CALL { WITH s DETACH DELETE s } IN TRANSACTIONS OF 500 ROWS'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `${NEO} 'MATCH (a:Account {id: $id}) DETACH DELETE a'`, expect: 'allow' },
      { line: `${NEO} "MATCH (s:Session) WHERE s.expires < datetime() DETACH DELETE s"`, expect: 'allow' },
      { line: `${NEO} 'MATCH (a:Account) RETURN count(a)'`, expect: 'allow' },
      { line: `${NEO} 'SHOW DATABASES'`, expect: 'allow' },
      { line: `${NEO} 'CALL db.schema.visualization()'`, expect: 'allow' },
      { line: `${NEO} 'CREATE CONSTRAINT account_id FOR (a:Account) REQUIRE a.id IS UNIQUE'`, expect: 'allow' },
      { line: "cypher-shell -a neo4j://localhost:7687 'MATCH (x) DETACH DELETE x'", expect: 'allow' },
    ],
  },
  {
    name: 'recall12: InfluxQL through influx and its HTTP API',
    cases: [
      { line: `${INFLUX} -execute 'DROP MEASUREMENT http_requests'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: "influx -host tsdb.prod.example.com -execute 'DROP DATABASE metrics'", expect: 'block', rule: 'sql/drop-objects' },
      { line: `${INFLUX} -execute 'DELETE FROM http_requests'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `${INFLUX} -execute 'DROP SERIES FROM cpu'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: "influx -execute 'DROP RETENTION POLICY autogen ON telegraf'", hostname: DB_HOST, expect: 'block', rule: 'sql/drop-objects' },
      { line: "influx v1 shell --host https://tsdb.prod.example.com <<< 'DROP MEASUREMENT disk'", expect: 'block', rule: 'sql/drop-objects' },
      {
        line: "curl -XPOST 'https://tsdb.prod.example.com:8086/query?db=metrics' --data-urlencode 'q=DROP MEASUREMENT disk'",
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: `${INFLUX} -execute "DELETE FROM cpu WHERE time < now() - 90d"`, expect: 'allow' },
      { line: `${INFLUX} -execute 'SHOW MEASUREMENTS'`, expect: 'allow' },
      { line: `${INFLUX} -format csv -execute 'SELECT mean(value) FROM cpu WHERE time > now() - 1h'`, expect: 'allow' },
      { line: 'influx query \'from(bucket: "metrics") |> range(start: -5m)\' --host https://tsdb.prod.example.com', expect: 'allow' },
      { line: "curl -G 'https://tsdb.prod.example.com:8086/query' --data-urlencode 'q=SHOW DATABASES'", expect: 'allow' },
      { line: "curl 'https://shop.example.com/query?q=red+shoes'", expect: 'allow' },
    ],
  },
  {
    name: 'recall12: Oracle through sqlplus and SQLcl',
    cases: [
      { line: `sqlplus -s ${ORA} <<< 'DROP TABLE order_lines CASCADE CONSTRAINTS PURGE;'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `sqlplus -s ${ORA} <<< 'TRUNCATE TABLE order_lines;'`, expect: 'block', rule: 'sql/truncate' },
      { line: `sqlplus -s ${ORA} <<< 'DELETE FROM order_lines;'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `printf 'DROP USER reporting CASCADE;\\n' | sqlplus -s ${ORA}`, expect: 'block', rule: 'sql/drop-objects' },
      { line: "sqlplus -s sys/x@ora1.prod.example.com:1521/ORDERS as sysdba <<< 'DROP TABLESPACE users INCLUDING CONTENTS AND DATAFILES;'", expect: 'block' },
      { line: "sqlplus / as sysdba <<< $'shutdown immediate\\nexit'", hostname: DB_HOST, expect: 'confirm', rule: 'sql/server-shutdown' },
      { line: `sql -S ${ORA} <<< 'DELETE order_lines;'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: "sql admin/x@orders_high <<< 'TRUNCATE TABLE audit_trail;'", expect: 'confirm', rule: 'sql/truncate' },
      { line: `sqlplus -s ${ORA} @cleanup_orders`, expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: `sqlplus -s ${ORA} <<< $'set heading off feedback off\\nselect count(*) from order_lines;\\nexit'`, expect: 'allow' },
      { line: `sqlplus -s ${ORA} <<< 'DELETE FROM order_lines WHERE order_id = 42;'`, expect: 'allow' },
      {
        line: `sqlplus -s ${ORA} <<< $'whenever sqlerror exit failure\\nexec dbms_stats.gather_table_stats(\\'APP\\', \\'ORDERS\\');\\nexit'`,
        expect: 'allow',
      },
      { line: 'sqlplus -V', expect: 'allow' },
      { line: 'sqlplus -s / as sysdba <<EOF\nSET PAGESIZE 0\nSELECT open_mode FROM v\\$database;\nEXIT;\nEOF', hostname: DB_HOST, expect: 'allow' },
      { line: "rman target / <<< 'DELETE FORCE NOPROMPT BACKUPSET;'", hostname: DB_HOST, expect: 'confirm', rule: 'database/rman-delete-backups' },
      { line: `rman target ${ORA} <<< 'DROP DATABASE INCLUDING BACKUPS NOPROMPT;'`, expect: 'block', rule: 'sql/drop-objects' },
      { line: "rman target / <<< 'DELETE NOPROMPT ARCHIVELOG ALL BACKED UP 1 TIMES TO DEVICE TYPE DISK;'", hostname: DB_HOST, expect: 'allow' },
      { line: "rman target / <<< 'RUN { BACKUP INCREMENTAL LEVEL 1 DATABASE; DELETE NOPROMPT OBSOLETE; }'", hostname: DB_HOST, expect: 'allow' },
      { line: "Invoke-Sqlcmd -ServerInstance 'SQL-PROD-02' -Database Ledger -Query 'TRUNCATE TABLE dbo.Entries'", expect: 'block', rule: 'sql/truncate' },
      { line: 'Invoke-Sqlcmd "DELETE FROM dbo.Entries" -ServerInstance SQL-PROD-02', expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: "Invoke-Sqlcmd -ServerInstance 'SQL-PROD-02' -Query 'SELECT TOP 10 * FROM dbo.Entries'", expect: 'allow' },
      { line: "sqlplus scott/tiger@localhost:1521/XEPDB1 <<< 'DROP TABLE emp;'", expect: 'allow' },
    ],
  },
  {
    name: 'recall12: hosted SQLite and MySQL shells (turso, pscale)',
    cases: [
      { line: "turso db shell shop-production 'DELETE FROM carts'", expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'turso db shell shop-production < wipe.sql', expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: "pscale shell shop main --execute 'TRUNCATE TABLE carts'", expect: 'confirm', rule: 'sql/truncate' },
      { line: "turso db shell shop-production 'SELECT count(*) FROM carts'", expect: 'allow' },
      { line: 'turso db shell shop-production .schema', expect: 'allow' },
      { line: "turso db shell http://127.0.0.1:8080 'DROP TABLE carts'", expect: 'allow' },
      { line: 'turso db list', expect: 'allow' },
    ],
  },
  {
    name: 'recall12: destructive requests to data stores over HTTP',
    cases: [
      { line: "curl -sS 'https://olap.prod.example.com:8443/' --data-binary 'TRUNCATE TABLE events.clicks'", expect: 'block', rule: 'sql/truncate' },
      { line: "curl 'http://olap.prod.example.com:8123/?query=DROP+DATABASE+events'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "echo 'ALTER TABLE events.clicks DELETE WHERE 1' | curl 'http://olap.prod.example.com:8123/' --data-binary @-", expect: 'block' },
      {
        line: 'curl -X POST -g \'https://prom.prod.example.com/api/v1/admin/tsdb/delete_series?match[]={__name__=~".+"}\'',
        expect: 'confirm',
        rule: 'http/tsdb-delete-series',
      },
      {
        line: 'curl -XPUT https://logs.prod.example.com:9200/_ilm/policy/app-logs -H \'Content-Type: application/json\' -d \'{"policy":{"phases":{"delete":{"min_age":"1d","actions":{"delete":{}}}}}}\'',
        expect: 'confirm',
        rule: 'http/index-lifecycle-delete',
      },
      {
        line: 'curl -XPOST https://logs.prod.example.com:9200/_aliases -H \'Content-Type: application/json\' -d \'{"actions":[{"remove_index":{"index":"app-2024.01"}}]}\'',
        expect: 'confirm',
        rule: 'http/alias-remove-index',
      },
      { line: "curl 'http://olap.prod.example.com:8123/?query=SELECT+count()+FROM+events.clicks'", expect: 'allow' },
      { line: 'curl -s https://prom.prod.example.com/api/v1/query --data-urlencode \'query=up{job="api"}\'', expect: 'allow' },
      { line: 'curl -s https://logs.prod.example.com:9200/_ilm/policy/app-logs', expect: 'allow' },
    ],
  },
  {
    name: 'recall12: cloud protections turned off',
    cases: [
      { line: 'aws rds modify-db-cluster --db-cluster-identifier ledger-prod --no-deletion-protection', expect: 'confirm', rule: 'cloud/protection-off' },
      { line: 'aws dynamodb update-table --table-name ledger-prod --no-deletion-protection-enabled', expect: 'confirm', rule: 'cloud/protection-off' },
      { line: 'gcloud sql instances patch ledger-prod --no-deletion-protection', expect: 'confirm', rule: 'cloud/protection-off' },
      {
        line: 'aws dynamodb update-continuous-backups --table-name ledger-prod --point-in-time-recovery-specification PointInTimeRecoveryEnabled=false',
        expect: 'confirm',
        rule: 'cloud/recovery-off',
      },
      {
        line: 'aws s3api put-bucket-versioning --bucket ledger-prod-archive --versioning-configuration Status=Suspended',
        expect: 'confirm',
        rule: 'cloud/recovery-off',
      },
      { line: 'aws s3api delete-bucket-policy --bucket ledger-prod-archive', expect: 'confirm', rule: 'cloud/bucket-policy-removed' },
      { line: 'aws rds modify-db-cluster --db-cluster-identifier ledger-prod --deletion-protection', expect: 'allow' },
      { line: 'aws s3api get-bucket-versioning --bucket ledger-prod-archive', expect: 'allow' },
      { line: 'gcloud sql instances patch ledger-prod --enable-point-in-time-recovery', expect: 'allow' },
    ],
  },
  {
    name: 'recall12: virtual machine and container storage',
    cases: [
      { line: 'virsh undefine ledger-db --remove-all-storage', hostname: 'kvm-prod-4', expect: 'confirm', rule: 'host/vm-undefine-storage' },
      { line: 'virsh -c qemu+ssh://root@kvm-prod-4.example.com/system vol-delete ledger.qcow2 --pool vms', expect: 'confirm', rule: 'host/vm-storage-delete' },
      { line: 'virsh pool-delete vms', hostname: 'kvm-prod-4', expect: 'confirm', rule: 'host/vm-storage-delete' },
      { line: 'incus delete ledger-db --force', hostname: 'incus-prod-2', expect: 'confirm', rule: 'host/vm-storage-delete' },
      { line: 'lxc storage volume delete default ledger-data', hostname: 'lxd-prod-2', expect: 'confirm', rule: 'host/vm-storage-delete' },
      { line: 'virsh undefine ledger-db', hostname: 'kvm-prod-4', expect: 'allow' },
      { line: 'virsh pool-list --all', hostname: 'kvm-prod-4', expect: 'allow' },
      { line: 'lxc delete scratch --force', expect: 'allow' },
      { line: 'nerdctl compose down --volumes --remove-orphans', hostname: 'app-prod-5', expect: 'confirm', rule: 'host/docker-prune-volumes' },
      { line: 'nerdctl volume rm ledger_pgdata', hostname: 'app-prod-5', expect: 'confirm', rule: 'host/docker-volume-removal' },
      { line: 'nerdctl compose ps', hostname: 'app-prod-5', expect: 'allow' },
      { line: 'incus list', hostname: 'incus-prod-2', expect: 'allow' },
    ],
  },
  {
    name: 'recall12: object stores, pipelines, brokers and graph dumps',
    cases: [
      { line: 'mc rm -r --force --versions minio-prod/ledger-exports', expect: 'block', rule: 'cloud/object-store-recursive-remove' },
      { line: 'mc ilm rule add --expire-days 2 minio-prod/ledger-exports', expect: 'confirm', rule: 'cloud/object-expiration' },
      { line: 'airflow dags delete ledger_nightly -y', hostname: 'airflow-prod-2', expect: 'confirm', rule: 'database/data-pipeline-reset' },
      {
        line: 'pulsar-admin --admin-url https://pulsar.prod.example.com:8443 topics delete persistent://acme/ledger/events --force',
        expect: 'block',
        rule: 'database/service-data-delete',
      },
      {
        line: 'neo4j-admin database load --from-path=/srv/dumps ledger --overwrite-destination',
        hostname: 'graph-prod-3',
        expect: 'confirm',
        rule: 'database/database-load-overwrite',
      },
      { line: 'databricks fs rm --recursive dbfs:/mnt/ledger/bronze --profile production', expect: 'block', rule: 'cloud/object-store-recursive-remove' },
      { line: 'databricks fs cp -r dbfs:/mnt/ledger/bronze ./bronze --profile production', expect: 'allow' },
      { line: 'mc ls --recursive minio-prod/ledger-exports', expect: 'allow' },
      { line: 'render services delete srv-ledger-prod --confirm', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'ccloud cluster delete ledger-production', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'render services list', expect: 'allow' },
      { line: 'duplicity remove-older-than 30D --force s3://s3.amazonaws.com/ledger-production-dup', expect: 'confirm', rule: 'host/duplicity-remove' },
      { line: 'duplicity remove-older-than 30D s3://s3.amazonaws.com/ledger-production-dup', expect: 'allow' },
      { line: 'clickhouse-backup delete remote ledger-2024-10 -c /etc/clickhouse-backup/config-production.yml', expect: 'confirm', rule: 'host/backup-delete' },
      {
        line: 'medusa --config-file /etc/cassandra/medusa-production.ini delete-backup --backup-name nightly-1',
        expect: 'confirm',
        rule: 'host/backup-delete',
      },
      { line: 'clickhouse-backup delete local ledger-2024-10', expect: 'allow' },
      { line: 'medusa --config-file /etc/cassandra/medusa-production.ini verify --backup-name nightly-1', expect: 'allow' },
      { line: 'cbt -project ledger-prod -instance main deletetable entries', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'cbt -project ledger-prod -instance main lookup entries row-1', expect: 'allow' },
      {
        line: 'gcloud compute snapshots list --project ledger-prod --format="value(name)" | xargs -n1 gcloud compute snapshots delete --project ledger-prod --quiet',
        expect: 'block',
        rule: 'cloud/cloud-resource-delete',
      },
      { line: 'mc du minio-prod/ledger-exports', expect: 'allow' },
      { line: 'airflow dags list-runs -d ledger_nightly', hostname: 'airflow-prod-2', expect: 'allow' },
      { line: 'pulsar-admin --admin-url https://pulsar.prod.example.com:8443 topics list acme/ledger', expect: 'allow' },
      { line: 'neo4j-admin database dump ledger --to-path=/srv/dumps', hostname: 'graph-prod-3', expect: 'allow' },
      {
        line: 'velero create restore --from-backup nightly --existing-resource-policy=update --kubecontext prod-us',
        expect: 'confirm',
        rule: 'kubernetes/velero-restore-overwrite',
      },
      { line: 'velero restore describe nightly-20241001 --kubecontext prod-us', expect: 'allow' },
    ],
  },
  {
    name: 'recall12: configuration management on this host (salt-call, ansible localhost, database modules)',
    cases: [
      { line: 'salt-call --local file.remove /var/lib/mysql recurse=True', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "salt-call cmd.run 'dropdb ledger'", hostname: DB_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: "ansible localhost -m shell -a 'dropdb ledger'", hostname: DB_HOST, expect: 'block', rule: 'database/dropdb' },
      {
        line: "ansible localhost -m community.postgresql.postgresql_db -a 'name=ledger state=absent'",
        hostname: DB_HOST,
        expect: 'block',
        rule: 'database/dropdb',
      },
      { line: "ansible db -i inventories/production -m community.mysql.mysql_db -a 'name=ledger state=absent'", expect: 'block', rule: 'database/dropdb' },
      { line: 'salt-call --local grains.items', hostname: DB_HOST, expect: 'allow' },
      { line: "ansible localhost -m community.postgresql.postgresql_db -a 'name=ledger state=present'", hostname: DB_HOST, expect: 'allow' },
      { line: "ansible localhost -m community.postgresql.postgresql_db -a 'name=ledger state=absent'", expect: 'allow' },
    ],
  },
];
