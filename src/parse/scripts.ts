// Files a line runs (issue 11, classes 4 and 5): what bash would run, prodguard judges.
// - A shell script: `bash FILE`, `sh -x FILE ARGS`, `./FILE`, `source FILE`, and a script on
//   standard input (`bash < FILE`, `ssh HOST 'bash -s' < FILE`).
// - A task: `npm run X` / `yarn X` / `pnpm X` / `bun run X` run package.json's `scripts.X`
//   (npm also `preX`/`postX`); `make [TARGET…]` runs the Makefile's recipes (prerequisites first).
// Pure: `filesWanted` says which files an invocation would read; the edge reads them (size-capped,
// regular files only) and hands their text back as `ReadFiles`; `fileSteps` turns that text into
// the script steps the walk judges as if typed. A file the edge could not read changes nothing.

import type { ExpandedWord, FileWanted, Invocation, MakeDefinition, ReadFiles, TaskScript } from '../types.js';
import { clientOptionSpec, hasFlag, optionValue, scanOptions, type OptionScan } from './options.js';
import { clientSpec } from '../knowledge/commands.js';
import { RAW_SOCKET_CLIENTS } from '../knowledge/raw-sockets.js';
import { envFilePath } from './wrappers/env-runners.js';
import { positionalValues, type UnwrapStep } from './wrappers/step.js';
import { isRunnerCommand } from './runners.js';
import { MAKE, MAKE_PROGRAMS, PACKAGE_SCRIPT_RUNNERS, WORKSPACE_FOLDERS, toolOptions, type PackageScriptRunner } from '../knowledge/tools.js';
import { crontabCommands, crontabSource, crontabUser, quoteWord } from './crontab.js';
import { parallelArgumentFiles } from './fanout.js';
import { scriptFileOf } from './interpreters/index.js';
import { pathOf, taskFileSteps, taskFilesWanted, taskStep } from './task-files.js';
import { own, table } from '../util/dict.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash']);
/** Sourced files named like env files are read as dotenv (wrappers.ts), not walked as scripts. */
const ENV_FILE_NAME = /(^|\/)\.env(\.[^/]*)?$|\.env$/;
const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

export const EMPTY_READ_FILES: ReadFiles = { scripts: {}, packageScripts: {}, makefiles: {}, taskBooks: {} };

/** The script file a shell invocation runs, and the arguments after it. */
function shellScript(inv: Invocation): { index: number } | undefined {
  if (!SHELLS.has(inv.name)) return undefined;
  const scan = scanOptions(inv.args, { ...toolOptions(inv.name), stopAtPositional: true });
  if (hasFlag(scan, '-c', '-s', '-i')) return undefined;
  const file = inv.args[scan.rest];
  if (!file || file.dynamic || file.value === '-') return undefined;
  return { index: scan.rest };
}

/** `./deploy.sh`, `bin/reset`, `/opt/app/cleanup.sh`: a command named by its path. */
function runsPathDirectly(inv: Invocation): boolean {
  return inv.host.kind === 'local' && !inv.command.dynamic && inv.command.value.includes('/');
}

/** Paths that name the process's own standard input. */
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

function sourcedScript(inv: Invocation): boolean {
  const file = inv.args[0];
  return (inv.name === 'source' || inv.name === '.') && !!file && !file.dynamic && !ENV_FILE_NAME.test(file.value);
}

/** Shells (and ssh, whose remote shell reads it) take their script from `< FILE`; so does a
 *  Redis client given no command (`redis-cli -h HOST < cmds.txt`: each line is a command). */
function readsScriptOnStdin(inv: Invocation): boolean {
  return inv.stdin?.kind === 'file' && inv.stdin.text === undefined && (SHELLS.has(inv.name) || inv.name === 'ssh' || readsRedisCommands(inv));
}

function readsRedisCommands(inv: Invocation): boolean {
  // `nc cache.prod 6379 < cmds.txt`: read as well; the unwrapper keeps only Redis ports.
  if (Object.hasOwn(RAW_SOCKET_CLIENTS, inv.name)) return true;
  if (clientSpec(inv.name)?.engine !== 'redis') return false;
  return scanOptions(inv.args, clientOptionSpec(inv.name)!).positionals.length === 0;
}

/** Commands whose standard input becomes arguments or variables (`xargs rm -rf < dirs.txt`,
 *  `while read d; …; done < dirs.txt`, `mapfile -t a < f`). */
const READS_ITEMS_FROM_STDIN = new Set(['xargs', 'read', 'mapfile', 'readarray']);

/** The files whose lines this invocation hands on: `cat FILE… |`, `xargs -a FILE`, `< FILE`. */
function itemFiles(inv: Invocation): string[] {
  const files: string[] = [];
  if (inv.name === 'cat' && inv.args.length > 0 && inv.args.length <= 4 && inv.args.every((arg) => !arg.dynamic && !arg.value.startsWith('-')))
    files.push(...inv.args.map((arg) => arg.value));
  if (READS_ITEMS_FROM_STDIN.has(inv.name) && inv.stdin?.kind === 'file' && inv.stdin.text === undefined && inv.stdin.path) files.push(inv.stdin.path);
  if (inv.name === 'xargs') {
    const scan = scanOptions(inv.args, { ...toolOptions('xargs'), stopAtPositional: true });
    const file = optionValue(scan, '-a', '--arg-file');
    if (file && !file.startsWith('/dev/fd/') && !file.startsWith('/proc/')) files.push(file);
  }
  return files;
}

/** Which files this invocation would read to know what it runs. */
export function filesWanted(inv: Invocation): FileWanted[] {
  if (inv.host.kind !== 'local') return [];
  const wanted: FileWanted[] = [];
  const add = (kind: FileWanted['kind'], file: string | undefined): void => {
    const path = file === undefined ? undefined : pathOf(inv, file);
    if (path) wanted.push({ kind, path });
  };
  const script = shellScript(inv);
  if (script) add('script', inv.args[script.index]!.value);
  if (runsPathDirectly(inv)) add('script', inv.command.value);
  if (sourcedScript(inv)) add('script', inv.args[0]!.value);
  if (readsScriptOnStdin(inv)) add('script', inv.stdin!.path);
  for (const file of itemFiles(inv)) add('script', file);
  for (const file of parallelArgumentFiles(inv)) add('script', file);
  const program = scriptFileOf(inv);
  if (program) add('script', program.file);
  const cron = crontabSource(inv);
  if (cron && 'file' in cron) add('script', cron.file);
  if (cron && 'stdin' in cron && inv.stdin?.kind === 'file' && inv.stdin.text === undefined) add('script', inv.stdin.path);
  for (const task of packageTasks(inv)) add(task.manifest, `${task.dir}/${task.manifest}`);
  const make = makeInvocation(inv);
  if (make?.file === '-') {
    // `make -f - TARGET <<EOF`: the Makefile is the line's own standard input.
    if (inv.stdin?.text !== undefined) wanted.push({ kind: 'makefile', path: stdinMakefileKey(inv), text: inv.stdin.text });
  } else if (make) {
    for (const file of makefileCandidates(make)) add('makefile', file);
  }
  wanted.push(...taskFilesWanted(inv));
  return wanted;
}

/** Script steps for the files this invocation runs, from what the edge read. */
export function fileSteps(inv: Invocation, read: ReadFiles): UnwrapStep[] {
  if (inv.host.kind !== 'local') return [];
  const steps: UnwrapStep[] = [];
  const scriptAt = (file: string): { path: string; text: string } | undefined => {
    // `source /dev/stdin <<< '…'`, `bash /dev/fd/0 < <(…)`: the script is the input the line shows.
    if (STDIN_PATHS.has(file)) return inv.stdin?.text !== undefined ? { path: file, text: inv.stdin.text } : undefined;
    const path = pathOf(inv, file);
    const text = path === undefined ? undefined : read.scripts[path];
    return path !== undefined && text !== undefined ? { path, text } : undefined;
  };
  const script = shellScript(inv);
  if (script) {
    const found = scriptAt(inv.args[script.index]!.value);
    const positional = positionalValues(inv.args.slice(script.index + 1));
    if (found) steps.push({ kind: 'script', via: `${inv.name} ${inv.args[script.index]!.value}`, text: found.text, positional, file: found.path });
  }
  if (runsPathDirectly(inv)) {
    const found = scriptAt(inv.command.value);
    if (found && isShellScript(found.text))
      steps.push({ kind: 'script', via: inv.command.value, text: found.text, positional: positionalValues(inv.args), file: found.path });
  }
  if (sourcedScript(inv)) {
    const found = scriptAt(inv.args[0]!.value);
    const rest = inv.args.slice(1);
    if (found) {
      steps.push({
        kind: 'script',
        via: `${inv.name} ${inv.args[0]!.value}`,
        text: found.text,
        sameShell: true,
        file: found.path,
        ...(rest.length > 0 ? { positional: positionalValues(rest) } : {}),
      });
    }
  }
  // A crontab installed now runs its entries later: each entry's command is judged as if run now.
  const cron = crontabSource(inv);
  if (cron) {
    const table =
      'file' in cron
        ? scriptAt(cron.file)?.text
        : (inv.stdin?.text ?? inv.stdin?.known ?? (inv.stdin?.kind === 'file' && inv.stdin.path ? scriptAt(inv.stdin.path)?.text : undefined));
    for (const entry of table === undefined ? [] : crontabCommands(table)) steps.push({ kind: 'script', via: 'crontab entry', text: entry });
    // A table known whole that schedules nothing (`echo '' | crontab -`, `crontab - < /dev/null`)
    // replaces the user's crontab with none: `crontab -r` by another name (host/crontab-remove).
    const stdinPath = inv.stdin?.kind === 'file' ? inv.stdin.path : undefined;
    const whole = 'file' in cron ? table : (inv.stdin?.text ?? (stdinPath === '/dev/null' ? '' : stdinPath ? scriptAt(stdinPath)?.text : undefined));
    if (whole !== undefined && crontabCommands(whole).length === 0) {
      const user = crontabUser(inv);
      steps.push({ kind: 'script', via: 'an empty table installed', text: user ? `crontab -r -u ${quoteWord(user)}` : 'crontab -r' });
    }
  }
  for (const task of packageTasks(inv)) {
    const manifest = pathOf(inv, `${task.dir}/${task.manifest}`);
    if (manifest) steps.push(...packageSteps(inv, task, manifest, own(read.packageScripts, manifest)));
  }
  const make = makeInvocation(inv);
  if (make) {
    const path =
      make.file === '-'
        ? inv.stdin?.text !== undefined && read.makefiles[stdinMakefileKey(inv)] !== undefined
          ? stdinMakefileKey(inv)
          : undefined
        : makefileCandidates(make)
            .map((file) => pathOf(inv, file))
            .find((file) => file !== undefined && read.makefiles[file] !== undefined);
    if (path) steps.push(...makeSteps(inv, path, read.makefiles[path]!, make, pathOf(inv, make.dir) ?? inv.cwd));
  }
  steps.push(...taskFileSteps(inv, read));
  return steps;
}

/** `./manage.py` is Python: only a file with a shell `#!` line (or none: bash runs it) is a shell script. */
function isShellScript(text: string): boolean {
  if (!text.startsWith('#!')) return true;
  const words = text
    .slice(2, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
    .trim()
    .split(/\s+/);
  const interpreter = (words[0] ?? '').replace(/^.*\//, '');
  const named = interpreter === 'env' ? words.slice(1).find((word) => !word.startsWith('-') && !word.includes('=')) : interpreter;
  return SHELLS.has(named ?? '');
}

/** The text a `< FILE` redirection feeds, when the edge read it (shells and ssh only). */
export function stdinFileText(cwd: string, file: string, read: ReadFiles): string | undefined {
  if (!file.startsWith('/') && !cwd) return undefined;
  return read.scripts[envFilePath(cwd, file)];
}

// --- package.json scripts -------------------------------------------------------------------

interface PackageTask {
  /** The package's directory (relative to the invocation's cwd, or absolute). */
  dir: string;
  /** The file in it holding the scripts. */
  manifest: 'package.json' | 'composer.json';
  script: string;
  /** Words after `--` (npm) or after the script name (yarn, pnpm): appended to the script. */
  args: string[];
  /** npm runs `preX` and `postX` around `X`. */
  lifecycle: boolean;
}

/** Subcommands with which a runner runs a package.json script (the shell hook's prefilter sends them on). */
export const PACKAGE_SCRIPT_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = table(
  Object.fromEntries(
    Object.entries(PACKAGE_SCRIPT_RUNNERS)
      .filter(([, runner]) => !runner.bareName)
      .map(([name, runner]) => [name, [...runner.run, ...Object.keys(runner.aliases)]]),
  ),
);

function packageTasks(inv: Invocation): PackageTask[] {
  if (inv.args.some((arg) => arg.dynamic)) return [];
  const runner = Object.hasOwn(PACKAGE_SCRIPT_RUNNERS, inv.name) ? PACKAGE_SCRIPT_RUNNERS[inv.name]! : undefined;
  if (!runner) return [];
  let args = inv.args;
  let scan = scanOptions(args, { ...runner.options, stopAtPositional: true });
  // npm reads its options anywhere before `--` (`npm run reset -w @app/db`).
  const everywhere = scanOptions(args, runner.options);
  let selected = runner.workspace.options.length > 0 ? optionValue(everywhere, ...runner.workspace.options) : undefined;
  // `yarn workspace @app/db run reset`: the words after the package's name are a command of its own.
  if (runner.workspace.subcommand && args[scan.rest]?.value === runner.workspace.subcommand && args[scan.rest + 1]) {
    selected = args[scan.rest + 1]!.value;
    args = args.slice(scan.rest + 2);
    scan = scanOptions(args, { ...runner.options, stopAtPositional: true });
  }
  const task = packageTask(inv, runner, args, scan);
  if (!task) return [];
  if (everywhere.options.some((option) => runner.filter.includes(option.flag))) return [];
  if (selected === undefined) return [task];
  const folders = workspaceFolders(selected);
  return folders.map((folder) => ({ ...task, dir: task.dir === '.' ? folder : `${task.dir}/${folder}` }));
}

/**
 * The folders a selected workspace package may be in: the path itself (`./packages/db`), or for a
 * name (`@app/db`, `db`) its last part in the folders workspaces conventionally live in. A
 * selection that picks several (`--filter './packages/**'`, `...db`, `{…}`) is not known.
 */
function workspaceFolders(selected: string): string[] {
  if (selected === '' || /[*?[{}!]|^\.\.\.|\.\.\.$|\^/.test(selected)) return [];
  if (selected.startsWith('./') || selected.startsWith('/') || selected.startsWith('../')) return [selected.replace(/\/+$/, '')];
  const name = selected.split('/').at(-1)!;
  // `packages/db` written without `./` is a folder; `@app/db` is a scoped name.
  const folder = !selected.startsWith('@') && selected.includes('/') ? [selected.replace(/\/+$/, '')] : [];
  return [...folder, ...WORKSPACE_FOLDERS.map((root) => (root === '.' ? name : `${root}/${name}`))];
}

function packageTask(inv: Invocation, runner: PackageScriptRunner, args: readonly ExpandedWord[], scan: OptionScan): PackageTask | undefined {
  const values = args.map((arg) => arg.value);
  const dir = (runner.directory.length > 0 ? optionValue(scan, ...runner.directory) : undefined) ?? '.';
  const manifest = runner.manifest;
  const sub = values[scan.rest];
  if (sub === undefined) return undefined;
  if (runner.argsAfterDashDash) {
    // npm: the words after `--` go to the script; `npm test` runs the script of its own name.
    const dashDash = values.indexOf('--', scan.rest);
    const scriptArgs = dashDash === -1 ? [] : values.slice(dashDash + 1);
    if (runner.run.includes(sub)) {
      const name = values.slice(scan.rest + 1).find((value) => !value.startsWith('-'));
      return name && (dashDash === -1 || values.indexOf(name) < dashDash)
        ? { dir, manifest, script: name, args: scriptArgs, lifecycle: runner.lifecycle }
        : undefined;
    }
    const alias = Object.hasOwn(runner.aliases, sub) ? runner.aliases[sub] : undefined;
    return alias ? { dir, manifest, script: alias, args: scriptArgs, lifecycle: runner.lifecycle } : undefined;
  }
  const runs = runner.run.includes(sub);
  if (!runs && !runner.bareName) return undefined;
  const index = runs ? scan.rest + 1 : scan.rest;
  const name = values[index];
  if (!name || name.startsWith('-') || (index === scan.rest && isRunnerCommand(inv.name, name))) return undefined;
  const scriptArgs = values.slice(index + 1).filter((value, i) => !(i === 0 && value === '--'));
  return { dir, manifest, script: name, args: scriptArgs, lifecycle: runner.lifecycle };
}

function packageSteps(inv: Invocation, task: PackageTask, path: string, scripts: Readonly<Record<string, TaskScript>> | undefined): UnwrapStep[] {
  if (!scripts) return [];
  const key = (name: string) => `${path}#${name}`;
  // npm-run-all's names may be globs (`run-s db:*`, parse/runners.ts): every script they match.
  const scriptNames = GLOB.test(task.script) ? Object.keys(scripts).filter((name) => scriptGlob(task.script).test(name)) : [task.script];
  const names = scriptNames.flatMap((script) => (task.lifecycle ? [`pre${script}`, script, `post${script}`] : [script]));
  const steps: UnwrapStep[] = [];
  for (const name of names) {
    const script = own(scripts, name);
    if (!script) continue;
    const via = `${inv.name} run ${name} (${task.dir === '.' ? '' : `${task.dir}/`}${task.manifest}: ${JSON.stringify(script.text.length > 80 ? `${script.text.slice(0, 77)}...` : script.text)})`;
    const args = scriptNames.includes(name) ? task.args.map(quote).join(' ') : '';
    steps.push({ ...taskStep(via, script, inv, key(name), args), cwd: pathOf(inv, task.dir) ?? inv.cwd });
  }
  return steps;
}

const GLOB = /\*/;

/** npm-run-all's glob over script names: `*` within a `:` segment, `**` across segments. */
function scriptGlob(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^:]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

function quote(value: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

// --- make -----------------------------------------------------------------------------------

/** The make programs whose Makefile recipes are read (the shell hook's prefilter sends them on). */
export const MAKE_NAMES: readonly string[] = MAKE_PROGRAMS;

function makeInvocation(inv: Invocation): { dir: string; file?: string; goals: string[]; variables: Record<string, string> } | undefined {
  if (!MAKE_NAMES.includes(inv.name)) return undefined;
  if (inv.args.some((arg) => arg.dynamic)) return undefined;
  // `-j 4`: the job count is optional, so a number after -j is its value, not a target.
  const args = inv.args.filter((arg, i) => !(/^\d+$/.test(arg.value) && inv.args[i - 1]?.value === '-j'));
  const scan = scanOptions(args, MAKE.options);
  if (hasFlag(scan, ...MAKE.noRun) || args.some((arg) => /^-[a-zA-Z]*[nq][a-zA-Z]*$/.test(arg.value) && !arg.value.startsWith('--'))) return undefined;
  const dirs = scan.options.filter((o) => (MAKE.directory as readonly string[]).includes(o.flag)).map((o) => o.value ?? '');
  const dir = dirs.reduce((current, next) => (next.startsWith('/') ? next : `${current}/${next}`), '.');
  const file = optionValue(scan, ...MAKE.file);
  const words = scan.positionals.map((i) => args[i]!.value);
  const goals = words.filter((value) => !value.includes('='));
  // `make deploy RAILS_ENV=production`: make exports command-line variables to every recipe.
  const variables: Record<string, string> = {};
  for (const value of words) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (match) variables[match[1]!] = match[2]!;
  }
  return { dir, ...(file ? { file } : {}), goals, variables };
}

/** Where a Makefile given on standard input is kept among the files read: by where the line runs make, and its length. */
function stdinMakefileKey(inv: Invocation): string {
  return `(standard input of ${inv.name} at ${inv.pos}, ${inv.stdin?.text?.length ?? 0} characters)`;
}

/** `-f FILE` (read relative to the `-C` directory), else the names GNU make tries, in order. */
function makefileCandidates(make: { dir: string; file?: string }): string[] {
  if (make.file) return [make.file.startsWith('/') ? make.file : `${make.dir}/${make.file}`];
  return MAKEFILE_NAMES.map((name) => `${make.dir}/${name}`);
}

const MAX_MAKE_TARGETS = 64;

function makeSteps(
  inv: Invocation,
  path: string,
  make: MakeDefinition,
  { goals, variables }: { goals: string[]; variables: Record<string, string> },
  dir: string,
): UnwrapStep[] {
  const steps: UnwrapStep[] = [];
  const visited = new Set<string>();
  const file = path.replace(/^.*\//, '');
  const build = (target: string, depth: number, goal: string): void => {
    if (visited.has(target) || visited.size >= MAX_MAKE_TARGETS || depth > 16) return;
    visited.add(target);
    const entry = own(make.targets, target);
    if (!entry) return;
    // Prerequisites are made first.
    for (const prerequisite of entry.prerequisites) build(prerequisite, depth + 1, goal);
    entry.recipes.forEach((recipe, index) => {
      const what = target === goal ? `make ${target}` : `make ${goal} (prerequisite ${target})`;
      steps.push({ ...taskStep(`${what} (${file} recipe line ${index + 1})`, recipe, inv, `${path}#${target}#${index}`, '', variables), cwd: dir });
    });
  };
  const wanted = goals.length > 0 ? goals : make.defaultGoal ? [make.defaultGoal] : [];
  for (const goal of wanted) build(goal, 0, goal);
  return steps;
}
