// Wrappers: commands whose job is to run another command or a script. Each one says what it
// would run next, with what environment, on which host. Known bypasses of other guards go
// through here: `sudo -u postgres rm`, `env -i rm`, `command rm`, `bash -c '…'`, `eval "…"`,
// `xargs rm`, `find … -exec rm {} +`, `ssh db1 'rm …'`, `kubectl exec pod -- rm …`.

import type { ExecutionHost, ExpandedWord, Invocation, StdinSource } from '../types.js';
import { scanOptions, hasFlag, optionValue, clientOptionSpec, type OptionSpec } from './options.js';
import { homeOfUser } from './expand.js';
import { redisCallsInLua } from './lua.js';

interface StepBase {
  via: string;
  env?: Record<string, string>;
  assigned?: Record<string, string>;
  host?: ExecutionHost;
  envUnknown?: boolean;
  cwd?: string;
  /** `$1 … $n` of the script the step runs (`sh -c SCRIPT _ a b`, `bash FILE a b`). */
  positional?: string[];
  /** The script runs in the same shell (`eval`, `source`): it keeps `$@` and arrays. */
  sameShell?: boolean;
  /** The file (or task) the script comes from: a file already being walked is not walked again. */
  file?: string;
}

export type UnwrapStep =
  | (StepBase & { kind: 'command'; words: ExpandedWord[]; stdin?: StdinSource; keepStdin?: boolean })
  | (StepBase & { kind: 'script'; text: string; stdin?: StdinSource });

type EnvFiles = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** Home directories by user name, as the edge found them (passwd, getent). */
export type UserHomes = Readonly<Record<string, string>>;
type Unwrapper = (inv: Invocation, envFiles: EnvFiles, userHomes: UserHomes, emptyDirectories?: readonly string[]) => UnwrapStep[];

function command(via: string, words: ExpandedWord[], extra: Partial<StepBase> & { stdin?: StdinSource } = {}): UnwrapStep[] {
  return words.length > 0 ? [{ kind: 'command', via, words, keepStdin: true, ...extra }] : [];
}

function script(via: string, text: string, extra: Partial<StepBase> & { stdin?: StdinSource } = {}): UnwrapStep[] {
  return [{ kind: 'script', via, text, ...extra }];
}

/** A wrapper whose options end at the first positional, which is the command to run. */
function simpleWrapper(spec: OptionSpec): Unwrapper {
  return (inv) => {
    const scan = scanOptions(inv.args, { ...spec, stopAtPositional: true });
    return command(inv.name, inv.args.slice(scan.rest));
  };
}

/** Leading NAME=value words (sudo, env): they set the environment of the command. */
function takeAssignments(inv: Invocation, words: ExpandedWord[]): { env: Record<string, string>; assigned: Record<string, string>; rest: ExpandedWord[] } {
  const env = { ...inv.env };
  const assigned = { ...inv.assigned };
  let index = 0;
  for (; index < words.length; index++) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[index]!.value);
    if (!match) break;
    env[match[1]!] = match[2]!;
    assigned[match[1]!] = match[2]!;
  }
  return { env, assigned, rest: words.slice(index) };
}

// ---------------------------------------------------------------------------------------------
// Running a command as another user: sudo, su, runuser. Who runs it decides whose dot files a
// client reads (~/.pg_service.conf, ~/.my.cnf) and what environment it sees.

/** What a user-switching wrapper does before it runs its command. */
export interface UserSwitch {
  user: string;
  /** `reset`: only `kept` survives of the caller's environment (sudo's env_reset, `su -l`). */
  environment: 'reset' | 'keep';
  /** Variable names that survive a reset; a trailing `*` is a prefix (`LC_*`). */
  kept: readonly string[];
  /** HOME (and USER, LOGNAME) become the user's. */
  setHome: boolean;
  /** The command starts in this directory: the user's home for a login shell, or `sudo -D DIR`. */
  cwd?: { home: true } | { dir: string };
  /** Where the command starts in the words (sudo), or the script it runs (`su -c`). */
  rest: { words: number } | { script: string } | undefined;
}

/**
 * sudoers' default `env_reset` keeps only these of the caller's variables (plugins/sudoers/env.c,
 * initial_keepenv_table and initial_checkenv_table): DATABASE_URL, PGHOST, PGSERVICE,
 * PGSERVICEFILE, MYSQL_HOST… are gone, and HOME is the target user's.
 */
const SUDO_KEPT_VARIABLES = [
  'COLORS',
  'DISPLAY',
  'HOSTNAME',
  'KRB5CCNAME',
  'LS_COLORS',
  'PATH',
  'PS1',
  'PS2',
  'XAUTHORITY',
  'XAUTHORIZATION',
  'XDG_CURRENT_DESKTOP',
  'COLORTERM',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'LINGUAS',
  'TERM',
  'TZ',
];
/** `su -l`/`su -` clears everything but these (util-linux su-common.c, modify_environment). */
const SU_LOGIN_KEPT_VARIABLES = ['TERM', 'COLORTERM', 'NO_COLOR'];

const SUDO_SPEC: OptionSpec = {
  shortWithValue: 'ugCDhprtUTR',
  longWithValue: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout', 'chroot'],
  stopAtPositional: true,
};
const SU_SPEC: OptionSpec = {
  shortWithValue: 'cgGsuw',
  longWithValue: ['command', 'group', 'supp-group', 'shell', 'user', 'whitelist-environment', 'session-command'],
};

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

/** The user switch a `sudo`, `su` or `runuser` invocation makes; undefined for other commands. */
export function userSwitchOf(inv: Invocation): UserSwitch | undefined {
  if (inv.name === 'sudo') {
    const scan = scanOptions(inv.args, SUDO_SPEC);
    // These modes list, validate or edit: they run no command.
    if (hasFlag(scan, '-l', '--list', '-v', '--validate', '-V', '--version', '-e', '--edit', '-K', '--remove-timestamp')) return undefined;
    const login = hasFlag(scan, '-i', '--login');
    // `-E`/`--preserve-env` turns env_reset off (sudoers.c), but a login shell resets anyway;
    // `--preserve-env=A,B` keeps those besides the defaults.
    const preserveAll = scan.options.some((option) => (option.flag === '-E' || option.flag === '--preserve-env') && option.value === undefined);
    const preserved = scan.options
      .filter((option) => option.flag === '--preserve-env' && option.value !== undefined)
      .flatMap((option) => splitList(option.value));
    const chdir = optionValue(scan, '-D', '--chdir');
    const reset = login || !preserveAll;
    return {
      user: optionValue(scan, '-u', '--user') ?? 'root',
      environment: reset ? 'reset' : 'keep',
      kept: [...SUDO_KEPT_VARIABLES, ...preserved.filter((name) => name !== 'HOME')],
      // env_reset sets HOME unless it was kept; -H and -i set it always (env.c, rebuild_env).
      setHome: (reset && !preserved.includes('HOME')) || login || hasFlag(scan, '-H', '--set-home'),
      ...(chdir ? { cwd: { dir: chdir } } : login ? { cwd: { home: true } } : {}),
      rest: { words: scan.rest },
    };
  }
  if (inv.name === 'su' || inv.name === 'runuser') {
    const scan = scanOptions(inv.args, SU_SPEC);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // `su -l USER`, `su - USER`: a login shell, started in USER's home with a cleared environment.
    const login = hasFlag(scan, '-l', '--login') || positionals[0] === '-';
    const preserve = !login && hasFlag(scan, '-m', '-p', '--preserve-environment');
    const text = optionValue(scan, '-c', '--command');
    const dashDash = inv.args.findIndex((w) => w.value === '--');
    let rest: UserSwitch['rest'];
    if (text !== undefined) rest = { script: text };
    else if (inv.name === 'runuser' && dashDash !== -1) rest = { words: dashDash + 1 };
    else if (inv.name === 'runuser' && hasFlag(scan, '-u', '--user') && scan.positionals[0] !== undefined) rest = { words: scan.positionals[0] };
    const user = optionValue(scan, '-u', '--user') ?? positionals.find((word) => word !== '-') ?? 'root';
    return {
      user,
      environment: login ? 'reset' : 'keep',
      kept: [...SU_LOGIN_KEPT_VARIABLES, ...splitList(optionValue(scan, '-w', '--whitelist-environment'))],
      setHome: !preserve,
      ...(login ? { cwd: { home: true } } : {}),
      rest,
    };
  }
  return undefined;
}

/** The users a line's wrappers switch to, for the edge to look up their homes. */
export function usersNamedBy(inv: Invocation): string[] {
  const change = userSwitchOf(inv);
  return change && !inv.envUnknown && inv.host.kind === 'local' ? [change.user] : [];
}

function keptBy(names: readonly string[], variable: string): boolean {
  return names.some((name) => (name.endsWith('*') ? variable.startsWith(name.slice(0, -1)) : name === variable));
}

/** The environment the switched-to command sees, and where it starts. */
function switchedEnvironment(
  inv: Invocation,
  change: UserSwitch,
  userHomes: UserHomes,
): { env: Record<string, string>; assigned: Record<string, string>; cwd?: string } {
  const home = userHomes[change.user] ?? homeOfUser(change.user, inv.env.HOME ?? '/root');
  const keep = (vars: Readonly<Record<string, string>>) =>
    change.environment === 'keep' ? { ...vars } : Object.fromEntries(Object.entries(vars).filter(([name]) => keptBy(change.kept, name)));
  const env = keep(inv.env);
  const assigned = keep(inv.assigned);
  if (change.setHome) {
    env.HOME = home;
    assigned.HOME = home;
    if (change.user !== 'root' || change.environment === 'reset') env.USER = env.LOGNAME = change.user;
  }
  const cwd = change.cwd && ('dir' in change.cwd ? change.cwd.dir : home);
  return { env, assigned, ...(cwd ? { cwd } : {}) };
}

const sudo: Unwrapper = (inv, _envFiles, userHomes) => {
  const change = userSwitchOf(inv);
  if (!change || !change.rest || !('words' in change.rest)) return [];
  // In a remote shell (`ssh db1 sudo -u postgres …`) the environment is unknown anyway.
  const switched = inv.envUnknown ? { env: { ...inv.env }, assigned: { ...inv.assigned } } : switchedEnvironment(inv, change, userHomes);
  // `sudo VAR=value cmd`: sudo sets these after the reset.
  const { env, assigned, rest } = takeAssignments({ ...inv, env: switched.env, assigned: switched.assigned }, inv.args.slice(change.rest.words));
  const cwd = 'cwd' in switched ? switched.cwd : undefined;
  return command(change.user !== 'root' || hasUserOption(inv) ? `sudo -u ${change.user}` : 'sudo', rest, { env, assigned, ...(cwd ? { cwd } : {}) });
};

function hasUserOption(inv: Invocation): boolean {
  return optionValue(scanOptions(inv.args, SUDO_SPEC), '-u', '--user') !== undefined;
}

const doas: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'uC', stopAtPositional: true });
  return command('doas', inv.args.slice(scan.rest));
};

/** `env $(cat .env.production | xargs) CMD`: the file's lines are the assignments, once the edge read it. */
function envFileAssignments(inv: Invocation, words: ExpandedWord[], envFiles: EnvFiles): ExpandedWord[] {
  return words.flatMap((word) => {
    const vars = word.envFile !== undefined ? envFiles[envFilePath(inv.cwd, word.envFile)] : undefined;
    if (!vars) return [word];
    return Object.entries(vars).map(([key, value]) => ({ ...word, value: `${key}=${value}`, dynamic: false }));
  });
}

const envCommand: Unwrapper = (inv, envFiles) => {
  const scan = scanOptions(inv.args, {
    shortWithValue: 'uCS',
    longWithValue: ['unset', 'chdir', 'split-string', 'default-signal', 'ignore-signal', 'block-signal'],
    stopAtPositional: true,
  });
  let env: Record<string, string> = { ...inv.env };
  let assigned: Record<string, string> = { ...inv.assigned };
  // `env -i` / `env -` clears the environment: DATABASE_URL and friends are gone.
  const clears = hasFlag(scan, '-i', '--ignore-environment') || inv.args[scan.rest - 1]?.value === '-';
  if (clears) {
    env = {};
    assigned = {};
  }
  for (const option of scan.options) {
    if ((option.flag === '-u' || option.flag === '--unset') && option.value) {
      delete env[option.value];
      delete assigned[option.value];
    }
  }
  let words = envFileAssignments(inv, inv.args.slice(scan.rest), envFiles);
  if (words[0]?.value === '-') words = words.slice(1);
  const taken = takeAssignments({ ...inv, env, assigned }, words);
  const cwdOption = optionValue(scan, '-C', '--chdir');
  const extra = { env: taken.env, assigned: taken.assigned, ...(cwdOption ? { cwd: cwdOption } : {}) };
  const split = optionValue(scan, '-S', '--split-string');
  if (split !== undefined) {
    return script('env -S', [split, ...taken.rest.map((w) => quoteForShell(w.value))].join(' '), extra);
  }
  return command(clears ? 'env -i' : 'env', taken.rest, extra);
};

const commandBuiltin: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { stopAtPositional: true });
  // `command -v rm` only looks the name up.
  if (hasFlag(scan, '-v', '-V')) return [];
  return command('command', inv.args.slice(scan.rest));
};

const timeout: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'sk', longWithValue: ['signal', 'kill-after'], stopAtPositional: true });
  return command('timeout', inv.args.slice(scan.rest + 1));
};

const xargs: Unwrapper = (original) => {
  // `-i` and `--replace` take their value only when attached (default `{}`); BSD's `-J R` is `-I R`.
  const inv = {
    ...original,
    args: original.args.map((w) =>
      w.value === '-i' ? { ...w, value: '-i{}' } : w.value === '--replace' || w.value === '--replace=' ? { ...w, value: '--replace={}' } : w,
    ),
  };
  const scan = scanOptions(inv.args, {
    shortWithValue: 'adEIiJLlnPs',
    longWithValue: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'],
    stopAtPositional: true,
    digitOptions: true,
  });
  const replace = optionValue(scan, '-I', '--replace', '-i', '-J');
  let words = inv.args.slice(scan.rest);
  if (words.length === 0) return [];
  // xargs appends what it reads from standard input: the piped words when the line shows them
  // (`echo /srv | xargs rm -rf`), else "everything here" (`ls | xargs rm -rf`).
  const template = words[0]!;
  const items = inv.stdin?.items ?? (inv.stdin?.text !== undefined ? inv.stdin.text.split(/\s+/).filter(Boolean) : ['*']);
  const fromStdin = items.map((item): ExpandedWord => ({
    ...template,
    value: item,
    text: '(standard input)',
    dynamic: false,
    glob: item.includes('*'),
    unsetVariables: [],
    variables: [],
  }));
  if (replace) {
    // With a replacement string xargs reads whole lines: `echo 'rm -rf /' | xargs -I{} bash -c {}`.
    const lines = inv.stdin?.text !== undefined ? inv.stdin.text.split('\n').filter(Boolean) : items;
    words = words.flatMap((w) => (w.value.includes(replace) ? lines.map((item) => ({ ...w, value: w.value.replaceAll(replace, item), glob: true })) : [w]));
  } else words = [...words, ...fromStdin];
  return command('xargs', words, { stdin: { kind: 'pipe' } });
};

const find: Unwrapper = (inv) => {
  // Starting points come before the first expression word.
  const roots: string[] = [];
  let index = 0;
  while (index < inv.args.length && /^-[HLP]$/.test(inv.args[index]!.value)) index++;
  for (; index < inv.args.length; index++) {
    const value = inv.args[index]!.value;
    if (value.startsWith('-') || value === '(' || value === '!' || value === ')') break;
    // `find "$X" …` with X empty fails (`find: '': No such file or directory`): nothing below it.
    if (value !== '') roots.push(value);
  }
  if (roots.length === 0 && index > 0 && inv.args.slice(0, index).some((word) => word.value === '')) return [];
  if (roots.length === 0) roots.push('.');
  const steps: UnwrapStep[] = [];
  for (; index < inv.args.length; index++) {
    const action = inv.args[index]!.value;
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(action)) continue;
    const words: ExpandedWord[] = [];
    for (index++; index < inv.args.length; index++) {
      const word = inv.args[index]!;
      if (word.value === ';' || word.value === '+') break;
      if (word.value.includes('{}')) {
        // `{}` is each path find visits: something below each starting point.
        for (const root of roots) {
          const below = `${root.replace(/\/+$/, '')}/*`;
          words.push({ ...word, value: word.value.replaceAll('{}', below), glob: true });
        }
      } else words.push(word);
    }
    // find visits everything below its starting points: `find / -exec rm {} \;` removes the
    // whole tree, so a removal it runs is judged as a recursive one.
    const recursive = ['rm', 'shred', 'unlink'].includes(words[0]?.value.replace(/^.*\//, '') ?? '') && words.some((w) => w.glob);
    if (recursive) words.splice(1, 0, { ...words[0]!, value: '-r', text: '(find walks the tree)', dynamic: false, glob: false });
    steps.push(...command(`find ${action}`, words));
  }
  return steps;
};

/** sh/bash/zsh: `-c STRING` runs a script; with no script and a heredoc, stdin is the script. */
const shell: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'oO', longWithValue: ['rcfile', 'init-file'], stopAtPositional: true });
  const name = inv.name;
  if (hasFlag(scan, '-c')) {
    const text = inv.args[scan.rest];
    if (!text) return [];
    // `sh -c 'rm -rf "$1"' _ /var/lib/postgresql`: the words after the script are $0, $1, …
    const positional = inv.args.slice(scan.rest + 1);
    const params: Record<string, string> = {};
    positional.forEach((word, index) => {
      if (!word.dynamic && index < 10) params[String(index)] = word.value;
    });
    const extra =
      positional.length > 0
        ? { env: { ...inv.env, ...params }, assigned: { ...inv.assigned, ...params }, positional: positionalValues(positional.slice(1)) }
        : {};
    return script(`${name} -c`, text.value, extra);
  }
  if (scan.rest >= inv.args.length || hasFlag(scan, '-s')) {
    if (inv.stdin?.text !== undefined) return script(`${name} ${stdinName(inv.stdin)}`, inv.stdin.text);
  }
  return [];
};

/** How a message names standard input: the file it comes from, or `<<stdin` for a heredoc. */
function stdinName(stdin: StdinSource): string {
  return stdin.kind === 'file' && stdin.path ? `< ${stdin.path}` : '<<stdin';
}

const evalBuiltin: Unwrapper = (inv) => (inv.args.length > 0 ? script('eval', inv.args.map((w) => w.value).join(' '), { sameShell: true }) : []);

/** The values of `$1 … $n`; a word the line cannot know stays unknown when expanded. */
export function positionalValues(words: readonly ExpandedWord[]): string[] {
  return words.map((word) => (word.dynamic ? '\u0000dynamic' : word.value));
}

/** `su [-] [USER] -c STRING`, `su -l USER -c STRING`, `runuser -u USER -- CMD`. */
const su: Unwrapper = (inv, _envFiles, userHomes) => {
  const change = userSwitchOf(inv);
  if (!change?.rest) return [];
  const switched = inv.envUnknown ? { env: { ...inv.env }, assigned: { ...inv.assigned } } : switchedEnvironment(inv, change, userHomes);
  const cwd = 'cwd' in switched ? switched.cwd : undefined;
  const extra = { env: switched.env, assigned: switched.assigned, ...(cwd ? { cwd } : {}) };
  if ('script' in change.rest) return script(`${inv.name} -c`, change.rest.script, extra);
  return command(inv.name, inv.args.slice(change.rest.words), extra);
};

const SSH_SPEC: OptionSpec = { shortWithValue: 'BbcDEeFIiJLlmOopQRSWw', stopAtPositional: true, digitOptions: true };

function parseDestination(destination: string, loginName?: string): { host: string; user?: string } {
  let rest = destination.replace(/^ssh:\/\//, '');
  let user = loginName;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const host = rest.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return user ? { host, user } : { host };
}

const ssh: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, SSH_SPEC);
  const destination = inv.args[scan.rest];
  if (!destination) return [];
  // OpenSSH parses options again after the destination: `ssh db1 -t 'cmd'`, `ssh db1 -l root cmd`.
  const after = scanOptions(inv.args.slice(scan.rest + 1), SSH_SPEC);
  const commandStart = scan.rest + 1 + after.rest;
  const { host, user } = parseDestination(destination.value, optionValue(after, '-l') ?? optionValue(scan, '-l'));
  const executionHost: ExecutionHost = user ? { kind: 'ssh', destination: host, user } : { kind: 'ssh', destination: host };
  // The remote shell has its own environment: variables are unknown there, not empty.
  // The remote working directory is unknown too (cwd '').
  const remote = { host: executionHost, env: {}, assigned: {}, envUnknown: true, cwd: '' };
  const words = inv.args.slice(commandStart);
  // With a remote command, ssh's standard input becomes that command's (`ssh db1 bash -s <<EOF`).
  if (words.length > 0) return script(`ssh ${host}`, words.map((w) => w.value).join(' '), { ...remote, ...(inv.stdin ? { stdin: inv.stdin } : {}) });
  if (inv.stdin?.text !== undefined) return script(`ssh ${host} ${stdinName(inv.stdin)}`, inv.stdin.text, remote);
  return [];
};

// ---- Tools that run a command on other hosts, judged like `ssh HOST 'CMD'` (GitLab 2017: the
// command was right, the host was wrong). What each tool's options mean is data below; the
// unwrappers only read it. Each named host gets its own step, so a production host among them
// is judged as production.

/** Most hosts one line's host list is expanded to (`pdsh -w a,b,c`); the rest add nothing new. */
const MAX_REMOTE_HOSTS = 8;

/** The remote side: its own environment (unknown, not empty) and working directory (unknown). */
function onRemoteHost(destination: string, user?: string): Partial<StepBase> {
  const host: ExecutionHost = user ? { kind: 'ssh', destination, user } : { kind: 'ssh', destination };
  return { host, env: {}, assigned: {}, envUnknown: true, cwd: '' };
}

/** `a,b,db[1-3].prod`: a host list split at commas outside brackets (pdsh/clush/ansible -i). */
function hostList(value: string): string[] {
  const hosts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '[') depth++;
    if (char === ']') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      hosts.push(current);
      current = '';
    } else current += char;
  }
  hosts.push(current);
  return hosts.map((host) => host.trim()).filter((host) => host !== '' && !host.startsWith('!') && !host.startsWith('^'));
}

/** One script step per host, the same shell line on each. */
function remoteScripts(via: string, hosts: readonly { host: string; user?: string }[], text: string, stdin?: StdinSource): UnwrapStep[] {
  return hosts
    .slice(0, MAX_REMOTE_HOSTS)
    .flatMap(({ host, user }) => script(`${via} ${host}`, text, { ...onRemoteHost(host, user), ...(stdin ? { stdin } : {}) }));
}

/** `mosh [OPTIONS] [--] [USER@]HOST [--] CMD…`: mosh-server runs CMD as words (execvp), no shell. */
const MOSH_SPEC: OptionSpec = {
  shortWithValue: 'p',
  longWithValue: ['client', 'server', 'ssh', 'port', 'predict', 'bind-server', 'family', 'experimental-remote-ip', 'predict-overwrite'],
  stopAtPositional: true,
};

const mosh: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, MOSH_SPEC);
  const destination = inv.args[scan.rest];
  if (!destination) return [];
  let words = inv.args.slice(scan.rest + 1);
  if (words[0]?.value === '--') words = words.slice(1);
  const { host, user } = parseDestination(destination.value);
  return command(`mosh ${host}`, words, onRemoteHost(host, user));
};

/**
 * Cloud CLIs that ssh into a VM: `gcloud compute ssh [USER@]VM --command CMD [-- SSH_ARGS…]`,
 * `gcloud compute tpus tpu-vm ssh TPU --command CMD`, `az ssh vm -n VM -- SSH_ARGS…`. Words after
 * `--` go to ssh after the destination: its options, then the remote command.
 */
interface CloudSsh {
  /** Positional words that select the ssh mode, after release tracks (`alpha`, `beta`). */
  paths: readonly (readonly string[])[];
  /** The CLI's options that take a value (global ones included: they may come anywhere). */
  options: OptionSpec;
  /** Options naming the VM, first found wins; without them the positional after the path is the VM. */
  hostOptions?: readonly string[];
  /** Options whose value is the remote command, a shell line. */
  commandOptions: readonly string[];
  /** Words that are not part of the path (`gcloud alpha compute ssh`). */
  releaseTracks?: readonly string[];
}

const CLOUD_SSH: Record<string, CloudSsh> = {
  gcloud: {
    paths: [
      ['compute', 'ssh'],
      ['compute', 'tpus', 'tpu-vm', 'ssh'],
      ['compute', 'tpus', 'queued-resources', 'ssh'],
    ],
    releaseTracks: ['alpha', 'beta', 'preview'],
    options: {
      longWithValue: [
        'zone',
        'region',
        'project',
        'command',
        'container',
        'ssh-flag',
        'ssh-key-file',
        'ssh-key-expiration',
        'ssh-key-expire-after',
        'strict-host-key-checking',
        'network',
        'dest-group',
        'worker',
        'node',
        'account',
        'configuration',
        'verbosity',
        'impersonate-service-account',
        'billing-project',
        'flags-file',
        'format',
        'trace-token',
      ],
    },
    commandOptions: ['--command'],
  },
  az: {
    paths: [['ssh', 'vm']],
    options: {
      shortWithValue: 'ng',
      longWithValue: [
        'name',
        'vm-name',
        'ip',
        'hostname',
        'resource-group',
        'local-user',
        'port',
        'certificate-file',
        'private-key-file',
        'public-key-file',
        'ssh-client-folder',
        'ssh-proxy-folder',
        'resource-type',
        'subscription',
        'output',
        'query',
      ],
    },
    hostOptions: ['--name', '-n', '--vm-name', '--ip', '--hostname', '--resource-group', '-g'],
    commandOptions: [],
  },
};

function cloudSsh(spec: CloudSsh): Unwrapper {
  return (inv) => {
    const dashDash = inv.args.findIndex((w) => w.value === '--');
    const own = dashDash === -1 ? inv.args : inv.args.slice(0, dashDash);
    const scan = scanOptions(own, spec.options);
    const positionals = scan.positionals.map((i) => own[i]!.value).filter((word) => !spec.releaseTracks?.includes(word));
    const path = spec.paths.find((candidate) => candidate.every((word, index) => positionals[index] === word));
    if (!path) return [];
    const named = spec.hostOptions?.map((flag) => optionValue(scan, flag)).find((value) => value !== undefined && value !== '');
    const vm = named ?? positionals[path.length];
    if (!vm) return [];
    const { host, user } = parseDestination(vm);
    const via = `${inv.name} ${path.join(' ')}`;
    const steps: UnwrapStep[] = [];
    for (const flag of spec.commandOptions) {
      const text = optionValue(scan, flag);
      if (text) steps.push(...remoteScripts(via, [user ? { host, user } : { host }], text, inv.stdin));
    }
    if (dashDash !== -1) {
      const sshArgs = inv.args.slice(dashDash + 1);
      const words = sshArgs.slice(scanOptions(sshArgs, SSH_SPEC).rest);
      if (words.length > 0) steps.push(...remoteScripts(via, [user ? { host, user } : { host }], words.map((w) => w.value).join(' '), inv.stdin));
    }
    return steps;
  };
}

/**
 * Ansible ad-hoc: `ansible PATTERN [-i INVENTORY] [-m MODULE] -a ARGS`. The default module is
 * `command`. What each module's arguments mean is data: a shell line (shell, raw), a command
 * line (command: no shell, but judged as a line — over, never under), or a file that
 * `state=absent` removes (file).
 */
const ANSIBLE_SPEC: OptionSpec = {
  shortWithValue: 'aBefilMmPtucT',
  longWithValue: [
    'args',
    'background',
    'extra-vars',
    'forks',
    'inventory',
    'inventory-file',
    'limit',
    'module-path',
    'module-name',
    'poll',
    'tree',
    'user',
    'connection',
    'timeout',
    'private-key',
    'key-file',
    'ssh-common-args',
    'sftp-extra-args',
    'scp-extra-args',
    'ssh-extra-args',
    'become-method',
    'become-user',
    'become-password-file',
    'connection-password-file',
    'playbook-dir',
    'task-timeout',
    'vault-id',
    'vault-password-file',
    'vault-pass-file',
  ],
};

type AnsibleModuleArgs = 'shell-line' | 'command-line' | 'file';

const ANSIBLE_MODULES: Record<string, AnsibleModuleArgs> = {
  shell: 'shell-line',
  raw: 'shell-line',
  command: 'command-line',
  file: 'file',
};

/** Free-form keys shell/command take before the command (`chdir=/srv rm -rf x`). */
const ANSIBLE_FREE_FORM_KEYS = new Set(['chdir', 'creates', 'removes', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);

/** Ansible's `key=value key2=value2` module arguments (parse_kv), for the leading plain pairs. */
function ansibleKeyValues(text: string): { pairs: Record<string, string>; rest: string } {
  const pairs: Record<string, string> = {};
  let rest = text.trimStart();
  for (;;) {
    const space = rest.search(/\s/);
    const token = space === -1 ? rest : rest.slice(0, space);
    const eq = token.indexOf('=');
    if (eq <= 0 || /['"]/.test(token)) break;
    pairs[token.slice(0, eq)] = token.slice(eq + 1);
    rest = space === -1 ? '' : rest.slice(space).trimStart();
    if (rest === '') break;
  }
  return { pairs, rest };
}

const ansible: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, ANSIBLE_SPEC);
  // Check mode skips shell/command; listing hosts or checking syntax runs nothing.
  if (hasFlag(scan, '-C', '--check', '--list-hosts', '--syntax-check', '--version', '-h', '--help')) return [];
  const pattern = scan.positionals.map((i) => inv.args[i]!.value)[0];
  if (!pattern) return [];
  const moduleName = (optionValue(scan, '-m', '--module-name') ?? 'command').replace(/^ansible\.(builtin|legacy)\./, '');
  const kind = ANSIBLE_MODULES[moduleName];
  const text = optionValue(scan, '-a', '--args');
  if (!kind || text === undefined) return [];
  const user = optionValue(scan, '-u', '--user');
  // The hosts: the pattern's names (`web:&prod`, `db1,db2`), and the inventory, whose name often
  // says the environment (`-i production`, `-i inventories/prod/hosts`) or lists hosts (`-i db1,`).
  const inventory = optionValue(scan, '-i', '--inventory', '--inventory-file');
  const names = pattern.split(/[:,]/).map((name) => name.replace(/^&/, ''));
  const hosts = [...hostList(names.join(',')), ...(inventory === undefined ? [] : inventory.includes(',') ? hostList(inventory) : [`inventory ${inventory}`])];
  const targets = [...new Set(hosts)].map((host) => (user ? { host, user } : { host }));
  const { pairs, rest } = ansibleKeyValues(text);
  if (kind === 'file') {
    const path = pairs.path ?? pairs.dest ?? pairs.name;
    if (pairs.state !== 'absent' || !path) return [];
    return remoteScripts(`ansible -m ${moduleName}`, targets, `rm -rf ${quoteForShell(path)}`);
  }
  const line = Object.keys(pairs).every((key) => ANSIBLE_FREE_FORM_KEYS.has(key)) ? rest : text;
  const steps = remoteScripts(`ansible -m ${moduleName}`, targets, line);
  const chdir = pairs.chdir;
  return chdir && line === rest ? steps.map((step) => ({ ...step, cwd: chdir })) : steps;
};

/**
 * Parallel ssh: `pssh -h HOSTS_FILE CMD`, `pdsh -w HOSTS CMD`, `clush -w HOSTS CMD`. The command is a
 * shell line run on every host. Hosts come from a list option, a hosts file or a group; with
 * none named (`-a`, a genders file), the hosts are unknown and remote.
 */
interface ParallelShell {
  options: OptionSpec;
  /** Options whose value lists hosts (`db1,db[2-3]`). */
  hostOptions: readonly string[];
  /** Options whose value is a file or group of hosts: named after it (`hosts in prod.txt`). */
  hostSourceOptions: readonly string[];
  /** Modes that copy files instead of running a command. */
  copyFlags?: readonly string[];
}

const PSSH: ParallelShell = {
  options: {
    shortWithValue: 'hHlpoetOxX',
    longWithValue: ['hosts', 'host', 'user', 'par', 'outdir', 'errdir', 'timeout', 'option', 'extra-args', 'extra-arg'],
    stopAtPositional: true,
  },
  hostOptions: ['-H', '--host'],
  hostSourceOptions: ['-h', '--hosts'],
};

const PARALLEL_SHELLS: Record<string, ParallelShell> = {
  pssh: PSSH,
  'parallel-ssh': PSSH,
  pdsh: {
    options: { shortWithValue: 'wxgXlRftuM', stopAtPositional: true },
    hostOptions: ['-w'],
    hostSourceOptions: ['-g'],
  },
  clush: {
    options: {
      shortWithValue: 'wxgXlftuoRsO',
      longWithValue: [
        'nodes',
        'exclude',
        'group',
        'user',
        'fanout',
        'connect_timeout',
        'command_timeout',
        'options',
        'worker',
        'groupsource',
        'hostfile',
        'option',
        'dest',
        'pick',
        'topology',
        'color',
        'diff',
      ],
      stopAtPositional: true,
    },
    hostOptions: ['-w', '--nodes'],
    hostSourceOptions: ['-g', '--group', '--hostfile'],
    copyFlags: ['-c', '--copy', '--rcopy'],
  },
};

function parallelShell(spec: ParallelShell): Unwrapper {
  return (inv) => {
    const scan = scanOptions(inv.args, spec.options);
    if (spec.copyFlags && hasFlag(scan, ...spec.copyFlags)) return [];
    const words = inv.args.slice(scan.rest);
    if (words.length === 0) return [];
    const user = optionValue(scan, '-l', '--user');
    const listed = scan.options.filter((o) => spec.hostOptions.includes(o.flag)).flatMap((o) => hostList(o.value ?? ''));
    const sources = scan.options.filter((o) => spec.hostSourceOptions.includes(o.flag) && o.value).map((o) => `hosts in ${o.value}`);
    const hosts = [...listed, ...sources];
    const targets = (hosts.length > 0 ? hosts : ['(hosts not named on the line)']).map((host) => (user ? { host, user } : { host }));
    return remoteScripts(inv.name, targets, words.map((w) => w.value).join(' '), inv.stdin);
  };
}

/**
 * rsync with deletion to another host: `rsync --delete SRC HOST:PATH` deletes what SRC lacks from
 * PATH on HOST (GitLab 2017: re-seeding a replica with rsync, source and host mixed up). The
 * deleting side is judged as `rsync … SRC PATH` run on that host, so the rules about deleting
 * mirrors see the path and the host. `--remove-source-files` deletes on the source's side.
 * Option arity: rsync's popt table (options.c).
 */
const RSYNC_SPEC: OptionSpec = {
  shortWithValue: 'efTBM',
  longWithValue: [
    'rsh',
    'exclude',
    'include',
    'filter',
    'exclude-from',
    'include-from',
    'files-from',
    'backup-dir',
    'suffix',
    'chmod',
    'chown',
    'usermap',
    'groupmap',
    'log-file',
    'log-file-format',
    'out-format',
    'password-file',
    'rsync-path',
    'bwlimit',
    'partial-dir',
    'temp-dir',
    'timeout',
    'contimeout',
    'port',
    'compare-dest',
    'copy-dest',
    'link-dest',
    'block-size',
    'remote-option',
    'max-delete',
    'max-size',
    'min-size',
    'modify-window',
    'compress-choice',
    'compress-level',
    'checksum-choice',
    'iconv',
    'sockopts',
    'write-batch',
    'only-write-batch',
    'read-batch',
    'protocol',
    'stop-after',
    'stop-at',
    'address',
    'info',
    'debug',
  ],
};

const RSYNC_DELETE_FLAGS = ['--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-delay', '--delete-excluded', '--del'];
const RSYNC_DRY_RUN_FLAGS = ['--dry-run', '-n', '--list-only'];

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

const rsync: Unwrapper = (inv, _envFiles, _userHomes, emptyDirectories = []) => {
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
  // The side that loses files: the destination (--delete), the sources (--remove-source-files).
  const deleting = [...(deletes ? [destinationIndex] : []), ...(removesSources ? scan.positionals.slice(0, -1) : [])];
  return [
    ...wipe,
    ...deleting.flatMap((index) => {
      const remote = rsyncRemote(inv.args[index]!.value);
      if (!remote) return [];
      const args = inv.args.map((word, i) => (i === index ? { ...word, value: remote.path } : word));
      // With the sources removed, the removed side is the last path the rules read.
      const words = index === destinationIndex ? args : [...args.filter((_, i) => i !== index), args[index]!];
      return command(`rsync to ${remote.host}`, [inv.command, ...words], onRemoteHost(remote.host, remote.user));
    }),
  ];
};

const kubectl: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, {
    shortWithValue: 'cnf',
    longWithValue: ['context', 'namespace', 'container', 'kubeconfig', 'cluster', 'user', 'pod-running-timeout'],
  });
  const sub = scan.positionals.map((i) => inv.args[i]!.value);
  if (sub[0] !== 'exec') return [];
  const dashDash = inv.args.findIndex((w) => w.value === '--');
  const target = sub[1] ?? '';
  const context = optionValue(scan, '--context');
  const words = dashDash !== -1 ? inv.args.slice(dashDash + 1) : inv.args.slice(scan.positionals[2] ?? inv.args.length);
  const host: ExecutionHost = { kind: 'container', runtime: 'kubectl', name: target, ...(context ? { kubeContext: context } : {}) };
  return command(`${inv.name} exec ${target}`, words, { host, env: {}, assigned: {}, envUnknown: true, cwd: '' });
};

/** Contexts that are this machine's own daemon (Docker Desktop, colima, OrbStack). */
const LOCAL_DOCKER_CONTEXTS = new Set(['default', 'desktop-linux', 'colima', 'orbstack', 'rancher-desktop']);

/** The host a docker daemon runs on, when it is not this machine: `ssh://deploy@prod-web-1`, `tcp://10.0.0.5:2376`, a context name. */
function dockerDaemonHost(address: string | undefined, context: string | undefined): string | undefined {
  if (address && !address.startsWith('unix://') && !address.startsWith('npipe://')) {
    return (
      address
        .replace(/^[a-z]+:\/\//, '')
        .replace(/^[^@]*@/, '')
        .replace(/:\d+$/, '')
        .replace(/\/.*$/, '') || undefined
    );
  }
  if (context && !LOCAL_DOCKER_CONTEXTS.has(context)) return context;
  return undefined;
}

const docker: Unwrapper = (inv) => {
  let args = inv.args;
  let via = 'docker';
  if (inv.name === 'docker' && args[0]?.value === 'compose') {
    args = args.slice(1);
    via = 'docker compose';
  }
  const scan = scanOptions(args, {
    shortWithValue: 'euwH',
    longWithValue: ['env', 'env-file', 'user', 'workdir', 'detach-keys', 'index', 'context', 'host'],
    stopAtPositional: true,
  });
  if (args[scan.rest]?.value !== 'exec') return [];
  const after = args.slice(scan.rest + 1);
  const inner = scanOptions(after, {
    shortWithValue: 'euw',
    longWithValue: ['env', 'env-file', 'user', 'workdir', 'detach-keys', 'index'],
    stopAtPositional: true,
  });
  const container = after[inner.rest];
  if (!container) return [];
  const env: Record<string, string> = {};
  for (const option of inner.options) {
    const match = option.value && /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option.value);
    if ((option.flag === '-e' || option.flag === '--env') && match) env[match[1]!] = match[2]!;
  }
  const daemon = dockerDaemonHost(optionValue(scan, '-H', '--host') ?? inv.env.DOCKER_HOST, optionValue(scan, '--context') ?? inv.env.DOCKER_CONTEXT);
  const host: ExecutionHost = { kind: 'container', runtime: 'docker', name: container.value, ...(daemon ? { daemon } : {}) };
  return command(`${via} exec ${container.value}`, after.slice(inner.rest + 1), { host, env, assigned: { ...env }, envUnknown: true, cwd: '' });
};

/** `watch [-n N] CMD…` runs its arguments through `sh -c`. */
const watch: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'nqd', longWithValue: ['interval', 'differences'], stopAtPositional: true });
  const words = inv.args.slice(scan.rest);
  return words.length > 0 ? script('watch', words.map((w) => w.value).join(' ')) : [];
};

/** `flock FILE CMD…` or `flock FILE -c STRING`. */
const flock: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'wEc', longWithValue: ['timeout', 'conflict-exit-code', 'command'], stopAtPositional: true });
  const text = optionValue(scan, '-c', '--command');
  if (text !== undefined) return script('flock -c', text);
  return command('flock', inv.args.slice(scan.rest + 1));
};

/** Runners that take a command after their own words: `bundle exec rspec`, `npx jest`, `dotenv -e .env.prod -- rails db:reset`. */
function subcommandRunner(subcommands: readonly string[], spec: OptionSpec = {}): Unwrapper {
  return (inv) => {
    const first = inv.args[0]?.value;
    if (first === undefined || !subcommands.includes(first)) return [];
    const scan = scanOptions(inv.args.slice(1), { ...spec, stopAtPositional: true });
    return command(`${inv.name} ${first}`, inv.args.slice(1 + scan.rest));
  };
}

const npx: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'pc', longWithValue: ['package', 'call'], stopAtPositional: true });
  const text = optionValue(scan, '-c', '--call');
  if (text !== undefined) return script(`${inv.name} -c`, text);
  return command(inv.name, inv.args.slice(scan.rest));
};

/** The variables of env files named on the line, under what is already set (dotenv never overrides). */
function applyEnvFiles(inv: Invocation, files: readonly string[], envFiles: EnvFiles): { env: Record<string, string>; assigned: Record<string, string> } {
  const env = { ...inv.env };
  const assigned = { ...inv.assigned };
  for (const file of files) {
    const vars = envFiles[envFilePath(inv.cwd, file)];
    if (!vars) continue;
    for (const [key, value] of Object.entries(vars)) {
      if (!(key in assigned)) {
        env[key] = value;
        assigned[key] = value;
      }
    }
  }
  return { env, assigned };
}

export function envFilePath(cwd: string, file: string): string {
  return file.startsWith('/') ? file : `${(cwd || '/').replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}

/** dotenv-cli: `dotenv -e FILE [-e FILE…] [-v K=V] -- CMD`. The files change what CMD sees. */
const dotenvRunner: Unwrapper = (inv, envFiles) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'evcf', longWithValue: ['env-file'], stopAtPositional: true });
  const files = scan.options.filter((o) => o.flag === '-e' || o.flag === '-f' || o.flag === '--env-file').map((o) => o.value ?? '');
  const { env, assigned } = applyEnvFiles(inv, files.length > 0 ? files : ['.env'], envFiles);
  for (const option of scan.options) {
    const match = option.flag === '-v' && option.value ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option.value) : null;
    if (match) {
      env[match[1]!] = match[2]!;
      assigned[match[1]!] = match[2]!;
    }
  }
  return command(`dotenv ${files.join(' ')}`.trim(), inv.args.slice(scan.rest), { env, assigned });
};

/** `dotenvx run -f FILE -- CMD`, `op run --env-file FILE -- CMD`: env files, then the command after `--`. */
function envFileRunner(via: string, spec: OptionSpec, fileFlags: readonly string[]): Unwrapper {
  return (inv, envFiles) => {
    if (inv.args[0]?.value !== 'run') return [];
    const rest = inv.args.slice(1);
    const dashDash = rest.findIndex((w) => w.value === '--');
    const scan = scanOptions(dashDash === -1 ? rest : rest.slice(0, dashDash), { ...spec, stopAtPositional: true });
    const files = scan.options.filter((o) => fileFlags.includes(o.flag)).map((o) => o.value ?? '');
    const words = dashDash === -1 ? rest.slice(scan.rest) : rest.slice(dashDash + 1);
    return command(via, words, applyEnvFiles(inv, files, envFiles));
  };
}

/** Builtins that set variables from `NAME=value` words, so `$(cat FILE | xargs)` gives them FILE's. */
export const ENV_FILE_EXPORTERS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Env files a line names (`dotenv -e F`, `dotenvx run -f F`, `op run --env-file F`): the edge reads them. */
export function envFilesNamedBy(inv: Invocation): string[] {
  const spec: Record<string, { spec: OptionSpec; flags: string[]; sub?: string }> = {
    dotenv: { spec: { shortWithValue: 'evcf', longWithValue: ['env-file'], stopAtPositional: true }, flags: ['-e', '-f', '--env-file'] },
    dotenvx: { spec: { shortWithValue: 'f', longWithValue: ['env-file'], stopAtPositional: true }, flags: ['-f', '--env-file'], sub: 'run' },
    op: { spec: { longWithValue: ['env-file'], stopAtPositional: true }, flags: ['--env-file'], sub: 'run' },
  };
  // `env $(cat .env.production | xargs) CMD`, `export $(grep -v '^#' .env | xargs)`: the words are the file's lines.
  if (inv.name === 'env' || ENV_FILE_EXPORTERS.has(inv.name)) {
    const named = inv.args.flatMap((word) =>
      word.envFile !== undefined && (inv.cwd || word.envFile.startsWith('/')) ? [envFilePath(inv.cwd, word.envFile)] : [],
    );
    if (named.length > 0) return named;
  }
  // `source prod.env`, `. ./prod.env`: the shell reads the file; its variables apply to later commands.
  if ((inv.name === 'source' || inv.name === '.') && inv.args[0] && !inv.args[0].dynamic && (inv.cwd || inv.args[0].value.startsWith('/'))) {
    return [envFilePath(inv.cwd, inv.args[0].value)];
  }
  const entry = spec[inv.name];
  if (!entry) return [];
  const args = entry.sub ? (inv.args[0]?.value === entry.sub ? inv.args.slice(1) : []) : inv.args;
  const files = scanOptions(args, entry.spec)
    .options.filter((o) => entry.flags.includes(o.flag))
    .map((o) => o.value ?? '');
  return (files.length > 0 || entry.sub ? files : ['.env']).filter(Boolean).map((file) => envFilePath(inv.cwd, file));
}

/** `aws-vault exec PROFILE -- CMD`: the profile becomes AWS_PROFILE for the command. */
const awsVault: Unwrapper = (inv) => {
  if (inv.args[0]?.value !== 'exec') return [];
  const rest = inv.args.slice(1);
  const scan = scanOptions(rest, { shortWithValue: 'd', longWithValue: ['duration', 'region', 'mfa-token'], stopAtPositional: true });
  const profile = rest[scan.rest]?.value;
  let words = rest.slice(scan.rest + 1);
  if (words[0]?.value === '--') words = words.slice(1);
  const env = { ...inv.env, ...(profile ? { AWS_PROFILE: profile } : {}) };
  return command(`aws-vault exec ${profile ?? ''}`.trim(), words, { env, assigned: { ...inv.assigned, ...(profile ? { AWS_PROFILE: profile } : {}) } });
};

function afterDashDash(via: string): Unwrapper {
  return (inv) => {
    const index = inv.args.findIndex((w) => w.value === '--');
    if (index === -1) {
      const scan = scanOptions(inv.args.slice(1), { stopAtPositional: true });
      return inv.args[0]?.value === 'run' ? command(via, inv.args.slice(1 + scan.rest)) : [];
    }
    return command(via, inv.args.slice(index + 1));
  };
}

/** `script [-q] -c STRING [FILE]` runs STRING with a shell. */
const scriptCommand: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'cEIOTBm', longWithValue: ['command', 'echo', 'log-in', 'log-out', 'log-timing', 'logging-format'] });
  const text = optionValue(scan, '-c', '--command');
  return text !== undefined ? script('script -c', text) : [];
};

/** `heroku run [-a APP] CMD…`: the command runs in a dyno of that app. */
const herokuRun: Unwrapper = (inv) => {
  if (inv.args[0]?.value !== 'run' && inv.args[0]?.value !== 'run:detached') return [];
  const rest = inv.args.slice(1);
  const scan = scanOptions(rest, { shortWithValue: 'aresx', longWithValue: ['app', 'remote', 'env', 'size', 'type'], stopAtPositional: true });
  // The heroku CLI reads -a/--app anywhere on the line, even after the dyno command.
  const trailing = rest.slice(scan.rest).findIndex((w, i, all) => (w.value === '-a' || w.value === '--app') && all[i + 1]);
  const trailingApp = trailing === -1 ? undefined : rest.slice(scan.rest)[trailing + 1]!.value;
  const app = optionValue(scan, '-a', '--app') ?? trailingApp ?? inv.env.HEROKU_APP ?? 'heroku';
  const host: ExecutionHost = { kind: 'container', runtime: 'heroku', name: app };
  return command(`heroku run -a ${app}`, rest.slice(scan.rest), { host, env: {}, assigned: {}, envUnknown: true, cwd: '' });
};

/**
 * redis-cli reads commands from standard input when none is given: they run like arguments.
 * `EVAL SCRIPT NUMKEYS KEY… ARG…` runs the commands its Lua script calls (src/parse/lua.ts).
 */
const redisCli: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  const first = scan.positionals[0];
  if (first !== undefined && /^eval(_ro)?$/i.test(inv.args[first]!.value)) return redisEval(inv, first);
  if (inv.stdin?.text === undefined) return [];
  if (scan.positionals.length > 0) return [];
  const options = inv.args;
  return inv.stdin.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      const words = line
        .split(/\s+/)
        .map((value): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] }));
      return command(`${inv.name} <<stdin`, [inv.command, ...options, ...words]);
    });
};

function redisEval(inv: Invocation, at: number): UnwrapStep[] {
  const script = inv.args[at + 1];
  if (!script || script.dynamic) return [];
  const numKeys = Number(inv.args[at + 2]?.value);
  const rest = inv.args.slice(at + 3).map((w) => w.value);
  const keys = Number.isInteger(numKeys) && numKeys >= 0 ? rest.slice(0, numKeys) : [];
  const argv = Number.isInteger(numKeys) && numKeys >= 0 ? rest.slice(numKeys) : [];
  const options = inv.args.slice(0, at);
  return (redisCallsInLua(script.value, keys, argv) ?? []).flatMap((call) =>
    command(`${inv.name} EVAL`, [
      inv.command,
      ...options,
      ...call.map((value): ExpandedWord => ({
        ...script,
        value: value ?? '',
        text: value ?? '(known when the script runs)',
        dynamic: value === undefined,
        glob: false,
        unsetVariables: [],
        variables: [],
      })),
    ]),
  );
}

const WRAPPERS: Record<string, Unwrapper> = {
  sudo,
  doas,
  env: envCommand,
  command: commandBuiltin,
  builtin: simpleWrapper({}),
  exec: simpleWrapper({ shortWithValue: 'a' }),
  nohup: simpleWrapper({}),
  setsid: simpleWrapper({}),
  // BSD-style `nice -10 cmd` is an adjustment, not a command.
  nice: simpleWrapper({ shortWithValue: 'n', longWithValue: ['adjustment'], digitOptions: true }),
  chroot: (inv) => {
    const scan = scanOptions(inv.args, { longWithValue: ['userspec', 'groups'], stopAtPositional: true });
    return command('chroot', inv.args.slice(scan.rest + 1));
  },
  nsenter: simpleWrapper({ shortWithValue: 'tSGrwTnmuipUC', longWithValue: ['target', 'setuid', 'setgid', 'root', 'wd'] }),
  pkexec: simpleWrapper({ longWithValue: ['user'] }),
  'systemd-run': simpleWrapper({
    shortWithValue: 'pEMuH',
    longWithValue: [
      'unit',
      'property',
      'description',
      'slice',
      'uid',
      'gid',
      'working-directory',
      'setenv',
      'machine',
      'host',
      'on-calendar',
      'on-active',
      'timer-property',
    ],
  }),
  screen: (inv) => {
    const scan = scanOptions(inv.args, { shortWithValue: 'SpTtcehsL', stopAtPositional: true });
    return command('screen', inv.args.slice(scan.rest));
  },
  tmux: (inv) => {
    // `tmux new-session -d 'cmd'`, `tmux new -d -s x cmd…`: the last words are a shell command.
    const sub = inv.args.findIndex((w) =>
      ['new-session', 'new', 'new-window', 'neww', 'split-window', 'splitw', 'respawn-pane', 'run-shell', 'run'].includes(w.value),
    );
    if (sub === -1) return [];
    const scan = scanOptions(inv.args.slice(sub + 1), { shortWithValue: 'sncFtxyeSlpcTL', stopAtPositional: true });
    const words = inv.args.slice(sub + 1 + scan.rest);
    return words.length > 0 ? script('tmux', words.map((w) => w.value).join(' ')) : [];
  },
  at: (inv) => (inv.stdin?.text !== undefined ? script('at', inv.stdin.text) : []),
  batch: (inv) => (inv.stdin?.text !== undefined ? script('batch', inv.stdin.text) : []),
  ionice: simpleWrapper({ shortWithValue: 'cnp', longWithValue: ['class', 'classdata', 'pid'] }),
  stdbuf: simpleWrapper({ shortWithValue: 'ioe', longWithValue: ['input', 'output', 'error'] }),
  time: simpleWrapper({ shortWithValue: 'fo', longWithValue: ['format', 'output'] }),
  chronic: simpleWrapper({}),
  unbuffer: simpleWrapper({}),
  caffeinate: simpleWrapper({ shortWithValue: 'tw' }),
  sshpass: simpleWrapper({ shortWithValue: 'pfdP' }),
  strace: simpleWrapper({ shortWithValue: 'eoOpPsSuUX' }),
  timeout,
  xargs,
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
  gcloud: cloudSsh(CLOUD_SSH.gcloud!),
  az: cloudSsh(CLOUD_SSH.az!),
  ansible,
  rsync,
  ...Object.fromEntries(Object.entries(PARALLEL_SHELLS).map(([name, spec]) => [name, parallelShell(spec)])),
  kubectl,
  oc: kubectl,
  docker,
  'docker-compose': (inv, envFiles, userHomes) =>
    inv.args.length > 0 ? docker({ ...inv, name: 'docker', args: [{ ...inv.args[0]!, value: 'compose' }, ...inv.args] }, envFiles, userHomes) : [],
  podman: docker,
  watch,
  flock,
  busybox: simpleWrapper({}),
  script: scriptCommand,
  heroku: herokuRun,
  'redis-cli': redisCli,
  'valkey-cli': redisCli,
  bundle: subcommandRunner(['exec']),
  be: simpleWrapper({}),
  npx,
  bunx: npx,
  pnpx: npx,
  pnpm: subcommandRunner(['exec', 'dlx']),
  npm: subcommandRunner(['exec', 'x']),
  yarn: subcommandRunner(['exec', 'dlx']),
  poetry: subcommandRunner(['run']),
  pipenv: subcommandRunner(['run']),
  uv: subcommandRunner(['run'], { longWithValue: ['with', 'python', 'package', 'env-file'] }),
  pdm: subcommandRunner(['run']),
  hatch: subcommandRunner(['run']),
  foreman: subcommandRunner(['run'], { shortWithValue: 'efd', longWithValue: ['env', 'procfile', 'root'] }),
  direnv: (inv) => (inv.args[0]?.value === 'exec' ? command('direnv exec', inv.args.slice(2)) : []),
  dotenv: dotenvRunner,
  'aws-vault': awsVault,
  doppler: afterDashDash('doppler run'),
  op: envFileRunner('op run', { longWithValue: ['env-file', 'account'] }, ['--env-file']),
  dotenvx: envFileRunner('dotenvx run', { shortWithValue: 'f', longWithValue: ['env-file', 'env', 'convention'] }, ['-f', '--env-file']),
  chamber: (inv) => {
    const index = inv.args.findIndex((w) => w.value === '--');
    return inv.args[0]?.value === 'exec' && index !== -1 ? command('chamber exec', inv.args.slice(index + 1)) : [];
  },
};

export function unwrapInvocation(inv: Invocation, envFiles: EnvFiles, userHomes: UserHomes = {}, emptyDirectories: readonly string[] = []): UnwrapStep[] {
  if (!inv.name || !Object.hasOwn(WRAPPERS, inv.name)) return [];
  return WRAPPERS[inv.name]!(inv, envFiles, userHomes, emptyDirectories);
}

/**
 * Wrappers that run a command whose name is not a word of the line, with the word that says they
 * do: `ansible db -m file -a 'path=… state=absent'` is `rm -rf`. The shell hook's prefilter sends
 * such a line to the checker.
 */
export const HIDDEN_COMMAND_WORDS: Readonly<Record<string, readonly string[]>> = { ansible: ['state=absent'] };

/** Every command name unwrapped here (the shell hook's prefilter needs the list). */
export const WRAPPER_NAMES: readonly string[] = Object.keys(WRAPPERS);

export function isWrapper(name: string): boolean {
  return Object.hasOwn(WRAPPERS, name);
}

function quoteForShell(value: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
