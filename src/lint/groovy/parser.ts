// The Groovy parser for Jenkinsfiles: tree-sitter's Groovy grammar (the one editors use) run by
// web-tree-sitter. Both are WebAssembly and load asynchronously, so `lint` loads them once, and
// only when it found a Jenkinsfile; the extractor then parses synchronously.

import type { Parser, Tree } from 'web-tree-sitter';
import { loadTreeSitterGrammar } from '../tree-sitter-grammar.js';

let parser: Parser | undefined;

export async function loadGroovyParser(): Promise<void> {
  parser ??= await loadTreeSitterGrammar('tree-sitter-groovy/tree-sitter-groovy.wasm');
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
 * - the empty map `[:]` becomes `[ ]`, and the Elvis operator `a ?: b` becomes `a || b`;
 * - `try { … } catch (e) { … } finally { … }`: the grammar reads a try block as Java's, where a
 *   step such as `sh 'x'` is an error (jenkinsci/docker's Jenkinsfile lost its test steps). The
 *   keywords and the catch parameter become `;` and spaces, leaving the bodies as closures whose
 *   steps are read like any other;
 * - `return` and `throw` (the grammar refuses them inside a closure: `when { expression { return
 *   params.X } }`) become spaces, and so does `def` in `for (def x in xs)`;
 * - a step's result kept in a variable (`def out = readJSON text: x`, `final String c =
 *   libraryResource 'f'`, `last = readProperties file: 'p'`): the grammar has no call without
 *   parentheses as a value, so the declaration part becomes spaces and the step stays a step;
 * - the parameters of a method (`def notifySlack(text, channel) {`, `def call(body = [:]) {`: the
 *   grammar wants Java's typed ones) become spaces: what a step runs never depends on them;
 * - `switch (x) { case 'a': … break; default: … }`: the grammar reads a switch as Java's, where a
 *   step is an error. `switch (x)`, each `case …:` label, `default:` and `break` become spaces,
 *   leaving the body a closure whose steps are all read (any case may run);
 * - `def (a, b) = expr` (multiple assignment): `def (a, b) =` becomes spaces, `expr` stays;
 * - a slashy regex after `=~`, `==~` or `~` (`env.SHA1 ==~ /^[a-f0-9]{7,40}$/`, `case ~/.*\.html/:`)
 *   becomes a double-quoted string of the same length;
 * - a closure's parameters (`targets.each { name, dir ->`, `{ String n, int i ->`): the grammar
 *   reads `x -> …` as a Java lambda, whose body cannot be a step (`sh "make"`), and has no
 *   closure with several parameters. The parameters and the arrow become spaces, leaving a
 *   closure whose steps are read like any other (a step's text names them only inside strings).
 */
export function withGrammarGapsBridged(text: string): string {
  if (!/''|\?\.|\?:|\*\.|\.&|\[:\]|\btry\b|\breturn\b|\bthrow\b|\bdef\b|\bswitch\b|~\s*\/|->/.test(text)) return text;
  const out = text.split('');
  /** Characters `from`..`to` become spaces, the first one `first`. */
  const blank = (from: number, to: number, first: string): void => {
    if (from >= to) return;
    for (let j = from; j < to; j++) out[j] = text[j] === '\n' ? '\n' : ' ';
    out[from] = first;
  };
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
    } else if (/[A-Za-z_]/.test(text[i]!) && !/[\w$.]/.test(text[i - 1] ?? ' ')) {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 16))![0];
      const end = i + word.length;
      const rest = text.slice(end, end + 200);
      const juxtValue = atLineStart(text, i) ? JUXT_VALUE.exec(text.slice(i, i + 200)) : null;
      if (juxtValue) {
        blank(i, i + juxtValue[0].length, ' ');
        i += juxtValue[0].length;
        continue;
      }
      // Where a rewritten part ends, when it runs past the word (a blanked label is not read again).
      let skip = end;
      if ((word === 'try' || word === 'finally') && /^\s*\{/.test(rest)) blank(i, end, ';');
      else if (word === 'switch' && /^\s*\(/.test(rest)) {
        const close = matchingParen(text, end + rest.indexOf('('));
        if (close !== -1) blank(i, (skip = close + 1), ' ');
      } else if (word === 'case') {
        const colon = labelEnd(text, end);
        if (colon !== -1) blank(i, (skip = colon + 1), ' ');
      } else if (word === 'default' && /^\s*:(?!:)/.test(rest)) blank(i, (skip = end + rest.indexOf(':') + 1), ' ');
      else if (word === 'break' && !/^[ \t]*\w/.test(rest)) blank(i, end, ' ');
      else if (word === 'def' && /^\s*\(/.test(rest)) {
        // `def (a, b) = expr`: the names go, the value stays an expression (a step call stays a step).
        const close = matchingParen(text, end + rest.indexOf('('));
        const assign = close !== -1 ? /^\s*=(?!=)/.exec(text.slice(close + 1, close + 40)) : null;
        if (assign) blank(i, (skip = close + 1 + assign[0].length), ' ');
      } else if (word === 'catch' && /^\s*\([^()]*\)/.test(rest)) blank(i, end + /^\s*\([^()]*\)/.exec(rest)![0].length, ';');
      else if ((word === 'return' || word === 'throw') && !/^\w/.test(rest)) blank(i, end, ' ');
      else if (word === 'for' && /^\s*\(\s*def\s/.test(rest)) {
        const at = end + rest.indexOf('def');
        blank(at, at + 3, ' ');
      } else if (word === 'def') {
        const params = methodParameters(text, end);
        if (params) blank(params.open + 1, params.close, ' ');
      }
      i = skip;
    } else if (text[i] === '~' && /^~\s*\//.test(text.slice(i, i + 40))) {
      // The regex runs to the next unescaped `/` on the same line.
      const open = text.indexOf('/', i);
      let close = -1;
      for (let j = open + 1; j < text.length && text[j] !== '\n'; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '/') {
          close = j;
          break;
        }
      }
      if (close === -1) {
        i = open + 1;
        continue;
      }
      out[open] = '"';
      out[close] = '"';
      for (let j = open + 1; j < close; j++) if (text[j] === '"' || text[j] === '$') out[j] = ' ';
      i = close + 1;
    } else if (text[i] === '{' && CLOSURE_PARAMETERS.test(text.slice(i + 1, i + 200))) {
      const params = CLOSURE_PARAMETERS.exec(text.slice(i + 1, i + 200))![0];
      blank(i + 1, i + 1 + params.length, ' ');
      i += 1 + params.length;
    } else if (text[i] === "'") i = skipTo("'", i + 1, true);
    else if (text[i] === '"') i = skipTo('"', i + 1, true);
    else i++;
  }
  return out.join('');
}

/** A closure's parameter list and arrow, after its `{`: `name, dir ->`, `String n, int i ->`. */
const PARAMETER = String.raw`(?:[A-Za-z_][\w.]*(?:<[^>\n]*>)?(?:\[\])?\s+)?[A-Za-z_]\w*`;
const CLOSURE_PARAMETERS = new RegExp(String.raw`^\s*${PARAMETER}(?:\s*,\s*${PARAMETER})*\s*->`);

/** `def name(…) {` after the `def` at `from`: where its parameter list opens and closes. */
function methodParameters(text: string, from: number): { open: number; close: number } | undefined {
  const head = /^\s+[A-Za-z_]\w*\s*\(/.exec(text.slice(from, from + 200));
  if (!head) return undefined;
  const open = from + head[0].length - 1;
  let depth = 0;
  for (let j = open; j < text.length && j < open + 2000; j++) {
    if (text[j] === '(' || text[j] === '[') depth++;
    else if ((text[j] === ')' || text[j] === ']') && --depth === 0) {
      if (text[j] !== ')' || !/^\s*\{/.test(text.slice(j + 1, j + 50))) return undefined;
      // Typed parameters (`String action, Map c = [:]`) the grammar reads; one untyped is enough to lose the body.
      const untyped = splitTopLevel(text.slice(open + 1, j)).some((param) => /^\s*[A-Za-z_]\w*\s*(=[\s\S]*)?$/.test(param));
      return untyped ? { open, close: j } : undefined;
    }
  }
  return undefined;
}

/** `a, b = [1, 2], c`: the parts separated by commas outside brackets. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < list.length; j++) {
    if ('([{'.includes(list[j]!)) depth++;
    else if (')]}'.includes(list[j]!)) depth--;
    else if (list[j] === ',' && depth === 0) {
      parts.push(list.slice(start, j));
      start = j + 1;
    }
  }
  if (list.trim() !== '') parts.push(list.slice(start));
  return parts;
}

/** The `)` matching the `(` at `open`, quotes skipped; -1 when there is none. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const ch = text[j];
    if (ch === "'" || ch === '"') {
      for (j++; j < text.length && text[j] !== ch; j++) if (text[j] === '\\') j++;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j;
  }
  return -1;
}

/** The `:` ending a `case X:` label that starts at `from` (same line, outside quotes and brackets). */
function labelEnd(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length && text[j] !== '\n'; j++) {
    const ch = text[j];
    if (ch === "'" || ch === '"') {
      for (j++; j < text.length && text[j] !== ch && text[j] !== '\n'; j++) if (text[j] === '\\') j++;
    } else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ':' && depth === 0 && text[j + 1] !== ':') return j;
  }
  return -1;
}

/** `def x = `, `final String x = `, `x = ` before a call without parentheses (`step 'a'`, `step key: v`). */
const JUXT_VALUE =
  /^(?:(?:def|final)\s+(?:[A-Z]\w*(?:<[^>\n]*>)?\s+)?|[A-Z]\w*(?:<[^>\n]*>)?\s+)?[A-Za-z_]\w*[ \t]*=[ \t]*(?=(?!new\b)[A-Za-z_]\w*[ \t]+(?:['"]|[A-Za-z_]\w*[ \t]*:(?!:)))/;

function atLineStart(text: string, at: number): boolean {
  for (let j = at - 1; j >= 0; j--) {
    if (text[j] === '\n') return true;
    if (text[j] !== ' ' && text[j] !== '\t') return false;
  }
  return true;
}
