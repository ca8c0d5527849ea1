// Wrappers: commands whose job is to run another command or a script. Each one says what it
// would run next, with what environment, on which host. Known bypasses of other guards go
// through here: `sudo -u postgres rm`, `env -i rm`, `command rm`, `bash -c '…'`, `eval "…"`,
// `xargs rm`, `find … -exec rm {} +`, `ssh db1 'rm …'`, `kubectl exec pod -- rm …`.
// This module is the registry (command name → unwrapper); each family lives in wrappers/.

import type { ExpandedWord, Invocation } from '../types.js';
import { scanOptions } from './options.js';
import {
  COMMAND_EQUIVALENTS,
  COMMAND_RUNNERS,
  HTTP_CLIENTS,
  RUNNERS_AFTER_OPERANDS,
  SSH_FORCED_COMMANDS,
  TASK_CHAINS,
  toolOptions,
} from '../knowledge/tools.js';
import { CLIENT_SHELLS } from '../knowledge/commands.js';
import { clientShell } from './wrappers/client-shells.js';
import { httpQuery } from './wrappers/http-queries.js';
import { APP_CONSOLE_NAMES, appConsole } from './wrappers/app-consoles.js';
import { docker, kubectl, kubectlCnpg } from './wrappers/containers.js';
import { awsVault, crossEnv, dopplerRun, dotenvRunner, envCmd, envCommand, envFileRunner, secretStoreRunner } from './wrappers/env-runners.js';
import {
  commandBuiltin,
  evalBuiltin,
  find,
  flock,
  npx,
  rawSocket,
  stdinConsole,
  mongoShell,
  redisCli,
  scriptCommand,
  shell,
  subcommandRunner,
  timeout,
  watch,
  xargs,
  kill,
} from './wrappers/local.js';
import { STDIN_CONSOLES } from '../knowledge/consoles.js';
import { RAW_SOCKET_CLIENTS, MEMCACHED_PORTS, REDIS_PORTS } from '../knowledge/raw-sockets.js';
import { SALT_FUNCTIONS } from '../knowledge/fleet-runners.js';
import { CLOUD_SSH, PARALLEL_SHELLS, ansible, cloudSsh, herokuRun, mosh, parallelShell, salt, ssh } from './wrappers/remote.js';
import { rsync, scp } from './wrappers/rsync.js';
import { bucketMirror } from './wrappers/bucket-mirror.js';
import { type EnvFiles, type UnwrapStep, type Unwrapper, type UserHomes, command, commandRunner, optionsOf, script } from './wrappers/step.js';
import { doas, su, sudo } from './wrappers/users.js';
import { SHELL_OPTION_COMPANIONS, sedExecuteSteps, shellOptionSteps } from './wrappers/shell-options.js';
import { clientEscapes } from './wrappers/client-escapes.js';
import { dict, table } from '../util/dict.js';

/** `rimraf DIR` runs as `rm -rf DIR`: the command it is, with its own words after. */
function equivalent(argv: readonly string[]): Unwrapper {
  return (inv) =>
    command(inv.name, [
      ...argv.map((value) => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] })),
      ...inv.args,
    ]);
}

/**
 * `mix do ecto.drop, ecto.create`: each task of the chain is a run of the tool of its own
 * (knowledge/tools.ts TASK_CHAINS). A separator is a word of its own (`+`, `,`) or ends a word
 * (`ecto.drop,`); `a,b` in one word is split too, as mix splits it.
 */
function taskChain(inv: Invocation): UnwrapStep[] {
  const chain = TASK_CHAINS[inv.name]!;
  if (inv.args[0]?.value !== chain.word) return [];
  const tasks: ExpandedWord[][] = [[]];
  for (const word of inv.args.slice(1)) {
    if (word.dynamic) {
      tasks.at(-1)!.push(word);
      continue;
    }
    // A separator word of its own (`+`), or commas in or at the end of a word (`ecto.drop,`).
    if (chain.separators.includes(word.value)) {
      tasks.push([]);
      continue;
    }
    const parts = chain.separators.includes(',') ? word.value.split(',') : [word.value];
    parts.forEach((part, index) => {
      if (index > 0) tasks.push([]);
      const trimmed = part.trim();
      if (trimmed !== '') tasks.at(-1)!.push({ ...word, value: trimmed, text: trimmed });
    });
  }
  const name = { ...inv.command, value: inv.name, text: inv.name, dynamic: false, glob: false };
  return tasks.filter((task) => task.length > 0).flatMap((task) => command(`${inv.name} ${chain.word}`, [name, ...task]));
}

/** A program two readers know (`aws ssm start-session` runs a shell; `aws s3 sync` can empty a bucket). */
function both(first: Unwrapper, second: Unwrapper): Unwrapper {
  return (inv, envFiles, userHomes, emptyDirectories) => [
    ...first(inv, envFiles, userHomes, emptyDirectories),
    ...second(inv, envFiles, userHomes, emptyDirectories),
  ];
}

/** `taskset -c 0 rm -rf /`: the runner's own operands come first, then the command. */
const runnerAfterOperands: Unwrapper = (inv) => {
  const spec = RUNNERS_AFTER_OPERANDS[inv.name]!;
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: true }));
  if (inv.args.slice(0, scan.rest).some((word) => spec.noCommand.includes(word.value) || /^-[a-zA-Z]*p[a-zA-Z]*$/.test(word.value))) return [];
  return command(inv.name, inv.args.slice(scan.rest + spec.operands));
};

const WRAPPERS: Record<string, Unwrapper> = dict({
  ...Object.fromEntries(COMMAND_RUNNERS.map((name) => [name, commandRunner])),
  ...Object.fromEntries(Object.keys(RUNNERS_AFTER_OPERANDS).map((name) => [name, runnerAfterOperands])),
  ...Object.fromEntries(Object.entries(COMMAND_EQUIVALENTS).map(([name, argv]) => [name, equivalent(argv)])),
  // Database shells read as the client they are (`cockroach sql` is psql).
  ...Object.fromEntries(Object.keys(CLIENT_SHELLS).map((name) => [name, clientShell])),
  // A query sent to a database's HTTP API is its client's (ClickHouse :8123, InfluxDB /query).
  ...Object.fromEntries(Object.keys(HTTP_CLIENTS).map((name) => [name, httpQuery])),
  sudo,
  doas,
  env: envCommand,
  command: commandBuiltin,
  chroot: (inv) => {
    const scan = scanOptions(inv.args, optionsOf('chroot', { stopAtPositional: true }));
    return command('chroot', inv.args.slice(scan.rest + 1));
  },
  screen: (inv) => {
    // `screen -S ops -X stuff 'dropdb app\n'` types the text into the session's shell.
    const stuff = inv.args.findIndex((w, index) => w.value === 'stuff' && inv.args[index - 1]?.value === '-X');
    if (stuff !== -1 && inv.args[stuff + 1]) return script('screen -X stuff', screenStuffText(inv.args[stuff + 1]!.value));
    const scan = scanOptions(inv.args, optionsOf('screen', { stopAtPositional: true }));
    return command('screen', inv.args.slice(scan.rest));
  },
  tmux: (inv) => {
    // `tmux send-keys -t db1 'dropdb app' Enter` types a line into another pane's shell.
    const send = inv.args.findIndex((w) => w.value === 'send-keys' || w.value === 'send');
    if (send !== -1) {
      const scan = scanOptions(inv.args.slice(send + 1), optionsOf('tmux send-keys', { stopAtPositional: true }));
      const typed = typedKeys(inv.args.slice(send + 1 + scan.rest).map((w) => w.value));
      return typed ? script('tmux send-keys', typed) : [];
    }
    // `tmux new-session -d 'cmd'`, `tmux new -d -s x cmd…`: the last words are a shell command.
    const sub = inv.args.findIndex((w) =>
      ['new-session', 'new', 'new-window', 'neww', 'split-window', 'splitw', 'respawn-pane', 'run-shell', 'run'].includes(w.value),
    );
    if (sub === -1) return [];
    const scan = scanOptions(inv.args.slice(sub + 1), optionsOf('tmux new-session', { stopAtPositional: true }));
    const words = inv.args.slice(sub + 1 + scan.rest);
    return words.length > 0 ? script('tmux', words.map((w) => w.value).join(' ')) : [];
  },
  at: (inv) => (inv.stdin?.text !== undefined ? script('at', inv.stdin.text) : []),
  batch: (inv) => (inv.stdin?.text !== undefined ? script('batch', inv.stdin.text) : []),
  timeout,
  xargs,
  kill,
  find,
  sh: shell,
  bash: shell,
  zsh: shell,
  dash: shell,
  ksh: shell,
  mksh: shell,
  ash: shell,
  eval: evalBuiltin,
  su,
  runuser: su,
  ssh,
  mosh,
  gcloud: both(cloudSsh(CLOUD_SSH.gcloud!), bucketMirror),
  az: cloudSsh(CLOUD_SSH.az!),
  aws: both(cloudSsh(CLOUD_SSH.aws!), bucketMirror),
  gsutil: bucketMirror,
  azcopy: bucketMirror,
  mc: bucketMirror,
  rclone: bucketMirror,
  ansible,
  salt,
  'salt-ssh': salt,
  'salt-call': salt,
  rsync,
  scp,
  ...Object.fromEntries(Object.entries(PARALLEL_SHELLS).map(([name, spec]) => [name, parallelShell(spec)])),
  kubectl,
  oc: kubectl,
  'kubectl-cnpg': kubectlCnpg,
  docker,
  'docker-compose': (inv, envFiles, userHomes) =>
    inv.args.length > 0 ? docker({ ...inv, name: 'docker', args: [{ ...inv.args[0]!, value: 'compose' }, ...inv.args] }, envFiles, userHomes) : [],
  podman: docker,
  nerdctl: docker,
  watch,
  flock,
  script: scriptCommand,
  heroku: herokuRun,
  ...Object.fromEntries(APP_CONSOLE_NAMES.map((name) => [name, appConsole])),
  'redis-cli': redisCli,
  'valkey-cli': redisCli,
  mongosh: mongoShell,
  mongo: mongoShell,
  // Text piped to a Redis port is Redis commands (knowledge/raw-sockets.ts).
  ...Object.fromEntries(Object.keys(RAW_SOCKET_CLIENTS).map((name) => [name, rawSocket])),
  // Consoles given their commands on standard input (`echo 'deleteall /x' | zkCli.sh -server h`).
  ...Object.fromEntries(Object.keys(STDIN_CONSOLES).map((name) => [name, stdinConsole])),
  ...Object.fromEntries(Object.keys(TASK_CHAINS).map((name) => [name, taskChain])),
  bundle: subcommandRunner(['exec']),
  npx,
  bunx: npx,
  pnpx: npx,
  // `bun x PKG` is bunx; bun's other words (run, test, -e) are read elsewhere.
  bun: subcommandRunner(['x']),
  pnpm: subcommandRunner(['exec', 'dlx']),
  npm: subcommandRunner(['exec', 'x']),
  yarn: subcommandRunner(['exec', 'dlx']),
  poetry: subcommandRunner(['run']),
  pipenv: subcommandRunner(['run']),
  uv: subcommandRunner(['run'], toolOptions('uv')),
  pdm: subcommandRunner(['run']),
  hatch: subcommandRunner(['run']),
  foreman: subcommandRunner(['run'], toolOptions('foreman')),
  direnv: secretStoreRunner,
  infisical: secretStoreRunner,
  sops: secretStoreRunner,
  teller: secretStoreRunner,
  envchain: secretStoreRunner,
  summon: secretStoreRunner,
  dotenv: dotenvRunner,
  'env-cmd': envCmd,
  'cross-env': crossEnv,
  'cross-env-shell': crossEnv,
  'aws-vault': awsVault,
  doppler: dopplerRun,
  op: envFileRunner('op run', ['--env-file']),
  dotenvx: envFileRunner('dotenvx run', ['-f', '--env-file']),
  // `mise exec|x [TOOL@VERSION…] -- CMD` runs CMD with those tools; `-c|--command STRING` runs a shell line.
  mise: toolVersionExec,
  rtx: toolVersionExec,
  chamber: secretStoreRunner,
});

/** mise (formerly rtx): `exec`/`x` run the command after `--`, or the shell line given to `-c`. */
function toolVersionExec(inv: Invocation): UnwrapStep[] {
  if (!['exec', 'x'].includes(inv.args[0]?.value ?? '')) return [];
  const rest = inv.args.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i]!.value;
    if (value === '--') return command(`${inv.name} exec`, rest.slice(i + 1));
    const shellLine = value === '-c' || value === '--command' ? rest[i + 1] : undefined;
    if (shellLine) return shellLine.dynamic ? [] : script(`${inv.name} exec -c`, shellLine.value);
    if (value.startsWith('--command=')) return script(`${inv.name} exec -c`, value.slice('--command='.length));
  }
  return [];
}

/**
 * What `tmux send-keys KEY…` types: each argument is a key name or a string, sent one after the
 * other (`ls Space -la Enter`). Key names that end a line (Enter, C-m, KPEnter) are newlines;
 * with -l every argument is literal, which the caller's option scan leaves in the words.
 */
function typedKeys(keys: readonly string[]): string {
  const named: Record<string, string> = { enter: '\n', 'c-m': '\n', kpenter: '\n', 'c-j': '\n', space: ' ', tab: '\t', 'c-i': '\t' };
  return keys.map((key) => named[key.toLowerCase()] ?? key).join('');
}

/** screen's `stuff` string: `\n`, `\r` and `^M` end a line. */
function screenStuffText(text: string): string {
  return text.replace(/\\[nr]|\^M/g, '\n');
}

export function unwrapInvocation(inv: Invocation, envFiles: EnvFiles, userHomes: UserHomes = {}, emptyDirectories: readonly string[] = []): UnwrapStep[] {
  if (!inv.name) return [];
  // Not wrappers (a rule for every command still judges these tools): their options or input
  // hold a shell line they run besides their own job.
  const escapes = [...shellOptionSteps(inv), ...sedExecuteSteps(inv), ...clientEscapes(inv, envFiles, userHomes, emptyDirectories)];
  if (!Object.hasOwn(WRAPPERS, inv.name)) return escapes;
  return [...WRAPPERS[inv.name]!(inv, envFiles, userHomes, emptyDirectories), ...escapes];
}

/**
 * Wrappers that run a command whose name is not a word of the line, with the word that says they
 * do: `ansible db -m file -a 'path=… state=absent'` is `rm -rf`. The shell hook's prefilter sends
 * such a line to the checker.
 */
const WRAPPED_COMMAND_WORDS: Readonly<Record<string, readonly string[]>> = table({
  ansible: ['state=absent', 'state=stopped', 'state=restarted'],
  // `ssh dokku@HOST apps:destroy APP` runs dokku (knowledge/tools.ts SSH_FORCED_COMMANDS).
  ssh: Object.keys(SSH_FORCED_COMMANDS).map((user) => `${user}@*`),
  // `rclone sync ./empty remote:` from an empty folder is `rclone delete remote:`.
  rclone: ['sync'],
  // Salt functions that amount to a command whose name the line does not hold (`file.remove`).
  ...Object.fromEntries(
    // `cmd.run cmd='rm -rf …'`: the line's word is `cmd=rm`, which names no command.
    ['salt', 'salt-ssh', 'salt-call'].map((name) => [name, [...Object.keys(SALT_FUNCTIONS).filter((fn) => SALT_FUNCTIONS[fn]!.kind === 'command'), 'cmd=*']]),
  ),
  // The lines a cloud API runs on a VM sit inside JSON or shorthand (`'{"commands":["dropdb x"]}'`),
  // glued to punctuation the prefilter does not split on.
  aws: ['send-command', 'aws-startinteractivecommand'],
  az: ['run-command'],
  // Text piped to a Redis port (`nc HOST 6379`, `socat - TCP:HOST:6379`) is redis-cli commands.
  ...Object.fromEntries(Object.keys(RAW_SOCKET_CLIENTS).map((name) => [name, [...REDIS_PORTS, ...MEMCACHED_PORTS].map((port) => `*${port}`)])),
});

/** The words above, and a tool's options whose value is a shell line (`tar
 *  --checkpoint-action=exec=…`, `git -c core.pager=…`): `ssh` has both `dokku@*` and `-o`. */
export const HIDDEN_COMMAND_WORDS: Readonly<Record<string, readonly string[]>> = table(
  Object.fromEntries(
    [...new Set([...Object.keys(WRAPPED_COMMAND_WORDS), ...Object.keys(SHELL_OPTION_COMPANIONS)])].map((name) => [
      name,
      [...(WRAPPED_COMMAND_WORDS[name] ?? []), ...(SHELL_OPTION_COMPANIONS[name] ?? [])],
    ]),
  ),
);

/** Every command name unwrapped here (the shell hook's prefilter needs the list). */
export const WRAPPER_NAMES: readonly string[] = Object.keys(WRAPPERS);

export function isWrapper(name: string): boolean {
  return Object.hasOwn(WRAPPERS, name);
}
