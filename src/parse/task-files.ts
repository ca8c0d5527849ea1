// Task runners that read a file of named tasks (issue 11, class 5): `just RECIPE` runs the
// justfile's recipe (its dependencies first, `&&` ones after), `task NAME` the Taskfile's task
// (`deps` first, `task:` calls in its cmds). Read as make's recipes are (parse/scripts.ts): the
// edge reads the file (context/gather.ts), and each line a task runs is a script step the walk
// judges as if typed. Which options each runner takes is data (knowledge/tools.ts).
// Pure: an invocation and the files read in, steps out.

import type { Invocation, ReadFiles, TaskBook, TaskScript } from '../types.js';
import { hasFlag, optionValue, scanOptions } from './options.js';
import { envFilePath } from './wrappers/env-runners.js';
import type { UnwrapStep } from './wrappers/step.js';
import { TASK_FILE_RUNNERS, type TaskFileRunner } from '../knowledge/tools.js';
import { justParameterVariable } from '../lint/extract/justfile.js';
import { own } from '../util/dict.js';

/** A value the line cannot know: expanding it marks the word dynamic (see invocations.ts). */
export const UNKNOWN_VALUE = '\u0000dynamic';

export function pathOf(inv: Invocation, file: string): string | undefined {
  if (!file.startsWith('/') && !inv.cwd) return undefined;
  return envFilePath(inv.cwd, file);
}

/** A task as a script step; `overrides` (command-line variables) beat the task's own. */
export function taskStep(via: string, task: TaskScript, inv: Invocation, key: string, extraArgs = '', overrides: Record<string, string> = {}): UnwrapStep {
  const env: Record<string, string> = { ...inv.env, ...task.env };
  for (const name of task.unknownEnv) env[name] = UNKNOWN_VALUE;
  Object.assign(env, overrides);
  const text = extraArgs ? `${task.text} ${extraArgs}` : task.text;
  return { kind: 'script', via, text, env, assigned: { ...inv.assigned, ...task.env, ...overrides }, file: key };
}

interface TaskRun {
  runner: TaskFileRunner;
  dir: string;
  file?: string;
  /** The words after the options: task names, their arguments, `NAME=value` overrides. */
  words: string[];
}

function taskRun(inv: Invocation): TaskRun | undefined {
  const runner = Object.hasOwn(TASK_FILE_RUNNERS, inv.name) ? TASK_FILE_RUNNERS[inv.name]! : undefined;
  if (!runner || inv.args.some((arg) => arg.dynamic)) return undefined;
  // Task passes the words after `--` to the task as {{.CLI_ARGS}}: not task names.
  const dashDash = inv.args.findIndex((arg) => arg.value === '--');
  const args = dashDash === -1 ? inv.args : inv.args.slice(0, dashDash);
  const scan = scanOptions(args, runner.options);
  if (hasFlag(scan, ...runner.noRun)) return undefined;
  const dir = (runner.directory.length > 0 ? optionValue(scan, ...runner.directory) : undefined) ?? '.';
  const file = runner.file.length > 0 ? optionValue(scan, ...runner.file) : undefined;
  let words = scan.positionals.map((index) => args[index]!.value);
  if (runner.subcommands) {
    // `pdm run NAME`, `mise tasks run NAME`; `pdm NAME` when NAME is not one of pdm's commands.
    const named = words[0] !== undefined && runner.subcommands.includes(words[0]);
    if (!named && (!runner.ownCommands || words[0] === undefined || runner.ownCommands.includes(words[0]))) return undefined;
    while (words[0] !== undefined && runner.subcommands.includes(words[0])) words = words.slice(1);
  }
  // pdm, hatch, poe, mise: the words after the name are the task's arguments, not more tasks.
  if (runner.oneTask) words = words.slice(0, 1);
  if (runner.oneTask && words.length === 0) return undefined;
  return { runner, dir, ...(file ? { file } : {}), words };
}

function candidates(run: TaskRun): string[] {
  if (run.file) return [run.file.startsWith('/') ? run.file : `${run.dir}/${run.file}`];
  return run.runner.files.map((name) => `${run.dir}/${name}`);
}

/** The justfile or Taskfile this invocation would read. */
export function taskFilesWanted(inv: Invocation): { kind: TaskFileRunner['format']; path: string }[] {
  const run = taskRun(inv);
  if (!run) return [];
  return candidates(run).flatMap((file) => {
    const path = pathOf(inv, file);
    return path ? [{ kind: run.runner.format, path }] : [];
  });
}

/** One pyproject.toml holds pdm's, hatch's and poe's tasks: a book is kept per reader and file. */
export function taskBookKey(format: TaskFileRunner['format'], path: string): string {
  return `${format}:${path}`;
}

const MAX_TASKS = 64;

/** What the runner does with its words: which tasks, with which parameters and overrides. */
function goals(run: TaskRun, book: TaskBook): { tasks: { name: string; values: Record<string, string> }[]; overrides: Record<string, string> } {
  const overrides: Record<string, string> = {};
  const tasks: { name: string; values: Record<string, string> }[] = [];
  const words = [...run.words];
  while (words.length > 0) {
    const word = words.shift()!;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
    if (assignment && !own(book.tasks, word)) {
      overrides[assignment[1]!] = assignment[2]!;
      continue;
    }
    const task = own(book.tasks, word);
    if (!task) continue;
    // just: a recipe takes as many words as it has parameters (a variadic one takes the rest).
    const values: Record<string, string> = {};
    for (const parameter of task.parameters) {
      if (parameter.variadic) {
        values[justParameterVariable(parameter.name)] = words.splice(0).join(' ');
        break;
      }
      const value = words.shift() ?? parameter.default;
      values[justParameterVariable(parameter.name)] = value ?? UNKNOWN_VALUE;
    }
    tasks.push({ name: word, values });
  }
  if (tasks.length === 0 && run.words.every((word) => word.includes('=')) && book.defaultTask) tasks.push({ name: book.defaultTask, values: {} });
  return { tasks, overrides };
}

/** Script steps for the tasks this invocation runs, from the file the edge read. */
export function taskFileSteps(inv: Invocation, read: ReadFiles): UnwrapStep[] {
  const run = taskRun(inv);
  if (!run) return [];
  const format = run.runner.format;
  const path = candidates(run)
    .map((file) => pathOf(inv, file))
    .find((file) => file !== undefined && read.taskBooks[taskBookKey(format, file)] !== undefined);
  if (!path) return [];
  const book = read.taskBooks[taskBookKey(format, path)]!;
  const file = path.replace(/^.*\//, '');
  const cwd = pathOf(inv, run.dir) ?? inv.cwd;
  const steps: UnwrapStep[] = [];
  const visited = new Set<string>();
  const { tasks, overrides } = goals(run, book);
  const build = (name: string, depth: number, goal: string, values: Record<string, string>): void => {
    if (visited.has(name) || visited.size >= MAX_TASKS || depth > 16) return;
    visited.add(name);
    const task = own(book.tasks, name);
    if (!task) return;
    for (const before of task.before) build(before, depth + 1, goal, {});
    task.recipes.forEach((recipe, index) => {
      const what = name === goal ? `${inv.name} ${name}` : `${inv.name} ${goal} (runs ${name})`;
      steps.push({
        ...taskStep(
          `${what} (${file} line ${index + 1}: ${JSON.stringify(recipe.text.length > 60 ? `${recipe.text.slice(0, 57)}...` : recipe.text)})`,
          recipe,
          inv,
          `${path}#${name}#${index}`,
          '',
          { ...overrides, ...values },
        ),
        cwd,
      });
    });
    for (const after of task.after) build(after, depth + 1, goal, {});
  };
  for (const { name, values } of tasks) build(name, 0, name, values);
  return steps;
}
