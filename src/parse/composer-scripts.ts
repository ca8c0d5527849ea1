// composer.json's scripts as shell text (https://getcomposer.org/doc/articles/scripts.md): a
// script is one command or a list run in order. `@php …` runs PHP, `@composer …` Composer itself,
// `@putenv NAME=VALUE` sets a variable for the rest, `@other` runs another script of the file;
// a PHP callback (`Vendor\Class::method`) runs code nobody sees here and is left out.
import type { TaskScript } from '../types.js';
import { dict } from '../util/dict.js';

/** A script referencing others nests at most this deep (Composer itself refuses a cycle). */
const MAX_DEPTH = 8;

/** The scripts of a composer.json text, by name; empty when it is not JSON or has none. */
export function composerScripts(text: string): Record<string, TaskScript> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return dict();
  }
  const raw = isRecord(parsed) && isRecord(parsed.scripts) ? parsed.scripts : undefined;
  const scripts = dict<TaskScript>();
  if (!raw) return scripts;
  const commandsOf = (name: string, depth: number): string[] => {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    const entries = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
    return entries.flatMap((entry) => shellLines(entry.trim(), depth, commandsOf));
  };
  for (const name of Object.keys(raw)) {
    const lines = commandsOf(name, 0);
    if (lines.length > 0) scripts[name] = { text: lines.join('\n'), env: {}, unknownEnv: [] };
  }
  return scripts;
}

function shellLines(entry: string, depth: number, commandsOf: (name: string, depth: number) => string[]): string[] {
  if (entry.startsWith('@php ')) return [`php ${entry.slice('@php '.length)}`];
  if (entry.startsWith('@composer ')) return [`composer ${entry.slice('@composer '.length)}`];
  if (entry.startsWith('@putenv ')) return [`export ${entry.slice('@putenv '.length)}`];
  if (entry.startsWith('@')) {
    const [name] = entry.slice(1).split(/\s+/);
    return name && depth < MAX_DEPTH ? commandsOf(name, depth + 1) : [];
  }
  // `Vendor\Package\Class::method`: a PHP callback, not a shell command.
  if (/^[A-Za-z_\\][\w\\]*::\w+$/.test(entry)) return [];
  return entry === '' ? [] : [entry];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
