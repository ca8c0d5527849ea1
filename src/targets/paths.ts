// What a filesystem path argument is: the root, a system directory, a home directory, a
// database's data directory (GitLab 2017: `rm -rf` of PostgreSQL's data directory on the
// primary), a block device — or the root because an unset variable expanded to nothing.
// Pure: the expanded word, the working directory and the environment in, a class out.

import type { ExpandedWord } from '../types.js';
import { resolvePath } from '../parse/invocations.js';
import { matchesGlob } from '../util/glob.js';

export type PathClass = 'unset-root' | 'root' | 'device' | 'data-directory' | 'system' | 'home' | 'other' | 'unknown';

export const PATH_CLASSES: readonly PathClass[] = ['unset-root', 'root', 'device', 'data-directory', 'system', 'home', 'other', 'unknown'];

export interface ClassifiedPath {
  class: PathClass;
  /** Absolute, normalised; a trailing `/*` when the word globs a directory's contents. */
  path: string;
  /** Human words for the message: "/var/lib/postgresql/15/main is under /var/lib/postgresql". */
  detail: string;
  /** For unset-root: the variable that was empty. */
  variable?: string;
  /** For data-directory: the directory on disk to inspect. */
  dataDirectory?: string;
}

export const DATA_DIRECTORIES = [
  '/var/lib/postgresql',
  '/var/lib/pgsql',
  '/var/lib/postgres',
  '/var/opt/gitlab',
  '/var/lib/mysql',
  '/var/lib/mariadb',
  '/var/lib/mongodb',
  '/var/lib/mongo',
  '/var/lib/redis',
  '/var/lib/cassandra',
  '/var/lib/elasticsearch',
  '/var/lib/clickhouse',
  '/var/lib/etcd',
  '/var/lib/docker/volumes',
  '/usr/local/var/postgres',
  '/usr/local/var/postgresql',
  '/usr/local/var/mysql',
  '/opt/homebrew/var/postgres',
  '/opt/homebrew/var/postgresql',
  '/opt/homebrew/var/mysql',
];

/** Directory names that mean "database files" wherever they are. */
const DATA_DIRECTORY_NAMES = new Set(['pgdata', 'pg_data', 'postgres-data', 'postgresql-data', 'mysql-data', 'pg_wal', 'pg_xlog']);

const SYSTEM_DIRECTORIES = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/opt',
  '/proc',
  '/sbin',
  '/srv',
  '/sys',
  '/usr',
  '/var',
  '/home',
  '/root',
  '/snap',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/local',
  '/usr/share',
  '/usr/include',
  '/usr/local/bin',
  '/usr/local/lib',
  '/var/lib',
  '/var/log',
  '/var/opt',
  '/var/www',
  '/var/backups',
  '/var/spool',
  '/var/mail',
  '/var/cache',
  '/etc/ssl',
  '/etc/ssh',
  '/etc/systemd',
  '/etc/postgresql',
  '/etc/mysql',
  '/System',
  '/Library',
  '/Applications',
  '/Users',
  '/private',
  '/private/etc',
  '/private/var',
]);

const DEVICE =
  /^\/dev\/(sd[a-z]|nvme\d|vd[a-z]|xvd[a-z]|hd[a-z]|mmcblk\d|md\d|dm-\d|mapper\/|disk\/|loop\d|root$|(?!(?:shm|pts|fd|mqueue|hugepages|net|input|snd|bus|char|block|cpu|dri|usb|v4l|serial)\/)[A-Za-z][\w.+-]*\/[\w.+-]+$)/;
// The last alternative is LVM's /dev/VG/LV (issue 11: `mkfs.ext4 /dev/vg0/data`).

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** Segment-wise glob match: does `pattern` (segments may hold * ? […]) cover `dir` or something under it? */
function globCovers(pattern: string, dir: string): 'under' | 'holds' | undefined {
  const p = pattern.split('/').filter(Boolean);
  const d = dir.split('/').filter(Boolean);
  const shared = Math.min(p.length, d.length);
  for (let i = 0; i < shared; i++) if (!matchesGlob(d[i]!, p[i]!)) return undefined;
  return p.length >= d.length ? 'under' : 'holds';
}

/**
 * PostgreSQL's home on Debian holds more than clusters: dot files (`.psql_history`, `.cache`)
 * and backup folders are not cluster data. Version folders (`15/main`) and the docker image's
 * `data` folder are.
 */
function isPostgresHomeExtra(path: string): boolean {
  const match = /^\/var\/lib\/postgresql\/([^/]+)/.exec(path);
  return match !== null && (match[1]!.startsWith('.') || /^(backups?|dumps?|archive)$/.test(match[1]!));
}

export interface PathContext {
  cwd: string;
  home: string;
  env: Readonly<Record<string, string>>;
}

export function classifyPath(word: ExpandedWord, context: PathContext): ClassifiedPath {
  const raw = word.value;
  // A variable the command references but whose value we cannot see (a remote $PGDATA).
  if (word.dynamic) {
    if (word.variables.some((v) => v === 'PGDATA' || v === 'PG_DATA' || /DATA_?DIR/i.test(v))) {
      return { class: 'data-directory', path: raw, detail: `${raw} names the database data directory` };
    }
    if (/^\/\*?$/.test(raw.replace(/\/+/g, '/'))) return { class: 'root', path: '/', detail: 'the root directory' };
    return { class: 'unknown', path: raw, detail: `${raw} is not known before it runs` };
  }
  if (!raw.startsWith('/') && context.cwd === '') return { class: 'other', path: raw, detail: `${raw} relative to an unknown directory` };
  // `/var/lib/*`, `/*`, `./*` and a bare `*` act on everything inside the directory.
  const trimmed = raw.length > 1 ? raw.replace(/\/+$/, '') || '/' : raw;
  const contentsMatch = /^(?:(.*)\/)?(\*|\.\*|\*\*)$/.exec(trimmed);
  const contents = contentsMatch !== null;
  const dir = contentsMatch ? (contentsMatch[1] ?? '.') || '/' : trimmed;
  const base = resolvePath(context.cwd || '/', dir);
  const full = contents ? `${base === '/' ? '' : base}/${contentsMatch![2]}` : base;

  if (base === '/') {
    const unset = word.unsetVariables[0];
    if (unset) {
      return { class: 'unset-root', path: full, detail: `$${unset} is unset, so ${word.text} becomes ${contents ? '/*' : '/'}`, variable: unset };
    }
    return { class: 'root', path: full, detail: contents ? 'everything under /' : 'the root directory' };
  }
  if (DEVICE.test(base)) return { class: 'device', path: base, detail: `${base} is a block device` };

  const pgdata = context.env.PGDATA;
  const dataDirs = pgdata ? [pgdata.replace(/\/+$/, ''), ...DATA_DIRECTORIES] : DATA_DIRECTORIES;
  if (/[*?[]/.test(base)) {
    // `/var/lib/postgres*` and `/var/lib/postgres*/15/main` reach the data directory through a glob.
    for (const dir of dataDirs) {
      const covers = globCovers(base, dir);
      if (covers && !isPostgresHomeExtra(base)) return { class: 'data-directory', path: full, detail: `${base} matches ${dir}`, dataDirectory: dir };
    }
  }
  for (const dir of dataDirs) {
    if (isUnder(base, dir) && !isPostgresHomeExtra(base)) {
      const detail = dir === pgdata?.replace(/\/+$/, '') ? `${base} is $PGDATA` : `${base} is under ${dir}`;
      return { class: 'data-directory', path: full, detail, dataDirectory: base };
    }
  }
  // /usr, /var, /var/lib hold data directories too, but they are system directories first.
  if (SYSTEM_DIRECTORIES.has(base)) {
    const held = dataDirs.find((dir) => isUnder(dir, base));
    return { class: 'system', path: full, detail: `${base} is a system directory${held ? ` (it holds ${held})` : ''}` };
  }
  for (const dir of dataDirs) {
    if (isUnder(dir, base)) {
      return { class: 'data-directory', path: full, detail: `${base} holds the database directory ${dir}`, dataDirectory: dir };
    }
  }
  if (base.split('/').some((segment) => DATA_DIRECTORY_NAMES.has(segment))) {
    return { class: 'data-directory', path: full, detail: `${base} is a database data directory`, dataDirectory: base };
  }
  const home = context.home.replace(/\/+$/, '');
  if (base === home || /^\/(home|Users)\/[^/]+$/.test(base) || base === '/root') {
    return { class: 'home', path: full, detail: `${base} is a home directory` };
  }
  return { class: 'other', path: full, detail: full };
}
