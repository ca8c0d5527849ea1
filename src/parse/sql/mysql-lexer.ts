// The MySQL lexer (parse stage, pure): splits text into statements as the mysql client does —
// quotes, comments, `DELIMITER` lines and the client's own commands (`source`, `\!` …) — and notes
// the syntax only MySQL reads that way, so a caller can tell MySQL text from PostgreSQL text.

import { dict } from '../../util/dict.js';

export type MysqlFeature = 'backtick' | 'hash-comment' | 'versioned-comment' | 'delimiter' | 'client-command' | 'backslash-escape';

type MyTokenType = 'word' | 'qident' | 'string' | 'number' | 'variable' | 'param' | 'op' | 'open' | 'close' | 'comma' | 'dot';

export interface MyToken {
  type: MyTokenType;
  pos: number;
  end: number;
  /** Decoded value for strings and quoted identifiers; the text as written otherwise. */
  value: string;
  /** String prefixes that change meaning: X (hex) or B (bits). */
  prefix?: string;
}

export interface MysqlPiece {
  pos: number;
  end: number;
  tokens: MyToken[];
  /** Uses syntax only MySQL reads this way (backticks, `#`, `/*! … *\/`, backslash escapes). */
  mysqlOnly: boolean;
  /** A mysql client command (`source`, `system`, `use`, `\!` …), not SQL. */
  client?: { name: string; arg: string };
}

export interface MysqlSplit {
  pieces: MysqlPiece[];
  features: Set<MysqlFeature>;
  errors: { message: string; pos: number }[];
}

/** mysql client commands recognised as the first word of a statement: their argument runs to the
 *  delimiter or the end of the line, and they need no delimiter. */
const CLIENT_COMMANDS = new Set([
  'source',
  'system',
  'use',
  'connect',
  'quit',
  'exit',
  'tee',
  'notee',
  'pager',
  'nopager',
  'rehash',
  'status',
  'warnings',
  'nowarning',
  'charset',
  'prompt',
  'print',
  'ego',
  'go',
  'edit',
  'clear',
  'resetconnection',
  'delimiter',
]);
const SHORT_CLIENT_COMMANDS: Record<string, string> = dict({
  '.': 'source',
  '!': 'system',
  u: 'use',
  r: 'connect',
  q: 'quit',
  T: 'tee',
  t: 'notee',
  P: 'pager',
  n: 'nopager',
  '#': 'rehash',
  s: 'status',
  W: 'warnings',
  w: 'nowarning',
  C: 'charset',
  R: 'prompt',
  p: 'print',
  e: 'edit',
  c: 'clear',
  x: 'resetconnection',
  h: 'help',
  '?': 'help',
});
const CLIENT_WITH_LINE_ARG = new Set(['source', 'system', 'use', 'connect', 'tee', 'pager', 'charset', 'prompt', 'delimiter']);

const OPERATORS = ['<=>', '->>', '<=', '>=', '<>', '!=', '&&', '||', ':=', '->', '<<', '>>'];

export function splitMysql(sql: string): MysqlSplit {
  const pieces: MysqlPiece[] = [];
  const features = new Set<MysqlFeature>();
  const errors: { message: string; pos: number }[] = [];
  const n = sql.length;
  let delimiter = ';';
  let versioned = false;
  let tokens: MyToken[] = [];
  let pieceFeatures = new Set<MysqlFeature>();
  const feature = (f: MysqlFeature): void => {
    features.add(f);
    pieceFeatures.add(f);
  };
  const finish = (): void => {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (first && last) pieces.push({ pos: first.pos, end: last.end, tokens, mysqlOnly: pieceFeatures.size > 0 });
    tokens = [];
    pieceFeatures = new Set();
  };
  /** The rest of a client command's line, up to the delimiter or the end of the line. */
  const lineArg = (from: number, toEol = false): { arg: string; end: number } => {
    const nl = sql.indexOf('\n', from);
    const eol = nl < 0 ? n : nl;
    const d = toEol ? -1 : sql.indexOf(delimiter, from);
    const stop = d >= 0 && d < eol ? d : eol;
    return { arg: sql.slice(from, stop).trim(), end: stop < eol ? stop + delimiter.length : eol };
  };
  const clientCommand = (name: string, pos: number, argFrom: number): number => {
    feature('client-command');
    // DELIMITER takes the whole rest of its line: `DELIMITER ;;` (mysqldump triggers) while `;` is the delimiter.
    const { arg, end } = CLIENT_WITH_LINE_ARG.has(name) ? lineArg(argFrom, name === 'delimiter') : { arg: '', end: argFrom };
    if (name === 'delimiter') {
      feature('delimiter');
      const next = arg.split(/\s+/)[0] ?? '';
      if (next) delimiter = next;
      else errors.push({ message: 'DELIMITER without a delimiter', pos });
      return Math.max(end, argFrom);
    }
    finish();
    pieces.push({ pos, end: Math.max(pos + 1, pos + sql.slice(pos, end).trimEnd().length), tokens: [], mysqlOnly: true, client: { name, arg } });
    pieceFeatures = new Set();
    return Math.max(end, argFrom);
  };

  let i = 0;
  while (i < n) {
    if (sql.startsWith(delimiter, i)) {
      // A routine's BEGIN … END body written without DELIMITER lines (authelia's migrations, run
      // by a driver that sends the file whole): its `;` end the body's statements, not the CREATE.
      if (delimiter === ';' && insideRoutineBody(tokens)) {
        i += 1;
        continue;
      }
      finish();
      i += delimiter.length;
      continue;
    }
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#' || (c === '-' && next === '-' && (i + 2 >= n || /[\s\x00-\x1f]/.test(sql[i + 2] as string)))) {
      if (c === '#') feature('hash-comment');
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === '/' && next === '*') {
      const m = /^\/\*M?!\d{0,6}/.exec(sql.slice(i, i + 12));
      if (m) {
        // /*!50001 … */ is code that MySQL runs: read on.
        feature('versioned-comment');
        versioned = true;
        i += m[0].length;
        continue;
      }
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) {
        errors.push({ message: 'unterminated comment', pos: i });
        i = n;
      } else i = close + 2;
    } else if (c === '*' && next === '/' && versioned) {
      versioned = false;
      i += 2;
    } else if (c === "'" || c === '"') {
      const { end, value, unterminated, escaped } = scanMysqlString(sql, i, c);
      if (escaped) feature('backslash-escape');
      if (unterminated) errors.push({ message: 'unterminated string', pos: i });
      const prev = tokens[tokens.length - 1];
      // X'…', B'…', N'…' and _utf8mb4'…': one literal.
      if (prev && prev.type === 'word' && prev.end === i && /^([xXbBnN]|_[A-Za-z0-9]+)$/.test(prev.value)) {
        tokens.pop();
        const prefix = prev.value.toUpperCase();
        tokens.push({ type: 'string', pos: prev.pos, end, value, ...(prefix === 'X' || prefix === 'B' ? { prefix } : {}) });
      } else tokens.push({ type: 'string', pos: i, end, value });
      i = end;
    } else if (c === '`') {
      feature('backtick');
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= n) {
          errors.push({ message: 'unterminated `identifier`', pos: i });
          break;
        }
        if (sql[j] === '`') {
          if (sql[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        value += sql[j];
        j++;
      }
      tokens.push({ type: 'qident', pos: i, end: j, value });
      i = j;
    } else if (c === '\\') {
      // mysql client short commands work anywhere outside quotes.
      if (next === 'g' || next === 'G') {
        finish();
        i += 2;
      } else if (next === 'd') {
        i = clientCommand('delimiter', i, i + 2);
      } else {
        const name = SHORT_CLIENT_COMMANDS[next ?? ''] ?? 'unknown';
        i = clientCommand(name, i, i + 2);
      }
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      if (tokens.length === 0 && CLIENT_COMMANDS.has(word.toLowerCase())) {
        i = clientCommand(word.toLowerCase(), i, j);
        continue;
      }
      tokens.push({ type: 'word', pos: i, end: j, value: word });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      const m = /^(0[xX][0-9A-Fa-f]+|0[bB][01]+|\d*\.?\d+(?:[eE][+-]?\d+)?\.?)/.exec(sql.slice(i, i + 100));
      const len = m?.[0].length || 1;
      tokens.push({ type: 'number', pos: i, end: i + len, value: sql.slice(i, i + len) });
      i += len;
    } else if (c === '@') {
      let j = i + 1;
      while (sql[j] === '@') j++;
      while (j < n && /[A-Za-z0-9_$.\u0080-\uffff]/.test(sql[j] as string)) j++;
      tokens.push({ type: 'variable', pos: i, end: j, value: sql.slice(i, j) });
      i = j;
    } else if (c === '(' || c === ')' || c === ',' || c === '.' || c === '?') {
      const type: MyTokenType = c === '(' ? 'open' : c === ')' ? 'close' : c === ',' ? 'comma' : c === '.' ? 'dot' : 'param';
      tokens.push({ type, pos: i, end: i + 1, value: c });
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i)) ?? c;
      tokens.push({ type: 'op', pos: i, end: i + op.length, value: op });
      i += op.length;
    }
  }
  finish();
  return { pieces, features, errors };
}

function scanMysqlString(sql: string, open: number, quote: string): { end: number; value: string; unterminated: boolean; escaped: boolean } {
  let value = '';
  let escaped = false;
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === '\\') {
      escaped = true;
      const e = sql[i + 1] ?? '';
      value += ({ n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' } as Record<string, string>)[e] ?? e;
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { end: i + 1, value, unterminated: false, escaped };
    }
    value += c;
    i++;
  }
  return { end: sql.length, value, unterminated: true, escaped };
}

/** Signs that text is MySQL and not PostgreSQL. */
export function mysqlEvidence(split: MysqlSplit): boolean {
  const f = split.features;
  return f.has('backtick') || f.has('hash-comment') || f.has('versioned-comment') || f.has('delimiter') || f.has('client-command');
}

/** Words that an `END` closes other than a BEGIN block (`END IF`, `END LOOP`…). */
const END_OF_CONTROL = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT', 'CASE']);

/** Whether `tokens` (a piece so far) are a CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT inside a
 *  BEGIN that no END has closed yet. */
function insideRoutineBody(tokens: readonly MyToken[]): boolean {
  const word = (token: MyToken | undefined) => (token?.type === 'word' ? token.value.toUpperCase() : undefined);
  if (word(tokens[0]) !== 'CREATE') return false;
  if (!tokens.slice(1, 8).some((token) => ['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'].includes(word(token) ?? ''))) return false;
  let depth = 0;
  tokens.forEach((token, index) => {
    const value = word(token);
    if (value === 'BEGIN') depth++;
    else if (value === 'END' && !END_OF_CONTROL.has(word(tokens[index + 1]) ?? '')) depth--;
  });
  return depth > 0;
}
