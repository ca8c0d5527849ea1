// The one-shot fast path with config files (issue 13). A config file may add rules, data
// directories or facts the prefilter must know of, and reading YAML would cost the fast path what
// it saves. So the full path, after loading a config that said nothing about itself (no ignored
// parts, no notes) and reads no inventory or audit sink, writes down the fast path's table for
// that config, keyed by the full text of every file the loader's search reads — the system
// policy, the user config, each `.prodguard.yml`/`.yaml` from the working directory up to `/`,
// and the trust store (an untrusted repository config only tightens) — and of everything the
// config pulls in by path: the files it `extends:`, the pack folders (by their list of names)
// and the rule folders (every folder's names and every YAML file's text, all the way down). The
// fast path compares those texts (and absences) with the entry's and answers only when all are
// the same: any change to any of them, a rule file added to a folder, or a file appearing where
// none was, sends the line to the full path, which writes a new entry. Texts, not mtimes: two
// writes within one clock tick of the same size must not keep an old table. Only node:fs and
// node:path: this module is in the fast path's bundle.

import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_POLICY_FILE, REPOSITORY_CONFIG_NAMES, stateDirectoryOf, TRUST_STORE_NAME, USER_CONFIG_NAMES } from '../config/locations.js';
import type { FastPathTable } from './table.js';

/** Entries kept (one per folder chain); the oldest goes first. Read on every one-shot line with a
 *  config, so small: an entry whose table is the built-in one stores none. */
const MAX_ENTRIES = 16;

export interface ConfigCacheEntry {
  /** Every file the config search reads, with its text, or null where there is none. */
  key: [string, string | null][];
  /** What the config pulls in by path (pulledKey): each file with its text, each folder with
   *  FOLDER_MARK and its names; absent when it pulls in nothing. */
  pulled?: [string, string | null][];
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

/** A folder's key text: the mark, then its names, sorted, each subfolder's (links followed, as the
 *  loader does) with a `/` — a file added, removed or renamed in it, or a file that becomes a
 *  folder, changes it; an error's code when it cannot be listed. */
const FOLDER_MARK = '\0folder:';

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function listingOf(path: string): string | null {
  try {
    const names = readdirSync(path)
      .sort()
      .map((name) => (isFolder(join(path, name)) ? `${name}/` : name));
    return `${FOLDER_MARK}${names.join('\0')}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : `\0unlistable:${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}

/** Bounds of what an entry pulls in: the cache file is read by every one-shot line under a config,
 *  so a config that pulls in more (a pack with its own node_modules, a large rule tree) is left to
 *  the full path. */
const MAX_PULLED_ITEMS = 256;
const MAX_PULLED_TEXT = 128 * 1024;

/**
 * The key of what a config pulls in by path (`pulledIn`: extended files, pack folders, rule
 * folders), a superset of what the loader reads there: a file's text; a folder's names, then each
 * subfolder's the same way and each YAML file's text (src/rules/load.ts reads every `.yml`/`.yaml`
 * under a rule folder, following links). Undefined when it is larger than an entry may hold.
 */
export function pulledKey(paths: readonly string[]): [string, string | null][] | undefined {
  const items: [string, string | null][] = [];
  let text = 0;
  const add = (path: string, value: string | null): boolean => {
    items.push([path, value]);
    text += path.length + (value?.length ?? 0);
    return items.length <= MAX_PULLED_ITEMS && text <= MAX_PULLED_TEXT;
  };
  const walk = (path: string, top: boolean): boolean => {
    if (isFolder(path)) {
      const listing = listingOf(path);
      if (!add(path, listing)) return false;
      if (listing === null || !listing.startsWith(FOLDER_MARK)) return true;
      for (const name of listing.slice(FOLDER_MARK.length).split('\0')) {
        if (name === '') continue;
        if (name.endsWith('/') ? !walk(join(path, name.slice(0, -1)), false) : /\.ya?ml$/.test(name) && !add(join(path, name), textOf(join(path, name))))
          return false;
      }
      return true;
    }
    // A file or pack named directly (an extended YAML file, a folder not made yet): its text, or null.
    return top ? add(path, textOf(path)) : true;
  };
  for (const path of [...new Set(paths.map((path) => resolve(path)))]) if (!walk(path, true)) return undefined;
  return items;
}

/** Whether what an entry pulls in is as it was: each item read again the way it was keyed. */
function samePulled(pulled: unknown): boolean {
  if (pulled === undefined) return true;
  if (!Array.isArray(pulled)) return false;
  return pulled.every(
    (item) =>
      Array.isArray(item) &&
      typeof item[0] === 'string' &&
      (typeof item[1] === 'string' && item[1].startsWith(FOLDER_MARK) ? listingOf(item[0]) : textOf(item[0])) === item[1],
  );
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
  return entries.find((entry) => entry.base === base && Array.isArray(entry.key) && sameKey(entry.key, key) && samePulled(entry.pulled));
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
