// Options whose value is a shell command the tool runs (GTFOBins' "shell" and "command" entries,
// https://gtfobins.github.io): `tar --checkpoint-action=exec='rm -rf /'`, `git -c
// core.pager='rm -rf /' log`, `ssh -o ProxyCommand='…'`, `vim -c '!rm -rf /'`, `man -P CMD`.
// Each runs its value through `sh -c` on the machine the tool runs on, whatever the tool's own
// job is. Read by src/parse/wrappers/shell-options.ts; the prefilter sends a line holding one of
// the option words on to the checker.

import { table } from '../util/dict.js';

export interface ShellCommandOption {
  /** The option's spellings: `-x`/`--long` take the next word or `--long=VALUE`/`-xVALUE`. */
  options: readonly string[];
  /**
   * For an option whose value is `KEY=VALUE` (`git -c`, `ssh -o`): the keys (lower case, `*`
   * ends a prefix) whose value is a command. `ssh -o ProxyCommand rm` (a space) counts too.
   */
  keys?: readonly string[];
  /** Only a value after this prefix is a command (`tar --checkpoint-action=exec=CMD`). */
  prefix?: string;
  /** The value is an editor or debugger command: only text after `!` or `shell ` runs in a shell. */
  escapes?: readonly string[];
  /** The options end at the first operand (git's `-c` comes before the subcommand). */
  beforeOperand?: boolean;
  /** Operands starting with `+` are commands too (`vim '+!rm -rf /' file`). */
  plusArguments?: boolean;
  /** The value is the program a copy runs to reach the other host (`rsync -e 'ssh -p 2222'`):
   *  read where it names a shell or another program, not a remote shell the copy reads already. */
  transport?: boolean;
}

/** Remote shells a copy's transport option names every day (read with the copy's destination). */
export const TRANSPORT_PROGRAMS: ReadonlySet<string> = new Set(['ssh', 'rsh', 'autossh', 'sshpass', 'mosh', 'dbclient', 'plink', 'tsh', 'teleport']);

const GIT_COMMAND_KEYS = [
  'core.pager',
  'core.editor',
  'core.sshcommand',
  'core.fsmonitor',
  'core.hookspath',
  'sequence.editor',
  'diff.external',
  'pager.*',
  'alias.*',
  'credential.helper',
  'gpg.program',
  'uploadpack.packobjectshook',
];

/** An editor's command (`vim -c '!rm -rf /'`, `'+!cmd'`): text after a `!` runs in a shell. */
const VIM: ShellCommandOption = { options: ['-c', '--cmd'], escapes: ['!', 'silent !', 'silent!!', 'silent! !'], plusArguments: true };
const SSH_KEYS = ['proxycommand', 'localcommand', 'knownhostscommand', 'remotecommand'];

export const SHELL_COMMAND_OPTIONS: Readonly<Record<string, readonly ShellCommandOption[]>> = table({
  tar: [
    { options: ['--checkpoint-action'], prefix: 'exec=' },
    { options: ['--to-command', '--use-compress-program', '-I', '--info-script', '--new-volume-script', '-F', '--rsh-command'] },
  ],
  zip: [{ options: ['-TT', '--unzip-command'] }],
  rsync: [{ options: ['-e', '--rsh'], transport: true }],
  ssh: [{ options: ['-o'], keys: SSH_KEYS }],
  scp: [
    { options: ['-o'], keys: SSH_KEYS },
    { options: ['-S'], transport: true },
  ],
  sftp: [
    { options: ['-o'], keys: SSH_KEYS },
    { options: ['-S'], transport: true },
  ],
  git: [{ options: ['-c'], keys: GIT_COMMAND_KEYS, beforeOperand: true }],
  man: [{ options: ['-P', '--pager'] }],
  vim: [VIM],
  vi: [VIM],
  nvim: [VIM],
  view: [VIM],
  vimdiff: [VIM],
  ex: [VIM],
  gdb: [{ options: ['-ex', '--eval-command', '-iex', '--init-eval-command'], escapes: ['!', 'shell '] }],
  wget: [{ options: ['--use-askpass'] }],
});
