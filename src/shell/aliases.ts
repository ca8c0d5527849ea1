// Aliases, expanded before judging (issue 4): `alias nuke='rm -rf /var/lib/postgresql'` makes
// `nuke` a data-directory removal, and only the shell knows it. The hook sends the definitions of
// the aliases a line names; this replaces each command word that is an alias, at every command
// position the parser finds (after `;`, `&&`, `|`, inside `$(…)`, in `if` bodies), the way the
// shell would. Pure.

import { parse } from 'unbash';

/** Parse `name=value` as the hook sends it. */
export function parseAliasDefinition(text: string): { name: string; value: string } | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  return { name: text.slice(0, eq), value: text.slice(eq + 1) };
}

export function expandAliases(source: string, aliases: ReadonlyMap<string, string>): string {
  if (aliases.size === 0) return source;
  let text = source;
  // An alias is not expanded inside its own expansion (`alias ls='ls -F'`): each name once.
  const used = new Set<string>();
  for (let round = 0; round < 10; round++) {
    const edits = commandWords(text).filter((word) => aliases.has(word.value) && !used.has(word.value));
    if (edits.length === 0) break;
    for (const word of edits) used.add(word.value);
    for (const word of edits.sort((a, b) => b.pos - a.pos)) text = text.slice(0, word.pos) + aliases.get(word.value)! + text.slice(word.end);
  }
  return text;
}

interface NameWord {
  value: string;
  pos: number;
  end: number;
}

/** Command-name words written plainly (no quotes, no expansion): the ones a shell alias-expands. */
export function commandWords(source: string): NameWord[] {
  const found: NameWord[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'Command') {
      const name = record.name as { text?: string; value?: string; pos?: number; end?: number } | undefined;
      if (
        name &&
        typeof name.text === 'string' &&
        name.text === name.value &&
        /^[^\s'"\\$`]+$/.test(name.text) &&
        source.slice(name.pos, name.end) === name.text
      ) {
        found.push({ value: name.text, pos: name.pos!, end: name.end! });
      }
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'errors') visit(value);
    // unbash computes a word's parts and a substitution's script lazily (prototype getters).
    for (const lazy of ['parts', 'script', 'value']) if (lazy in record && !Object.hasOwn(record, lazy)) visit(record[lazy]);
  };
  visit(parse(source));
  return found;
}
