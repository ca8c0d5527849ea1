// Taskfiles (go-task v3, https://taskfile.dev/reference/schema): each task's `cmds` are shell
// lines (a string, or `{cmd: …}`); `{task: NAME}` in `cmds` and every entry of `deps` run
// another task. A task may be written short: a string or a list of strings is its cmds. `env:`
// (file and task level) is the commands' environment; `{{.VAR}}` templates take a `vars:` string,
// else a variable whose value is not known. Read with the yaml package.

import { parse } from 'yaml';
import type { TaskBook, TaskScript } from '../../types.js';
import { dict, own } from '../../util/dict.js';

type Yaml = unknown;

function record(value: Yaml): Record<string, Yaml> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Yaml>) : undefined;
}

function stringMap(value: Yaml): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value) ?? {})) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

/** A task called by name: `NAME` or `{task: NAME}`. */
function calledTask(entry: Yaml): string | undefined {
  if (typeof entry === 'string') return entry;
  const task = record(entry)?.task;
  return typeof task === 'string' ? task : undefined;
}

/** A Taskfile's tasks, or undefined when the text is not a Taskfile. */
export function extractTaskfile(text: string): TaskBook | undefined {
  let document: Yaml;
  try {
    document = parse(text);
  } catch {
    return undefined;
  }
  const root = record(document);
  const tasks = record(root?.tasks);
  if (!root || !tasks) return undefined;
  const fileVars = stringMap(root.vars);
  const fileEnv = stringMap(root.env);
  const unknown = new Map<string, string>();
  const book: TaskBook = { tasks: dict(), ...(tasks.default !== undefined ? { defaultTask: 'default' } : {}) };
  for (const [name, definition] of Object.entries(tasks)) {
    const task =
      typeof definition === 'string' || Array.isArray(definition) ? { cmds: typeof definition === 'string' ? [definition] : definition } : record(definition);
    if (!task) continue;
    const vars = { ...fileVars, ...stringMap(task.vars) };
    const env = { ...fileEnv, ...stringMap(task.env) };
    const template = (line: string): TaskScript => {
      const unknownEnv: string[] = [];
      const out = line.replace(/\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\{\{[^}]*\}\}/g, (whole, variable: string | undefined) => {
        if (variable !== undefined && vars[variable] !== undefined) return vars[variable];
        const key = variable ?? whole;
        const placeholder = unknown.get(key) ?? `TASK_UNKNOWN_${unknown.size}`;
        unknown.set(key, placeholder);
        unknownEnv.push(placeholder);
        return `\${${placeholder}}`;
      });
      return { text: out, env, unknownEnv };
    };
    const recipes: TaskScript[] = [];
    const after: string[] = [];
    const before = (Array.isArray(task.deps) ? task.deps : []).map(calledTask).filter((called): called is string => called !== undefined);
    for (const command of Array.isArray(task.cmds) ? task.cmds : typeof task.cmds === 'string' ? [task.cmds] : []) {
      const line = typeof command === 'string' ? command : record(command)?.cmd;
      if (typeof line === 'string') recipes.push(template(line));
      else {
        const called = calledTask(command);
        if (called !== undefined) after.push(called);
      }
    }
    book.tasks[name] = { before, after, parameters: [], recipes };
    // `aliases: [b]`: `task b` runs this task.
    for (const alias of Array.isArray(task.aliases) ? task.aliases : [])
      if (typeof alias === 'string') if (!own(book.tasks, alias)) book.tasks[alias] = book.tasks[name]!;
  }
  return book;
}
