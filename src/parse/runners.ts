// Package and task runners, and scripts prodguard cannot see (issue 11, classes 4 and 5).
// - `yarn jest`, `pnpm vitest`: a word that is not the runner's own command runs the package
//   binary (or the package.json script) of that name.
// - `rake` with no task runs the default task — Travis CI's default Ruby script, a test run.
// - `trap 'CMD' EXIT` runs CMD when the shell exits.
// - A shell reading a script from a pipe whose content the line does not show
//   (`base64 -d | bash`), `source <(…)`, or a computed `bash -c "$X"` runs an unseen script:
//   it becomes the pseudo-command `(unseen-script)`, which a rule judges (undecidable is never allow).
// Pure: an invocation in, steps out.

import type { ExpandedWord, Invocation } from '../types.js';
import type { UnwrapStep } from './wrappers/step.js';
import { runsUnseenOutput } from '../knowledge/commands.js';
import { VOLUME_LOCATIONS } from '../knowledge/data-directories.js';
import { SCRIPT_NAME_RUNNERS, type ScriptNameRunner } from '../knowledge/tools.js';
import { scanOptions } from './options.js';
import { DECODER_NAMES } from './stream-filters.js';

export const UNSEEN_SCRIPT = '(unseen-script)';
/**
 * A command whose name the line cannot know (`$(curl x) -rf /`, `` `tool` -rf /data ``, `"$CMD"
 * -rf /`) given options: judged by its operands alone (host/unknown-command).
 */
export const UNKNOWN_COMMAND = '(unknown-command)';

/**
 * A shell running text a decoder wrote from input the line does not show (`curl … | base64 -d |
 * sh`, `eval "$(base64 -d payload)"`): code written so that nobody can read it (host/decoded-script).
 * Decoded text the line does show is computed and judged instead (./stream-filters.ts).
 */
export const DECODED_SCRIPT = '(decoded-script)';

/** The pseudo-command for output run as code: decoded text, or any other unseen script. */
function unseenScript(inv: Invocation, via: string, decoded: boolean | undefined): UnwrapStep[] {
  return [{ kind: 'command', via, words: [word(inv.command, decoded ? DECODED_SCRIPT : UNSEEN_SCRIPT)] }];
}

/** Whether a substitution's output comes through a decoder (`$(echo "$X" | base64 -d)`). */
function decodedOutput(word: ExpandedWord | undefined): boolean {
  return word?.producers?.some((name) => DECODER_NAMES.has(name)) ?? false;
}

/** The output of `$(…)`/`<(…)` run as code: unseen unless a program prints its own shell code. */
function unseenOutput(word: ExpandedWord): boolean {
  return word.producers === undefined || runsUnseenOutput(word.producers);
}

/**
 * A command word from a substitution or a variable the line cannot resolve. Its output run as a
 * command is an unseen script when it comes from the network, a decoder or printed text
 * (`eval "$(curl -s URL)"` runs `$(curl -s URL)`); otherwise, given options, the command is
 * judged by its operands (`$(tool) -rf /`). A first word that is not an option may be the
 * command itself after an empty expansion (`$SUDO rm -rf …`): invocations.ts judges that reading.
 */
function unknownCommandSteps(inv: Invocation): UnwrapStep[] {
  // A glob as the command word (`/usr/bin/r? -rf /`, `/bin/[r]m`): bash runs whichever file it
  // matches first, which the line does not say — judged by its operands like a computed name.
  if (inv.command.glob && /[*?[]/.test(inv.name)) {
    const first = inv.args[0];
    if (!first || !/^-./.test(first.value)) return [];
    return [
      {
        kind: 'command',
        via: `${inv.command.text} (a glob: the command is whatever file it matches)`,
        words: [word(inv.command, UNKNOWN_COMMAND), ...inv.args],
      },
    ];
  }
  if (inv.name !== '' || !inv.command.dynamic) return [];
  if (inv.command.producers && runsUnseenOutput(inv.command.producers)) {
    return unseenScript(inv, `${inv.command.text} (its output runs as a command)`, decodedOutput(inv.command));
  }
  // Text computed by the line itself — a substring or case change of a value it cannot know, an
  // indirection, a variable holding a decoder's output (`c=$(tr a-z n-za-m <<< qebcqo); $c app`):
  // nobody can tell what program runs. `$EDITOR file` (an environment variable) is not computed.
  const steps: UnwrapStep[] = inv.command.computed
    ? [{ kind: 'command', via: `${inv.command.text} (a command computed before it runs)`, words: [word(inv.command, UNSEEN_SCRIPT)] }]
    : [];
  const first = inv.args[0];
  if (!first || !/^-./.test(first.value)) return steps;
  return [
    ...steps,
    { kind: 'command', via: `${inv.command.text} (a command not known before it runs)`, words: [word(inv.command, UNKNOWN_COMMAND), ...inv.args] },
  ];
}
/** SQL fed on standard input to a framework's database console (`manage.py dbshell < x.sql`). */
export const SQL_CONSOLE_INPUT = '(sql-console-input)';

/** `manage.py dbshell`, `django-admin dbshell`, `rails dbconsole|db` reading a file, heredoc or pipe. */
function feedsFrameworkConsole(inv: Invocation): boolean {
  // The pseudo-command it becomes keeps the console's words and input: judged once, not again.
  if (!inv.stdin || inv.name === SQL_CONSOLE_INPUT) return false;
  const words = [inv.name, ...inv.args.map((w) => w.value)].filter((w) => !w.startsWith('-'));
  const names = words.map((w) => w.replace(/^.*\//, ''));
  const manage = names.findIndex((w) => w === 'manage.py' || w === 'django-admin');
  if (manage !== -1 && names[manage + 1] === 'dbshell') return true;
  const rails = names.findIndex((w) => w === 'rails');
  return rails !== -1 && (names[rails + 1] === 'dbconsole' || names[rails + 1] === 'db');
}

/**
 * An app console reading code on standard input runs it as its one-shot form does: `echo
 * 'User.delete_all' | rails console` (or `rails runner -`) is `rails runner 'User.delete_all'`, `manage.py shell <<EOF`
 * is `manage.py shell -c CODE`, `artisan tinker <<< CODE` is `artisan tinker --execute=CODE`,
 * `flask shell <<< CODE` is `flask shell CODE` —
 * judged by the same rules (database/rails-runner-mass-delete, framework-code-mass-delete).
 */
function appConsoleInput(inv: Invocation): UnwrapStep[] {
  const code = inv.stdin?.text;
  if (code === undefined || code.trim() === '') return [];
  const index = inv.args.findIndex((w) => !w.value.startsWith('-'));
  const named = (w: ExpandedWord | undefined) => w?.value.replace(/^.*\//, '');
  const sub = (at: number) => inv.args[at]?.value;
  if (inv.name === 'rails' && (sub(index) === 'console' || sub(index) === 'c')) {
    return [{ kind: 'command', via: 'rails console <<stdin', words: [inv.command, word(inv.command, 'runner'), word(inv.command, code)] }];
  }
  // `rails runner -` reads its code from standard input (Rails 7.1): the same one-shot, written out.
  if (inv.name === 'rails' && (sub(index) === 'runner' || sub(index) === 'r') && inv.args.slice(index + 1).some((w) => w.value === '-')) {
    return [{ kind: 'command', via: 'rails runner - <<stdin', words: [inv.command, word(inv.command, 'runner'), word(inv.command, code)] }];
  }
  // `flask shell` has no one-shot form: the code is judged as a word after it.
  if (inv.name === 'flask' && sub(index) === 'shell') {
    return [{ kind: 'command', via: 'flask shell <<stdin', words: [inv.command, ...inv.args.slice(0, index + 1), word(inv.command, code)] }];
  }
  const script = /^(python[0-9.]*|php)$/.test(inv.name) ? named(inv.args[index]) : inv.name;
  const at = /^(python[0-9.]*|php)$/.test(inv.name) ? index + 1 : index;
  if ((script === 'manage.py' || script === 'django-admin') && sub(at) === 'shell' && !inv.args.some((w) => /^(-c|--command)/.test(w.value))) {
    return [
      { kind: 'command', via: `${script} shell <<stdin`, words: [inv.command, ...inv.args.slice(0, at + 1), word(inv.command, '-c'), word(inv.command, code)] },
    ];
  }
  if (script === 'artisan' && sub(at) === 'tinker' && !inv.args.some((w) => w.value.startsWith('--execute'))) {
    return [{ kind: 'command', via: 'artisan tinker <<stdin', words: [inv.command, ...inv.args.slice(0, at + 1), word(inv.command, `--execute=${code}`)] }];
  }
  return [];
}

const YARN_COMMANDS = new Set([
  'add',
  'audit',
  'autoclean',
  'bin',
  'cache',
  'check',
  'config',
  'constraints',
  'create',
  'dedupe',
  'dlx',
  'exec',
  'explain',
  'generate-lock-entry',
  'global',
  'help',
  'import',
  'info',
  'init',
  'install',
  'licenses',
  'link',
  'list',
  'login',
  'logout',
  'node',
  'npm',
  'outdated',
  'owner',
  'pack',
  'patch',
  'patch-commit',
  'plugin',
  'policies',
  'publish',
  'rebuild',
  'remove',
  'run',
  'search',
  'set',
  'stage',
  'tag',
  'team',
  'unlink',
  'unplug',
  'up',
  'upgrade',
  'upgrade-interactive',
  'version',
  'versions',
  'why',
  'workspace',
  'workspaces',
  'test',
  'start',
  'install-peerdeps',
]);
const PNPM_COMMANDS = new Set([
  'add',
  'i',
  'install',
  'install-test',
  'it',
  'ci',
  'update',
  'up',
  'upgrade',
  'remove',
  'rm',
  'uninstall',
  'un',
  'link',
  'ln',
  'unlink',
  'import',
  'rebuild',
  'rb',
  'prune',
  'fetch',
  'patch',
  'patch-commit',
  'patch-remove',
  'audit',
  'list',
  'ls',
  'll',
  'outdated',
  'why',
  'licenses',
  'run',
  'run-script',
  'test',
  't',
  'tst',
  'start',
  'exec',
  'dlx',
  'create',
  'store',
  'root',
  'bin',
  'setup',
  'init',
  'deploy',
  'doctor',
  'config',
  'c',
  'env',
  'publish',
  'pack',
  'server',
  'recursive',
  'multi',
  'm',
  'help',
  'cat-file',
  'cat-index',
  'find-hash',
  'self-update',
  'version',
]);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash']);

function word(template: ExpandedWord, value: string, dynamic = false): ExpandedWord {
  return { ...template, value, text: value, dynamic, glob: false, unsetVariables: [], variables: [] };
}

/** Index of the first word that is not an option (options of these runners take no value, or are attached). */
function firstPositional(args: readonly ExpandedWord[]): number {
  const index = args.findIndex((w) => !w.value.startsWith('-'));
  return index === -1 ? args.length : index;
}

export function runnerSteps(inv: Invocation): UnwrapStep[] {
  if (inv.name === '' || (inv.command.glob && /[*?[]/.test(inv.name))) return unknownCommandSteps(inv);
  switch (inv.name) {
    case 'yarn':
    case 'pnpm': {
      const index = firstPositional(inv.args);
      const sub = inv.args[index];
      const builtins = inv.name === 'yarn' ? YARN_COMMANDS : PNPM_COMMANDS;
      if (!sub || sub.dynamic || builtins.has(sub.value) || (sub.value.includes(':') && inv.name === 'pnpm')) return [];
      return [{ kind: 'command', via: `${inv.name} ${sub.value}`, words: inv.args.slice(index), keepStdin: true }];
    }
    case 'rake': {
      // `rake` alone (often `bundle exec rake`) runs the default task: a test run in most projects.
      const positional = inv.args.filter((w) => !w.value.startsWith('-') && !w.value.includes('='));
      return positional.length === 0 ? [{ kind: 'command', via: 'rake (default task)', words: [word(inv.command, 'rake'), word(inv.command, 'test')] }] : [];
    }
    case 'trap': {
      const [action, ...signals] = inv.args;
      if (!action || signals.length === 0 || action.value === '-' || action.value === '') return [];
      if (action.dynamic) return unseenScript(inv, 'trap', decodedOutput(action));
      // `trap "rm -rf $dir" 0` with `dir=$(mktemp -d)`: the trap runs the output the variable
      // holds, not the substitution again; read in this shell, where the variable still holds it.
      // Output nobody read (`hook=$(curl …)`, `trap "$hook" EXIT`) stays the substitution: unseen.
      const held = (action.heldOutputs ?? []).filter((output) => !runsUnseenOutput(output.producers)).sort((a, b) => b.value.length - a.value.length);
      if (held.length === 0) return [{ kind: 'script', via: 'trap', text: action.value }];
      let text = action.value;
      for (const { name, value } of held) text = text.split(value).join('${' + name + '}');
      return [{ kind: 'script', via: 'trap', text, sameShell: true }];
    }
    case 'source':
    case '.': {
      const file = inv.args[0];
      // `source <(curl …)`, `. <(echo …)`: the file is a command's output. `source <(kubectl
      // completion bash)` is a program's own shell code, sourced every day.
      // `source <(echo 'rm -rf /')`: output the line shows is the script.
      if (file?.processOutput !== undefined) return [{ kind: 'script', via: `${inv.name} <(…)`, text: file.processOutput, sameShell: true }];
      return file && (file.dynamic || /^[<>]\(|^\/dev\/fd\/|^\/proc\/self\/fd\//.test(file.value)) && unseenOutput(file)
        ? unseenScript(inv, inv.name, decodedOutput(file))
        : [];
    }
    case 'node':
      return nodeSteps(inv);
    default:
      break;
  }
  if (Object.hasOwn(SCRIPT_NAME_RUNNERS, inv.name)) return scriptNameSteps(inv, SCRIPT_NAME_RUNNERS[inv.name]!);
  const container = containerOnHostPaths(inv);
  if (container.length > 0) return container;
  const console = appConsoleInput(inv);
  if (console.length > 0) return console;
  if (feedsFrameworkConsole(inv)) {
    return [{ kind: 'command', via: `${inv.name} console`, words: [word(inv.command, SQL_CONSOLE_INPUT), ...inv.args], keepStdin: true }];
  }
  if (SHELLS.has(inv.name)) {
    const dashC = inv.args.findIndex((w) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w.value));
    if (dashC !== -1) {
      const text = inv.args[dashC + 1];
      return text?.dynamic ? unseenScript(inv, `${inv.name} -c`, decodedOutput(text)) : [];
    }
    const script = inv.args.find((w) => !w.value.startsWith('-'));
    // `bash <(curl -s URL)`: the script is a command's output.
    if (script?.processOutput !== undefined) return [{ kind: 'script', via: `${inv.name} <(…)`, text: script.processOutput }];
    if (script?.producers && script.value.startsWith('<(')) {
      return unseenOutput(script) ? unseenScript(inv, `${inv.name} <(…)`, decodedOutput(script)) : [];
    }
    const readsStdin = !script || inv.args.some((w) => w.value === '-s');
    if (readsStdin && inv.stdin?.kind === 'pipe' && inv.stdin.text === undefined && inv.stdin.items === undefined) {
      return unseenScript(inv, `${inv.name} reading a pipe`, inv.stdin.decoded);
    }
  }
  return [];
}

/** `npm run NAME` as a step: the package.json script runs (parse/scripts.ts reads it). */
function npmRun(inv: Invocation, via: string, name: string): UnwrapStep {
  return { kind: 'command', via, words: [word(inv.command, 'npm'), word(inv.command, 'run'), word(inv.command, name)] };
}

/**
 * `node --test` runs the test files it finds (Node's built-in test runner): a test run, read as
 * `node test` (the rule for test suites names it). `node --run NAME` (Node 22) runs the
 * package.json script NAME, as `npm run NAME` does.
 */
function nodeSteps(inv: Invocation): UnwrapStep[] {
  const script = inv.args.findIndex((arg) => !arg.value.startsWith('-') && inv.args[inv.args.indexOf(arg) - 1]?.value !== '--run');
  const options = script === -1 ? inv.args : inv.args.slice(0, script);
  const run = options.findIndex((arg) => arg.value === '--run' || arg.value.startsWith('--run='));
  if (run !== -1) {
    const option = options[run]!.value;
    const name = option.startsWith('--run=') ? option.slice('--run='.length) : inv.args[run + 1]?.value;
    return name ? [npmRun(inv, `node --run ${name}`, name)] : [];
  }
  if (!options.some((arg) => arg.value === '--test')) return [];
  return [{ kind: 'command', via: 'node --test', words: [word(inv.command, 'node'), word(inv.command, 'test')] }];
}

/**
 * `run-s db:*`, `turbo run test --filter=api`, `nx run api:test`, `nx run-many -t test`: the
 * package.json scripts of those names run (turbo and nx run each workspace's script of that name;
 * the root's is read, and a test task's name says a test run whatever the workspace).
 */
function scriptNameSteps(inv: Invocation, runner: ScriptNameRunner): UnwrapStep[] {
  if (inv.args.some((arg) => arg.dynamic)) return [];
  const dashDash = inv.args.findIndex((arg) => arg.value === '--');
  const own = dashDash === -1 ? inv.args : inv.args.slice(0, dashDash);
  const scan = scanOptions(own, runner.options);
  const positionals = scan.positionals.map((index) => own[index]!.value);
  let names: string[];
  if (runner.subcommands.length === 0) names = positionals;
  else if (positionals[0] !== undefined && runner.subcommands.includes(positionals[0])) names = positionals.slice(1);
  else if (positionals[0] !== undefined && runner.bareName && !runner.ownCommands.includes(positionals[0]))
    names = positionals.slice(0, runner.projectPrefix ? 1 : undefined);
  else names = [];
  if (runner.projectPrefix) names = names.map((name) => (name.includes(':') ? name.split(':')[1]! : name));
  for (const option of scan.options) {
    if (runner.taskOptions.includes(option.flag) && option.value) names.push(...option.value.split(','));
  }
  // npm-run-all: `"build -- --watch"` is a name with its arguments.
  return names
    .map((name) => name.trim().split(/\s+/)[0]!)
    .filter((name) => name !== '' && !name.startsWith('-'))
    .map((name) => npmRun(inv, `${inv.name} ${name}`, name));
}

const DOCKER_RUN_WITH_VALUE = new Set([
  '-v',
  '--volume',
  '--mount',
  '-e',
  '--env',
  '--env-file',
  '--name',
  '-w',
  '--workdir',
  '-p',
  '--publish',
  '--network',
  '--net',
  '-u',
  '--user',
  '--entrypoint',
  '-h',
  '--hostname',
  '-l',
  '--label',
  '--platform',
  '--pull',
  '--restart',
  '-m',
  '--memory',
  '--cpus',
  '--add-host',
  '--device',
  '--tmpfs',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--log-driver',
  '--log-opt',
  '--ulimit',
  '--gpus',
  '--shm-size',
  '--dns',
  '--ipc',
  '--pid',
  '--runtime',
  '--stop-signal',
  '-a',
  '--attach',
  '--cidfile',
  '--volumes-from',
  '--link',
  '--expose',
  '--health-cmd',
  '--userns',
  '--uts',
  '--cgroupns',
  '--group-add',
  '--label-file',
  '--mac-address',
  '--ip',
  '--ip6',
  '--network-alias',
  '--stop-timeout',
  '--storage-opt',
  '--sysctl',
  '--cpu-shares',
  '-c',
  '--cpuset-cpus',
  '--memory-swap',
  '--oom-score-adj',
  '--init-path',
  '--isolation',
  '--detach-keys',
]);

/** A named volume (`-v pgdata:/data`): a name, not a path. */
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Where the daemon keeps a named volume's files (knowledge/data-directories.ts: volumes are data). */
function namedVolumePath(name: string): string {
  return `${VOLUME_LOCATIONS[0]}/${name}/_data`;
}

/**
 * `docker run -v /:/host alpine rm -rf /host/var/lib/postgresql`: a container that mounts host
 * paths deletes host files. The container's command is judged with mounted paths mapped back to
 * the host (`/host/var/lib/…` → `/var/lib/…`); paths only inside the container are its own.
 */
function containerOnHostPaths(inv: Invocation): UnwrapStep[] {
  if (inv.name !== 'docker' && inv.name !== 'podman') return [];
  let i = 0;
  if (inv.args[0]?.value === 'container') i = 1;
  if (inv.args[i]?.value !== 'run' && inv.args[i]?.value !== 'create') return [];
  const mounts: { host: string; inside: string }[] = [];
  for (i++; i < inv.args.length; i++) {
    const value = inv.args[i]!.value;
    if (!value.startsWith('-')) break;
    const [flag, attached] = value.includes('=') ? [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)] : [value, undefined];
    const takesValue = DOCKER_RUN_WITH_VALUE.has(flag);
    const optionValue = attached ?? (takesValue ? inv.args[++i]?.value : undefined);
    if (optionValue === undefined) continue;
    if (flag === '-v' || flag === '--volume') {
      const [host, inside] = optionValue.split(':');
      if (host && inside && /^[/~.]/.test(host)) mounts.push({ host, inside });
      else if (host && inside && NAMED_VOLUME.test(host)) mounts.push({ host: namedVolumePath(host), inside });
    } else if (flag === '--mount') {
      const fields = Object.fromEntries(optionValue.split(',').map((f) => f.split('=') as [string, string]));
      const host = fields.source ?? fields.src;
      const inside = fields.target ?? fields.destination ?? fields.dst;
      const type = fields.type ?? 'volume';
      if (type === 'bind' && host && inside) mounts.push({ host, inside });
      else if (type === 'volume' && host && inside && NAMED_VOLUME.test(host)) mounts.push({ host: namedVolumePath(host), inside });
    }
  }
  const command = inv.args.slice(i + 1);
  if (mounts.length === 0 || command.length === 0) return [];
  let mapped = false;
  const words = command.map((w) => {
    let value = w.value;
    for (const mount of mounts) {
      const inside = mount.inside.replace(/\/+$/, '') || '/';
      if (inside === '/') continue;
      const pattern = new RegExp(`(^|[\\s'"=;&|(])${inside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$|[\\s'";&|)])`, 'g');
      value = value.replace(pattern, (_m, before: string) => {
        mapped = true;
        return `${before}${mount.host.replace(/\/+$/, '')}`;
      });
    }
    return value === w.value ? w : { ...w, value: value.replace(/(^|[\s'"=])\/\/+/g, '$1/') || '/' };
  });
  return mapped ? [{ kind: 'command', via: `${inv.name} run (host paths mounted)`, words }] : [];
}

/** `yarn add`, `pnpm install`: the runner's own command, not a package script or binary. */
export function isRunnerCommand(runner: string, word: string): boolean {
  if (runner === 'yarn') return YARN_COMMANDS.has(word);
  if (runner === 'pnpm') return PNPM_COMMANDS.has(word);
  if (runner === 'composer') return COMPOSER_COMMANDS.has(word);
  return false;
}

/** Composer's own commands (`composer list`), which a bare word names before a script. */
const COMPOSER_COMMANDS = new Set([
  'about',
  'archive',
  'audit',
  'browse',
  'home',
  'bump',
  'check-platform-reqs',
  'clear-cache',
  'clearcache',
  'cc',
  'config',
  'create-project',
  'depends',
  'why',
  'diagnose',
  'dump-autoload',
  'dumpautoload',
  'exec',
  'fund',
  'global',
  'help',
  'init',
  'install',
  'i',
  'licenses',
  'list',
  'outdated',
  'prohibits',
  'why-not',
  'reinstall',
  'remove',
  'rm',
  'require',
  'r',
  'run-script',
  'run',
  'search',
  'self-update',
  'selfupdate',
  'show',
  'info',
  'status',
  'suggests',
  'update',
  'u',
  'upgrade',
  'validate',
]);

/** Names whose lines these runners unwrap (the shell hook's prefilter must send them on). */
export const RUNNER_NAMES: readonly string[] = [
  'yarn',
  'pnpm',
  // `composer db-reset`: a bare word runs composer.json's script.
  'composer',
  'rake',
  'trap',
  'source',
  '.',
  'docker',
  'podman',
  'manage.py',
  'django-admin',
  'rails',
  'parallel',
  // node: an interpreter, sent on when an option is given (`node --test`, `node --run X`).
  ...Object.keys(SCRIPT_NAME_RUNNERS),
  ...SHELLS,
];
