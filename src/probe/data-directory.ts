// Edge: is this path a PostgreSQL data directory, is a server running on it, and is it a primary?
// GitLab 2017: an engineer meant to empty the data directory of the broken replica db2 and ran
// `rm -rf` on db1, the running primary. Before removing a data directory, say which one it is.
import * as nodeFs from 'node:fs';
import { basename, join } from 'node:path';

export type DataDirectoryRole = 'primary' | 'replica' | 'unknown';

export interface DataDirectoryReport {
  isPostgresDataDirectory: boolean;
  /** A postmaster.pid names a live process. */
  running: boolean;
  pid?: number;
  role: DataDirectoryRole;
  /** The data directory the facts are about (the path itself, or a cluster one level down). */
  dataDirectory?: string;
  /** Facts, one per line, suitable for showing to the person about to delete it. */
  evidence: string[];
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

function isDirectory(fs: DataDirectoryFs, path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function inspectCluster(dir: string, fs: DataDirectoryFs, alive: (pid: number) => boolean): DataDirectoryReport {
  const evidence: string[] = [];
  let version: string;
  try {
    version = fs.readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EACCES' || code === 'EPERM') {
      // Owned by postgres with mode 0700: we cannot look inside, which is itself a sign.
      return {
        isPostgresDataDirectory: false,
        running: false,
        role: 'unknown',
        evidence: [`${dir}: permission denied reading PG_VERSION; cannot tell whether it is a data directory`],
      };
    }
    return { isPostgresDataDirectory: false, running: false, role: 'unknown', evidence: [`${dir}: no PG_VERSION file`] };
  }
  evidence.push(`${dir}: PostgreSQL ${version} data directory (PG_VERSION)`);

  let running = false;
  let pid: number | undefined;
  let pmStatus: string | undefined;
  let pidText: string | undefined;
  try {
    pidText = fs.readFileSync(join(dir, 'postmaster.pid'), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    evidence.push(
      code === 'EACCES' || code === 'EPERM' ? 'postmaster.pid exists but is unreadable (permission denied)' : 'no postmaster.pid: no server is running on it',
    );
  }
  if (pidText !== undefined) {
    // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status
    // ("starting", "stopping", "ready", "standby"; PostgreSQL 10+).
    const lines = pidText.split('\n');
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
  const signals = ['standby.signal', 'recovery.signal', 'recovery.conf'].filter((f) => fs.existsSync(join(dir, f)));
  if (running && pmStatus === 'standby') {
    role = 'replica';
    evidence.push('the running server reports status "standby" (a hot standby)');
  } else if (signals.length > 0) {
    role = 'replica';
    evidence.push(`${signals.join(', ')} present: the server starts as a standby/in recovery`);
  } else {
    evidence.push('no standby.signal, recovery.signal or recovery.conf: the server is a primary');
  }
  const report: DataDirectoryReport = { isPostgresDataDirectory: true, running, role, dataDirectory: dir, evidence };
  if (pid !== undefined) report.pid = pid;
  return report;
}

/** Most dangerous first: a running primary outranks everything else. */
function danger(r: DataDirectoryReport): number {
  if (!r.isPostgresDataDirectory) return 0;
  return (r.running ? 4 : 1) + (r.role === 'primary' ? 2 : r.role === 'unknown' ? 1 : 0);
}

/**
 * Inspect `path`, or the clusters one level below it (`/var/lib/postgresql/15` holds `main/`).
 * With several clusters, the most dangerous one is reported and all are listed in `evidence`.
 */
export function inspectDataDirectory(path: string, fsApi: DataDirectoryFs = nodeFs, alive: (pid: number) => boolean = isProcessAlive): DataDirectoryReport {
  if (fsApi.existsSync(join(path, 'PG_VERSION'))) return inspectCluster(path, fsApi, alive);
  if (!isDirectory(fsApi, path)) {
    return { isPostgresDataDirectory: false, running: false, role: 'unknown', evidence: [`${path}: not a directory`] };
  }
  let children: string[] = [];
  try {
    children = fsApi
      .readdirSync(path, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EACCES' || code === 'EPERM') {
      return inspectCluster(path, fsApi, alive); // reports the permission problem
    }
  }
  const clusters = children
    .map((name) => join(path, name))
    .filter((dir) => fsApi.existsSync(join(dir, 'PG_VERSION')))
    .map((dir) => inspectCluster(dir, fsApi, alive));
  if (clusters.length === 0) {
    return {
      isPostgresDataDirectory: false,
      running: false,
      role: 'unknown',
      evidence: [`${path}: no PG_VERSION here or in a directory one level down (${basename(path)}/*/PG_VERSION)`],
    };
  }
  const worst = clusters.reduce((a, b) => (danger(b) > danger(a) ? b : a));
  const evidence = clusters.length === 1 ? worst.evidence : clusters.flatMap((c) => c.evidence);
  return {
    ...worst,
    evidence: [`${path} contains ${clusters.length === 1 ? 'a data directory' : `${clusters.length} data directories`}`, ...evidence],
  };
}
