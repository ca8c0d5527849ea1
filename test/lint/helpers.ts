import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShellSnippet } from '../../src/lint/types.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lint');

export function fixture(repo: string, file: string): string {
  return readFileSync(path.join(FIXTURES, repo, file), 'utf8');
}

/** File position of the first occurrence of `needle` in a snippet. */
export function at(snippet: ShellSnippet, needle: string, nth = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = snippet.text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`${JSON.stringify(needle)} not in ${JSON.stringify(snippet.text)}`);
  }
  return snippet.locate(offset);
}

/** The file text at a position, for asserting that a mapped position lands on the right word. */
export function textAt(file: string, pos: { line: number; column: number }, length: number): string {
  const line = file.split('\n')[pos.line - 1] ?? '';
  return line.slice(pos.column - 1, pos.column - 1 + length);
}

export function byOrigin(snippets: readonly ShellSnippet[], origin: string): ShellSnippet {
  const s = snippets.find((x) => x.origin === origin);
  if (!s) throw new Error(`no snippet ${origin}; have ${snippets.map((x) => x.origin).join(', ')}`);
  return s;
}
