// Copies to another host: rsync, which deletes at its destination (`--delete`), judged like the
// rm it is; scp, which writes files on the host it names, judged like the cp it is, on that host.

import type { ExpandedWord, Invocation } from '../../types.js';
import { scanOptions, hasFlag, type OptionSpec } from '../options.js';
import { onRemoteHost, parseDestination } from './remote.js';
import { emptyByName } from './bucket-mirror.js';
import { type Unwrapper, command, optionsOf } from './step.js';

/**
 * rsync with deletion to another host: `rsync --delete SRC HOST:PATH` deletes what SRC lacks from
 * PATH on HOST (GitLab 2017: re-seeding a replica with rsync, source and host mixed up). The
 * deleting side is judged as `rsync … SRC PATH` run on that host, so the rules about deleting
 * mirrors see the path and the host. `--remove-source-files` deletes on the source's side.
 * Option arity: rsync's popt table (options.c).
 */
const RSYNC_SPEC: OptionSpec = optionsOf('rsync', { stopAtPositional: false });

const RSYNC_DELETE_FLAGS = ['--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-delay', '--delete-excluded', '--del'];
const RSYNC_DRY_RUN_FLAGS = ['--dry-run', '-n', '--list-only'];
/** How the rsync read again on the host that loses files is named (`… (via rsync to db1)`). */
const REREAD_VIA = 'rsync to ';
/**
 * How it is named when it is a deploy: local folders with files, mirrored into a folder on that
 * host with --delete (only what the build no longer has goes). Rules tell it from the other
 * re-reads by this name (filesystem/rsync-deploy-delete); an empty source — found empty by the
 * edge, or empty by its name (`/var/empty`, `empty/`) — a pull or --remove-source-files is not one.
 */
const DEPLOY_VIA = 'rsync deploy to ';

/** `[USER@]HOST:PATH`, `[USER@]HOST::MODULE/PATH`, `rsync://[USER@]HOST[:PORT]/MODULE/PATH`; a colon after a slash is a local path. */
function rsyncRemote(word: string): { host: string; user?: string; path: string } | undefined {
  const url = /^rsync:\/\/([^/]+)\/?(.*)$/s.exec(word);
  const [location, path] = url
    ? [url[1]!, url[2]!]
    : ((): [string, string] | [] => {
        const colon = word.indexOf(':');
        if (colon <= 0 || word.slice(0, colon).includes('/')) return [];
        return [word.slice(0, colon), word.slice(colon + 1).replace(/^:/, '')];
      })();
  if (location === undefined || path === undefined) return undefined;
  const { host, user } = parseDestination(location);
  // An empty path is the remote user's home: relative to a directory unknown here.
  return { host, ...(user ? { user } : {}), path: path === '' ? '.' : path };
}

/** The absolute path of a local rsync source that sends a directory's contents (`dir/`, `dir/.`, `.`). */
function contentsSource(word: ExpandedWord, cwd: string): string | undefined {
  if (word.dynamic || word.glob || rsyncRemote(word.value) || !cwd.startsWith('/')) return undefined;
  const value = word.value;
  if (!(value.endsWith('/') || value === '.' || value.endsWith('/.'))) return undefined;
  const path = value.startsWith('/') ? value : `${cwd.replace(/\/+$/, '')}/${value}`;
  return path.replace(/\/\.?$/, '').replace(/\/+$/, '') || '/';
}

/**
 * The local directories whose emptiness decides what a deleting rsync does: with every source an
 * empty directory's contents, `rsync --delete empty/ DEST/` deletes everything in DEST. The edge
 * looks at them (it reads the disk) and hands the empty ones back to the parser.
 */
export function rsyncSourcesToInspect(inv: Invocation): string[] {
  if (inv.name !== 'rsync' || inv.host.kind !== 'local' || inv.envUnknown) return [];
  const scan = scanOptions(inv.args, RSYNC_SPEC);
  if (!hasFlag(scan, ...RSYNC_DELETE_FLAGS) || hasFlag(scan, ...RSYNC_DRY_RUN_FLAGS) || scan.positionals.length < 2) return [];
  return scan.positionals.slice(0, -1).flatMap((index) => contentsSource(inv.args[index]!, inv.cwd) ?? []);
}

/** `DEST/*`: what deleting everything in DEST names, as a word the path rules read. */
function everythingIn(destination: ExpandedWord, path: string): ExpandedWord {
  return { ...destination, value: `${path.replace(/\/+$/, '')}/*`, glob: true, dynamic: false };
}

/** Most sources one line's copy is judged for (rsync, scp); the rest land in the same place. */
const MAX_SOURCES_JUDGED = 8;

/** How the files a `dir/` source sends are named where they land (their names are not known here). */
const SENT_FILES = '…';

/**
 * Where an rsync source lands: `dir/` sends its contents, files inside DEST (`DEST/…`: over what
 * is there, not DEST itself); `dir` or a file goes into a destination folder under its own name
 * (`DEST/` or several sources), else at DEST itself.
 */
function rsyncLanding(source: string, destination: string, sourceCount: number): string {
  const sourcePath = rsyncRemote(source)?.path ?? source;
  if (sourcePath.endsWith('/') || sourcePath === '.' || sourcePath.endsWith('/.')) return `${destination.replace(/\/+$/, '')}/${SENT_FILES}`;
  return landingPath(sourcePath, destination, sourceCount);
}

/** A copy's landing path: into a destination folder under the source's name, else the destination. */
function landingPath(sourcePath: string, destination: string, sourceCount: number): string {
  const name = sourcePath.replace(/\/+$/, '').replace(/^.*\//, '');
  const intoFolder = destination.endsWith('/') || destination === '.' || sourceCount > 1;
  if (!intoFolder || name === '' || name === '.' || name === '..') return destination;
  return `${destination.replace(/\/+$/, '')}/${name}`;
}

export const rsync: Unwrapper = (inv, _envFiles, _userHomes, emptyDirectories = []) => {
  const scan = scanOptions(inv.args, RSYNC_SPEC);
  if (hasFlag(scan, ...RSYNC_DRY_RUN_FLAGS) || scan.positionals.length < 2) return [];
  const deletes = hasFlag(scan, ...RSYNC_DELETE_FLAGS);
  const removesSources = hasFlag(scan, '--remove-source-files');
  const destinationIndex = scan.positionals.at(-1)!;
  // GitLab 2017 in its rsync form: every source is an empty directory (the edge looked), so
  // `rsync --delete empty/ DEST/` deletes everything in DEST — judged as `rm -rf DEST/*`, on the
  // host DEST is on.
  const sources = scan.positionals.slice(0, -1);
  const wipes = deletes && sources.every((index) => emptyDirectories.includes(contentsSource(inv.args[index]!, inv.cwd) ?? '\u0000'));
  const wipe = (() => {
    if (!wipes) return [];
    const destination = inv.args[destinationIndex]!;
    const remote = rsyncRemote(destination.value);
    const rm = { ...inv.command, value: 'rm', text: 'rm' };
    const force = { ...destination, value: '-rf', text: '-rf', glob: false };
    const target = everythingIn(destination, remote ? remote.path : destination.value);
    return command(`rsync --delete from the empty ${inv.args[sources[0]!]!.value}`, [rm, force, target], remote ? onRemoteHost(remote.host, remote.user) : {});
  })();
  // `--remove-source-files` deletes every file it sent: a push FROM a data directory empties it
  // as `rm -rf` would (a backup "moved" off a production primary). Each local source is judged as
  // that rm, so the data-directory, root and system-directory rules decide.
  // (A remote source is read again on its host below, as the rsync it is; that re-read rsync has
  // its operands turned round, so its "sources" are not sources and are not read this way.)
  const reread = inv.via.some((step) => step.startsWith(REREAD_VIA) || step.startsWith(DEPLOY_VIA));
  const deploy =
    deletes &&
    !removesSources &&
    sources.every((index) => {
      const source = inv.args[index]!;
      if (rsyncRemote(source.value) || source.value === '') return false;
      const folder = contentsSource(source, inv.cwd) ?? source.value;
      return !emptyDirectories.includes(folder) && !emptyByName(folder) && !emptyByName(source.value);
    });
  const removed =
    removesSources && !reread
      ? sources.flatMap((index) => {
          const source = inv.args[index]!;
          if (rsyncRemote(source.value)) return [];
          const rm = { ...inv.command, value: 'rm', text: 'rm' };
          const force = { ...source, value: '-rf', text: '-rf', glob: false };
          return command(`rsync --remove-source-files from ${source.value}`, [rm, force, source], {});
        })
      : [];
  // The side that loses files: the destination (--delete), the sources (--remove-source-files).
  const deleting = [...(deletes ? [destinationIndex] : []), ...(removesSources ? scan.positionals.slice(0, -1) : [])];
  // Without deletion, a push still writes each file over the one at its landing path: into a
  // data directory on HOST that replaces what the server reads, judged as the copy it is there.
  const pushed = (() => {
    const remote = deletes || reread ? undefined : rsyncRemote(inv.args[destinationIndex]!.value);
    if (!remote) return [];
    const optionWords = inv.args.filter((_, index) => !scan.positionals.includes(index));
    return sources.slice(0, MAX_SOURCES_JUDGED).flatMap((index) => {
      const source = inv.args[index]!;
      const landing = { ...inv.args[destinationIndex]!, value: rsyncLanding(source.value, remote.path, sources.length) };
      return command(`${REREAD_VIA}${remote.host}`, [inv.command, ...optionWords, source, landing], onRemoteHost(remote.host, remote.user));
    });
  })();
  return [
    ...wipe,
    ...removed,
    ...pushed,
    ...deleting.flatMap((index) => {
      const remote = rsyncRemote(inv.args[index]!.value);
      if (!remote) return [];
      const args = inv.args.map((word, i) => (i === index ? { ...word, value: remote.path } : word));
      // With the sources removed, the removed side is the last path the rules read.
      const words = index === destinationIndex ? args : [...args.filter((_, i) => i !== index), args[index]!];
      return command(`${deploy ? DEPLOY_VIA : REREAD_VIA}${remote.host}`, [inv.command, ...words], onRemoteHost(remote.host, remote.user));
    }),
  ];
};

// ---- scp: `scp SRC… [USER@]HOST:PATH` writes files on HOST. Copied into a database's data
// directory they replace what the server reads (GitLab 2017: the right command, the wrong host),
// so the copy is judged as `scp SRC LANDING` run on HOST, where the copy-over-data-files rule
// sees the path and the host. A copy FROM a host to here writes only here.

const SCP_SPEC: OptionSpec = optionsOf('scp', { stopAtPositional: false });
/** How the scp read again on the host it writes to is named (`… (via scp to db1)`). */
const SCP_VIA = 'scp to ';

/**
 * `[USER@]HOST:PATH`, `[USER@][V6ADDR]:PATH`, `scp://[USER@]HOST[:PORT][/PATH]` (scp.c colon()
 * and parse_uri): a colon before any slash, outside brackets. An empty path is the remote home.
 */
export function scpRemote(word: string): { host: string; user?: string; path: string } | undefined {
  const uri = /^scp:\/\/([^/]+)(\/.*)?$/s.exec(word);
  // A URI's path is read as written, from `/` (over, never under: ~/var/lib/mysql would be harmless).
  const [location, path] = uri
    ? [uri[1]!, uri[2] ?? '']
    : ((): [string, string] | [] => {
        let bracket = false;
        for (let i = 0; i < word.length; i++) {
          const char = word[i];
          if (char === '[') bracket = true;
          else if (char === ']') bracket = false;
          else if (!bracket && char === '/') return [];
          else if (!bracket && char === ':') return i === 0 ? [] : [word.slice(0, i), word.slice(i + 1)];
        }
        return [];
      })();
  if (location === undefined || path === undefined) return undefined;
  const { host, user } = parseDestination(location);
  if (host === '') return undefined;
  return { host, ...(user ? { user } : {}), path: path === '' ? '.' : path };
}

export const scp: Unwrapper = (inv) => {
  // The copy read again on its host has a local destination: nothing more to unwrap.
  if (inv.via.some((step) => step.startsWith(SCP_VIA))) return [];
  const scan = scanOptions(inv.args, SCP_SPEC);
  if (scan.positionals.length < 2) return [];
  const destinationIndex = scan.positionals.at(-1)!;
  const destination = inv.args[destinationIndex]!;
  const remote = scpRemote(destination.value);
  if (!remote) return [];
  const sources = scan.positionals.slice(0, -1);
  const optionWords = inv.args.filter((_, index) => !scan.positionals.includes(index));
  return sources.slice(0, MAX_SOURCES_JUDGED).flatMap((index) => {
    const source = inv.args[index]!;
    const landing = { ...destination, value: landingPath(scpRemote(source.value)?.path ?? source.value, remote.path, sources.length) };
    return command(`${SCP_VIA}${remote.host}`, [inv.command, ...optionWords, source, landing], onRemoteHost(remote.host, remote.user));
  });
};
