// Connection strings → host, port, database. PostgreSQL URLs and libpq key=value strings go
// through pg-connection-string (the parser node-postgres itself uses); other schemes (mysql,
// redis, mongodb) through the WHATWG URL parser. Passwords are kept only in `secretUrl`, which is
// never printed.

import { parse as parsePgConnectionString } from 'pg-connection-string';
import { redact } from '../util/redact.js';
import { dict } from '../util/dict.js';

export interface Connection {
  engine: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** libpq `service=NAME`: a section of pg_service.conf that fills in what the string leaves out. */
  service?: string;
  /** Unix socket directory or SQLite file: on this machine. */
  socket?: boolean;
  /** Password-free URL for display. */
  url: string;
  /** The original string, password included: only for probing. */
  secretUrl: string;
  /**
   * libpq host lists (`host=a,b`, `postgresql://a:5432,b:5433/db`): libpq tries each in turn, so
   * each is a server the client may reach. `host`/`port` above are the first.
   */
  hosts?: HostEntry[];
}

/** One server of a libpq host list, with a single-host URL for the probe. */
export interface HostEntry {
  host: string;
  port?: number;
  secretUrl?: string;
}

const ENGINES: Record<string, string> = dict({
  postgres: 'postgres',
  postgresql: 'postgres',
  postgis: 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  redis: 'redis',
  rediss: 'redis',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  file: 'sqlite',
  sqlserver: 'sqlserver',
  mssql: 'sqlserver',
  cockroachdb: 'postgres',
  clickhouse: 'clickhouse',
  ecto: 'postgres',
});

export function parseConnectionString(text: string): Connection | undefined {
  const parsed = parseConnectionStringOnce(text);
  if (parsed) return parsed;
  // Drivers such as SQLAlchemy accept a password with an unencoded `/`, `#` or `@`
  // (postgres://app:pa/ss@host/db): encode the user info up to the last `@` and try again.
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^\s]*)@([^@\s]*)$/i.exec(text.trim());
  if (!match) return undefined;
  const [user, ...password] = match[2]!.split(':');
  const encoded = `${match[1]}${encodeURIComponent(decodeSafely(user!))}${password.length > 0 ? `:${encodeURIComponent(decodeSafely(password.join(':')))}` : ''}@${match[3]}`;
  const retried = parseConnectionStringOnce(encoded);
  return retried ? { ...retried, url: redact(text), secretUrl: encoded } : undefined;
}

/** Percent-decoding that keeps text which is not percent-encoding (`%kernel.project_dir%`, a
 *  Symfony parameter in a DSN's path) as written instead of throwing. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseConnectionStringOnce(text: string): Connection | undefined {
  // JDBC URLs (Flyway, Liquibase, Spring): `jdbc:postgresql://host:5432/db` is a postgresql URL.
  const value = text.trim().replace(/^jdbc:/i, '');
  if (value === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme) {
    // libpq keyword/value form: "host=db1 dbname=app user=x".
    if (
      /^\s*(host|hostaddr|port|dbname|user|service|password|sslmode|options|application_name|connect_timeout)\s*=/.test(value) ||
      /\b(host|dbname|hostaddr|service)\s*=/.test(value)
    )
      return fromKeywordValue(value);
    return undefined;
  }
  const engine = ENGINES[scheme.replace(/\+.*$/, '')] ?? ENGINES[scheme];
  if (!engine) return undefined;
  if (engine === 'sqlite') {
    return { engine, socket: true, database: value.replace(/^[a-z0-9+]+:(\/\/)?/i, ''), url: redact(value), secretUrl: value };
  }
  if (engine === 'postgres') {
    const url = value.replace(/^[a-z0-9+.-]+:/i, 'postgres:').replace(/;.*$/, '');
    return fromPgHostList(engine, url, text.trim()) ?? fromPg(engine, url, text.trim());
  }
  try {
    const url = new URL(value);
    const host = decodeSafely(url.hostname).replace(/^\[(.*)\]$/, '$1');
    const database = url.pathname.replace(/^\//, '') || undefined;
    const port = url.port ? Number(url.port) : undefined;
    const user = url.username ? decodeSafely(url.username) : undefined;
    return {
      engine,
      ...(host ? { host } : {}),
      ...(port ? { port } : {}),
      ...(database ? { database: decodeSafely(database) } : {}),
      ...(user ? { user } : {}),
      url: redact(value),
      secretUrl: value,
    };
  } catch {
    return undefined;
  }
}

/**
 * A libpq URL with several hosts (`postgresql://u@a:5432,b:5433/db`, libpq's
 * conninfo_uri_parse_options): pg-connection-string reads one host, so each host becomes a URL of
 * its own, read by it; the first is the connection, all are `hosts`.
 */
function fromPgHostList(engine: string, value: string, original: string): Connection | undefined {
  const match = /^(postgres:\/\/)([^/?#]*)(.*)$/s.exec(value);
  if (!match) return undefined;
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at + 1);
  const list = authority.slice(at + 1);
  if (!list.includes(',')) return undefined;
  const singles = list.split(',').map((entry) => fromPg(engine, `${scheme}${userinfo}${entry}${rest}`));
  const hosts = singles.flatMap((single) =>
    single?.host ? [{ host: single.host, ...(single.port ? { port: single.port } : {}), secretUrl: single.secretUrl }] : [],
  );
  const first = singles.find((single) => single !== undefined);
  if (!first || hosts.length === 0) return undefined;
  return { ...first, url: redact(original).replace(/password=[^\s&]*/gi, 'password=***'), secretUrl: first.secretUrl, hosts };
}

/** `host=a,b port=5432,5433`: one entry per host; a single port applies to all (libpq). */
export function hostList(hostValue: string | undefined, portValue: string | undefined): HostEntry[] | undefined {
  const hosts = (hostValue ?? '').split(',');
  if (hosts.length < 2) return undefined;
  const ports = (portValue ?? '').split(',');
  return hosts.flatMap((host, index) => {
    const port = Number(ports.length === 1 ? ports[0] : ports[index]) || undefined;
    return host ? [{ host, ...(port ? { port } : {}) }] : [];
  });
}

function fromPg(engine: string, value: string, original = value): Connection | undefined {
  try {
    // libpq semantics, and no sslmode deprecation warning printed on every check.
    const parsed = parsePgConnectionString(value, { useLibpqCompat: true });
    const host = parsed.host ?? undefined;
    const socket = host ? host.startsWith('/') : false;
    const port = parsed.port ? Number(parsed.port) : undefined;
    return {
      engine,
      ...(host ? { host } : {}),
      ...(port ? { port } : {}),
      ...(parsed.database ? { database: parsed.database } : {}),
      ...(parsed.user ? { user: parsed.user } : {}),
      ...(typeof parsed.service === 'string' && parsed.service ? { service: parsed.service } : {}),
      ...(socket ? { socket } : {}),
      url: redact(original).replace(/password=[^\s&]*/gi, 'password=***'),
      secretUrl: original,
    };
  } catch {
    return undefined;
  }
}

/**
 * libpq's keyword/value connection string (`host=db1 dbname='my app' service=main`), read as
 * fe-connect.c conninfo_parse reads it: `keyword = value`, a value single-quoted or ending at
 * whitespace, `\\` escaping the next character. pg-connection-string reads only URLs.
 */
export function parseKeywordValue(text: string): Record<string, string> | undefined {
  const pairs: Record<string, string> = {};
  let index = 0;
  const skipSpace = () => {
    while (index < text.length && /\s/.test(text[index]!)) index++;
  };
  for (skipSpace(); index < text.length; skipSpace()) {
    let keyword = '';
    while (index < text.length && text[index] !== '=' && !/\s/.test(text[index]!)) keyword += text[index++];
    skipSpace();
    if (text[index] !== '=' || keyword === '') return undefined;
    index++;
    skipSpace();
    let value = '';
    if (text[index] === "'") {
      index++;
      for (;;) {
        if (index >= text.length) return undefined;
        const char = text[index++]!;
        if (char === "'") break;
        value += char === '\\' && index < text.length ? text[index++] : char;
      }
    } else {
      while (index < text.length && !/\s/.test(text[index]!)) {
        const char = text[index++]!;
        value += char === '\\' && index < text.length ? text[index++] : char;
      }
    }
    pairs[keyword] = value;
  }
  return pairs;
}

function fromKeywordValue(text: string): Connection | undefined {
  const pairs = parseKeywordValue(text);
  if (!pairs) return undefined;
  // libpq tries each host of a list (`host=a,b`) in turn; hostaddr is used when host is absent.
  const hostValue = pairs.host || pairs.hostaddr || '';
  const host = hostValue.split(',')[0] || undefined;
  const port = Number((pairs.port ?? '').split(',')[0]) || undefined;
  const hosts = hostList(hostValue, pairs.port)?.map((entry) => ({
    ...entry,
    secretUrl: postgresUrl({ host: entry.host, port: entry.port, database: pairs.dbname, user: pairs.user, password: pairs.password }),
  }));
  const shown = Object.entries(pairs)
    .map(([key, value]) => `${key}=${key === 'password' ? '***' : /[\s'\\]/.test(value) || value === '' ? `'${value.replace(/['\\]/g, '\\$&')}'` : value}`)
    .join(' ');
  return {
    engine: 'postgres',
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(pairs.dbname ? { database: pairs.dbname } : {}),
    ...(pairs.user ? { user: pairs.user } : {}),
    ...(pairs.service ? { service: pairs.service } : {}),
    ...(host?.startsWith('/') ? { socket: true } : {}),
    url: shown,
    // The probe's driver reads URLs only: the same settings, as one.
    secretUrl: postgresUrl({ host, port, database: pairs.dbname, user: pairs.user, password: pairs.password }),
    ...(hosts ? { hosts } : {}),
  };
}

/** A postgres:// URL from libpq settings (a socket directory goes in `?host=`), for the probe. */
export function postgresUrl(settings: {
  host?: string | undefined;
  port?: number | undefined;
  database?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
}): string {
  const { host, port, database, user, password } = settings;
  const auth = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const socket = host?.startsWith('/');
  const authority = host && !socket ? `${host.includes(':') ? `[${host}]` : host}${port ? `:${port}` : ''}` : '';
  const query = socket ? `?host=${encodeURIComponent(host!)}${port ? `&port=${port}` : ''}` : '';
  return `postgres://${auth}${authority}/${database ? encodeURIComponent(database) : ''}${query}`;
}
