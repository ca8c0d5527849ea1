// Cypher (Neo4j), InfluxQL (InfluxDB 1.x) and Oracle SQL with SQL*Plus commands (parse stage,
// pure): what each statement sent through cypher-shell, influx or sqlplus/SQLcl would do, in the
// statement kinds every SQL rule reads.
//
// All three quote and separate statements the way MySQL's lexer reads them (single-quoted
// strings, double-quoted or backticked names, `;`), so the text is split by that lexer and each
// statement read by its shape here — as ClickHouse SQL and CQL are (column-stores.ts):
// - Cypher (Cypher manual, "Clauses" and "Administration"): `MATCH … [DETACH] DELETE` and
//   `SET`/`REMOVE` with no WHERE (and no property map in the pattern) touch every node the
//   pattern names; `DROP DATABASE` (and `CREATE OR REPLACE DATABASE`, which replaces it empty)
//   drops one; `CALL apoc.periodic.iterate('MATCH …', 'DETACH DELETE n', …)` runs the Cypher of
//   its strings. cypher-shell's own `:use`, `:param`, `:begin` … touch nothing.
// - InfluxQL (InfluxQL reference, "Schema exploration" and "Database management"): `DROP
//   DATABASE`, `DROP MEASUREMENT`, `DROP SERIES` without WHERE, `DROP RETENTION POLICY` and `DROP
//   SHARD` throw data away; `DELETE [FROM m]` without WHERE deletes every point.
// - Oracle: SQL*Plus's own commands (SET, SPOOL, PROMPT, WHENEVER, COLUMN, DEFINE, EXIT …) are
//   the shell's and touch nothing, `SHUTDOWN` stops the instance, `@file` and `HOST` run what is
//   not seen here; `DROP DATABASE`, `DROP USER … CASCADE` (a user is a schema), `DROP TABLESPACE
//   … INCLUDING CONTENTS`, `DROP TABLE … PURGE` and `TRUNCATE` are read by shape, the rest by the
//   MySQL classifier.
// Whatever is left that is not known is an error: callers fail closed.
import { analyzeMysql } from './mysql-fallback.js';
import type { Collected } from './mysql-classify.js';
import { splitMysql, type MyToken, type MysqlPiece } from './mysql-lexer.js';
import { baseStatement, type SqlStatement, type SqlStatementKind } from './statement.js';
import { judgeMysqlWhere } from './where.js';

const word = (piece: MysqlPiece, k: number): string | undefined => {
  const token = piece.tokens[k];
  return token?.type === 'word' ? token.value.toUpperCase() : undefined;
};

const words = (piece: MysqlPiece): (string | undefined)[] => piece.tokens.map((_, k) => word(piece, k));

function statement(sql: string, piece: MysqlPiece, kind: SqlStatementKind, extra: Partial<SqlStatement> = {}): SqlStatement {
  return { ...baseStatement(kind, { text: sql.slice(piece.pos, piece.end).trim(), pos: piece.pos, end: piece.end }, 'mysql'), ...extra };
}

/** The name after `k` (a word, quoted name or dotted name), as written. */
function nameAt(sql: string, tokens: readonly MyToken[], k: number): string | undefined {
  const first = tokens[k];
  if (!first || !['word', 'qident', 'string'].includes(first.type)) return undefined;
  let end = k;
  while (tokens[end + 1]?.type === 'dot' && tokens[end + 2]) end += 2;
  return tokens
    .slice(k, end + 1)
    .map((t) => (t.type === 'dot' ? '.' : t.value))
    .join('');
}

/** Text split into statements, each read by `read`; a statement it does not know is an error. */
function readEach(sql: string, read: (piece: MysqlPiece) => SqlStatement[] | undefined, dialect: string): Collected {
  const split = splitMysql(sql);
  const out: Collected = { statements: [], errors: [] };
  for (const piece of split.pieces) {
    if (piece.tokens.length === 0) continue;
    const read_ = read(piece);
    if (read_) out.statements.push(...read_);
    else {
      const text = sql.slice(piece.pos, piece.end).trim();
      out.errors.push({ message: `could not classify ${dialect}: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`, pos: piece.pos });
    }
  }
  return out;
}

/** Lines that are a shell's own commands, blanked (offsets kept) so the lexer never sees them. */
function blankLines(sql: string, isShellLine: (line: string) => boolean): string {
  return sql
    .split('\n')
    .map((line) => (isShellLine(line.trim()) ? ' '.repeat(line.length) : line))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Cypher

const CYPHER_READING = new Set(['MATCH', 'OPTIONAL', 'WITH', 'RETURN', 'UNWIND', 'USE', 'SHOW', 'EXPLAIN', 'PROFILE', 'ORDER', 'LIMIT', 'SKIP', 'UNION']);

/** A query's clauses: what it deletes or changes, and whether a WHERE or a property map in the
 *  pattern chooses the nodes. */
function cypherQuery(sql: string, piece: MysqlPiece, tokens: readonly MyToken[]): SqlStatement[] | undefined {
  const W = tokens.map((t) => (t.type === 'word' ? t.value.toUpperCase() : undefined));
  const labels = tokens.flatMap((t, k) =>
    t.type === 'op' && t.value === ':' && tokens[k + 1]?.type === 'word' && tokens[k - 1]?.type !== 'op' ? [tokens[k + 1]!.value] : [],
  );
  const at = (name: string) => W.indexOf(name);
  // A property map inside a pattern's parentheses (`(a:Account {id: 1})`) chooses nodes as a
  // WHERE does; a `{` outside them opens a subquery (`CALL { … }`) or a map value.
  const mapInPattern = (end: number) => {
    let depth = 0;
    return tokens.slice(0, end).some((t) => {
      if (t.type === 'open') depth++;
      else if (t.type === 'close') depth--;
      return depth > 0 && t.value.startsWith('{');
    });
  };
  const chosenBefore = (end: number) => W.slice(0, end).includes('WHERE') || mapInPattern(end);
  const del = at('DELETE');
  if (del >= 0) return [statement(sql, piece, 'delete', { tables: labels, where: chosenBefore(del) ? 'present' : 'none' })];
  const set = W.findIndex((w, k) => (w === 'SET' || w === 'REMOVE') && !(W[k - 2] === 'ON' && (W[k - 1] === 'CREATE' || W[k - 1] === 'MATCH')));
  if (set >= 0 && W[0] !== 'CREATE' && W[0] !== 'MERGE')
    return [statement(sql, piece, 'update', { tables: labels, where: chosenBefore(set) ? 'present' : 'none' })];
  if (W.includes('CREATE') || W.includes('MERGE') || W.includes('SET')) return [statement(sql, piece, 'insert', { tables: labels })];
  if (W[0] && CYPHER_READING.has(W[0])) return [statement(sql, piece, 'select', { tables: labels })];
  return undefined;
}

function cypherStatement(sql: string, piece: MysqlPiece): SqlStatement[] | undefined {
  const W = words(piece);
  const T = piece.tokens;
  const [first, second] = W;
  if (first === 'DROP') {
    const k = W[1] === 'COMPOSITE' ? 3 : 2;
    const name = nameAt(sql, T, k);
    if (second === 'DATABASE' || second === 'COMPOSITE' || second === 'ALIAS')
      return [
        statement(sql, piece, second === 'ALIAS' ? 'drop-other' : 'drop-database', {
          ...(name ? { names: [name] } : {}),
          ...(W.includes('EXISTS') ? { ifExists: true } : {}),
        }),
      ];
    if (second === 'USER' || second === 'ROLE') return [statement(sql, piece, 'drop-role', name ? { names: [name] } : {})];
    if (second === 'CONSTRAINT' || second === 'INDEX' || second === 'SERVER') return [statement(sql, piece, 'drop-other', name ? { names: [name] } : {})];
    return undefined;
  }
  if (first === 'CREATE' && second === 'OR' && W[2] === 'REPLACE' && (W[3] === 'DATABASE' || W[3] === 'COMPOSITE')) {
    // The existing database is dropped and created again, empty.
    const name = nameAt(sql, T, W[3] === 'COMPOSITE' ? 5 : 4);
    return [statement(sql, piece, 'drop-database', name ? { names: [name] } : {})];
  }
  if (
    (first === 'CREATE' || first === 'ALTER' || first === 'START' || first === 'STOP' || first === 'RENAME') &&
    second !== undefined &&
    !['(', 'OR'].includes(second)
  ) {
    if (
      ['DATABASE', 'COMPOSITE', 'ALIAS', 'USER', 'ROLE', 'INDEX', 'CONSTRAINT', 'SERVER', 'RANGE', 'TEXT', 'POINT', 'LOOKUP', 'FULLTEXT', 'VECTOR'].includes(
        second,
      )
    )
      return [statement(sql, piece, first === 'CREATE' ? 'create' : 'other')];
  }
  if (first === 'GRANT' || first === 'DENY') return [statement(sql, piece, 'grant')];
  if (first === 'REVOKE') return [statement(sql, piece, 'revoke')];
  if (first === 'TERMINATE') return [statement(sql, piece, 'terminate-sessions')];
  if (first === 'CALL' || (first === 'USE' && W.includes('CALL'))) {
    // A procedure that runs Cypher given as strings (apoc.periodic.iterate/commit, apoc.cypher.run…):
    // the strings read together as one query. Without any, a procedure call that reads.
    const strings = T.filter((t) => t.type === 'string').map((t) => t.value);
    if (strings.length > 0) {
      const inner = strings.join(' ');
      const split = splitMysql(inner).pieces[0];
      const read = split ? cypherQuery(sql, piece, split.tokens) : undefined;
      if (read && read.some((s) => s.kind !== 'select')) return read;
    }
    return [statement(sql, piece, 'select')];
  }
  return cypherQuery(sql, piece, T);
}

/** cypher-shell's own commands (`:use db`, `:param x => 1`, `:begin`, `:exit` …) and `//` comments. */
function cypherShellLine(line: string): boolean {
  return line.startsWith('//') || (line.startsWith(':') && !/^:source\b/i.test(line));
}

export function analyzeCypher(sql: string): Collected {
  const errors: Collected['errors'] = [];
  // `:source FILE` runs a file this line does not show.
  for (const match of sql.matchAll(/^\s*:source\b.*$/gim))
    errors.push({ message: `cypher-shell runs a file that is not read here: ${match[0].trim()}`, pos: match.index });
  const read = readEach(
    blankLines(sql, cypherShellLine).replace(/^\s*:source\b.*$/gim, (m) => ' '.repeat(m.length)),
    (piece) => cypherStatement(sql, piece),
    'Cypher',
  );
  return { statements: read.statements, errors: [...errors, ...read.errors] };
}

// ---------------------------------------------------------------------------------------------
// InfluxQL

/** The influx shell's own commands (`influx` 1.x "Commands"): they set how it talks, not data. */
const INFLUX_SHELL = new Set([
  'USE',
  'PRECISION',
  'FORMAT',
  'SETTINGS',
  'CONSISTENCY',
  'PRETTY',
  'CHUNKED',
  'CHUNK',
  'HISTORY',
  'EXIT',
  'QUIT',
  'AUTH',
  'CONNECT',
  'CLEAR',
  'NODE',
  'HELP',
]);

function influxStatement(sql: string, piece: MysqlPiece): SqlStatement[] | undefined {
  const W = words(piece);
  const T = piece.tokens;
  const [first, second] = W;
  if (first === 'SELECT' || first === 'SHOW' || first === 'EXPLAIN') return [statement(sql, piece, 'select')];
  if (first && INFLUX_SHELL.has(first)) return [statement(sql, piece, 'other')];
  if (first === 'INSERT') return [statement(sql, piece, 'insert')];
  if (first === 'CREATE') return [statement(sql, piece, 'create')];
  if (first === 'GRANT') return [statement(sql, piece, 'grant')];
  if (first === 'REVOKE') return [statement(sql, piece, 'revoke')];
  if (first === 'KILL' || first === 'SET') return [statement(sql, piece, 'other')];
  // A shorter retention deletes the points older than it at the next enforcement.
  if (first === 'ALTER' && second === 'RETENTION') return [statement(sql, piece, W.includes('DURATION') ? 'alter-table-alter-type' : 'alter-table-other')];
  const where = W.includes('WHERE');
  if (first === 'DELETE') {
    const from = W.indexOf('FROM');
    const table = from >= 0 ? nameAt(sql, T, from + 1) : undefined;
    return [statement(sql, piece, 'delete', { tables: table ? [table] : [], where: where ? 'present' : 'none' })];
  }
  if (first === 'DROP') {
    const name = nameAt(sql, T, second === 'RETENTION' || second === 'CONTINUOUS' ? 3 : 2);
    const names = name ? { names: [name] } : {};
    switch (second) {
      case 'DATABASE':
        return [statement(sql, piece, 'drop-database', names)];
      case 'MEASUREMENT':
        return [statement(sql, piece, 'drop-table', { tables: name ? [name] : [] })];
      case 'SERIES': {
        const from = W.indexOf('FROM');
        const table = from >= 0 ? nameAt(sql, T, from + 1) : undefined;
        const tables = table ? [table] : [];
        return [where ? statement(sql, piece, 'delete', { tables, where: 'present' }) : statement(sql, piece, 'drop-table', { tables })];
      }
      case 'RETENTION':
      case 'SHARD':
        return [statement(sql, piece, 'drop-table', { tables: name ? [name] : [] })];
      case 'USER':
        return [statement(sql, piece, 'drop-role', names)];
      case 'CONTINUOUS':
      case 'SUBSCRIPTION':
        return [statement(sql, piece, 'drop-other', names)];
    }
  }
  return undefined;
}

export function analyzeInfluxql(sql: string): Collected {
  // `-- comment` lines are InfluxQL's comments; the MySQL lexer reads them too.
  return readEach(sql, (piece) => influxStatement(sql, piece), 'InfluxQL');
}

// ---------------------------------------------------------------------------------------------
// Oracle SQL through SQL*Plus or SQLcl

/** SQL*Plus commands (SQL*Plus User's Guide, "SQL*Plus Command Reference") that touch no data,
 *  by their shortest abbreviation. A line that starts with one at a statement boundary is the
 *  shell's. */
const SQLPLUS_QUIET: readonly [string, number][] = [
  ['SET', 3],
  ['SHOW', 3],
  ['SPOOL', 3],
  ['PROMPT', 3],
  ['WHENEVER', 8],
  ['EXIT', 4],
  ['QUIT', 4],
  ['COLUMN', 3],
  ['TTITLE', 3],
  ['BTITLE', 3],
  ['REPHEADER', 5],
  ['REPFOOTER', 5],
  ['BREAK', 3],
  ['COMPUTE', 4],
  ['DEFINE', 3],
  ['UNDEFINE', 5],
  ['VARIABLE', 3],
  ['PRINT', 2],
  ['DESCRIBE', 4],
  ['CLEAR', 2],
  ['TIMING', 3],
  ['PAUSE', 3],
  ['ACCEPT', 3],
  ['REMARK', 3],
  ['CONNECT', 4],
  ['DISCONNECT', 4],
  ['STARTUP', 7],
  ['RECOVER', 7],
  ['ARCHIVE', 7],
  ['ATTRIBUTE', 4],
  ['STORE', 5],
  ['SAVE', 3],
  ['EDIT', 2],
  ['GET', 3],
  ['LIST', 1],
  ['RUN', 1],
  ['HELP', 4],
  ['PASSWORD', 4],
  ['COPY', 4],
  ['XQUERY', 6],
  ['HISTORY', 4],
];

function sqlplusCommand(line: string): string | undefined {
  const first = /^[A-Za-z]+/.exec(line)?.[0].toUpperCase();
  if (!first) return undefined;
  return SQLPLUS_QUIET.find(([name, shortest]) => first.length >= shortest && name.startsWith(first))?.[0];
}

function oracleStatement(sql: string, piece: MysqlPiece): SqlStatement[] | undefined {
  const W = words(piece);
  const T = piece.tokens;
  const [first, second] = W;
  if (first === 'DROP') {
    if (second === 'DATABASE') return [statement(sql, piece, 'drop-database')];
    if (second === 'USER') {
      const name = nameAt(sql, T, 2);
      // A user owns its schema: CASCADE drops every object in it.
      return [statement(sql, piece, W.includes('CASCADE') ? 'drop-schema' : 'drop-role', name ? { names: [name] } : {})];
    }
    if (second === 'TABLESPACE' || (second === 'PLUGGABLE' && W[2] === 'DATABASE')) {
      const name = nameAt(sql, T, second === 'PLUGGABLE' ? 3 : 2);
      const contents = W.includes('INCLUDING') && (W.includes('CONTENTS') || W.includes('DATAFILES'));
      return [statement(sql, piece, contents ? 'drop-database' : 'drop-other', name ? { names: [name] } : {})];
    }
    if (second === 'TABLE') {
      let k = 2;
      if (W[k] === 'IF' && W[k + 1] === 'EXISTS') k += 2;
      const name = nameAt(sql, T, k);
      return [
        statement(sql, piece, 'drop-table', {
          tables: name ? [name] : [],
          ...(k > 2 ? { ifExists: true } : {}),
          ...(W.includes('CASCADE') ? { cascade: true } : {}),
        }),
      ];
    }
  }
  if (first === 'TRUNCATE' && (second === 'TABLE' || second === 'CLUSTER')) {
    const name = nameAt(sql, T, 2);
    return [statement(sql, piece, 'truncate', { tables: name ? [name] : [] })];
  }
  if (first === 'PURGE') return [statement(sql, piece, second === 'TABLE' || second === 'RECYCLEBIN' || second === 'DBA_RECYCLEBIN' ? 'drop-table' : 'other')];
  if (first === 'FLASHBACK' || first === 'ANALYZE' || first === 'AUDIT' || first === 'NOAUDIT' || first === 'COMMENT') return [statement(sql, piece, 'other')];
  if (first === 'SHUTDOWN' || (first === 'ALTER' && second === 'SYSTEM' && W[2] === 'SHUTDOWN')) return [statement(sql, piece, 'shutdown')];
  if (first === 'ALTER' && (second === 'SYSTEM' || second === 'SESSION' || second === 'DATABASE' || second === 'USER')) return [statement(sql, piece, 'other')];
  if (first === 'MERGE') return [statement(sql, piece, 'insert')];
  // `DELETE t WHERE …`: FROM is optional in Oracle.
  if (first === 'DELETE' && second !== 'FROM' && T[1]) {
    const synthetic = `DELETE FROM ${sql.slice(T[1].pos, piece.end)}`;
    const read = analyzeMysql(synthetic, judgeMysqlWhere);
    if (read.errors.length === 0 && read.statements.length > 0)
      return read.statements.map((s) => ({ ...s, text: sql.slice(piece.pos, piece.end).trim(), pos: piece.pos, end: piece.end }));
  }
  // EXEC proc(…) is `BEGIN proc(…); END;`: a call, as CALL is.
  if (first === 'EXEC' || first === 'EXECUTE') {
    const read = analyzeMysql(`CALL ${sql.slice(T[1]?.pos ?? piece.end, piece.end)}`, judgeMysqlWhere);
    if (read.errors.length === 0 && read.statements.length > 0)
      return read.statements.map((s) => ({ ...s, text: sql.slice(piece.pos, piece.end).trim(), pos: piece.pos, end: piece.end }));
  }
  return undefined;
}

export function analyzeOracle(sql: string): Collected {
  const errors: Collected['errors'] = [];
  // Walk the lines: SQL*Plus's own commands (at a statement boundary) and comments are taken
  // out, `/` ends the statement in the buffer, `@file`, START and HOST run what is not seen here,
  // and SHUTDOWN (which needs no `;`) is a statement of its own.
  let pending = false;
  let offset = 0;
  const kept: string[] = [];
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    let out = line;
    if (trimmed === '/') out = pending ? ';' : '';
    else if (!pending) {
      if (trimmed.startsWith('--') || /^REM(ARK)?(\s|$)/i.test(trimmed)) out = '';
      else if (/^(@|STA(RT?)?\s|HOST(\s|$)|HO\s|!)/i.test(trimmed)) {
        errors.push({ message: `sqlplus runs what is not read here: ${trimmed}`, pos: offset });
        out = '';
      } else if (/^SHUTDOWN(\s|;|$)/i.test(trimmed)) out = `${trimmed.replace(/;?\s*$/, '')};`;
      else if (sqlplusCommand(trimmed) !== undefined) out = '';
    }
    kept.push(out);
    if (out.trim() !== '') pending = !/;\s*$/.test(out.trim());
    offset += line.length + 1;
  }
  const text = kept.join('\n');
  const read = readEach(
    text,
    (piece) => {
      const own = oracleStatement(text, piece);
      if (own) return own;
      const one = text.slice(piece.pos, piece.end);
      const mysql = analyzeMysql(one, judgeMysqlWhere);
      if (mysql.errors.length > 0 || mysql.statements.length === 0) return undefined;
      return mysql.statements.map((s) => ({ ...s, text: one.trim(), pos: piece.pos, end: piece.end }));
    },
    'Oracle SQL',
  );
  return { statements: read.statements, errors: [...errors, ...read.errors] };
}

// ---------------------------------------------------------------------------------------------
// RMAN (Backup and Recovery Reference): its commands, `RUN { … }` blocks and `SQL '…'`.

/** RMAN commands that delete no backup and drop nothing (BACKUP, LIST, REPORT, CROSSCHECK …). */
const RMAN_QUIET = new Set([
  'BACKUP',
  'LIST',
  'REPORT',
  'CROSSCHECK',
  'CONFIGURE',
  'ALLOCATE',
  'RELEASE',
  'SET',
  'SHOW',
  'CATALOG',
  'STARTUP',
  'EXIT',
  'QUIT',
  'VALIDATE',
  'RESTORE',
  'RECOVER',
  'DUPLICATE',
  'SPOOL',
  'CONNECT',
  'PRINT',
  'RESYNC',
  'REGISTER',
  'SWITCH',
  'SEND',
  'CONVERT',
  'TRANSPORT',
  'BLOCKRECOVER',
  'ADVISE',
  'REPAIR',
  'ALTER',
  'SQL',
  'EXECUTE',
]);

function rmanStatement(sql: string, piece: MysqlPiece): SqlStatement[] | undefined {
  // A `RUN {` opening or a `}` closing a block belongs to no command.
  let k = 0;
  const T = piece.tokens;
  while (k < T.length && (word(piece, k) === 'RUN' || T[k]!.value === '{' || T[k]!.value === '}')) k++;
  const rest = T.slice(k).filter((t) => t.value !== '}');
  if (rest.length === 0) return [];
  const W = rest.map((t) => (t.type === 'word' ? t.value.toUpperCase() : undefined));
  const [first, second] = W;
  if (first === 'DELETE') {
    // OBSOLETE (past the retention policy), EXPIRED (records of files already gone) and archived
    // logs already backed up are the routine clean-up; anything else deletes backups.
    const routine = W.includes('OBSOLETE') || W.includes('EXPIRED') || (W.includes('ARCHIVELOG') && W.includes('BACKED'));
    return [statement(sql, piece, routine ? 'other' : 'backup-delete')];
  }
  if (first === 'CHANGE' && W.includes('DELETE')) return [statement(sql, piece, 'backup-delete')];
  if (first === 'DROP' && second === 'DATABASE') return [statement(sql, piece, 'drop-database')];
  if (first === 'SHUTDOWN') return [statement(sql, piece, 'shutdown')];
  if (first === 'SQL') {
    const text = rest.find((t) => t.type === 'string')?.value;
    if (text !== undefined) return analyzeOracle(text).statements.map((s) => ({ ...s, pos: piece.pos, end: piece.end }));
  }
  if (first && RMAN_QUIET.has(first)) return [statement(sql, piece, 'other')];
  return undefined;
}

export function analyzeRman(sql: string): Collected {
  // `#` starts a comment to the end of the line.
  const text = sql.replace(/#[^\n]*/g, (m) => ' '.repeat(m.length));
  return readEach(text, (piece) => rmanStatement(text, piece), 'RMAN');
}
