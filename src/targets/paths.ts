// What a filesystem path argument is: the root, a system directory, a home directory, a
// database's data directory (GitLab 2017: `rm -rf` of PostgreSQL's data directory on the
// primary), a block device — or the root because an unset variable expanded to nothing.
// Pure: the expanded word, the working directory and the environment in, a class out.

import type { DataDirectoryFact, ExpandedWord } from '../types.js';
import { basename } from 'node:path';
import { resolvePath } from '../parse/posix-path.js';
import { matchesGlob } from '../util/glob.js';
import { CRITICAL_PROGRAMS } from '../knowledge/system-programs.js';
import {
  BACKUP_REPOSITORIES,
  BACKUP_ROOTS,
  BACKUP_SCRATCH,
  BACKUP_SEGMENT,
  DATABASE_DUMP_FILE,
  DATABASE_SEGMENT,
  DATED_COPY,
} from '../knowledge/backup-locations.js';
import { environmentFromName } from '../classify/names.js';
import {
  DATA_DIRECTORY_CONFIG_FILE,
  DATA_DIRECTORY_LOCATIONS,
  DATA_DIRECTORY_NAMES,
  DATA_DIRECTORY_SHAPE,
  DATA_DIRECTORY_TOPS,
  LOG_DIRECTORIES,
  SERVICE_DATA_ROOTS,
  SQLITE_FILE,
  LOG_FILE,
  engineOfSegment,
  isAsideName,
} from '../knowledge/data-directories.js';

// `data-directory-leftover`: beside or inside a data directory but not the database — a copy
// moved aside (`main.old`: the rule's own fix says `mv main main.old`) or the server's logs.
export type PathClass =
  'unset-root' | 'root' | 'device' | 'data-directory' | 'data-directory-leftover' | 'backup' | 'system' | 'system-file' | 'home' | 'other' | 'unknown';

export const PATH_CLASSES: readonly PathClass[] = [
  'unset-root',
  'root',
  'device',
  'data-directory',
  'data-directory-leftover',
  'backup',
  'system',
  'system-file',
  'home',
  'other',
  'unknown',
];

/** Which part of a data directory a path is: all of it, something inside, its WAL (losing it
 *  destroys the database), a copy moved aside, or its logs. `folder` is a name at the top that,
 *  if it is data at all, is a database's folder (MySQL's `/var/lib/mysql/shop`): removing it
 *  is removing the database, but a file write (`echo x > /var/lib/mysql/auth_plugin`) cannot
 *  overwrite a folder, so what it writes is a file of the script's own. */
export type DataDirectoryPart = 'whole' | 'inside' | 'folder' | 'wal' | 'config' | 'aside' | 'log' | 'foreign' | 'socket';
export const DATA_DIRECTORY_PARTS: readonly DataDirectoryPart[] = ['whole', 'inside', 'folder', 'wal', 'config', 'aside', 'log', 'foreign', 'socket'];

/** A Unix socket a server (or a script's temporary server) listens on, and its lock file:
 *  `mysql.sock`, `.upgrade-mysql57.sock`, `.s.PGSQL.5432`. Removing one loses no data. A pid
 *  file is not one of them: PostgreSQL's postmaster.pid is the interlock against a second
 *  server on the same files. */
const SOCKET_FILE = /^(?:[\w.@-]*|\*)\.(?:sock|socket)(?:\.lock)?$|^\.s\.PGSQL\.(?:\d+|\*)(?:\.lock)?$/;

export interface ClassifiedPath {
  class: PathClass;
  /** Absolute, normalised; a trailing `/*` when the word globs a directory's contents. */
  path: string;
  /** Human words for the message: "/var/lib/postgresql/15/main is under /var/lib/postgresql". */
  detail: string;
  /** For unset-root: the variable that was empty. */
  variable?: string;
  /** For data-directory: the directory on disk to inspect (the key of its DataDirectoryFact). */
  dataDirectory?: string;
  /** For data-directory and data-directory-leftover: which part of it. */
  part?: DataDirectoryPart;
  /** Absolute path on disk the word names (no glob), for the probe to look at. */
  onDisk?: string;
  /** Further classes the path also is: `/etc/*` is a system directory's contents and, with them,
   *  the files the system cannot run without (`system-file`), no -r needed. */
  also?: PathClass[];
}

/** Why `base` holds a database's backups (knowledge/backup-locations.ts), or undefined. */
function backupLocation(base: string): string | undefined {
  // Scratch space: a dump left in /tmp is a copy on its way somewhere.
  if (isUnder(base, '/tmp') || isUnder(base, '/var/tmp') || isUnder(base, '/dev/shm')) return undefined;
  if (DATED_COPY.test(basename(base)) || BACKUP_SCRATCH.test(basename(base))) return undefined;
  const repository = BACKUP_REPOSITORIES.find((dir) => isUnder(base, dir));
  if (repository) return `${base} is in ${repository}, where database backups are kept`;
  const segments = base.split('/').filter(Boolean);
  const root = BACKUP_ROOTS.find((dir) => isUnder(base, dir) && base !== dir);
  if (DATABASE_DUMP_FILE.test(basename(base)) && (root || segments.slice(0, -1).some((segment) => BACKUP_SEGMENT.test(segment))))
    return `${base} is a database dump in a backup folder`;
  if (!segments.some((segment) => DATABASE_SEGMENT.test(segment))) return undefined;
  if (root) return `${base} holds database backups (under ${root})`;
  return segments.some((segment) => BACKUP_SEGMENT.test(segment)) ? `${base} holds database backups` : undefined;
}

/** Known data-directory locations (knowledge/data-directories.ts). */
export const DATA_DIRECTORIES: readonly string[] = DATA_DIRECTORY_LOCATIONS;

/**
 * Files a Linux system needs to boot, or to let anyone log in or become root: removing one is an
 * outage you fix from a rescue disk. Directories whose direct entries all count: the kernel and
 * boot loader, and the system's own programs.
 */
const CRITICAL_SYSTEM_FILES = new Set([
  '/etc/passwd',
  '/etc/shadow',
  '/etc/group',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/fstab',
  '/etc/crypttab',
  '/etc/ssh/sshd_config',
  '/etc/pam.conf',
  '/etc/nsswitch.conf',
  '/etc/resolv.conf',
  '/etc/hostname',
  '/etc/ld.so.conf',
  '/etc/ld.so.cache',
  '/etc/inittab',
  '/etc/default/grub',
]);
const CRITICAL_SYSTEM_FILE_DIRECTORIES = ['/boot', '/etc/pam.d', '/etc/sudoers.d', '/bin', '/sbin', '/usr/bin', '/usr/sbin', '/lib64'];
/**
 * Program folders: what a package installed there (`/usr/bin/yarn`, `/usr/local/bin/terraform`) is
 * replaced or reinstalled without a rescue disk (linkwarden's CI removes the runner's yarn before
 * `corepack enable`). Only the programs the system boots, logs anyone in or becomes root with
 * count one by one (CRITICAL_PROGRAMS); a glob over the folder still covers them all.
 */
const PROGRAM_DIRECTORIES: ReadonlySet<string> = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin']);
/**
 * Drop-in directories among those: each file in one is a snippet that a package, cloud-init or an
 * admin added to be removed again (`rm /etc/sudoers.d/90-cloud-init-users`), and the main file
 * (`/etc/sudoers`) still stands without it. Removing the directory, or every file in it at once
 * (`rm -f /etc/sudoers.d/*`), keeps its verdict. `/etc/pam.d` is not one: its files are each
 * service's login rules.
 */
const DROP_IN_DIRECTORIES: ReadonlySet<string> = new Set(['/etc/sudoers.d']);

/** `/etc/shadow`, `/boot/vmlinuz-6.1.0`, `/usr/bin/sudo`: a file the system cannot run without. */
function isCriticalSystemFile(path: string): boolean {
  if (CRITICAL_SYSTEM_FILES.has(path)) return true;
  const parent = path.slice(0, path.lastIndexOf('/'));
  if (DROP_IN_DIRECTORIES.has(parent) && !/[*?[]/.test(path.slice(parent.length))) return false;
  if (PROGRAM_DIRECTORIES.has(parent)) {
    const name = path.slice(parent.length + 1);
    return /[*?[]/.test(name) || CRITICAL_PROGRAMS.has(name);
  }
  return CRITICAL_SYSTEM_FILE_DIRECTORIES.includes(parent) || (parent.startsWith('/boot/') && !parent.includes('/..'));
}

/** `/etc`, `/etc/ssh`, `/boot`, `/usr/bin`: a directory whose entries include such files. */
function holdsCriticalSystemFiles(dir: string): boolean {
  return (
    CRITICAL_SYSTEM_FILE_DIRECTORIES.includes(dir) ||
    dir.startsWith('/boot/') ||
    [...CRITICAL_SYSTEM_FILES].some((file) => file.slice(0, file.lastIndexOf('/')) === dir)
  );
}

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
  // The multiarch library folders (libc, the dynamic loader's libraries), systemd's units and
  // the kernel's modules: the system does not start without them.
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib/i386-linux-gnu',
  '/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/lib/i386-linux-gnu',
  '/usr/lib/systemd',
  '/lib/systemd',
  '/usr/lib/modules',
  '/lib/modules',
  '/usr/libexec',
  '/usr/local',
  '/usr/share',
  '/usr/include',
  '/usr/local/bin',
  '/usr/local/lib',
  '/var/lib',
  // The package managers' databases: what is installed, without which no package can be
  // installed, upgraded or removed again.
  '/var/lib/dpkg',
  '/var/lib/rpm',
  '/var/lib/pacman',
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
  /^\/dev\/(sd[a-z]|nvme\d|vd[a-z]|xvd[a-z]|hd[a-z]|mmcblk\d|md\d|dm-\d|mapper\/|disk\/|loop\d|root$|(?!(?:shm|pts|fd|mqueue|hugepages|net|input|snd|bus|char|block|cpu|dri|usb|v4l|serial|tcp|udp)\/)[A-Za-z][\w.+-]*\/[\w.+-]+$)/;
// The last alternative is LVM's /dev/VG/LV (issue 11: `mkfs.ext4 /dev/vg0/data`). bash's
// /dev/tcp/HOST/PORT and /dev/udp/HOST/PORT open a socket (`echo -n > /dev/tcp/$PGHOST/5432`, a
// port check): with HOST unknown the path reads /dev/tcp/5432, which is no volume group's.

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** Segment-wise glob match: does `pattern` (segments may hold * ? […]) cover `dir` or something under it? */
function globCovers(pattern: string, dir: string): 'under' | 'holds' | undefined {
  const p = pattern.split('/').filter(Boolean);
  const d = dir.split('/').filter(Boolean);
  const shared = Math.min(p.length, d.length);
  // A configured location's glob segment (`pg-*`) may be any name the pattern's segment is.
  for (let i = 0; i < shared; i++) if (!matchesGlob(d[i]!, p[i]!) && !(/[*?[]/.test(d[i]!) && segmentsMayMeet(p[i]!, d[i]!))) return undefined;
  return p.length >= d.length ? 'under' : 'holds';
}

/** Whether two glob segments may name the same entry: their literal starts (before the first
 *  wildcard) and ends (after the last) must agree. `gogs-backup-*.zip` (a find -name of backup
 *  archives) never names `zookeeper-*`; `pg-*` and `*` may. */
function segmentsMayMeet(a: string, b: string): boolean {
  if (a === '**' || b === '**') return true;
  const head = (glob: string) => glob.split(/[*?[]/)[0]!.toLowerCase();
  const tail = (glob: string) =>
    glob
      .split(/[*?\]]/)
      .at(-1)!
      .toLowerCase();
  const agree = (x: string, y: string, ends: (long: string, short: string) => boolean) => (x.length >= y.length ? ends(x, y) : ends(y, x));
  return agree(head(a), head(b), (long, short) => long.startsWith(short)) && agree(tail(a), tail(b), (long, short) => long.endsWith(short));
}

/**
 * PostgreSQL's home on Debian holds more than clusters: dot files (`.psql_history`, `.cache`),
 * backup folders, extension files an image keeps there (`extension/x.sql`) are not cluster data.
 * Version folders (`15/main`) and the docker image's `data` folder are; a cluster elsewhere in the
 * home is found by its markers on disk.
 */
function isPostgresHomeExtra(path: string): boolean {
  const match = /^\/var\/lib\/postgresql\/([^/]+)/.exec(path);
  // A glob (`1*/main`, `*`) may name a version folder: not an extra.
  return match !== null && !/^(\d+(\.\d+)?|data)$/.test(match[1]!) && !/[*?[]/.test(match[1]!);
}

/**
 * A data directory by its shape (knowledge/data-directories.ts DATA_DIRECTORY_SHAPE): the engine's
 * segment and the version/data/main segments right below it, or the engine's segment on a data
 * mount. The root is the deepest of those segments; what is below it is inside.
 */
function dataDirectoryByShape(base: string): { root: string; engine: string } | undefined {
  if (/[*?[]/.test(base) || DATA_DIRECTORY_SHAPE.never.some((tree) => isUnder(base, tree))) return undefined;
  const segments = base.split('/');
  for (let i = 1; i < segments.length; i++) {
    const named = engineOfSegment(segments[i]!);
    if (!named) continue;
    let end = i;
    while (end + 1 < segments.length && DATA_DIRECTORY_SHAPE.below.test(segments[end + 1]!)) end++;
    const parent = segments.slice(0, i).join('/') || '/';
    if (end > i || (!named.weak && DATA_DIRECTORY_SHAPE.mounts.includes(parent))) return { root: segments.slice(0, end + 1).join('/'), engine: named.engine };
  }
  return undefined;
}

/** The absolute directory a partly unknown path is known to be in (`/var/lib/mysql/` of `/var/lib/mysql/$d`). */
function knownDirectoryPrefix(value: string): string | undefined {
  const star = value.indexOf('*');
  if (star <= 1) return undefined;
  const prefix = value.slice(0, value.lastIndexOf('/', star) + 1);
  return prefix.startsWith('/') && prefix.length > 1 && !/[?[]/.test(prefix) ? prefix : undefined;
}

/** A SQLite database a service lives on (knowledge/data-directories.ts SQLITE_FILE): why, or undefined. */
function liveSqliteFile(glob: string): string | undefined {
  // `db.sqlite3*` names the database and its -wal/-shm companions: judged as the file itself.
  const base = glob.endsWith('*') && !/[*?[]/.test(glob.slice(0, -1)) ? glob.slice(0, -1) : glob;
  if (/[*?[]/.test(base) || DATA_DIRECTORY_SHAPE.never.some((tree) => isUnder(base, tree))) return undefined;
  const name = basename(base);
  if (!SQLITE_FILE.certain.test(name) && !SQLITE_FILE.likely.test(name)) return undefined;
  const named = base
    .split('/')
    .map((segment) => ({ segment, env: environmentFromName(segment.replace(/\.[^.]*$/, '')) }))
    .find(({ env }) => env?.environment === 'production' || env?.environment === 'staging');
  if (named) return `${base} is a SQLite database in a ${named.env!.environment} path (${named.segment})`;
  if (SQLITE_FILE.certain.test(name) && SERVICE_DATA_ROOTS.some((root) => isUnder(base, root)))
    return `${base} is a SQLite database a service keeps under ${SERVICE_DATA_ROOTS.find((root) => isUnder(base, root))}`;
  return undefined;
}

export interface PathContext {
  cwd: string;
  home: string;
  env: Readonly<Record<string, string>>;
  /** What the disk said about the paths (keyed by absolute path); absent with --no-probe. */
  dataDirectories?: ReadonlyMap<string, DataDirectoryFact>;
  /** Data-directory locations the config adds (`data-directories.locations`; globs allowed). */
  locations?: readonly string[];
}

/**
 * A configured location as the directory `base` is in: a glob location (`/srv/pg-*`) becomes the
 * directory `base` names through it (`/srv/pg-orders` for `/srv/pg-orders/base/1`), so the rest
 * of the classification works on real directories. A location `base` is not in stays as written
 * (it may still be under `base`: `rm -rf /srv` holds `/srv/pg-*`).
 */
function locationFor(location: string, base: string): string {
  if (!/[*?[]/.test(location)) return location;
  const pattern = location.split('/');
  const path = base.split('/');
  if (path.length < pattern.length) return location;
  for (let i = 0; i < pattern.length; i++) if (!matchesGlob(path[i]!, pattern[i]!)) return location;
  return path.slice(0, pattern.length).join('/');
}

/** WAL: losing it destroys the database even though the tables are still there. */
const WAL_DIRECTORIES = new Set(['pg_wal', 'pg_xlog', '#innodb_redo', 'journal']);
/** InnoDB's redo log before MySQL 8.0.30 kept its files in the data directory itself. */
const WAL_FILE = /^ib_logfile\d+$/;

/**
 * Which part of a data directory `base` is, from the segments below `root` (a known location, a
 * directory with markers): a copy moved aside, logs, WAL, or the data itself.
 */
export function partBelow(base: string, root: string): DataDirectoryPart {
  const below = base === root ? [] : base.slice(root.length + 1).split('/');
  const segments = [basename(root), ...below];
  if (segments.some((segment, index) => isAsideName(segment, index === segments.length - 1))) return 'aside';
  if (below.some((segment) => LOG_DIRECTORIES.has(segment)) || (below.length > 0 && LOG_FILE.test(below.at(-1)!))) return 'log';
  if (below.some((segment) => WAL_DIRECTORIES.has(segment)) || (below.length > 0 && WAL_FILE.test(below.at(-1)!))) return 'wal';
  if (below.length > 0 && DATA_DIRECTORY_CONFIG_FILE.test(below.at(-1)!)) return 'config';
  if (below.length > 0 && SOCKET_FILE.test(below.at(-1)!)) return 'socket';
  if (below.length > 0) {
    const entry = topEntry(joinSegments(root, below.slice(0, -1)), below.at(-1)!);
    if (entry) return entry;
  }
  return below.length === 0 ? 'whole' : 'inside';
}

/** `root` with `segments` below it (the data directory a path's last segment is in). */
function joinSegments(root: string, segments: readonly string[]): string {
  return segments.length === 0 ? root : `${root.replace(/\/$/, '')}/${segments.join('/')}`;
}

/** A name at the top of a data directory that the server never gives an entry there (see
 *  knowledge/data-directories.ts DATA_DIRECTORY_TOPS). Globs and variables are never foreign. */
function topEntry(root: string, name: string): 'foreign' | 'folder' | undefined {
  // A glob, a variable, or a name not known here (rsync's `…` for the files a `dir/` sends).
  if (/[*?[\]$`]/.test(name) || !/^[\x21-\x7e]+$/.test(name)) return undefined;
  const top = DATA_DIRECTORY_TOPS.find((candidate) => candidate.at.includes(root));
  if (top === undefined || top.own.some((glob) => matchesGlob(name, glob))) return undefined;
  return top.databaseFolder.test(name) ? (top.folders ? 'folder' : undefined) : 'foreign';
}

const PART_WORDS: Record<DataDirectoryPart, string> = {
  whole: '',
  inside: '',
  folder: '',
  wal: ' (its write-ahead log: without it the database is lost)',
  config: " (the server's configuration, not data)",
  aside: ' (a copy moved aside, not the data directory in use)',
  log: ' (server logs, not data)',
  foreign: ' (not a file the server keeps its data in)',
  socket: ' (a socket, not data)',
};

/** A data-directory path, or a leftover beside it, by its part. */
function dataPath(full: string, detail: string, dataDirectory: string, part: DataDirectoryPart, onDisk: string): ClassifiedPath {
  const leftover = part === 'aside' || part === 'log' || part === 'foreign' || part === 'socket';
  return { class: leftover ? 'data-directory-leftover' : 'data-directory', path: full, detail: `${detail}${PART_WORDS[part]}`, dataDirectory, part, onDisk };
}

/** Commands that always print something when they succeed or fail alike (`dirname x` prints `.`). */
const NEVER_SILENT = new Set(['dirname', 'pwd', 'basename', 'date', 'hostname', 'whoami', 'id', 'uname']);

/**
 * When the word's unknown command substitutions printing nothing leave `/` or `/*`: the first
 * substitution, and whether the rest is `/*` (everything under /). Undefined otherwise.
 */
function emptySubstitutions(word: ExpandedWord): { substitution: string; contents: boolean } | undefined {
  if (!word.producers || word.producers.length === 0 || word.producers.every((name) => NEVER_SILENT.has(name))) return undefined;
  const substitutions = [...word.value.matchAll(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`/g)].map((match) => match[0]);
  if (substitutions.length === 0) return undefined;
  let bare = word.value;
  for (const text of substitutions) bare = bare.replace(text, '');
  bare = bare.replace(/\/+/g, '/');
  if (!/^\/\**$/.test(bare)) return undefined;
  return { substitution: substitutions[0]!, contents: bare.length > 1 };
}

/** A variable whose name says it holds a data directory: `PGDATA`, `DATA_DIR`, `MYSQL_DATADIR`,
 *  `dataDir`. `DATA` must be a word of the name: `DST_METADATA_DIR` (clickhouse-operator's
 *  OperatorHub bundle folder) is a folder of metadata, not a database's. */
function namesDataDirectory(name: string): boolean {
  return name === 'PGDATA' || name === 'PG_DATA' || /(?:^|_|^pg)data_?dir/i.test(name) || /[a-z0-9]Data_?Dir/.test(name);
}

export function classifyPath(word: ExpandedWord, context: PathContext): ClassifiedPath {
  const raw = word.value;
  // A variable the command references but whose value we cannot see (a remote $PGDATA).
  if (word.dynamic) {
    if (word.variables.some(namesDataDirectory)) {
      // `"${PGDATA}_tmp"`, `"$DATA_DIR.old"`: whatever the directory is, this is a copy beside it.
      const last = word.text.replace(/["']/g, '').split('/').at(-1) ?? '';
      if (isAsideName(last, true) && !/\$\{?[A-Za-z_]\w*\}?$/.test(last))
        return {
          class: 'data-directory-leftover',
          path: raw,
          detail: `${word.text} is a copy beside the database data directory${PART_WORDS.aside}`,
          part: 'aside',
        };
      // Named as written (`"$DATA_DIR"`): its value is not known here, and a placeholder (`*`) would read as a glob.
      return { class: 'data-directory', path: raw, detail: `${word.text} names the database data directory` };
    }
    if (/^\/\*?$/.test(raw.replace(/\/+/g, '/'))) return { class: 'root', path: '/', detail: 'the root directory' };
    // `rm -rf "$(git rev-parse --show-toplevel)"/*`, `/$(true)*`: a command whose output is not
    // known may print nothing (it failed, or prints nothing), and then the path is / or /*.
    const empty = emptySubstitutions(word);
    if (empty) {
      const path = empty.contents ? '/*' : '/';
      return { class: 'unset-root', path, detail: `if ${empty.substitution} prints nothing, ${word.text} becomes ${path}` };
    }
    // `rm -rf "/var/lib/postgresql/$d"` with $d read at run time: whatever $d is, the path is in
    // the directory written before it (or, empty, that directory itself).
    const known = knownDirectoryPrefix(raw);
    if (known) {
      const inside = classifyPath({ ...word, value: `${known}*`, dynamic: false, glob: true, unsetVariables: [], variables: [] }, context);
      if (inside.class === 'data-directory' || inside.class === 'data-directory-leftover')
        return { ...inside, detail: `${word.text} is in ${known.replace(/\/$/, '')}, whatever it expands to: ${inside.detail}` };
    }
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
  const configured = (context.locations ?? []).map((location) => locationFor(location, base));
  const known = configured.length > 0 ? [...DATA_DIRECTORIES, ...configured] : DATA_DIRECTORIES;
  const dataDirs = pgdata ? [pgdata.replace(/\/+$/, ''), ...known] : known;
  const globbed = /[*?[]/.test(base);
  if (globbed) {
    // `/var/lib/postgres*` and `/var/lib/postgres*/15/main` reach the data directory through a glob.
    for (const dir of dataDirs) {
      const covers = globCovers(base, dir);
      if (covers && !isPostgresHomeExtra(base)) {
        const part = covers === 'under' ? partBelow(base, dir) : 'whole';
        return { ...dataPath(full, `${base} matches ${dir}`, dir, part, dir), onDisk: dir };
      }
    }
  }
  // What the disk says beats the name: a running cluster is the database whatever it is called;
  // a directory holding PG_VERSION is one wherever it lives (`/data/pg`).
  const fact = globbed ? undefined : context.dataDirectories?.get(base);
  if (fact?.engine && fact.root && fact.relation === 'is' && fact.running) {
    return dataPath(full, `${base} holds a running database`, base, 'whole', base);
  }
  for (const dir of dataDirs) {
    if (isUnder(base, dir) && !isPostgresHomeExtra(base)) {
      const detail = dir === pgdata?.replace(/\/+$/, '') ? `${base} is $PGDATA` : `${base} is under ${dir}`;
      const part = partBelow(base, dir);
      return dataPath(full, detail, base, part === 'whole' && base !== dir ? 'inside' : part, base);
    }
  }
  if (fact?.engine && fact.root) {
    if (fact.relation === 'holds') return dataPath(full, `${base} holds the ${fact.engine} data directory ${fact.root}`, base, 'whole', base);
    const part = partBelow(base, fact.root);
    const relation = fact.relation === 'is' ? 'is' : fact.relation === 'owned' ? 'is most likely' : 'is inside';
    return dataPath(full, `${base} ${relation} a ${fact.engine} data directory (${fact.root})`, base, part, base);
  }
  // /usr, /var, /var/lib hold data directories too, but they are system directories first.
  if (SYSTEM_DIRECTORIES.has(base) || (contents && holdsCriticalSystemFiles(base))) {
    const held = dataDirs.find((dir) => isUnder(dir, base));
    // `rm -f /etc/*` needs no -r to take /etc/passwd and /etc/shadow with everything else.
    const critical = contents && holdsCriticalSystemFiles(base);
    return {
      class: 'system',
      path: full,
      detail: critical
        ? `${full} is every file in ${base}, including files the system cannot run without`
        : `${base} is a system directory${held ? ` (it holds ${held})` : ''}`,
      onDisk: base,
      ...(critical ? { also: ['system-file' as const] } : {}),
    };
  }
  for (const dir of dataDirs) {
    if (isUnder(dir, base)) {
      // A glob location names no one directory on disk: the probe looks at `base`, what it holds.
      return dataPath(full, `${base} holds the database directory ${dir}`, /[*?[]/.test(dir) ? base : dir, 'whole', base);
    }
  }
  // Written absolute, or relative from a server's data or service tree (`cd /srv/app && shred -u
  // db/production.sqlite3`): not a project's own folders on a workstation (`./docker/postgres/data`).
  const absolute =
    raw.startsWith('/') ||
    raw.startsWith('~') ||
    [...DATA_DIRECTORY_SHAPE.mounts, ...SERVICE_DATA_ROOTS].some((root) => root !== '/' && isUnder(resolvePath(context.cwd || '/', '.'), root));
  const shaped = absolute ? dataDirectoryByShape(base) : undefined;
  if (shaped) return dataPath(full, `${base} is shaped like a ${shaped.engine} data directory (${shaped.root})`, base, partBelow(base, shaped.root), base);
  const segments = base.split('/');
  const named = segments.findIndex((segment) => DATA_DIRECTORY_NAMES.has(segment));
  if (named > 0) {
    const root = segments.slice(0, named + 1).join('/');
    return dataPath(full, `${base} is a database data directory`, base, partBelow(base, root), base);
  }
  const sqlite = absolute ? liveSqliteFile(base) : undefined;
  if (sqlite) return dataPath(full, sqlite, base, 'whole', base);
  if (isCriticalSystemFile(base)) {
    return { class: 'system-file', path: full, detail: `${base} is a file the system needs to boot or to log anyone in`, onDisk: base };
  }
  const backups = absolute ? backupLocation(base) : undefined;
  if (backups) return { class: 'backup', path: full, detail: backups, ...(globbed ? {} : { onDisk: base }) };
  const home = context.home.replace(/\/+$/, '');
  if (base === home || /^\/(home|Users)\/[^/]+$/.test(base) || base === '/root') {
    return { class: 'home', path: full, detail: `${base} is a home directory`, onDisk: base };
  }
  return { class: 'other', path: full, detail: full, ...(globbed ? {} : { onDisk: base }) };
}
