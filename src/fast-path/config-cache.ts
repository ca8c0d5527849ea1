// The one-shot fast path with config files (issue 13). A config file may add rules, data
// directories or facts the prefilter must know of, and reading YAML would cost the fast path what
// it saves. So the full path, after loading a config that pulls in nothing else (no `extends:`,
// rule folders, inventories, audit sinks) and said nothing about it (no ignored parts, no notes),
// writes down the fast path's table for that config, keyed by the full text of every file the
// loader's search reads: the system policy, the user config, each `.prodguard.yml`/`.yaml` from
// the working directory up to `/`, and the trust store (an untrusted repository config only
// tightens). The fast path compares those texts (and absences) with the entry's and answers only
// when all are the same: any change to any of them, or a file appearing where none was, sends the
// line to the full path, which writes a new entry. Texts, not mtimes: two writes within one clock
// tick of the same size must not keep an old table. Only node:fs and node:path: this module is in
// the fast path's bundle.

import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_POLICY_FILE, REPOSITORY_CONFIG_NAMES, stateDirectoryOf, TRUST_STORE_NAME, USER_CONFIG_NAMES } from '../config/locations.js';
import type { FastPathTable } from './table.js';

/** Entries kept (one per folder chain); the oldest goes first. Read on every one-shot line with a
 *  config, so small: an entry whose table is the built-in one stores none. */
const MAX_ENTRIES = 16;

export interface ConfigCacheEntry {
  /** Every file the config search reads, with its text, or null where there is none. */
  key: [string, string | null][];
  /** tableFingerprint of the built-in table the entry was computed beside. */
  base: string;
  /** `config.files`: what `check` names on its `config:` line. */
  files: string[];
  /** The table for this config; absent: the built-in one (the config adds nothing it reads). */
  table?: FastPathTable;
}

export function configCacheFile(env: NodeJS.ProcessEnv, home: () => string): string {
  return join(stateDirectoryOf(env, home), 'fast-path-configs.json');
}

/** The trust store (src/config/load.ts trustStoreFile): which repository configs are trusted. */
function trustStore(env: NodeJS.ProcessEnv, home: () => string): string {
  return join(stateDirectoryOf(env, home), TRUST_STORE_NAME);
}

/** The loader's own limit for a config file (src/config/load.ts). */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** Every path the config search looks at from `cwd`, in a fixed order. */
export function searchedFiles(cwd: string, env: NodeJS.ProcessEnv, home: () => string): string[] {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || home(), '.config');
  const files = [env.PRODGUARD_POLICY || DEFAULT_POLICY_FILE, ...USER_CONFIG_NAMES.map((name) => join(configHome, 'prodguard', name)), trustStore(env, home)];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    files.push(...REPOSITORY_CONFIG_NAMES.map((name) => join(dir, name)));
    if (dirname(dir) === dir) return files;
  }
}

/** A file's text, or null when nothing readable is there (a folder by that name is not text: the
 *  loader says why it does not load, so such a key never matches a stored one). */
function textOf(path: string): string | null {
  try {
    // Most paths are not there: a stat that does not throw for that costs less than a failed read.
    if (lstatSync(path, { throwIfNoEntry: false }) === undefined) return null;
    // A link to /dev/zero or a FIFO would never end, a huge file is no config: the loader refuses
    // both with one line, so such a key is never stored and never matches.
    const stats = statSync(path);
    if (!stats.isFile()) return '\0not-a-regular-file';
    if (stats.size > MAX_KEY_FILE_BYTES) return `\0too-large:${stats.size}`;
    return readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : `\0unreadable:${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}

export function currentKey(cwd: string, env: NodeJS.ProcessEnv, home: () => string): [string, string | null][] {
  return searchedFiles(cwd, env, home).map((path) => [path, textOf(path)]);
}

/** A short fingerprint of the built-in table's JSON (two 32-bit string hashes and its length):
 *  an entry written beside another build's table is not used. */
export function tableFingerprint(table: FastPathTable): string {
  const text = JSON.stringify(table);
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193) >>> 0;
    djb = (Math.imul(djb, 33) + code) >>> 0;
  }
  return `${text.length}:${fnv.toString(16)}:${djb.toString(16)}`;
}

function readEntries(file: string): ConfigCacheEntry[] {
  try {
    const entries: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(entries) ? (entries as ConfigCacheEntry[]) : [];
  } catch {
    return [];
  }
}

function sameKey(a: readonly [string, string | null][], b: readonly [string, string | null][]): boolean {
  return a.length === b.length && a.every(([path, text], i) => b[i]![0] === path && b[i]![1] === text);
}

/** The entry for these config files as they are now, computed beside `base`; undefined otherwise. */
export function lookupConfigTable(cwd: string, env: NodeJS.ProcessEnv, base: string, home: () => string): ConfigCacheEntry | undefined {
  const entries = readEntries(configCacheFile(env, home));
  if (entries.length === 0) return undefined;
  const key = currentKey(cwd, env, home);
  return entries.find((entry) => entry.base === base && Array.isArray(entry.key) && sameKey(entry.key, key));
}

/** Write (or replace) the entry for `key`. A cache that cannot be written is no error: the next
 *  line takes the full path again. */
export function storeConfigTable(env: NodeJS.ProcessEnv, entry: ConfigCacheEntry, home: () => string): void {
  const file = configCacheFile(env, home);
  try {
    const entries = readEntries(file).filter(
      (old) =>
        !(
          Array.isArray(old.key) &&
          sameKey(
            old.key.map(([path]) => [path, null]),
            entry.key.map(([path]) => [path, null]),
          )
        ),
    );
    entries.push(entry);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entries.slice(-MAX_ENTRIES)), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    /* not cached */
  }
}
