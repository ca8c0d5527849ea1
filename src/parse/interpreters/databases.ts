// SQL a program sends through a database driver (issue 11, class 3): `psycopg2.connect(DSN)` then
// `cur.execute("DROP TABLE users")` is the `psql DSN -c 'DROP TABLE users'` it amounts to, so the
// SQL rules judge the statement against the database the DSN names (a literal, or an environment
// variable such as DATABASE_URL). SQL the line does not show is SQL nobody can judge: it becomes
// the client reading unknown standard input, which the SQL rules do not allow silently on
// production. Knowledge, as data: which calls open a connection and which send SQL, per language.

import type { Language } from './sinks.js';
import { environmentReference, type CodeEffect } from './effects.js';
import { table } from '../../util/dict.js';
import { decodeSafely } from '../connection.js';

/** A value the code passes: a literal, an environment variable's value, or something computed. */
export type DriverValue = { kind: 'string'; value: string } | { kind: 'env'; name: string } | { kind: 'dynamic' };

/** One call as an analyzer read it: its dotted name, whether it is a method call, its arguments. */
export interface DriverCall {
  chain: string;
  /** `x.execute(…)` or `conn().execute(…)`: called on a receiver, not a bare function. */
  method: boolean;
  positional: DriverValue[];
  keywords: Readonly<Record<string, DriverValue>>;
  /** JavaScript: the arguments' source text, for calls whose arguments are themselves code (a Mongo filter). */
  argumentText?: string;
  /** The words of a literal list given as the first argument (node-redis's `sendCommand(['FLUSHALL'])`). */
  listArgument?: string[];
}

export type SqlDialect = 'postgres' | 'mysql';

/** Where a connection goes: a DSN (URL, libpq conninfo, DBI/PDO DSN) and/or separate parameters. */
export interface DriverConnection {
  dialect: SqlDialect | 'by-url';
  dsn?: DriverValue;
  params: Readonly<Record<string, DriverValue>>;
}

/** Which argument of a connect call is what. `dsn`: a URL or conninfo; `host`: MySQLdb's first argument. */
interface ConnectSpec {
  dialect: SqlDialect | 'by-url';
  first: 'dsn' | 'host';
}

const PG: ConnectSpec = { dialect: 'postgres', first: 'dsn' };
const MYSQL_HOST: ConnectSpec = { dialect: 'mysql', first: 'host' };
const MYSQL_DSN: ConnectSpec = { dialect: 'mysql', first: 'dsn' };
const BY_URL: ConnectSpec = { dialect: 'by-url', first: 'dsn' };

/** Calls that open a connection, by language (matched on the whole chain or its dotted tail). */
const CONNECT: Readonly<Record<Language, Readonly<Record<string, ConnectSpec>>>> = {
  python: {
    'psycopg2.connect': PG,
    'psycopg.connect': PG,
    'psycopg.Connection.connect': PG,
    'psycopg.AsyncConnection.connect': PG,
    'asyncpg.connect': PG,
    'asyncpg.create_pool': PG,
    'pg8000.connect': PG,
    'pg8000.native.Connection': PG,
    'sqlalchemy.create_engine': BY_URL,
    create_engine: BY_URL,
    'sqlalchemy.create_async_engine': BY_URL,
    create_async_engine: BY_URL,
    'records.Database': BY_URL,
    'dataset.connect': BY_URL,
    'mysql.connector.connect': MYSQL_HOST,
    'pymysql.connect': MYSQL_HOST,
    'MySQLdb.connect': MYSQL_HOST,
    'mariadb.connect': MYSQL_HOST,
  },
  javascript: {
    Client: PG,
    'pg.Client': PG,
    Pool: PG,
    'pg.Pool': PG,
    'pg.native.Client': PG,
    postgres: PG,
    pgp: PG,
    'mysql.createConnection': MYSQL_DSN,
    'mysql2.createConnection': MYSQL_DSN,
    'mysql.createPool': MYSQL_DSN,
    'mysql2.createPool': MYSQL_DSN,
    'mysql2/promise.createConnection': MYSQL_DSN,
    'mysql2/promise.createPool': MYSQL_DSN,
    createConnection: MYSQL_DSN,
    createPool: MYSQL_DSN,
  },
  ruby: {
    'PG.connect': PG,
    'PG.Connection.new': PG,
    'PG.Connection.open': PG,
    'PG.Connection.connect_start': PG,
    'PGconn.new': PG,
    'PGconn.open': PG,
    'Sequel.connect': BY_URL,
    'Mysql2.Client.new': MYSQL_HOST,
  },
  php: {
    pg_connect: PG,
    pg_pconnect: PG,
    mysqli_connect: MYSQL_HOST,
    mysqli: MYSQL_HOST,
    PDO: BY_URL,
  },
  perl: { 'DBI.connect': BY_URL, 'DBI.connect_cached': BY_URL },
  awk: {},
  lua: {},
  powershell: {},
  r: {},
  julia: {},
  tcl: {},
};

/** Where a query call's SQL is: the first argument of a method, the last of PHP's pg_query($c, SQL). */
type QueryArgument = 'first' | 'last';

/** Calls that send SQL over an open connection: methods (any receiver) and bare functions. */
const QUERY_METHODS: Readonly<Record<Language, readonly string[]>> = {
  python: ['execute', 'executemany', 'exec_driver_sql', 'executescript', 'fetch', 'fetchrow', 'fetchval', 'run', 'query'],
  javascript: ['query', 'none', 'any', 'one', 'oneOrNone', 'many', 'manyOrNone', 'result', 'multi', 'unsafe', 'execute', 'raw'],
  ruby: ['exec', 'exec_params', 'async_exec', 'sync_exec', 'query', 'run', 'execute'],
  php: ['query', 'exec', 'multi_query', 'real_query', 'prepare'],
  perl: ['do', 'prepare', 'selectall_arrayref', 'selectrow_array'],
  awk: [],
  lua: [],
  powershell: [],
  r: [],
  julia: [],
  tcl: [],
};
const QUERY_FUNCTIONS: Readonly<Record<Language, Readonly<Record<string, QueryArgument>>>> = {
  python: {},
  javascript: {},
  ruby: {},
  php: { pg_query: 'last', pg_query_params: 'first', pg_send_query: 'last', mysqli_query: 'last', mysqli_multi_query: 'last', mysqli_real_query: 'last' },
  perl: {},
  awk: {},
  lua: {},
  powershell: {},
  r: {},
  julia: {},
  tcl: {},
};

/** The whole chain or its dotted tail names the entry (`x.psycopg2.connect` → `psycopg2.connect`). */
function lookup<T>(table: Readonly<Record<string, T>>, chain: string): T | undefined {
  const parts = chain.split('.');
  for (let start = 0; start < parts.length; start++) {
    const name = parts.slice(start).join('.');
    if (start > 0 && !name.includes('.')) break;
    if (Object.hasOwn(table, name)) return table[name];
  }
  return undefined;
}

const KEYWORD_DSN = ['dsn', 'url', 'connectionString', 'conninfo', 'connection_string', 'uri'];

function connectionOf(language: Language, call: DriverCall): DriverConnection | undefined {
  const spec = lookup(CONNECT[language], call.chain);
  if (!spec) return undefined;
  const params: Record<string, DriverValue> = {};
  for (const [name, value] of Object.entries(call.keywords)) if (!KEYWORD_DSN.includes(name)) params[name] = value;
  const keywordDsn = KEYWORD_DSN.map((name) => call.keywords[name]).find((value) => value !== undefined);
  const [first] = call.positional;
  if (spec.first === 'host' && first && !params['host']) params['host'] = first;
  const dsn = keywordDsn ?? (spec.first === 'dsn' ? first : undefined);
  return { dialect: spec.dialect, ...(dsn ? { dsn } : {}), params };
}

function sqlOf(language: Language, call: DriverCall): DriverValue | undefined {
  const last = call.chain.slice(call.chain.lastIndexOf('.') + 1);
  if (!call.method && Object.hasOwn(QUERY_FUNCTIONS[language], call.chain)) {
    const where = QUERY_FUNCTIONS[language][call.chain];
    return where === 'last' ? call.positional.at(-1) : call.positional[0];
  }
  const isMethod = call.method || call.chain.includes('.');
  if (!isMethod || !QUERY_METHODS[language].includes(last)) return undefined;
  return call.positional[0];
}

export interface SqlEffect {
  kind: 'sql';
  connection: DriverConnection;
  /** The statement text, or undefined when the code computes it. */
  sql?: string;
  sink: string;
}

/**
 * Every SQL a program sends, against every connection it opens (a one-liner rarely opens two;
 * judging each statement against each connection over-approximates). No connection opened by a
 * known driver: no SQL effects (`re.sub(…)`, sqlite3 files, ORMs the line cannot see).
 */
export function databaseEffects(language: Language, calls: readonly DriverCall[]): SqlEffect[] {
  const connections = calls.map((call) => connectionOf(language, call)).filter((c): c is DriverConnection => c !== undefined);
  if (connections.length === 0) return [];
  const effects: SqlEffect[] = [];
  for (const call of calls) {
    if (connectionOf(language, call)) continue;
    const sql = sqlOf(language, call);
    if (!sql) continue;
    for (const connection of connections) effects.push({ kind: 'sql', connection, ...(sql.kind === 'string' ? { sql: sql.value } : {}), sink: call.chain });
  }
  return effects;
}

// --- The app's own database: framework consoles ------------------------------------------------

/**
 * Calls that send SQL over the connection a framework already opened (`rails runner`, `manage.py
 * shell -c`, `artisan tinker --execute`): ActiveRecord's `connection.execute`, Django's
 * `connection.cursor().execute`, Laravel's `DB::statement`. Matched on the call's last name.
 */
const APP_SQL_METHODS: Readonly<Partial<Record<Language, readonly string[]>>> = {
  ruby: ['execute', 'exec_query', 'exec_delete', 'exec_update', 'select_all', 'select_rows', 'select_value'],
  python: ['execute', 'executemany'],
  php: ['statement', 'unprepared', 'delete', 'update', 'select', 'affectingStatement'],
};

/** The app's database: the URL its settings read from the environment (DATABASE_URL), as the frameworks' defaults do. */
const APP_CONNECTION: DriverConnection = { dialect: 'by-url', dsn: { kind: 'env', name: 'DATABASE_URL' }, params: {} };

/**
 * SQL a framework console's code sends through the app's connection, judged against the database
 * DATABASE_URL names (where it names none, the console's own rules judge the code's words).
 */
export function appDatabaseEffects(language: Language, calls: readonly DriverCall[]): SqlEffect[] {
  const methods = APP_SQL_METHODS[language] ?? [];
  const effects: SqlEffect[] = [];
  for (const call of calls) {
    const last = call.chain.slice(call.chain.lastIndexOf('.') + 1);
    if (!methods.includes(last) || (!call.method && !call.chain.includes('.'))) continue;
    const sql = call.positional[0];
    if (!sql) continue;
    effects.push({ kind: 'sql', connection: APP_CONNECTION, ...(sql.kind === 'string' ? { sql: sql.value } : {}), sink: call.chain });
  }
  return effects;
}

// --- Servers that take commands: Redis and MongoDB clients -------------------------------------

type CommandEngine = 'redis' | 'mongo';

/** Calls that open a Redis or MongoDB client, by language; the first positional is a URL (from_url, MongoClient) or a host. */
const COMMAND_CONNECT: Readonly<Partial<Record<Language, Readonly<Record<string, { engine: CommandEngine; first: 'url' | 'host' }>>>>> = {
  python: {
    'redis.Redis': { engine: 'redis', first: 'host' },
    'redis.StrictRedis': { engine: 'redis', first: 'host' },
    Redis: { engine: 'redis', first: 'host' },
    StrictRedis: { engine: 'redis', first: 'host' },
    'redis.from_url': { engine: 'redis', first: 'url' },
    'redis.Redis.from_url': { engine: 'redis', first: 'url' },
    'redis.StrictRedis.from_url': { engine: 'redis', first: 'url' },
    'Redis.from_url': { engine: 'redis', first: 'url' },
    'redis.asyncio.Redis': { engine: 'redis', first: 'host' },
    'redis.asyncio.from_url': { engine: 'redis', first: 'url' },
    'redis.asyncio.Redis.from_url': { engine: 'redis', first: 'url' },
    'pymongo.MongoClient': { engine: 'mongo', first: 'url' },
    MongoClient: { engine: 'mongo', first: 'url' },
    'motor.motor_asyncio.AsyncIOMotorClient': { engine: 'mongo', first: 'url' },
  },
  // Node: ioredis's default export (`new (require('ioredis'))(URL)`, `new Redis(URL)`), node-redis's
  // `createClient({ url })`, the MongoDB driver's `new MongoClient(URL)` / `MongoClient.connect(URL)`.
  javascript: {
    ioredis: { engine: 'redis', first: 'url' },
    'ioredis.Redis': { engine: 'redis', first: 'url' },
    'ioredis.Cluster': { engine: 'redis', first: 'url' },
    'redis.createClient': { engine: 'redis', first: 'url' },
    'redis.createCluster': { engine: 'redis', first: 'url' },
    '@redis/client.createClient': { engine: 'redis', first: 'url' },
    'mongodb.MongoClient': { engine: 'mongo', first: 'url' },
    'mongodb.MongoClient.connect': { engine: 'mongo', first: 'url' },
    'mongoose.connect': { engine: 'mongo', first: 'url' },
    'mongoose.createConnection': { engine: 'mongo', first: 'url' },
  },
  ruby: {
    'Redis.new': { engine: 'redis', first: 'url' },
    'Mongo.Client.new': { engine: 'mongo', first: 'url' },
  },
};

/**
 * Redis client methods that send a command prodguard's Redis rules judge, as that command. Keyed by
 * the method's name in lower case without underscores: redis-py's `config_set`, ioredis's
 * `flushall`, node-redis's `flushAll`/`configSet` are one entry each.
 */
const REDIS_METHODS: Readonly<Record<string, string>> = table({
  flushall: 'FLUSHALL',
  flushdb: 'FLUSHDB',
  shutdown: 'SHUTDOWN',
  configset: 'CONFIG SET',
  debugobject: 'DEBUG OBJECT',
  swapdb: 'SWAPDB',
  replicaof: 'REPLICAOF',
  slaveof: 'SLAVEOF',
});

/** Methods that send a command given as its words: redis-py's `execute_command('FLUSHALL')`, ioredis's `call`, node-redis's `sendCommand([…])`. */
const REDIS_RAW_COMMAND = new Set(['executecommand', 'call', 'sendcommand']);

function redisMethodKey(method: string): string {
  return method.toLowerCase().replace(/_/g, '');
}

function commandConnection(language: Language, call: DriverCall): { engine: CommandEngine; words: string[] } | undefined {
  const spec = lookup(COMMAND_CONNECT[language] ?? {}, call.chain);
  if (!spec) return undefined;
  const text = (value: DriverValue | undefined): string | undefined =>
    value === undefined
      ? undefined
      : value.kind === 'string'
        ? value.value
        : value.kind === 'env'
          ? environmentReference(value.name)
          : environmentReference('?');
  const url = text(call.keywords['url'] ?? (spec.first === 'url' ? call.positional[0] : undefined));
  const host = text(call.keywords['host'] ?? (spec.first === 'host' ? call.positional[0] : undefined));
  const port = text(call.keywords['port']);
  const database = text(call.keywords['db']);
  if (spec.engine === 'mongo') return { engine: 'mongo', words: ['mongosh', ...(url !== undefined ? [url] : host !== undefined ? ['--host', host] : [])] };
  const words = ['redis-cli'];
  if (url !== undefined) words.push('-u', url);
  if (host !== undefined) words.push('-h', host);
  if (port !== undefined) words.push('-p', port);
  if (database !== undefined) words.push('-n', database);
  return { engine: 'redis', words };
}

/** A MongoDB method call as the mongosh script it amounts to. */
function mongoScript(call: DriverCall): string | undefined {
  const parts = call.chain.split('.');
  // pymongo's `drop_database` and the Node driver's `dropDatabase` are one method.
  const method = parts.at(-1)?.replace(/_([a-z])/g, (_all, letter: string) => letter.toUpperCase());
  const name = call.positional[0]?.kind === 'string' ? call.positional[0].value : undefined;
  const collection = JSON.stringify(parts.at(-2) ?? 'unknown');
  if (method === 'dropDatabase') return name === undefined ? 'db.dropDatabase()' : `db.getSiblingDB(${JSON.stringify(name)}).dropDatabase()`;
  if (method === 'dropCollection') return `db.getCollection(${JSON.stringify(name ?? 'unknown')}).drop()`;
  if (method === 'drop' && call.positional.length === 0 && call.argumentText === undefined) return `db.getCollection(${collection}).drop()`;
  if (method === 'deleteMany' || method === 'remove') {
    // The filter as the code writes it (JavaScript, which mongosh reads too); else the code computes it.
    return `db.getCollection(${collection}).deleteMany(${call.argumentText ?? '{}'})`;
  }
  return undefined;
}

/**
 * Commands a program sends to a Redis or MongoDB server it connects to: `redis.Redis.from_url(URL)
 * .flushall()` is `redis-cli -u URL FLUSHALL`, `MongoClient(URL).drop_database("app")` is
 * `mongosh URL --eval 'db.getSiblingDB("app").dropDatabase()'`, judged by the Redis and Mongo
 * rules against that server. A `delete_many(filter)` is judged as a delete of every document:
 * the filter is code the line computes.
 */
export function serverCommandEffects(language: Language, calls: readonly DriverCall[]): CodeEffect[] {
  const connections = calls.map((call) => commandConnection(language, call)).filter((c) => c !== undefined);
  if (connections.length === 0) return [];
  const effects: CodeEffect[] = [];
  for (const call of calls) {
    const method = redisMethodKey(call.chain.slice(call.chain.lastIndexOf('.') + 1));
    if (!call.method && !call.chain.includes('.')) continue;
    for (const connection of connections) {
      const args = call.positional.map((value) => (value.kind === 'string' ? value.value : undefined));
      if (connection.engine === 'redis' && Object.hasOwn(REDIS_METHODS, method)) {
        effects.push({
          kind: 'argv',
          words: [...connection.words, ...REDIS_METHODS[method]!.split(' '), ...args.filter((a) => a !== undefined)],
          sink: call.chain,
        });
      }
      const raw = call.listArgument ?? args.filter((a) => a !== undefined);
      if (connection.engine === 'redis' && REDIS_RAW_COMMAND.has(method) && raw.length > 0)
        effects.push({ kind: 'argv', words: [...connection.words, ...raw], sink: call.chain });
      const script = connection.engine === 'mongo' ? mongoScript(call) : undefined;
      if (script !== undefined) effects.push({ kind: 'argv', words: [...connection.words, '--eval', script], sink: call.chain });
    }
  }
  return effects;
}

// --- From a connection to the client command line it amounts to ---------------------------------

/** What an environment lookup resolves to in the environment the program would see. */
export type Environment = Readonly<Record<string, string>>;

function resolved(value: DriverValue | undefined, env: Environment): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'env') return Object.hasOwn(env, value.name) ? env[value.name] : undefined;
  return undefined;
}

/** `postgresql+psycopg2://…` → postgres; `mysql+pymysql://…` → mysql; `dbi:Pg:…`, `pgsql:…` PDO. */
function dialectOfDsn(dsn: string): SqlDialect | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(dsn)?.[1]?.toLowerCase().replace(/\+.*$/, '');
  if (scheme === undefined) return undefined;
  if (['postgres', 'postgresql', 'pgsql', 'pg'].includes(scheme)) return 'postgres';
  if (['mysql', 'mariadb', 'mysqli'].includes(scheme)) return 'mysql';
  if (scheme === 'dbi') {
    const driver = /^dbi:([^:]+):/i.exec(dsn)?.[1]?.toLowerCase();
    return driver === 'pg' || driver === 'pgpp' ? 'postgres' : driver === 'mysql' || driver === 'mariadb' ? 'mysql' : undefined;
  }
  return undefined;
}

/** DBI (`dbi:Pg:dbname=app;host=h`) and PDO (`pgsql:host=h;dbname=app`) DSNs: their key=value pairs. */
function semicolonPairs(dsn: string): Record<string, string> | undefined {
  const body = /^(?:dbi:[^:]+:|pgsql:|mysql:)(.*)$/i.exec(dsn)?.[1];
  if (body === undefined) return undefined;
  const pairs: Record<string, string> = {};
  for (const pair of body.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) pairs[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
  }
  return pairs;
}

function urlParts(dsn: string): Record<string, string> | undefined {
  try {
    const url = new URL(dsn.replace(/^([A-Za-z]+)\+[A-Za-z0-9_]+:/, '$1:'));
    const parts: Record<string, string> = {};
    if (url.hostname) parts['host'] = decodeSafely(url.hostname);
    if (url.port) parts['port'] = url.port;
    if (url.username) parts['user'] = decodeSafely(url.username);
    const database = decodeSafely(url.pathname.replace(/^\//, ''));
    if (database) parts['dbname'] = database;
    return parts;
  } catch {
    return undefined;
  }
}

const HOST_KEYS = ['host', 'hostname', 'hostaddr', 'server'];
const PORT_KEYS = ['port'];
const USER_KEYS = ['user', 'username', 'usr'];
const DATABASE_KEYS = ['dbname', 'database', 'db', 'schema'];

function pick(params: Readonly<Record<string, string>>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (params[key] !== undefined && params[key] !== '') return params[key];
  return undefined;
}

/**
 * The client command line a driver connection and one statement amount to: `psql DSN -c SQL`,
 * `mysql -h HOST … -e SQL`. Without the statement text the client reads unknown standard input.
 * Undefined when the connection is not one of these engines (a sqlite URL).
 */
export function clientWords(connection: DriverConnection, env: Environment, sql: string | undefined): { words: string[]; unknownSql: boolean } | undefined {
  const dsn = resolved(connection.dsn, env);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(connection.params)) {
    const text = resolved(value, env);
    if (text !== undefined) params[name.toLowerCase()] = text;
  }
  const dialect = connection.dialect === 'by-url' ? (dsn === undefined ? undefined : dialectOfDsn(dsn)) : connection.dialect;
  if (!dialect) return undefined;
  const pairs = dsn === undefined ? undefined : semicolonPairs(dsn);
  const sqlWords = sql === undefined ? [] : dialect === 'postgres' ? ['-c', sql] : ['-e', sql];
  const unknownSql = sql === undefined;
  if (dialect === 'postgres' && dsn !== undefined && pairs === undefined) {
    // A libpq URL or conninfo string (`host=… dbname=…`) is what psql takes as its database argument.
    return { words: ['psql', ...flags(params, 'postgres'), dsn.replace(/^([A-Za-z]+)\+[A-Za-z0-9_]+:/, '$1:'), ...sqlWords], unknownSql };
  }
  const fromDsn = pairs ?? (dsn !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(dsn) ? urlParts(dsn) : undefined) ?? {};
  const all = { ...fromDsn, ...params };
  if (dialect === 'postgres') return { words: ['psql', ...flags(all, 'postgres'), ...sqlWords], unknownSql };
  const database = pick(all, DATABASE_KEYS);
  return { words: ['mysql', ...flags(all, 'mysql'), ...sqlWords, ...(database ? [database] : [])], unknownSql };
}

function flags(params: Readonly<Record<string, string>>, dialect: SqlDialect): string[] {
  const words: string[] = [];
  const host = pick(params, HOST_KEYS);
  const port = pick(params, PORT_KEYS);
  const user = pick(params, USER_KEYS);
  const database = pick(params, DATABASE_KEYS);
  if (host !== undefined) words.push('-h', host);
  if (port !== undefined) words.push(dialect === 'postgres' ? '-p' : '-P', port);
  if (user !== undefined) words.push(dialect === 'postgres' ? '-U' : '-u', user);
  // mysql takes the database as its operand, after the options.
  if (database !== undefined && dialect === 'postgres') words.push('-d', database);
  return words;
}
