// Wrappers that run a command on another host: ssh, mosh, gcloud/az ssh, ansible, pssh/pdsh/clush,
// heroku run. GitLab 2017: the command was right, the host was wrong.

import type { AnsibleSelection, ExecutionHost, ExpandedWord, Invocation, StdinSource } from '../../types.js';
import { scanOptions, hasFlag, optionValue, type OptionSpec } from '../options.js';
import {
  ANSIBLE_MODULE_ACTIONS,
  SALT_DRY_FLAGS,
  SALT_FUNCTIONS,
  SALT_LIST_FLAGS,
  SALT_RAW_FLAGS,
  SALT_TARGETING,
  isWholeFleet,
  moduleActionApplies,
  renderModuleTemplate,
} from '../../knowledge/fleet-runners.js';
import { SSH_FORCED_COMMANDS } from '../../knowledge/tools.js';
import { type StepBase, type UnwrapStep, type Unwrapper, command, optionsOf, quoteForShell, script, stdinName } from './step.js';
import { dict } from '../../util/dict.js';

const SSH_SPEC: OptionSpec = optionsOf('ssh', { stopAtPositional: true });

export function parseDestination(destination: string, loginName?: string): { host: string; user?: string } {
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

export const ssh: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, SSH_SPEC);
  const destination = inv.args[scan.rest];
  if (!destination) return [];
  // OpenSSH parses options again after the destination: `ssh db1 -t 'cmd'`, `ssh db1 -l root cmd`.
  const after = scanOptions(inv.args.slice(scan.rest + 1), SSH_SPEC);
  const commandStart = scan.rest + 1 + after.rest;
  // `ssh "${dst_host}" …` with the variable set where the file runs: a host not known here,
  // named `*` as other unknown words are (an empty name read "on  (unknown-remote:  is …)").
  const written = destination.value === '' && (destination.dynamic || destination.unsetVariables.length > 0) ? '*' : destination.value;
  const { host, user } = parseDestination(written, optionValue(after, '-l') ?? optionValue(scan, '-l'));
  const executionHost: ExecutionHost = user ? { kind: 'ssh', destination: host, user } : { kind: 'ssh', destination: host };
  // The remote shell has its own environment: variables are unknown there, not empty.
  // The remote working directory is unknown too (cwd '').
  const remote = { host: executionHost, env: {}, assigned: {}, envUnknown: true, cwd: '' };
  const words = inv.args.slice(commandStart);
  // `ssh dokku@HOST apps:destroy APP`: the account's forced command is the tool, given the words.
  const forced = user && Object.hasOwn(SSH_FORCED_COMMANDS, user) ? SSH_FORCED_COMMANDS[user]! : undefined;
  if (forced && words.length > 0)
    return command(`ssh ${user}@${host}`, [{ ...words[0]!, value: forced, text: forced, dynamic: false, glob: false }, ...words], remote);
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
export function onRemoteHost(destination: string, user?: string): Partial<StepBase> {
  const host: ExecutionHost = user ? { kind: 'ssh', destination, user } : { kind: 'ssh', destination };
  return { host, env: {}, assigned: {}, envUnknown: true, cwd: '' };
}

/** `a,b,db[1-3].prod`: a host list split at commas outside brackets (pdsh/clush/ansible -i). */
export function hostList(value: string): string[] {
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
const MOSH_SPEC: OptionSpec = optionsOf('mosh', { stopAtPositional: true });

export const mosh: Unwrapper = (inv) => {
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
  /** Options naming the VM, first found wins; without them the positional after the path is the VM. */
  hostOptions?: readonly string[];
  /** Options whose value is the remote command, a shell line. */
  commandOptions: readonly string[];
  /** Words that are not part of the path (`gcloud alpha compute ssh`). */
  releaseTracks?: readonly string[];
  /** How a command option's value holds the shell lines, when not as plain text. */
  commandText?: (value: string) => string | undefined;
}

/**
 * `aws ssm send-command --parameters 'commands=["a","b"]'` (JSON after the key) or
 * `'{"commands":["a","b"]}'` (JSON), or the CLI's shorthand: `commands='dropdb app'`,
 * `commands=uptime,df -h` (a comma separates lines), `commands=[uptime,df -h]`, followed by other
 * keys (`commands=ls,workingDirectory=/srv`): the lines AWS-RunShellScript runs, in order.
 * Source: docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html.
 */
function ssmShellLines(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return jsonCommands(trimmed);
  // `commands` (AWS-RunShellScript) or `command` (AWS-StartInteractiveCommand).
  const match = /^commands?=/.exec(trimmed);
  if (!match) return undefined;
  const rest = trimmed.slice(match[0].length);
  return jsonCommands(`{"commands":${rest}}`) ?? shorthandCommands(rest);
}

function jsonCommands(json: string): string | undefined {
  try {
    const parsed = JSON.parse(json) as { commands?: unknown; command?: unknown };
    const commands = parsed.commands ?? parsed.command;
    if (typeof commands === 'string') return commands;
    return Array.isArray(commands) && commands.every((line) => typeof line === 'string') ? commands.join('\n') : undefined;
  } catch {
    return undefined;
  }
}

/** The shorthand's list: values split at commas outside quotes, up to the next `key=`. */
function shorthandCommands(text: string): string | undefined {
  const bracketed = text.startsWith('[');
  const body = bracketed ? text.slice(1, text.includes(']') ? text.lastIndexOf(']') : undefined) : text;
  const lines: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of body) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ',') {
      lines.push(current);
      current = '';
    } else current += char;
  }
  lines.push(current);
  // Outside brackets, `,key=value` starts the next parameter (`workingDirectory=/srv`).
  const end = bracketed ? lines.length : lines.findIndex((line, index) => index > 0 && /^\s*[A-Za-z][\w-]*=/.test(line));
  const commands = lines.slice(0, end === -1 ? lines.length : end).filter((line) => line.trim() !== '');
  return commands.length > 0 ? commands.join('\n') : undefined;
}

export const CLOUD_SSH: Record<string, CloudSsh> = dict({
  gcloud: {
    paths: [
      ['compute', 'ssh'],
      ['compute', 'tpus', 'tpu-vm', 'ssh'],
      ['compute', 'tpus', 'queued-resources', 'ssh'],
    ],
    releaseTracks: ['alpha', 'beta', 'preview'],
    commandOptions: ['--command'],
  },
  // `az vm run-command invoke -g RG -n VM --command-id RunShellScript --scripts 'CMD'` runs CMD on VM.
  az: {
    paths: [
      ['ssh', 'vm'],
      ['vm', 'run-command', 'invoke'],
      ['vm', 'run-command', 'create'],
    ],
    hostOptions: ['--name', '-n', '--vm-name', '--ip', '--hostname', '--resource-group', '-g'],
    commandOptions: ['--scripts'],
  },
  // `aws ssm send-command --instance-ids I --document-name AWS-RunShellScript --parameters
  // 'commands=[…]'` runs the lines on the instances (or the --targets) named; `aws ssm
  // start-session --target I --document-name AWS-StartInteractiveCommand --parameters
  // command='…'` runs its command there (other documents' parameters hold no command).
  aws: {
    paths: [
      ['ssm', 'send-command'],
      ['ssm', 'start-session'],
    ],
    hostOptions: ['--instance-ids', '--targets', '--target'],
    commandOptions: ['--parameters'],
    commandText: ssmShellLines,
  },
});

export function cloudSsh(spec: CloudSsh): Unwrapper {
  return (inv) => {
    const dashDash = inv.args.findIndex((w) => w.value === '--');
    const own = dashDash === -1 ? inv.args : inv.args.slice(0, dashDash);
    // The CLI's options (global ones included: they may come anywhere).
    const scan = scanOptions(own, optionsOf(inv.name, { stopAtPositional: false }));
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
      const value = optionValue(scan, flag);
      const text = value !== undefined && spec.commandText ? spec.commandText(value) : value;
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
 * `command`. Its free-form modules take a line: a shell line (shell, raw) or a command line
 * (command: no shell, but judged as a line — over, never under). What every other module's
 * arguments amount to is data (knowledge/fleet-runners.ts ANSIBLE_MODULE_ACTIONS).
 */
const ANSIBLE_SPEC: OptionSpec = optionsOf('ansible', { stopAtPositional: false });

const ANSIBLE_FREE_FORM_MODULES: ReadonlySet<string> = new Set(['shell', 'raw', 'command']);

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

/**
 * A module's arguments: `key=value` pairs whose values may be quoted (`query="DELETE FROM t"`, as
 * Ansible's parse_kv reads them), or a JSON object (`-a '{"name": "app", "state": "absent"}'`).
 */
function ansibleModuleArguments(text: string): Record<string, string> {
  const args: Record<string, string> = {};
  if (text.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        for (const [key, value] of Object.entries(parsed)) if (typeof value !== 'object' || value === null) args[key] = String(value);
    } catch {
      /* not JSON: no arguments read */
    }
    return args;
  }
  for (const [, key, double, single, bare] of text.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S*))/g))
    args[key!] = double !== undefined ? double.replace(/\\(.)/g, '$1') : (single ?? bare ?? '');
  return args;
}

const ANSIBLE_PLAYBOOK_SPEC: OptionSpec = optionsOf('ansible-playbook', { stopAtPositional: false });

/** Modes in which ansible and ansible-playbook change nothing on any host. */
const ANSIBLE_DRY_FLAGS = ['-C', '--check', '--list-hosts', '--list-tasks', '--list-tags', '--syntax-check', '--version', '-h', '--help'];

/**
 * What an `ansible` or `ansible-playbook` line itself selects (the line, not the commands it
 * sends): its pattern, `-i`, `--limit`, the playbooks. A playbook's plays name their hosts in the
 * playbook, which the edge reads; `all` of the inventory stands for them until then (and when
 * it cannot be read), narrowed by `--limit`. Undefined for other commands and for modes that
 * change nothing (`--check`, `--list-hosts`, …).
 */
export function ansibleSelection(inv: Invocation): AnsibleSelection | undefined {
  if (inv.name !== 'ansible' && inv.name !== 'ansible-playbook') return undefined;
  const scan = scanOptions(inv.args, inv.name === 'ansible' ? ANSIBLE_SPEC : ANSIBLE_PLAYBOOK_SPEC);
  if (hasFlag(scan, ...ANSIBLE_DRY_FLAGS)) return undefined;
  const pattern = inv.name === 'ansible' ? scan.positionals.map((i) => inv.args[i]!.value)[0] : 'all';
  if (!pattern) return undefined;
  // Ansible's order: `-i`, else $ANSIBLE_INVENTORY (one source; a list of several is left to
  // ansible.cfg's reading, which the gather stage does), else ansible.cfg's `inventory =`.
  const fromEnvironment = inv.env.ANSIBLE_INVENTORY?.includes(',') ? undefined : inv.env.ANSIBLE_INVENTORY || undefined;
  const inventory = optionValue(scan, '-i', '--inventory', '--inventory-file') ?? fromEnvironment;
  const limit = optionValue(scan, '-l', '--limit');
  const playbooks = inv.name === 'ansible-playbook' ? scan.positionals.map((i) => inv.args[i]!.value) : [];
  const extraVars = ansibleExtraVars(scan.options.filter((o) => o.flag === '-e' || o.flag === '--extra-vars').map((o) => o.value ?? ''));
  return {
    pattern,
    ...(inventory !== undefined ? { inventory } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(playbooks.length > 0 ? { playbooks } : {}),
    ...(Object.keys(extraVars).length > 0 ? { extraVars } : {}),
    cwd: inv.cwd,
  };
}

/** `-e env=production`, `-e 'a=1 b=2'`, `-e '{"env": "production"}'`: string values, later wins; `@file` is not read. */
function ansibleExtraVars(values: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const value of values) {
    if (value.trimStart().startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === 'object' && parsed !== null)
          for (const [key, item] of Object.entries(parsed)) if (typeof item === 'string' || typeof item === 'number') vars[key] = String(item);
      } catch {
        // YAML flow or broken JSON: its values stay unknown (the play's pattern counts as all).
      }
    } else if (!value.startsWith('@')) Object.assign(vars, ansibleKeyValues(value).pairs);
  }
  return vars;
}

export const ansible: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, ANSIBLE_SPEC);
  // Check mode skips shell/command; listing hosts or checking syntax runs nothing.
  const selection = ansibleSelection(inv);
  if (!selection) return [];
  const { pattern, inventory } = selection;
  // A collection's module by its short name (`community.postgresql.postgresql_db`).
  const moduleName = (optionValue(scan, '-m', '--module-name') ?? 'command').replace(/^[a-z0-9_]+\.[a-z0-9_]+\./, '');
  const text = optionValue(scan, '-a', '--args');
  const actions = Object.hasOwn(ANSIBLE_MODULE_ACTIONS, moduleName) ? ANSIBLE_MODULE_ACTIONS[moduleName] : undefined;
  if ((!ANSIBLE_FREE_FORM_MODULES.has(moduleName) && !actions) || text === undefined) return [];
  const user = optionValue(scan, '-u', '--user');
  // The hosts: the pattern's names (`web:&prod`, `db1,db2`), and the inventory, whose name often
  // says the environment (`-i production`, `-i inventories/prod/hosts`) or lists hosts (`-i db1,`).
  const names = pattern.split(/[:,]/).map((name) => name.replace(/^&/, ''));
  const hosts = [...hostList(names.join(',')), ...(inventory === undefined ? [] : inventory.includes(',') ? hostList(inventory) : [`inventory ${inventory}`])];
  const targets = [...new Set(hosts)].map((host) => (user ? { host, user } : { host }));
  // One run on the pattern's hosts: every step is named by the pattern, so the rules stage judges
  // the command once for the whole pattern (not once per name in it).
  const via = `ansible -m ${moduleName} ${pattern}`;
  // Ansible's implicit `localhost` is the control node: the host the line runs on.
  const onEach = (line: string) =>
    targets
      .slice(0, MAX_REMOTE_HOSTS)
      .flatMap(({ host, user: login }) =>
        /^(localhost|127\.0\.0\.1|::1)$/.test(host)
          ? script(via, line)
          : script(via, line, { ...onRemoteHost(host, login), host: ansibleHost(host, login, selection) }),
      );
  // `-m postgresql_db -a 'name=app state=absent'` is `dropdb app` on each host, `-m service -a
  // 'name=postgresql state=stopped'` is `systemctl stop postgresql`.
  if (actions) {
    const args = ansibleModuleArguments(text);
    for (const action of actions) {
      const line = moduleActionApplies(action, args) ? renderModuleTemplate(action.template, args, quoteForShell) : undefined;
      if (line !== undefined) return onEach(line);
    }
    return [];
  }
  const { pairs, rest } = ansibleKeyValues(text);
  const line = Object.keys(pairs).every((key) => ANSIBLE_FREE_FORM_KEYS.has(key)) ? rest : text;
  const steps = onEach(line);
  const chdir = pairs.chdir;
  return chdir && line === rest ? steps.map((step) => ({ ...step, cwd: chdir })) : steps;
};

/** Each name's step carries the whole pattern, so the targets stage can expand its groups (or,
 *  with no inventory read, judge its names together). */
function ansibleHost(destination: string, user: string | undefined, selection: AnsibleSelection): ExecutionHost {
  return { kind: 'ssh', destination, ...(user ? { user } : {}), ansible: selection };
}

/**
 * Parallel ssh: `pssh -h HOSTS_FILE CMD`, `pdsh -w HOSTS CMD`, `clush -w HOSTS CMD`. The command is a
 * shell line run on every host. Hosts come from a list option, a hosts file or a group; with
 * none named (`-a`, a genders file), the hosts are unknown and remote.
 */
interface ParallelShell {
  /** Options whose value lists hosts (`db1,db[2-3]`). */
  hostOptions: readonly string[];
  /** Options whose value is a file or group of hosts: named after it (`hosts in prod.txt`). */
  hostSourceOptions: readonly string[];
  /** Modes that copy files instead of running a command. */
  copyFlags?: readonly string[];
  /** Options whose value is the command (`mussh -c CMD`); else the words after the options are. */
  commandOptions?: readonly string[];
  /** A subcommand before the operands (`knife ssh QUERY CMD`): its first operand selects the hosts. */
  subcommand?: string;
  /** The command follows `--` (`fab -H db1 -- CMD`). */
  afterDashDash?: boolean;
  /** Words before the operands that make it this runner (`bolt command run`). */
  verbs?: readonly string[];
  /** The operand that is the command line (`bolt command run 'CMD'`, `dep run 'CMD' STAGE`). */
  commandOperand?: number;
  /** The operand that names the hosts: a list, an inventory file or a stage (`pyinfra
   *  INVENTORY exec -- CMD`, `dep run CMD production`). */
  hostOperand?: number;
  /** A word the operands hold at this index (`pyinfra INVENTORY exec`). */
  operandWord?: { index: number; word: string };
  /** The command is built from an operand `NAME=value` (`cap STAGE invoke:rake TASK=db:migrate`). */
  fromAssignment?: { name: string; template: string };
}

const PSSH: ParallelShell = {
  hostOptions: ['-H', '--host'],
  hostSourceOptions: ['-h', '--hosts'],
};

export const PARALLEL_SHELLS: Record<string, ParallelShell> = dict({
  pssh: PSSH,
  'parallel-ssh': PSSH,
  pdsh: {
    hostOptions: ['-w'],
    hostSourceOptions: ['-g'],
  },
  clush: {
    hostOptions: ['-w', '--nodes'],
    hostSourceOptions: ['-g', '--group', '--hostfile'],
    copyFlags: ['-c', '--copy', '--rcopy'],
  },
  // mussh(1): `-h HOST…`, `-H FILE`, `-c CMD`.
  mussh: { hostOptions: ['-h'], hostSourceOptions: ['-H'], commandOptions: ['-c'] },
  // Chef's `knife ssh QUERY COMMAND`: the search query selects the nodes.
  knife: { hostOptions: [], hostSourceOptions: [], subcommand: 'ssh' },
  // Fabric 2: `fab -H db1,db2 -- CMD` runs CMD on each host.
  fab: { hostOptions: ['-H', '--hosts'], hostSourceOptions: [], afterDashDash: true },
  // Puppet Bolt (puppet.com/docs/bolt, `bolt command run`): the command on every target.
  bolt: {
    hostOptions: ['--targets', '-t', '--nodes', '-n'],
    hostSourceOptions: ['--inventoryfile', '-i', '--query', '-q'],
    verbs: ['command', 'run'],
    commandOperand: 0,
  },
  // pyinfra (docs.pyinfra.com, "Ad-hoc commands"): `pyinfra INVENTORY exec -- CMD`.
  pyinfra: { hostOptions: [], hostSourceOptions: [], afterDashDash: true, hostOperand: 0, operandWord: { index: 1, word: 'exec' } },
  // Capistrano with capistrano-rake (`cap STAGE invoke:rake TASK=db:migrate`): the stage's
  // servers run `bundle exec rake TASK` in the release directory.
  cap: {
    hostOptions: [],
    hostSourceOptions: [],
    hostOperand: 0,
    operandWord: { index: 1, word: 'invoke:rake' },
    fromAssignment: { name: 'TASK', template: 'bundle exec rake {}' },
  },
  // Deployer (deployer.org, `dep run COMMAND [SELECTOR]`): the selector is a host, stage or label.
  dep: { hostOptions: ['--hosts'], hostSourceOptions: ['--roles'], verbs: ['run'], commandOperand: 0, hostOperand: 1 },
});

/** An operand naming hosts: an inventory file (`inventory.py`, `hosts.yml`) or a list. */
function operandHosts(value: string): string[] {
  return /\.(py|ya?ml|ini|txt|json)$/i.test(value) ? [`hosts in ${value}`] : hostList(value);
}

export function parallelShell(spec: ParallelShell): Unwrapper {
  return (inv) => {
    let args = inv.args;
    if (spec.subcommand !== undefined) {
      if (args[0]?.value !== spec.subcommand) return [];
      args = args.slice(1);
    }
    if (spec.verbs) {
      if (spec.verbs.some((verb, k) => args[k]?.value !== verb)) return [];
      args = args.slice(spec.verbs.length);
    }
    if (spec.commandOperand !== undefined || spec.hostOperand !== undefined) return operandRunner(spec, inv, args);
    const dashDash = spec.afterDashDash ? args.findIndex((word) => word.value === '--') : -1;
    if (spec.afterDashDash && dashDash === -1) return [];
    const own = dashDash === -1 ? args : args.slice(0, dashDash);
    const scan = scanOptions(own, optionsOf(inv.name, { stopAtPositional: !spec.commandOptions && spec.subcommand === undefined }));
    if (spec.copyFlags && hasFlag(scan, ...spec.copyFlags)) return [];
    const positionals = scan.positionals.map((index) => own[index]!);
    const query = spec.subcommand !== undefined ? positionals[0] : undefined;
    const words = spec.commandOptions
      ? scan.options.filter((o) => spec.commandOptions!.includes(o.flag) && o.value).map((o) => o.value!)
      : dashDash !== -1
        ? args.slice(dashDash + 1).map((w) => w.value)
        : spec.subcommand !== undefined
          ? positionals.slice(1).map((w) => w.value)
          : own.slice(scan.rest).map((w) => w.value);
    if (words.length === 0) return [];
    const user = optionValue(scan, '-l', '--user');
    const listed = scan.options.filter((o) => spec.hostOptions.includes(o.flag)).flatMap((o) => hostList(o.value ?? ''));
    const sources = scan.options.filter((o) => spec.hostSourceOptions.includes(o.flag) && o.value).map((o) => `hosts in ${o.value}`);
    const hosts = [...listed, ...sources, ...(query ? [`nodes matching ${query.value}`] : [])];
    const targets = (hosts.length > 0 ? hosts : ['(hosts not named on the line)']).map((host) => (user ? { host, user } : { host }));
    return remoteScripts(spec.subcommand ? `${inv.name} ${spec.subcommand}` : inv.name, targets, words.join(spec.commandOptions ? '\n' : ' '), inv.stdin);
  };
}

/** Deploy tools whose operands say what runs and where (bolt, pyinfra, dep). */
function operandRunner(spec: ParallelShell, inv: Invocation, args: readonly ExpandedWord[]): UnwrapStep[] {
  const dashDash = spec.afterDashDash ? args.findIndex((word) => word.value === '--') : -1;
  if (spec.afterDashDash && dashDash === -1) return [];
  const own = dashDash === -1 ? args : args.slice(0, dashDash);
  const scan = scanOptions(own, optionsOf(inv.name, { stopAtPositional: false }));
  const operands = scan.positionals.map((index) => own[index]!);
  if (spec.operandWord && operands[spec.operandWord.index]?.value !== spec.operandWord.word) return [];
  const assigned = spec.fromAssignment ? operands.find((word) => word.value.startsWith(`${spec.fromAssignment!.name}=`)) : undefined;
  const line = spec.fromAssignment
    ? assigned && spec.fromAssignment.template.replace('{}', quoteForShell(assigned.value.slice(spec.fromAssignment.name.length + 1)))
    : spec.commandOperand !== undefined
      ? operands[spec.commandOperand]?.value
      : args
          .slice(dashDash + 1)
          .map((w) => w.value)
          .join(' ');
  if (!line) return [];
  const user = optionValue(scan, '-u', '--user');
  const listed = scan.options.filter((o) => spec.hostOptions.includes(o.flag)).flatMap((o) => hostList(o.value ?? ''));
  const sources = scan.options.filter((o) => spec.hostSourceOptions.includes(o.flag) && o.value).map((o) => `hosts in ${o.value}`);
  const named = spec.hostOperand !== undefined ? operands[spec.hostOperand]?.value : undefined;
  const hosts = [...listed, ...sources, ...(named ? operandHosts(named) : [])];
  const targets = (hosts.length > 0 ? hosts : ['(hosts not named on the line)']).map((host) => (user ? { host, user } : { host }));
  return remoteScripts(spec.verbs ? `${inv.name} ${spec.verbs.join(' ')}` : inv.name, targets, line, inv.stdin);
}

/**
 * SaltStack: `salt [OPTIONS] TARGET FUNCTION [ARGS…]` and `salt-ssh` (with `-r`, the words after
 * the target are a raw shell line). What the function runs on each minion is data
 * (knowledge/fleet-runners.ts); it is judged there, as `ssh HOST CMD` is. The target names the
 * hosts: a list (`-L db1,db2`), a glob (`'db-prod-*'`) read by its name, a grain, pillar or
 * nodegroup (named as written), and `'*'`, the whole fleet — production among it.
 */
export const salt: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: false }));
  if (hasFlag(scan, ...SALT_DRY_FLAGS)) return [];
  const positionals = scan.positionals.map((index) => inv.args[index]!);
  // salt-call runs the function on the minion it is typed on: no target.
  if (inv.name === 'salt-call') return saltFunction(positionals, 'salt-call', (via, line) => script(via, line));
  const [target, ...rest] = positionals;
  if (!target || rest.length === 0) return [];
  const user = optionValue(scan, '--user');
  const pattern = target.value;
  const how = scan.options.map((option) => SALT_TARGETING[option.flag]).find((text) => text !== undefined);
  const listed = hasFlag(scan, ...SALT_LIST_FLAGS);
  const names = listed ? hostList(pattern) : [how ? `${how} ${pattern}` : pattern];
  const wholeFleet =
    !how && !listed && isWholeFleet(pattern) ? `${inv.name} target '${pattern}' is every minion it manages, production hosts among them` : undefined;
  const onMinions = (via: string, line: string) =>
    names.slice(0, MAX_REMOTE_HOSTS).flatMap((name) => {
      const base = onRemoteHost(name, user);
      const host: ExecutionHost = { kind: 'ssh', destination: name, ...(user ? { user } : {}), ...(wholeFleet ? { wholeFleet } : {}) };
      return script(via, line, { ...base, host });
    });
  if (inv.name === 'salt-ssh' && hasFlag(scan, ...SALT_RAW_FLAGS)) return onMinions(`salt-ssh -r ${pattern}`, rest.map((word) => word.value).join(' '));
  return saltFunction(rest, `${inv.name} ${pattern}`, onMinions);
};

/** A Salt function and its arguments (knowledge/fleet-runners.ts): the line it amounts to, run
 *  where `run` puts it. */
function saltFunction(words: readonly ExpandedWord[], where: string, run: (via: string, line: string) => UnwrapStep[]): UnwrapStep[] {
  const [fn, ...args] = words;
  if (!fn) return [];
  const spec = Object.hasOwn(SALT_FUNCTIONS, fn.value) ? SALT_FUNCTIONS[fn.value]! : undefined;
  if (!spec) return [];
  const via = `${where} ${fn.value}`;
  // Keyword arguments (`runas=postgres`, `cmd='…'`) beside the positional ones.
  const keyword = (word: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.exec(word)?.[0].slice(0, -1);
  const positional = args.filter((word) => keyword(word.value) === undefined).map((word) => word.value);
  if (spec.kind === 'shell-line') {
    const named = args.find((word) => keyword(word.value) === 'cmd')?.value.slice('cmd='.length);
    const line = named ?? positional[0];
    return line === undefined ? [] : run(via, line);
  }
  // The same templates as Ansible's module actions, the positional arguments named `0`, `1`, ….
  const line = renderModuleTemplate(spec.template, Object.fromEntries(positional.map((value, index) => [String(index), value])), quoteForShell);
  return line === undefined ? [] : run(via, line);
}

/** `heroku run [-a APP] CMD…`: the command runs in a dyno of that app. */
export const herokuRun: Unwrapper = (inv) => {
  if (inv.args[0]?.value !== 'run' && inv.args[0]?.value !== 'run:detached') return [];
  const rest = inv.args.slice(1);
  const scan = scanOptions(rest, optionsOf('heroku run', { stopAtPositional: true }));
  // The heroku CLI reads -a/--app anywhere on the line, even after the dyno command.
  const trailing = rest.slice(scan.rest).findIndex((w, i, all) => (w.value === '-a' || w.value === '--app') && all[i + 1]);
  const trailingApp = trailing === -1 ? undefined : rest.slice(scan.rest)[trailing + 1]!.value;
  const app = optionValue(scan, '-a', '--app') ?? trailingApp ?? inv.env.HEROKU_APP ?? 'heroku';
  const host: ExecutionHost = { kind: 'container', runtime: 'heroku', name: app };
  return command(`heroku run -a ${app}`, rest.slice(scan.rest), { host, env: {}, assigned: {}, envUnknown: true, cwd: '' });
};
