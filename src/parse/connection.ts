// Connection strings → host, port, database. PostgreSQL URLs and libpq key=value strings go
// through pg-connection-string (the parser node-postgres itself uses); other schemes (mysql,
// redis, mongodb) through the WHATWG URL parser. Passwords are kept only in `secretUrl`, which is
// never printed.

import { parse as parsePgConnectionString } from 'pg-connection-string';
import { redact } from '../util/redact.js';

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
}

const ENGINES: Record<string, string> = {
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
};

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

function decodeSafely(text: string): string {
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
  if (engine === 'postgres') return fromPg(engine, value.replace(/^[a-z0-9+.-]+:/i, 'postgres:').replace(/;.*$/, ''), text.trim());
  try {
    const url = new URL(value);
    const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
    const database = url.pathname.replace(/^\//, '') || undefined;
    const port = url.port ? Number(url.port) : undefined;
    const user = url.username ? decodeURIComponent(url.username) : undefined;
    return {
      engine,
      ...(host ? { host } : {}),
      ...(port ? { port } : {}),
      ...(database ? { database: decodeURIComponent(database) } : {}),
      ...(user ? { user } : {}),
      url: redact(value),
      secretUrl: value,
    };
  } catch {
    return undefined;
  }
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
  // libpq takes the first host of a list (`host=a,b`); hostaddr is used when host is absent.
  const host = (pairs.host || pairs.hostaddr || '').split(',')[0] || undefined;
  const port = Number((pairs.port ?? '').split(',')[0]) || undefined;
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
