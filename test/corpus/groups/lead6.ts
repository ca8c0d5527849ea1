// The lead's cases from the sixth stop: a fresh adversarial pass (/tmp/adv6) found whole families
// of services the knowledge base did not know — data services reached over the network by their
// admin CLIs, cloud services beyond the big three's storage, managed failovers, server kills.
// Each family with its harmless twins (the same CLI reading, listing, describing).
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1.prod.example.com';
const WORKSTATION = 'ws-4417';
const PROD_AWS = { AWS_PROFILE: 'production' };

export const groups: CorpusGroup[] = [
  {
    name: 'lead6: data services act on the server their CLI names, not on the terminal',
    cases: [
      {
        line: 'kafka-topics --bootstrap-server broker-1.prod.example.com:9092 --delete --topic payments',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/service-data-delete-flagged',
      },
      { line: 'kafka-topics --bootstrap-server broker-1.prod.example.com:9092 --list', hostname: WORKSTATION, expect: 'allow' },
      {
        line: 'ETCDCTL_ENDPOINTS=https://etcd-0.prod.example.com:2379 etcdctl del /registry --prefix',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/etcd-delete-prefix',
      },
      {
        line: 'etcdctl --endpoints=https://etcd-0.prod.example.com:2379,https://etcd-1.prod.example.com:2379 del "" --from-key',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/etcd-delete-prefix',
      },
      { line: 'etcdctl --endpoints=https://etcd-0.prod.example.com:2379 get / --prefix --keys-only', hostname: WORKSTATION, expect: 'allow' },
      // A loopback endpoint is the host the line runs on.
      { line: 'etcdctl --endpoints=http://127.0.0.1:2379 del /x --prefix', hostname: WORKSTATION, expect: 'warn', rule: 'database/etcd-delete-prefix' },
      { line: 'etcdctl --endpoints=http://127.0.0.1:2379 del /x --prefix', hostname: PROD_HOST, expect: 'block', rule: 'database/etcd-delete-prefix' },
      { line: 'vault kv destroy -versions=1,2,3 secret/app/db', hostname: PROD_HOST, expect: 'block', rule: 'database/service-data-delete' },
      { line: 'vault kv get secret/app/db', hostname: PROD_HOST, expect: 'allow' },
      {
        line: 'rabbitmqctl --node rabbit@queue1.prod.example.com delete_vhost /orders',
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/service-data-delete',
      },
      { line: 'rabbitmqctl --node rabbit@queue1.prod.example.com list_vhosts', hostname: WORKSTATION, expect: 'allow' },
      { line: 'consul kv delete -recurse service/', env: { CONSUL_HTTP_ADDR: 'consul.prod.example.com:8500' }, hostname: WORKSTATION, expect: 'block' },
      { line: 'consul kv get -recurse service/', env: { CONSUL_HTTP_ADDR: 'consul.prod.example.com:8500' }, hostname: WORKSTATION, expect: 'allow' },
      {
        line: 'kafka-consumer-groups --bootstrap-server broker-1.prod.example.com:9092 --group mailer --reset-offsets --to-earliest --topic mail --execute',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'database/kafka-reset-offsets',
      },
    ],
  },
  {
    name: 'lead6: cloud services whose deletion takes their data (beyond storage and databases)',
    cases: [
      { line: 'bq rm -f -t acme-production:warehouse.orders', hostname: WORKSTATION, expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'bq rm -r -f -d analytics', hostname: WORKSTATION, expect: 'confirm', rule: 'cloud/cloud-resource-delete' },
      { line: 'bq ls acme-prod:analytics', hostname: WORKSTATION, expect: 'allow' },
      { line: 'firebase firestore:delete users --recursive --project acme-production -f', hostname: WORKSTATION, expect: 'block' },
      { line: 'firebase deploy --only hosting --project acme-prod', hostname: WORKSTATION, expect: 'allow' },
      { line: 'hcloud server delete db-prod-2', hostname: WORKSTATION, expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'hcloud server list', hostname: WORKSTATION, expect: 'allow' },
      { line: 'kops delete cluster --name k8s.prod.example.com --yes', hostname: WORKSTATION, expect: 'block' },
      { line: 'atlas clusters delete Production --projectId 5e2211c17a3e5a48f5497de3 --force', hostname: WORKSTATION, expect: 'block' },
      { line: 'aws lambda delete-function --function-name orders-api', env: PROD_AWS, hostname: WORKSTATION, expect: 'block' },
      { line: 'aws lambda list-functions', env: PROD_AWS, hostname: WORKSTATION, expect: 'allow' },
      { line: 'aws sqs purge-queue --queue-url https://sqs.eu-west-1.amazonaws.com/1234/payments', env: PROD_AWS, expect: 'block' },
      { line: 'aws sqs receive-message --queue-url https://sqs.eu-west-1.amazonaws.com/1234/payments', env: PROD_AWS, expect: 'allow' },
      { line: 'gcloud container node-pools delete default-pool --cluster prod-gke --project acme-prod -q', hostname: WORKSTATION, expect: 'block' },
      { line: 'az cosmosdb sql database delete -a acme-prod -n orders --yes', hostname: WORKSTATION, expect: 'confirm' },
      { line: "s5cmd rm 's3://acme-production-media/*'", hostname: WORKSTATION, expect: 'block', rule: 'cloud/object-store-remove' },
      { line: "s5cmd ls 's3://acme-production-media/*'", hostname: WORKSTATION, expect: 'allow' },
      { line: 'rclone purge b2:acme-prod-backups', hostname: WORKSTATION, expect: 'block', rule: 'cloud/object-store-remove' },
      { line: 'rclone delete --min-age 30d b2:scratch-dev', hostname: WORKSTATION, expect: 'warn', rule: 'cloud/object-store-remove' },
      { line: 'rclone copy ./site b2:acme-prod-site', hostname: WORKSTATION, expect: 'allow' },
      { line: 'serverless remove --stage prod', hostname: WORKSTATION, expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'serverless deploy --stage prod', hostname: WORKSTATION, expect: 'allow' },
      { line: 'sam delete --stack-name orders-prod --no-prompts', hostname: WORKSTATION, expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'doctl k8s cluster delete prod-k8s --force', hostname: WORKSTATION, expect: 'confirm', rule: 'cloud/iac-destroy' },
    ],
  },
  {
    name: 'lead6: managed and clustered failovers (GitHub 2018) and killed database servers (GitLab 2017)',
    cases: [
      {
        line: 'aws rds failover-db-cluster --db-cluster-identifier billing-prod',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'replication/managed-failover',
      },
      { line: 'gcloud sql instances failover billing --project acme-prod', hostname: WORKSTATION, expect: 'confirm', rule: 'replication/managed-failover' },
      {
        line: 'az postgres flexible-server restart -g rg-prod -n pg-prod --failover Planned',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'replication/managed-failover-forced',
      },
      { line: 'az postgres flexible-server restart -g rg-prod -n pg-prod', hostname: WORKSTATION, expect: 'allow' },
      { line: 'heroku pg:promote HEROKU_POSTGRESQL_BLUE --app billing-production', hostname: WORKSTATION, expect: 'confirm' },
      { line: 'pg_autoctl perform switchover', hostname: PROD_HOST, expect: 'confirm', rule: 'replication/failover' },
      {
        line: 'vtctldclient --server vtctld.prod.example.com:15999 EmergencyReparentShard commerce/0',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'replication/failover',
      },
      { line: 'crm resource move pg-master node2', hostname: PROD_HOST, expect: 'confirm', rule: 'replication/failover' },
      { line: 'crm status', hostname: PROD_HOST, expect: 'allow' },
      { line: 'redis-cli -h redis-1.prod.example.com CLUSTER FAILOVER TAKEOVER', hostname: WORKSTATION, expect: 'confirm', rule: 'replication/redis-failover' },
      { line: 'redis-cli -h redis-1.prod.example.com INFO replication', hostname: WORKSTATION, expect: 'allow' },
      { line: 'sudo killall -s KILL mysqld', hostname: PROD_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'pkill -9 postgres', hostname: PROD_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'killall -HUP nginx', hostname: PROD_HOST, expect: 'allow' },
      { line: 'killall postgres', hostname: WORKSTATION, expect: 'allow' },
      { line: 'sudo gitlab-ctl stop postgresql', hostname: PROD_HOST, expect: 'confirm', rule: 'host/stop-database-server' },
      { line: 'gitlab-ctl restart nginx', hostname: PROD_HOST, expect: 'allow' },
      // The source build's data directory (initdb -D /usr/local/pgsql/data).
      { line: 'rm -rf /usr/local/pgsql/data', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
];
