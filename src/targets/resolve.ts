// What an invocation would touch: databases (from client arguments, URLs, DATABASE_URL and
// friends, PG*/MYSQL_* variables, .env files the app would load), framework environments
// (RAILS_ENV…), the host it runs on, a Kubernetes context, cloud resources, a Terraform
// workspace. Pure: the invocation and facts gathered at the edge in, targets out.

import type { Invocation, Target, TargetKind } from '../types.js';
import { hostList, parseConnectionString, postgresUrl } from '../parse/connection.js';
import { scanOptions, optionValue, clientOptionSpec } from '../parse/options.js';
import { CLIENTS, clientSpec, clientsOf } from '../knowledge/commands.js';
import { ENVIRONMENT_VARIABLES, isEnvironmentVariable } from '../classify/names.js';
import type { KubeconfigFacts } from '../parse/kubeconfig.js';
import { clientHome, findPgService, mysqlDefaults, mysqlFileSettings, type ConnectionFile, type PgService } from './connection-files.js';

/** Facts gathered at the edge (files, OS) that target resolution needs. */
export interface TargetFacts {
  hostname: string;
  /** kubeconfig's current-context, when a kube command is present. */
  kubeCurrentContext?: string;
  /** Parsed `.env*` files by absolute path. */
  envFiles: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `.terraform/environment` of the working directory, when a terraform command is present. */
  terraformWorkspace?: string;
  /** current-context of kubeconfig files the line names (`--kubeconfig F`, `KUBECONFIG=F`), by absolute path. */
  kubeconfigContexts?: Readonly<Record<string, string>>;
  /** Contexts and clusters of the kubeconfig in effect (KUBECONFIG list or ~/.kube/config). */
  kubeconfig?: KubeconfigFacts;
  /** Contexts and clusters of kubeconfig files the line names, by absolute path. */
  kubeconfigFiles?: Readonly<Record<string, KubeconfigFacts>>;
  /**
   * Lint: a variable the file does not set is set at run time (a CI secret), so a client argument
   * such as `psql "$DATABASE_URL"` names an unknown database, not the local default.
   */
  unsetMeansUnknown?: boolean;
  /**
   * Connection files the line's clients would read (pg_service.conf, my.cnf, ~/.mylogin.cnf), as
   * read at the edge, by absolute path; a file that does not exist is absent. Undefined where
   * nothing was read (lint: the files of the machine it runs on are not the script's).
   */
  connectionFiles?: Readonly<Record<string, ConnectionFile>>;
  /** The home directory of the person running the line, for clients' dot files. */
  home?: string;
}

/** The framework variables the prompt watches; which variables name an environment is decided
 *  once, by the classifier's vocabulary (src/classify/names.ts), for check and lint alike. */
export const APP_ENVIRONMENT_VARIABLES = ENVIRONMENT_VARIABLES;

const POSTGRES_CLIENTS = new Set(clientsOf('postgres'));
const MYSQL_CLIENTS = new Set(clientsOf('mysql'));
const REDIS_CLIENTS = new Set(clientsOf('redis'));
const KUBE_CLIENTS = new Set(['kubectl', 'oc', 'helm', 'helmfile', 'k9s', 'kustomize', 'argocd']);

/** Every database client whose arguments name a target (the shell hook's prefilter needs the list). */
export const DATABASE_CLIENTS: readonly string[] = Object.keys(CLIENTS);

export function isDatabaseClient(name: string): boolean {
  return clientSpec(name) !== undefined;
}

export function isKubeClient(name: string): boolean {
  return KUBE_CLIENTS.has(name);
}

export function resolveTargets(inv: Invocation, kind: TargetKind, facts: TargetFacts): Target[] {
  switch (kind) {
    case 'database': {
      const named = migrationToolTarget(inv);
      if (named) return [named];
      if (isDatabaseClient(inv.name)) {
        const unresolved = facts.unsetMeansUnknown ? unresolvedClientTarget(inv) : undefined;
        return unresolved
          ? [unresolved]
          : clientDatabaseTargets(inv, facts)
              .flatMap(everyHost)
              .map((target) => onItsHost(target, inv, facts));
      }
      return environmentDatabaseTargets(appEnvironment(inv, facts), serviceLookup(inv, facts))
        .flatMap(everyHost)
        .map((target) => onItsHost(target, inv, facts));
    }
    case 'app':
      return appTargets(inv, facts);
    case 'host':
      return [hostTarget(inv, facts), ...topologyTargets(inv)];
    case 'kube':
      return kubeTargets(inv, facts);
    case 'cloud':
      return cloudTargets(inv);
    case 'workspace':
      return workspaceTargets(inv, facts);
  }
}

// ---------------------------------------------------------------------------------------------
// Databases named by environment variables (what an app or test suite would connect to).

const DATABASE_URL_VARIABLE =
  /^(?:[A-Z0-9_]*_)?(DATABASE_URL|DB_URL|DATABASE_URI|REDIS_URL|REDIS_TLS_URL|MONGO_URL|MONGO_URI|MONGODB_URL|MONGODB_URI|FLYWAY_URL|DATASOURCE_URL|LIQUIBASE_COMMAND_URL|JDBC_URL)$/;

/** The environment an app command sees: its env over the `.env` files it would load (dotenv never overrides). */
/** Test runners load `.env.test` themselves (dotenv-rails, jest setups, pytest-dotenv). */
const TEST_RUNNERS = new Set(['rspec', 'jest', 'vitest', 'mocha', 'pytest', 'py.test', 'ava', 'cucumber', 'phpunit', 'pest', 'behave', 'tox', 'nox']);
const TEST_SUBCOMMANDS: Record<string, RegExp> = {
  npm: /^(test|t|run)$/,
  yarn: /^test/,
  pnpm: /^test/,
  rails: /^(test|spec)/,
  rake: /^(test|spec)/,
  go: /^test$/,
  mix: /^test$/,
  bun: /^test$/,
};

export function isTestRun(inv: Invocation): boolean {
  if (TEST_RUNNERS.has(inv.name)) return true;
  const first = inv.args.find((arg) => !arg.value.startsWith('-'))?.value;
  const pattern = TEST_SUBCOMMANDS[inv.name];
  if (pattern && first && pattern.test(first))
    return inv.name !== 'npm' || first !== 'run' || /^test/.test(inv.args.find((a, i) => i > 0 && !a.value.startsWith('-'))?.value ?? '');
  return (inv.name === 'python' || inv.name === 'python3') && inv.args.some((arg, i) => arg.value === 'pytest' && inv.args[i - 1]?.value === '-m');
}

export function appEnvironment(inv: Invocation, facts: TargetFacts): { vars: Record<string, string>; origin: Record<string, string> } {
  const vars: Record<string, string> = {};
  const origin: Record<string, string> = {};
  if (inv.host.kind === 'local' && inv.cwd) {
    const mode = inv.env.RAILS_ENV ?? inv.env.NODE_ENV ?? inv.env.APP_ENV ?? inv.env.RACK_ENV ?? (isTestRun(inv) ? 'test' : undefined);
    // dotenv-flow / dotenv-rails precedence: .env.{mode}.local, .env.local, .env.{mode}, .env.
    const names = [...(mode ? [`.env.${mode}.local`] : []), '.env.local', ...(mode ? [`.env.${mode}`] : []), '.env'];
    for (const name of names) {
      const file = facts.envFiles[`${inv.cwd.replace(/\/+$/, '')}/${name}`];
      if (!file) continue;
      for (const [key, value] of Object.entries(file)) {
        if (!(key in vars)) {
          vars[key] = value;
          origin[key] = name;
        }
      }
    }
  }
  for (const [key, value] of Object.entries(inv.env)) {
    vars[key] = value;
    origin[key] = key in inv.assigned ? 'inline assignment' : 'environment';
  }
  return { vars, origin };
}

/** How an app's PGSERVICE is looked up in the service files the edge read (none in lint). */
type ServiceLookup = (name: string, vars: Readonly<Record<string, string>>) => PgService | undefined;

function serviceLookup(inv: Invocation, facts: TargetFacts): ServiceLookup | undefined {
  const home = clientHome(inv, facts.home);
  const files = facts.connectionFiles;
  if (!files || !home || inv.host.kind !== 'local') return undefined;
  return (name, vars) => findPgService({ ...inv, env: vars }, name, home, files);
}

export function environmentDatabaseTargets(environment: { vars: Record<string, string>; origin: Record<string, string> }, lookup?: ServiceLookup): Target[] {
  const { vars, origin } = environment;
  const targets: Target[] = [];
  for (const [key, value] of Object.entries(vars)) {
    if (!DATABASE_URL_VARIABLE.test(key) || value.trim() === '') continue;
    const connection = parseConnectionString(value);
    if (connection) targets.push(databaseTarget(connection, describeSource(key, origin[key])));
    else if (/\$\{\{|\$\{?[A-Za-z_]|secrets\./.test(value)) {
      // A CI secret or expression (`${{ secrets.PROD_DATABASE_URL }}`): the URL is not known
      // here, but its name may say what it is, and it is certainly set.
      targets.push({
        kind: 'database',
        source: describeSource(key, origin[key]),
        name: value.replace(/^\$\{\{\s*|\s*\}\}$/g, ''),
        database: value,
        unresolved: true,
      });
    }
  }
  // An app's libpq reads PGSERVICE's section before PGHOST and friends, as psql does.
  const service = vars.PGSERVICE ? lookup?.(vars.PGSERVICE, vars) : undefined;
  const pg = postgresFromEnvironment(vars);
  if (service) targets.push(postgresServiceTarget(service, {}, vars, describeSource('PGSERVICE', origin.PGSERVICE)));
  else if (pg && (vars.PGHOST || vars.PGHOSTADDR || vars.PGDATABASE || vars.PGSERVICE))
    targets.push({ ...pg, source: describeSource('PGHOST/PGDATABASE', origin.PGHOST ?? origin.PGDATABASE) });
  if (vars.MYSQL_HOST) {
    targets.push({
      kind: 'database',
      engine: 'mysql',
      source: describeSource('MYSQL_HOST', origin.MYSQL_HOST),
      host: vars.MYSQL_HOST,
      ...(vars.MYSQL_DATABASE ? { database: vars.MYSQL_DATABASE } : {}),
      name: vars.MYSQL_DATABASE ?? vars.MYSQL_HOST,
    });
  }
  return dedupe(targets);
}

/**
 * One target per host of a libpq host list: libpq tries them in turn, so the client may reach
 * any of them, and the most dangerous decides (`host=localhost,db1.prod` is production).
 */
function everyHost(target: Target): Target[] {
  if (!target.hostList || target.hostList.length === 0) return [target];
  const entries = target.hostList;
  return entries.map((entry) => {
    // The list's own port, secret URL and socket were the first host's: each host has its own.
    const single: Target = { ...target, host: entry.host, name: target.database ?? entry.host };
    delete single.hostList;
    delete single.port;
    delete single.secretUrl;
    delete single.socket;
    const port = entry.port ?? (entries.every((other) => other.port === undefined) ? target.port : undefined);
    if (port) single.port = port;
    if (entry.secretUrl) single.secretUrl = entry.secretUrl;
    if (entry.host.startsWith('/')) single.socket = true;
    return single;
  });
}

function describeSource(variable: string, origin: string | undefined): string {
  return origin && origin !== 'environment' ? `${variable} (${origin})` : variable;
}

function databaseTarget(connection: NonNullable<ReturnType<typeof parseConnectionString>>, source: string): Target {
  return {
    kind: 'database',
    source,
    engine: connection.engine,
    name: connection.database ?? connection.host ?? 'localhost',
    url: connection.url,
    secretUrl: connection.secretUrl,
    ...(connection.host ? { host: connection.host } : {}),
    ...(connection.port ? { port: connection.port } : {}),
    ...(connection.database ? { database: connection.database } : {}),
    ...(connection.socket ? { socket: true } : {}),
    ...(connection.hosts ? { hostList: connection.hosts } : {}),
  };
}

/**
 * A libpq service (pg_service.conf) fills in what the line leaves out: what the line itself says
 * (`given`) wins, then the section, then PG* variables (fe-connect.c conninfo_add_defaults).
 */
function postgresServiceTarget(
  service: PgService,
  given: { host?: string | undefined; port?: string | undefined; user?: string | undefined; database?: string | undefined },
  vars: Readonly<Record<string, string>>,
  source: string,
): Target {
  const settings = service.settings;
  const first = (value: string | undefined) => value?.split(',')[0] || undefined;
  const hostValue = given.host ?? settings.host ?? settings.hostaddr ?? (vars.PGHOST || vars.PGHOSTADDR || undefined);
  const portValue = given.port ?? settings.port ?? vars.PGPORT;
  const host = first(hostValue);
  const port = Number(first(portValue)) || undefined;
  const hosts = hostList(hostValue, portValue);
  const user = given.user ?? settings.user ?? vars.PGUSER;
  const database = given.database ?? settings.dbname ?? vars.PGDATABASE ?? user;
  const place = { host, port, database, user };
  return {
    kind: 'database',
    engine: 'postgres',
    source,
    name: database ?? host ?? service.name,
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(database ? { database } : {}),
    ...(!host || host.startsWith('/') ? { socket: true } : {}),
    url: postgresUrl(place),
    // The probe connects as the client would, password included: never printed.
    secretUrl: postgresUrl({ ...place, password: settings.password ?? vars.PGPASSWORD }),
    from: `service "${service.name}" in ${service.file}`,
    alias: service.name,
    ...(hosts
      ? { hostList: hosts.map((entry) => ({ ...entry, secretUrl: postgresUrl({ ...place, ...entry, password: settings.password ?? vars.PGPASSWORD }) })) }
      : {}),
  };
}

function postgresFromEnvironment(vars: Record<string, string>): Target | undefined {
  const host = vars.PGHOST || vars.PGHOSTADDR || undefined;
  const database = vars.PGDATABASE || vars.PGUSER || undefined;
  if (!host && vars.PGSERVICE) {
    // A pg_service.conf entry: its host is not known here, but it is not "this machine" either.
    return { kind: 'database', engine: 'postgres', source: 'PGSERVICE', name: vars.PGSERVICE, database: vars.PGSERVICE, unresolved: true };
  }
  return {
    kind: 'database',
    engine: 'postgres',
    source: 'PGHOST/PGDATABASE',
    name: database ?? host ?? 'localhost',
    ...(host ? { host } : {}),
    ...(Number(vars.PGPORT) ? { port: Number(vars.PGPORT) } : {}),
    ...(database ? { database } : {}),
    ...(!host || host.startsWith('/') ? { socket: true } : {}),
    ...withHostList(host, vars.PGPORT),
  };
}

/** `-h a,b`, `PGHOST=a,b` (with `-p`/`PGPORT` lists): a host list, one target per host later. */
function withHostList(host: string | undefined, port: string | undefined): Pick<Target, 'hostList'> {
  const hosts = hostList(host, port);
  return hosts ? { hostList: hosts } : {};
}

function dedupe(targets: Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = `${target.kind}|${target.engine}|${target.host}|${target.port}|${target.database}|${target.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Databases named by a client's own arguments.

/** How a client reads its own options (knowledge/commands.ts): the one place arity is written. */
function clientScan(inv: Invocation) {
  return scanOptions(inv.args, clientOptionSpec(inv.name)!);
}

/** Migration tools that name their database in an option: flyway -url=, liquibase --url=, migrate -database. */
function migrationToolTarget(inv: Invocation): Target | undefined {
  const flags: Record<string, string[]> = {
    flyway: ['-url'],
    liquibase: ['--url', '--database-url'],
    migrate: ['-database', '--database'],
    dbmate: ['--url', '-u'],
    goose: [],
  };
  const names = flags[inv.name];
  if (!names) return undefined;
  for (let index = 0; index < inv.args.length; index++) {
    const value = inv.args[index]!.value;
    for (const flag of names) {
      const url = value === flag ? inv.args[index + 1]?.value : value.startsWith(`${flag}=`) ? value.slice(flag.length + 1) : undefined;
      const connection = url ? parseConnectionString(url) : undefined;
      if (connection) return databaseTarget(connection, `${inv.name} ${flag}`);
    }
  }
  // goose DRIVER DBSTRING COMMAND
  if (inv.name === 'goose') {
    const connection = inv.args.map((arg) => parseConnectionString(arg.value)).find(Boolean);
    if (connection) return databaseTarget(connection, 'goose argument');
  }
  return undefined;
}

/** `psql "$DATABASE_URL"` in a CI file: the variable is set where it runs, not here. */
function unresolvedClientTarget(inv: Invocation): Target | undefined {
  const unset = inv.args.filter((arg) => arg.value === '' && arg.unsetVariables.length > 0);
  // A connection word the file does not set (`-h ${PGHOST}`, `${DB}`) comes from where the
  // script runs: the target is unknown, never the next option shifted into its place.
  const word = unset.find((arg) => /URL|URI|DSN|DATABASE|DB/i.test(arg.unsetVariables[0]!)) ?? unset[0];
  if (!word) return undefined;
  const variable = word.unsetVariables[0]!;
  return { kind: 'database', source: `$${variable} (set where it runs)`, name: `$${variable}`, database: variable, unresolved: true };
}

function clientDatabaseTargets(inv: Invocation, facts: TargetFacts): Target[] {
  if (POSTGRES_CLIENTS.has(inv.name)) return [postgresClientTarget(inv, facts)];
  if (MYSQL_CLIENTS.has(inv.name)) return [mysqlClientTarget(inv, facts)];
  if (REDIS_CLIENTS.has(inv.name)) return [redisClientTarget(inv)];
  return [mongoClientTarget(inv)];
}

function postgresClientTarget(inv: Invocation, facts: TargetFacts): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const dbOption = optionValue(scan, '-d', '--dbname', '--maintenance-db');
  // psql/pg_dump take DBNAME first; dropdb/createdb take the database to act on.
  const dbWord = dbOption ?? positionals[0];
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
  const acting = ['dropdb', 'createdb'].includes(inv.name) ? positionals[0] : dbWord;
  const database = acting ?? fromEnv.database ?? optionValue(scan, '-U', '--username');
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
  const database = optionValue(scan, '-D', '--database') ?? acting ?? fromFiles.database ?? inv.env.MYSQL_DATABASE;
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

function mongoClientTarget(inv: Invocation): Target {
  const scan = clientScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const uri = optionValue(scan, '--uri') ?? positionals.find((p) => /^mongodb(\+srv)?:/.test(p));
  const connection = uri ? parseConnectionString(uri) : undefined;
  if (connection) return databaseTarget(connection, `${inv.name} argument`);
  const host = optionValue(scan, '--host') ?? positionals.find((p) => !p.endsWith('.js'))?.split('/')[0];
  return {
    kind: 'database',
    engine: 'mongodb',
    source: host ? `${inv.name} arguments` : 'default (localhost:27017)',
    name: host ?? 'localhost',
    host: host ?? 'localhost',
  };
}

// ---------------------------------------------------------------------------------------------
// Framework environments: RAILS_ENV=production says where an app points even without a URL.

function appTargets(inv: Invocation, facts: TargetFacts): Target[] {
  const { vars, origin } = appEnvironment(inv, facts);
  const targets: Target[] = [];
  const listed = new Set(ENVIRONMENT_VARIABLES);
  const variables = [
    ...ENVIRONMENT_VARIABLES,
    ...Object.keys(vars)
      .filter((name) => !listed.has(name) && isEnvironmentVariable(name))
      .sort(),
  ];
  for (const variable of variables) {
    const value = vars[variable];
    if (!value) continue;
    targets.push({ kind: 'app', source: describeSource(variable, origin[variable]), name: value, value });
  }
  // `php artisan migrate:fresh --env=production`, `sequelize db:drop --env production`,
  // `manage.py flush --settings=app.settings.production`.
  for (let index = 0; index < inv.args.length; index++) {
    const match = /^--(env|environment|settings|stage)(?:=(.*))?$/.exec(inv.args[index]!.value);
    if (!match) continue;
    const value = match[2] ?? inv.args[index + 1]?.value;
    if (value && !value.startsWith('-')) targets.push({ kind: 'app', source: `--${match[1]}`, name: value, value });
  }
  // `rails db:reset -e production` / `rake … RAILS_ENV=production`.
  if (['rails', 'rake'].includes(inv.name)) {
    const scan = scanOptions(inv.args, { shortWithValue: 'e', longWithValue: ['environment'] });
    const flag = optionValue(scan, '-e', '--environment');
    if (flag) targets.push({ kind: 'app', source: `${inv.name} --environment`, name: flag, value: flag });
    for (const arg of inv.args) {
      const match = /^(RAILS_ENV|RACK_ENV)=(.+)$/.exec(arg.value);
      if (match) targets.push({ kind: 'app', source: `${inv.name} argument ${match[1]}`, name: match[2]!, value: match[2]! });
    }
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Hosts, Kubernetes, cloud, Terraform.

/** `docker -H ssh://deploy@prod-web-1 …`, DOCKER_HOST, `--context production`: the daemon's host. */
function dockerDaemonTarget(inv: Invocation): Target | undefined {
  if (!['docker', 'docker-compose', 'podman'].includes(inv.name)) return undefined;
  const scan = scanOptions(inv.args, { shortWithValue: 'Hc', longWithValue: ['host', 'context', 'config', 'log-level'], stopAtPositional: true });
  const context = optionValue(scan, '--context', '-c') ?? inv.env.DOCKER_CONTEXT;
  const address = optionValue(scan, '-H', '--host') ?? inv.env.DOCKER_HOST;
  if (address && !address.startsWith('unix://') && !address.startsWith('npipe://')) {
    const host = address
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^[^@]*@/, '')
      .replace(/:\d+$/, '')
      .replace(/\/.*$/, '');
    const source = optionValue(scan, '-H', '--host') ? 'docker -H' : 'DOCKER_HOST';
    return { kind: 'host', source, name: host, host };
  }
  if (context && context !== 'default' && context !== 'desktop-linux' && context !== 'colima' && context !== 'orbstack') {
    return { kind: 'host', source: 'docker context', name: context, host: context };
  }
  return undefined;
}

/**
 * GitHub 2018: a failover is run from a laptop or a bastion, against a cluster it names —
 * orchestrator's instance (`-i`, `-a`, `-d`) or API, patroni's config file, DCS or cluster name.
 */
function topologyTargets(inv: Invocation): Target[] {
  const hostOf = (value: string) =>
    value
      .replace(/^[a-z+]+:\/\//, '')
      .replace(/^[^@/]*@/, '')
      .replace(/[:/].*$/, '');
  const targets: Target[] = [];
  if (inv.name === 'orchestrator-client' || inv.name === 'orchestrator') {
    const scan = scanOptions(inv.args, {
      shortWithValue: 'cidaosb',
      longWithValue: ['instance', 'destination', 'alias', 'owner', 'reason', 'duration', 'pattern', 'config'],
    });
    for (const flag of ['-i', '--instance', '-d', '--destination', '-a', '--alias']) {
      const value = optionValue(scan, flag);
      if (value) targets.push({ kind: 'host', source: `orchestrator ${flag}`, name: hostOf(value), host: hostOf(value) });
    }
    const api = inv.env.ORCHESTRATOR_API;
    if (api) targets.push({ kind: 'host', source: 'ORCHESTRATOR_API', name: hostOf(api), host: hostOf(api) });
  } else if (inv.name === 'patronictl') {
    const scan = scanOptions(inv.args, {
      shortWithValue: 'cdk',
      longWithValue: ['config-file', 'dcs-url', 'dcs', 'insecure', 'candidate', 'leader', 'master', 'primary', 'scheduled', 'group', 'member'],
    });
    const config = optionValue(scan, '-c', '--config-file') ?? inv.env.PATRONICTL_CONFIG_FILE;
    if (config) targets.push({ kind: 'host', source: 'patroni config', name: config.replace(/^.*\//, '').replace(/\.ya?ml$/, ''), host: config });
    const dcs = optionValue(scan, '-d', '--dcs-url', '--dcs');
    if (dcs) targets.push({ kind: 'host', source: 'patroni DCS', name: hostOf(dcs), host: hostOf(dcs) });
    const cluster = scan.positionals.map((i) => inv.args[i]!.value)[1];
    if (cluster) targets.push({ kind: 'host', source: 'patroni cluster', name: cluster, host: cluster });
  } else if (inv.name === 'repmgr') {
    const scan = scanOptions(inv.args, { shortWithValue: 'fhpUd', longWithValue: ['config-file', 'host', 'dbname'] });
    const host = optionValue(scan, '-h', '--host');
    if (host) targets.push({ kind: 'host', source: 'repmgr --host', name: host, host });
  }
  return targets;
}

/** A database on a Unix socket or a loopback address is on the host the client runs on. */
function onItsHost(target: Target, inv: Invocation, facts: TargetFacts): Target {
  if (target.unresolved || target.engine === 'sqlite') return target;
  if (!target.socket && !isLoopback(target.host ?? 'localhost')) return target;
  return { ...target, onHost: socketHost(inv, facts) };
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.startsWith('/') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}

/** The machine a client's localhost is: `kubectl exec` is inside the cluster of its context,
 *  `docker exec` on the daemon's host (this machine unless DOCKER_HOST/-H/--context say otherwise). */
function socketHost(inv: Invocation, facts: TargetFacts): Target {
  const host = inv.host;
  if (host.kind === 'container' && host.runtime === 'kubectl') {
    const context = host.kubeContext ?? facts.kubeCurrentContext;
    if (context)
      return withKubeconfig(
        [{ kind: 'kube', source: host.kubeContext ? '--context' : 'kubeconfig current-context', name: context }],
        inv,
        facts,
        kubeconfigOf(inv, facts),
      )[0]!;
    return { kind: 'host', source: 'pod', name: host.name, host: host.name };
  }
  if (host.kind === 'container' && host.runtime === 'docker') {
    if (host.daemon) return { kind: 'host', source: 'docker daemon', name: host.daemon, host: host.daemon };
    return { kind: 'host', source: 'this host', name: facts.hostname, host: facts.hostname };
  }
  if (host.kind === 'container') return { kind: 'host', source: `${host.runtime} app`, name: host.name, host: host.name };
  return hostTarget(inv, facts);
}

function hostTarget(inv: Invocation, facts: TargetFacts): Target {
  switch (inv.host.kind) {
    case 'local':
      return dockerDaemonTarget(inv) ?? { kind: 'host', source: 'this host', name: facts.hostname, host: facts.hostname };
    case 'ssh':
      return { kind: 'host', source: 'ssh destination', name: inv.host.destination, host: inv.host.destination };
    case 'container':
      return { kind: 'host', source: `${inv.host.runtime} exec`, name: inv.host.name, host: inv.host.name };
  }
}

/**
 * A kube target with what its kubeconfig says about the context: cluster, server, namespace and
 * the file (issue 14). `--cluster NAME` replaces the context's cluster as kubectl does; with no
 * context at all the cluster itself is the target.
 */
function withKubeconfig(targets: Target[], inv: Invocation, facts: TargetFacts, config: KubeconfigFacts | undefined): Target[] {
  const scan = KUBE_CLIENTS.has(inv.name)
    ? scanOptions(inv.args, { longWithValue: ['context', 'kube-context', 'kubeconfig', 'namespace', 'cluster'] })
    : undefined;
  const clusterFlag = scan ? optionValue(scan, '--cluster') : undefined;
  const namespaceFlag = scan ? optionValue(scan, '--namespace', '-n') : undefined;
  if (targets.length === 0 && clusterFlag) {
    const cluster = config?.clusters[clusterFlag];
    return [
      {
        kind: 'kube',
        source: '--cluster',
        name: clusterFlag,
        kube: { cluster: clusterFlag, ...(cluster?.server ? { server: cluster.server } : {}), ...(cluster ? { file: cluster.file } : {}) },
      },
    ];
  }
  return targets.map((target) => {
    if (target.kind !== 'kube' || target.unresolved) return target;
    const context = config?.contexts[target.name];
    const cluster = clusterFlag ?? context?.cluster;
    const server = clusterFlag ? config?.clusters[clusterFlag]?.server : context?.server;
    const namespace = namespaceFlag ?? context?.namespace;
    if (!context && !clusterFlag) return target;
    return {
      ...target,
      kube: {
        ...(cluster ? { cluster } : {}),
        ...(server ? { server } : {}),
        ...(namespace ? { namespace } : {}),
        ...(context ? { file: context.file } : {}),
      },
    };
  });
}

/** The kubeconfig a kube client reads: `--kubeconfig F` / `KUBECONFIG=F` on the line, else the one in effect. */
function kubeconfigOf(inv: Invocation, facts: TargetFacts): KubeconfigFacts | undefined {
  const scan = KUBE_CLIENTS.has(inv.name)
    ? scanOptions(inv.args, { longWithValue: ['context', 'kube-context', 'kubeconfig', 'namespace', 'cluster'] })
    : undefined;
  const file = (scan ? optionValue(scan, '--kubeconfig') : undefined) ?? inv.assigned.KUBECONFIG?.split(':')[0];
  return file ? facts.kubeconfigFiles?.[resolveFile(inv.cwd, file)] : facts.kubeconfig;
}

function kubeTargets(inv: Invocation, facts: TargetFacts): Target[] {
  return withKubeconfig(kubeTargetsByName(inv, facts), inv, facts, kubeconfigOf(inv, facts));
}

function kubeTargetsByName(inv: Invocation, facts: TargetFacts): Target[] {
  if (inv.host.kind === 'container' && inv.host.runtime === 'kubectl') {
    if (inv.host.kubeContext) return [{ kind: 'kube', source: '--context', name: inv.host.kubeContext }];
    return facts.kubeCurrentContext ? [{ kind: 'kube', source: 'kubeconfig current-context', name: facts.kubeCurrentContext }] : [];
  }
  if (!KUBE_CLIENTS.has(inv.name)) return [];
  const helm = inv.name === 'helm' || inv.name === 'helmfile';
  const scan = scanOptions(inv.args, {
    ...(helm ? {} : { shortWithValue: 's' }),
    longWithValue: ['context', 'kube-context', 'kubeconfig', 'namespace', 'cluster', 'server', 'kube-apiserver', 'user'],
  });
  // `--cluster NAME` and `--server URL` pick the cluster itself, overriding the context's: what
  // they name is touched whatever the context says, so they are targets beside it (issue 11).
  const overrides: Target[] = [];
  const cluster = optionValue(scan, '--cluster');
  if (cluster) overrides.push({ kind: 'kube', source: '--cluster', name: cluster });
  const server = helm ? optionValue(scan, '--kube-apiserver') : optionValue(scan, '--server', '-s');
  if (server) {
    const host = server
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[:/].*$/, '')
      .replace(/^\[(.*)\]$/, '$1');
    if (host) overrides.push({ kind: 'kube', source: helm ? '--kube-apiserver' : '--server', name: host });
  }
  return [...contextTargets(inv, scan, facts), ...overrides];
}

/** The context a kube client uses: named on the line, switched to earlier in it, from a kubeconfig it names, or kubeconfig's current-context. */
function contextTargets(inv: Invocation, scan: ReturnType<typeof scanOptions>, facts: TargetFacts): Target[] {
  const flag = optionValue(scan, '--context', '--kube-context');
  if (flag) return [{ kind: 'kube', source: `--${inv.name === 'helm' ? 'kube-context' : 'context'}`, name: flag }];
  // `kubectl config use-context prod && kubectl delete …`: the line itself switched context.
  if (inv.session?.kubeContext) return [{ kind: 'kube', source: 'context switched earlier in the line', name: inv.session.kubeContext }];
  const file = optionValue(scan, '--kubeconfig') ?? inv.assigned.KUBECONFIG?.split(':')[0];
  if (file) {
    const fromFile = facts.kubeconfigContexts?.[resolveFile(inv.cwd, file)];
    return fromFile
      ? [{ kind: 'kube', source: `current-context of ${file}`, name: fromFile }]
      : [{ kind: 'kube', source: `kubeconfig ${file}`, name: file, unresolved: true }];
  }
  const current = facts.kubeCurrentContext;
  return current ? [{ kind: 'kube', source: 'kubeconfig current-context', name: current }] : [];
}

const AWS_RESOURCE_OPTIONS = [
  'db-instance-identifier',
  'db-cluster-identifier',
  'function-name',
  'table-name',
  'bucket',
  'stack-name',
  'cluster',
  'cache-cluster-id',
  'replication-group-id',
  'domain-name',
  'file-system-id',
  'volume-id',
  'instance-ids',
  'key-id',
  'secret-id',
];

function cloudTargets(inv: Invocation): Target[] {
  const targets: Target[] = [];
  if (inv.name === 'aws') {
    const scan = scanOptions(inv.args, { longWithValue: ['profile', 'region', 'output', 'endpoint-url', ...AWS_RESOURCE_OPTIONS] });
    for (const option of scan.options) {
      const name = option.flag.slice(2);
      if (AWS_RESOURCE_OPTIONS.includes(name) && option.value) targets.push({ kind: 'cloud', engine: 'aws', source: `--${name}`, name: option.value });
    }
    // `aws s3 sync SRC DEST` changes only DEST: a production source bucket is only read.
    const words = scan.positionals.map((index) => inv.args[index]!.value);
    const touched = words[0] === 's3' && words[1] === 'sync' ? scan.positionals.slice(-1) : scan.positionals;
    for (const index of touched) {
      const bucket = /^s3:\/\/([^/]*)/.exec(inv.args[index]!.value)?.[1];
      if (bucket !== undefined) targets.push({ kind: 'cloud', engine: 'aws', source: 's3 bucket', name: bucket });
    }
    const profile = optionValue(scan, '--profile') ?? inv.env.AWS_PROFILE ?? inv.env.AWS_DEFAULT_PROFILE;
    if (profile) targets.push({ kind: 'cloud', engine: 'aws', source: optionValue(scan, '--profile') ? '--profile' : 'AWS_PROFILE', name: profile });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'aws', source: 'default AWS account', name: 'default' });
  } else if (inv.name === 'gsutil') {
    for (const arg of syncDestination(inv) ?? inv.args) {
      const bucket = /^gs:\/\/([^/]+)/.exec(arg.value)?.[1];
      if (bucket) targets.push({ kind: 'cloud', engine: 'gcp', source: 'gs bucket', name: bucket });
    }
    const project = inv.env.CLOUDSDK_CORE_PROJECT ?? inv.env.GOOGLE_CLOUD_PROJECT;
    if (project) targets.push({ kind: 'cloud', engine: 'gcp', source: 'CLOUDSDK_CORE_PROJECT', name: project });
  } else if (inv.name === 'gcloud') {
    for (const arg of syncDestination(inv) ?? inv.args) {
      const bucket = /^gs:\/\/([^/]+)/.exec(arg.value)?.[1];
      if (bucket) targets.push({ kind: 'cloud', engine: 'gcp', source: 'gs bucket', name: bucket });
    }
    const scan = scanOptions(inv.args, { longWithValue: ['project', 'region', 'zone', 'format', 'account', 'configuration', 'instance'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset' || p === 'restore-backup' || p === 'patch');
    if (verb !== -1) for (const name of positionals.slice(verb + 1)) targets.push({ kind: 'cloud', engine: 'gcp', source: 'resource', name });
    const project = optionValue(scan, '--project') ?? inv.env.CLOUDSDK_CORE_PROJECT ?? inv.env.GOOGLE_CLOUD_PROJECT;
    if (project) targets.push({ kind: 'cloud', engine: 'gcp', source: optionValue(scan, '--project') ? '--project' : 'CLOUDSDK_CORE_PROJECT', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'gcp', source: 'default project', name: 'default' });
  } else if (inv.name === 'heroku') {
    const scan = scanOptions(inv.args, { shortWithValue: 'ar', longWithValue: ['app', 'remote', 'confirm'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // `heroku apps:destroy APP` names the app as its argument; `--confirm APP` repeats it.
    const named = positionals[0] === 'apps:destroy' || positionals[0] === 'destroy' ? positionals[1] : undefined;
    const flagged = optionValue(scan, '-a', '--app');
    const app = flagged ?? named ?? inv.env.HEROKU_APP ?? optionValue(scan, '--confirm');
    const source = flagged ? '--app' : named ? 'app argument' : inv.env.HEROKU_APP ? 'HEROKU_APP' : '--confirm';
    targets.push(
      app ? { kind: 'cloud', engine: 'heroku', source, name: app } : { kind: 'cloud', engine: 'heroku', source: 'git remote (unknown app)', name: 'heroku' },
    );
    const addon = positionals.slice(1).find((p) => /^[A-Z_]*DATABASE(_URL)?$|^postgresql-/.test(p));
    if (addon) targets.push({ kind: 'cloud', engine: 'heroku', source: 'database add-on', name: addon });
  } else if (inv.name === 'azcopy' || inv.name === 'mc') {
    // The storage account (azcopy URLs) or the configured alias (mc ALIAS/bucket) is the target.
    for (const arg of inv.args) {
      const account = /^https:\/\/([^./]+)\.(?:blob|dfs|file)\.core\.windows\.net/.exec(arg.value)?.[1];
      const alias = inv.name === 'mc' && !arg.value.startsWith('-') && /^[A-Za-z0-9_-]+\/[^/]/.exec(arg.value) ? arg.value.split('/')[0] : undefined;
      if (account ?? alias)
        targets.push({
          kind: 'cloud',
          engine: inv.name === 'mc' ? 'minio' : 'azure',
          source: inv.name === 'mc' ? 'mc alias' : 'storage account',
          name: (account ?? alias)!,
        });
    }
    if (targets.length === 0)
      targets.push({ kind: 'cloud', engine: inv.name === 'mc' ? 'minio' : 'azure', source: 'storage named at run time', name: 'unknown' });
  } else if (inv.name === 'pulumi' || inv.name === 'cdk' || inv.name === 'doctl') {
    // The stack or account comes from the working directory or the CLI's context when not named.
    const scan = scanOptions(inv.args, { shortWithValue: 'sCt', longWithValue: ['stack', 'cwd', 'context', 'access-token', 'profile'] });
    const words = scan.positionals.map((i) => inv.args[i]!.value);
    // `pulumi stack rm NAME` names the stack as its argument.
    const removed = inv.name === 'pulumi' && words[0] === 'stack' && words[1] === 'rm' ? words[2] : undefined;
    const stack =
      optionValue(scan, '-s', '--stack', '--context', '--profile') ?? removed ?? inv.env.PULUMI_STACK ?? inv.env.AWS_PROFILE ?? inv.env.DIGITALOCEAN_CONTEXT;
    targets.push(
      stack
        ? { kind: 'cloud', engine: inv.name, source: 'stack or context', name: stack }
        : { kind: 'cloud', engine: inv.name, source: 'current stack or context', name: 'current' },
    );
  } else if (inv.name === 'fly' || inv.name === 'flyctl') {
    // `fly apps destroy APP`, `fly volumes destroy VOL -a APP`: the app, else fly.toml's.
    const scan = scanOptions(inv.args, { shortWithValue: 'ac', longWithValue: ['app', 'config', 'org', 'access-token', 'region'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'destroy' || p === 'delete');
    const appCommand = positionals[0] === 'apps' || positionals[0] === 'destroy' || positionals[0] === 'apps:destroy';
    const flagged = optionValue(scan, '-a', '--app');
    const named = appCommand && verb !== -1 ? positionals[verb + 1] : undefined;
    const app = flagged ?? named ?? inv.env.FLY_APP;
    targets.push(
      app
        ? { kind: 'cloud', engine: 'fly', source: flagged ? '--app' : named ? 'app argument' : 'FLY_APP', name: app }
        : { kind: 'cloud', engine: 'fly', source: "fly.toml's app", name: 'current' },
    );
    if (!appCommand && verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'fly', source: 'resource', name: positionals[verb + 1]! });
  } else if (inv.name === 'supabase') {
    // `db reset --linked` resets the linked project's database; `--db-url` names one.
    const scan = scanOptions(inv.args, { longWithValue: ['db-url', 'project-ref', 'workdir', 'profile'] });
    const url = optionValue(scan, '--db-url');
    const ref = optionValue(scan, '--project-ref') ?? inv.env.SUPABASE_PROJECT_ID;
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete');
    if (url) {
      const host = parseConnectionString(url)?.host;
      targets.push({ kind: 'cloud', engine: 'supabase', source: '--db-url', name: host ?? url });
    }
    if (ref) targets.push({ kind: 'cloud', engine: 'supabase', source: '--project-ref', name: ref });
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'supabase', source: 'resource', name: positionals[verb + 1]! });
    const linked = scan.options.some((option) => option.flag === '--linked');
    if (targets.length === 0 && positionals[0] === 'db' && !linked)
      targets.push({ kind: 'cloud', engine: 'supabase', source: 'local stack (no --linked or --db-url)', name: 'localhost' });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'supabase', source: 'linked project', name: 'linked' });
  } else if (inv.name === 'neonctl' || inv.name === 'neon') {
    // `neonctl branches delete main --project-id P`: the branch (or project) named, in the project.
    const scan = scanOptions(inv.args, { longWithValue: ['project-id', 'branch', 'api-key', 'context-file', 'output', 'org-id'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset');
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'neon', source: 'resource', name: positionals[verb + 1]! });
    const branch = optionValue(scan, '--branch');
    if (branch) targets.push({ kind: 'cloud', engine: 'neon', source: '--branch', name: branch });
    const project = optionValue(scan, '--project-id');
    if (project) targets.push({ kind: 'cloud', engine: 'neon', source: '--project-id', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'neon', source: 'current project', name: 'current' });
  } else if (inv.name === 'az') {
    const scan = scanOptions(inv.args, { shortWithValue: 'ng', longWithValue: ['name', 'resource-group', 'subscription', 'server'] });
    for (const flag of ['--name', '-n', '--resource-group', '-g', '--server', '--subscription']) {
      const value = optionValue(scan, flag);
      if (value) targets.push({ kind: 'cloud', engine: 'azure', source: flag, name: value });
    }
    const subscription = inv.env.AZURE_SUBSCRIPTION_ID ?? inv.env.AZURE_DEFAULTS_GROUP;
    if (targets.length === 0)
      targets.push(
        subscription
          ? { kind: 'cloud', engine: 'azure', source: 'AZURE_SUBSCRIPTION_ID', name: subscription }
          : { kind: 'cloud', engine: 'azure', source: 'default subscription', name: 'default' },
      );
  }
  // A name a variable fills only at run time (`s3://$BUCKET`, `projects delete "$P"` in CI) reads
  // as nothing here: say so rather than print an empty name.
  return targets.map((target) => (target.name === '' ? { ...target, name: '(named at run time)' } : target));
}

/** `gsutil rsync SRC DEST`, `gcloud storage rsync SRC DEST`: only DEST is changed (a source bucket is read). */
function syncDestination(inv: Invocation): Invocation['args'] | undefined {
  const scan = scanOptions(inv.args, {
    shortWithValue: inv.name === 'gsutil' ? 'hopuxjJ' : '',
    longWithValue: ['project', 'exclude', 'account', 'configuration'],
  });
  const words = scan.positionals.map((index) => inv.args[index]!.value);
  const rsync = inv.name === 'gsutil' ? words[0] === 'rsync' : words[0] === 'storage' && words[1] === 'rsync';
  return rsync && scan.positionals.length > 0 ? [inv.args[scan.positionals.at(-1)!]!] : undefined;
}

function resolveFile(cwd: string, file: string): string {
  return file.startsWith('/') ? file : `${(cwd || '/').replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}

function workspaceTargets(inv: Invocation, facts: TargetFacts): Target[] {
  if (!['terraform', 'tofu', 'terragrunt'].includes(inv.name)) return [];
  const targets: Target[] = [];
  const scan = scanOptions(inv.args, { singleDashWithValue: ['chdir', 'var-file', 'var', 'target', 'state', 'backend-config'] });
  const workspace = inv.env.TF_WORKSPACE ?? inv.session?.terraformWorkspace ?? facts.terraformWorkspace;
  const workspaceSource = inv.env.TF_WORKSPACE
    ? 'TF_WORKSPACE'
    : inv.session?.terraformWorkspace
      ? 'workspace selected earlier in the line'
      : '.terraform/environment';
  if (workspace) targets.push({ kind: 'workspace', source: workspaceSource, name: workspace });
  for (const option of scan.options) {
    if ((option.flag === '-var-file' || option.flag === '-chdir' || option.flag === '-backend-config') && option.value) {
      targets.push({ kind: 'workspace', source: option.flag, name: option.value });
    }
  }
  if (inv.cwd) targets.push({ kind: 'workspace', source: 'working directory', name: inv.cwd });
  return targets;
}
