// PostgreSQL lexer (psql's view of the text): enough to split statements, find psql meta-commands
// and walk PL/pgSQL bodies. Statement meaning always comes from the real parser.
import type { Span } from './statement.js';

type PgTokenType = 'space' | 'comment' | 'string' | 'dollar' | 'qident' | 'word' | 'number' | 'param' | 'op' | 'semi' | 'open' | 'close' | 'meta';

export interface PgToken {
  type: PgTokenType;
  pos: number;
  end: number;
  /** Strings: E (backslash escapes), U&, B, X, N, or '' for a standard string. Dollar: the tag. */
  prefix?: string;
  unterminated?: boolean;
}

const OP_CHARS = '+-*/<>=~!@#%^&|`?';
// Character classes by code unit: the lexer runs over every character of a migration file twice
// (the whole text, then each statement's span), and a regular expression per character was a tenth
// of a 200-statement check. Same classes as /[A-Za-z_\u0080-\uffff]/, /[A-Za-z0-9_$\u0080-\uffff]/, /\s/.
const isLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 0x80;
const isIdentStart = (c: string | undefined): boolean => c !== undefined && c !== '' && isLetter(c.charCodeAt(0));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSpaceAt = (s: string, j: number): boolean => {
  const code = s.charCodeAt(j);
  return code === 32 || (code >= 9 && code <= 13) || (code >= 0x80 && /\s/.test(s[j] as string));
};

/** Scan a quoted literal starting at `open` (the quote); returns the index after the closing quote. */
function scanQuoted(s: string, open: number, quote: string, backslash: boolean): { end: number; unterminated: boolean } {
  let i = open + 1;
  while (i < s.length) {
    const c = s[i];
    if (backslash && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (s[i + 1] === quote) {
        i += 2;
        continue;
      }
      return { end: i + 1, unterminated: false };
    }
    i++;
  }
  return { end: s.length, unterminated: true };
}

/** Where each token starts and ends, handed to `emit` in order; `extra` only for the tokens that
 *  carry a prefix or an unterminated mark. One scanner for lexPg (which keeps the tokens) and
 *  trimSpan (which needs only the first and last significant one, per statement of a file). */
type EmitToken = (type: PgTokenType, pos: number, end: number, extra?: Partial<PgToken>) => void;

function scanPg(s: string, meta: boolean, emit: EmitToken): void {
  const n = s.length;
  let i = 0;
  const push = (type: PgTokenType, pos: number, end: number, extra?: Partial<PgToken>): void => {
    emit(type, pos, end, extra);
    i = end;
  };
  while (i < n) {
    const c = s[i] as string;
    const next = s[i + 1];
    if (isSpaceAt(s, i)) {
      let j = i + 1;
      while (j < n && isSpaceAt(s, j)) j++;
      push('space', i, j);
    } else if (c === '-' && next === '-') {
      const nl = s.indexOf('\n', i);
      push('comment', i, nl < 0 ? n : nl);
    } else if (c === '/' && next === '*') {
      const comment = blockCommentEnd(s, i);
      push('comment', i, comment.end, comment.unterminated ? { unterminated: true } : undefined);
    } else if (c === "'") {
      const q = scanQuoted(s, i, "'", false);
      push('string', i, q.end, { prefix: '', unterminated: q.unterminated });
    } else if (c === '"') {
      const q = scanQuoted(s, i, '"', false);
      push('qident', i, q.end, { unterminated: q.unterminated });
    } else if (c === '$') {
      if (isDigit(next)) {
        let j = i + 1;
        while (isDigit(s[j])) j++;
        push('param', i, j);
        continue;
      }
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(s.slice(i, i + 200));
      if (m) {
        const tag = m[0];
        const close = s.indexOf(tag, i + tag.length);
        if (close < 0) push('dollar', i, n, { prefix: tag, unterminated: true });
        else push('dollar', i, close + tag.length, { prefix: tag });
      } else push('op', i, i + 1);
    } else if (isIdentStart(c)) {
      const lower = c.toLowerCase();
      if (next === "'" && 'ebxn'.includes(lower)) {
        const q = scanQuoted(s, i + 1, "'", lower === 'e');
        push('string', i, q.end, { prefix: c.toUpperCase(), unterminated: q.unterminated });
        continue;
      }
      if (lower === 'u' && next === '&' && (s[i + 2] === "'" || s[i + 2] === '"')) {
        const quote = s[i + 2] as string;
        const q = scanQuoted(s, i + 2, quote, false);
        push(quote === "'" ? 'string' : 'qident', i, q.end, { prefix: 'U&', unterminated: q.unterminated });
        continue;
      }
      // The rest of the word, /[A-Za-z0-9_$\u0080-\uffff]/ by code unit, written out: lint runs
      // this loop over every letter of every SQL file, and without the optimizing compiler (see
      // src/commands/lint.ts) a helper call per character was the lexer's largest cost.
      let j = i + 1;
      for (
        let code = s.charCodeAt(j);
        (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 0x80 || (code >= 48 && code <= 57) || code === 36;
        code = s.charCodeAt(++j)
      );
      push('word', i, j);
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      let j = i;
      if (c === '0' && (next === 'x' || next === 'X' || next === 'o' || next === 'O' || next === 'b' || next === 'B')) {
        j += 2;
        while (j < n && /[0-9A-Fa-f_]/.test(s[j] as string)) j++;
      } else {
        while (isDigit(s[j]) || s[j] === '_') j++;
        // `1..10` (PL/pgSQL ranges) is a number, `..`, a number.
        if (s[j] === '.' && s[j + 1] !== '.') {
          j++;
          while (isDigit(s[j]) || s[j] === '_') j++;
        }
        if ((s[j] === 'e' || s[j] === 'E') && (isDigit(s[j + 1]) || ((s[j + 1] === '+' || s[j + 1] === '-') && isDigit(s[j + 2])))) {
          j += 2;
          while (isDigit(s[j])) j++;
        }
      }
      push('number', i, j);
    } else if (c === ';') push('semi', i, i + 1);
    else if (c === '(') push('open', i, i + 1);
    else if (c === ')') push('close', i, i + 1);
    else if (c === '\\' && meta) {
      // A psql meta-command runs to the end of its line.
      const nl = s.indexOf('\n', i);
      push('meta', i, nl < 0 ? n : nl);
    } else if (c === ':' && (next === ':' || next === '=')) push('op', i, i + 2);
    else if (c === '.' && next === '.') push('op', i, i + 2);
    else if (OP_CHARS.includes(c)) {
      let j = i + 1;
      while (j < n && OP_CHARS.includes(s[j] as string) && !(s[j] === '-' && s[j + 1] === '-') && !(s[j] === '/' && s[j + 1] === '*')) j++;
      push('op', i, j);
    } else push('op', i, i + 1);
  }
}

export function lexPg(s: string, meta: boolean): PgToken[] {
  const out: PgToken[] = [];
  scanPg(s, meta, (type, pos, end, extra) => {
    out.push(extra ? { type, pos, end, ...extra } : { type, pos, end });
  });
  return out;
}

export const significant = (t: PgToken): boolean => t.type !== 'space' && t.type !== 'comment';

/** The value of a string or dollar-quoted token. */
export function pgStringValue(s: string, t: PgToken): string {
  const raw = s.slice(t.pos, t.end);
  if (t.type === 'dollar') {
    const tag = t.prefix ?? '$$';
    return t.unterminated ? raw.slice(tag.length) : raw.slice(tag.length, raw.length - tag.length);
  }
  const prefix = t.prefix ?? '';
  const inner = raw.slice(prefix.length + 1, t.unterminated ? raw.length : raw.length - 1);
  if (prefix === 'E') {
    return inner.replace(/''/g, "'").replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/gs, (_m, esc: string) => {
      if (esc.startsWith('x') && esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
      if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
      return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[esc] ?? esc;
    });
  }
  return inner.replace(/''/g, "'");
}

/** Split tokens into statements at `;` outside parentheses, as psql does. */
export function splitPgTokens(tokens: PgToken[]): PgToken[][] {
  const pieces: PgToken[][] = [];
  let current: PgToken[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (!significant(t)) continue;
    if (t.type === 'open') depth++;
    else if (t.type === 'close') depth = Math.max(0, depth - 1);
    if (t.type === 'semi' && depth === 0) {
      if (current.length) pieces.push(current);
      current = [];
      continue;
    }
    current.push(t);
  }
  if (current.length) pieces.push(current);
  return pieces;
}

/** Trim whitespace and leading/trailing comments from [pos, end) of `s`. */
export function trimSpan(s: string, pos: number, end: number): Span | undefined {
  const t = s.slice(pos, end);
  const n = t.length;
  // Leading spaces and comments, skipped as scanPg reads them.
  let first = 0;
  for (;;) {
    if (first >= n) return undefined;
    if (isSpaceAt(t, first)) first++;
    else if (t[first] === '-' && t[first + 1] === '-') {
      const nl = t.indexOf('\n', first);
      if (nl < 0) return undefined;
      first = nl;
    } else if (t[first] === '/' && t[first + 1] === '*') {
      first = blockCommentEnd(t, first).end;
    } else break;
  }
  // A statement as the parser bounds it (up to its `;`) mostly ends with its last token: with no
  // comment after its start and no space at its end, the token holding the last character is
  // significant and ends there. Anything else is lexed whole (one lexing per statement of every
  // migration was a tenth of linting a folder of them).
  if (!isSpaceAt(t, n - 1) && t.indexOf('--', first) < 0 && t.indexOf('/*', first) < 0) return { text: t.slice(first), pos: pos + first, end };
  let last = -1;
  scanPg(t, false, (type, _start, stop) => {
    if (type !== 'space' && type !== 'comment') last = stop;
  });
  return { text: t.slice(first, last), pos: pos + first, end: pos + last };
}

/** Where the block comment opening at `start` ends (PostgreSQL's nest), or the text's end. */
function blockCommentEnd(s: string, start: number): { end: number; unterminated: boolean } {
  let depth = 0;
  let j = start;
  while (j < s.length) {
    if (s[j] === '/' && s[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (s[j] === '*' && s[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) break;
    } else j++;
  }
  return { end: j, unterminated: depth > 0 };
}
