// Edge: is this path a database's data directory (by the markers on disk, wherever it lives), is a
// server running on it, and is it a primary? GitLab 2017: an engineer meant to empty the data
// directory of the broken replica db2 and ran `rm -rf` on db1, the running primary. Before
// removing a data directory, say which one it is. What to look for is data:
// knowledge/data-directories.ts.
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DATA_ENGINES, type DataEngine, type DataEngineSpec } from '../knowledge/data-directories.js';
import { matchesGlob } from '../util/glob.js';
import type { DataDirectoryFact } from '../types.js';

export type DataDirectoryRole = 'primary' | 'replica' | 'unknown';

export interface DataDirectoryReport extends DataDirectoryFact {
  /** Kept for callers that only know PostgreSQL: markers of PostgreSQL were found. */
  isPostgresDataDirectory: boolean;
  engine?: DataEngine;
  pid?: number;
  /** The data directory the facts are about (the path itself, a cluster below, or one above). */
  dataDirectory?: string;
}

export type DataDirectoryFs = Pick<typeof nodeFs, 'existsSync' | 'readFileSync' | 'readdirSync' | 'statSync'>;

/** `process.kill(pid, 0)` delivers nothing; it only asks whether the pid exists. EPERM: it does,
 *  owned by someone else (the postgres user, when we are not root). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

function statKind(fs: DataDirectoryFs, path: string): 'directory' | 'file' | 'missing' | 'denied' {
  try {
    return fs.statSync(path).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = errorCode(error);
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'missing';
  }
}

function listNames(fs: DataDirectoryFs, dir: string): string[] | 'denied' {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    const code = errorCode(error);
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : [];
  }
}

/** The first of `names` present in `dir` (a glob allowed in the last segment), if any. */
function firstPresent(fs: DataDirectoryFs, dir: string, names: readonly string[], withGlobs: boolean, listing?: () => string[]): string | undefined {
  for (const name of names) {
    if (/[*?[]/.test(name)) {
      if (!withGlobs || name.includes('/')) continue;
      const found = (listing?.() ?? []).find((entry) => matchesGlob(entry, name));
      if (found) return found;
    } else if (fs.existsSync(join(dir, name))) {
      return name;
    }
  }
  return undefined;
}

/** Which engine's markers `dir` holds, and the marker found. */
function markersIn(
  fs: DataDirectoryFs,
  dir: string,
  withGlobs: boolean,
  engines: readonly DataEngineSpec[] = DATA_ENGINES,
): { spec: DataEngineSpec; marker: string } | undefined {
  let names: string[] | undefined;
  const listing = () => {
    if (names === undefined) {
      const listed = listNames(fs, dir);
      names = listed === 'denied' ? [] : listed;
    }
    return names;
  };
  for (const spec of engines) {
    const marker = firstPresent(fs, dir, spec.markers, withGlobs, listing);
    if (marker) return { spec, marker };
  }
  return undefined;
}

function readText(fs: DataDirectoryFs, path: string): { text: string } | { error: string } {
  try {
    return { text: fs.readFileSync(path, 'utf8') };
  } catch (error) {
    return { error: errorCode(error) ?? 'error' };
  }
}

function inspectPostgres(dir: string, fs: DataDirectoryFs, alive: (pid: number) => boolean): DataDirectoryReport {
  const evidence: string[] = [];
  const versionText = readText(fs, join(dir, 'PG_VERSION'));
  if ('error' in versionText) {
    if (versionText.error === 'EACCES' || versionText.error === 'EPERM') {
      // Owned by postgres with mode 0700: we cannot look inside, which is itself a sign.
      return {
        exists: true,
        unreadable: true,
        isPostgresDataDirectory: false,
        running: false,
        role: 'unknown',
        evidence: [`${dir}: permission denied reading PG_VERSION; cannot tell whether it is a data directory`],
      };
    }
    evidence.push(`${dir}: PostgreSQL data directory (global/pg_control)`);
  } else {
    evidence.push(`${dir}: PostgreSQL ${versionText.text.trim()} data directory (PG_VERSION)`);
  }

  let running = false;
  let pid: number | undefined;
  let pmStatus: string | undefined;
  const pidText = readText(fs, join(dir, 'postmaster.pid'));
  if ('error' in pidText) {
    evidence.push(
      pidText.error === 'EACCES' || pidText.error === 'EPERM'
        ? 'postmaster.pid exists but is unreadable (permission denied)'
        : 'no postmaster.pid: no server is running on it',
    );
  } else {
    // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status
    // ("starting", "stopping", "ready", "standby"; PostgreSQL 10+).
    const lines = pidText.text.split('\n');
    const parsed = Number.parseInt(lines[0]?.trim() ?? '', 10);
    pmStatus = lines[7]?.trim() || undefined;
    if (Number.isInteger(parsed) && parsed > 0) {
      pid = parsed;
      running = alive(parsed);
      evidence.push(
        running
          ? `postmaster.pid: server process ${parsed} is running` +
              (lines[3]?.trim() ? ` (port ${lines[3].trim()})` : '') +
              (pmStatus ? `, status "${pmStatus}"` : '')
          : `postmaster.pid names process ${parsed}, which is not running (stale pid file)`,
      );
    } else {
      evidence.push('postmaster.pid exists but holds no pid');
    }
  }

  let role: DataDirectoryRole = 'primary';
  const spec = DATA_ENGINES.find((each) => each.engine === 'postgresql')!;
  const signals = spec.standbySignals.filter((f) => fs.existsSync(join(dir, f)));
  if (running && pmStatus === 'standby') {
    role = 'replica';
    evidence.push('the running server reports status "standby" (a hot standby)');
  } else if (signals.length > 0) {
    role = 'replica';
    evidence.push(`${signals.join(', ')} present: the server starts as a standby/in recovery`);
  } else {
    evidence.push('no standby.signal, recovery.signal or recovery.conf: the server is a primary');
  }
  return foundReport(dir, 'postgresql', running, role, evidence, pid);
}

/** MySQL, MongoDB, Redis, …: a pid file with a live pid or a non-empty lock file means running. */
function inspectOther(dir: string, spec: DataEngineSpec, marker: string, fs: DataDirectoryFs, alive: (pid: number) => boolean): DataDirectoryReport {
  const evidence = [`${dir}: ${spec.title} data directory (${marker})`];
  const listed = listNames(fs, dir);
  const listing = () => (listed === 'denied' ? [] : listed);
  let running = false;
  let pid: number | undefined;
  const holders = [...spec.pidFiles.map((name) => ({ name, lock: false })), ...spec.lockFiles.map((name) => ({ name, lock: true }))];
  for (const { name, lock } of holders) {
    const found = firstPresent(fs, dir, [name], true, listing);
    if (!found) continue;
    const content = readText(fs, join(dir, found));
    if ('error' in content) continue;
    const number = Number.parseInt(content.text.trim(), 10);
    if (Number.isInteger(number) && number > 0) {
      if (alive(number)) {
        running = true;
        pid = number;
        evidence.push(`${found}: server process ${number} is running`);
        break;
      }
      evidence.push(`${found} names process ${number}, which is not running (stale)`);
    } else if (lock && content.text.trim() !== '') {
      running = true;
      evidence.push(`${found} is held: a server is using it`);
      break;
    }
  }
  if (!running && holders.length > 0) evidence.push('no live pid or lock file: no server is running on it');
  const signals = spec.standbySignals.map((name) => firstPresent(fs, dir, [name], true, listing)).filter((name): name is string => name !== undefined);
  const role: DataDirectoryRole = signals.length > 0 ? 'replica' : spec.standbySignals.length > 0 ? 'primary' : 'unknown';
  if (signals.length > 0) evidence.push(`${signals.join(', ')} present: a replica`);
  return foundReport(dir, spec.engine, running, role, evidence, pid);
}

/** What inspecting a data directory found: its engine, whether a server runs on it, and its role. */
function foundReport(
  dir: string,
  engine: DataDirectoryReport['engine'],
  running: boolean,
  role: DataDirectoryRole,
  evidence: string[],
  pid: number | undefined,
): DataDirectoryReport {
  const report: DataDirectoryReport = {
    exists: true,
    isPostgresDataDirectory: engine === 'postgresql',
    engine,
    root: dir,
    running,
    role,
    dataDirectory: dir,
    evidence,
  };
  if (pid !== undefined) report.pid = pid;
  return report;
}

function inspectCluster(
  dir: string,
  found: { spec: DataEngineSpec; marker: string },
  fs: DataDirectoryFs,
  alive: (pid: number) => boolean,
): DataDirectoryReport {
  return found.spec.engine === 'postgresql' ? inspectPostgres(dir, fs, alive) : inspectOther(dir, found.spec, found.marker, fs, alive);
}

/** Most dangerous first: a running primary outranks everything else. */
function danger(r: DataDirectoryReport): number {
  if (!r.engine) return 0;
  return (r.running ? 4 : 1) + (r.role === 'primary' ? 2 : r.role === 'unknown' ? 1 : 0);
}

/** Engines whose server owns its whole directory: anything inside is data. Redis writes dump.rdb
 *  into whatever directory it was started from, so being inside that proves nothing. */
// A marker a config names says the same of its directory: the site's own data, all of it.
const OWNS_ITS_DIRECTORY: ReadonlySet<DataEngine> = new Set(['postgresql', 'mysql', 'mongodb', 'etcd', 'elasticsearch', 'configured']);

/** How far down to look for clusters: /var/lib/postgresql holds 15/main. */
const HOLDS_DEPTH = 2;
/** A directory with more entries than this is not scanned for clusters below it (node_modules). */
const HOLDS_MAX_ENTRIES = 64;

function clustersBelow(
  path: string,
  depth: number,
  fs: DataDirectoryFs,
  alive: (pid: number) => boolean,
  engines: readonly DataEngineSpec[],
): DataDirectoryReport[] {
  if (depth === 0) return [];
  let entries: nodeFs.Dirent[];
  try {
    entries = fs.readdirSync(path, { withFileTypes: true }) as nodeFs.Dirent[];
  } catch {
    return [];
  }
  if (entries.length > HOLDS_MAX_ENTRIES) return [];
  const children = entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
  const reports: DataDirectoryReport[] = [];
  for (const name of children) {
    const dir = join(path, name);
    const found = markersIn(fs, dir, false, engines);
    if (found) reports.push(inspectCluster(dir, found, fs, alive));
    else reports.push(...clustersBelow(dir, depth - 1, fs, alive, engines));
  }
  return reports;
}

/** The name of the user owning `path`, from /etc/passwd (undefined when unknown). */
function ownerName(fs: DataDirectoryFs, path: string): string | undefined {
  let uid: number;
  try {
    uid = fs.statSync(path).uid;
  } catch {
    return undefined;
  }
  const passwd = readText(fs, '/etc/passwd');
  if ('error' in passwd) return undefined;
  return passwd.text
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => Number(fields[2]) === uid)?.[0];
}

function nothing(path: string, exists: boolean, line: string, unreadable = false): DataDirectoryReport {
  return { exists, ...(unreadable ? { unreadable } : {}), isPostgresDataDirectory: false, running: false, role: 'unknown', evidence: [line] };
}

/**
 * Inspect `path`: the markers in it; else in a directory above it (`main/base/16384` is inside
 * `main`); else in the directories up to two levels below it (`/var/lib/postgresql` holds
 * `15/main`). With several clusters below, the most dangerous one is reported and all are listed
 * in `evidence`.
 */
export function inspectDataDirectory(
  path: string,
  fsApi: DataDirectoryFs = nodeFs,
  alive: (pid: number) => boolean = isProcessAlive,
  engines: readonly DataEngineSpec[] = DATA_ENGINES,
): DataDirectoryReport {
  const kind = statKind(fsApi, path);
  if (kind === 'missing') {
    // A path that is not there: whatever its name says, there is nothing to delete — unless it
    // sits inside a data directory (`pg_wal/*` expands to nothing only when empty).
    return nothing(path, false, `${path} does not exist`);
  }
  if (kind === 'directory') {
    const found = markersIn(fsApi, path, true, engines);
    if (found) return { ...inspectCluster(path, found, fsApi, alive), relation: 'is' };
  }
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const found = markersIn(
      fsApi,
      dir,
      false,
      engines.filter((spec) => OWNS_ITS_DIRECTORY.has(spec.engine)),
    );
    if (found) {
      const cluster = inspectCluster(dir, found, fsApi, alive);
      return { ...cluster, relation: 'inside', evidence: [`${path} is inside ${dir}`, ...cluster.evidence] };
    }
  }
  if (kind === 'file') return nothing(path, true, `${path} is a file outside any data directory`);
  const listed = listNames(fsApi, path);
  if (listed === 'denied') {
    // Owned by postgres with mode 0700: we cannot look inside, which is itself a sign.
    const owner = ownerName(fsApi, path);
    const spec = owner ? DATA_ENGINES.find((each) => each.owners.includes(owner)) : undefined;
    if (spec) {
      return {
        ...nothing(path, true, `${path}: owned by ${owner} and unreadable to us: most likely ${spec.title} data (cannot look inside)`, true),
        engine: spec.engine,
        root: path,
        relation: 'owned',
      };
    }
    return nothing(path, true, `${path}: permission denied; cannot tell whether it is a data directory`, true);
  }
  if (fsApi.existsSync(join(path, 'PG_VERSION'))) {
    // Listed but unreadable markers (an injected fs, odd modes): report the permission problem.
    return inspectPostgres(path, fsApi, alive);
  }
  const clusters = clustersBelow(path, HOLDS_DEPTH, fsApi, alive, engines);
  if (clusters.length === 0) {
    return nothing(path, true, `${path}: no data directory markers here or up to two levels down (${basename(path)}/*/PG_VERSION, ibdata1, WiredTiger, …)`);
  }
  const worst = clusters.reduce((a, b) => (danger(b) > danger(a) ? b : a));
  const evidence = clusters.length === 1 ? worst.evidence : clusters.flatMap((c) => c.evidence);
  return {
    ...worst,
    relation: 'holds',
    evidence: [`${path} contains ${clusters.length === 1 ? 'a data directory' : `${clusters.length} data directories`}`, ...evidence],
  };
}
