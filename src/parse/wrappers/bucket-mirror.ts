// A mirror into object storage from an empty folder empties the bucket: `aws s3 sync --delete
// empty/ s3://prod-assets` deletes every object, as `aws s3 rm --recursive` would. The edge looks
// at the folder (context/gather.ts) and hands back the empty ones; this reads the line again as
// the recursive delete (knowledge/cloud-clis.ts BUCKET_MIRRORS) so the delete rules decide.
// From a folder with files it is a deploy, judged by the sync rules themselves.

import type { ExpandedWord, Invocation } from '../../types.js';
import { scanOptions, type OptionScan } from '../options.js';
import { BUCKET_MIRRORS, type BucketMirror } from '../../knowledge/cloud-clis.js';
import { command, optionsOf, type Unwrapper } from './step.js';

interface MirrorOperands {
  spec: BucketMirror;
  /** The local folder the mirror reads, as an absolute path. */
  folder: string;
  destination: ExpandedWord;
}

function flagGiven(inv: Invocation, scan: OptionScan, flag: string): boolean {
  const [name, wanted] = flag.split('=');
  return scan.options.some((option) => {
    if (option.flag !== name) return false;
    if (wanted === undefined) return true;
    const value = option.value ?? inv.args[option.index + 1]?.value;
    return value?.toLowerCase() === wanted;
  });
}

function mirrorOperands(inv: Invocation): MirrorOperands | undefined {
  const spec = Object.hasOwn(BUCKET_MIRRORS, inv.name) ? BUCKET_MIRRORS[inv.name]! : undefined;
  if (!spec || !inv.cwd.startsWith('/')) return undefined;
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: false }));
  const words = scan.positionals.map((index) => inv.args[index]!);
  if (!spec.subcommand.every((word, index) => words[index]?.value === word)) return undefined;
  const operands = words.slice(spec.subcommand.length).filter((word) => word.value !== 'true' && word.value !== 'false');
  if (operands.length !== 2) return undefined;
  if ((spec.deletes.length > 0 && !spec.deletes.some((flag) => flagGiven(inv, scan, flag))) || spec.dryRun.some((flag) => flagGiven(inv, scan, flag)))
    return undefined;
  const [source, destination] = operands as [ExpandedWord, ExpandedWord];
  if (source.dynamic || source.glob || spec.remote.test(source.value) || source.value === '') return undefined;
  const path = source.value.startsWith('/') ? source.value : `${inv.cwd.replace(/\/+$/, '')}/${source.value}`;
  return { spec, folder: path.replace(/\/\.?$/, '').replace(/\/+$/, '') || '/', destination };
}

/** The local folders whose emptiness decides what a deleting bucket mirror does. */
export function bucketMirrorSourcesToInspect(inv: Invocation): string[] {
  if (inv.host.kind !== 'local' || inv.envUnknown) return [];
  const mirror = mirrorOperands(inv);
  return mirror ? [mirror.folder] : [];
}

/**
 * A folder empty by its name, without looking: `/var/empty` (sshd's chroot, empty by design),
 * `/dev/null`, and a folder called `empty` — nobody deploys a site from one; it is what an
 * operator makes to wipe a bucket. (So `--no-probe` still sees these.)
 */
export function emptyByName(path: string): boolean {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '/var/empty' || trimmed === '/dev/null' || /(^|\/)empty$/i.test(trimmed);
}

export const bucketMirror: Unwrapper = (inv, _envFiles, _userHomes, emptyDirectories = []) => {
  const mirror = mirrorOperands(inv);
  if (!mirror || !(emptyDirectories.includes(mirror.folder) || emptyByName(mirror.folder))) return [];
  const words = mirror.spec.emptiedAs(mirror.destination.value).map((value) => ({ ...mirror.destination, value, text: value, glob: false, dynamic: false }));
  return command(`${inv.name} mirror with deletion from the empty ${mirror.folder}`, words);
};
