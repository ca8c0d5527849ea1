// Databases named by the environment an app or test suite sees: DATABASE_URL and friends, PG*/MYSQL_*
// variables, PGSERVICE, and the .env files the app would load (Travis CI 2018: a test run's env).

import type { Invocation, Target } from '../types.js';
import { hostList, parseConnectionString, postgresUrl } from '../parse/connection.js';
import { clientHome, findPgService, type PgService } from './connection-files.js';
import type { TargetFacts } from './facts.js';
import { TEST_RUNNER_PROGRAMS } from '../knowledge/tools.js';
import { dict } from '../util/dict.js';

// ---------------------------------------------------------------------------------------------
// Databases named by environment variables (what an app or test suite would connect to).

const DATABASE_URL_VARIABLE =
  /^(?:[A-Z0-9_]*_)?(DATABASE_URL|DB_URL|DATABASE_URI|REDIS_URL|REDIS_TLS_URL|MONGO_URL|MONGO_URI|MONGODB_URL|MONGODB_URI|FLYWAY_URL|DATASOURCE_URL|LIQUIBASE_COMMAND_URL|JDBC_URL)$/;

/** The environment an app command sees: its env over the `.env` files it would load (dotenv never overrides). */
/** Test runners load `.env.test` themselves (the list: knowledge/tools.ts). */
const TEST_RUNNERS = new Set(TEST_RUNNER_PROGRAMS);
const TEST_SUBCOMMANDS: Record<string, RegExp> = dict({
  npm: /^(test|t|run)$/,
  yarn: /^test/,
  pnpm: /^test/,
  // Rake namespaces with ':' (`test:system`); `test_checker` is a project's own task.
  rails: /^(test|spec|t)(:|$)/,
  rake: /^(test|spec)(:|$)/,
  go: /^test$/,
  mix: /^test$/,
  bun: /^test$/,
  // End-to-end suites seed and clean the database they are pointed at, like unit suites.
  playwright: /^test$/,
  cypress: /^run$/,
  wdio: /^run$/,
});

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

export function serviceLookup(inv: Invocation, facts: TargetFacts): ServiceLookup | undefined {
  const home = clientHome(inv, facts.home);
  const files = facts.connectionFiles;
  if (!files || !home || inv.host.kind !== 'local') return undefined;
  return (name, vars) => findPgService({ ...inv, env: vars }, name, home, files);
}

/** A CI secret or expression a CI file passes where a URL or a host goes (`${{ secrets.DATABASE_URL }}`). */
export const CI_EXPRESSION = /\$\{\{|secrets\./;

/**
 * A client's connection word that is a CI expression (`psql "${{ secrets.DATABASE_URL }}"`,
 * `redis-cli -u "$REDIS_URL"` with the variable set to one): read as a database name on
 * localhost it was "local" and never judged. Its value is only known where the job runs: the
 * target is unresolved, named by the expression (whose name may say production, and which a
 * job's `environment: production` then decides).
 */
export function unresolvedCiExpression(target: Target): Target {
  const word = [target.url, target.host, target.database].find((value) => value !== undefined && CI_EXPRESSION.test(value));
  if (word === undefined || target.unresolved) return target;
  const expression = /\$\{\{[\s\S]*?\}\}/.exec(word)?.[0] ?? word;
  return {
    kind: 'database',
    source: target.source,
    name: expression.replace(/^\$\{\{\s*|\s*\}\}$/g, ''),
    database: expression,
    unresolved: true,
    ...(target.engine ? { engine: target.engine } : {}),
  };
}

export function environmentDatabaseTargets(environment: { vars: Record<string, string>; origin: Record<string, string> }, lookup?: ServiceLookup): Target[] {
  const { vars, origin } = environment;
  const targets: Target[] = [];
  for (const [key, value] of Object.entries(vars)) {
    if (!DATABASE_URL_VARIABLE.test(key) || value.trim() === '') continue;
    const connection = parseConnectionString(value);
    if (connection) targets.push(databaseTarget(connection, describeSource(key, origin[key])));
    else if (CI_EXPRESSION.test(value) || /\$\{?[A-Za-z_]/.test(value)) {
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
export function everyHost(target: Target): Target[] {
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

export function describeSource(variable: string, origin: string | undefined): string {
  return origin && origin !== 'environment' ? `${variable} (${origin})` : variable;
}

export function databaseTarget(connection: NonNullable<ReturnType<typeof parseConnectionString>>, source: string): Target {
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
export function postgresServiceTarget(
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

export function postgresFromEnvironment(vars: Record<string, string>): Target | undefined {
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
export function withHostList(host: string | undefined, port: string | undefined): Pick<Target, 'hostList'> {
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
