// Where databases keep their files and how to recognise those files on disk, written once.
// Target classification (targets/paths.ts) reads the locations and names; the disk probe
// (probe/data-directory.ts) reads the markers, the "server is running" files and the standby
// signals. GitLab 2017: `rm -rf` of PostgreSQL's data directory on the primary, db1. A directory
// that holds these markers is a data directory wherever it lives (`/data/pg` with PG_VERSION).
//
// Adding an engine, a location or a marker is one entry here. Sources: each server's own layout
// (PostgreSQL "Database File Layout", MySQL "The InnoDB system tablespace", MongoDB "storage",
// Redis persistence, etcd's data-dir layout, Elasticsearch path.data).

export type DataEngine =
  | 'postgresql'
  | 'mysql'
  | 'mongodb'
  | 'redis'
  | 'etcd'
  | 'elasticsearch'
  | 'cassandra'
  | 'clickhouse'
  | 'gitlab'
  | 'rabbitmq'
  | 'kafka'
  | 'zookeeper'
  | 'sqlserver'
  | 'influxdb'
  | 'neo4j'
  | 'couchdb'
  | 'cockroachdb'
  | 'scylla'
  | 'opensearch'
  | 'solr'
  | 'prometheus'
  | 'victoriametrics'
  | 'graphite'
  | 'loki'
  | 'consul'
  | 'vault'
  | 'meilisearch'
  | 'typesense'
  | 'qdrant'
  | 'configured';

export interface DataEngineSpec {
  engine: DataEngine;
  title: string;
  /** Directories whose contents are this engine's data (packages, Homebrew, the docker images). */
  locations: readonly string[];
  /** Directory names that mean this engine's data wherever they are (`pgdata`, `mysql-data`). */
  names: readonly string[];
  /** Paths inside a data directory that identify it: any one present makes the directory a data
   *  directory (a glob is allowed for the last segment: `*.ibd`). Only files no other program
   *  writes: `postgresql.conf` alone is Debian's /etc/postgresql, `base/` a thousand projects. */
  markers: readonly string[];
  /** Files naming the pid of the server using the directory; the pid is the first number. */
  pidFiles: readonly string[];
  /** Files whose mere non-empty presence says a server holds the directory (mongod.lock). */
  lockFiles: readonly string[];
  /** Files that make the server start as a standby / in recovery (a replica). */
  standbySignals: readonly string[];
  /** Parts inside the data directory whose loss destroys the database outright (WAL). */
  vital: readonly string[];
  /** System users the packages run the server as: a directory of theirs that we may not read
   *  (PostgreSQL insists on mode 0700) is most likely their data. */
  owners: readonly string[];
}

export const DATA_ENGINES: readonly DataEngineSpec[] = [
  {
    engine: 'postgresql',
    title: 'PostgreSQL',
    locations: [
      '/var/lib/postgresql',
      '/var/lib/pgsql',
      '/var/lib/postgres',
      '/usr/local/var/postgres',
      '/usr/local/var/postgresql',
      '/opt/homebrew/var/postgres',
      '/opt/homebrew/var/postgresql',
      // The source build's documented default (`initdb -D /usr/local/pgsql/data`).
      '/usr/local/pgsql',
      // Windows' installer (C:\\Program Files\\PostgreSQL\\16\\data), as WSL mounts it and the
      // PowerShell reader writes it (lower case: Windows compares names that way).
      '/mnt/c/program files/postgresql',
      // Bitnami's images and stacks (`/bitnami/postgresql/data`, `/opt/bitnami/postgresql/data`).
      '/bitnami/postgresql',
      '/opt/bitnami/postgresql/data',
    ],
    names: ['pgdata', 'pg_data', 'postgres-data', 'postgresql-data', 'pg_wal', 'pg_xlog'],
    markers: ['PG_VERSION', 'global/pg_control'],
    pidFiles: ['postmaster.pid'],
    lockFiles: [],
    standbySignals: ['standby.signal', 'recovery.signal', 'recovery.conf'],
    owners: ['postgres'],
    vital: ['pg_wal', 'pg_xlog', 'global', 'base', 'pg_xact', 'pg_clog', 'PG_VERSION'],
  },
  {
    engine: 'gitlab',
    title: 'GitLab (Omnibus: PostgreSQL, Redis, repositories)',
    locations: ['/var/opt/gitlab'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['gitlab-psql'],
    vital: [],
  },
  {
    engine: 'mysql',
    title: 'MySQL/MariaDB',
    // /usr/local/mysql: the generic binary tarball's install, its data directory data/ inside.
    locations: [
      '/var/lib/mysql',
      '/var/lib/mariadb',
      // Windows: MySQL's data (C:\\ProgramData\\MySQL\\MySQL Server 8.0\\Data), as WSL mounts it.
      '/mnt/c/programdata/mysql',
      '/usr/local/var/mysql',
      '/opt/homebrew/var/mysql',
      '/usr/local/mysql',
      '/bitnami/mysql',
      '/bitnami/mariadb',
      '/opt/bitnami/mysql/data',
      '/opt/bitnami/mariadb/data',
    ],
    names: ['mysql-data', 'mariadb-data'],
    markers: ['ibdata1', 'auto.cnf', 'grastate.dat', 'mysql.ibd', 'mysql/user.MYD', '*.ibd'],
    pidFiles: ['mysqld.pid', '*.pid'],
    lockFiles: ['mysql.sock.lock', 'mysqld.sock.lock'],
    standbySignals: ['relay-log.info', '*-relay-bin.index'],
    owners: ['mysql'],
    vital: ['ibdata1', 'ib_logfile0', 'ib_logfile1', '#innodb_redo', 'mysql'],
  },
  {
    engine: 'mongodb',
    title: 'MongoDB',
    // /data/db is mongod's default --dbpath (and the official image's volume): `/data` holds it.
    // Windows: the MSI's C:\\Program Files\\MongoDB\\Server and the default C:\\data\\db, as WSL mounts them.
    locations: ['/var/lib/mongodb', '/var/lib/mongo', '/data/db', '/bitnami/mongodb', '/mnt/c/program files/mongodb/server', '/mnt/c/data/db'],
    names: ['mongo-data', 'mongodb-data'],
    markers: ['WiredTiger', 'storage.bson', 'mongod.lock', '_mdb_catalog.wt'],
    pidFiles: [],
    lockFiles: ['mongod.lock'],
    standbySignals: [],
    owners: ['mongodb', 'mongod'],
    vital: ['journal', 'WiredTiger', '_mdb_catalog.wt'],
  },
  {
    engine: 'redis',
    title: 'Redis',
    locations: ['/var/lib/redis', '/bitnami/redis'],
    names: ['redis-data'],
    markers: ['dump.rdb', 'appendonly.aof', 'appendonlydir'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['redis'],
    vital: [],
  },
  {
    engine: 'etcd',
    title: 'etcd',
    locations: ['/var/lib/etcd'],
    names: ['etcd-data'],
    markers: ['member/snap', 'member/wal'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['etcd'],
    vital: ['member'],
  },
  {
    engine: 'elasticsearch',
    title: 'Elasticsearch',
    locations: ['/var/lib/elasticsearch'],
    names: [],
    markers: ['node.lock', 'nodes/0/_state', 'nodes/0/node.lock'],
    pidFiles: [],
    lockFiles: ['node.lock'],
    standbySignals: [],
    owners: ['elasticsearch'],
    vital: [],
  },
  {
    engine: 'cassandra',
    title: 'Cassandra',
    locations: ['/var/lib/cassandra'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['cassandra'],
    vital: ['commitlog'],
  },
  // Brokers and coordinators keep their messages and state on disk like a database: a RabbitMQ
  // node's mnesia and queues, Kafka's log segments (meta.properties marks a log directory),
  // ZooKeeper's snapshots and transaction logs (version-2).
  {
    engine: 'rabbitmq',
    title: 'RabbitMQ',
    locations: ['/var/lib/rabbitmq', '/bitnami/rabbitmq'],
    names: ['mnesia'],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['rabbitmq'],
    vital: ['mnesia'],
  },
  {
    engine: 'kafka',
    title: 'Kafka',
    locations: ['/var/lib/kafka', '/var/lib/kafka-logs', '/bitnami/kafka'],
    names: ['kafka-logs', 'kafka-data'],
    markers: ['meta.properties'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['kafka'],
    vital: [],
  },
  {
    engine: 'zookeeper',
    title: 'ZooKeeper',
    // The package's folder, and the dataDir of the Apache docs' and most installs' zoo.cfg.
    locations: ['/var/lib/zookeeper', '/bitnami/zookeeper', '/var/zookeeper', '/data/zookeeper', '/opt/zookeeper/data', '/opt/zookeeper-*/data'],
    names: ['zookeeper-data'],
    markers: ['version-2'],
    pidFiles: ['zookeeper_server.pid'],
    lockFiles: [],
    standbySignals: [],
    owners: ['zookeeper'],
    vital: ['version-2'],
  },
  {
    engine: 'sqlserver',
    title: 'SQL Server',
    // Windows: C:\\Program Files\\Microsoft SQL Server (each instance's MSSQL\\DATA), as WSL mounts it.
    locations: ['/var/opt/mssql', '/mnt/c/program files/microsoft sql server'],
    names: ['mssql-data'],
    markers: ['master.mdf'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['mssql'],
    vital: ['data'],
  },
  {
    engine: 'influxdb',
    title: 'InfluxDB',
    locations: ['/var/lib/influxdb', '/var/lib/influxdb2'],
    names: ['influxdb-data'],
    markers: ['influxd.bolt'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['influxdb'],
    vital: ['engine'],
  },
  {
    engine: 'neo4j',
    title: 'Neo4j',
    locations: ['/var/lib/neo4j/data'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['neo4j'],
    vital: [],
  },
  {
    engine: 'couchdb',
    title: 'CouchDB',
    locations: ['/var/lib/couchdb', '/opt/couchdb/data'],
    names: [],
    markers: ['_dbs.couch'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['couchdb'],
    vital: [],
  },
  {
    engine: 'clickhouse',
    title: 'ClickHouse',
    locations: ['/var/lib/clickhouse'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['clickhouse'],
    vital: [],
  },
  // Stores of other kinds keep data on disk that no backup of the database covers: a cluster's
  // stores (CockroachDB, ScyllaDB), search indexes (OpenSearch, Solr, Meilisearch, Typesense,
  // Qdrant), metrics and logs (Prometheus's TSDB, VictoriaMetrics, Graphite's whisper files,
  // Loki's chunks), and the state of Consul and Vault (its encrypted secrets). Locations are
  // each project's package defaults; an image's top-level folder (`/prometheus`, `/loki`) is not
  // one: a folder directly under / would make every `find / -name X` reach a data directory.
  {
    engine: 'cockroachdb',
    title: 'CockroachDB',
    locations: ['/var/lib/cockroach', '/cockroach/cockroach-data'],
    names: ['cockroach-data'],
    markers: ['COCKROACHDB_VERSION'],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['cockroach'],
    vital: [],
  },
  {
    engine: 'scylla',
    title: 'ScyllaDB',
    locations: ['/var/lib/scylla'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['scylla'],
    vital: [],
  },
  {
    engine: 'opensearch',
    title: 'OpenSearch',
    locations: ['/var/lib/opensearch', '/usr/share/opensearch/data'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['opensearch'],
    vital: [],
  },
  {
    engine: 'solr',
    title: 'Solr',
    locations: ['/var/solr/data'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['solr'],
    vital: [],
  },
  {
    engine: 'prometheus',
    title: 'Prometheus',
    locations: ['/var/lib/prometheus/metrics2', '/var/lib/prometheus/data'],
    names: ['prometheus-data'],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['prometheus'],
    vital: [],
  },
  {
    engine: 'victoriametrics',
    title: 'VictoriaMetrics',
    locations: ['/var/lib/victoria-metrics-data', '/var/lib/victoria-metrics'],
    names: ['victoria-metrics-data', 'vmstorage-data'],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['victoriametrics'],
    vital: [],
  },
  {
    engine: 'graphite',
    title: 'Graphite (whisper)',
    locations: ['/opt/graphite/storage/whisper', '/var/lib/graphite/whisper', '/var/lib/carbon/whisper'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['carbon', '_graphite'],
    vital: [],
  },
  {
    engine: 'loki',
    title: 'Loki',
    locations: ['/var/lib/loki'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['loki'],
    vital: [],
  },
  {
    engine: 'consul',
    title: 'Consul',
    locations: ['/opt/consul/data', '/var/lib/consul', '/consul/data'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['consul'],
    vital: [],
  },
  {
    engine: 'vault',
    title: 'Vault',
    locations: ['/opt/vault/data', '/var/lib/vault', '/vault/file'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['vault'],
    vital: [],
  },
  {
    engine: 'meilisearch',
    title: 'Meilisearch',
    locations: ['/var/lib/meilisearch'],
    names: ['data.ms'],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['meilisearch'],
    vital: [],
  },
  {
    engine: 'typesense',
    title: 'Typesense',
    locations: ['/var/lib/typesense'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['typesense'],
    vital: [],
  },
  {
    engine: 'qdrant',
    title: 'Qdrant',
    locations: ['/qdrant/storage', '/var/lib/qdrant'],
    names: [],
    markers: [],
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: ['qdrant'],
    vital: [],
  },
];

/** Docker keeps every named volume here; any of them may be a database's. */
/**
 * Where services keep their state on a server (FHS: /srv is "data for services provided by this
 * system", /var/lib "variable state information"): a SQLite file there is the host's live data
 * (`/srv/app/storage/production.sqlite3`, `/var/lib/grafana/grafana.db`), as production as the host.
 */
export const SERVICE_DATA_ROOTS: readonly string[] = ['/srv', '/var/lib', '/var/opt', '/var/www'];

export const VOLUME_LOCATIONS: readonly string[] = ['/var/lib/docker/volumes'];

/** Every known location, engines first (most specific first is not needed: they do not nest). */
export const DATA_DIRECTORY_LOCATIONS: readonly string[] = [...DATA_ENGINES.flatMap((spec) => spec.locations), ...VOLUME_LOCATIONS];

/** Directory names that mean "database files" wherever they are. */
export const DATA_DIRECTORY_NAMES: ReadonlySet<string> = new Set(DATA_ENGINES.flatMap((spec) => spec.names));

/**
 * Data directories laid out by hand, recognised by their shape (issue 11): a segment naming the
 * engine (`postgresql`, `pgsql`, `pg`, `mysql`, `mariadb`, `mongodb`, also `postgres15`,
 * `mysql-8`) followed by what a data directory is called below it — a version (`15`), `data`,
 * `main`, `pgdata`, `db` (`/data/postgresql/main`, `/srv/postgres/15/main`, `/opt/postgres/data`)
 * — or sitting right on a data mount (`/data/mysql`, `/mnt/data/postgresql`, `/database/postgres`).
 * Not a build or source folder (`postgres/build`, `postgresql/doc`), not the programs and
 * configuration under /usr and /etc, not a scratch cluster in /tmp; only paths written absolute
 * (a project's `./docker/postgres/data` is its own business).
 */
export const DATA_DIRECTORY_SHAPE = {
  engines: [
    { engine: 'postgresql', words: ['postgresql', 'postgres', 'pgsql', 'pg'] },
    { engine: 'mysql', words: ['mysql', 'mariadb', 'mysqld', 'percona'] },
    { engine: 'mongodb', words: ['mongodb', 'mongo'] },
  ] as const,
  /** Engine words too short to stand alone on a mount (`/data/pg` may be anything). */
  weak: ['pg', 'mongo'],
  /** A segment below the engine's that a data directory is (or holds it: a version). */
  below: /^(data|main|pgdata|db|datadir|\d+(\.\d+)?)$/,
  /** Mounts that hold servers' data directories directly (`/data/mysql`). */
  mounts: [
    '/data',
    '/mnt',
    '/mnt/data',
    '/srv',
    '/srv/data',
    '/database',
    '/databases',
    '/db',
    '/dbdata',
    '/u01',
    '/u02',
    '/var/db',
    '/storage',
    '/volumes',
    '/vol',
  ],
  /** Trees that hold programs, configuration or scratch, never a server's live data. */
  never: ['/usr', '/etc', '/tmp', '/var/tmp', '/proc', '/sys', '/run', '/var/run', '/var/log', '/boot', '/lib', '/opt/homebrew/Cellar', '/nix'],
};

/**
 * SQLite database files (issue 11): `.sqlite`, `.sqlite3`, `.db3` are databases by their name;
 * `.db` and the rarer ones only with more to say so (a production path). A service's own database
 * under a service data root (SERVICE_DATA_ROOTS: `/srv/app/storage/app.sqlite3`) or in a path
 * that names production or staging (`/data/production/app.db`) is live data, as a data directory is;
 * so are its -wal (committed transactions not yet in the file), -shm and -journal companions.
 */
export const SQLITE_FILE = { certain: /\.(sqlite3?|db3)(-wal|-shm|-journal)?$/i, likely: /\.(db|s3db|sl3)(-wal|-shm|-journal)?$/i };

/** The engine a path segment names (`postgres15`, `mysql-8.0`, `pg`), if any. */
export function engineOfSegment(segment: string): { engine: string; weak: boolean } | undefined {
  const word = segment.toLowerCase().replace(/[-_.]?(\d+(\.\d+)*|data)$/, '');
  const engine = DATA_DIRECTORY_SHAPE.engines.find((entry) => (entry.words as readonly string[]).includes(word))?.engine;
  return engine ? { engine, weak: DATA_DIRECTORY_SHAPE.weak.includes(segment.toLowerCase()) } : undefined;
}

/**
 * Locations and markers a config adds (`data-directories:` in .prodguard.yml): a site's own
 * layout (`/srv/pg/*`, `/data/orders-db`) or a marker file its tooling writes. They only add:
 * nothing in a config removes a built-in location.
 */
export interface ConfiguredDataDirectories {
  /** Absolute paths; a segment may be a glob (`/srv/pg-*` or `/srv/db-?` and what is under it). */
  locations: readonly string[];
  /** File names (or paths inside the directory, `*.db` a glob in the last segment) that make a
   *  directory a data directory wherever it lives. */
  markers: readonly string[];
}

export const NO_CONFIGURED_DATA_DIRECTORIES: ConfiguredDataDirectories = { locations: [], markers: [] };

/** The engine record for markers a config names: what the disk probe reads beside the built-ins. */
export function configuredEngine(markers: readonly string[]): DataEngineSpec {
  return {
    engine: 'configured',
    title: 'Configured (data-directories.markers)',
    locations: [],
    names: [],
    markers,
    pidFiles: [],
    lockFiles: [],
    standbySignals: [],
    owners: [],
    vital: [],
  };
}

/** The built-in engines, then one for the config's markers when it names any. */
export function dataEngines(configured: ConfiguredDataDirectories = NO_CONFIGURED_DATA_DIRECTORIES): readonly DataEngineSpec[] {
  return configured.markers.length > 0 ? [...DATA_ENGINES, configuredEngine(configured.markers)] : DATA_ENGINES;
}

/**
 * Single path segments, one of which a path into a data directory holds: the last segment of each
 * location, the directory names and the markers' file names (`*.ibd`, a configured `pg-*`: globs).
 * The shell hook's prefilter sends `cp`/`mv`/`ln` lines holding one of them to the checker.
 */
export function dataDirectoryWords(configured: ConfiguredDataDirectories = NO_CONFIGURED_DATA_DIRECTORIES): readonly string[] {
  const lastSegment = (path: string) => path.replace(/\/+$/, '').split('/').at(-1)!;
  // `/opt/bitnami/postgresql/data`: `data` would send every copy into any data folder; the
  // segment before it names the engine (and is in the same path).
  const namingSegment = (path: string) => {
    const segments = path.replace(/\/+$/, '').split('/');
    return segments.at(-1) === 'data' && segments.length > 2 ? segments.at(-2)! : segments.at(-1)!;
  };
  return [
    ...new Set([
      ...DATA_DIRECTORY_LOCATIONS.map(namingSegment),
      ...configured.locations.map(lastSegment),
      ...DATA_DIRECTORY_NAMES,
      ...dataEngines(configured).flatMap((spec) => spec.markers.map(lastSegment)),
    ]),
  ].filter((word) => word !== '');
}

/** The built-in words (no config). */
export const DATA_DIRECTORY_WORDS: readonly string[] = dataDirectoryWords();

/**
 * A copy moved aside, next to a data directory: the rule's own fix says `mv main main.old`, and a
 * person cleaning up afterwards deletes exactly that. `main.old`, `main.bak`, `data.orig`,
 * `main_2024-01-01`, `main-20240101`, `main~`. Matched against one path segment.
 */
// `_tmp`, `_old`, `-bak`: the same words after `_` or `-` (percona-docker's pre-bootstrap moves
// an existing PGDATA to `${PATRONI_POSTGRESQL_DATA_DIR}_tmp` so Patroni bootstraps an empty one).
export const ASIDE_SUFFIXES: readonly string[] = [
  '.old',
  '.bak',
  '.backup',
  '.orig',
  '.prev',
  '.save',
  '.saved',
  '~',
  '_old',
  '-old',
  '_bak',
  '-bak',
  '_backup',
  '-backup',
  '_tmp',
  '-tmp',
  '.tmp',
];
/** A dated copy: `main_2024`, `main-20240101`, `data.2024-01-01`, `main_2024-01-01T12:00`:
 *  a year after a separator, then the end or a date going on (never more digits: WiredTiger's
 *  `collection-0-2024512345` is data). */
export const ASIDE_DATED = /^.+[._-](19|20)\d\d(?:$|[-_.T]|(?:0[1-9]|1[0-2])(?:$|[-_.T]|(?:0[1-9]|[12]\d|3[01])(?:$|[-_.T])))/;

/** Inside a data directory, what a log clean-up deletes: server logs, not data. */
export const LOG_DIRECTORIES: ReadonlySet<string> = new Set(['log', 'pg_log', 'logs']);
/** Log files: `postgresql-2024-01-01.log`, `postgresql.log.1`, `mysqld.err`. (`ib_logfile0` is
 *  InnoDB's redo log — data — and matches none of these.) */
/**
 * The top of a data directory whose every entry the server names itself: MySQL keeps there its
 * own files and one folder per database, and writes any character of a database's name other
 * than letters, digits, `_` and `$` as `@XXXX` (https://dev.mysql.com/doc/refman/8.0/en/identifier-mapping.html).
 * So a name there with another character that is none of the server's own files (percona's
 * entrypoint installs `pxc-entrypoint.sh`, `peer-list`, `mysqld.my` into /var/lib/mysql, the
 * container's volume, as scratch space) is someone else's file, not the database's.
 */
export interface DataDirectoryTop {
  /** Data directories themselves (not a parent of one, as /var/lib/postgresql is). */
  at: readonly string[];
  /** Names of the server's own entries (globs, case-insensitive). */
  own: readonly string[];
  /** Names the server may give a database's folder. */
  databaseFolder: RegExp;
  /** Databases are folders at the top (MySQL): such a name is the `folder` part (paths.ts). */
  folders?: boolean;
}

export const DATA_DIRECTORY_TOPS: readonly DataDirectoryTop[] = [
  {
    at: ['/var/lib/mysql', '/var/lib/mariadb', '/usr/local/var/mysql', '/opt/homebrew/var/mysql', '/opt/bitnami/mysql/data', '/opt/bitnami/mariadb/data'],
    own: [
      // Tablespaces, redo and undo logs, InnoDB's own files.
      'ibdata*',
      'ib_*',
      'ibtmp*',
      '#*',
      'undo_*',
      '*.ibd',
      '*.ibt',
      '*.ibu',
      'mysql.ibd',
      // Server identity, persisted variables, keys, certificates and components' configuration.
      '*.cnf',
      '*.pem',
      '*.key',
      '*.cert',
      '*.crt',
      // Binary and relay logs, their indexes and replication state.
      '*-bin.*',
      'binlog.*',
      '*.index',
      '*.info',
      // Galera and XtraBackup state.
      '*.dat',
      'galera.cache',
      'gcache.*',
      'xtrabackup_*',
      'sst_in_progress',
      // Pid, socket and lock files, logs.
      '*.pid',
      '*.sock',
      '*.sock.lock',
      '*.err',
      '*.log',
      '*.flag',
      // MyISAM and older engines' files of the system tables.
      '*.frm',
      '*.myd',
      '*.myi',
      '*.csm',
      '*.csv',
      '*.trg',
      '*.trn',
      '*.opt',
      '*.par',
      '*.sdi',
    ],
    databaseFolder: /^[A-Za-z0-9_$]+$/,
    folders: true,
  },
  {
    // PostgreSQL keeps no folder per database at the top (they are under base/): everything there
    // is one of its own entries, so `pg_dump … > $PGDATA/BACKUP_app.sql` writes a new file beside
    // the data, not into it (mattermost/docker's docs). The packaged and image locations only: a
    // data directory found by its markers elsewhere keeps every rule.
    at: [
      '/var/lib/postgresql/data',
      '/var/lib/pgsql/data',
      '/usr/local/var/postgres',
      '/bitnami/postgresql/data',
      '/opt/bitnami/postgresql/data',
      ...Array.from({ length: 11 }, (_, index) => `/var/lib/postgresql/${index + 9}/main`),
      ...Array.from({ length: 11 }, (_, index) => `/var/lib/pgsql/${index + 9}/data`),
    ],
    own: [
      'base',
      'global',
      'pg_*',
      'PG_VERSION',
      '*.conf',
      'postmaster.*',
      'current_logfiles',
      'backup_label*',
      'backup_manifest',
      'tablespace_map*',
      '*.signal',
      'recovery.*',
      'log',
      // Certificates and keys the server is pointed at, and Patroni's state beside its config.
      '*.crt',
      '*.key',
      '*.pem',
      '*.json',
    ],
    // No database folder lives at the top, but a bare word there may be a folder copied in whole
    // (`scp -r dump host:$PGDATA/`): only a name with another character (`BACKUP_app.sql`,
    // `notes.txt`) is surely a file the server never makes.
    databaseFolder: /^[A-Za-z0-9_]+$/,
  },
  {
    // RabbitMQ's home: its messages and state live under mnesia/ (RABBITMQ_MNESIA_BASE); the
    // rest there is the node's Erlang cookie (openstack/kolla's bootstrap removes and rewrites
    // `.erlang.cookie`) and configuration, none of it data.
    at: ['/var/lib/rabbitmq', '/bitnami/rabbitmq'],
    own: ['mnesia'],
    databaseFolder: /^mnesia$/,
  },
];

/**
 * Configuration files a server keeps in its data directory: settings, not rows. Editing one in
 * place (`sed -i 's/^max_connections =.*$/max_connections = 500/' postgresql.conf` in an image's start script) or
 * putting a new one there changes how the server starts, and loses no data. Deleting one still
 * asks (the server may not start). PostgreSQL: https://www.postgresql.org/docs/current/runtime-config-file-locations.html
 * (postgresql.conf, pg_hba.conf, pg_ident.conf, and ALTER SYSTEM's postgresql.auto.conf);
 * a standby's recovery.conf up to PostgreSQL 11 (primary_conninfo: sameersbn/docker-postgresql's
 * start script sets its host and port with sed; https://www.postgresql.org/docs/11/recovery-config.html);
 * MySQL components' configuration (`component_keyring_file.cnf`, …):
 * https://dev.mysql.com/doc/refman/8.0/en/keyring-component-installation.html. Not `auto.cnf`,
 * which holds the server's identity for replication.
 */
export const DATA_DIRECTORY_CONFIG_FILE = /^(postgresql\.conf|postgresql\.auto\.conf|pg_hba\.conf|pg_ident\.conf|recovery\.conf|component_[a-z0-9_]+\.cnf)$/;

export const LOG_FILE = /\.(log|err)(\.\d+)?(\.gz)?$/;

/** Data files carry extensions (`collection-0-2024….wt`); a dated copy of a directory does not. */
const FILE_EXTENSION = /\.[A-Za-z]{2,4}$/;

export function isAsideName(segment: string, last = false): boolean {
  if (ASIDE_SUFFIXES.some((suffix) => segment.length > suffix.length && segment.endsWith(suffix))) return true;
  return ASIDE_DATED.test(segment) && !(last && FILE_EXTENSION.test(segment));
}
