// The branch a line is on after it switched branches (`git checkout main && … && git push -f`):
// a push without a refspec pushes the current branch (push.default `simple`, git's default since
// 2.0, and `current`), so a force push after `git checkout main` rewrites main as surely as `git
// push -f origin main` does. Pure: the words in, the branch (or whether a push names none) out.

import type { ExpandedWord } from '../types.js';
import { scanOptions } from './options.js';
import { toolOptions } from '../knowledge/tools.js';

/** Options of `git checkout`/`git switch` that take a value (the new branch's name is one). */
const SWITCH_OPTIONS = { shortWithValue: 'bBcC', longWithValue: ['create', 'force-create', 'orphan', 'conflict', 'track', 'pathspec-from-file'] };
const CREATES = new Set(['-b', '-B', '-c', '-C', '--create', '--force-create', '--orphan']);

/** The words after git's own options: the subcommand first (`git -C api push` → `push`, …). */
function subcommandWords(args: readonly ExpandedWord[]): ExpandedWord[] {
  const first = scanOptions(args, toolOptions('git') ?? {}).positionals[0];
  return first === undefined ? [] : args.slice(first);
}

/** `git checkout main`, `git switch -c release`, `git checkout -B main origin/main`: the branch
 *  the line is on afterwards; undefined for a file checkout (`checkout -- f`, `checkout HEAD f`). */
export function branchSwitchedTo(args: readonly ExpandedWord[]): string | undefined {
  const [sub, ...rest] = subcommandWords(args);
  if (sub?.value !== 'checkout' && sub?.value !== 'switch') return undefined;
  if (rest.some((word) => word.value === '--' || word.dynamic)) return undefined;
  const scan = scanOptions(rest, SWITCH_OPTIONS);
  const created = scan.options.find((option) => CREATES.has(option.flag) && option.value);
  if (created) return created.value;
  const positionals = scan.positionals.map((index) => rest[index]!.value);
  // One word is a branch (or a commit: `checkout abc123` detaches, and a push then names none).
  return positionals.length === 1 && !/^[0-9a-f]{7,40}$/.test(positionals[0]!) && !positionals[0]!.includes('~') ? positionals[0] : undefined;
}

/** `git push [-f] [REMOTE]`: a push that names no refspec and no set of refs pushes the current branch. */
export function pushesCurrentBranch(args: readonly ExpandedWord[]): boolean {
  const [sub, ...rest] = subcommandWords(args);
  if (sub?.value !== 'push') return false;
  if (rest.some((word) => word.dynamic || ['--all', '--mirror', '--tags', '--branches', '--delete', '-d', '--prune'].includes(word.value))) return false;
  return scanOptions(rest, toolOptions('git') ?? {}).positionals.length <= 1;
}

/** Whether a `git push` names its remote (`git push -f origin`); without one git uses the upstream's. */
export function namesRemote(args: readonly ExpandedWord[]): boolean {
  const [, ...rest] = subcommandWords(args);
  return scanOptions(rest, toolOptions('git') ?? {}).positionals.length >= 1;
}
