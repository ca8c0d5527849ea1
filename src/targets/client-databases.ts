// Databases named by a client's own arguments: psql/mysql/redis-cli/mongosh options, URLs and
// connection files, and migration tools that name their database in an option.

import type { ExpandedWord, Invocation, Target } from '../types.js';
import { parseConnectionString, postgresUrl } from '../parse/connection.js';
import { scanOptions, optionValue, clientOptionSpec } from '../parse/options.js';
import { clientSpec, clientsOf } from '../knowledge/commands.js';
import { oracleCommandLine, parseOracleLogon, rmanCommandLine } from '../parse/oracle-logon.js';
import { MIGRATION_DATABASE_OPTIONS, toolOptions } from '../knowledge/tools.js';
import { clientHome, findPgService, mysqlDefaults, mysqlFileSettings } from './connection-files.js';
import {
  CI_EXPRESSION,
  databaseTarget,
  postgresFromEnvironment,
  postgresServiceTarget,
  unresolvedCiExpression,
  withHostList,
} from './environment-databases.js';
import type { TargetFacts } from './facts.js';
import { environmentFromName } from '../classify/names.js';

const POSTGRES_CLIENTS = new Set(clientsOf('postgres'));
const MYSQL_CLIENTS = new Set(clientsOf('mysql'));
const REDIS_CLIENTS = new Set(clientsOf('redis'));
const CLICKHOUSE_CLIENTS = new Set(clientsOf('clickhouse'));
const CASSANDRA_CLIENTS = new Set(clientsOf('cassandra'));
const NEO4J_CLIENTS = new Set(clientsOf('neo4j'));
const INFLUX_CLIENTS = new Set(clientsOf('influxdb'));
const ORACLE_CLIENTS = new Set(clientsOf('oracle'));

// ---------------------------------------------------------------------------------------------
// Databases named by a client's own arguments.

/** How a client reads its own options (knowledge/commands.ts): the one place arity is written. */
function clientScan(inv: Invocation) {
  return scanOptions(inv.args, clientOptionSpec(inv.name)!);
}

/**
 * Migration tools that name their database on the line (knowledge/tools.ts says where):
 * `flyway -url=`, `liquibase --url=`, `migrate -database`, `atlas … -u`, `mvn flyway:clean
 * -Dflyway.url=`, `alembic -x db_url=`, sqitch's `db:pg://…` target, goose's DBSTRING.
 */
export function migrationToolTarget(inv: Invocation): Target | undefined {
  const spec = Object.hasOwn(MIGRATION_DATABASE_OPTIONS, inv.name) ? MIGRATION_DATABASE_OPTIONS[inv.name]! : undefined;
  if (!spec) return undefined;
  const named = (url: string | undefined, source: string): Target | undefined => {
    const connection = url ? parseConnectionString(url) : undefined;
    return connection ? databaseTarget(connection, source) : undefined;
  };
  for (let index = 0; index < inv.args.length; index++) {
    const value = inv.args[index]!.value;
    for (const flag of [...(spec.options ?? []), ...(spec.properties ?? [])]) {
      // Properties are always attached (`-Dflyway.url=…`); options either way.
      const url = value.startsWith(`${flag}=`)
        ? value.slice(flag.length + 1)
        : value === flag && !spec.properties?.includes(flag)
          ? inv.args[index + 1]?.value
          : undefined;
      const target = named(url, `${inv.name} ${flag}`);
      if (target) return target;
    }
    if (spec.keyValues) {
      const { option, keys } = spec.keyValues;
      const pair =
        value === option ? inv.args[index + 1]?.value : value.startsWith(option) && value.length > option.length ? value.slice(option.length) : undefined;
      const match = pair ? /^([^=]+)=(.*)$/s.exec(pair) : null;
      const target = match && keys.includes(match[1]!.toLowerCase()) ? named(match[2], `${inv.name} ${option} ${match[1]}`) : undefined;
      if (target) return target;
    }
    // sqitch: `db:pg://user@host/db` (and `db:mysql:`, `db:sqlite:`): a URI whose engine follows `db:`.
    if (spec.targetWords && value.startsWith('db:')) {
      const target = named(value.slice(3).replace(/^pg:/, 'postgres:'), `${inv.name} target`);
      if (target) return target;
    }
  }
  if (spec.anyWord) {
    const connection = inv.args.map((arg) => parseConnectionString(arg.value)).find(Boolean);
    if (connection) return databaseTarget(connection, `${inv.name} argument`);
  }
  return settingsFileTarget(inv, spec.settingsFiles ?? []);
}

/** The database a settings file names by its name alone (`conf/prod.conf`): one that names no
 *  environment (`flyway.conf`) says nothing, and the environment decides as before. */
function settingsFileTarget(inv: Invocation, options: readonly string[]): Target | undefined {
  const scan = scanOptions(inv.args, toolOptions(inv.name) ?? {});
  for (const option of options) {
    // flyway's -configFiles is a comma-separated list: the last file wins a setting.
    const named = optionValue(scan, option)
      ?.split(',')
      .reverse()
      .find((name) => environmentFromName(name));
    // Where the file points is only known where it is read; its name is a name the team chose.
    if (named)
      return { kind: 'database', source: `${inv.name} ${option}`, name: named, alias: named, unresolved: true, unresolvedBy: `the database in ${named}` };
  }
  return undefined;
}

/** `psql "$DATABASE_URL"` in a CI file: the variable is set where it runs, not here. */
export function unresolvedClientTarget(inv: Invocation): Target | undefined {
  const secrets = secretWordIndexes(inv);
  const unset = inv.args.filter((arg, index) => arg.value === '' && arg.unsetVariables.length > 0 && !secrets.has(index));
  // A connection word the file does not set (`-h ${PGHOST}`, `${DB}`) comes from where the
  // script runs: the target is unknown, never the next option shifted into its place.
  const word = unset.find((arg) => /URL|URI|DSN|DATABASE|DB/i.test(arg.unsetVariables[0]!)) ?? unset[0];
  if (!word) return undefined;
  const variable = word.unsetVariables[0]!;
  // dropdb/createdb name the database they act on; the other unset words are connection options.
  const acted = ['dropdb', 'createdb'].includes(inv.name) ? actedOnWord(inv) : undefined;
  if (acted && acted.value !== '')
    return {
      kind: 'database',
      source: `$${variable} (set where it runs)`,
      name: acted.value,
      database: acted.value,
      unresolved: true,
      unresolvedBy: `$${variable}`,
    };
  const named = acted?.unsetVariables[0] ?? variable;
  return { kind: 'database', source: `$${named} (set where it runs)`, name: `$${named}`, database: named, unresolved: true };
}

/**
 * `teller run -- psql "$DATABASE_URL" …`, `op run --env-file=.env.production -- mongosh
 * "$MONGO_URI"`: the connection word is a variable a secrets injector sets, whose value nobody can
 * read here. The database is unknown — never the local socket an empty word would mean — and is
 * named by the variable and the secrets' source, which may say production (`$MONGO_PROD_URI`,
 * `.env.production`).
 */
export function injectedClientTarget(inv: Invocation): Target | undefined {
  if (!inv.envUnknown) return undefined;
  const secrets = secretWordIndexes(inv);
  // A password's variable (`-p"$MARIADB_ROOT_PASSWORD"`: DB is in MARIADB) names no server.
  const names = (name: string) => /URL|URI|DSN|DATABASE|DB|HOST|CONN/i.test(name) && !/PASS|PWD|SECRET|TOKEN|KEY/i.test(name);
  const word = inv.args.find((arg, index) => !secrets.has(index) && !/^(-p|--password)/.test(arg.value) && arg.variables.some(names));
  if (!word) return undefined;
  const variable = word.variables.find(names)!;
  const name = inv.secretsFrom !== undefined ? `$${variable} of ${inv.secretsFrom}` : `$${variable}`;
  return { kind: 'database', source: `$${variable} (set by the secrets it runs with)`, name, database: variable, unresolved: true };
}

/** Where a client's password options hold their value (`redis-cli -a ${REDISPASS}`, `mysql
 *  -p${PASS}`): a password never names the server or the database. */
function secretWordIndexes(inv: Invocation): Set<number> {
  const secretOptions = clientSpec(inv.name)?.secretOptions;
  const spec = clientOptionSpec(inv.name);
  const indexes = new Set<number>();
  if (!secretOptions || !spec) return indexes;
  for (const option of scanOptions(inv.args, spec).options) {
    if (!secretOptions.includes(option.flag) || option.value === undefined) continue;
    // Written apart (`-a VALUE`), the value is the next word; attached (`-pVALUE`), this one.
    indexes.add(inv.args[option.index]?.value === option.flag ? option.index + 1 : option.index);
  }
  return indexes;
}

export function clientDatabaseTargets(inv: Invocation, facts: TargetFacts): Target[] {
  return [clientDatabaseTarget(inv, facts)].map(unresolvedCiExpression);
}

function clientDatabaseTarget(inv: Invocation, facts: TargetFacts): Target {
  if (POSTGRES_CLIENTS.has(inv.name)) return postgresClientTarget(inv, facts);
  if (MYSQL_CLIENTS.has(inv.name)) return mysqlClientTarget(inv, facts);
  if (REDIS_CLIENTS.has(inv.name)) return redisClientTarget(inv);
  if (CLICKHOUSE_CLIENTS.has(inv.name)) return clickhouseClientTarget(inv);
  if (CASSANDRA_CLIENTS.has(inv.name)) return cassandraClientTarget(inv);
  if (NEO4J_CLIENTS.has(inv.name)) return neo4jClientTarget(inv);
  if (INFLUX_CLIENTS.has(inv.name)) return influxClientTarget(inv);
  if (ORACLE_CLIENTS.has(inv.name)) return oracleClientTarget(inv);
  return mongoClientTarget(inv);
}

/** An unquoted word that is one variable lint does not know (`dropdb ${PG_CONN_PARAMETERS}
 *  --force $1`): the shell splits it into any number of words, options among them. */
const SPLIT_VARIABLE = /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/;

/** The database dropdb/createdb act on: their first positional, passing over an unknown
 *  variable's split words when a positional follows them (kartoza/docker-pg-backup's restore). */
function actedOn(inv: Invocation, positionals: readonly number[]): string | undefined {
  const index = actedOnIndex(inv, positionals);
  return index === undefined ? undefined : inv.args[index]!.value;
}

function actedOnIndex(inv: Invocation, positionals: readonly number[]): number | undefined {
  return positionals.find((index, at) => {
    const arg = inv.args[index]!;
    return at === positionals.length - 1 || !(arg.unsetVariables.length > 0 && arg.text !== undefined && SPLIT_VARIABLE.test(arg.text));
  });
}

/** The word dropdb/createdb act on, unset variables counted as words (they are positionals). */
function actedOnWord(inv: Invocation): ExpandedWord | undefined {
  const index = actedOnIndex(inv, clientScan(inv).positionals);
  return index === undefined ? undefined : inv.args[index];
}

function postgresClientTarget(inv: Invocation, facts: TargetFacts): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const dbOption = optionValue(scan, '-d', '--dbname', '--maintenance-db');
  // psql/pg_dump take DBNAME first; dropdb/createdb take the database to act on; dropuser's word
  // is the role it removes.
  const dbWord = dbOption ?? (inv.name === 'dropuser' ? undefined : positionals[0]);
  const connection = dbWord ? parseConnectionString(dbWord) : undefined;
  const serviceName = connection?.service || inv.env.PGSERVICE || undefined;
  if (serviceName) {
    const home = clientHome(inv, facts.home);
    const service = facts.connectionFiles && home && inv.host.kind === 'local' ? findPgService(inv, serviceName, home, facts.connectionFiles) : undefined;
    if (service) {
      // A connection string's own settings win over psql's flags: psql hands it to libpq as an
      // expanded dbname after them, so `psql -h a 'service=x host=b'` reaches b (libpq 15).
      const plainName = connection ? undefined : dbWord;
      const given = {
        host: connection?.host ?? optionValue(scan, '-h', '--host'),
        port: (connection?.port ? String(connection.port) : undefined) ?? optionValue(scan, '-p', '--port'),
        user: connection?.user ?? optionValue(scan, '-U', '--username'),
        // dropdb/createdb act on their word; a plain word (not a connection string) is the database.
        database: (['dropdb', 'createdb'].includes(inv.name) ? positionals[0] : undefined) ?? connection?.database ?? plainName,
      };
      return postgresServiceTarget(service, given, inv.env, `${inv.name} service ${service.name} (${service.file})`);
    }
    // A service no file here defines (or files not read: lint, a remote shell): not this
    // machine, and not known here either — unless the line names the host itself.
    if (!connection?.host && !optionValue(scan, '-h', '--host') && !inv.env.PGHOST) {
      const source = connection?.service ? `${inv.name} service=${serviceName}` : `${inv.name} via PGSERVICE`;
      return { kind: 'database', engine: 'postgres', source, name: serviceName, database: serviceName, alias: serviceName, unresolved: true };
    }
  }
  if (connection) return databaseTarget(connection, `${inv.name} argument`);
  const fromEnv = postgresFromEnvironment(inv.env)!;
  const host = optionValue(scan, '-h', '--host') ?? fromEnv.host;
  const port = optionValue(scan, '-p', '--port');
  const acting = ['dropdb', 'createdb'].includes(inv.name) ? actedOn(inv, scan.positionals) : dbWord;
  const database = acting ?? fromEnv.database ?? optionValue(scan, '-U', '--username');
  // The probe logs in as the client would: `-U` (else PGUSER), PGPASSWORD, else ~/.pgpass (the
  // driver reads it, as libpq does) — not as whoever runs prodguard.
  const user = optionValue(scan, '-U', '--username') ?? inv.env.PGUSER;
  const tcp = host && !host.startsWith('/') && !host.includes(',');
  const probeUrl = tcp
    ? postgresUrl({ host, port: Number(port) || fromEnv.port, database: acting ?? fromEnv.database ?? user, user, password: inv.env.PGPASSWORD })
    : undefined;
  return {
    kind: 'database',
    engine: 'postgres',
    source: dbWord || host ? `${inv.name} arguments` : 'PGHOST/PGDATABASE',
    name: database ?? host ?? 'localhost',
    ...(host ? { host } : {}),
    ...(Number(port) ? { port: Number(port) } : fromEnv.port ? { port: fromEnv.port } : {}),
    ...(database ? { database } : {}),
    ...(!host || host.startsWith('/') ? { socket: true } : {}),
    ...withHostList(host, port ?? inv.env.PGPORT),
    ...(probeUrl ? { secretUrl: probeUrl } : {}),
  };
}

function mysqlClientTarget(inv: Invocation, facts: TargetFacts): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  if (inv.name === 'mysqlsh') {
    // MySQL Shell names its server as a URI: `--uri`, or the first word (`root@db1:3306/app`).
    const uri = optionValue(scan, '--uri', '--mysql', '--mysqlx') ?? positionals[0];
    const connection = uri ? parseConnectionString(/^[a-z]+:\/\//.test(uri) ? uri : `mysql://${uri}`) : undefined;
    if (connection?.host) return databaseTarget({ ...connection, engine: 'mysql' }, 'mysqlsh URI');
  }
  // Option files come after the command line and before MYSQL_HOST (my_default.cc, libmysql).
  const home = clientHome(inv, facts.home);
  const defaults = facts.connectionFiles && home && inv.host.kind === 'local' ? mysqlDefaults(inv, home) : undefined;
  const fromFiles = defaults && facts.connectionFiles ? mysqlFileSettings(defaults, facts.connectionFiles) : {};
  const loginPath = optionValue(scan, '--login-path');
  const hostFlag = optionValue(scan, '-h', '--host');
  const host = hostFlag ?? fromFiles.host ?? inv.env.MYSQL_HOST;
  // A port alone (Debian's /etc/mysql/my.cnf sets one) names no server.
  const usedFile = !hostFlag && (fromFiles.host !== undefined || fromFiles.socket !== undefined) ? fromFiles.from : undefined;
  // mysqladmin's first word is its command: `mysqladmin drop app_production`.
  const acting =
    inv.name === 'mysqladmin' || inv.name === 'mariadb-admin'
      ? ['drop', 'create'].includes(positionals[0] ?? '')
        ? positionals[1]
        : undefined
      : positionals[0];
  // myloader names its database with -B (its -d is the dump directory).
  const database =
    optionValue(scan, '-D', '--database') ??
    (inv.name === 'myloader' ? optionValue(scan, '-B') : undefined) ??
    acting ??
    fromFiles.database ??
    inv.env.MYSQL_DATABASE;
  const port = optionValue(scan, '-P', '--port') ?? fromFiles.port ?? inv.env.MYSQL_TCP_PORT;
  return {
    kind: 'database',
    engine: 'mysql',
    source: usedFile ? `${inv.name} option file ${usedFile}` : host ? `${inv.name} arguments` : 'default (local socket)',
    name: database ?? host ?? loginPath ?? 'localhost',
    ...(host ? { host } : { socket: true }),
    ...(port && Number(port) ? { port: Number(port) } : {}),
    ...(database ? { database } : {}),
    ...(usedFile ? { from: usedFile } : {}),
    // `--login-path=prod` names the server even when the login file is not here.
    ...(loginPath ? { alias: loginPath } : {}),
  };
}

function redisClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const uri = optionValue(scan, '-u');
  // redis-cli reads no REDIS_URL: without -u/-h it talks to localhost:6379.
  const connection = uri ? parseConnectionString(uri) : undefined;
  if (connection) return databaseTarget(connection, `${inv.name} -u`);
  // `-u "${{ secrets.PROD_REDIS_URL }}"` in a CI file: the server is the secret's, not localhost
  // (clientDatabaseTargets makes it the unresolved target it is).
  if (uri !== undefined && CI_EXPRESSION.test(uri)) return { kind: 'database', engine: 'redis', source: `${inv.name} -u`, name: uri, url: uri };
  const host = optionValue(scan, '-h');
  const socket = optionValue(scan, '-s');
  const port = optionValue(scan, '-p');
  return {
    kind: 'database',
    engine: 'redis',
    source: host ? `${inv.name} -h` : 'default (localhost:6379)',
    name: host ?? 'localhost',
    host: host ?? 'localhost',
    ...(port ? { port: Number(port) } : {}),
    ...(socket ? { socket: true } : {}),
  };
}

/** clickhouse-client: --host (default localhost:9000), --database (default `default`). */
function clickhouseClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const host = optionValue(scan, '-h', '--host');
  const port = optionValue(scan, '--port');
  const database = optionValue(scan, '-d', '--database');
  return {
    kind: 'database',
    engine: 'clickhouse',
    source: host ? `${inv.name} --host` : 'default (localhost:9000)',
    name: database ?? host ?? 'localhost',
    host: host ?? 'localhost',
    ...(port && Number(port) ? { port: Number(port) } : {}),
    ...(database ? { database } : {}),
  };
}

/** cqlsh [host [port]] (else CQLSH_HOST/CQLSH_PORT, else localhost:9042); -k names the keyspace. */
function cassandraClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const host = positionals[0] ?? inv.env.CQLSH_HOST;
  const port = positionals[1] ?? inv.env.CQLSH_PORT;
  const keyspace = optionValue(scan, '-k', '--keyspace');
  return {
    kind: 'database',
    engine: 'cassandra',
    source: positionals[0] ? `${inv.name} argument` : host ? 'CQLSH_HOST' : 'default (localhost:9042)',
    name: keyspace ?? host ?? 'localhost',
    host: host ?? 'localhost',
    ...(port && Number(port) ? { port: Number(port) } : {}),
    ...(keyspace ? { database: keyspace } : {}),
  };
}

/** A server address as a URL or `host[:port]`: its host and port. */
function addressParts(address: string): { host?: string; port?: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `bolt://${address}`;
  try {
    const url = new URL(withScheme);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return { ...(host ? { host } : {}), ...(url.port ? { port: url.port } : {}) };
  } catch {
    return {};
  }
}

/** cypher-shell: -a/--address/--uri (else NEO4J_ADDRESS, NEO4J_URI, else neo4j://localhost:7687);
 *  -d/--database (else NEO4J_DATABASE). */
function neo4jClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const given = optionValue(scan, '-a', '--address', '--uri');
  const address = given ?? (inv.env.NEO4J_ADDRESS || inv.env.NEO4J_URI || undefined);
  const { host, port } = address ? addressParts(address) : {};
  const database = optionValue(scan, '-d', '--database') ?? (inv.env.NEO4J_DATABASE || undefined);
  return {
    kind: 'database',
    engine: 'neo4j',
    source: given ? `${inv.name} --address` : address ? (inv.env.NEO4J_ADDRESS ? 'NEO4J_ADDRESS' : 'NEO4J_URI') : 'default (localhost:7687)',
    name: database ?? host ?? 'localhost',
    host: host ?? 'localhost',
    ...(port && Number(port) ? { port: Number(port) } : {}),
    ...(database ? { database } : {}),
  };
}

/** influx: 1.x `-host H -port P -database D`, 2.x `--host URL` (else INFLUX_HOST), default localhost:8086. */
function influxClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const given = optionValue(scan, '-host', '--host');
  const address = given ?? (inv.env.INFLUX_HOST || undefined);
  const { host, port: urlPort } = address ? addressParts(address) : {};
  const port = optionValue(scan, '-port', '--port') ?? urlPort;
  const database = optionValue(scan, '-database', '--database', '--bucket', '-b');
  return {
    kind: 'database',
    engine: 'influxdb',
    source: given ? `${inv.name} --host` : address ? 'INFLUX_HOST' : 'default (localhost:8086)',
    name: database ?? host ?? 'localhost',
    host: host ?? 'localhost',
    ...(port && Number(port) ? { port: Number(port) } : {}),
    ...(database ? { database } : {}),
  };
}

/** sqlplus/sql/rman: the (target) logon's connect identifier (else TWO_TASK, else the local instance ORACLE_SID). */
function oracleClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const words = scan.positionals.map((i) => inv.args[i]!.value);
  const { logon } = inv.name === 'rman' ? rmanCommandLine(words) : oracleCommandLine(words);
  const fromEnv = !logon?.connect && inv.env.TWO_TASK ? parseOracleLogon(`@${inv.env.TWO_TASK}`) : undefined;
  const remote = logon?.connect ? logon : fromEnv;
  if (remote?.connect) {
    const server = remote.host ?? remote.alias!;
    return {
      kind: 'database',
      engine: 'oracle',
      source: logon?.connect ? `${inv.name} logon` : 'TWO_TASK',
      name: remote.service ?? server,
      host: server,
      ...(remote.port && Number(remote.port) ? { port: Number(remote.port) } : {}),
      ...(remote.service ? { database: remote.service } : {}),
    };
  }
  const sid = inv.env.ORACLE_SID || undefined;
  return {
    kind: 'database',
    engine: 'oracle',
    source: sid ? 'ORACLE_SID (local instance)' : 'default (local instance)',
    name: sid ?? 'localhost',
    socket: true,
    ...(sid ? { database: sid } : {}),
  };
}

function mongoClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const uri = optionValue(scan, '--uri') ?? positionals.find((p) => /^mongodb(\+srv)?:/.test(p));
  const connection = uri ? parseConnectionString(uri) : undefined;
  if (connection) return databaseTarget(connection, `${inv.name} argument`);
  // The shell's "db address" (mongosh and the legacy mongo shell): `app` is the database app on
  // localhost, `h/app` and `h:27018/app` name a host; a dotted word or `h:port` alone is read as
  // a host, the more cautious reading.
  const tool = clientSpec(inv.name)?.mongoDatabaseTool === true;
  const address = tool ? undefined : positionals.find((p) => !p.endsWith('.js'));
  const addressHost =
    address && (address.includes('/') || address.includes(':') || address.includes('.')) ? address.split('/')[0]!.replace(/:\d+$/, '') : undefined;
  const database = address && !addressHost ? address : address?.split('/')[1];
  const host = optionValue(scan, '--host') ?? (tool ? optionValue(scan, '-h') : undefined) ?? addressHost;
  return {
    kind: 'database',
    engine: 'mongodb',
    source: host ? `${inv.name} arguments` : 'default (localhost:27017)',
    name: (tool ? optionValue(scan, '-d', '--db') : undefined) || database || host || 'localhost',
    host: host ?? 'localhost',
  };
}
