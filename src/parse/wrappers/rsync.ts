// rsync: a copy that deletes at its destination (`--delete`), judged like the rm it is.

import type { ExpandedWord, Invocation } from '../../types.js';
import { scanOptions, hasFlag, type OptionSpec } from '../options.js';
import { onRemoteHost, parseDestination } from './remote.js';
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
  const reread = inv.via.some((step) => step.startsWith(REREAD_VIA));
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
  return [
    ...wipe,
    ...removed,
    ...deleting.flatMap((index) => {
      const remote = rsyncRemote(inv.args[index]!.value);
      if (!remote) return [];
      const args = inv.args.map((word, i) => (i === index ? { ...word, value: remote.path } : word));
      // With the sources removed, the removed side is the last path the rules read.
      const words = index === destinationIndex ? args : [...args.filter((_, i) => i !== index), args[index]!];
      return command(`${REREAD_VIA}${remote.host}`, [inv.command, ...words], onRemoteHost(remote.host, remote.user));
    }),
  ];
};
