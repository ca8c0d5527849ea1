// SQLite's SQL (sqlite3, litecli): what each statement would do (parse stage, pure).
//
// PostgreSQL's grammar reads nearly all of what people send sqlite3 — SELECT, INSERT, UPDATE,
// DELETE, DROP, CREATE TABLE — and stays the judge of every statement it reads (a DELETE's WHERE
// above all). What only SQLite writes (sqlite.org/lang.html) made that grammar reject the whole
// text, so `sqlite3 app.db "PRAGMA journal_mode=WAL"` or an `INSERT OR REPLACE` was "SQL prodguard
// cannot judge". Here those shapes are read first, on tokens:
// - statements of SQLite's own that change no rows: PRAGMA (settings and checks), VACUUM,
//   ANALYZE, REINDEX, ATTACH/DETACH DATABASE, and CREATE VIRTUAL TABLE (a new table);
// - words PostgreSQL does not know inside statements it does: the conflict clause of
//   `INSERT OR REPLACE|IGNORE|…` and `UPDATE OR …`, `REPLACE INTO` (an insert that replaces the
//   row with the same key), `BEGIN IMMEDIATE|EXCLUSIVE|DEFERRED`, and a CREATE TABLE's
//   AUTOINCREMENT, WITHOUT ROWID and STRICT — blanked (the same length of spaces, so positions
//   hold) before PostgreSQL's grammar reads the statement.
// Text where PostgreSQL's grammar accepts the whole is read exactly as before; whatever is still
// rejected stays an error, which callers never treat as harmless.
import { analyzeSql } from './analyze.js';
import { lexPg, splitPgTokens, trimSpan, type PgToken } from './pg-lexer.js';
import { baseStatement, type SqlAnalysis, type SqlStatement, type SqlStatementKind } from './statement.js';

/** SQLite's own statements that write no row of a table, by their first word. */
const QUIET_STATEMENTS: Readonly<Record<string, SqlStatementKind>> = {
  pragma: 'set',
  vacuum: 'other',
  analyze: 'other',
  reindex: 'other',
  attach: 'other',
  detach: 'other',
};

/** `INSERT OR REPLACE`, `UPDATE OR IGNORE`: the conflict clause's words. */
const CONFLICT_RESOLUTIONS = new Set(['replace', 'ignore', 'abort', 'fail', 'rollback']);

const TRANSACTION_MODES = new Set(['deferred', 'immediate', 'exclusive']);

const TABLE_OPTION_WORDS = new Set(['without', 'rowid', 'strict']);

export function analyzeSqliteSql(sql: string): SqlAnalysis {
  const whole = analyzeSql(sql, 'postgres');
  if (whole.errors.length === 0) return whole;
  // Code units, not code points: token offsets are string offsets.
  const text = sql.split('');
  const blank = (pos: number, end: number): void => {
    for (let at = pos; at < end; at++) if (text[at] !== '\n') text[at] = ' ';
  };
  const claimed: SqlStatement[] = [];
  for (const piece of splitPgTokens(lexPg(sql, false))) {
    const words = piece.map((token) => (token.type === 'word' ? sql.slice(token.pos, token.end).toLowerCase() : ''));
    const first = piece[0] as PgToken;
    const last = piece[piece.length - 1] as PgToken;
    const quiet = QUIET_STATEMENTS[words[0] ?? ''];
    const virtualTable = words[0] === 'create' && words[1] === 'virtual' && words[2] === 'table';
    if (quiet !== undefined || virtualTable) {
      const span = trimSpan(sql, first.pos, last.end);
      if (span) {
        const statement = baseStatement(virtualTable ? 'create' : quiet!, span);
        if (virtualTable) statement.tables = [tableName(sql, piece, words[3] === 'if' ? 6 : 3)].filter((name) => name !== '');
        claimed.push(statement);
      }
      blank(first.pos, last.end);
      continue;
    }
    if ((words[0] === 'insert' || words[0] === 'update') && words[1] === 'or' && CONFLICT_RESOLUTIONS.has(words[2] ?? '')) {
      blank(piece[1]!.pos, piece[2]!.end);
    } else if (words[0] === 'replace' && words[1] === 'into') {
      // REPLACE and INSERT are both seven letters: positions hold.
      text.splice(first.pos, 7, ...'INSERT '.split(''));
    } else if (words[0] === 'begin' && TRANSACTION_MODES.has(words[1] ?? '')) {
      blank(piece[1]!.pos, piece[1]!.end);
    } else if (words[0] === 'create' && words.includes('table')) {
      for (let k = 0; k < piece.length; k++) if (words[k] === 'autoincrement') blank(piece[k]!.pos, piece[k]!.end);
      // The table options after the column list: `WITHOUT ROWID`, `STRICT`, comma-separated.
      const close = piece.findLastIndex((token) => token.type === 'close');
      const options = close >= 0 ? piece.slice(close + 1) : [];
      const optionWords = words.slice(close + 1);
      if (options.length > 0 && options.every((token, k) => TABLE_OPTION_WORDS.has(optionWords[k]!) || sql.slice(token.pos, token.end) === ','))
        blank(options[0]!.pos, last.end);
    }
  }
  const rewritten = text.join('');
  const read = rewritten.trim() === '' ? { statements: [], errors: [], dialect: 'postgres' as const } : analyzeSql(rewritten, 'postgres');
  // Messages quote what was written, not the blanked text the grammar read.
  const statements = read.statements.map((statement) => ({ ...statement, text: trimSpan(sql, statement.pos, statement.end)?.text ?? statement.text }));
  return {
    statements: [...statements, ...claimed].sort((a, b) => a.pos - b.pos),
    errors: read.errors,
    dialect: 'postgres',
  };
}

/** The table a CREATE VIRTUAL TABLE names: the word (or quoted name, with its schema) at `at`. */
function tableName(sql: string, piece: readonly PgToken[], at: number): string {
  const parts: string[] = [];
  for (let k = at; k < piece.length; k++) {
    const token = piece[k]!;
    if (token.type !== 'word' && token.type !== 'qident') break;
    parts.push(sql.slice(token.pos, token.end).replace(/^"|"$/g, ''));
    if (sql.slice(piece[k + 1]?.pos ?? 0, piece[k + 1]?.end ?? 0) !== '.') break;
    k++;
  }
  return parts.join('.');
}
