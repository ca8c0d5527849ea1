// Edge: remember what a database said about itself for a short while, so a shell hook that checks
// every command line does not open a connection each time (DESIGN.md "Where this is going": near-zero
// cost for harmless commands). One small JSON file per target under `<stateDir>/probe-cache/`.
//
// The file name is a SHA-256 of the password-less URL and the stored result is redacted again, so
// no password ever reaches the disk.
import { sha256Hex } from '../util/sha256.js';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { ProbeResult } from '../types.js';
import { redactSecrets, stripPassword } from './postgres.js';

export const DEFAULT_PROBE_CACHE_TTL_MS = 60_000;
const CACHE_VERSION = 1;
/** Entries written this far "in the future" (clock moved back) are still trusted. */
const CLOCK_SKEW_MS = 5_000;

interface CacheEntry {
  version: number;
  writtenAt: number;
  /** The server the result is about (`host:port`, no user, no secret): what `mark` clears. */
  server?: string;
  result: ProbeResult;
}

const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The server a connection string reaches, as `host:port`, whoever connects and to whichever
 * database: `postgres://admin@db1/app` and `postgres://app:pw@db1:5432/app` are one server.
 * A Unix socket and the loopback names are all `localhost`. Undefined when it cannot be read.
 */
export function probeServer(url: string): string | undefined {
  let host: string;
  let port: string;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    host = parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname);
    port = parsed.searchParams.get('port') ?? parsed.port;
  } else {
    const pairs = new Map(
      url
        .trim()
        .split(/\s+/)
        .map((pair) => pair.split('=') as [string, string?])
        .filter((pair): pair is [string, string] => pair[1] !== undefined),
    );
    if (pairs.size === 0) return undefined;
    host = pairs.get('host') ?? pairs.get('hostaddr') ?? '';
    port = pairs.get('port') ?? '';
  }
  const name = host.startsWith('/') || LOCAL_HOSTS.has(host.toLowerCase()) ? 'localhost' : host.toLowerCase();
  return `${name}:${port || '5432'}`;
}

/** Cache key for a target: SHA-256 (hex) of its URL with any password removed. */
export function probeCacheKey(url: string): string {
  return sha256Hex(stripPassword(url));
}

function entryPath(stateDir: string, key: string): string {
  // `key` may be a URL (with or without password) or an already-hashed key: hashing it again keeps
  // file names fixed-length, filesystem-safe and free of secrets either way.
  const name = /^[0-9a-f]{64}$/.test(key) ? key : probeCacheKey(key);
  return join(stateDir, 'probe-cache', `${name}.json`);
}

function isProbeResult(value: unknown): value is ProbeResult {
  if (!value || typeof value !== 'object') return false;
  const status = (value as { status?: unknown }).status;
  return status === 'ok' || status === 'unreachable' || status === 'error' || status === 'skipped';
}

/**
 * The cached result for `key` if it was written less than `ttlMs` before `now` (ms since epoch),
 * else undefined. A missing, unreadable, corrupt or foreign-version file counts as a miss.
 */
export function readProbeCache(
  stateDir: string,
  key: string,
  now: number,
  ttlMs: number = DEFAULT_PROBE_CACHE_TTL_MS,
  fs: Pick<typeof nodeFs, 'readFileSync'> = nodeFs,
): ProbeResult | undefined {
  let entry: Partial<CacheEntry>;
  try {
    entry = JSON.parse(fs.readFileSync(entryPath(stateDir, key), 'utf8')) as Partial<CacheEntry>;
  } catch {
    return undefined;
  }
  if (!entry || entry.version !== CACHE_VERSION || typeof entry.writtenAt !== 'number') return undefined;
  if (!isProbeResult(entry.result)) return undefined;
  const age = now - entry.writtenAt;
  if (age < -CLOCK_SKEW_MS || age >= ttlMs) return undefined;
  return entry.result;
}

/**
 * Store `result` for `key` at time `now`. Written to a temporary file and renamed, so a reader never
 * sees half a file; mode 0600 in a 0700 directory. Failures are swallowed: a cache is optional.
 */
export function writeProbeCache(
  stateDir: string,
  key: string,
  result: ProbeResult,
  now: number,
  fs: Pick<typeof nodeFs, 'mkdirSync' | 'writeFileSync' | 'renameSync' | 'rmSync'> = nodeFs,
): void {
  const path = entryPath(stateDir, key);
  const safe: ProbeResult = { ...result };
  if (safe.detail !== undefined) safe.detail = redactSecrets(safe.detail, key);
  if (safe.marker !== undefined) safe.marker = redactSecrets(safe.marker, key);
  const server = probeServer(key);
  const entry: CacheEntry = { version: CACHE_VERSION, writtenAt: now, ...(server ? { server } : {}), result: safe };
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(join(stateDir, 'probe-cache'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, path);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
  }
}

/**
 * Forget what was cached about the server `url` reaches (`prodguard mark` just changed what it
 * says about itself: the next check must ask it again, not repeat the old answer for a minute).
 * Entries that do not say which server they are about are removed too; a URL that cannot be read
 * clears the whole cache. Returns how many entries were removed. Failures are swallowed.
 */
export function clearProbeCache(stateDir: string, url: string, fs: Pick<typeof nodeFs, 'readdirSync' | 'readFileSync' | 'rmSync'> = nodeFs): number {
  const server = probeServer(url);
  const dir = join(stateDir, 'probe-cache');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((each) => each.endsWith('.json'))) {
    const path = join(dir, name);
    let entry: Partial<CacheEntry> | undefined;
    try {
      entry = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<CacheEntry>;
    } catch {
      entry = undefined;
    }
    if (server && entry?.server && entry.server !== server) continue;
    try {
      fs.rmSync(path, { force: true });
      removed++;
    } catch {
      // a cache entry we cannot remove expires on its own
    }
  }
  return removed;
}
