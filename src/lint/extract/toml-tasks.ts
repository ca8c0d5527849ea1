// Tasks kept in TOML (issue 11, class 5), read with smol-toml:
// - pdm: `[tool.pdm.scripts]` — `name = "cmd"`, `{cmd = "…" | […]}`, `{shell = "…"}`,
//   `{composite = ["a", "b"]}` (each item a script or a command), `env = {…}`; `{call = …}`
//   runs a Python function and is not read (https://pdm-project.org/latest/usage/scripts/).
// - hatch: `[tool.hatch.envs.ENV.scripts]` (hatch.toml: `[envs.ENV.scripts]`) — a command or a
//   list of commands; named `ENV:name`, and `name` for the default environment.
// - poe: `[tool.poe.tasks]` — `"cmd"`, `{cmd|shell = "…"}`, `{sequence = […]}`, `{ref = "…"}`,
//   a list is a sequence; `{script = …}` runs Python and is not read.
// - mise: `[tasks.NAME]` of mise.toml — `run = "…" | […]`, `depends`, `depends_post`, `env`;
//   `[tasks] name = "cmd"` is the short form (https://mise.jdx.dev/tasks/toml-tasks.html).
// A pdm/poe `cmd` is split by the tool, not a shell: judged as a shell line (never less).

import { parse } from 'smol-toml';
import type { TaskBook, TaskScript } from '../../types.js';
import { dict } from '../../util/dict.js';

type Toml = unknown;
type Task = TaskBook['tasks'][string];

function table(value: Toml): Record<string, Toml> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) ? (value as Record<string, Toml>) : undefined;
}

function strings(value: Toml): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function variables(value: Toml): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(table(value) ?? {})) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

function at(root: Record<string, Toml>, ...path: string[]): Record<string, Toml> | undefined {
  let node: Toml = root;
  for (const key of path) node = table(node)?.[key];
  return table(node);
}

/** A command given as a list of arguments (`cmd = ["pytest", "-x"]`) as one shell line. */
function commandLine(value: Toml): string | undefined {
  if (typeof value === 'string') return value;
  const words = strings(value);
  return words.length > 0 ? words.map((word) => (/^[A-Za-z0-9_./=:@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ') : undefined;
}

function task(lines: readonly string[], env: Record<string, string> = {}, before: string[] = [], after: string[] = []): Task {
  const recipes: TaskScript[] = lines.map((text) => ({ text, env, unknownEnv: [] }));
  return { before, after, parameters: [], recipes };
}

function pdmTasks(root: Record<string, Toml>): Record<string, Task> {
  const tasks = dict<Task>();
  for (const [name, value] of Object.entries(at(root, 'tool', 'pdm', 'scripts') ?? {})) {
    if (name === '_') continue;
    const options = table(value);
    const env = variables(options?.env);
    const line = commandLine(options ? (options.cmd ?? options.shell) : value);
    if (line !== undefined) tasks[name] = task([line], env);
    else if (options?.composite)
      tasks[name] = task(
        strings(options.composite).map((item) => `pdm run ${item}`),
        env,
      );
  }
  return tasks;
}

function hatchTasks(root: Record<string, Toml>, hatchToml: boolean): Record<string, Task> {
  const tasks = dict<Task>();
  const envs = (hatchToml ? at(root, 'envs') : at(root, 'tool', 'hatch', 'envs')) ?? {};
  for (const [envName, envTable] of Object.entries(envs)) {
    const env = variables(table(envTable)?.['env-vars']);
    for (const [name, value] of Object.entries(table(table(envTable)?.scripts) ?? {})) {
      const entry = task(strings(value), env);
      tasks[`${envName}:${name}`] = entry;
      if (envName === 'default') tasks[name] = entry;
    }
  }
  return tasks;
}

function poeTasks(root: Record<string, Toml>): Record<string, Task> {
  const tasks = dict<Task>();
  for (const [name, value] of Object.entries(at(root, 'tool', 'poe', 'tasks') ?? {})) {
    const options = table(value);
    const env = variables(options?.env);
    if (Array.isArray(value) || options?.sequence) {
      // A sequence's items are task names or inline tasks.
      const items = (Array.isArray(value) ? value : Array.isArray(options!.sequence) ? (options!.sequence as Toml[]) : []).map((item) =>
        typeof item === 'string' ? `poe ${item}` : commandLine(table(item)?.cmd ?? table(item)?.shell),
      );
      tasks[name] = task(
        items.filter((item): item is string => item !== undefined),
        env,
      );
      continue;
    }
    const line = typeof value === 'string' ? value : options?.ref !== undefined ? `poe ${String(options.ref)}` : commandLine(options?.cmd ?? options?.shell);
    if (line !== undefined) tasks[name] = task([line], env);
  }
  return tasks;
}

function miseTasks(root: Record<string, Toml>): Record<string, Task> {
  const tasks = dict<Task>();
  for (const [name, value] of Object.entries(at(root, 'tasks') ?? {})) {
    const options = table(value);
    if (!options) {
      tasks[name] = task(strings(value));
      continue;
    }
    tasks[name] = task(strings(options.run), variables(options.env), strings(options.depends), strings(options.depends_post));
  }
  return tasks;
}

/** The tasks one tool keeps in a TOML file, or undefined when it has none there (or it does not parse). */
export function extractTomlTasks(text: string, tool: 'pdm' | 'hatch' | 'poe' | 'mise', hatchToml = false): TaskBook | undefined {
  let root: Record<string, Toml> | undefined;
  try {
    root = table(parse(text));
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const tasks = tool === 'pdm' ? pdmTasks(root) : tool === 'hatch' ? hatchTasks(root, hatchToml) : tool === 'poe' ? poeTasks(root) : miseTasks(root);
  return Object.keys(tasks).length > 0 ? { tasks } : undefined;
}
