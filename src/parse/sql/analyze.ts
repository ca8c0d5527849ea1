// SQL analysis (parse stage, pure): what each statement of a piece of SQL would do.
//
// PostgreSQL text is read by PostgreSQL's own grammar (libpg-query), so keywords inside strings,
// dollar-quoted bodies and comments are never mistaken for statements. MySQL text that grammar
// rejects goes to a MySQL lexer and classifier (mysql-fallback.ts). Whatever neither can classify
// lands in `errors`: callers fail closed on errors and never treat them as harmless (STYLE.md §5).
import { parsePostgres } from './load.js';
import { analyzeMysql } from './mysql-fallback.js';
import { mysqlEvidence, splitMysql } from './mysql-lexer.js';
import { describe, type BodyRunner, type Context } from './describe.js';
import { lexPg, splitPgTokens, trimSpan, type PgToken } from './pg-lexer.js';
import { analyzeNested, describeDo, expandFunction, recordFunction } from './plpgsql.js';
import { blankMetaCommands, judgeMeta } from './psql-meta.js';
import type { Collected, SqlAnalysis } from './statement.js';
import { judgeMysqlWhere } from './where.js';

export { REPLICATION_FUNCTIONS, type SqlAnalysis, type SqlStatement, type SqlStatementKind } from './statement.js';

/**
 * Analyse SQL statement by statement.
 * - 'postgres': PostgreSQL's grammar; psql meta-commands (`\set`, `\c`, `\gexec`…) are understood.
 * - 'mysql': the MySQL lexer and classifier first.
 * - 'auto' (default): PostgreSQL's grammar; if it rejects the text, MySQL handling for the parts
 *   it rejects, with an error whenever the two dialects would read the text differently.
 * Requires `await loadSqlParser()` beforehand.
 */
export function analyzeSql(sql: string, dialect: 'postgres' | 'mysql' | 'auto' = 'auto'): SqlAnalysis {
  const nul = sql.indexOf('\0');
  if (nul >= 0) {
    // The C parser would stop reading at the NUL byte and silently ignore the rest.
    return {
      statements: [],
      errors: [{ message: 'the SQL contains a NUL byte; it cannot be analysed', pos: nul }],
      dialect: dialect === 'mysql' ? 'mysql' : 'postgres',
    };
  }
  if (dialect === 'mysql') {
    const result = analyzeMysql(sql, judgeMysqlWhere);
    return { statements: result.statements, errors: result.errors, dialect: 'mysql' };
  }
  return analyzePostgresOrAuto(sql, dialect);
}

const BODY_RUNNER: BodyRunner = {
  describeDo,
  recordFunction,
  expandFunction,
  analyzeNested,
  analyzeText: (sql, ctx, out) => analyzePostgresText(sql, ctx, out, false),
};

function newContext(): Context {
  return { functions: new Map(), expanding: new Set(), depth: 0, runner: BODY_RUNNER };
}

// ---------------------------------------------------------------------------------------------
// Driving the parser.

/** Byte offsets (the parser's) to string offsets. */
function byteToChar(s: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(s)) return (b) => Math.min(b, s.length);
  const map: number[] = [];
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) map[b + k] = i;
    b += width;
    if (cp >= 0x10000) i++;
  }
  map[b] = s.length;
  return (x) => map[x] ?? s.length;
}

interface ParseFailure {
  message: string;
  pos: number;
}

/** Parse `text` (which sits at `offset` in `whole`, the input with meta-commands blanked) and
 *  describe its statements. */
function parseAndDescribe(text: string, whole: string, offset: number, ctx: Context, out: Collected): ParseFailure | undefined {
  if (text.trim() === '') return undefined;
  const toChar = byteToChar(text);
  let parsed;
  try {
    parsed = parsePostgres(text);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const at = details?.cursorPosition !== undefined ? toChar(details.cursorPosition) : 0;
    return { message: error instanceof Error ? error.message : String(error), pos: offset + at };
  }
  for (const raw of parsed.stmts ?? []) {
    const start = toChar(raw.stmt_location ?? 0);
    const stop = raw.stmt_len ? toChar((raw.stmt_location ?? 0) + raw.stmt_len) : text.length;
    const span = trimSpan(whole, offset + start, offset + stop);
    if (span) describe(raw.stmt, span, ctx, out);
  }
  return undefined;
}

/** psql meta-commands blanked out (blankMetaCommands). Every one starts with a backslash: text
 *  without one (most migrations) has none, and is not lexed a whole extra time to find that out. */
function withoutMetaCommands(sql: string): ReturnType<typeof blankMetaCommands> {
  return sql.includes('\\') ? blankMetaCommands(sql, lexPg(sql, true)) : { text: sql, metas: [] };
}

/** PostgreSQL text: whole, or statement by statement when the whole does not parse (psql -f runs
 *  each statement on its own, so the good ones still run). */
function analyzePostgresText(sql: string, ctx: Context, out: Collected, withMeta: boolean): void {
  const { text, metas } = withMeta ? withoutMetaCommands(sql) : { text: sql, metas: [] };
  for (const meta of metas) judgeMeta(meta, out);
  const failure = parseAndDescribe(text, text, 0, ctx, out);
  if (!failure) return;
  const pieces = splitPgTokens(lexPg(text, false));
  for (const piece of pieces) {
    const first = piece[0] as PgToken;
    const last = piece[piece.length - 1] as PgToken;
    const pieceFailure = parseAndDescribe(text.slice(first.pos, last.end), text, first.pos, ctx, out);
    if (pieceFailure) out.errors.push(pieceFailure);
  }
  if (!pieces.length) out.errors.push(failure);
}

function sortByPos(out: Collected): void {
  out.statements.sort((a, b) => a.pos - b.pos);
  out.errors.sort((a, b) => a.pos - b.pos);
}

function analyzePostgresOrAuto(sql: string, dialect: 'postgres' | 'auto'): SqlAnalysis {
  const ctx = newContext();
  if (dialect === 'postgres') {
    const out: Collected = { statements: [], errors: [] };
    analyzePostgresText(sql, ctx, out, true);
    sortByPos(out);
    return { ...out, dialect: 'postgres' };
  }

  // auto: PostgreSQL's grammar first, on the whole text. MySQL runs the code inside /*! … */
  // comments that PostgreSQL skips (mysqldump output): such text is read as MySQL.
  const { text, metas } = withoutMetaCommands(sql);
  const whole: Collected = { statements: [], errors: [] };
  const versioned = /\/\*M?!/.test(sql) && splitMysql(sql).features.has('versioned-comment');
  const failure = versioned ? { message: 'MySQL versioned comment', pos: 0 } : parseAndDescribe(text, text, 0, ctx, whole);
  if (!failure) {
    for (const meta of metas) judgeMeta(meta, whole);
    sortByPos(whole);
    return { ...whole, dialect: 'postgres' };
  }

  // PostgreSQL rejects it. Statement by statement: what PostgreSQL reads stays PostgreSQL, what it
  // rejects goes to the MySQL classifier. The two dialects quote differently (backslash escapes,
  // `#` comments, backticks, dollar quotes): if they would split the text into different statements,
  // nobody can say which reading the server will use, so that is an error.
  const out: Collected = { statements: [], errors: [] };
  const my = splitMysql(sql);
  const pgTokens = lexPg(sql, false);
  const pgPieces = splitPgTokens(pgTokens).map((p) => [(p[0] as PgToken).pos, (p[p.length - 1] as PgToken).end]);
  const myPieces = my.pieces.map((p) => [p.pos, p.end]);
  const evidence = mysqlEvidence(my);
  // Dollar quoting (`AS $$ … $$`) is PostgreSQL's alone: a file full of function bodies so quoted
  // (liberapay's sql/migrations.sql) is read as PostgreSQL, not as a dialect nobody can tell.
  const dollarQuoted = !evidence && pgTokens.some((token) => token.type === 'dollar');
  if (!evidence && !dollarQuoted && JSON.stringify(pgPieces) !== JSON.stringify(myPieces)) {
    out.errors.push({
      message: 'PostgreSQL and MySQL would read this SQL as different statements (their quoting differs); name the dialect',
      pos: 0,
    });
  }
  let usedMysql = false;
  if (evidence) {
    // Backticks, `#` comments, DELIMITER, /*! … */: MySQL text. Its pieces are MySQL's.
    const result = analyzeMysql(sql, judgeMysqlWhere, (piece) => {
      if (piece.mysqlOnly) return false;
      const one: Collected = { statements: [], errors: [] };
      const fail = parseAndDescribe(sql.slice(piece.pos, piece.end), sql, piece.pos, ctx, one);
      if (fail) return false;
      out.statements.push(...one.statements);
      out.errors.push(...one.errors);
      return true;
    });
    usedMysql = result.statements.length > 0 || result.errors.length > 0;
    out.statements.push(...result.statements);
    out.errors.push(...result.errors);
  } else {
    for (const meta of metas) judgeMeta(meta, out);
    for (const piece of splitPgTokens(lexPg(text, false))) {
      const first = piece[0] as PgToken;
      const last = piece[piece.length - 1] as PgToken;
      const pieceText = text.slice(first.pos, last.end);
      const fail = parseAndDescribe(pieceText, text, first.pos, ctx, out);
      if (!fail) continue;
      const result = analyzeMysql(pieceText, judgeMysqlWhere);
      const shift = first.pos;
      const unknown = result.statements.length === 0;
      if (unknown) {
        out.errors.push(fail);
        continue;
      }
      usedMysql = true;
      out.statements.push(...result.statements.map((s) => ({ ...s, pos: s.pos + shift, end: s.end + shift })));
      out.errors.push(...result.errors.map((e) => ({ ...e, pos: e.pos + shift })));
    }
  }
  sortByPos(out);
  return { ...out, dialect: usedMysql ? 'mysql' : 'postgres' };
}
