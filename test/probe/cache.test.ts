import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearProbeCache, probeCacheKey, probeServer, readProbeCache, writeProbeCache } from '../../src/probe/cache.js';
import type { ProbeResult } from '../../src/types.js';

let stateDir: string;
const secretUrl = 'postgresql://app:s3cr3t-pass@db1.internal:5432/app';
const plainUrl = 'postgresql://app@db1.internal:5432/app';
const result: ProbeResult = { status: 'ok', marker: 'production', markerSource: 'prodguard.environment', inRecovery: false, elapsedMs: 12 };
const T0 = 1_700_000_000_000;

beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'prodguard-cache-'));
});
afterEach(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

function cacheFiles(): string[] {
  try {
    return readdirSync(join(stateDir, 'probe-cache'));
  } catch {
    return [];
  }
}

describe('probe cache', () => {
  test('a fresh entry is returned; an expired one is not', () => {
    writeProbeCache(stateDir, secretUrl, result, T0);
    expect(readProbeCache(stateDir, secretUrl, T0 + 1000, 60_000)).toEqual(result);
    expect(readProbeCache(stateDir, secretUrl, T0 + 59_999)).toEqual(result);
    expect(readProbeCache(stateDir, secretUrl, T0 + 60_000)).toBeUndefined();
    expect(readProbeCache(stateDir, secretUrl, T0 + 5_000, 1_000)).toBeUndefined();
  });

  test('an entry from the future (clock moved) beyond a small skew is ignored', () => {
    writeProbeCache(stateDir, secretUrl, result, T0);
    expect(readProbeCache(stateDir, secretUrl, T0 - 1_000)).toEqual(result);
    expect(readProbeCache(stateDir, secretUrl, T0 - 60_000)).toBeUndefined();
  });

  test('keyed by SHA-256 of the password-less URL: the password does not change the key', () => {
    expect(probeCacheKey(secretUrl)).toBe(createHash('sha256').update(plainUrl).digest('hex'));
    writeProbeCache(stateDir, secretUrl, result, T0);
    expect(readProbeCache(stateDir, plainUrl, T0)).toEqual(result);
    expect(readProbeCache(stateDir, probeCacheKey(plainUrl), T0)).toEqual(result);
    expect(cacheFiles()).toEqual([`${probeCacheKey(plainUrl)}.json`]);
    expect(readProbeCache(stateDir, 'postgresql://app@db2.internal:5432/app', T0)).toBeUndefined();
  });

  test('no password reaches the disk, even inside a detail', () => {
    const leaky: ProbeResult = { status: 'error', detail: `failed for ${secretUrl}; s3cr3t-pass` };
    writeProbeCache(stateDir, secretUrl, leaky, T0);
    const [file] = cacheFiles();
    const path = join(stateDir, 'probe-cache', file ?? '');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('s3cr3t-pass');
    expect(readProbeCache(stateDir, secretUrl, T0)?.detail).toBe('failed for postgresql://app:***@db1.internal:5432/app; ***');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('a corrupt or foreign file is a miss, and the next write repairs it', () => {
    mkdirSync(join(stateDir, 'probe-cache'), { recursive: true });
    const path = join(stateDir, 'probe-cache', `${probeCacheKey(plainUrl)}.json`);
    for (const garbage of [
      '{not json',
      '',
      'null',
      '{"version":1,"writtenAt":"x","result":{}}',
      '{"version":99,"writtenAt":0,"result":{"status":"ok"}}',
      `{"version":1,"writtenAt":${T0},"result":{"status":"bogus"}}`,
    ]) {
      writeFileSync(path, garbage);
      expect(readProbeCache(stateDir, plainUrl, T0)).toBeUndefined();
    }
    writeProbeCache(stateDir, plainUrl, result, T0);
    expect(readProbeCache(stateDir, plainUrl, T0)).toEqual(result);
    expect(cacheFiles()).toHaveLength(1); // no temporary files left behind
  });

  test('a state dir that cannot be written is not an error', () => {
    const file = join(stateDir, 'a-file');
    writeFileSync(file, '');
    expect(() => writeProbeCache(file, plainUrl, result, T0)).not.toThrow();
    expect(readProbeCache(file, plainUrl, T0)).toBeUndefined();
  });
});

describe('clearing the cache for a marked server', () => {
  test('mark clears the entries of that server, whoever connected, and keeps the others', () => {
    writeProbeCache(stateDir, 'postgres://app:pw@DB1.internal:5432/app', result, T0);
    writeProbeCache(stateDir, 'postgres://reader@db1.internal/reports', result, T0);
    writeProbeCache(stateDir, 'postgres://app@db2.internal/app', result, T0);
    expect(cacheFiles()).toHaveLength(3);
    expect(clearProbeCache(stateDir, 'postgres://admin:secret@db1.internal/app')).toBe(2);
    expect(readProbeCache(stateDir, 'postgres://app:pw@DB1.internal:5432/app', T0 + 1)).toBeUndefined();
    expect(readProbeCache(stateDir, 'postgres://app@db2.internal/app', T0 + 1)).toEqual(result);
  });

  test('a Unix socket and the loopback names are one local server; conninfo strings are read too', () => {
    expect(probeServer('postgres://app@localhost/app')).toBe('localhost:5432');
    expect(probeServer('postgresql:///app?host=/var/run/postgresql')).toBe('localhost:5432');
    expect(probeServer('postgres://app@127.0.0.1:6543/app')).toBe('localhost:6543');
    expect(probeServer('host=db1.internal port=5433 dbname=app')).toBe('db1.internal:5433');
  });

  test('no cache directory: nothing to clear, no error', () => {
    expect(clearProbeCache(join(stateDir, 'missing'), 'postgres://db1/app')).toBe(0);
  });
});
