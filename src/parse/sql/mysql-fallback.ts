// MySQL statements (parse stage, pure): a lexer that knows MySQL's quoting and the mysql client's
// own commands, and a classifier driven by the leading keywords of each statement.
//
// No MySQL grammar ships as a small, fast package that also knows the replication statements
// (STOP SLAVE, RESET SLAVE ALL, CHANGE MASTER TO …) behind github-2018, so statements are split by a
// lexer that respects quotes and comments, then classified by keyword. WHERE clauses are translated
// to PostgreSQL syntax and judged by the real parser. A statement the classifier does not know is
// an error, never "allowed because it did not parse".
import type { SqlStatement, SqlStatementKind, WhereJudge } from './statement.js';

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
const SHORT_CLIENT_COMMANDS: Record<string, string> = {
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
};
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

// ---------------------------------------------------------------------------------------------

/** Words followed by `(` that are syntax, not function calls. */
const NOT_FUNCTIONS = new Set([
  'IN',
  'VALUES',
  'VALUE',
  'EXISTS',
  'AND',
  'OR',
  'NOT',
  'ON',
  'USING',
  'AS',
  'INTO',
  'FROM',
  'WHERE',
  'TABLE',
  'KEY',
  'INDEX',
  'PRIMARY',
  'UNIQUE',
  'CHECK',
  'PARTITION',
  'SELECT',
  'WITH',
  'JOIN',
  'OVER',
  'ANY',
  'ALL',
  'SOME',
  'REFERENCES',
  'FOREIGN',
  'CONSTRAINT',
  'COLUMNS',
  'SET',
  'BY',
  'THEN',
  'ELSE',
  'WHEN',
  'IS',
  'LIKE',
  'BETWEEN',
  'UNION',
  'HAVING',
  'LIMIT',
  'DISTINCT',
]);

const ALTER_DROP_NOT_COLUMN = new Set(['INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'CONSTRAINT', 'CHECK', 'PARTITION', 'DEFAULT', 'SYSTEM']);
/** Words after the first in multi-word object types: DROP UNDO TABLESPACE, DROP SPATIAL REFERENCE SYSTEM… */
const DROP_OBJECT_WORDS = new Set(['TABLESPACE', 'GROUP', 'REFERENCE', 'SYSTEM', 'ONLINE', 'OFFLINE']);
const OTHER_STATEMENTS = new Set([
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
  'HELP',
  'DO',
  'HANDLER',
  'LOCK',
  'UNLOCK',
  'FLUSH',
  'KILL',
  'OPTIMIZE',
  'ANALYZE',
  'CHECK',
  'CHECKSUM',
  'REPAIR',
  'CACHE',
  'INSTALL',
  'UNINSTALL',
  'SHUTDOWN',
  'RESTART',
  'CLONE',
  'EXECUTE',
  'DEALLOCATE',
  'USE',
  'SIGNAL',
  'RESIGNAL',
  'GET',
  'IMPORT',
  'CALL',
]);
const TRANSACTION_STATEMENTS = new Set(['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'XA']);

interface Collected {
  statements: SqlStatement[];
  errors: { message: string; pos: number }[];
}

/**
 * Analyse MySQL text. `tryOther`, when given, may claim a piece (returning true) before the MySQL
 * classifier sees it: 'auto' mode lets PostgreSQL's parser read pieces with no MySQL-only syntax.
 */
export function analyzeMysql(sql: string, judge: WhereJudge, tryOther?: (piece: MysqlPiece) => boolean): Collected {
  const split = splitMysql(sql);
  const out: Collected = { statements: [], errors: [...split.errors] };
  for (const piece of split.pieces) {
    if (piece.client) {
      clientStatement(sql, piece, out);
      continue;
    }
    if (tryOther?.(piece)) continue;
    const classified = classifyMysql(sql, piece, judge, 0);
    if (classified) {
      out.statements.push(...classified.statements);
      out.errors.push(...classified.errors);
    } else {
      const text = sql.slice(piece.pos, piece.end);
      out.errors.push({ message: `could not classify MySQL statement: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`, pos: piece.pos });
    }
  }
  out.statements.sort((a, b) => a.pos - b.pos);
  out.errors.sort((a, b) => a.pos - b.pos);
  return out;
}

function clientStatement(sql: string, piece: MysqlPiece, out: Collected): void {
  const client = piece.client as { name: string; arg: string };
  const text = sql.slice(piece.pos, piece.end).trim();
  if (client.name === 'source') out.errors.push({ message: `mysql source runs another file that is not analysed here: ${text}`, pos: piece.pos });
  else if (client.name === 'system') out.errors.push({ message: `mysql system runs a shell command that is not analysed here: ${text}`, pos: piece.pos });
  else if (client.name === 'use' || client.name === 'connect') {
    out.statements.push({
      kind: 'other',
      text,
      pos: piece.pos,
      end: piece.end,
      tables: [],
      where: 'not-applicable',
      dialect: 'mysql',
      ...(client.arg ? { names: [client.arg.replace(/^`|`$/g, '')] } : {}),
    });
  } else if (client.name === 'unknown') out.errors.push({ message: `unknown mysql client command ${text}`, pos: piece.pos });
}

/** Words that open or close control flow in a stored-program body; what follows them is a statement. */
const BODY_CONTROL = new Set(['IF', 'ELSEIF', 'ELSE', 'THEN', 'WHILE', 'DO', 'LOOP', 'REPEAT', 'BEGIN', 'CASE', 'WHEN']);
/** Stored-program statements that touch no data. */
const BODY_QUIET = new Set(['DECLARE', 'SET', 'RETURN', 'LEAVE', 'ITERATE', 'OPEN', 'FETCH', 'CLOSE', 'END', 'SIGNAL', 'RESIGNAL', 'UNTIL']);

/** The statements of a stored program's body (BEGIN … END), control flow stepped over. */
function analyzeMysqlBody(body: string, judge: WhereJudge, depth: number): Collected {
  const out: Collected = { statements: [], errors: [] };
  if (depth > 3) {
    out.errors.push({ message: 'stored program nested too deeply to analyse', pos: 0 });
    return out;
  }
  for (const piece of splitMysql(body).pieces) {
    const word = (k: number): string | undefined => (piece.tokens[k]?.type === 'word' ? piece.tokens[k]!.value.toUpperCase() : undefined);
    // Step over labels (`l1:`) and control words up to the statement: `IF x THEN DELETE …`.
    let start = 0;
    for (let k = 0; k < piece.tokens.length; k++) {
      const w = word(k);
      if (w && BODY_CONTROL.has(w)) {
        if (w === 'IF' || w === 'ELSEIF' || w === 'WHILE' || w === 'WHEN') {
          const then = piece.tokens.findIndex((t, j) => j > k && t.type === 'word' && ['THEN', 'DO'].includes(t.value.toUpperCase()));
          k = then < 0 ? piece.tokens.length : then;
        }
        start = k + 1;
      } else if (k === start && piece.tokens[k + 1]?.pos === piece.tokens[k]!.end && body[piece.tokens[k]!.end] === ':') {
        start = k + 2; // a label
        k++;
      } else break;
    }
    const tokens = piece.tokens.slice(start);
    const first = tokens[0];
    if (!first || BODY_QUIET.has(first.type === 'word' ? first.value.toUpperCase() : '')) continue;
    const inner: MysqlPiece = { ...piece, pos: first.pos, tokens };
    const classified = classifyMysql(body, inner, judge, depth);
    if (classified) {
      out.statements.push(...classified.statements);
      out.errors.push(...classified.errors);
    } else out.errors.push({ message: `could not classify a statement in a stored program: ${body.slice(inner.pos, inner.end)}`, pos: inner.pos });
  }
  return out;
}

function classifyMysql(sql: string, piece: MysqlPiece, judge: WhereJudge, depth: number): Collected | null {
  const T = piece.tokens;
  const text = sql.slice(piece.pos, piece.end);
  const out: Collected = { statements: [], errors: [] };
  const s: SqlStatement = { kind: 'other', text, pos: piece.pos, end: piece.end, tables: [], where: 'not-applicable', dialect: 'mysql' };
  const kw = (i: number): string | undefined => (T[i]?.type === 'word' ? (T[i] as MyToken).value.toUpperCase() : undefined);
  const skipGroup = (i: number): number => {
    let depthN = 0;
    for (let k = i; k < T.length; k++) {
      if (T[k]?.type === 'open') depthN++;
      else if (T[k]?.type === 'close' && --depthN === 0) return k + 1;
    }
    return T.length;
  };
  const findTop = (from: number, pred: (i: number) => boolean): number => {
    let d = 0;
    for (let k = from; k < T.length; k++) {
      const t = T[k] as MyToken;
      if (t.type === 'open') d++;
      else if (t.type === 'close') d--;
      else if (d === 0 && pred(k)) return k;
    }
    return -1;
  };
  const isName = (i: number): boolean => T[i]?.type === 'word' || T[i]?.type === 'qident' || T[i]?.type === 'string';
  /** `db`.`t`, t, db.t — returns the name as written (unquoted) and where it ends. */
  const qualified = (i: number): { name: string; start: number; next: number } | undefined => {
    if (!isName(i)) return undefined;
    const parts = [(T[i] as MyToken).value];
    let j = i + 1;
    while (T[j]?.type === 'dot' && isName(j + 1)) {
      parts.push((T[j + 1] as MyToken).value);
      j += 2;
    }
    // user@host in DROP USER 'u'@'h' (the lexer reads `@host` as a variable, `@'h'` as `@` + string)
    const at = T[j];
    if (at?.type === 'variable' && at.pos === T[j - 1]?.end) {
      if (at.value === '@' && isName(j + 1)) {
        parts[parts.length - 1] += `@${(T[j + 1] as MyToken).value}`;
        j += 2;
      } else {
        parts[parts.length - 1] += at.value;
        j++;
      }
    }
    return { name: parts.join('.'), start: i, next: j };
  };
  /** Comma-separated names, each optionally followed by an alias or `.*`. */
  const nameList = (i: number, stopWords: string[]): { names: { name: string; start: number; next: number }[]; next: number } => {
    const names: { name: string; start: number; next: number }[] = [];
    let j = i;
    for (;;) {
      const q = qualified(j);
      if (!q) break;
      names.push(q);
      j = q.next;
      if (T[j]?.type === 'dot' && T[j + 1]?.type === 'op' && T[j + 1]?.value === '*') j += 2;
      if (kw(j) === 'AS') j += 2;
      else if (T[j]?.type === 'word' && !stopWords.includes(kw(j) as string)) j++;
      if (kw(j) === 'PARTITION' && T[j + 1]?.type === 'open') j = skipGroup(j + 1);
      if (T[j]?.type !== 'comma') break;
      j++;
    }
    return { names, next: j };
  };
  const ifExists = (i: number): number => {
    if (kw(i) === 'IF' && kw(i + 1) === 'EXISTS') {
      s.ifExists = true;
      return i + 2;
    }
    return i;
  };
  const translate = (from: number, to: number): string | undefined => {
    const parts: string[] = [];
    for (let k = from; k < to; k++) {
      const t = T[k] as MyToken;
      switch (t.type) {
        case 'word': {
          const u = t.value.toUpperCase();
          if (u === 'XOR' || u === 'SOUNDS' || u === 'MATCH' || u === 'AGAINST' || u === 'INTERVAL') return undefined;
          if (u === 'DIV') parts.push('/');
          else if (u === 'MOD') parts.push('%');
          else if (u === 'REGEXP' || u === 'RLIKE') parts.push('~');
          else if (u === 'BINARY') continue;
          else parts.push(t.value);
          break;
        }
        case 'qident':
          parts.push(`"${t.value.replace(/"/g, '""')}"`);
          break;
        case 'string':
          parts.push(t.prefix === 'X' || t.prefix === 'B' ? `${t.prefix}'${t.value}'` : `'${t.value.replace(/'/g, "''")}'`);
          break;
        case 'variable':
          return undefined;
        case 'param':
          parts.push('$1');
          break;
        case 'op':
          if (t.value === '&&') parts.push('AND');
          else if (t.value === '||')
            parts.push('OR'); // MySQL's default sql_mode: || is OR
          else if (t.value === '!') parts.push('NOT');
          else if (t.value === '<=>') parts.push('IS NOT DISTINCT FROM');
          else if (t.value === ':=' || t.value === '->' || t.value === '->>') return undefined;
          else parts.push(t.value);
          break;
        default:
          parts.push(t.value);
      }
    }
    return parts.join(' ');
  };
  /** WHERE at depth 0 from `from`: none, or judged; the expression ends at ORDER BY / LIMIT. */
  const where = (from: number, target: { start: number; next: number } | undefined): void => {
    const w = findTop(from, (k) => kw(k) === 'WHERE');
    if (w < 0) {
      s.where = 'none';
      return;
    }
    let stop = findTop(w + 1, (k) => (kw(k) === 'ORDER' && kw(k + 1) === 'BY') || kw(k) === 'LIMIT');
    if (stop < 0) stop = T.length;
    if (stop <= w + 1) {
      out.errors.push({ message: `WHERE without a condition: ${text}`, pos: piece.pos });
      s.where = 'present';
      return;
    }
    const expr = translate(w + 1, stop);
    const table = target ? translate(target.start, target.next) : '"t"';
    Object.assign(s, expr && table ? judge(`DELETE FROM ${table} WHERE ${expr}`) : { where: 'present' });
  };
  const done = (kind: SqlStatementKind): Collected => {
    s.kind = kind;
    const calls = new Set<string>();
    if (kind !== 'create') {
      for (let k = 0; k + 1 < T.length; k++) {
        const t = T[k] as MyToken;
        const prev = kw(k - 1);
        if (
          t.type === 'word' &&
          T[k + 1]?.type === 'open' &&
          T[k + 1]?.pos === t.end &&
          !NOT_FUNCTIONS.has(t.value.toUpperCase()) &&
          !['INTO', 'TABLE', 'FROM', 'JOIN', 'UPDATE', 'PROCEDURE'].includes(prev ?? '')
        )
          calls.add(t.value.toLowerCase());
      }
    }
    if (calls.size) s.functionCalls = [...calls];
    out.statements.unshift(s);
    return out;
  };

  if (T.length === 0) return null;
  let i = 0;
  if (T[0]?.type === 'open') return done('select');
  if (kw(0) === 'WITH') {
    i = 1;
    if (kw(i) === 'RECURSIVE') i++;
    for (;;) {
      if (!isName(i)) break;
      i++;
      if (T[i]?.type === 'open') i = skipGroup(i);
      if (kw(i) === 'AS') i++;
      if (T[i]?.type === 'open') i = skipGroup(i);
      if (T[i]?.type !== 'comma') break;
      i++;
    }
  }
  const k = kw(i);
  switch (k) {
    case 'SELECT':
    case 'TABLE':
    case 'VALUES': {
      if (k === 'TABLE') s.tables = qualified(i + 1) ? [(qualified(i + 1) as { name: string }).name] : [];
      const from = findTop(i, (j) => kw(j) === 'FROM');
      if (from >= 0) s.tables = nameList(from + 1, ['WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'CROSS', 'GROUP', 'ORDER', 'LIMIT']).names.map((n) => n.name);
      return done('select');
    }
    case 'INSERT':
    case 'REPLACE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO'].includes(kw(j) ?? '')) j++;
      const q = qualified(j);
      if (q) s.tables = [q.name];
      return done('insert');
    }
    case 'DELETE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'QUICK', 'IGNORE'].includes(kw(j) ?? '')) j++;
      let targets: { name: string; start: number; next: number }[];
      if (kw(j) === 'FROM') targets = nameList(j + 1, ['WHERE', 'USING', 'PARTITION', 'ORDER', 'LIMIT']).names;
      else targets = nameList(j, ['FROM']).names; // DELETE t1, t2 FROM t1 JOIN t2 …
      s.tables = targets.map((t) => t.name);
      where(j, targets[0]);
      return done('delete');
    }
    case 'UPDATE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'IGNORE'].includes(kw(j) ?? '')) j++;
      const set = findTop(j, (x) => kw(x) === 'SET');
      const targets: { name: string; start: number; next: number }[] = [];
      for (let x = j; x < (set < 0 ? T.length : set); x++) {
        if (x === j || T[x - 1]?.type === 'comma' || kw(x - 1) === 'JOIN') {
          const q = qualified(x);
          if (q) targets.push(q);
        }
      }
      s.tables = targets.map((t) => t.name);
      where(set < 0 ? j : set, targets[0]);
      return done('update');
    }
    case 'TRUNCATE': {
      const q = qualified(kw(i + 1) === 'TABLE' ? i + 2 : i + 1);
      s.tables = q ? [q.name] : [];
      return done('truncate');
    }
    case 'DROP': {
      let j = i + 1;
      if (kw(j) === 'TEMPORARY') j++;
      const object = kw(j);
      if (object === 'TABLE' || object === 'TABLES') {
        const names = nameList(ifExists(j + 1), ['RESTRICT', 'CASCADE']);
        s.tables = names.names.map((x) => x.name);
        s.names = s.tables;
        if (kw(names.next) === 'CASCADE') s.cascade = true;
        return done('drop-table');
      }
      if (object === 'DATABASE' || object === 'SCHEMA') {
        // In MySQL a schema is a database.
        const q = qualified(ifExists(j + 1));
        s.names = q ? [q.name] : [];
        return done('drop-database');
      }
      if (!object) return null;
      j++;
      while (DROP_OBJECT_WORDS.has(kw(j) ?? '')) j++;
      const names = nameList(ifExists(j), ['ON']);
      s.names = names.names.map((x) => x.name);
      if (object === 'INDEX' && kw(names.next) === 'ON') {
        const q = qualified(names.next + 1);
        if (q) s.tables = [q.name];
      }
      return done('drop-other');
    }
    case 'ALTER': {
      if (kw(i + 1) !== 'TABLE') {
        if (!kw(i + 1)) return null;
        return done('other');
      }
      const q = qualified(ifExists(i + 2));
      if (!q) return done('alter-table-other');
      s.tables = [q.name];
      const dropped: string[] = [];
      const retyped: string[] = [];
      let clause = q.next;
      while (clause < T.length) {
        const c = kw(clause);
        const column = (at: number): string | undefined => {
          const x = kw(at) === 'COLUMN' ? at + 1 : at;
          return isName(x) ? (T[x] as MyToken).value : undefined;
        };
        if (c === 'DROP' && !ALTER_DROP_NOT_COLUMN.has(kw(clause + 1) ?? '')) {
          const col = column(clause + 1);
          if (col) dropped.push(col);
        } else if (c === 'MODIFY' || c === 'CHANGE') {
          const col = column(clause + 1);
          if (col) retyped.push(col);
        }
        const comma = findTop(clause, (x) => T[x]?.type === 'comma');
        if (comma < 0) break;
        clause = comma + 1;
      }
      if (dropped.length) {
        s.columns = dropped;
        return done('alter-table-drop-column');
      }
      if (retyped.length) {
        s.columns = retyped;
        return done('alter-table-alter-type');
      }
      return done('alter-table-other');
    }
    case 'RENAME': {
      if (kw(i + 1) !== 'TABLE' && kw(i + 1) !== 'TABLES') return done('other');
      const tables: string[] = [];
      let j = i + 2;
      for (;;) {
        const q = qualified(j);
        if (!q) break;
        tables.push(q.name);
        const comma = findTop(q.next, (x) => T[x]?.type === 'comma');
        if (comma < 0) break;
        j = comma + 1;
      }
      s.tables = tables;
      return done('alter-table-other');
    }
    case 'STOP':
      return ['SLAVE', 'REPLICA', 'GROUP_REPLICATION'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'RESET':
      if (['SLAVE', 'REPLICA', 'MASTER', 'BINARY'].includes(kw(i + 1) ?? '')) return done('replication');
      return kw(i + 1) ? done('other') : null;
    case 'CHANGE':
      return ['MASTER', 'REPLICATION'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'PURGE':
      return ['BINARY', 'MASTER'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'START':
      if (kw(i + 1) === 'TRANSACTION') return done('transaction');
      return ['SLAVE', 'REPLICA', 'GROUP_REPLICATION'].includes(kw(i + 1) ?? '') ? done('other') : null;
    case 'SET':
      return done('set');
    case 'CREATE': {
      const created = done('create');
      // CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT … BEGIN … END (written between DELIMITER lines): the
      // body is created to run, so its statements are judged as if they ran.
      const routine = findTop(i + 1, (x) => ['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'].includes(kw(x) ?? ''));
      const begin = routine >= 0 ? findTop(routine, (x) => kw(x) === 'BEGIN') : -1;
      const last = T.length - 1;
      if (begin >= 0 && kw(last) === 'END' && last > begin) {
        const bodyPos = (T[begin] as MyToken).end;
        const inner = analyzeMysqlBody(sql.slice(bodyPos, (T[last] as MyToken).pos), judge, depth + 1);
        created.statements.push(...inner.statements.map((st) => ({ ...st, pos: st.pos + bodyPos, end: st.end + bodyPos })));
        created.errors.push(...inner.errors.map((e) => ({ message: e.message, pos: e.pos + bodyPos })));
      }
      return created;
    }
    case 'GRANT': {
      // GRANT ALL|SUPER ON *.* hands out the whole server; TO PUBLIC does not exist in MySQL.
      const on = findTop(i + 1, (x) => kw(x) === 'ON');
      const privileges = on >= 0 ? T.slice(i + 1, on).map((t) => (t as MyToken).value.toUpperCase()) : [];
      const global = on >= 0 && [on + 1, on + 2, on + 3].map((x) => (T[x] as MyToken | undefined)?.value).join('') === '*.*';
      return done(global && privileges.some((p) => p === 'ALL' || p === 'SUPER') ? 'grant-broad' : 'grant');
    }
    case 'REVOKE':
      return done('revoke');
    case 'LOAD': {
      const into = findTop(i, (x) => kw(x) === 'INTO');
      const q = into >= 0 ? qualified(kw(into + 1) === 'TABLE' ? into + 2 : into + 1) : undefined;
      if (q) s.tables = [q.name];
      return done(kw(i + 1) === 'DATA' || kw(i + 1) === 'XML' ? 'insert' : 'other');
    }
    case 'PREPARE': {
      // Conservative, as for PostgreSQL: PREPARE carries the kind of the statement it prepares.
      const from = findTop(i, (x) => kw(x) === 'FROM');
      const source = T[from + 1];
      if (from < 0 || !source) return null;
      if (source.type !== 'string' || depth > 3) {
        out.errors.push({ message: `dynamic SQL cannot be analysed: ${text}`, pos: piece.pos });
        return done('other');
      }
      const inner = splitMysql(source.value);
      const innerPiece = inner.pieces[0];
      const classified = innerPiece && !innerPiece.client ? classifyMysql(source.value, innerPiece, judge, depth + 1) : null;
      if (!classified || inner.pieces.length !== 1) {
        out.errors.push({ message: `could not classify the prepared statement: ${text}`, pos: piece.pos });
        return done('other');
      }
      for (const st of classified.statements) out.statements.push({ ...st, text, pos: piece.pos, end: piece.end });
      out.errors.push(...classified.errors.map((e) => ({ message: e.message, pos: piece.pos })));
      return out;
    }
    case 'BINLOG':
      out.errors.push({ message: 'BINLOG replays binary-log row events that cannot be analysed', pos: piece.pos });
      return done('other');
    default:
      if (k && TRANSACTION_STATEMENTS.has(k)) return done('transaction');
      if (k && OTHER_STATEMENTS.has(k)) {
        if (k === 'USE') {
          const q = qualified(i + 1);
          if (q) s.names = [q.name];
        }
        return done('other');
      }
      return null;
  }
}
