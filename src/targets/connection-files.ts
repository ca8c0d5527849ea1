// Which connection files a database client would read, and what they say about its server.
// Pure: the edge (context/gather.ts) reads the files this module names and hands them back as
// data; target resolution asks them for a libpq service or a MySQL client's options.

import type { Invocation } from '../types.js';
import { CONNECTION_FILES, clientSpec } from '../knowledge/commands.js';
import { clientOptionSpec, hasFlag, optionValue, scanOptions } from '../parse/options.js';
import { parseConnectionString } from '../parse/connection.js';

/** One option a MySQL client read, with the file and group it came from. */
export interface MysqlOption {
  group: string;
  key: string;
  value?: string;
  file: string;
}

/** A connection file as the edge read it, by absolute path. */
export type ConnectionFile =
  { kind: 'pg-service'; sections: Readonly<Record<string, Readonly<Record<string, string>>>> } | { kind: 'mysql-options'; options: readonly MysqlOption[] };

export interface ConnectionFileRequest {
  path: string;
  kind: 'pg-service' | 'mysql-options' | 'mylogin';
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? `${home.replace(/\/+$/, '')}${path.slice(1)}` : path;
}

function absolute(path: string, cwd: string): string {
  return path.startsWith('/') ? path : `${(cwd || '/').replace(/\/+$/, '')}/${path.replace(/^\.\//, '')}`;
}

/** The home directory whose dot files the client reads. */
export function clientHome(inv: Invocation, fallback: string | undefined): string | undefined {
  return inv.env.HOME || fallback;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: pg_service.conf.

/** The service files libpq would search, in order: the user's file, then the system one. */
export function pgServiceFiles(env: Readonly<Record<string, string>>, home: string, cwd: string): string[] {
  const user = env.PGSERVICEFILE || expandHome(CONNECTION_FILES.pgServiceUser, home);
  const system = `${(env.PGSYSCONFDIR || CONNECTION_FILES.pgServiceSystemDirectory).replace(/\/+$/, '')}/pg_service.conf`;
  return [absolute(user, cwd), absolute(system, cwd)];
}

/** The word a PostgreSQL client takes its database or connection string from (`-d`, else the first word). */
export function postgresDatabaseWord(inv: Invocation): string | undefined {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  return optionValue(scan, '-d', '--dbname', '--maintenance-db') ?? (scan.positionals[0] === undefined ? undefined : inv.args[scan.positionals[0]]!.value);
}

/** The libpq service a PostgreSQL client would use: `service=` in its connection string, else PGSERVICE. */
export function postgresServiceName(inv: Invocation): string | undefined {
  const word = postgresDatabaseWord(inv);
  const connection = word ? parseConnectionString(word) : undefined;
  return connection?.service || inv.env.PGSERVICE || undefined;
}

export interface PgService {
  name: string;
  file: string;
  settings: Readonly<Record<string, string>>;
}

/** A service's settings from the first file that defines it (libpq stops there), if any does. */
export function findPgService(inv: Invocation, name: string, home: string, files: Readonly<Record<string, ConnectionFile>>): PgService | undefined {
  for (const file of pgServiceFiles(inv.env, home, inv.cwd)) {
    const read = files[file];
    if (read?.kind !== 'pg-service') continue;
    const settings = read.sections[name];
    if (settings) return { name, file, settings };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// MySQL: option files and the login path file.

interface MysqlDefaults {
  /** Option files in the order the client reads them (the login file last). */
  files: ConnectionFileRequest[];
  /** Groups the client takes options from. */
  groups: string[];
  loginPath?: string;
}

/** What a MySQL client's command line and environment say about the option files it reads. */
export function mysqlDefaults(inv: Invocation, home: string): MysqlDefaults | undefined {
  const spec = clientSpec(inv.name);
  if (spec?.engine !== 'mysql' || inv.name === 'mysqlsh') return undefined;
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  const only = optionValue(scan, '--defaults-file');
  const extra = optionValue(scan, '--defaults-extra-file');
  const suffix = optionValue(scan, '--defaults-group-suffix') ?? inv.env.MYSQL_GROUP_SUFFIX;
  const loginPath = optionValue(scan, '--login-path');
  const files: ConnectionFileRequest[] = [];
  const optionFile = (path: string): ConnectionFileRequest => ({ path: absolute(expandHome(path, home), inv.cwd), kind: 'mysql-options' });
  if (hasFlag(scan, '--no-defaults')) {
    // Only the login file.
  } else if (only) files.push(optionFile(only));
  else {
    for (const path of CONNECTION_FILES.mysqlGlobal) files.push(optionFile(path));
    if (inv.env.MYSQL_HOME) files.push(optionFile(`${inv.env.MYSQL_HOME.replace(/\/+$/, '')}/my.cnf`));
    if (extra) files.push(optionFile(extra));
    files.push(optionFile(CONNECTION_FILES.mysqlUser));
  }
  files.push({ path: absolute(inv.env.MYSQL_TEST_LOGIN_FILE || expandHome(CONNECTION_FILES.mysqlLogin, home), inv.cwd), kind: 'mylogin' });
  const base = [...(spec.optionGroups ?? ['client']), ...(loginPath ? [loginPath] : [])];
  const groups = suffix ? [...base, ...base.map((group) => `${group}${suffix}`)] : base;
  return { files, groups, ...(loginPath ? { loginPath } : {}) };
}

export interface MysqlSettings {
  host?: string;
  port?: string;
  user?: string;
  socket?: string;
  database?: string;
  protocol?: string;
  password?: string;
  /** Where the server (host, else socket) was named: `/home/x/.my.cnf [client]`. */
  from?: string;
  loginPath?: string;
}

const MYSQL_SETTINGS = ['host', 'port', 'user', 'socket', 'database', 'protocol', 'password'] as const;

/** The connection settings a MySQL client would take from its option files: the last value read wins. */
export function mysqlFileSettings(defaults: MysqlDefaults, files: Readonly<Record<string, ConnectionFile>>): MysqlSettings {
  const settings: MysqlSettings = {};
  const origin: Partial<Record<(typeof MYSQL_SETTINGS)[number], string>> = {};
  const groups = new Set(defaults.groups);
  for (const request of defaults.files) {
    const read = files[request.path];
    if (read?.kind !== 'mysql-options') continue;
    for (const option of read.options) {
      if (!groups.has(option.group)) continue;
      const key = MYSQL_SETTINGS.find((name) => name === option.key);
      if (!key || option.value === undefined) continue;
      settings[key] = option.value;
      origin[key] = `${option.file} [${option.group}]`;
    }
  }
  const from = origin.host ?? origin.socket;
  return { ...settings, ...(from ? { from } : {}), ...(defaults.loginPath ? { loginPath: defaults.loginPath } : {}) };
}

// ---------------------------------------------------------------------------------------------
// What the edge reads for a line.

/** The connection files a line's database clients would read (only clients run on this machine). */
export function connectionFilesFor(
  invocations: readonly Invocation[],
  home: string,
  apps: { environments: boolean; envFiles?: Readonly<Record<string, Readonly<Record<string, string>>>> } = { environments: false },
): ConnectionFileRequest[] {
  const requests = new Map<string, ConnectionFileRequest>();
  // An app (a test suite, a rake task) whose environment or .env files name a PGSERVICE: only
  // when a rule judges that command's database (the edge then reads its .env files too).
  const appService = apps.environments && Object.values(apps.envFiles ?? {}).some((file) => !!file.PGSERVICE);
  for (const inv of invocations) {
    if (inv.host.kind !== 'local') continue;
    const clientHomeDir = clientHome(inv, home) ?? home;
    const engine = clientSpec(inv.name)?.engine;
    if ((engine === 'postgres' && postgresServiceName(inv)) || (!engine && apps.environments && (inv.env.PGSERVICE || appService))) {
      for (const path of pgServiceFiles(inv.env, clientHomeDir, inv.cwd)) requests.set(path, { path, kind: 'pg-service' });
    } else if (engine === 'mysql') {
      for (const request of mysqlDefaults(inv, clientHomeDir)?.files ?? []) requests.set(request.path, request);
    }
  }
  return [...requests.values()];
}
