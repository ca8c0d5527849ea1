// Data services reached over the network by their own admin CLIs, written once: which option or
// variable names the server a command acts on, and which of the CLI's options take a value.
// `etcdctl --endpoints=https://etcd1.prod:2379 del "" --prefix` run on a laptop deletes
// production's keys: the host that matters is the endpoint, not the laptop. Without an option or
// variable the CLI talks to the agent or broker on the host it runs on (consul, vault and nomad
// default to 127.0.0.1; rabbitmqctl to the local node), so the host the line runs on decides.
//
// Target resolution (targets/hosts.ts) reads `servers` and `variables`; rule matching and the
// wrappers read `options` through TOOL_OPTIONS. Adding a service CLI is one entry here.
// Sources: `etcdctl --help`; Kafka's tools (`kafka-topics.sh --help`: --bootstrap-server,
// --command-config); `rabbitmqctl help` (-n NODE = rabbit@HOST); ZooKeeper's zkCli.sh
// (-server host:port); Go flag CLIs vault/consul/nomad (-address, -http-addr; VAULT_ADDR,
// CONSUL_HTTP_ADDR, NOMAD_ADDR); `influx --help` (--host, INFLUX_HOST); Vitess vtctldclient
// (--server); pg_auto_failover (`pg_autoctl … --monitor URI`, PG_AUTOCTL_MONITOR); ceph (-m);
// virsh(1) (-c URI, LIBVIRT_DEFAULT_URI).

import type { ToolOptions } from './tools.js';
import { table } from '../util/dict.js';

export interface ServiceEndpointSpec {
  /** The service, as messages name it. */
  service: string;
  /** Options (as written) whose value names the server(s): a URL, `host:port`, `rabbit@host`, a list. */
  servers: readonly string[];
  /** Variables that name the server when no option does. */
  variables: readonly string[];
  /** Every option with a value, for reading the CLI's words. */
  options: ToolOptions;
  /** The operand that names the server (`grpcurl [flags] ADDRESS METHOD`: operand 0 when the
   *  line has at least `minOperands`; `grpc_cli call ADDRESS METHOD`: operand 1; -1 the last). */
  serverOperand?: { index: number; minOperands: number };
  /** Options naming the item a command creates or deletes (`--topic T`), and the words that make
   *  it a create: a CI script that creates topic T and later deletes T is tearing down its own. */
  items?: { options: readonly string[]; creating: readonly string[] };
}

/** MySQL Utilities' replication tools: the servers are `user@host:port` connection strings. */
function mysqlUtility(servers: readonly string[], ownOptions: readonly string[]): ServiceEndpointSpec {
  const shared = ['master', 'slaves', 'candidates', 'discover-slaves-login', 'rpl-user', 'log', 'log-age', 'timeout', 'exec-before', 'exec-after'];
  return { service: 'MySQL replication', servers, variables: [], options: { longWithValue: [...shared, ...ownOptions] } };
}

const KAFKA: ServiceEndpointSpec = {
  service: 'Kafka',
  servers: ['--bootstrap-server', '--zookeeper', '--broker-list'],
  variables: [],
  items: { options: ['--topic', '--group'], creating: ['--create'] },
  options: {
    longWithValue: [
      'bootstrap-server',
      'zookeeper',
      'broker-list',
      'command-config',
      'topic',
      'group',
      'partitions',
      'replication-factor',
      'config',
      'to-offset',
      'to-datetime',
      'by-duration',
      'shift-by',
      'from-file',
      'offset-json-file',
      'timeout',
      'entity-type',
      'entity-name',
      'add-config',
      'delete-config',
    ],
  },
};

// Go's flag package: one dash or two, `-address=X` or `-address X`.
const goFlags = (names: readonly string[]): ToolOptions => ({ singleDashWithValue: names, longWithValue: names });

const KAFKA_STREAMS_RESET: ServiceEndpointSpec = {
  ...KAFKA,
  servers: [...KAFKA.servers, '--bootstrap-servers'],
  options: {
    ...KAFKA.options,
    longWithValue: [
      ...(KAFKA.options.longWithValue ?? []),
      'bootstrap-servers',
      'application-id',
      'input-topics',
      'intermediate-topics',
      'internal-topics',
      'to-datetime',
      'to-offset',
      'by-duration',
      'from-file',
      'shift-by',
      'config-file',
    ],
  },
};

export const SERVICE_ENDPOINTS: Readonly<Record<string, ServiceEndpointSpec>> = table({
  etcdctl: {
    service: 'etcd',
    servers: ['--endpoints'],
    variables: ['ETCDCTL_ENDPOINTS'],
    options: { longWithValue: ['endpoints', 'cacert', 'cert', 'key', 'user', 'password', 'dial-timeout', 'command-timeout', 'write-out', 'discovery-srv'] },
  },
  'kafka-topics': KAFKA,
  'kafka-topics.sh': KAFKA,
  'kafka-consumer-groups': KAFKA,
  'kafka-consumer-groups.sh': KAFKA,
  'kafka-delete-records': KAFKA,
  'kafka-delete-records.sh': KAFKA,
  'kafka-configs': KAFKA,
  'kafka-configs.sh': KAFKA,
  // The Streams reset tool (older releases spell it --bootstrap-servers).
  'kafka-streams-application-reset': KAFKA_STREAMS_RESET,
  'kafka-streams-application-reset.sh': KAFKA_STREAMS_RESET,
  // Redpanda's rpk: the brokers and admin API it names (`--brokers`, `-X brokers=…`), else
  // RPK_BROKERS / the profile's (docs.redpanda.com, rpk-x-options). `-r` is --regex for topic
  // delete and --replicas for create: read as a flag.
  rpk: {
    service: 'Redpanda',
    servers: ['--brokers', '--api-urls', '--admin-api-urls'],
    variables: ['RPK_BROKERS', 'REDPANDA_BROKERS'],
    options: {
      shortWithValue: 'Xpc',
      longWithValue: [
        'brokers',
        'api-urls',
        'admin-api-urls',
        'config',
        'profile',
        'user',
        'password',
        'sasl-mechanism',
        'partitions',
        'replicas',
        'topic-config',
        'set',
        'delete',
        'format',
      ],
    },
  },
  // Hasura's CLI: the GraphQL engine it migrates (`--endpoint`, HASURA_GRAPHQL_ENDPOINT).
  hasura: {
    service: 'Hasura',
    servers: ['--endpoint'],
    variables: ['HASURA_GRAPHQL_ENDPOINT'],
    options: {
      longWithValue: ['endpoint', 'admin-secret', 'database-name', 'project', 'envfile', 'goto', 'version', 'up', 'down', 'certificate-authority', 'log-level'],
    },
  },
  rabbitmqctl: {
    service: 'RabbitMQ',
    servers: ['-n', '--node'],
    variables: ['RABBITMQ_NODENAME'],
    options: { shortWithValue: 'npt', longWithValue: ['node', 'vhost', 'timeout', 'erlang-cookie'] },
  },
  rabbitmqadmin: {
    service: 'RabbitMQ',
    servers: ['-H', '--host'],
    variables: [],
    options: { shortWithValue: 'HPVupcNk', longWithValue: ['host', 'port', 'vhost', 'username', 'password', 'config', 'node', 'path-prefix'] },
  },
  'zkCli.sh': { service: 'ZooKeeper', servers: ['-server'], variables: [], options: { singleDashWithValue: ['server', 'timeout', 'client-configuration'] } },
  zkCli: { service: 'ZooKeeper', servers: ['-server'], variables: [], options: { singleDashWithValue: ['server', 'timeout', 'client-configuration'] } },
  vault: {
    service: 'Vault',
    servers: ['-address', '--address'],
    variables: ['VAULT_ADDR'],
    options: goFlags(['address', 'namespace', 'ca-cert', 'client-cert', 'client-key', 'mount', 'format', 'path']),
  },
  consul: {
    service: 'Consul',
    servers: ['-http-addr', '--http-addr'],
    variables: ['CONSUL_HTTP_ADDR'],
    options: goFlags(['http-addr', 'token', 'datacenter', 'namespace', 'partition', 'ca-file', 'separator']),
  },
  nomad: {
    service: 'Nomad',
    servers: ['-address', '--address'],
    variables: ['NOMAD_ADDR'],
    options: goFlags(['address', 'region', 'namespace', 'token', 'ca-cert']),
  },
  influx: {
    service: 'InfluxDB',
    servers: ['--host'],
    variables: ['INFLUX_HOST'],
    options: { shortWithValue: 'notic', longWithValue: ['host', 'org', 'org-id', 'token', 'name', 'id', 'bucket', 'configs-path', 'active-config'] },
  },
  // Apache Pulsar's pulsar-admin (`pulsar-admin --help`): --admin-url, else the client.conf
  // webServiceUrl (not read here: then this host).
  'pulsar-admin': {
    service: 'Pulsar',
    servers: ['--admin-url'],
    variables: [],
    options: { longWithValue: ['admin-url', 'auth-plugin', 'auth-params', 'tls-trust-cert-path'] },
  },
  // libvirt's virsh (virsh(1)): -c/--connect URI (`qemu+ssh://root@kvm1/system`), else
  // LIBVIRT_DEFAULT_URI; without either, the hypervisor of the host it runs on.
  virsh: {
    service: 'libvirt',
    servers: ['-c', '--connect'],
    variables: ['LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI'],
    options: { shortWithValue: 'cdlkKe', longWithValue: ['connect', 'debug', 'log', 'keepalive-interval', 'keepalive-count', 'escape', 'pool', 'file'] },
  },
  vtctldclient: {
    service: 'Vitess',
    servers: ['--server'],
    variables: [],
    options: { longWithValue: ['server', 'action_timeout', 'new-primary', 'avoid-primary', 'wait-replicas-timeout'] },
  },
  vtctlclient: { service: 'Vitess', servers: ['--server', '-server'], variables: [], options: goFlags(['server', 'action_timeout']) },
  // MySQL Utilities' replication admin (`mysqlrpladmin --master=root@db1:3306 --new-master=…
  // switchover`) and its failover daemon: the servers are user@host:port connection strings.
  mysqlrpladmin: mysqlUtility(['--master', '--new-master', '--slaves', '--candidates'], ['new-master', 'ping', 'format', 'max-position', 'seconds-behind']),
  mysqlfailover: mysqlUtility(
    ['--master', '--slaves', '--candidates'],
    ['interval', 'failover-mode', 'exec-fail-check', 'exec-post-failover', 'pidfile', 'master-fail-retry'],
  ),
  pg_autoctl: {
    service: 'pg_auto_failover',
    servers: ['--monitor'],
    variables: ['PG_AUTOCTL_MONITOR'],
    options: { longWithValue: ['monitor', 'pgdata', 'formation', 'group', 'name', 'hostname', 'pgport'] },
  },
  // gRPC clients (an internal admin API is as often gRPC as HTTP): grpcurl's flags are Go's;
  // grpc_cli's gflags; evans names its server with --host (default 127.0.0.1).
  grpcurl: {
    service: 'gRPC',
    servers: [],
    variables: [],
    serverOperand: { index: 0, minOperands: 2 },
    options: goFlags([
      'd',
      'H',
      'rpc-header',
      'reflect-header',
      'import-path',
      'proto',
      'protoset',
      'protoset-out',
      'cert',
      'key',
      'cacert',
      'authority',
      'servername',
      'connect-timeout',
      'keepalive-time',
      'max-time',
      'max-msg-sz',
      'format',
      'user-agent',
    ]),
  },
  grpc_cli: {
    service: 'gRPC',
    servers: [],
    variables: [],
    serverOperand: { index: 1, minOperands: 3 },
    options: { longWithValue: ['metadata', 'channel_creds_type', 'call_creds', 'protofiles', 'proto_path', 'infile', 'outfile', 'ssl_target', 'timeout'] },
  },
  evans: {
    service: 'gRPC',
    servers: ['--host'],
    variables: [],
    options: {
      shortWithValue: 'pf',
      longWithValue: ['host', 'port', 'path', 'proto', 'header', 'package', 'service', 'cacert', 'cert', 'certkey', 'servername', 'config-file', 'file'],
    },
  },
  // CockroachDB's node and debug commands (`cockroach node --help`): --host/--url name the cluster.
  cockroach: {
    service: 'CockroachDB',
    servers: ['--host', '--url'],
    variables: ['COCKROACH_HOST', 'COCKROACH_URL'],
    options: { shortWithValue: 'pud', longWithValue: ['host', 'url', 'port', 'user', 'certs-dir', 'cluster-name', 'format', 'wait', 'database'] },
  },
  // Cassandra's nodetool (`nodetool help`): -h names the node it talks to (default the local one).
  nodetool: {
    service: 'Cassandra',
    servers: ['-h', '--host'],
    variables: [],
    options: { shortWithValue: 'hpuwt', longWithValue: ['host', 'port', 'username', 'password', 'password-file', 'tag'] },
  },
  // Couchbase's couchbase-cli (docs.couchbase.com, couchbase-cli(1)): -c/--cluster is the
  // node it administers (`couchbase://host`, `host:8091`); cbq, its SQL++ shell, names it -e.
  'couchbase-cli': {
    service: 'Couchbase',
    servers: ['-c', '--cluster'],
    variables: [],
    options: {
      shortWithValue: 'cup',
      longWithValue: [
        'cluster',
        'username',
        'password',
        'bucket',
        'client-cert',
        'client-key',
        'cacert',
        'bucket-type',
        'bucket-ramsize',
        'scope',
        'collection',
      ],
    },
  },
  // Aerospike's asinfo and asadm (`asinfo --help`, `asadm --help`): -h/--host is the node (aql,
  // its SQL-like shell, is a database shell: knowledge/commands.ts).
  asadm: {
    service: 'Aerospike',
    servers: ['-h', '--host'],
    variables: [],
    options: { shortWithValue: 'hpUPe', longWithValue: ['host', 'port', 'user', 'password', 'execute', 'tls-name', 'auth', 'config-file', 'instance'] },
  },
  asinfo: {
    service: 'Aerospike',
    servers: ['-h', '--host'],
    variables: [],
    options: { shortWithValue: 'hpUPvlt', longWithValue: ['host', 'port', 'user', 'password', 'value', 'timeout', 'tls-name', 'auth', 'instance'] },
  },
  // FoundationDB's fdbcli (`fdbcli --help`): -C/--cluster-file names the cluster (its file lists
  // the coordinators), else /etc/foundationdb/fdb.cluster on this host.
  fdbcli: {
    service: 'FoundationDB',
    servers: [],
    variables: [],
    options: {
      shortWithValue: 'C',
      longWithValue: ['cluster-file', 'exec', 'timeout', 'log-dir', 'knob', 'tls-certificate-file', 'tls-key-file', 'tls-ca-file'],
    },
  },
  // OpenStack Swift's client (`swift --help`): --os-auth-url (OS_AUTH_URL) or -A/--auth (ST_AUTH)
  // names the cloud, --os-storage-url the proxy.
  swift: {
    service: 'Swift',
    servers: ['--os-auth-url', '--os-storage-url', '-A', '--auth'],
    variables: ['OS_AUTH_URL', 'ST_AUTH', 'OS_STORAGE_URL'],
    options: {
      shortWithValue: 'AUKV',
      longWithValue: [
        'os-auth-url',
        'os-storage-url',
        'os-username',
        'os-password',
        'os-project-name',
        'os-project-id',
        'os-region-name',
        'os-auth-token',
        'os-cloud',
        'auth',
        'user',
        'key',
        'auth-version',
        'prefix',
        'object-threads',
        'container-threads',
      ],
    },
  },
  // ActiveMQ Artemis's `artemis` CLI (activemq.apache.org, "Command Line Interface"): --url.
  artemis: {
    service: 'ActiveMQ Artemis',
    servers: ['--url'],
    variables: [],
    options: { longWithValue: ['url', 'user', 'password', 'name', 'address', 'protocol', 'acceptor'] },
  },
  // InfluxDB Enterprise's meta CLI (`influxd-ctl -bind host:8091 …`).
  'influxd-ctl': {
    service: 'InfluxDB Enterprise',
    servers: ['-bind', '-bind-tls'],
    variables: [],
    options: goFlags(['bind', 'auth-type', 'user', 'pwd', 'secret', 'config']),
  },
  // Grafana Loki's logcli (grafana.com/docs/loki, "LogCLI"): --addr, else LOKI_ADDR.
  logcli: {
    service: 'Loki',
    servers: ['--addr'],
    variables: ['LOKI_ADDR'],
    options: {
      shortWithValue: 'oq',
      longWithValue: [
        'addr',
        'username',
        'password',
        'org-id',
        'bearer-token',
        'query',
        'start',
        'end',
        'since',
        'limit',
        'output',
        'max-interval',
        'cert',
        'key',
        'ca-cert',
      ],
    },
  },
  // YugabyteDB's yb-admin (docs.yugabyte.com, "yb-admin"): --master_addresses lists the masters.
  'yb-admin': {
    service: 'YugabyteDB',
    servers: ['--master_addresses', '-master_addresses', '--init_master_addrs'],
    variables: [],
    options: goFlags(['master_addresses', 'init_master_addrs', 'certs_dir_name', 'timeout_ms']),
  },
  // Solr's control script (`bin/solr delete -c NAME -solrUrl URL`; 9.x: --solr-url, -z ZK).
  solr: {
    service: 'Solr',
    servers: ['-solrUrl', '--solr-url', '-url', '-z', '--zk-host'],
    variables: ['SOLR_URL', 'ZK_HOST'],
    options: {
      shortWithValue: 'cnpdzsu',
      longWithValue: ['name', 'collection', 'solr-url', 'zk-host', 'config-name', 'shards', 'replication-factor', 'credentials'],
      singleDashWithValue: ['solrUrl', 'url', 'zkHost', 'deleteConfig'],
    },
  },
  // Citrix Hypervisor / XCP-ng's xe (`xe help`): -s names the pool master, else this host.
  xe: {
    service: 'XenServer',
    servers: ['-s'],
    variables: [],
    options: { singleDashWithValue: ['s', 'u', 'pw', 'pwf', 'p'] },
  },
  // MHA's masterha_master_switch acts on the replication group its hosts name; MaxScale's
  // maxctrl on the MaxScale its --hosts names (`maxctrl --hosts mxs1:8989 call command …`).
  masterha_master_switch: {
    service: 'MHA',
    servers: ['--new_master_host', '--dead_master_host', '--orig_master_host'],
    variables: [],
    options: {
      longWithValue: [
        'conf',
        'master_state',
        'dead_master_host',
        'dead_master_ip',
        'dead_master_port',
        'new_master_host',
        'new_master_port',
        'orig_master_host',
        'orig_master_is_new_slave',
        'interactive',
        'running_updates_limit',
        'remote_workdir',
        'workdir',
      ],
    },
  },
  maxctrl: {
    service: 'MaxScale',
    servers: ['--hosts', '-h'],
    variables: [],
    options: { shortWithValue: 'hupt', longWithValue: ['hosts', 'user', 'password', 'timeout', 'tsv', 'secure', 'tls-key', 'tls-cert', 'tls-ca-cert'] },
  },
  // Talos's talosctl (`talosctl reset --nodes IP --endpoints HOST`): the nodes it acts on, else
  // the endpoints of its talosconfig.
  talosctl: {
    service: 'Talos',
    servers: ['--nodes', '-n', '--endpoints', '-e'],
    variables: [],
    options: {
      shortWithValue: 'ne',
      longWithValue: ['nodes', 'endpoints', 'talosconfig', 'context', 'system-labels-to-wipe', 'user-disks-to-wipe', 'wipe-mode'],
    },
  },
  // ArangoDB's arangosh (`--server.endpoint ssl://host:8529`).
  arangosh: {
    service: 'ArangoDB',
    servers: ['--server.endpoint'],
    variables: [],
    options: {
      longWithValue: [
        'server.endpoint',
        'server.username',
        'server.password',
        'server.database',
        'server.authentication',
        'javascript.execute-string',
        'javascript.execute',
        'console.history',
      ],
    },
  },
  // ankane's pgsync (`pgsync --from URL --to URL [tables]`): the destination is --to, else .pgsync.yml's.
  pgsync: {
    service: 'PostgreSQL',
    servers: ['--to'],
    variables: [],
    options: { longWithValue: ['from', 'to', 'config', 'db', 'schemas', 'exclude', 'jobs', 'defer-constraints', 'in-batches', 'batch-size', 'sleep'] },
  },
  // SeaweedFS's `weed shell -master=host:9333` (Go flags).
  weed: {
    service: 'SeaweedFS',
    servers: ['-master'],
    variables: [],
    options: goFlags(['master', 'filer', 'node', 'volumeId', 'collection', 'dir', 'cluster']),
  },
  // Task queues' CLIs: Celery (`celery -A app purge`: every waiting task of the broker
  // -b/--broker names, else CELERY_BROKER_URL or the app's config) and RQ (`rq empty -u URL`).
  celery: {
    service: 'Celery',
    servers: ['-b', '--broker'],
    variables: ['CELERY_BROKER_URL', 'BROKER_URL'],
    options: { shortWithValue: 'AbQ', longWithValue: ['app', 'broker', 'result-backend', 'loader', 'config', 'workdir', 'queues', 'exclude-queues'] },
  },
  rq: {
    service: 'RQ',
    servers: ['-u', '--url'],
    variables: ['RQ_REDIS_URL', 'REDIS_URL'],
    options: { shortWithValue: 'uc', longWithValue: ['url', 'config', 'path', 'serializer', 'queue-class', 'job-class', 'worker-class'] },
  },
  // Ceph's rados (`rados -m MON purge POOL`).
  rados: {
    service: 'Ceph',
    servers: ['-m', '--mon-host'],
    variables: [],
    options: { shortWithValue: 'mcnkpN', longWithValue: ['mon-host', 'conf', 'name', 'keyring', 'pool', 'namespace'] },
  },
  // libmemcached's tools (`memcflush --servers=host:11211`), else MEMCACHED_SERVERS.
  memcflush: {
    service: 'memcached',
    servers: ['--servers'],
    variables: ['MEMCACHED_SERVERS'],
    options: { longWithValue: ['servers', 'expire', 'binary', 'username', 'password'] },
  },
  // Tools that write one database from another: the target is where data is replaced.
  // pgcopydb (pgcopydb.readthedocs.io): --target, else PGCOPYDB_TARGET_PGURI.
  pgcopydb: {
    service: 'PostgreSQL',
    servers: ['--target'],
    variables: ['PGCOPYDB_TARGET_PGURI'],
    options: {
      longWithValue: [
        'source',
        'target',
        'dir',
        'table-jobs',
        'index-jobs',
        'restore-jobs',
        'split-tables-larger-than',
        'filters',
        'snapshot',
        'origin',
        'plugin',
        'slot-name',
      ],
    },
  },
  // pgloader (pgloader.readthedocs.io): `pgloader [options] SOURCE TARGET`, the target the last.
  pgloader: {
    service: 'PostgreSQL',
    servers: [],
    variables: [],
    serverOperand: { index: 1, minOperands: 2 },
    options: {
      shortWithValue: 'WLSEDCwt',
      longWithValue: ['with', 'set', 'cast', 'type', 'encoding', 'before', 'after', 'field', 'logfile', 'summary', 'root-dir', 'load-lisp-file', 'context'],
    },
  },
  // Percona's pt-table-sync: `pt-table-sync --execute SOURCE_DSN DEST_DSN` changes DEST (the last
  // DSN; with --sync-to-master the one replica named) to match.
  'pt-table-sync': {
    service: 'MySQL',
    servers: [],
    variables: [],
    serverOperand: { index: -1, minOperands: 1 },
    options: {
      shortWithValue: 'hPupDtF',
      longWithValue: [
        'host',
        'port',
        'user',
        'password',
        'databases',
        'tables',
        'where',
        'chunk-size',
        'defaults-file',
        'replicate',
        'ignore-databases',
        'ignore-tables',
        'algorithms',
        'charset',
      ],
    },
  },
  // RethinkDB's restore and import (`rethinkdb-restore -c HOST:PORT FILE --force`).
  'rethinkdb-restore': {
    service: 'RethinkDB',
    servers: ['-c', '--connect'],
    variables: [],
    options: { shortWithValue: 'cpei', longWithValue: ['connect', 'password-file', 'import', 'tls-cert', 'clients', 'temp-dir', 'shards', 'replicas'] },
  },
  ceph: {
    service: 'Ceph',
    servers: ['-m', '--mon-host'],
    variables: [],
    options: { shortWithValue: 'mcnk', longWithValue: ['mon-host', 'conf', 'name', 'keyring', 'cluster'] },
  },
});

/** The service CLI's entry, if it is one. */
export function serviceEndpoint(name: string): ServiceEndpointSpec | undefined {
  return Object.hasOwn(SERVICE_ENDPOINTS, name) ? SERVICE_ENDPOINTS[name] : undefined;
}

/** The items (`--topic T`) an invocation of a service CLI names, by their option values. */
export function serviceItems(name: string, values: readonly string[]): { created: boolean; items: string[] } | undefined {
  const spec = serviceEndpoint(name);
  if (!spec?.items) return undefined;
  const items: string[] = [];
  values.forEach((value, index) => {
    for (const option of spec.items!.options) {
      if (value === option && values[index + 1] !== undefined) items.push(values[index + 1]!);
      else if (value.startsWith(`${option}=`)) items.push(value.slice(option.length + 1));
    }
  });
  return { created: values.some((value) => spec.items!.creating.includes(value)), items };
}

/** Every service CLI's option table, for TOOL_OPTIONS. */
export const SERVICE_TOOL_OPTIONS: Readonly<Record<string, ToolOptions>> = table(
  Object.fromEntries(Object.entries(SERVICE_ENDPOINTS).map(([name, spec]) => [name, spec.options])),
);

/**
 * The hosts a server value names: `https://etcd1:2379,https://etcd2:2379` → etcd1, etcd2;
 * `rabbit@mq1-prod` → mq1-prod; `kafka1:9092` → kafka1; a PostgreSQL URI → its host.
 */
export function endpointHosts(value: string): string[] {
  // Percona's DSN (`h=db1,D=shop,t=orders`): the h= key.
  if (/^[A-Za-z]=[^,]*(,[A-Za-z]=[^,]*)*$/.test(value)) {
    const host = /(?:^|,)h=([^,]+)/.exec(value)?.[1];
    return host ? [host] : [];
  }
  return value
    .split(',')
    .map((part) => {
      const address = part
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/^[^@/]*@/, '');
      // `[::1]:2379`: an IPv6 address in brackets keeps its colons.
      const bracketed = /^\[([^\]]*)\]/.exec(address);
      return bracketed ? bracketed[1]! : address.replace(/[:/?].*$/, '');
    })
    .filter((host) => host !== '');
}
