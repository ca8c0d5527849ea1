// The Groovy parser for Jenkinsfiles: tree-sitter's Groovy grammar (the one editors use) run by
// web-tree-sitter. Both are WebAssembly and load asynchronously, so `lint` loads them once, and
// only when it found a Jenkinsfile; the extractor then parses synchronously.

import { createRequire } from 'node:module';
import type { Parser, Tree } from 'web-tree-sitter';

let parser: Parser | undefined;

export async function loadGroovyParser(): Promise<void> {
  if (parser) return;
  const { Parser: ParserClass, Language } = await import('web-tree-sitter');
  await ParserClass.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-groovy/tree-sitter-groovy.wasm');
  const groovy = await Language.load(wasm);
  const instance = new ParserClass();
  instance.setLanguage(groovy);
  parser = instance;
}

export function groovyParserLoaded(): boolean {
  return parser !== undefined;
}

/** Parse Groovy source; `loadGroovyParser` must have run. */
export function parseGroovy(text: string): Tree {
  if (!parser) throw new Error('the Groovy parser is not loaded');
  const tree = parser.parse(withGrammarGapsBridged(text));
  if (!tree) throw new Error('the Groovy parser returned no tree');
  return tree;
}

/**
 * Groovy the grammar does not know yet, rewritten in code (never inside strings or comments) to
 * text of the same length, so every offset stays right and what `sh` steps say is unchanged:
 * - an empty string `''` (the grammar reads single quotes as Java's character literal; an empty
 *   one turns the rest of the file into one ERROR node) becomes `""`;
 * - the safe-navigation and spread operators `a?.b`, `list*.name` become ` .` (`a .b`), and a
 *   method pointer `this.&name` becomes `this. name`: the grammar only has Java's `.`;
 * - the empty map `[:]` becomes `[ ]`, and the Elvis operator `a ?: b` becomes `a || b`.
 */
export function withGrammarGapsBridged(text: string): string {
  if (!/''|\?\.|\?:|\*\.|\.&|\[:\]/.test(text)) return text;
  const out = text.split('');
  let i = 0;
  const skipTo = (end: string, from: number, escapes: boolean): number => {
    for (let j = from; j < text.length; j++) {
      if (escapes && text[j] === '\\') {
        j++;
        continue;
      }
      if (text.startsWith(end, j)) return j + end.length;
    }
    return text.length;
  };
  while (i < text.length) {
    if (text.startsWith('//', i)) i = skipTo('\n', i + 2, false);
    else if (text.startsWith('/*', i)) i = skipTo('*/', i + 2, false);
    else if (text.startsWith("'''", i)) i = skipTo("'''", i + 3, true);
    else if (text.startsWith('"""', i)) i = skipTo('"""', i + 3, true);
    else if (text.startsWith("''", i)) {
      out[i] = '"';
      out[i + 1] = '"';
      i += 2;
    } else if (text.startsWith('?.', i) || text.startsWith('*.', i)) {
      out[i] = ' ';
      i += 2;
    } else if (text.startsWith('.&', i)) {
      out[i + 1] = ' ';
      i += 2;
    } else if (text.startsWith('?:', i)) {
      out[i] = '|';
      out[i + 1] = '|';
      i += 2;
    } else if (text.startsWith('[:]', i)) {
      out[i + 1] = ' ';
      i += 3;
    } else if (text[i] === "'") i = skipTo("'", i + 1, true);
    else if (text[i] === '"') i = skipTo('"', i + 1, true);
    else i++;
  }
  return out.join('');
}
