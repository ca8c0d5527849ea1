// Edge: ask a PostgreSQL database what it is, before a destructive command runs against it.
// DESIGN.md "Databases": the database's own word (a `prodguard.environment` setting, or Rails'
// ar_internal_metadata) beats every name heuristic. The Travis CI 2018 production URL had no "prod"
// in it; only the database itself could have said so.
//
// `pg` is loaded lazily: commands that never probe must not pay for it (STYLE.md §9).
import { createRedactor } from '../util/redact.js';
import type { ProbeResult } from '../types.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 1500;

/** Environments `markDatabase` accepts: the ones a database can truthfully say about itself. */
export const MARKABLE_ENVIRONMENTS = ['production', 'staging', 'development', 'test', 'local'] as const;
export type MarkableEnvironment = (typeof MARKABLE_ENVIRONMENTS)[number];

/** Error codes that mean "nothing answered", as opposed to "something answered and said no". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EADDRNOTAVAIL',
  'ENOENT', // Unix socket path that does not exist
  '57P03', // cannot_connect_now: the server is starting up or shutting down
]);

/**
 * The shared redaction (URL passwords, `password=…`), plus every literal occurrence of the
 * passwords in `urls` (raw and percent-decoded), in case a driver echoes one back in a message of
 * its own.
 */
export function redactSecrets(text: string, ...urls: (string | undefined)[]): string {
  return createRedactor(urls.flatMap((url) => (url ? passwordsIn(url) : []))).text(text);
}

function passwordsIn(url: string): string[] {
  const found = new Set<string>();
  const add = (value: string | null | undefined) => {
    if (!value) return;
    found.add(value);
    try {
      found.add(decodeURIComponent(value));
    } catch {
      // not percent-encoded
    }
  };
  try {
    const parsed = new URL(url);
    add(parsed.password);
    add(parsed.searchParams.get('password'));
  } catch {
    // not a URL; maybe the keyword form
  }
  for (const m of url.matchAll(/password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&;]+)/gi)) add(m[1]?.replace(/^'|'$/g, ''));
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:([^@\s]*)@/i.exec(url);
  add(userinfo?.[1]);
  return [...found];
}

/** The URL with its password removed (userinfo and `?password=`), for display and cache keys. */
export function stripPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return redactSecrets(url, url).replace(/:\*\*\*@/, '@');
  }
}

type PgModule = typeof import('pg');
export type PgClient = InstanceType<PgModule['Client']>;

/** The ~/.pgpass password for these settings, or undefined (pg then sends none). */
async function passwordFromPgpass(settings: unknown): Promise<string> {
  const { default: pgpass } = await import('pgpass');
  // pg takes undefined as "no password" at run time; its types only say string.
  return new Promise((resolve) => pgpass(settings as Parameters<typeof pgpass>[0], (password) => resolve(password as string)));
}

/** A pg client with every wait bounded by `timeoutMs`: connect (through authentication), each
 *  statement on the server, and each query on the client side. Shared with explain.ts. */
export async function newPgClient(url: string, timeoutMs: number): Promise<PgClient> {
  const { default: pg } = await import('pg');
  // No password on the line: PGPASSWORD, then ~/.pgpass (PGPASSFILE), as libpq reads them — through the pgpass
  // module itself, since pg's own fallback prints a deprecation warning on every check. (A
  // connectionString would put its empty password over this one, so the URL is read here.)
  const { parseIntoClientConfig } = await import('pg-connection-string');
  let settings: ReturnType<typeof parseIntoClientConfig> | undefined;
  try {
    settings = parseIntoClientConfig(url);
  } catch {
    settings = undefined;
  }
  const client = new pg.Client({
    ...(settings
      ? { ...settings, password: settings.password || process.env.PGPASSWORD || (passwordFromPgpass as () => Promise<string>) }
      : { connectionString: url }),
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    application_name: 'prodguard',
  });
  // A late socket error (after we stopped listening) must not crash the process.
  client.on('error', () => {});
  return client;
}

/** End the client without ever hanging: a graceful goodbye, or a forced close after a short wait. */
export async function closePgClient(client: PgClient): Promise<void> {
  const forced = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      resolve();
    }, 200);
    timer.unref();
  });
  await Promise.race([client.end().catch(() => {}), forced]);
}

function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.code && UNREACHABLE_CODES.has(e.code)) return true;
  // pg's connect timeout destroys the socket with "timeout expired", or reports
  // "Connection terminated due to connection timeout".
  if (/timeout expired|connection timeout|Connection terminated unexpectedly/i.test(e.message ?? '')) return true;
  // AggregateError from happy-eyeballs (several addresses, each refused).
  const errors = (e as { errors?: unknown[] }).errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isUnreachable)) return true;
  return e.cause !== undefined && e.cause !== error && isUnreachable(e.cause);
}

function describe(error: unknown, url: string): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] } | undefined;
  let message = e?.message || (Array.isArray(e?.errors) ? e.errors.map((x) => x.message).join('; ') : '') || String(error);
  if (e?.code && !message.includes(e.code)) message = `${message} (${e.code})`;
  return redactSecrets(message, url);
}

/**
 * Ask the database what it is. Read-only queries inside a READ ONLY transaction; never throws.
 * `unreachable`: nothing answered in time (refused, unresolvable, timed out).
 * `error`: something answered but we could not read it (authentication, permissions, …).
 */
export async function probePostgres(url: string, opts: { timeoutMs?: number } = {}): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let client: PgClient | undefined;
  let connected = false;
  try {
    client = await newPgClient(url, timeoutMs);
    await client.connect();
    connected = true;
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query<{ marker: string | null; in_recovery: boolean; has_rails: boolean }>(
      `SELECT current_setting('prodguard.environment', true) AS marker,
              pg_is_in_recovery() AS in_recovery,
              to_regclass('ar_internal_metadata') IS NOT NULL AS has_rails`,
    );
    const row = rows[0];
    const result: ProbeResult = { status: 'ok', inRecovery: row?.in_recovery === true };
    let rails: string | undefined;
    const notes: string[] = [];
    if (row?.has_rails) {
      try {
        const meta = await client.query<{ value: string | null }>(`SELECT value FROM ar_internal_metadata WHERE key = 'environment'`);
        rails = meta.rows[0]?.value ?? undefined;
      } catch (error) {
        // Permission denied on the Rails table is not a failed probe: the other facts still hold.
        notes.push(`ar_internal_metadata unreadable: ${describe(error, url)}`);
      }
    }
    const marker = row?.marker?.trim();
    if (marker) {
      result.marker = marker;
      result.markerSource = 'prodguard.environment';
      if (rails && rails !== marker) notes.push(`ar_internal_metadata says "${rails}"`);
    } else if (rails) {
      result.marker = rails;
      result.markerSource = 'ar_internal_metadata';
    }
    await client.query('ROLLBACK').catch(() => {});
    if (notes.length > 0) result.detail = notes.join('; ');
    result.elapsedMs = elapsed();
    return result;
  } catch (error) {
    const status = !connected && isUnreachable(error) ? 'unreachable' : 'error';
    let detail = describe(error, url);
    if (/^timeout expired$/i.test((error as Error | undefined)?.message ?? '')) {
      detail = `no answer within ${timeoutMs} ms (connect timeout)`;
    }
    return { status, detail, elapsedMs: elapsed() };
  } finally {
    if (client) await closePgClient(client);
  }
}

export function isMarkableEnvironment(value: string): value is MarkableEnvironment {
  return (MARKABLE_ENVIRONMENTS as readonly string[]).includes(value);
}

/**
 * `prodguard mark URL production`: record the environment in the database itself
 * (`ALTER DATABASE … SET prodguard.environment`), so every later probe from any machine sees it.
 * Takes effect for new sessions. Needs a superuser, or (PostgreSQL 15+) a role granted
 * `SET ON PARAMETER prodguard.environment` that owns the database.
 */
export async function markDatabase(url: string, environment: string, opts: { timeoutMs?: number } = {}): Promise<{ database: string }> {
  if (!isMarkableEnvironment(environment)) {
    throw new Error(`invalid environment "${environment}" for prodguard mark: use one of ${MARKABLE_ENVIRONMENTS.join(', ')}`);
  }
  const timeoutMs = opts.timeoutMs ?? 5000;
  const client = await newPgClient(url, timeoutMs);
  try {
    await client.connect();
    const { rows } = await client.query<{ database: string; ident: string }>('SELECT current_database() AS database, quote_ident(current_database()) AS ident');
    const row = rows[0];
    if (!row) throw new Error('current_database() returned no row');
    // The environment is one of a fixed list of plain words, so it is safe as a literal; the
    // database name is quoted by the server itself.
    await client.query(`ALTER DATABASE ${row.ident} SET prodguard.environment = '${environment}'`);
    return { database: row.database };
  } catch (error) {
    let message = `could not mark the database: ${describe(error, url)}`;
    if ((error as { code?: string }).code === '42501') {
      // PostgreSQL 15+ lets only superusers set an unregistered (placeholder) parameter, even
      // for the database's owner, unless granted.
      message += '; connect as a superuser, or have one run `GRANT SET ON PARAMETER prodguard.environment TO <role>` (PostgreSQL 15+)';
    }
    // No `cause`: the driver's error object may carry the connection settings, password included.
    const wrapped = new Error(message);
    (wrapped as { code?: unknown }).code = (error as { code?: unknown }).code;
    throw wrapped;
  } finally {
    await closePgClient(client);
  }
}
