// ClickHouse SQL and Cassandra CQL (parse stage, pure): what each statement sent through
// clickhouse-client or cqlsh would do.
//
// Neither language parses as PostgreSQL, and no maintained grammar for either ships as a small
// package, but both quote and separate statements the way MySQL's lexer reads them (single-quoted
// strings, backtick or double-quoted names, `;`). So the text is split by that lexer and read by
// the MySQL classifier, after the shapes only these languages have are read here first:
// - ClickHouse mutations `ALTER TABLE t [ON CLUSTER c] DELETE WHERE …` / `UPDATE … WHERE …` are a
//   DELETE / UPDATE whose WHERE is judged like any other; `DROP PARTITION|PART`, `DELETE IN
//   PARTITION` without WHERE and `CLEAR COLUMN` throw data away; `EXISTS`/`WITH … SELECT` read.
// - CQL `DROP KEYSPACE` drops a whole database, `DROP COLUMNFAMILY` a table; cqlsh's own
//   commands (CONSISTENCY, EXPAND, PAGING, TRACING, DESCRIBE, COPY … TO) touch no data, while
//   `COPY … FROM` writes rows.
// Whatever is left that the classifier does not know is an error: callers fail closed.
import { analyzeMysql } from './mysql-fallback.js';
import { classifyMysql, type Collected } from './mysql-classify.js';
import { splitMysql, type MyToken, type MysqlPiece } from './mysql-lexer.js';
import { baseStatement, type SqlStatement, type SqlStatementKind } from './statement.js';
import { judgeMysqlWhere } from './where.js';

const WRITING_WORDS = new Set(['INSERT', 'DELETE', 'UPDATE', 'ALTER', 'DROP', 'TRUNCATE', 'CREATE', 'RENAME', 'OPTIMIZE', 'SYSTEM', 'KILL']);

export type ColumnStoreDialect = 'clickhouse' | 'cql';

/** cqlsh's own commands that read nothing from and write nothing to the database's tables. */
const CQLSH_QUIET = new Set([
  'CONSISTENCY',
  'SERIAL',
  'EXPAND',
  'PAGING',
  'TRACING',
  'CAPTURE',
  'LOGIN',
  'CLEAR',
  'CLS',
  'EXIT',
  'QUIT',
  'HELP',
  'DESC',
  'DESCRIBE',
  'SHOW',
]);

export function analyzeColumnStoreSql(sql: string, dialect: ColumnStoreDialect): Collected {
  const claimed: SqlStatement[] = [];
  const errors: Collected['errors'] = [];
  const result = analyzeMysql(sql, judgeMysqlWhere, (piece) => {
    const read = dialect === 'clickhouse' ? clickhouseStatement(sql, piece) : cqlStatement(sql, piece);
    if (!read) return false;
    claimed.push(...read.statements);
    errors.push(...read.errors);
    return true;
  });
  const statements = [...result.statements, ...claimed].sort((a, b) => a.pos - b.pos);
  return { statements, errors: [...result.errors, ...errors].sort((a, b) => a.pos - b.pos) };
}

const word = (piece: MysqlPiece, k: number): string | undefined => {
  const token = piece.tokens[k];
  return token?.type === 'word' ? token.value.toUpperCase() : undefined;
};

function statement(sql: string, piece: MysqlPiece, kind: SqlStatementKind, extra: Partial<SqlStatement> = {}): Collected {
  const span = { text: sql.slice(piece.pos, piece.end).trim(), pos: piece.pos, end: piece.end };
  return { statements: [{ ...baseStatement(kind, span, 'mysql'), ...extra }], errors: [] };
}

/** The statement as the MySQL classifier reads `synthetic`, reported with the original text. */
function readAs(sql: string, piece: MysqlPiece, synthetic: string): Collected {
  const inner = splitMysql(synthetic).pieces[0];
  const text = sql.slice(piece.pos, piece.end).trim();
  const classified = inner ? classifyMysql(synthetic, inner, judgeMysqlWhere, 0) : null;
  if (!classified || classified.statements.length === 0) return { statements: [], errors: [{ message: `could not classify: ${text}`, pos: piece.pos }] };
  return {
    statements: classified.statements.map((s) => ({ ...s, text, pos: piece.pos, end: piece.end })),
    errors: classified.errors.map((e) => ({ ...e, pos: piece.pos })),
  };
}

/** The source text of tokens [from, to). */
function slice(sql: string, tokens: MyToken[], from: number, to: number): string {
  if (from >= to) return '';
  return sql.slice(tokens[from]!.pos, tokens[to - 1]!.end);
}

function clickhouseStatement(sql: string, piece: MysqlPiece): Collected | undefined {
  const T = piece.tokens;
  const first = word(piece, 0);
  if (first === 'EXISTS') return statement(sql, piece, 'select');
  if (first === 'WITH') {
    // `WITH x AS (…) SELECT …` reads; anything else after a WITH is left to the classifier.
    const words = T.map((_, k) => word(piece, k));
    if (words.includes('SELECT') && !words.some((w) => w && WRITING_WORDS.has(w))) return statement(sql, piece, 'select');
    return undefined;
  }
  if (first !== 'ALTER' || word(piece, 1) !== 'TABLE') return undefined;
  // ALTER TABLE [db.]t [ON CLUSTER c] action[, action…]
  let k = 2;
  const nameStart = k;
  while (T[k] && (T[k]!.type === 'word' || T[k]!.type === 'qident' || T[k]!.type === 'string') && T[k + 1]?.type === 'dot') k += 2;
  if (!T[k]) return undefined;
  k++;
  const table = slice(sql, T, nameStart, k);
  if (word(piece, k) === 'ON' && word(piece, k + 1) === 'CLUSTER') k += 3;
  const actions: [number, number][] = [];
  let depth = 0;
  let start = k;
  for (let j = k; j <= T.length; j++) {
    const t = T[j];
    if (t?.type === 'open') depth++;
    else if (t?.type === 'close') depth--;
    else if (!t || (t.type === 'comma' && depth === 0)) {
      actions.push([start, j]);
      start = j + 1;
    }
  }
  const out: Collected = { statements: [], errors: [] };
  const tableName = T[k - 1] ? table.replace(/[`"]/g, '') : table;
  for (const [from, to] of actions) {
    const verb = word(piece, from);
    const next = word(piece, from + 1);
    const whereAt = T.findIndex((t, j) => j > from && j < to && word(piece, j) === 'WHERE');
    let read: Collected;
    if ((verb === 'DELETE' || verb === 'UPDATE') && whereAt >= 0) {
      const condition = slice(sql, T, whereAt + 1, to);
      read =
        verb === 'DELETE'
          ? readAs(sql, piece, `DELETE FROM ${table} WHERE ${condition}`)
          : readAs(sql, piece, `UPDATE ${table} SET ${slice(sql, T, from + 1, whereAt)} WHERE ${condition}`);
    } else if (verb === 'DELETE' || (verb === 'DROP' && (next === 'PARTITION' || next === 'PART' || next === 'DETACHED'))) {
      // Every row of the partition (or, with no WHERE, of the table) goes.
      read = statement(sql, piece, 'truncate', { tables: [tableName] });
    } else if ((verb === 'DROP' || verb === 'CLEAR') && next === 'COLUMN') {
      const column = T[from + 2] && word(piece, from + 2) === 'IF' ? T[from + 4] : T[from + 2];
      read = statement(sql, piece, 'alter-table-drop-column', { tables: [tableName], ...(column ? { columns: [column.value] } : {}) });
    } else if (verb === 'MODIFY' && next === 'TTL') {
      // A new TTL deletes every row already older than it at the next merge.
      read = statement(sql, piece, 'alter-table-alter-type', { tables: [tableName] });
    } else read = statement(sql, piece, 'alter-table-other', { tables: [tableName] });
    out.statements.push(...read.statements);
    out.errors.push(...read.errors);
  }
  return out;
}

function cqlStatement(sql: string, piece: MysqlPiece): Collected | undefined {
  const first = word(piece, 0);
  const second = word(piece, 1);
  if (first && CQLSH_QUIET.has(first)) return statement(sql, piece, 'other');
  if (first === 'DROP' && (second === 'KEYSPACE' || second === 'COLUMNFAMILY')) {
    const T = piece.tokens;
    let k = 2;
    if (word(piece, k) === 'IF' && word(piece, k + 1) === 'EXISTS') k += 2;
    const name = slice(sql, T, k, T.length).replace(/[`"]/g, '');
    return statement(sql, piece, second === 'KEYSPACE' ? 'drop-database' : 'drop-table', {
      ...(second === 'KEYSPACE' ? { names: [name] } : { tables: [name] }),
      ...(k > 2 ? { ifExists: true } : {}),
    });
  }
  if (first === 'TRUNCATE' && second === 'COLUMNFAMILY')
    return statement(sql, piece, 'truncate', { tables: [slice(sql, piece.tokens, 2, piece.tokens.length)] });
  if (first === 'COPY') {
    const to = piece.tokens.findIndex((_, k) => word(piece, k) === 'TO' || word(piece, k) === 'FROM');
    if (to < 0) return undefined;
    return statement(sql, piece, word(piece, to) === 'FROM' ? 'insert' : 'select', { tables: [slice(sql, piece.tokens, 1, to)] });
  }
  return undefined;
}
