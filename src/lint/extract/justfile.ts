// justfiles (https://just.systems/man/en/): each recipe's body lines are shell lines, run one by
// one (a recipe whose body starts with `#!`, or marked `[script]`, is one script). A recipe's
// header names its parameters and the recipes it runs first (`reset: stop (seed "x")`) and,
// after `&&`, the ones it runs after. `{{expr}}` interpolations are replaced: a parameter or a
// variable set to a string literal by its value, anything else by a variable whose value is not
// known (the walk treats it as unknown, as make's `$(shell …)`). No maintained JavaScript parser
// of the just grammar exists; this reads only what decides what runs.

import type { TaskBook, TaskScript } from '../../types.js';
import { dict, own } from '../../util/dict.js';

/** A parameter's value inside a recipe line: the walk gives it from the command line. */
export function justParameterVariable(name: string): string {
  return `JUST_ARG_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

const RECIPE_HEADER = /^@?([A-Za-z_][A-Za-z0-9_-]*)((?:\s+[^:]*)?)\s*:(?!=)(.*)$/;
const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:=\s*(.*)$/;
const ALIAS = /^alias\s+([A-Za-z_][A-Za-z0-9_-]*)\s*:=\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

/** `"text"` or `'text'`: a literal string's value. */
function literal(expression: string): string | undefined {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*$/.exec(expression);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** `(name "arg")` and `name` dependencies, in order. */
function dependencies(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\(\s*([A-Za-z_][A-Za-z0-9_-]*)[^)]*\)|([A-Za-z_][A-Za-z0-9_-]*)/g)) names.push((match[1] ?? match[2])!);
  return names;
}

function parameters(text: string): TaskBook['tasks'][string]['parameters'] {
  const found: TaskBook['tasks'][string]['parameters'] = [];
  for (const match of text.matchAll(/([+*]?)\$?([A-Za-z_][A-Za-z0-9_-]*)(?:\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']+))?/g)) {
    const value = match[3] === undefined ? undefined : (literal(match[3]) ?? match[3]);
    found.push({ name: match[2]!, variadic: match[1] !== '', ...(value !== undefined ? { default: value } : {}) });
  }
  return found;
}

export function extractJustfile(text: string): TaskBook {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const variables = new Map<string, string>();
  const aliases = new Map<string, string>();
  const book: TaskBook = { tasks: dict() };
  const unknown = new Map<string, string>();
  let attributesScript = false;

  const interpolate = (line: string, parameterNames: ReadonlySet<string>): { text: string; unknownEnv: string[] } => {
    const unknownEnv: string[] = [];
    const out = line
      .replaceAll('{{{{', '\u0000')
      .replace(/\{\{(.*?)\}\}/g, (_whole, expression: string) => {
        const name = expression.trim();
        if (parameterNames.has(name)) return `\${${justParameterVariable(name)}}`;
        const value = variables.get(name);
        if (value !== undefined) return value;
        const placeholder = unknown.get(name) ?? `JUST_UNKNOWN_${unknown.size}`;
        unknown.set(name, placeholder);
        unknownEnv.push(placeholder);
        return `\${${placeholder}}`;
      })
      .replaceAll('\u0000', '{{');
    return { text: out, unknownEnv };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s/.test(line) || line.trim() === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (/^\[\s*script\b/.test(line)) attributesScript = true;
      continue;
    }
    const alias = ALIAS.exec(line);
    if (alias) {
      aliases.set(alias[1]!, alias[2]!);
      continue;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      const value = literal(assignment[2]!);
      if (value !== undefined) variables.set(assignment[1]!, value);
      continue;
    }
    if (/^(set|import|mod|export)\b/.test(line)) continue;
    const header = RECIPE_HEADER.exec(line);
    if (!header) continue;
    const [, name, parameterText, dependencyText] = header as unknown as [string, string, string, string];
    const [beforeText, afterText = ''] = dependencyText.replace(/#.*$/, '').split('&&');
    const params = parameters(parameterText);
    const parameterNames = new Set(params.map((p) => p.name));
    // The body: the indented lines after the header (blank lines inside it included).
    const body: string[] = [];
    for (; i + 1 < lines.length && (/^\s/.test(lines[i + 1]!) || lines[i + 1]!.trim() === ''); i++) body.push(lines[i + 1]!);
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const indent = /^\s*/.exec(body[0] ?? '')![0];
    const stripped = body.map((bodyLine) => (bodyLine.startsWith(indent) ? bodyLine.slice(indent.length) : bodyLine.trimStart()));
    const recipes: TaskScript[] = [];
    const scriptBody = attributesScript || stripped[0]?.startsWith('#!');
    attributesScript = false;
    if (scriptBody) {
      // One script: a shell one is judged whole; another interpreter's is not shell.
      const first = stripped[0] ?? '';
      const shellScript = !first.startsWith('#!') || /^#!\S*\b(ba|z|da|k)?sh\b|^#!\/usr\/bin\/env\s+(-S\s+)?(ba|z|da|k)?sh\b/.test(first);
      if (shellScript) {
        const { text: script, unknownEnv } = interpolate(stripped.join('\n'), parameterNames);
        recipes.push({ text: script, env: {}, unknownEnv });
      }
    } else {
      for (let j = 0; j < stripped.length; j++) {
        let recipeLine = stripped[j]!;
        // A line ending in `\` goes on: the shell gets both.
        while (recipeLine.endsWith('\\') && j + 1 < stripped.length) recipeLine = `${recipeLine.slice(0, -1)} ${stripped[++j]!.trim()}`;
        // `@` (quiet) and `-` (errors ignored) are just's, not the shell's.
        recipeLine = recipeLine.replace(/^[@-]+/, '');
        if (recipeLine.trim() === '' || recipeLine.trimStart().startsWith('#')) continue;
        const { text: shellLine, unknownEnv } = interpolate(recipeLine, parameterNames);
        recipes.push({ text: shellLine, env: {}, unknownEnv });
      }
    }
    book.tasks[name] = { before: dependencies(beforeText ?? ''), after: dependencies(afterText), parameters: params, recipes };
    // just runs the first recipe when given none (`default` by convention is first).
    book.defaultTask ??= name;
  }
  for (const [alias, target] of aliases) if (own(book.tasks, target) && !own(book.tasks, alias)) book.tasks[alias] = book.tasks[target]!;
  return book;
}
