// `.env*` files: no shell here, only facts. A test or development env file whose database URL
// points at a production-looking host is how a test suite ends up truncating production
// (travis-2018); a test env file pointing at any remote host is the same accident waiting for
// a URL without "prod" in it. Escape-hatch variables switch off other tools' safeguards.
// Values are read with dotenv's own parser; only the key's line is found by scanning.

import { parse as parseDotenv } from 'dotenv';
import { decodeSafely } from '../../parse/connection.js';
import { redact } from '../../util/redact.js';
import type { Extracted, LintProblem } from '../types.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { environmentOfName, nameTokens, type EnvEntry } from './hints.js';

export { escapeHatchesIn } from './escape-hatches.js';

export type DotenvKind = 'test' | 'development' | 'production' | 'other';

/** `.env.test`, `.env.test.local`, `.env.ci` → test; `.env.development`, `.env.local` → development. */
export function dotenvKind(path: string): DotenvKind {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const suffix = base.replace(/^\.env\.?/, '');
  // The one classifier (src/classify/names.ts): `.env.qa` is a test file as `qa-db` is a test host.
  switch (environmentOfName(suffix)) {
    case 'test':
      return 'test';
    case 'production':
      return 'production';
    case 'development':
    case 'local':
      return 'development';
    default:
      return 'other';
  }
}

export interface UrlTarget {
  host: string;
  database: string;
  local: boolean;
  productionEvidence: string | undefined;
}

/** Hosts that are this machine, or a container beside it (`db` in docker-compose). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (h === 'host.docker.internal') return true;
  if (h.startsWith('/') || h.startsWith('%2f')) return true;
  // A single-label name (no dot, not an IP) is a service on a local network such as docker-compose's.
  return !h.includes('.') && !h.includes(':');
}

export function urlTarget(value: string): UrlTarget | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const socketHost = url.searchParams.get('host') ?? '';
  const host = url.hostname || socketHost;
  const database = decodeSafely(url.pathname.replace(/^\//, ''));
  let productionEvidence: string | undefined;
  const hostToken = nameTokens(host).find((t) => environmentOfName(t, { live: true }) === 'production');
  const dbToken = nameTokens(database).find((t) => environmentOfName(t, { live: true }) === 'production');
  if (hostToken) productionEvidence = `host name token "${hostToken}"`;
  else if (dbToken) productionEvidence = `database name token "${dbToken}"`;
  return { host, database, local: isLocalHost(host) || socketHost.startsWith('/'), productionEvidence };
}

function isUrlKey(key: string): boolean {
  return /(^|_)URL$/i.test(key) || /DATABASE_URL$/i.test(key);
}

/** URL schemes of data stores' own protocols (`postgres://`, `redis://`, `mongodb+srv://`). */
const STORE_SCHEME =
  /^(postgres(ql)?|pg|mysql2?|mariadb|redis|rediss|valkey|mongodb(\+srv)?|sqlserver|mssql|libsql|clickhouse|cockroach(db)?|ecto|jdbc|memcached?|cassandra|neo4j(\+s)?|bolt|couchdb|elasticsearch|opensearch|amqps?|kafka|nats|sqlite3?|oracle)$/i;
/** Words of a key that name a data store (`UPSTASH_REDIS_REST_URL`, `ELASTICSEARCH_URL`): its
 *  URL may be the store's HTTP API. Any other service's http(s) URL (`SCREENSHOT_SERVICE_URL`,
 *  `SENTRY_URL`) holds nothing a test run cleans. */
const STORE_KEY_WORDS: ReadonlySet<string> = new Set([
  'database',
  'db',
  'redis',
  'valkey',
  'kv',
  'cache',
  'mongo',
  'mongodb',
  'postgres',
  'postgresql',
  'pg',
  'mysql',
  'mariadb',
  'sql',
  'libsql',
  'sqld',
  'turso',
  'elastic',
  'elasticsearch',
  'opensearch',
  'solr',
  'clickhouse',
  'couchdb',
  'couch',
  'neo',
  'dynamodb',
  'supabase',
  'store',
  'storage',
  'meilisearch',
  'typesense',
  'qdrant',
  'weaviate',
  'influxdb',
  'influx',
]);

/** Whether KEY=URL can point at a data store: a store's scheme, or a key that names a store. */
function isStoreUrl(key: string, value: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1] ?? '';
  if (STORE_SCHEME.test(scheme)) return true;
  return nameTokens(key).some((token) => STORE_KEY_WORDS.has(token));
}

/** A host whose own name says test, development or local (`test.upstash.io`, `qa-db.example.com`):
 *  the database a test run is for. */
function hostNamedForTests(host: string): boolean {
  const env = environmentOfName(host, { live: true });
  return env === 'test' || env === 'development' || env === 'local';
}

/** Where each key is (last) set, as dotenv reads `KEY=…`, `export KEY=…` or `KEY: …`. */
function keyPositions(text: string): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  text.split('\n').forEach((line, i) => {
    const m = /^(\s*(?:export\s+)?)([\w.-]+)(?:\s*=|:\s)/.exec(line);
    if (m) positions.set(m[2]!, { line: i + 1, column: m[1]!.length + 1 });
  });
  return positions;
}

export function extractDotenv(text: string, path = ''): Extracted {
  const base = path.split('/').pop() ?? path;
  const kind = dotenvKind(path);
  const values = parseDotenv(text);
  const positions = keyPositions(text);
  const problems: LintProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    if ((kind !== 'test' && kind !== 'development') || !isUrlKey(key) || !isStoreUrl(key, value)) continue;
    const target = urlTarget(value);
    if (!target) continue;
    const { line, column } = positions.get(key) ?? { line: 1, column: 1 };
    const shown = redact(value);
    if (target.productionEvidence) {
      problems.push({
        rule: 'dotenv/test-env-points-at-remote-database',
        severity: 'block',
        line,
        column,
        message: `${base} is a ${kind} env file but ${key} points at a production-looking database (${shown}; ${target.productionEvidence}): anything that loads it, the test suite's database cleaner included, would run against production`,
      });
    } else if (kind === 'test' && !target.local && !hostNamedForTests(target.host)) {
      problems.push({
        rule: 'dotenv/test-env-points-at-remote-database',
        severity: 'confirm',
        line,
        column,
        message: `${base} is a test env file but ${key} points at a remote host (${shown}): a test run would clean that database; point tests at a local one`,
      });
    }
  }
  const entries: EnvEntry[] = Object.entries(values).map(([key, value]) => ({ key, value, ...(positions.get(key) ?? { line: 1, column: 1 }) }));
  problems.push(...escapeHatchProblems(entries, `everything that loads ${base}`, kind === 'production' ? 'confirm' : 'warn'));
  problems.sort((a, b) => a.line - b.line);
  return { snippets: [], problems };
}
