// What each database client's command line means, written once: which options take a value,
// which are digit flags (`psql -1`, `redis-cli -3`), which carry a password, which engine the
// client talks to. The option scanner (parse/options.ts), target resolution (targets/resolve.ts),
// secret collection (parse/secrets.ts), the SQL sources (parse/sql/sources.ts) and rule matching
// (rules/evaluate.ts) all read this table, so an option's arity cannot differ between them:
// parsed with the wrong arity, `psql -X -1 "$DATABASE_URL"` targeted a database named "-1".
//
// Adding a client, or an option to one, is one entry here. Sources: each tool's getopt string
// or option table (psql startup.c "aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01",
// pg_restore "acCd:ef:F:h:I:j:lL:n:N:Op:P:RsS:t:T:U:vwWx1", redis-cli.c parseOptions,
// mysql's my_getopt tables, mongosh's yargs options).

import { dict, table } from '../util/dict.js';

export type ClientEngine = 'postgres' | 'mysql' | 'redis' | 'mongodb' | 'clickhouse' | 'cassandra' | 'neo4j' | 'influxdb' | 'oracle';

export interface ClientOptions {
  /** Short option letters that take a value, attached (`-Uapp`) or as the next word (`-U app`). */
  shortWithValue: string;
  /** Short options whose value may only be attached (`mysql -pSECRET`; a bare `-p` prompts). */
  shortOptionalAttached?: string;
  /** Long options (without dashes) that take a value. */
  longWithValue: readonly string[];
  /** Long options that are flags: with longWithValue, the names an unambiguous prefix resolves to. */
  longFlags?: readonly string[];
  /** `-1`, `-3` are options of this client, never a positional word. */
  digitOptions?: boolean;
  /** Single-dash long options that take a value (Go's flag package: influx 1.x `-execute Q`). */
  singleDashWithValue?: readonly string[];
}

export interface ClientSpec {
  engine: ClientEngine;
  options: ClientOptions;
  /** Options whose value is a password (`-a`, `--pass`, `-p` attached): redacted everywhere. */
  secretOptions?: readonly string[];
  /** MySQL: the option file groups the client reads (`[client]`, `[mysqldump]`…), besides a login path. */
  optionGroups?: readonly string[];
  /** MongoDB's database tools (mongodump, mongorestore, mongoimport): -h is --host, -d --db, and
   *  their operands are dump paths and files, never a server address as mongosh's are. */
  mongoDatabaseTool?: true;
}

const POSTGRES_COMMON = ['host', 'port', 'dbname', 'username', 'maintenance-db'];

const PSQL_LONG_FLAGS = [
  'echo-all',
  'no-align',
  'echo-errors',
  'echo-queries',
  'echo-hidden',
  'html',
  'list',
  'no-readline',
  'quiet',
  'single-step',
  'single-line',
  'tuples-only',
  'version',
  'no-password',
  'password',
  'expanded',
  'no-psqlrc',
  'field-separator-zero',
  'record-separator-zero',
  'single-transaction',
  'help',
  'csv',
];

function postgres(shortWithValue: string, longWithValue: readonly string[], extra: Partial<ClientOptions> = {}): ClientSpec {
  return { engine: 'postgres', options: { shortWithValue, longWithValue: [...POSTGRES_COMMON, ...longWithValue], ...extra } };
}

const MYSQL_OPTIONS: ClientOptions = {
  shortWithValue: 'DehPSu',
  shortOptionalAttached: 'p#',
  longWithValue: [
    'execute',
    'database',
    'host',
    'port',
    'socket',
    'user',
    'init-command',
    'default-character-set',
    'defaults-file',
    'defaults-extra-file',
    'defaults-group-suffix',
    'login-path',
    'protocol',
    'tee',
    'prompt',
    'delimiter',
    'connect-timeout',
    'max-allowed-packet',
    'net-buffer-length',
    'bind-address',
    'character-sets-dir',
    'plugin-dir',
    'default-auth',
    'server-public-key-path',
    'ssl-ca',
    'ssl-cert',
    'ssl-key',
    'ssl-mode',
    'ssl-cipher',
    'ssl-capath',
    'ssl-crl',
    'ssl-crlpath',
    'tls-version',
    'tls-ciphersuites',
    'load-data-local-dir',
    'compression-algorithms',
    'zstd-compression-level',
    'histignore',
    'max-join-size',
    'select-limit',
    'network-namespace',
    'dns-srv-name',
    'fido-register-factor',
    'plugin-authentication-kerberos-client-mode',
  ],
  longFlags: [
    'auto-rehash',
    'no-auto-rehash',
    'batch',
    'binary-mode',
    'comments',
    'skip-comments',
    'compress',
    'force',
    'html',
    'xml',
    'ignore-spaces',
    'line-numbers',
    'skip-line-numbers',
    'named-commands',
    'one-database',
    'quick',
    'raw',
    'silent',
    'table',
    'unbuffered',
    'verbose',
    'version',
    'vertical',
    'wait',
    'safe-updates',
    'i-am-a-dummy',
    'help',
    'skip-column-names',
    'column-names',
    'no-beep',
    'show-warnings',
    'sigint-ignore',
    'reconnect',
    'skip-reconnect',
    'pipe',
    'password',
    'pager',
    'no-defaults',
    'print-defaults',
    'local-infile',
    'ssl',
    'skip-ssl',
    'system-command',
    'skip-system-command',
    'debug-info',
  ],
};

const MYSQL_CONNECTION = [
  'host',
  'port',
  'socket',
  'user',
  'database',
  'defaults-file',
  'defaults-extra-file',
  'defaults-group-suffix',
  'login-path',
  'protocol',
  'ssl-ca',
  'ssl-cert',
  'ssl-key',
  'ssl-mode',
];

// The groups each client reads from option files, per its load_defaults call: MySQL's
// {program, "client"}, MariaDB's also "client-server", "client-mariadb" and "mariadb-client".
// A command name may be either server's client, so both sets are read (reading more can only
// find the target, never hide it).
const MARIADB_CLIENT_GROUPS = ['client', 'client-server', 'client-mariadb'];

function optionGroups(...programs: string[]): string[] {
  return [...programs, ...MARIADB_CLIENT_GROUPS];
}

function mysql(shortWithValue: string, longWithValue: readonly string[], groups: readonly string[] = []): ClientSpec {
  return {
    engine: 'mysql',
    options: { shortWithValue, shortOptionalAttached: 'p', longWithValue: [...MYSQL_CONNECTION, ...longWithValue] },
    secretOptions: ['-p', '--password'],
    optionGroups: groups,
  };
}

const REDIS: ClientSpec = {
  engine: 'redis',
  options: {
    // -2/-3 choose the protocol, -4/-6 the address family: flags, not positional words.
    shortWithValue: 'hpsaunridDtX',
    longWithValue: [
      'user',
      'pass',
      'sni',
      'cacert',
      'cacertdir',
      'cert',
      'key',
      'tls-ciphers',
      'tls-ciphersuites',
      'show-pushes',
      'lru-test',
      'rdb',
      'functions-rdb',
      'pipe-timeout',
      'memkeys-samples',
      'pattern',
      'count',
      'quoted-pattern',
      'intrinsic-latency',
      'eval',
      'cluster',
      'cluster-replicas',
      'cluster-search-multiple-owners',
      'cluster-from',
      'cluster-to',
      'cluster-slots',
      'cluster-timeout',
      'cluster-pipeline',
      'cluster-weight',
      'cluster-threshold',
      'keystats-samples',
      'top',
    ],
    longFlags: [
      'askpass',
      'raw',
      'no-raw',
      'quoted-input',
      'csv',
      'json',
      'quoted-json',
      'stat',
      'latency',
      'latency-history',
      'latency-dist',
      'replica',
      'slave',
      'pipe',
      'bigkeys',
      'memkeys',
      'hotkeys',
      'keystats',
      'scan',
      'ldb',
      'ldb-sync-mode',
      'verbose',
      'no-auth-warning',
      'tls',
      'insecure',
      'help',
      'version',
      'cluster-yes',
      'cluster-use-empty-masters',
      'cluster-replace',
      'cluster-copy',
      'cluster-fix-with-unreachable-masters',
      'cluster-simulate',
    ],
    digitOptions: true,
  },
  secretOptions: ['-a', '--pass'],
};

const MONGO: ClientSpec = {
  engine: 'mongodb',
  options: {
    shortWithValue: 'upf',
    longWithValue: [
      'eval',
      'file',
      'host',
      'port',
      'username',
      'password',
      'authenticationDatabase',
      'authenticationMechanism',
      'gssapiServiceName',
      'gssapiHostName',
      'sspiHostnameCanonicalization',
      'sspiRealmOverride',
      'tlsCAFile',
      'tlsCertificateKeyFile',
      'tlsCertificateKeyFilePassword',
      'tlsCRLFile',
      'tlsCertificateSelector',
      'tlsDisabledProtocols',
      'apiVersion',
      'awsAccessKeyId',
      'awsSecretAccessKey',
      'awsSessionToken',
      'awsIamSessionToken',
      'keyVaultNamespace',
      'kmsURL',
      'csfleLibraryPath',
      'cryptSharedLibPath',
      'oidcFlows',
      'oidcRedirectUri',
      'browser',
      'jsContext',
      'sslCAFile',
      'sslPEMKeyFile',
      'sslPEMKeyPassword',
      'sslCRLFile',
      'sslDisabledProtocols',
      'db',
      'uri',
    ],
    longFlags: [
      'shell',
      'nodb',
      'norc',
      'quiet',
      'verbose',
      'help',
      'version',
      'build-info',
      'tls',
      'tlsAllowInvalidHostnames',
      'tlsAllowInvalidCertificates',
      'tlsFIPSMode',
      'tlsUseSystemCA',
      'ssl',
      'apiStrict',
      'apiDeprecationErrors',
      'retryWrites',
      'json',
      'oidcTrustedEndpoint',
      'oidcIdTokenAsAccessToken',
      'oidcNoNonce',
      'exposeAsyncRewriter',
    ],
  },
  secretOptions: ['-p', '--password', '--awsSecretAccessKey', '--tlsCertificateKeyFilePassword', '--sslPEMKeyPassword'],
};

const MONGO_TOOLS: ClientSpec = {
  engine: 'mongodb',
  options: {
    shortWithValue: 'hupdco',
    longWithValue: [
      'host',
      'port',
      'username',
      'password',
      'db',
      'collection',
      'out',
      'uri',
      'authenticationDatabase',
      'archive',
      'query',
      'nsInclude',
      'nsExclude',
      'nsFrom',
      'nsTo',
      'dir',
    ],
  },
  secretOptions: ['-p', '--password'],
  mongoDatabaseTool: true,
};

const MYSQLIMPORT = mysql(
  'chPSu',
  [
    'columns',
    'fields-terminated-by',
    'fields-enclosed-by',
    'fields-optionally-enclosed-by',
    'fields-escaped-by',
    'lines-terminated-by',
    'ignore-lines',
    'use-threads',
    'character-sets-dir',
    'default-character-set',
  ],
  optionGroups('mysqlimport', 'mariadb-import'),
);

/** Every database client prodguard reads, by command name. */
export const CLIENTS: Readonly<Record<string, ClientSpec>> = table({
  psql: postgres('cdfFhLopPRTUv', ['command', 'file', 'field-separator', 'log-file', 'output', 'pset', 'record-separator', 'table-attr', 'set', 'variable'], {
    longFlags: PSQL_LONG_FLAGS,
    digitOptions: true,
  }),
  pg_dump: postgres('defEFhjnNpStTUZ', [
    'file',
    'format',
    'jobs',
    'schema',
    'table',
    'exclude-table',
    'exclude-schema',
    'encoding',
    'role',
    'section',
    'superuser',
    'compress',
    'extension',
    'exclude-table-data',
    'lock-wait-timeout',
  ]),
  pg_dumpall: postgres('dfhlpSUE', ['file', 'database', 'role', 'encoding', 'exclude-database', 'superuser', 'lock-wait-timeout']),
  pg_restore: postgres(
    'dfFhIjLnNpPStTU',
    ['file', 'format', 'index', 'jobs', 'use-list', 'schema', 'exclude-schema', 'function', 'superuser', 'table', 'trigger', 'role', 'section'],
    { digitOptions: true },
  ),
  dropdb: postgres('hpU', []),
  // dropuser: the role is its word; the server and database are the environment's.
  dropuser: postgres('hpU', []),
  createdb: postgres('DEhlOpSTU', ['tablespace', 'encoding', 'locale', 'lc-collate', 'lc-ctype', 'icu-locale', 'owner', 'strategy', 'template']),
  vacuumdb: postgres('dhjnNpPtU', [
    'jobs',
    'schema',
    'exclude-schema',
    'table',
    'parallel',
    'analyze-in-stages',
    'min-xid-age',
    'min-mxid-age',
    'buffer-usage-limit',
  ]),
  reindexdb: postgres('dhijpsStU', ['index', 'jobs', 'schema', 'table', 'tablespace']),
  clusterdb: postgres('dhptU', ['table']),
  pgbench: postgres('bcDfhjLMpPRsStTU', [
    'builtin',
    'client',
    'define',
    'file',
    'jobs',
    'latency-limit',
    'protocol',
    'progress',
    'rate',
    'scale',
    'time',
    'transactions',
    'fillfactor',
    'partitions',
    'partition-method',
    'tablespace',
    'index-tablespace',
    'log-prefix',
    'sampling-rate',
    'random-seed',
    'aggregate-interval',
  ]),
  pg_isready: postgres('dhptU', ['timeout']),
  pg_basebackup: postgres('cdDFhlprSTtUXZ', [
    'pgdata',
    'format',
    'max-rate',
    'slot',
    'tablespace-mapping',
    'waldir',
    'wal-method',
    'compress',
    'checkpoint',
    'label',
    'target',
    'status-interval',
    'manifest-checksums',
  ]),
  mysql: { engine: 'mysql', options: MYSQL_OPTIONS, secretOptions: ['-p', '--password'], optionGroups: optionGroups('mysql', 'mariadb-client') },
  mariadb: { engine: 'mysql', options: MYSQL_OPTIONS, secretOptions: ['-p', '--password'], optionGroups: optionGroups('mysql', 'mariadb-client') },
  // mysqldump's -e is --extended-insert (a flag); -r writes the result file, -T a tab directory, -w a WHERE.
  mysqldump: mysql(
    'hPSurTw',
    ['result-file', 'tab', 'where', 'ignore-table', 'tables', 'databases', 'default-character-set', 'fields-terminated-by', 'lines-terminated-by'],
    optionGroups('mysqldump'),
  ),
  'mariadb-dump': mysql(
    'hPSurTw',
    ['result-file', 'tab', 'where', 'ignore-table', 'tables', 'databases', 'default-character-set'],
    optionGroups('mysqldump', 'mariadb-dump'),
  ),
  mysqlpump: mysql(
    'hPSu',
    ['result-file', 'include-databases', 'exclude-databases', 'include-tables', 'exclude-tables', 'default-parallelism'],
    optionGroups('mysqlpump'),
  ),
  mysqladmin: mysql('hPSuciO', ['count', 'sleep', 'wait', 'connect-timeout', 'shutdown-timeout'], optionGroups('mysqladmin')),
  'mariadb-admin': mysql('hPSuciO', ['count', 'sleep', 'wait', 'connect-timeout', 'shutdown-timeout'], optionGroups('mysqladmin', 'mariadb-admin')),
  // MySQL Shell: a MySQL client (--sql/--js/--py choose the language of -e and -f).
  mysqlsh: {
    ...mysql(
      'hPSuDef',
      [
        'uri',
        'execute',
        'file',
        'schema',
        'dbuser',
        'dbpassword',
        'mysql',
        'mysqlx',
        'cluster',
        'replicaset',
        'log-level',
        'name-cache',
        'import',
        'result-format',
      ],
      optionGroups('mysqlsh'),
    ),
    secretOptions: ['-p', '--password', '--dbpassword'],
  },
  // mysqlimport (my_getopt): -d is --delete (empty each table before loading), the first word the database.
  mysqlimport: MYSQLIMPORT,
  'mariadb-import': MYSQLIMPORT,
  // mydumper's loader (GLib options): -d is the dump directory, -B the database, -p PASSWORD a
  // separate word, -o/--overwrite-tables drops each table before loading it.
  myloader: {
    engine: 'mysql',
    options: {
      shortWithValue: 'hupPSdBsqtvKL',
      longWithValue: [
        ...MYSQL_CONNECTION,
        'password',
        'directory',
        'source-db',
        'queries-per-transaction',
        'threads',
        'verbose',
        'purge-mode',
        'drop-table',
        'logfile',
        'set-names',
        'rows',
        'regex',
        'tables-list',
        'omit-from-file',
        'fifodir',
        'optimize-keys',
      ],
    },
    secretOptions: ['-p', '--password'],
    optionGroups: ['myloader', 'client'],
  },
  'redis-cli': REDIS,
  'valkey-cli': REDIS,
  'keydb-cli': REDIS,
  // ClickHouse's client (`clickhouse-client --help`, 23.x–24.x): -q/--query runs SQL (may repeat),
  // --queries-file reads it from files, else standard input, else an interactive session. The
  // server is --host (default localhost), the password --password VALUE (never attached to -p:
  // clickhouse-client has no short password option).
  'clickhouse-client': {
    engine: 'clickhouse',
    options: {
      shortWithValue: 'hudqfcC',
      longWithValue: [
        'host',
        'port',
        'user',
        'password',
        'database',
        'query',
        'queries-file',
        'format',
        'config-file',
        'config',
        'connection',
        'history_file',
        'query_id',
        'jwt',
        'ssh-key-file',
        'max_memory_usage',
        'max_threads',
        'receive_timeout',
        'send_timeout',
        'connect_timeout',
      ],
      longFlags: ['multiquery', 'multiline', 'secure', 'time', 'vertical', 'ask-password', 'version', 'help', 'stacktrace', 'echo', 'ignore-error'],
    },
    secretOptions: ['--password'],
  },
  // cqlsh (Cassandra's Python shell, optparse): `cqlsh [options] [host [port]]`; -e/--execute runs
  // CQL, -f/--file reads it from a file, else standard input, else an interactive session.
  cqlsh: {
    engine: 'cassandra',
    options: {
      shortWithValue: 'upkfeb',
      longWithValue: [
        'username',
        'password',
        'keyspace',
        'file',
        'execute',
        'browser',
        'cqlshrc',
        'cqlversion',
        'protocol-version',
        'connect-timeout',
        'request-timeout',
        'encoding',
        'consistency-level',
        'serial-consistency-level',
      ],
      longFlags: ['color', 'no-color', 'ssl', 'debug', 'tty', 'no-file-io', 'version', 'help', 'insecure-password-without-warning'],
    },
    secretOptions: ['-p', '--password'],
  },
  // Neo4j's cypher-shell (operations manual, "Cypher Shell"): `cypher-shell [options] [cypher]`;
  // the operand is Cypher to run and exit, -f/--file a file of it, else standard input, else an
  // interactive session. -a/--address/--uri is the server (NEO4J_ADDRESS/NEO4J_URI, default
  // neo4j://localhost:7687), -d/--database the database (NEO4J_DATABASE).
  'cypher-shell': {
    engine: 'neo4j',
    options: {
      shortWithValue: 'audpPf',
      longWithValue: [
        'address',
        'uri',
        'username',
        'impersonate',
        'password',
        'encryption',
        'database',
        'access-mode',
        'format',
        'param',
        'sample-rows',
        'wrap',
        'file',
        'history',
        'idle-timeout',
        'error-format',
        'transaction-timeout',
      ],
      longFlags: [
        'help',
        'non-interactive',
        'enable-autocompletions',
        'driver-version',
        'change-password',
        'notifications',
        'fail-fast',
        'fail-at-end',
        'version',
      ],
    },
    secretOptions: ['-p', '--password'],
  },
  // InfluxDB's influx: 1.x is `influx [-host H] [-port P] [-database D] [-execute 'InfluxQL']`
  // with Go's single-dash flags (docs.influxdata.com/influxdb/v1/tools/influx-cli); 2.x has
  // subcommands (`influx v1 shell` runs InfluxQL; `influx query` is Flux, which only reads;
  // `influx delete` and `influx bucket delete` are rules of their own) and pflag options.
  influx: {
    engine: 'influxdb',
    options: {
      shortWithValue: 'notibc',
      longWithValue: [
        'host',
        'org',
        'org-id',
        'token',
        'name',
        'id',
        'bucket',
        'bucket-id',
        'configs-path',
        'active-config',
        'start',
        'stop',
        'predicate',
        'database',
        'execute',
        'username',
        'password',
        'port',
      ],
      singleDashWithValue: [
        'host',
        'port',
        'socket',
        'database',
        'username',
        'password',
        'execute',
        'format',
        'precision',
        'consistency',
        'path',
        'pps',
        'type',
        'url-prefix',
        'node',
        'org',
        'token',
        'bucket',
      ],
    },
    secretOptions: ['-password', '--password', '-token', '--token', '-t'],
  },
  // Oracle's SQL*Plus (`sqlplus -H`): `sqlplus [-S] [-L] [-M "…"] [-R n] [-C ver] [logon|/nolog]
  // [@script [args]]`, the logon `user[/password][@connect_identifier] [AS SYSDBA]`; SQL comes
  // from the script, else standard input (a heredoc), else an interactive session. SQLcl's `sql`
  // reads the same line (Oracle SQLcl's `sql -h`). The logon's password is redacted.
  sqlplus: { engine: 'oracle', options: { shortWithValue: 'MRCmrc', longWithValue: [] } },
  // Oracle Recovery Manager (Backup and Recovery Reference, "RMAN"): `rman [target LOGON]
  // [catalog LOGON] [cmdfile FILE | @FILE] …`, keywords with or without `=`; its commands come from
  // the command file, else standard input, else a session.
  rman: { engine: 'oracle', options: { shortWithValue: '', longWithValue: [] } },
  sql: { engine: 'oracle', options: { shortWithValue: '', longWithValue: [], singleDashWithValue: ['cloudconfig', 'socksproxy', 'proxy', 'mcp'] } },
  mongosh: MONGO,
  mongo: MONGO,
  mongodump: MONGO_TOOLS,
  mongorestore: MONGO_TOOLS,
  // mongoimport: -f is its field list, --file the input, --drop drops the collection first.
  mongoimport: {
    ...MONGO_TOOLS,
    options: {
      ...MONGO_TOOLS.options,
      shortWithValue: `${MONGO_TOOLS.options.shortWithValue}f`,
      longWithValue: [
        ...MONGO_TOOLS.options.longWithValue,
        'file',
        'type',
        'fields',
        'fieldFile',
        'mode',
        'upsertFields',
        'numInsertionWorkers',
        'writeConcern',
      ],
    },
  },
});

/** What an option of a database shell is, in the terms every client above shares. */
export type ClientRole = 'url' | 'server' | 'host' | 'port' | 'user' | 'password' | 'database' | 'sql' | 'file' | 'alter' | 'table' | 'dsn' | 'where';

/**
 * Database shells read as one of the clients above: `cockroach sql --url URL -e SQL` is
 * `psql URL -c SQL`, `clickhouse client` is clickhouse-client, `usql pg://…` is psql and
 * `usql mysql://…` mysql. What each shell's options mean is written here once; the unwrapper
 * (parse/wrappers/client-shells.ts) hands the client's command line to every later stage, so
 * targets, SQL, rules and secrets need nothing new. Sources: `cockroach sql --help` (v23),
 * usql's README (v0.19), sqlcmd's documentation (ODBC sqlcmd and go-sqlcmd).
 */
export interface ClientShell {
  /** The word(s) after the command name that make it this shell (`cockroach sql`, `turso db shell`). */
  subcommand?: string;
  /** The client it is read as; `same-options`: the client's own command line under another name. */
  client: string;
  sameOptions?: true;
  /** usql: the client by the scheme of the connection URL (its first operand); a scheme not listed
   *  (sqlite's `sq:`, a file) names no server. */
  clientByScheme?: Readonly<Record<string, string>>;
  /** Its first operand is the connection URL (usql). */
  urlOperand?: true;
  /** Its first operand is a connection URL when it has a scheme, else the database name; a second
   *  operand is the user (pgcli `DBNAME USERNAME`, mycli `DATABASE`). */
  databaseOperand?: true;
  /** It opens a SQLite file (its first operand, or its `database` option): read as psql on that
   *  file (`sqlite:PATH`), which targets.ts classifies by where the file lives and what it is named. */
  sqliteFile?: true;
  /** Operands after the first are SQL, run in order (`sqlite3 FILE 'SQL' …`). */
  sqlOperands?: true;
  /** Single-dash long options that take a value (`sqlite3 -cmd SQL`). */
  singleDashWithValue?: readonly string[];
  /** Short option letters and long options (without dashes) that take a value, as it reads them. */
  shortWithValue?: string;
  longWithValue?: readonly string[];
  /** What its options with a value are (`-e`: sql); an option not listed is read past. */
  roles?: Readonly<Record<string, ClientRole>>;
  /** Online schema-change tools: what they run is `ALTER TABLE <table> <alter>`, and only with
   *  this flag; without it the run is a dry run that changes nothing. */
  alterTableWith?: string;
  /** Percona Toolkit's DSN operand (`h=host,P=port,u=user,p=pw,D=db,t=table`): these keys. */
  dsnKeys?: Readonly<Record<string, ClientRole>>;
  /** Go's flag package: `-alter X` is `--alter X`. */
  singleDashLong?: true;
  /** What its leading operands are, in order (`turso db shell DB [SQL]`: server, then SQL; a
   *  hosted database's name is its server's). The last role repeats for the operands after. */
  operandRoles?: readonly ClientRole[];
  /** Its operands are one command, words joined by spaces (`db2 drop database PRODDB`). */
  joinedOperands?: true;
  /** Commands of its own that only read or connect (`db2 list db directory`): their first word. */
  readingCommands?: readonly string[];
  /** It reaches the server only with this flag; without it the database is a local file (`wrangler
   *  d1 execute DB --local`): nothing to judge here. */
  remoteWith?: readonly string[];
  /** Archivers: what they run is `DELETE FROM <table> WHERE <where>` on the source, unless one
   *  of these flags keeps the rows. */
  deletesRowsUnless?: readonly string[];
  /** Its script is in a language of its own whose data-destroying commands are written here as
   *  the SQL they amount to (knowledge: HBASE_SHELL_COMMANDS); what it reads or creates is left. */
  scriptCommands?: Readonly<Record<string, string>>;
  /** Its script logs on itself (`.LOGON host/user,password` in bteq's input): the server is named there. */
  logonInScript?: true;
}

// usql's schemes (usql README, "Database Support"): PostgreSQL and its wire-compatible servers,
// MySQL and its family, SQL Server (T-SQL, read on the MySQL path: a statement it cannot read is
// unjudgeable, never allowed), ClickHouse.
const USQL_SCHEMES: Record<string, string> = dict({
  ...Object.fromEntries(['pg', 'postgres', 'postgresql', 'pgsql', 'cr', 'cockroach', 'cockroachdb', 'crdb', 'rs', 'redshift'].map((s) => [s, 'psql'])),
  ...Object.fromEntries(
    ['my', 'mysql', 'maria', 'mariadb', 'percona', 'aurora', 'tidb', 'ti', 'vitess', 'vt', 'ms', 'mssql', 'sqlserver', 'azuresql'].map((s) => [s, 'mysql']),
  ),
  ...Object.fromEntries(['ch', 'clickhouse'].map((s) => [s, 'clickhouse-client'])),
});

/**
 * sqlite3's dot-commands (sqlite.org/cli.html) that only read the database or set how output looks:
 * stepped over when they are given as operands. `.read FILE` runs the file's SQL; every other one
 * (`.import`, `.restore`, `.shell`, `.system`, `.recover` …) stays as text nobody can judge.
 */
export const SQLITE_READING_DOT_COMMANDS: ReadonlySet<string> = new Set([
  'tables',
  'table',
  'schema',
  'fullschema',
  'indexes',
  'indices',
  'databases',
  'dbinfo',
  'dump',
  'headers',
  'header',
  'mode',
  'quit',
  'exit',
  'show',
  'help',
  'timer',
  'width',
  'nullvalue',
  'separator',
  'print',
  'stats',
  'eqp',
  'echo',
  'bail',
  'changes',
  'explain',
  'version',
  'lint',
  'selftest',
  'sha3sum',
  // Copies of the database made elsewhere (`.backup FILE`, its older name `.save`, `.clone`) and
  // where output goes: they read it.
  'backup',
  'save',
  'clone',
  'output',
  'once',
  'timeout',
]);

// sqlite3's options (sqlite3 -help, 3.4x): single-dash words; -cmd runs SQL before the operands.
const SQLITE3_WITH_VALUE = ['cmd', 'init', 'separator', 'newline', 'nullvalue', 'vfs', 'maxsize', 'mmap', 'lookaside', 'pagecache', 'heap', 'escape'];

/** HBase shell commands that destroy data, as the SQL they amount to (`{0}`: the first argument). */
const HBASE_SHELL_COMMANDS: Readonly<Record<string, string>> = table({
  drop: 'DROP TABLE {0}',
  drop_all: 'DROP TABLE {0}',
  truncate: 'TRUNCATE {0}',
  truncate_preserve: 'TRUNCATE {0}',
  drop_namespace: 'DROP SCHEMA {0} CASCADE',
});

/** How MySQL-family tools name the server they connect to (mycli, gh-ost, pt-osc read these too). */
const MYSQL_CONNECTION_ROLES: Readonly<Record<string, ClientRole>> = table({
  '-h': 'host',
  '--host': 'host',
  '-P': 'port',
  '--port': 'port',
  '-u': 'user',
  '--user': 'user',
  '-p': 'password',
  '--password': 'password',
});

// Invoke-Sqlcmd's parameters that take a value, and what the connection ones are.
const INVOKE_SQLCMD_WITH_VALUE = [
  'ServerInstance',
  'Database',
  'Username',
  'Password',
  'Query',
  'InputFile',
  'QueryTimeout',
  'ConnectionTimeout',
  'ErrorLevel',
  'SeverityLevel',
  'MaxCharLength',
  'MaxBinaryLength',
  'HostName',
  'NewPassword',
  'Variable',
  'OutputSqlErrors',
  'ConnectionString',
  'AccessToken',
  'OutputAs',
  'Credential',
];
const INVOKE_SQLCMD_ROLES: Readonly<Record<string, ClientRole>> = {
  ServerInstance: 'server',
  Database: 'database',
  Username: 'user',
  Password: 'password',
  NewPassword: 'password',
  Query: 'sql',
  InputFile: 'file',
};
/** A PowerShell parameter as written in its docs, all lower case, and all upper case. */
const caseless = (names: readonly string[]): string[] => names.flatMap((name) => [name, name.toLowerCase(), name.toUpperCase()]);

const INVOKE_SQLCMD: ClientShell = {
  client: 'mysql',
  singleDashWithValue: caseless(INVOKE_SQLCMD_WITH_VALUE),
  roles: Object.fromEntries(Object.entries(INVOKE_SQLCMD_ROLES).flatMap(([name, role]) => caseless([name]).map((spelled) => [`-${spelled}`, role]))),
  operandRoles: ['sql'],
};

export const CLIENT_SHELLS: Readonly<Record<string, ClientShell>> = table({
  // The dbcli family (mycli, pgcli, litecli): Python shells over the same servers, with -e
  // (mycli, litecli) or -c (pgcli, like psql) running one statement and exiting.
  mycli: {
    client: 'mysql',
    databaseOperand: true,
    shortWithValue: 'hPupSDRled',
    longWithValue: [
      'host',
      'port',
      'user',
      'password',
      'pass',
      'socket',
      'database',
      'execute',
      'prompt',
      'logfile',
      'dsn',
      'myclirc',
      'defaults-file',
      'defaults-group-suffix',
      'login-path',
      'init-command',
      'charset',
      'password-file',
      'ssh-user',
      'ssh-host',
      'ssh-port',
      'ssh-password',
      'ssh-key-filename',
      'ssh-config-path',
      'ssh-config-host',
      'ssl-ca',
      'ssl-capath',
      'ssl-cert',
      'ssl-key',
      'ssl-cipher',
      'tls-version',
    ],
    roles: {
      ...MYSQL_CONNECTION_ROLES,
      '--pass': 'password',
      '-D': 'database',
      '--database': 'database',
      '-e': 'sql',
      '--execute': 'sql',
    },
  },
  pgcli: {
    client: 'psql',
    databaseOperand: true,
    shortWithValue: 'hpUdDc',
    longWithValue: [
      'host',
      'port',
      'username',
      'user',
      'dbname',
      'dsn',
      'pgclirc',
      'row-limit',
      'application-name',
      'prompt',
      'prompt-dsn',
      'log-file',
      'ssh-tunnel',
      'command',
    ],
    roles: {
      '-h': 'host',
      '--host': 'host',
      '-p': 'port',
      '--port': 'port',
      '-U': 'user',
      '--username': 'user',
      '--user': 'user',
      '-d': 'database',
      '--dbname': 'database',
      '-c': 'sql',
      '--command': 'sql',
    },
  },
  litecli: {
    client: 'psql',
    sqliteFile: true,
    shortWithValue: 'DRle',
    longWithValue: ['database', 'prompt', 'logfile', 'liteclirc', 'execute'],
    roles: { '-D': 'database', '--database': 'database', '-e': 'sql', '--execute': 'sql' },
  },
  sqlite3: {
    client: 'psql',
    sqliteFile: true,
    sqlOperands: true,
    singleDashWithValue: SQLITE3_WITH_VALUE,
    longWithValue: SQLITE3_WITH_VALUE,
    roles: { '-cmd': 'sql', '--cmd': 'sql', '-init': 'file', '--init': 'file' },
  },
  clickhouse: { subcommand: 'client', client: 'clickhouse-client', sameOptions: true },
  cockroach: {
    subcommand: 'sql',
    client: 'psql',
    shortWithValue: 'efpud',
    longWithValue: ['url', 'execute', 'file', 'host', 'port', 'user', 'database', 'certs-dir', 'format', 'set', 'cluster-name', 'watch'],
    roles: {
      '--url': 'url',
      '-e': 'sql',
      '--execute': 'sql',
      '-f': 'file',
      '--file': 'file',
      '--host': 'server',
      '-p': 'port',
      '--port': 'port',
      '-u': 'user',
      '--user': 'user',
      '-d': 'database',
      '--database': 'database',
    },
  },
  usql: {
    client: 'psql',
    clientByScheme: USQL_SCHEMES,
    urlOperand: true,
    shortWithValue: 'cfovNPFRT',
    longWithValue: ['command', 'file', 'out', 'set', 'variable', 'cset', 'pset', 'field-separator', 'record-separator', 'table-attr', 'config'],
    roles: { '-c': 'sql', '--command': 'sql', '-f': 'file', '--file': 'file' },
  },
  // Online schema changes (gh-ost's flags, pt-online-schema-change's POD): the copy-and-swap
  // they run is the ALTER itself, so `--alter 'DROP COLUMN email' --table users` is judged as
  // `ALTER TABLE users DROP COLUMN email` on that server. Without --execute both only print a plan.
  'gh-ost': {
    client: 'mysql',
    alterTableWith: '--execute',
    singleDashLong: true,
    longWithValue: [
      'alter',
      'table',
      'database',
      'host',
      'port',
      'user',
      'password',
      'conf',
      'assume-master-host',
      'chunk-size',
      'dml-batch-size',
      'max-load',
      'critical-load',
      'max-lag-millis',
      'throttle-control-replicas',
      'throttle-query',
      'throttle-flag-file',
      'throttle-additional-flag-file',
      'postpone-cut-over-flag-file',
      'panic-flag-file',
      'serve-socket-file',
      'serve-tcp-port',
      'hooks-path',
      'hooks-hint',
      'replica-server-id',
      'default-retries',
      'cut-over',
      'cut-over-lock-timeout-seconds',
      'nice-ratio',
      'exponential-backoff-max-interval',
      'force-table-names',
      'master-user',
      'master-password',
      'replication-lag-query',
      'heartbeat-interval-millis',
      'storage-engine',
      'charset',
      'ssl-ca',
      'ssl-cert',
      'ssl-key',
    ],
    roles: { '--alter': 'alter', '--table': 'table', '--database': 'database', '--host': 'host', '--port': 'port', '--user': 'user', '--password': 'password' },
  },
  'pt-online-schema-change': {
    client: 'mysql',
    alterTableWith: '--execute',
    shortWithValue: 'ADFhPpSu',
    longWithValue: [
      'alter',
      'charset',
      'database',
      'defaults-file',
      'host',
      'password',
      'port',
      'socket',
      'user',
      'config',
      'chunk-size',
      'chunk-time',
      'chunk-index',
      'chunk-size-limit',
      'max-load',
      'critical-load',
      'max-lag',
      'check-interval',
      'check-slave-lag',
      'check-replica-lag',
      'recursion-method',
      'progress',
      'tries',
      'set-vars',
      'sleep',
      'new-table-name',
      'plugin',
      'alter-foreign-keys-method',
      'pid',
      'data-dir',
      'skip-check-slave-lag',
      'slave-user',
      'slave-password',
      'replica-user',
      'replica-password',
    ],
    roles: {
      '--alter': 'alter',
      '-D': 'database',
      '--database': 'database',
      ...MYSQL_CONNECTION_ROLES,
    },
    dsnKeys: { h: 'host', P: 'port', u: 'user', p: 'password', D: 'database', t: 'table' },
  },
  // Hive's CLI (`hive -e SQL`, `-f FILE`, `--database DB`): HiveQL's DDL and DML, read as psql's.
  hive: {
    client: 'psql',
    shortWithValue: 'efid',
    longWithValue: ['database', 'hiveconf', 'hivevar', 'define'],
    roles: { '-e': 'sql', '-f': 'file', '--database': 'database' },
  },
  // The HBase shell (`hbase shell [-n]`, its commands on standard input): `drop 't'`, `drop_all
  // 'regex'`, `truncate 't'`, `truncate_preserve 't'` and `drop_namespace 'ns'` throw a table's
  // (or every matching table's, or a namespace's) data away; it acts on the cluster of this host's
  // hbase-site.xml.
  hbase: { subcommand: 'shell', client: 'psql', scriptCommands: HBASE_SHELL_COMMANDS },
  // Percona's pt-archiver (its POD): archives or purges the rows --where selects from the
  // --source DSN's table, deleting them there unless --no-delete — judged as that DELETE, so
  // `--where '1=1'` is every row and `--where 'ts < NOW() - INTERVAL 90 DAY'` a routine purge.
  'pt-archiver': {
    client: 'mysql',
    longWithValue: [
      'source',
      'dest',
      'where',
      'file',
      'limit',
      'txn-size',
      'progress',
      'sleep',
      'charset',
      'columns',
      'primary-key-only',
      'run-time',
      'statistics',
      'set-vars',
      'defaults-file',
      'user',
      'password',
      'host',
      'port',
    ],
    roles: { '--source': 'dsn', '--where': 'where', ...MYSQL_CONNECTION_ROLES },
    dsnKeys: { h: 'host', P: 'port', u: 'user', p: 'password', D: 'database', t: 'table' },
    deletesRowsUnless: ['--no-delete', '--dry-run', '--help'],
  },
  // SQL Server's sqlcmd: -Q runs a query and exits, -q runs it and stays, -i reads files
  // (comma-separated); -S is `[tcp:]host[\instance][,port]`. go-sqlcmd's long names too.
  sqlcmd: {
    client: 'mysql',
    shortWithValue: 'SdUPQqioHltshwacyYzZfKmv',
    longWithValue: ['server', 'database-name', 'user-name', 'password', 'query', 'initial-query', 'input-file', 'output-file', 'variables'],
    roles: {
      '-S': 'server',
      '--server': 'server',
      '-d': 'database',
      '--database-name': 'database',
      '-U': 'user',
      '--user-name': 'user',
      '-P': 'password',
      '--password': 'password',
      // -z/-Z set a new password.
      '-z': 'password',
      '-Z': 'password',
      '-Q': 'sql',
      '--query': 'sql',
      '-q': 'sql',
      '--initial-query': 'sql',
      '-i': 'file',
      '--input-file': 'file',
    },
  },
  // mssql-cli (dbcli's SQL Server shell, `mssql-cli --help`): -Q runs a query and exits, -i a file.
  'mssql-cli': {
    client: 'mysql',
    shortWithValue: 'SUPdQiolKa',
    longWithValue: [
      'server',
      'username',
      'password',
      'database',
      'query',
      'input_file',
      'output_file',
      'connect-timeout',
      'application-intent',
      'packet-size',
      'mssqlclirc',
      'row-limit',
    ],
    roles: {
      '-S': 'server',
      '--server': 'server',
      '-U': 'user',
      '--username': 'user',
      '-P': 'password',
      '--password': 'password',
      '-d': 'database',
      '--database': 'database',
      '-Q': 'sql',
      '--query': 'sql',
      '-i': 'file',
      '--input_file': 'file',
    },
  },
  // Snowflake's SnowSQL (`snowsql --help`): -q runs a query, -f a file; the account (-a) or the
  // named connection of its config (-c prod) is where it goes, the best name the line gives.
  snowsql: {
    client: 'psql',
    shortWithValue: 'aucdsrwhpqfoDA',
    longWithValue: [
      'accountname',
      'username',
      'connection',
      'dbname',
      'schemaname',
      'rolename',
      'warehouse',
      'host',
      'port',
      'query',
      'filename',
      'option',
      'variable',
      'config',
      'authenticator',
      'private-key-path',
      'region',
    ],
    roles: {
      '-a': 'server',
      '--accountname': 'server',
      '-c': 'server',
      '--connection': 'server',
      '-u': 'user',
      '--username': 'user',
      '-d': 'database',
      '--dbname': 'database',
      '-q': 'sql',
      '--query': 'sql',
      '-f': 'file',
      '--filename': 'file',
    },
  },
  // Forks and wire-compatible shells that take their parent's command line: YugabyteDB's ysqlsh
  // (psql) and ycqlsh (cqlsh), SingleStore's singlestore/memsql clients (mysql).
  ysqlsh: { client: 'psql', sameOptions: true },
  ycqlsh: { client: 'cqlsh', sameOptions: true },
  singlestore: { client: 'mysql', sameOptions: true },
  memsql: { client: 'mysql', sameOptions: true },
  // Vertica's vsql (psql's options, but -w is the password), Netezza's nzsql (single-dash long
  // options), Exasol's exaplus (-c host:port, -sql), Firebird's isql-fb (the database file or
  // host:path operand, SQL on standard input): their SQL read as psql's, failing closed on what
  // PostgreSQL's grammar does not read.
  vsql: {
    client: 'psql',
    shortWithValue: 'hpUwdcfFRvPo',
    roles: { '-h': 'server', '-p': 'port', '-U': 'user', '-w': 'password', '-d': 'database', '-c': 'sql', '-f': 'file' },
  },
  nzsql: {
    client: 'psql',
    singleDashWithValue: ['host', 'port', 'u', 'pw', 'd', 'c', 'f', 'o', 'schema'],
    roles: { '-host': 'server', '-port': 'port', '-u': 'user', '-pw': 'password', '-d': 'database', '-c': 'sql', '-f': 'file' },
  },
  exaplus: {
    client: 'psql',
    singleDashWithValue: ['c', 'u', 'p', 's', 'sql', 'f', 'encoding', 'profile'],
    roles: { '-c': 'server', '-u': 'user', '-p': 'password', '-s': 'database', '-sql': 'sql', '-f': 'file' },
  },
  'isql-fb': {
    client: 'psql',
    databaseOperand: true,
    singleDashWithValue: ['user', 'password', 'role', 'input', 'output', 'page', 'charset', 'sql_dialect', 'terminator', 'fetch_password'],
    roles: { '-user': 'user', '-password': 'password', '-input': 'file' },
  },
  // Hive's beeline (-u JDBC URL), Trino/Presto (--server, --execute), Impala (-i host:port, -q),
  // Snowflake's newer CLI (`snow sql -c CONNECTION -q SQL`).
  beeline: {
    client: 'psql',
    shortWithValue: 'unpedfi',
    longWithValue: ['hivevar', 'hiveconf', 'property-file'],
    roles: { '-u': 'server', '-n': 'user', '-p': 'password', '-e': 'sql', '-f': 'file' },
  },
  trino: {
    client: 'psql',
    shortWithValue: 'f',
    longWithValue: ['server', 'catalog', 'schema', 'execute', 'file', 'user', 'output-format', 'session', 'source', 'access-token', 'client-tags'],
    roles: { '--server': 'server', '--catalog': 'database', '--execute': 'sql', '-f': 'file', '--file': 'file', '--user': 'user' },
  },
  presto: {
    client: 'psql',
    shortWithValue: 'f',
    longWithValue: ['server', 'catalog', 'schema', 'execute', 'file', 'user', 'output-format', 'session', 'source'],
    roles: { '--server': 'server', '--catalog': 'database', '--execute': 'sql', '-f': 'file', '--file': 'file', '--user': 'user' },
  },
  'impala-shell': {
    client: 'psql',
    shortWithValue: 'iqfdukoB',
    longWithValue: ['impalad', 'query', 'query_file', 'database', 'user', 'output_file', 'var'],
    roles: {
      '-i': 'server',
      '--impalad': 'server',
      '-q': 'sql',
      '--query': 'sql',
      '-f': 'file',
      '--query_file': 'file',
      '-d': 'database',
      '--database': 'database',
      '-u': 'user',
      '--user': 'user',
    },
  },
  snow: {
    subcommand: 'sql',
    client: 'psql',
    shortWithValue: 'cqf',
    longWithValue: ['connection', 'query', 'filename', 'database', 'schema', 'role', 'warehouse', 'account', 'user', 'host', 'port', 'variable'],
    roles: {
      '-c': 'server',
      '--connection': 'server',
      '--account': 'server',
      '-q': 'sql',
      '--query': 'sql',
      '-f': 'file',
      '--filename': 'file',
      '--database': 'database',
      '--user': 'user',
    },
  },
  // Spark's SQL shell (`spark-sql --help`): -e runs SQL, -f a file, against the metastore of the
  // cluster --master names.
  'spark-sql': {
    client: 'psql',
    shortWithValue: 'efid',
    longWithValue: [
      'database',
      'master',
      'conf',
      'hiveconf',
      'hivevar',
      'deploy-mode',
      'name',
      'jars',
      'packages',
      'properties-file',
      'queue',
      'num-executors',
      'executor-memory',
      'driver-memory',
    ],
    roles: { '-e': 'sql', '-f': 'file', '--database': 'database', '--master': 'server' },
  },
  // SQL Server's PowerShell cmdlet (learn.microsoft.com, Invoke-Sqlcmd): read as sqlcmd is; its
  // first unnamed string is -Query. PowerShell's parameter names are not case-sensitive.
  'Invoke-Sqlcmd': INVOKE_SQLCMD,
  'invoke-sqlcmd': INVOKE_SQLCMD,
  // SAP HANA's hdbsql (help.sap.com, "hdbsql Command-Line Options"): -n host[:port], -d database,
  // -u/-p the user, -I a file of SQL, the operand one statement. Read as psql: its DDL and DML
  // are the standard's, and what PostgreSQL's grammar does not read is not judged safe.
  hdbsql: {
    client: 'psql',
    shortWithValue: 'niduUpIocSgFCT',
    roles: { '-n': 'server', '-d': 'database', '-u': 'user', '-p': 'password', '-I': 'file' },
    operandRoles: ['sql'],
  },
  // IBM Db2's command line processor (`db2 ? options`): the operands are one CLP command or SQL
  // statement (`db2 drop database PRODDB`, `db2 "delete from t"`), -f a file; it talks to the
  // instance of the host it runs on (or the database catalogued there).
  db2: {
    client: 'psql',
    shortWithValue: 'fzrl',
    roles: { '-f': 'file' },
    joinedOperands: true,
    readingCommands: [
      'list',
      'get',
      'connect',
      'terminate',
      'describe',
      'values',
      'quit',
      'backup',
      'export',
      'runstats',
      'reorgchk',
      'disconnect',
      'echo',
      '?',
      'catalog',
      'uncatalog',
      'activate',
      'start',
      'db2start',
      'attach',
      'detach',
      'ping',
      'inspect',
      'commit',
      'set',
    ],
  },
  // Informix's dbaccess (`dbaccess DATABASE[@SERVER] [FILE | -]`): the SQL comes from the file,
  // else standard input.
  dbaccess: { client: 'psql', operandRoles: ['database', 'file'] },
  // SAP ASE's (Sybase) isql: -S server, -U/-P the user, -D database, -i a file of Transact-SQL,
  // else standard input (batches ended by `go`), as sqlcmd reads it.
  isql: {
    client: 'mysql',
    shortWithValue: 'SUPDiIoHJscwtzAaEmT',
    roles: { '-S': 'server', '-U': 'user', '-P': 'password', '-D': 'database', '-i': 'file' },
  },
  // FreeTDS's tsql (`tsql -H host -p port -U user` or `-S server`): Transact-SQL on standard
  // input, batches ended by `go`, read as sqlcmd's is.
  tsql: {
    client: 'mysql',
    shortWithValue: 'SHpUPDIoLtrv',
    roles: { '-S': 'server', '-H': 'host', '-p': 'port', '-U': 'user', '-P': 'password', '-D': 'database' },
  },
  // MonetDB's mclient (`mclient -h host -d db -s SQL`).
  mclient: {
    client: 'psql',
    shortWithValue: 'hpudsfEleLrw',
    longWithValue: ['host', 'port', 'user', 'database', 'statement', 'format', 'language', 'encoding'],
    roles: {
      '-h': 'host',
      '--host': 'host',
      '-p': 'port',
      '--port': 'port',
      '-u': 'user',
      '--user': 'user',
      '-d': 'database',
      '--database': 'database',
      '-s': 'sql',
      '--statement': 'sql',
    },
  },
  // Teradata's bteq: its script on standard input, logging on itself (`.LOGON host/user,password`).
  bteq: { client: 'psql', logonInScript: true },
  // Couchbase's SQL++ shell (`cbq -e URL -s STATEMENT`): N1QL quotes names with backticks as MySQL does.
  cbq: {
    client: 'mysql',
    shortWithValue: 'eupsfcqt',
    longWithValue: ['engine', 'user', 'password', 'script', 'file', 'credentials', 'timeout', 'output'],
    roles: { '-e': 'server', '--engine': 'server', '-u': 'user', '--user': 'user', '-s': 'sql', '--script': 'sql', '-f': 'file', '--file': 'file' },
  },
  // Aerospike's aql (`aql --help`): -h host, -c a command (TRUNCATE, DELETE, SELECT …), -f a file.
  aql: {
    client: 'mysql',
    shortWithValue: 'hpUPcfoT',
    longWithValue: ['host', 'port', 'user', 'password', 'command', 'file', 'output-mode', 'timeout', 'tls-name', 'auth'],
    roles: {
      '-h': 'host',
      '--host': 'host',
      '-p': 'port',
      '--port': 'port',
      '-U': 'user',
      '--user': 'user',
      '-P': 'password',
      '--password': 'password',
      '-c': 'sql',
      '--command': 'sql',
      '-f': 'file',
      '--file': 'file',
    },
  },
  // SurrealDB's `surreal sql --endpoint URL` (surrealdb.com/docs/surrealdb/cli/sql): the
  // statements on standard input, read as PostgreSQL's (what its grammar does not read is not
  // judged safe).
  surreal: {
    subcommand: 'sql',
    client: 'psql',
    shortWithValue: 'eup',
    longWithValue: ['endpoint', 'conn', 'username', 'user', 'password', 'pass', 'namespace', 'ns', 'database', 'db', 'auth-level', 'token'],
    roles: {
      '-e': 'server',
      '--endpoint': 'server',
      '--conn': 'server',
      '-u': 'user',
      '--username': 'user',
      '--user': 'user',
      '-p': 'password',
      '--password': 'password',
      '--pass': 'password',
      '--database': 'database',
      '--db': 'database',
    },
  },
  // Cloudflare D1 (developers.cloudflare.com, `wrangler d1 execute DATABASE --remote --command SQL
  // | --file F`): SQLite's SQL on the hosted database the name says; without --remote it runs on
  // the local development copy.
  wrangler: {
    subcommand: 'd1 execute',
    client: 'psql',
    shortWithValue: 'ce',
    longWithValue: ['command', 'file', 'config', 'env', 'persist-to', 'batch-size'],
    roles: { '--command': 'sql', '--file': 'file' },
    operandRoles: ['server'],
    remoteWith: ['--remote'],
  },
  // Turso's hosted libSQL (docs.turso.tech, `turso db shell <database> [sql]`): the database's
  // name is where it goes (a URL for `turso dev`), the operand after it SQLite SQL, read as psql's.
  turso: {
    subcommand: 'db shell',
    client: 'psql',
    longWithValue: ['instance', 'location', 'proxy'],
    operandRoles: ['server', 'sql'],
  },
  // PlanetScale's `pscale shell <database> <branch>` opens the mysql client on the branch and hands
  // it mysql's own options (`--execute SQL`); the database's name is the server's.
  pscale: {
    subcommand: 'shell',
    client: 'mysql',
    shortWithValue: 'e',
    longWithValue: ['org', 'local-addr', 'remote-addr', 'role', 'service-token', 'service-token-id', 'config', 'execute'],
    roles: { '-e': 'sql', '--execute': 'sql' },
    operandRoles: ['server', 'database'],
  },
});

/** The database shell a command line is, if it is one (`cockroach sql`, not `cockroach start`). */
export function clientShellOf(name: string, words: readonly (string | undefined)[]): ClientShell | undefined {
  const shell = Object.hasOwn(CLIENT_SHELLS, name) ? CLIENT_SHELLS[name] : undefined;
  if (!shell || (shell.subcommand !== undefined && shell.subcommand.split(' ').some((part, k) => part !== words[k]))) return undefined;
  return shell;
}

/**
 * Where clients read their server from files, in the order they read them.
 * libpq (fe-connect.c parseServiceInfo): the user's service file (PGSERVICEFILE, else
 * ~/.pg_service.conf); only when the service is not there, the system one (PGSYSCONFDIR's
 * pg_service.conf, else the compiled-in directory: /etc/postgresql-common on Debian and Ubuntu).
 * MySQL (my_default.cc init_default_directories): /etc/my.cnf, /etc/mysql/my.cnf,
 * $MYSQL_HOME/my.cnf, --defaults-extra-file, ~/.my.cnf, and always last ~/.mylogin.cnf
 * (MYSQL_TEST_LOGIN_FILE); a later value wins. `--defaults-file=F` reads F alone (and the login
 * file), `--no-defaults` only the login file.
 */
export const CONNECTION_FILES = {
  pgServiceUser: '~/.pg_service.conf',
  pgServiceSystemDirectory: '/etc/postgresql-common',
  mysqlGlobal: ['/etc/my.cnf', '/etc/mysql/my.cnf'],
  mysqlUser: '~/.my.cnf',
  mysqlLogin: '~/.mylogin.cnf',
} as const;

export function clientSpec(name: string): ClientSpec | undefined {
  return Object.hasOwn(CLIENTS, name) ? CLIENTS[name] : undefined;
}

/** The clients of one engine, in table order (the shell hook's prefilter lists them all). */
export function clientsOf(engine: ClientEngine): string[] {
  return Object.entries(CLIENTS)
    .filter(([, spec]) => spec.engine === engine)
    .map(([name]) => name);
}

/**
 * Commands whose long options are never abbreviated: Go's pflag/cobra (kubectl, helm, docker…)
 * accept only the whole name, so `kubectl delete --all` is not `--all-namespaces` the way
 * `rm --rec` is `--recursive` under getopt_long.
 */
const EXACT_LONG_OPTIONS = new Set([
  'kubectl',
  'oc',
  'helm',
  'helmfile',
  'docker',
  'podman',
  'nerdctl',
  'doctl',
  'flyctl',
  'fly',
  'supabase',
  'neonctl',
  'gh',
  'argocd',
  'terraform',
  'tofu',
]);

export function takesAbbreviatedOptions(name: string): boolean {
  return !EXACT_LONG_OPTIONS.has(name);
}

/**
 * Commands whose output is content from somewhere else — the network, another host: run as code
 * (`eval "$(curl -s URL)"`, `bash <(wget -qO- URL)`, `source <(ssh host cat x)`), it is a script
 * nobody on this side has read.
 */
const REMOTE_CONTENT_COMMANDS = [
  'curl',
  'wget',
  'fetch',
  'http',
  'https',
  'xh',
  'curlie',
  'aria2c',
  'lwp-request',
  'GET',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'ssh',
  'telnet',
];

/** Commands that turn data into other data (`base64 -d`, `xxd -r`, `rev`): text written so that
 *  nobody reads it, the way `echo cm0gLXJmIC8= | base64 -d | bash` hides `rm -rf /`. */
const DECODING_COMMANDS = [
  'base64',
  'base32',
  'basenc',
  'xxd',
  'uudecode',
  'openssl',
  'gpg',
  'rev',
  'gunzip',
  'zcat',
  'bzcat',
  'xzcat',
  'unxz',
  // Character and field transforms: `$(tr a-z n-za-m <<< qebcqo)` is `dropdb` in ROT13.
  'tr',
  'cut',
  'fold',
  'iconv',
  'od',
];

/** Commands that print text handed to them (`echo "$CMD"`, `cat FILE`): its content is whatever
 *  the variable or file holds, not a program's own output. */
const TEXT_PRINTERS = ['echo', 'printf', 'cat', 'sed', 'awk', 'head', 'tail', 'grep', 'xargs', 'envsubst', 'tee', 'eval'];

const UNSEEN_OUTPUT = new Set([...REMOTE_CONTENT_COMMANDS, ...DECODING_COMMANDS, ...TEXT_PRINTERS, '?']);

/**
 * Is the output of these commands (a substitution's producers) code nobody has read? Yes for
 * remote content, decoded data, printed text and a command the line does not name. No for a
 * program printing its own shell code — `ssh-agent -s`, `direnv hook bash`, `pyenv init -`,
 * `kubectl completion bash` — which is what `eval "$(…)"` and `source <(…)` are for every day.
 */
export function runsUnseenOutput(producers: readonly string[]): boolean {
  return producers.length === 0 || producers.some((name) => UNSEEN_OUTPUT.has(name));
}
