// recall13: classes of destructive commands a blind held-out set (adv12) found allowed.
// - Data services' own admin CLIs and their deleting verbs: Couchbase, Aerospike, FoundationDB,
//   Swift, Artemis, Loki, YugabyteDB, SingleStore, Solr, Greenplum, XenServer, k3s/RKE2.
// - Enterprise and edge SQL shells read as the clients they are: SAP HANA's hdbsql, Db2's CLP,
//   Informix's dbaccess, SAP ASE's isql, Teradata's bteq, Couchbase's cbq, Aerospike's aql,
//   SurrealDB's `surreal sql`, Cloudflare's `wrangler d1 execute --remote`.
// - Encryption keys destroyed: LUKS key slots, gpg secret keys, Vault transit keys, key files shredded.
// - PowerShell cmdlets that are a cloud CLI's or a database client's delete (Az, AWS Tools, Google
//   Cloud, dbatools), typed at the prompt or given to pwsh.
// - Tools that copy, sync or restore over a live database; pt-archiver judged as the DELETE it runs;
//   retention functions whose cutoff keeps nothing; Redis keys trimmed to nothing.
// - Deploy tools that run a command on hosts: Bolt, pyinfra, Deployer, Capistrano's invoke:rake.
// - Smaller gaps of known classes: QuestDB's HTTP SQL, Solr delete-by-query, nsqd's topic delete,
//   Elasticsearch's reroute accepting data loss, Azure backup retention off, MHA and MaxScale by
//   the servers they name, VirtualBox and libguestfs disks, low-level disk erasure, memcached
//   flush_all over a raw socket, Convex imports that replace every table.
import type { CorpusGroup } from '../cases.js';

const WS = 'ws-4417';
const PROD_HOST = 'db-prod-7.example.com';

export const groups: CorpusGroup[] = [
  {
    name: 'recall13: data-service admin CLIs that delete',
    cases: [
      { line: 'couchbase-cli bucket-delete -c couchbase://cb1.prod.example.com -u Administrator -p pw --bucket orders', hostname: WS, expect: 'block' },
      { line: 'couchbase-cli bucket-list -c couchbase://cb1.prod.example.com -u Administrator -p pw', hostname: WS, expect: 'allow' },
      { line: "asinfo -h as1.prod.example.com -v 'truncate:namespace=app;set=sessions'", hostname: WS, expect: 'block' },
      { line: "asinfo -h as1.prod.example.com -v 'statistics'", hostname: WS, expect: 'allow' },
      { line: "fdbcli -C /etc/foundationdb/fdb.cluster --exec 'writemode on; clearrange a z'", hostname: PROD_HOST, expect: 'block' },
      { line: "fdbcli --exec 'status json'", hostname: PROD_HOST, expect: 'allow' },
      { line: 'swift --os-auth-url https://keystone.prod.example.com/v3 delete backups', hostname: WS, expect: 'block' },
      { line: 'swift --os-auth-url https://keystone.prod.example.com/v3 stat backups', hostname: WS, expect: 'allow' },
      { line: 'artemis address delete --name orders --url tcp://mq.prod.example.com:61616', hostname: WS, expect: 'block' },
      { line: 'artemis queue stat --url tcp://mq.prod.example.com:61616', hostname: WS, expect: 'allow' },
      { line: 'yb-admin --master_addresses ybm1.prod.example.com:7100 delete_namespace ycql.app', hostname: WS, expect: 'block' },
      { line: 'yb-admin --master_addresses ybm1.prod.example.com:7100 list_all_masters', hostname: WS, expect: 'allow' },
      { line: 'solr delete -c orders --solr-url https://solr.prod.example.com:8983', hostname: WS, expect: 'block' },
      { line: 'gpdeletesystem -d /data/master/gpseg-1', hostname: PROD_HOST, expect: 'block' },
      { line: 'xe vdi-destroy uuid=8a1f', hostname: 'xen-prod-1', expect: 'block' },
      { line: 'xe vm-list', hostname: 'xen-prod-1', expect: 'allow' },
      { line: 'sudo /usr/local/bin/k3s-uninstall.sh', hostname: 'k3s-prod-1', expect: 'block' },
    ],
  },
  {
    name: 'recall13: enterprise and edge SQL shells',
    cases: [
      { line: "hdbsql -n hana.prod.example.com:30015 -u SYSTEM -p pw 'DROP TABLE SAPABAP1.ZORDERS'", hostname: WS, expect: 'block', rule: 'sql/drop-objects' },
      { line: "hdbsql -n hana.prod.example.com:30015 -u SYSTEM -p pw 'SELECT * FROM M_DATABASES'", hostname: WS, expect: 'allow' },
      { line: 'db2 "delete from orders"', hostname: PROD_HOST, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'db2 drop database SAMPLE', hostname: PROD_HOST, expect: 'block', rule: 'sql/drop-objects' },
      { line: 'db2 connect to SAMPLE', hostname: PROD_HOST, expect: 'allow' },
      { line: 'db2 list tablespaces show detail', hostname: PROD_HOST, expect: 'allow' },
      { line: "echo 'delete from customer;' | dbaccess stores_demo -", hostname: PROD_HOST, expect: 'block' },
      { line: "echo 'select count(*) from customer;' | dbaccess stores_demo -", hostname: PROD_HOST, expect: 'allow' },
      { line: "isql -S SYB_PROD -U sa -P pw <<< $'truncate table audit_log\\ngo'", hostname: WS, expect: 'block', rule: 'sql/truncate' },
      { line: "bteq <<< '.LOGON td.prod.example.com/dbc,pw; DROP TABLE finance.ledger; .LOGOFF'", hostname: WS, expect: 'block' },
      { line: "cbq -e https://cb1.prod.example.com:18093 -s 'DROP COLLECTION app.inventory.orders'", hostname: WS, expect: 'block' },
      { line: "cbq -e https://cb1.prod.example.com:18093 -s 'SELECT COUNT(*) FROM app'", hostname: WS, expect: 'allow' },
      { line: "aql -h as1.prod.example.com -c 'TRUNCATE app.sessions'", hostname: WS, expect: 'block', rule: 'sql/truncate' },
      { line: "aql -h as1.prod.example.com -c 'SELECT * FROM app.sessions'", hostname: WS, expect: 'allow' },
      { line: "npx wrangler d1 execute shop-prod --remote --command='DELETE FROM orders'", hostname: WS, expect: 'block' },
      { line: "npx wrangler d1 execute shop-prod --remote --command='SELECT count(*) FROM orders'", hostname: WS, expect: 'allow' },
      { line: "npx wrangler d1 execute shop-prod --local --command='DELETE FROM orders'", hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'recall13: encryption keys destroyed',
    cases: [
      { line: 'cryptsetup luksRemoveKey /dev/sdb1', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/partition-device' },
      { line: 'cryptsetup luksDump /dev/sdb1', hostname: PROD_HOST, expect: 'allow' },
      { line: 'gpg --yes --delete-secret-and-public-keys backups@example.com', hostname: PROD_HOST, expect: 'block', rule: 'host/gpg-secret-key-delete' },
      { line: 'gpg --export-secret-keys --armor backups@example.com', hostname: PROD_HOST, expect: 'allow' },
      { line: 'VAULT_ADDR=https://vault.prod.example.com vault delete transit/keys/payments', hostname: WS, expect: 'block' },
      { line: 'VAULT_ADDR=https://vault.prod.example.com vault read transit/keys/payments', hostname: WS, expect: 'allow' },
      { line: 'shred -u /etc/pgbackrest/repo.key', hostname: PROD_HOST, expect: 'block', rule: 'host/encryption-key-destroy' },
      { line: 'aws kms schedule-key-deletion --key-id arn:aws:kms:us-east-1:1:key/prod --profile prod', hostname: WS, expect: 'block' },
      { line: 'oci kms management vault schedule-deletion --vault-id ocid1.vault.oc1.iad.prod', hostname: WS, expect: 'block' },
    ],
  },
  {
    name: 'recall13: PowerShell cmdlets that delete',
    cases: [
      { line: 'Remove-AzResourceGroup -Name rg-prod-data -Force', hostname: WS, expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'remove-azresourcegroup rg-prod-data -force', hostname: WS, expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'Remove-AzResourceGroup -Name rg-prod-data -WhatIf', hostname: WS, expect: 'allow' },
      { line: 'Remove-AzSqlDatabase -ResourceGroupName rg-prod -ServerName sql-prod -DatabaseName app -Force', hostname: WS, expect: 'block' },
      { line: 'Remove-RDSDBInstance -DBInstanceIdentifier pg-prod -SkipFinalSnapshot $true -Force', hostname: WS, expect: 'block' },
      { line: 'Remove-S3Bucket -BucketName acme-prod-backups -DeleteBucketContent -Force', hostname: WS, expect: 'block' },
      { line: 'Remove-DDBTable -TableName orders-prod -Force', hostname: WS, expect: 'block' },
      { line: 'Remove-GcSqlInstance -Name pg-prod -Project acme-prod', hostname: WS, expect: 'block' },
      { line: 'Remove-DbaDatabase -SqlInstance sql-prod-01 -Database Payroll -Confirm:$false', hostname: WS, expect: 'block', rule: 'sql/drop-objects' },
      {
        line: "Invoke-DbaQuery -SqlInstance sql-prod-01 -Database app -Query 'TRUNCATE TABLE dbo.Orders'",
        hostname: WS,
        expect: 'block',
        rule: 'sql/truncate',
      },
      { line: "Invoke-DbaQuery -SqlInstance sql-prod-01 -Database app -Query 'SELECT TOP 10 * FROM dbo.Orders'", hostname: WS, expect: 'allow' },
      { line: 'pwsh -NoProfile -Command "Remove-AzCosmosDBAccount -ResourceGroupName rg-prod -Name cosmos-prod"', hostname: WS, expect: 'block' },
      { line: 'Get-AzResourceGroup -Name rg-prod-data', hostname: WS, expect: 'allow' },
      { line: 'Remove-Item -Recurse -Force node_modules', hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'recall13: copies, syncs and restores over a live database',
    cases: [
      {
        line: 'pgcopydb clone --source postgres://a@old.example.com/app --target postgres://a@pg.prod.example.com/app --drop-if-exists',
        hostname: WS,
        expect: 'block',
      },
      { line: 'pgcopydb list tables --source postgres://a@pg.prod.example.com/app', hostname: WS, expect: 'allow' },
      { line: "pgloader --with 'include drop' ./legacy.db postgresql://app@pg.prod.example.com/shop", hostname: WS, expect: 'block' },
      { line: 'pt-table-sync --execute --sync-to-master h=db-replica.prod.example.com,D=shop', hostname: WS, expect: 'block' },
      { line: 'mariabackup --move-back --target-dir=/backups/full', hostname: PROD_HOST, expect: 'block' },
      { line: 'mariabackup --backup --target-dir=/backups/full', hostname: PROD_HOST, expect: 'allow' },
      { line: 'pgbackrest --stanza=main --force --delta restore', hostname: PROD_HOST, expect: 'block' },
      { line: 'pgbackrest --stanza=main check', hostname: PROD_HOST, expect: 'allow' },
      {
        line: "pt-archiver --source h=db.prod.example.com,D=shop,t=sessions --purge --where '1=1'",
        hostname: WS,
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      {
        line: "pt-archiver --source h=db.prod.example.com,D=shop,t=sessions --purge --where 'expires < NOW() - INTERVAL 30 DAY'",
        hostname: WS,
        expect: 'allow',
      },
      {
        line: "pt-archiver --source h=db.prod.example.com,D=shop,t=orders --dest h=archive.example.com,D=shop --where 'true' --no-delete",
        hostname: WS,
        expect: 'allow',
      },
    ],
  },
  {
    name: 'recall13: retention functions and trims that keep nothing',
    cases: [
      {
        line: 'psql -h tsdb.prod.example.com -d metrics -c "SELECT drop_chunks(\'conditions\', older_than => now())"',
        hostname: WS,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: "psql -h tsdb.prod.example.com -d metrics -c \"SELECT drop_chunks('conditions', INTERVAL '0 days')\"",
        hostname: WS,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: "psql -h tsdb.prod.example.com -d metrics -c \"SELECT drop_chunks('conditions', INTERVAL '90 days')\"", hostname: WS, expect: 'allow' },
      {
        line: "psql -h tsdb.prod.example.com -d metrics -c \"SELECT drop_chunks('conditions', older_than => now() - INTERVAL '1 year')\"",
        hostname: WS,
        expect: 'allow',
      },
      {
        line: "psql -h pg.prod.example.com -c \"SELECT partman.drop_partition_id('public.events', p_retention := '0')\"",
        hostname: WS,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: "psql -h pg.prod.example.com -c \"SELECT partman.drop_partition_time('public.events', '90 days')\"", hostname: WS, expect: 'allow' },
      { line: 'redis-cli -h cache.prod.example.com XTRIM jobs MAXLEN = 0', hostname: WS, expect: 'block', rule: 'database/redis-empty-key' },
      { line: 'redis-cli -h cache.prod.example.com LTRIM jobs 1 0', hostname: WS, expect: 'block', rule: 'database/redis-empty-key' },
      { line: "redis-cli -h cache.prod.example.com XTRIM jobs MAXLEN '~' 10000", hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'recall13: deploy tools running a command on hosts',
    cases: [
      { line: "bolt command run 'sudo -u postgres dropdb app' --targets db-prod-1.example.com", hostname: WS, expect: 'block', rule: 'database/dropdb' },
      { line: "bolt command run 'uptime' --targets db-prod-1.example.com", hostname: WS, expect: 'allow' },
      { line: 'pyinfra db-prod-1.example.com exec -- sudo -u postgres dropdb app', hostname: WS, expect: 'block', rule: 'database/dropdb' },
      { line: 'pyinfra inventory.py exec -- uptime', hostname: WS, expect: 'allow' },
      { line: "dep run 'redis-cli FLUSHALL' production", hostname: WS, expect: 'block', rule: 'database/redis-flush' },
      { line: 'dep deploy production', hostname: WS, expect: 'allow' },
      { line: 'cap production invoke:rake TASK=db:drop', hostname: WS, expect: 'block' },
      { line: 'cap production invoke:rake TASK=assets:precompile', hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'recall13: smaller gaps of known classes',
    cases: [
      { line: "curl -G 'http://questdb.prod.example.com:9000/exec' --data-urlencode 'query=TRUNCATE TABLE trades'", hostname: WS, expect: 'block' },
      { line: "curl -G 'http://questdb.prod.example.com:9000/exec' --data-urlencode 'query=SELECT count() FROM trades'", hostname: WS, expect: 'allow' },
      {
        line: `curl 'https://solr.prod.example.com/solr/products/update?commit=true' -H 'Content-Type: application/json' -d '{"delete":{"query":"*:*"}}'`,
        hostname: WS,
        expect: 'confirm',
        rule: 'http/delete-by-query',
      },
      { line: "curl 'https://solr.prod.example.com/solr/products/select?q=*:*&rows=0'", hostname: WS, expect: 'allow' },
      { line: "curl -X POST 'http://nsqd.prod.example.com:4151/channel/empty?topic=orders&channel=billing'", hostname: WS, expect: 'confirm' },
      { line: "curl -s 'http://nsqd.prod.example.com:4151/stats?format=json'", hostname: WS, expect: 'allow' },
      {
        line: `curl -XPOST 'https://es.prod.example.com:9200/_cluster/reroute' -H 'Content-Type: application/json' -d '{"commands":[{"allocate_stale_primary":{"index":"orders","shard":0,"node":"es-3","accept_data_loss":true}}]}'`,
        hostname: WS,
        expect: 'confirm',
        rule: 'replication/failover-over-http',
      },
      { line: "curl 'https://es.prod.example.com:9200/_cluster/allocation/explain?pretty'", hostname: WS, expect: 'allow' },
      {
        line: 'az backup protection disable --container-name vm1 --item-name vm1 --resource-group rg-prod --vault-name rsv-prod --delete-backup-data true --yes',
        hostname: WS,
        expect: 'confirm',
        rule: 'cloud/protection-off',
      },
      {
        line: 'az backup protection disable --container-name vm1 --item-name vm1 --resource-group rg-prod --vault-name rsv-prod --yes',
        hostname: WS,
        expect: 'allow',
      },
      {
        line: 'masterha_master_switch --conf=/etc/mha/app.cnf --master_state=alive --new_master_host=db-prod-2 --orig_master_is_new_slave',
        hostname: WS,
        expect: 'confirm',
      },
      { line: 'maxctrl --hosts mxs.prod.example.com:8989 call command mariadbmon switchover MariaDB-Monitor', hostname: WS, expect: 'confirm' },
      { line: 'maxctrl --hosts mxs.prod.example.com:8989 list servers', hostname: WS, expect: 'allow' },
      { line: 'VBoxManage unregistervm db-prod --delete', hostname: 'vbox-prod-1', expect: 'confirm' },
      { line: 'VBoxManage unregistervm scratch-vm', hostname: 'vbox-prod-1', expect: 'allow' },
      { line: 'virt-format -a /var/lib/libvirt/images/db-prod-01.qcow2', hostname: 'kvm-prod-1', expect: 'confirm' },
      { line: 'hdparm --security-erase-enhanced p /dev/sdc', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/disk-low-level-erase' },
      { line: 'hdparm -I /dev/sdc', hostname: PROD_HOST, expect: 'allow' },
      { line: "printf 'flush_all\\r\\n' | nc cache.prod.example.com 11211", hostname: WS, expect: 'block', rule: 'database/service-data-delete' },
      { line: "printf 'stats\\r\\nquit\\r\\n' | nc cache.prod.example.com 11211", hostname: WS, expect: 'allow' },
      { line: 'npx convex import --prod --replace-all --yes empty.zip', hostname: WS, expect: 'block', rule: 'database/copy-over-live-database' },
      { line: 'npx convex import --table messages messages.jsonl', hostname: WS, expect: 'allow' },
      { line: "printf \"disable 'orders'\\ndrop 'orders'\\n\" | hbase shell -n", hostname: PROD_HOST, expect: 'block', rule: 'sql/drop-objects' },
      { line: 'echo "scan \'orders\', {LIMIT => 5}" | hbase shell -n', hostname: PROD_HOST, expect: 'allow' },
      { line: "hive -e 'DROP DATABASE sales CASCADE'", hostname: PROD_HOST, expect: 'confirm' },
      { line: "hive -e 'DROP TABLE sales.orders'", hostname: PROD_HOST, expect: 'block', rule: 'sql/drop-objects' },
      { line: "hive -e 'SELECT count(*) FROM sales.orders'", hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'recall13: more tools of the same classes',
    cases: [
      { line: 'kubeadm reset -f', hostname: 'k8s-cp-1.prod.example.com', expect: 'block', rule: 'database/service-data-delete' },
      { line: 'kubeadm token list', hostname: 'k8s-cp-1.prod.example.com', expect: 'allow' },
      { line: 'microk8s reset', hostname: 'mk8s-prod-1', expect: 'block' },
      { line: 'talosctl reset --nodes talos-prod-3.example.com --graceful=false', hostname: WS, expect: 'block' },
      { line: 'talosctl health --nodes talos-prod-3.example.com', hostname: WS, expect: 'allow' },
      { line: "tsql -S MSSQL_PROD -U sa -P pw <<< $'TRUNCATE TABLE dbo.Orders\\ngo'", hostname: WS, expect: 'block', rule: 'sql/truncate' },
      { line: "tsql -H mssql.prod.example.com -p 1433 -U sa -P pw <<< $'SELECT @@VERSION\\ngo'", hostname: WS, expect: 'allow' },
      { line: "mclient -h monet.prod.example.com -d voc -s 'DELETE FROM trades'", hostname: WS, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: "mclient -h monet.prod.example.com -d voc -s 'SELECT count(*) FROM trades'", hostname: WS, expect: 'allow' },
      { line: 'pgsync --to postgres://db.prod.example.com/app --truncate users', hostname: WS, expect: 'block', rule: 'database/copy-over-live-database' },
      { line: 'pgsync --from postgres://db.prod.example.com/app --to postgres://localhost/app_dev', hostname: WS, expect: 'allow' },
      {
        line: "arangosh --server.endpoint ssl://arango.prod.example.com:8529 --javascript.execute-string 'db.sessions.truncate()'",
        hostname: WS,
        expect: 'block',
      },
      { line: 'az keyvault key delete --vault-name kv-prod --name pii-key', hostname: WS, expect: 'confirm', rule: 'cloud/cloud-resource-delete' },
      { line: 'az keyvault key show --vault-name kv-prod --name pii-key', hostname: WS, expect: 'allow' },
    ],
  },
];
