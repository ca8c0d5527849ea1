// YAML (and JSON, a subset of YAML 1.2) with positions: parse with the `yaml` package keeping
// its CST tokens, then decode each scalar a second time ourselves so that every character of
// the value knows the file offset it came from. The decoded value is checked against the
// library's own value; when they differ (an exotic escape, an explicit indentation indicator)
// we fall back to a coarser line-by-line map rather than guessing.

import { Alias, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type CST } from 'yaml';
import type { LineIndex, MappedText } from '../positions.js';
import type { LintProblem } from '../types.js';
import { dict } from '../../util/dict.js';

type BlockScalar = CST.BlockScalar;
type FlowScalar = CST.FlowScalar;
type SourceToken = CST.SourceToken;

export interface ParsedYaml {
  doc: Document.Parsed | undefined;
  problems: LintProblem[];
  /** Valid input the parser cannot read (see NOT_READ): a notice, never a finding. */
  notices?: { line: number; message: string }[];
}

/** A Jinja statement or comment on a line of its own (`{% if x %}`, `{# … #}`): a template a
 *  renderer turns into YAML (Mailu's compose flavours), not YAML yet. */
const TEMPLATE_LINE = /^[ \t]*\{[%#]/m;
/** A flow collection that starts on its key's line and continues less indented than its
 *  block (`command: [` then `"pg_autoctl", …` at the key's column): YAML 1.2 forbids it, but the
 *  parsers of Docker Compose (go-yaml) and PyYAML accept it. */
const UNDER_INDENTED_FLOW = /^Flow (sequence|mapping) in block collection must be sufficiently indented/;

/** Parse one YAML/JSON document; a syntax error is a `lint/parse-error` problem, never a throw. */
export function parseYaml(text: string, index: LineIndex, what: string): ParsedYaml {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      keepSourceTokens: true,
      uniqueKeys: false,
      merge: true,
      prettyErrors: false,
      // GitLab's `!reference` and similar custom tags are kept as plain collections.
      logLevel: 'silent',
    });
  } catch (error) {
    return { doc: undefined, problems: [parseError(`${what} could not be parsed: ${(error as Error).message}`, 1, 1)] };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = index.position(err.pos[0]);
    const message = err.message.split('\n')[0] ?? err.message;
    const template = TEMPLATE_LINE.exec(text);
    if (template) {
      const line = index.position(template.index + template[0].length - 2).line;
      return { doc: undefined, problems: [], notices: [{ line, message: `not checked: template markup ({% … %}) a renderer fills in before this is YAML` }] };
    }
    if (doc.errors.some((error) => error.code === 'BAD_INDENT' && UNDER_INDENTED_FLOW.test(error.message)) && flowsClosed(text))
      return {
        doc: undefined,
        problems: [],
        notices: [{ line: pos.line, message: `not checked: ${message} (YAML 1.2; Docker Compose and PyYAML accept it)` }],
      };
    return { doc: undefined, problems: [parseError(`${what} does not parse: ${message}`, pos.line, pos.column)] };
  }
  return { doc, problems: [] };
}

/** Every `[` and `{` outside quotes and comments is closed: an under-indented flow collection
 *  that ends, not one cut off. */
function flowsClosed(text: string): boolean {
  const bare = text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(^|\s)#.*$/gm, '$1');
  const count = (char: string) => bare.split(char).length - 1;
  return count('[') === count(']') && count('{') === count('}');
}

export function parseError(message: string, line: number, column: number): LintProblem {
  return { rule: 'lint/parse-error', severity: 'warn', message, line, column };
}

// ── navigation ──────────────────────────────────────────────────────────────

/** Follow an alias to the node it names. */
export function deref(node: unknown, doc: Document.Parsed): Node | undefined {
  let current = node;
  for (let i = 0; i < 16 && isAlias(current); i++) current = (current as Alias).resolve(doc);
  return (current ?? undefined) as Node | undefined;
}

export function keyString(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) {
    // With `merge: true` the merge key's value is a Symbol.
    if (typeof key.value === 'symbol') return '<<';
    return key.value === null ? undefined : String(key.value);
  }
  return undefined;
}

/** A key's pair in a map, honouring YAML merge keys (`<<: *defaults`). */
export function getPair(map: unknown, key: string, doc: Document.Parsed, depth = 0): Pair<Node, Node> | undefined {
  const m = deref(map, doc);
  if (!isMap(m) || depth > 8) return undefined;
  for (const item of m.items) if (keyString(item as Pair) === key) return item as Pair<Node, Node>;
  for (const item of m.items) {
    if (keyString(item as Pair) !== '<<') continue;
    const value = deref(item.value, doc);
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const found = getPair(source, key, doc, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function getNode(map: unknown, key: string, doc: Document.Parsed): Node | undefined {
  const pair = getPair(map, key, doc);
  return pair ? deref(pair.value, doc) : undefined;
}

/** All pairs of a map in order, merged-in pairs first and overridden by later keys. */
export function pairsOf(map: unknown, doc: Document.Parsed, depth = 0): Pair<Node, Node>[] {
  const m = deref(map, doc);
  if (!isMap(m) || depth > 8) return [];
  const out = new Map<string, Pair<Node, Node>>();
  for (const item of (m as YAMLMap).items) {
    const name = keyString(item as Pair);
    if (name === undefined) continue;
    if (name === '<<') {
      const value = deref(item.value, doc);
      const sources = isSeq(value) ? value.items : [value];
      for (const source of sources)
        for (const p of pairsOf(source, doc, depth + 1)) {
          const k = keyString(p)!;
          if (!out.has(k)) out.set(k, p);
        }
      continue;
    }
    out.delete(name);
    out.set(name, item as Pair<Node, Node>);
  }
  return [...out.values()];
}

/** Start offset of a node in the file. */
export function nodeStart(node: unknown): number {
  if (isPair(node)) return nodeStart(node.key);
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : 0;
}

export function scalarString(node: unknown, doc: Document.Parsed): string | undefined {
  const n = deref(node, doc);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  if (typeof n.value === 'object') return undefined;
  return typeof n.value === 'string' ? n.value : ((n as Scalar).source ?? String(n.value));
}

// ── scalar decoding with offsets ───────────────────────────────────────────

/** The value of a scalar with a file offset for every character (undefined if not a scalar). */
export function mappedScalar(node: unknown, doc: Document.Parsed, source: string, index: LineIndex): MappedText | undefined {
  const n = deref(node, doc);
  if (!isScalar(n)) return undefined;
  const scalar = n as Scalar;
  if (scalar.value === null || scalar.value === undefined || typeof scalar.value === 'object') return undefined;
  const expected = typeof scalar.value === 'string' ? scalar.value : undefined;
  const token = scalar.srcToken;
  let decoded: MappedText | undefined;
  if (token && token.type === 'block-scalar') decoded = decodeBlock(token);
  else if (token && (token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar')) {
    decoded = decodeFlow(token);
  }
  if (decoded && (expected === undefined || decoded.text === expected)) return decoded;
  const value = expected ?? scalar.source ?? String(scalar.value);
  return coarseMap(value, scalar, source, index);
}

/** Fallback: keep the value, map line k of the value to line k of the scalar's body. */
function coarseMap(value: string, scalar: Scalar, source: string, index: LineIndex): MappedText {
  const start = scalar.range ? scalar.range[0] : 0;
  const token = scalar.srcToken;
  let bodyStart = start;
  if (token && token.type === 'block-scalar') bodyStart = blockBodyStart(token);
  const first = index.position(bodyStart);
  const offsets: number[] = [];
  let line = first.line;
  let column = token && token.type === 'block-scalar' ? leadingSpaces(index.lineText(line)) : first.column - 1;
  for (let i = 0; i < value.length; i++) {
    const lineStart = index.offsetOfLine(line);
    offsets.push(Math.min(lineStart + column, source.length));
    if (value[i] === '\n') {
      line++;
      column = token && token.type === 'block-scalar' ? leadingSpaces(index.lineText(line)) : leadingSpaces(index.lineText(line));
    } else column++;
  }
  offsets.push(offsets.length > 0 ? (offsets[offsets.length - 1] as number) + 1 : start);
  return { text: value, offsets };
}

function leadingSpaces(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

function blockBodyStart(token: BlockScalar): number {
  const last = token.props[token.props.length - 1] as SourceToken | undefined;
  return last ? last.offset + last.source.length : token.offset;
}

interface Line {
  text: string;
  start: number;
  /** Offset of the line break after the line, or -1 at end of input. */
  breakAt: number;
}

function splitLines(text: string, start: number): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) {
      if (pos < text.length) lines.push({ text: stripCr(text.slice(pos)), start: start + pos, breakAt: -1 });
      break;
    }
    // A CRLF line break starts at its `\r`: a span that ends at the break ends on this line.
    const crlf = nl > pos && text[nl - 1] === '\r';
    lines.push({ text: stripCr(text.slice(pos, nl)), start: start + pos, breakAt: start + nl - (crlf ? 1 : 0) });
    pos = nl + 1;
  }
  return lines;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** YAML 1.2 §8.1: literal `|` and folded `>` block scalars with chomping and indentation. */
function decodeBlock(token: BlockScalar): MappedText | undefined {
  const header = token.props.find((p) => p.type === 'block-scalar-header') as SourceToken | undefined;
  if (!header) return undefined;
  const folded = header.source.startsWith('>');
  const chomp = header.source.includes('-') ? 'strip' : header.source.includes('+') ? 'keep' : 'clip';
  const explicit = /\d/.exec(header.source);
  const bodyStart = blockBodyStart(token);
  const lines = splitLines(token.source, bodyStart);
  let indent: number;
  if (explicit) indent = token.indent + Number(explicit[0]);
  else {
    const firstContent = lines.find((l) => l.text.trim() !== '');
    if (!firstContent) indent = 0;
    else indent = leadingSpaces(firstContent.text);
  }
  const contents = lines.map((l) => ({
    text: l.text.length > indent ? l.text.slice(indent) : '',
    start: l.start + Math.min(indent, l.text.length),
    breakAt: l.breakAt,
    lineEnd: l.start + l.text.length,
  }));
  let last = -1;
  for (let i = contents.length - 1; i >= 0; i--)
    if (contents[i]!.text !== '') {
      last = i;
      break;
    }
  const text: string[] = [];
  const offsets: number[] = [];
  const push = (s: string, at: number | ((k: number) => number)) => {
    for (let k = 0; k < s.length; k++) {
      text.push(s[k]!);
      offsets.push(typeof at === 'number' ? at : at(k));
    }
  };
  const breakOf = (c: (typeof contents)[number]) => (c.breakAt >= 0 ? c.breakAt : c.lineEnd);
  let prevKind: 'none' | 'normal' | 'more' = 'none';
  let empties: (typeof contents)[number][] = [];
  let prev: (typeof contents)[number] | undefined;
  for (let i = 0; i <= last; i++) {
    const c = contents[i]!;
    if (c.text === '') {
      empties.push(c);
      continue;
    }
    const kind = c.text[0] === ' ' || c.text[0] === '\t' ? 'more' : 'normal';
    if (!folded || prevKind === 'none') {
      if (prev) push('\n', breakOf(prev));
      for (const e of empties) push('\n', breakOf(e));
    } else if (prevKind === 'normal' && kind === 'normal') {
      if (empties.length === 0) push(' ', breakOf(prev!));
      // The first break folds away: each kept one maps to the break that ends the line before.
      else empties.forEach((_, k) => push('\n', breakOf(k === 0 ? prev! : empties[k - 1]!)));
    } else {
      push('\n', breakOf(prev!));
      for (const e of empties) push('\n', breakOf(e));
    }
    empties = [];
    push(c.text, (k) => c.start + k);
    prev = c;
    prevKind = kind;
  }
  if (chomp !== 'strip') {
    if (prev && prev.breakAt >= 0) push('\n', prev.breakAt);
    if (chomp === 'keep') {
      for (let i = last + 1; i < contents.length; i++) {
        const c = contents[i]!;
        if (c.breakAt >= 0) push('\n', c.breakAt);
      }
    }
  }
  const end = prev ? breakOf(prev) : bodyStart;
  offsets.push(end);
  return { text: text.join(''), offsets };
}

interface Piece {
  ch: string;
  at: number;
  /** Written literally (whitespace and line breaks in it take part in line folding). */
  raw: boolean;
  /** An escaped line break in a double-quoted scalar: joins lines without a space. */
  join?: boolean;
}

const DOUBLE_ESCAPES: Record<string, string> = dict({
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
});

/** Plain, single- and double-quoted scalars: escapes and line folding (YAML 1.2 §7.3). */
function decodeFlow(token: FlowScalar): MappedText | undefined {
  const src = token.source;
  let body = src;
  let start = token.offset;
  if (token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar') {
    if (src.length < 2) return undefined;
    body = src.slice(1, -1);
    start = token.offset + 1;
  }
  const pieces: Piece[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    const at = start + i;
    if (ch === '\r' && body[i + 1] === '\n') {
      // A CRLF break is one line break, and it starts at the `\r`.
      pieces.push({ ch: '\n', at, raw: true });
      i++;
      continue;
    }
    if (token.type === 'single-quoted-scalar' && ch === "'" && body[i + 1] === "'") {
      pieces.push({ ch: "'", at, raw: false });
      i++;
      continue;
    }
    if (token.type === 'double-quoted-scalar' && ch === '\\') {
      const next = body[i + 1];
      if (next === undefined) return undefined;
      if (next === '\n' || (next === '\r' && body[i + 2] === '\n')) {
        pieces.push({ ch: '', at, raw: false, join: true });
        i += next === '\r' ? 2 : 1;
        continue;
      }
      const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hexLen > 0) {
        const hex = body.slice(i + 2, i + 2 + hexLen);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen) return undefined;
        const decoded = String.fromCodePoint(parseInt(hex, 16));
        for (const c of decoded) for (let k = 0; k < c.length; k++) pieces.push({ ch: c[k]!, at, raw: false });
        i += 1 + hexLen;
        continue;
      }
      const mapped = DOUBLE_ESCAPES[next];
      if (mapped === undefined) return undefined;
      pieces.push({ ch: mapped, at, raw: false });
      i++;
      continue;
    }
    pieces.push({ ch, at, raw: true });
  }
  return fold(pieces, start + body.length);
}

function isRawBlank(p: Piece | undefined): boolean {
  return !!p && p.raw && (p.ch === ' ' || p.ch === '\t');
}

function fold(pieces: Piece[], end: number): MappedText {
  const out: Piece[] = [];
  let i = 0;
  // Leading white space of a quoted scalar's first line is content; only line-edge blanks fold.
  while (i < pieces.length) {
    const p = pieces[i]!;
    if (p.join) {
      i++;
      while (isRawBlank(pieces[i])) i++;
      continue;
    }
    if (p.raw && p.ch === '\n') {
      while (out.length > 0 && isRawBlank(out[out.length - 1])) out.pop();
      const breakAt = p.at;
      let breaks = 0;
      i++;
      for (;;) {
        while (isRawBlank(pieces[i])) i++;
        const q = pieces[i];
        if (q && q.raw && q.ch === '\n') {
          breaks++;
          i++;
          continue;
        }
        break;
      }
      if (breaks === 0) out.push({ ch: ' ', at: breakAt, raw: false });
      else for (let k = 0; k < breaks; k++) out.push({ ch: '\n', at: breakAt, raw: false });
      continue;
    }
    out.push(p);
    i++;
  }
  return { text: out.map((p) => p.ch).join(''), offsets: [...out.map((p) => p.at), end] };
}

export type { Document, Node, Pair };
export { isMap, isScalar, isSeq };
