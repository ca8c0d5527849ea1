// SQL analysis (parse stage, pure): what each statement of a piece of SQL would do.
//
// PostgreSQL text is read by PostgreSQL's own grammar (libpg-query), so keywords inside strings,
// dollar-quoted bodies and comments are never mistaken for statements. MySQL text that grammar
// rejects goes to a MySQL lexer and classifier (mysql-fallback.ts). Whatever neither can classify
// lands in `errors`: callers fail closed on errors and never treat them as harmless (STYLE.md §5).
import { parsePostgres } from './load.js';
import { analyzeMysql, mysqlEvidence, splitMysql, type WhereJudgement } from './mysql-fallback.js';

export type SqlStatementKind =
  | 'drop-database'
  | 'drop-schema'
  | 'drop-table'
  | 'drop-other'
  | 'truncate'
  | 'delete'
  | 'update'
  | 'alter-table-drop-column'
  | 'alter-table-alter-type'
  | 'alter-table-other'
  /** STOP SLAVE/REPLICA, RESET SLAVE [ALL], RESET MASTER, CHANGE MASTER/REPLICATION SOURCE TO,
   *  SELECT pg_promote(), pg_drop_replication_slot(...), ALTER SYSTEM … primary_conninfo (github-2018). */
  | 'replication'
  | 'transaction'
  | 'select'
  | 'insert'
  | 'create'
  | 'grant'
  | 'set'
  | 'other';

export interface SqlStatement {
  kind: SqlStatementKind;
  /** The statement's own text, trimmed (leading comments removed). */
  text: string;
  /** Offsets into the analysed input, [pos, end). */
  pos: number;
  end: number;
  /** Affected relations as the parser names them, schema-qualified when written so ('public.users'). */
  tables: string[];
  where: 'none' | 'always-true' | 'present' | 'not-applicable';
  /** Human words for an always-true WHERE, e.g. "WHERE 1 = 1 is always true". */
  whereReason?: string;
  /** DROP … CASCADE, TRUNCATE … CASCADE. */
  cascade?: boolean;
  ifExists?: boolean;
  /** For ALTER TABLE DROP COLUMN / ALTER COLUMN TYPE. */
  columns?: string[];
  /** Dropped object names (database, schema, table…). */
  names?: string[];
  /** Lower-cased names of the functions called (pg_promote, pg_terminate_backend…). */
  functionCalls?: string[];
  dialect: 'postgres' | 'mysql';
}

export interface SqlAnalysis {
  statements: SqlStatement[];
  /** Text that could not be parsed or analysed: callers fail closed, NEVER treat it as harmless. */
  errors: { message: string; pos: number }[];
  dialect: 'postgres' | 'mysql';
}

/** Functions whose call changes replication topology (github-2018): a statement that calls one is
 *  classified `replication` unless it is already destructive in its own right. */
export const REPLICATION_FUNCTIONS: ReadonlySet<string> = new Set(['pg_promote', 'pg_drop_replication_slot', 'pg_replication_origin_drop']);

const MYSQL_RESET_WORDS: ReadonlySet<string> = new Set(['master', 'slave', 'replica']);

/** ALTER SYSTEM settings that point a server at (or away from) its primary. */
const REPLICATION_SETTINGS: ReadonlySet<string> = new Set(['primary_conninfo', 'primary_slot_name']);

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

// ---------------------------------------------------------------------------------------------
// PostgreSQL lexer (psql's view of the text): enough to split statements, find psql meta-commands
// and walk PL/pgSQL bodies. Statement meaning always comes from the real parser.

type PgTokenType = 'space' | 'comment' | 'string' | 'dollar' | 'qident' | 'word' | 'number' | 'param' | 'op' | 'semi' | 'open' | 'close' | 'meta';

interface PgToken {
  type: PgTokenType;
  pos: number;
  end: number;
  /** Strings: E (backslash escapes), U&, B, X, N, or '' for a standard string. Dollar: the tag. */
  prefix?: string;
  unterminated?: boolean;
}

const OP_CHARS = '+-*/<>=~!@#%^&|`?';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

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

function lexPg(s: string, meta: boolean): PgToken[] {
  const out: PgToken[] = [];
  const n = s.length;
  let i = 0;
  const push = (type: PgTokenType, pos: number, end: number, extra?: Partial<PgToken>): void => {
    out.push({ type, pos, end, ...extra });
    i = end;
  };
  while (i < n) {
    const c = s[i] as string;
    const next = s[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(s[j] as string)) j++;
      push('space', i, j);
    } else if (c === '-' && next === '-') {
      const nl = s.indexOf('\n', i);
      push('comment', i, nl < 0 ? n : nl);
    } else if (c === '/' && next === '*') {
      // PostgreSQL block comments nest.
      let depth = 0;
      let j = i;
      while (j < n) {
        if (s[j] === '/' && s[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (s[j] === '*' && s[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      push('comment', i, j, depth > 0 ? { unterminated: true } : {});
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
      let j = i + 1;
      while (isIdentChar(s[j])) j++;
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
  return out;
}

const significant = (t: PgToken): boolean => t.type !== 'space' && t.type !== 'comment';

/** The value of a string or dollar-quoted token. */
function pgStringValue(s: string, t: PgToken): string {
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
function splitPgTokens(tokens: PgToken[]): PgToken[][] {
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

// ---------------------------------------------------------------------------------------------
// psql meta-commands. The server never sees them, so they are blanked out before parsing (offsets
// kept). Those that run something we cannot see are errors, so callers fail closed.

/** Meta-commands that end the query buffer and send it, like `;`. */
const META_TERMINATORS = new Set(['g', 'gx', 'gset', 'gdesc', 'gexec', 'watch', 'crosstabview', 'bind', 'sendpipeline']);
/** Meta-commands that only display, format, set client variables or control the script. */
const META_HARMLESS = new Set([
  'set',
  'unset',
  'pset',
  'timing',
  'echo',
  'qecho',
  'warn',
  'x',
  'a',
  't',
  'T',
  'f',
  'H',
  'C',
  'encoding',
  'prompt',
  'q',
  'quit',
  'conninfo',
  'l',
  'list',
  'p',
  'print',
  'r',
  'reset',
  'if',
  'elif',
  'else',
  'endif',
  'errverbose',
  'setenv',
  'getenv',
  'cd',
  '?',
  'h',
  'help',
  's',
  'z',
  'sf',
  'sv',
  'ef',
  'ev',
  'e',
  'edit',
  'startpipeline',
  'endpipeline',
  'syncpipeline',
  'flushrequest',
  'flush',
  'getresults',
  'parse',
  'bind_named',
  'close',
  'restrict',
  'unrestrict',
  'dconfig',
  'o',
  'out',
  'w',
  'write',
  'copyright',
  'lo_list',
  'lo_export',
]);

interface MetaCommand {
  name: string;
  pos: number;
  end: number;
  text: string;
}

function metaName(text: string): string {
  const m = /^\\([A-Za-z_+]+|[^A-Za-z_\s])/.exec(text);
  return m?.[1] ?? '';
}

/** Replace meta-commands with spaces (terminators with `;`), returning what they were. */
function blankMetaCommands(sql: string, tokens: PgToken[]): { text: string; metas: MetaCommand[] } {
  const metas: MetaCommand[] = [];
  const parts: string[] = [];
  let last = 0;
  for (const t of tokens) {
    if (t.type !== 'meta') continue;
    const raw = sql.slice(t.pos, t.end);
    const name = metaName(raw);
    metas.push({ name, pos: t.pos, end: t.end, text: raw.trim() });
    parts.push(sql.slice(last, t.pos), (META_TERMINATORS.has(name) ? ';' : ' ') + ' '.repeat(t.end - t.pos - 1));
    last = t.end;
  }
  if (!metas.length) return { text: sql, metas };
  parts.push(sql.slice(last));
  return { text: parts.join(''), metas };
}

function judgeMeta(meta: MetaCommand, out: Collected): void {
  const { name } = meta;
  const stmt = (kind: SqlStatementKind, extra: Partial<SqlStatement> = {}): void => {
    out.statements.push({ ...baseStatement(kind, meta), ...extra });
  };
  const arg = meta.text.slice(name.length + 1).trim();
  if (name === '!') out.errors.push({ message: `psql \\! runs a shell command that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (['i', 'include', 'ir', 'include_relative'].includes(name))
    out.errors.push({ message: `psql \\${name} runs another file that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (name === 'gexec')
    out.errors.push({ message: 'psql \\gexec runs every value the query returns as SQL; that SQL cannot be known here', pos: meta.pos });
  else if ((name === 'o' || name === 'out' || name === 'w' || name === 'write' || name === 'g' || name === 'gx') && arg.startsWith('|'))
    out.errors.push({ message: `psql \\${name} pipes output to a shell command that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (name === 'copy') {
    if (/\bprogram\b/i.test(arg)) out.errors.push({ message: `psql \\copy … program runs a shell command: ${meta.text}`, pos: meta.pos });
    const m = /^\(?\s*([^\s(]+)/.exec(arg);
    const table = m?.[1] ?? '';
    stmt(/\bfrom\b/i.test(arg) ? 'insert' : 'select', { tables: table && !/^select$/i.test(table) ? [table] : [] });
  } else if (name === 'lo_unlink') stmt('drop-other', { names: arg ? [arg] : [] });
  else if (name === 'c' || name === 'connect' || name === 'password' || name === 'lo_import') stmt('other');
  else if (name.startsWith('d') || META_HARMLESS.has(name) || META_TERMINATORS.has(name)) {
    // Display only, or the terminator of the statement before it (judged on its own).
  } else out.errors.push({ message: `unknown psql meta-command ${meta.text}`, pos: meta.pos });
}

// ---------------------------------------------------------------------------------------------
// From the parser's JSON to statements.

/**
 * A node of libpg-query's JSON: `{ NodeType: { …fields } }`. Shapes follow @pgsql/types; they are
 * read defensively (every field optional), which generic walks need, so they are typed loosely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic walks index children by key
type PgNode = any;

interface Span {
  text: string;
  pos: number;
  end: number;
}

interface Collected {
  statements: SqlStatement[];
  errors: { message: string; pos: number }[];
}

interface CreatedFunction {
  language: string;
  body?: string;
  bodyPos?: number;
  sqlBody?: PgNode;
  span: Span;
}

interface Context {
  /** Functions created earlier in the same input, by lower-cased name: their bodies run when called. */
  functions: Map<string, CreatedFunction>;
  expanding: Set<string>;
  depth: number;
}

function newContext(): Context {
  return { functions: new Map(), expanding: new Set(), depth: 0 };
}

function baseStatement(kind: SqlStatementKind, span: Span, dialect: 'postgres' | 'mysql' = 'postgres'): SqlStatement {
  return { kind, text: span.text, pos: span.pos, end: span.end, tables: [], where: 'not-applicable', dialect };
}

function nodeType(node: PgNode): [string, PgNode] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const key = Object.keys(node)[0];
  return key === undefined ? undefined : [key, node[key]];
}

function svalList(items: PgNode[] | undefined): string[] {
  return (items ?? []).map((item: PgNode) => item?.String?.sval ?? (item?.A_Star ? '*' : '?'));
}

function rangeVarName(rv: PgNode): string {
  if (!rv) return '?';
  return [rv.catalogname, rv.schemaname, rv.relname].filter((p: unknown) => typeof p === 'string' && p).join('.');
}

/** The name of a dropped object, whatever node type carries it. */
function objectName(obj: PgNode): string {
  const t = nodeType(obj);
  if (!t) return '?';
  const [type, body] = t;
  if (type === 'String') return body.sval ?? '?';
  if (type === 'List') return svalList(body.items).join('.');
  if (type === 'ObjectWithArgs') return svalList(body.objname).join('.');
  if (type === 'TypeName') return svalList(body.names).join('.');
  if (type === 'RangeVar') return rangeVarName(body);
  return '?';
}

/** Visit every node of a subtree. Return false from `visit` to not descend into that node. */
function walk(node: PgNode, visit: (type: string, body: PgNode) => boolean | void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      if (visit(key, value) === false) continue;
    }
    walk(value, visit);
  }
}

function functionCallsOf(node: PgNode): string[] {
  const names = new Set<string>();
  walk(node, (type, body) => {
    if (type === 'FuncCall') {
      const parts = svalList(body.funcname);
      const last = parts[parts.length - 1];
      if (last) names.add(last.toLowerCase());
    }
    // Function and rule bodies do not run when they are created.
    if (type === 'CreateFunctionStmt' || type === 'RuleStmt' || type === 'CreateTrigStmt') return false;
    return true;
  });
  return [...names];
}

function fromTables(fromClause: PgNode[] | undefined): string[] {
  const tables: string[] = [];
  const visit = (node: PgNode): void => {
    const t = nodeType(node);
    if (!t) return;
    if (t[0] === 'RangeVar') tables.push(rangeVarName(t[1]));
    else if (t[0] === 'JoinExpr') {
      visit(t[1].larg);
      visit(t[1].rarg);
    }
  };
  for (const item of fromClause ?? []) visit(item);
  return tables;
}

function defElems(options: PgNode[] | undefined): Map<string, PgNode> {
  const map = new Map<string, PgNode>();
  for (const opt of options ?? []) if (opt?.DefElem?.defname) map.set(opt.DefElem.defname, opt.DefElem);
  return map;
}

/** DML inside CTEs and subqueries (`WITH d AS (DELETE FROM users …) SELECT 1`) runs too. */
const NESTED_DML = new Set(['DeleteStmt', 'UpdateStmt', 'InsertStmt', 'MergeStmt']);
const NESTING_ROOTS = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CreateTableAsStmt', 'CopyStmt', 'DeclareCursorStmt']);

/** EXPLAIN ANALYZE executes its statement (`ANALYZE`, `ANALYZE true`, `ANALYZE 1`); plain EXPLAIN does not. */
function explainRuns(body: PgNode): boolean {
  const analyze = defElems(body.options).get('analyze');
  if (!analyze) return false;
  const arg = analyze.arg;
  if (!arg) return true;
  if (arg.String) return !/^(false|off|no|0|f|n)$/i.test(String(arg.String.sval ?? ''));
  if (arg.Integer) return (arg.Integer.ival ?? 0) !== 0;
  if (arg.Boolean) return arg.Boolean.boolval === true;
  return true;
}

interface DescribeOptions {
  /** PL/pgSQL context: `SELECT … INTO var` assigns a variable, it does not create a table. */
  plpgsql?: boolean;
}

/** Describe one parsed statement; returns it and any statements it runs (nested DML, DO bodies…). */
function describe(node: PgNode, span: Span, ctx: Context, out: Collected, options: DescribeOptions = {}): void {
  const t = nodeType(node);
  if (!t) {
    out.errors.push({ message: 'the parser returned an empty statement', pos: span.pos });
    return;
  }
  const [type, body] = t;
  const stmt = describeOne(type, body, span, ctx, out, options);
  if (stmt) out.statements.push(stmt);

  // The node whose subqueries and CTEs run: EXPLAIN ANALYZE and PREPARE stand for their query.
  const runs = type === 'ExplainStmt' ? (explainRuns(body) ? body.query : undefined) : type === 'PrepareStmt' ? body.query : node;
  const runsType = nodeType(runs)?.[0];
  if (runsType && NESTING_ROOTS.has(runsType)) {
    let root = true;
    walk(runs, (innerType, innerBody) => {
      if (root) {
        root = false;
        return true;
      }
      if (NESTED_DML.has(innerType)) {
        const inner = describeOne(innerType, innerBody, span, ctx, out, options);
        if (inner) out.statements.push(inner);
      }
      return true;
    });
  }

  // Functions created earlier in this input run their bodies when called here.
  const called = new Set(stmt?.functionCalls ?? []);
  if (type === 'CallStmt') for (const name of svalList(body.funccall?.funcname).slice(-1)) called.add(name.toLowerCase());
  for (const name of called) expandFunction(name, span, ctx, out);
}

/** Kinds that a replication function call outranks (`INSERT INTO t SELECT pg_promote()`). */
const OUTRANKED_BY_REPLICATION: ReadonlySet<SqlStatementKind> = new Set(['select', 'insert', 'create', 'set', 'grant', 'transaction', 'other']);

function describeOne(type: string, body: PgNode, span: Span, ctx: Context, out: Collected, options: DescribeOptions): SqlStatement | undefined {
  const s = describeKind(type, body, span, ctx, out, options);
  if (s && OUTRANKED_BY_REPLICATION.has(s.kind) && s.functionCalls?.some((c) => REPLICATION_FUNCTIONS.has(c))) s.kind = 'replication';
  return s;
}

function describeKind(type: string, body: PgNode, span: Span, ctx: Context, out: Collected, options: DescribeOptions): SqlStatement | undefined {
  const s = baseStatement('other', span);
  const calls = functionCallsOf({ [type]: body });
  if (calls.length) s.functionCalls = calls;
  const replicationCall = calls.some((c) => REPLICATION_FUNCTIONS.has(c));

  switch (type) {
    case 'DropdbStmt':
      s.kind = 'drop-database';
      s.names = [body.dbname ?? '?'];
      if (body.missing_ok) s.ifExists = true;
      return s;
    case 'DropStmt': {
      const names = (body.objects ?? []).map(objectName);
      s.kind = body.removeType === 'OBJECT_SCHEMA' ? 'drop-schema' : body.removeType === 'OBJECT_TABLE' ? 'drop-table' : 'drop-other';
      s.names = names;
      if (s.kind === 'drop-table') s.tables = names;
      if (body.behavior === 'DROP_CASCADE') s.cascade = true;
      if (body.missing_ok) s.ifExists = true;
      return s;
    }
    case 'TruncateStmt':
      s.kind = 'truncate';
      s.tables = (body.relations ?? []).map((r: PgNode) => rangeVarName(r.RangeVar));
      if (body.behavior === 'DROP_CASCADE') s.cascade = true;
      return s;
    case 'DeleteStmt':
    case 'UpdateStmt': {
      s.kind = type === 'DeleteStmt' ? 'delete' : 'update';
      s.tables = [rangeVarName(body.relation)];
      Object.assign(s, judgeWhere(body.whereClause, body.relation));
      return s;
    }
    case 'MergeStmt': {
      const commands = (body.mergeWhenClauses ?? []).map((c: PgNode) => c?.MergeWhenClause?.commandType);
      s.kind = commands.includes('CMD_DELETE') ? 'delete' : commands.includes('CMD_UPDATE') ? 'update' : 'insert';
      s.tables = [rangeVarName(body.relation)];
      s.where = 'present'; // the join condition decides which rows are touched
      return s;
    }
    case 'AlterTableStmt': {
      if (body.objtype !== 'OBJECT_TABLE' && body.objtype !== 'OBJECT_FOREIGN_TABLE') return s;
      s.tables = [rangeVarName(body.relation)];
      if (body.missing_ok) s.ifExists = true;
      const dropped: string[] = [];
      const retyped: string[] = [];
      for (const cmd of body.cmds ?? []) {
        const c = cmd?.AlterTableCmd;
        if (c?.subtype === 'AT_DropColumn') {
          dropped.push(c.name ?? '?');
          if (c.behavior === 'DROP_CASCADE') s.cascade = true;
        } else if (c?.subtype === 'AT_AlterColumnType') retyped.push(c.name ?? '?');
      }
      // The most destructive subcommand names the statement; columns lists its columns.
      if (dropped.length) {
        s.kind = 'alter-table-drop-column';
        s.columns = dropped;
      } else if (retyped.length) {
        s.kind = 'alter-table-alter-type';
        s.columns = retyped;
      } else s.kind = 'alter-table-other';
      return s;
    }
    case 'RenameStmt':
      if (body.relation && (body.renameType === 'OBJECT_TABLE' || body.relationType === 'OBJECT_TABLE')) {
        s.kind = 'alter-table-other';
        s.tables = [rangeVarName(body.relation)];
      }
      return s;
    case 'AlterSystemStmt': {
      const set = body.setstmt;
      s.kind = set?.kind === 'VAR_RESET_ALL' || REPLICATION_SETTINGS.has(String(set?.name ?? '').toLowerCase()) ? 'replication' : 'set';
      if (set?.name) s.names = [set.name];
      return s;
    }
    case 'SelectStmt':
      s.kind = replicationCall ? 'replication' : body.intoClause && !options.plpgsql ? 'create' : 'select';
      s.tables = fromTables(body.fromClause);
      return s;
    case 'InsertStmt':
      s.kind = 'insert';
      s.tables = [rangeVarName(body.relation)];
      return s;
    case 'CopyStmt':
      if (body.is_program) {
        out.errors.push({ message: `COPY … PROGRAM runs a shell command on the database server: ${span.text}`, pos: span.pos });
      }
      s.kind = body.is_from ? 'insert' : 'select';
      if (body.relation) s.tables = [rangeVarName(body.relation)];
      return s;
    case 'TransactionStmt':
      s.kind = 'transaction';
      return s;
    case 'VariableSetStmt':
      // PostgreSQL reads MySQL's `RESET MASTER` / `RESET SLAVE` as resetting a setting that does
      // not exist; whoever types it means MySQL replication (github-2018).
      s.kind = body.kind === 'VAR_RESET' && MYSQL_RESET_WORDS.has(String(body.name ?? '').toLowerCase()) ? 'replication' : 'set';
      return s;
    case 'GrantStmt':
    case 'GrantRoleStmt':
    case 'AlterDefaultPrivilegesStmt':
      s.kind = 'grant';
      return s;
    case 'CallStmt':
      if (replicationCall) s.kind = 'replication';
      return s;
    case 'ExplainStmt': {
      // EXPLAIN ANALYZE runs the statement; plain EXPLAIN only plans it.
      const inner = explainRuns(body) ? nodeType(body.query) : undefined;
      return inner ? describeKind(inner[0], inner[1], span, ctx, out, options) : s;
    }
    case 'PrepareStmt': {
      // Conservative: a prepared statement is prepared to be executed, and EXECUTE names only the
      // handle, so PREPARE carries the kind of the statement it prepares.
      const inner = nodeType(body.query);
      return inner ? describeKind(inner[0], inner[1], span, ctx, out, options) : s;
    }
    case 'DoStmt':
      describeDo(body, span, ctx, out);
      return undefined; // describeDo pushes the DO itself and what it runs
    case 'CreateFunctionStmt':
      recordFunction(body, span, ctx);
      s.kind = 'create';
      delete s.functionCalls;
      return s;
    case 'DropSubscriptionStmt':
      s.kind = 'drop-other';
      s.names = [body.subname ?? '?'];
      if (body.missing_ok) s.ifExists = true;
      return s;
    case 'DropRoleStmt':
      s.kind = 'drop-other';
      s.names = (body.roles ?? []).map((r: PgNode) => r?.RoleSpec?.rolename ?? '?');
      if (body.missing_ok) s.ifExists = true;
      return s;
    case 'DropTableSpaceStmt':
      s.kind = 'drop-other';
      s.names = [body.tablespacename ?? '?'];
      if (body.missing_ok) s.ifExists = true;
      return s;
    default:
      if (type.startsWith('Create') || ['IndexStmt', 'ViewStmt', 'DefineStmt', 'CompositeTypeStmt', 'RuleStmt'].includes(type)) {
        s.kind = 'create';
        // The table it creates: dropping or truncating it later in the same input destroys nothing
        // that existed before.
        if (type === 'CreateStmt' && body.relation) s.tables = [rangeVarName(body.relation)];
        if (type === 'CreateTableAsStmt' && body.into?.rel) s.tables = [rangeVarName(body.into.rel)];
      } else if (type.startsWith('Drop')) {
        s.kind = 'drop-other';
        if (body.missing_ok) s.ifExists = true;
      } else if (replicationCall) s.kind = 'replication';
      return s;
  }
}

// ---------------------------------------------------------------------------------------------
// WHERE clauses: is it there, and is it always true?

type ConstValue = number | string | boolean | null;

interface Truth {
  value: boolean;
  /** Holds only for rows where these columns are not NULL (`id = id`). */
  nonNull?: string[];
}

const BOOL_TRUE = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const BOOL_FALSE = new Set(['f', 'false', 'n', 'no', 'off', '0']);

function toBool(v: ConstValue): boolean | undefined {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0; // MySQL's WHERE 1
  const lower = v.trim().toLowerCase();
  if (BOOL_TRUE.has(lower)) return true;
  if (BOOL_FALSE.has(lower)) return false;
  return undefined;
}

function typeNameOf(typeName: PgNode): string {
  const names = svalList(typeName?.names);
  return (names[names.length - 1] ?? '').toLowerCase();
}

function opName(body: PgNode): string {
  return svalList(body?.name).join('.');
}

function constValue(node: PgNode): ConstValue | undefined {
  const t = nodeType(node);
  if (!t) return undefined;
  const [type, body] = t;
  if (type === 'A_Const') {
    if (body.isnull) return null;
    if (body.ival) return body.ival.ival ?? 0;
    if (body.fval) return Number(body.fval.fval);
    if (body.boolval) return body.boolval.boolval === true;
    if (body.sval) return body.sval.sval ?? '';
    return undefined;
  }
  if (type === 'TypeCast') {
    const v = constValue(body.arg);
    if (v === undefined || v === null) return v;
    const target = typeNameOf(body.typeName);
    if (target === 'bool' || target === 'boolean') return toBool(v);
    if (/^(int[248]?|integer|smallint|bigint|numeric|decimal|float[48]?|real)$/.test(target)) {
      const num = Number(v);
      return Number.isNaN(num) ? undefined : num;
    }
    if (/^(text|varchar|bpchar|char|name)$/.test(target)) return String(v);
    return v;
  }
  if (type === 'A_Expr' && body.kind === 'AEXPR_OP') {
    const op = opName(body);
    const right = constValue(body.rexpr);
    if (!body.lexpr) {
      if (typeof right === 'number' && (op === '-' || op === '+')) return op === '-' ? -right : right;
      return undefined;
    }
    const left = constValue(body.lexpr);
    if (typeof left === 'number' && typeof right === 'number') {
      if (op === '+') return left + right;
      if (op === '-') return left - right;
      if (op === '*') return left * right;
      if (op === '/' && right !== 0) return left / right;
    }
    if (typeof left === 'string' && typeof right === 'string' && op === '||') return left + right;
  }
  return undefined;
}

function compareConst(op: string, a: ConstValue, b: ConstValue): boolean | undefined {
  if (a === null || b === null) return false; // comparisons with NULL are never true
  let x: number | string | boolean = a;
  let y: number | string | boolean = b;
  if (typeof x === 'boolean') x = x ? 1 : 0;
  if (typeof y === 'boolean') y = y ? 1 : 0;
  if (typeof x !== typeof y) {
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isNaN(nx) || Number.isNaN(ny)) return undefined;
    x = nx;
    y = ny;
  }
  switch (op) {
    case '=':
      return x === y;
    case '<>':
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      return undefined;
  }
}

function columnName(node: PgNode): string | undefined {
  return node?.ColumnRef ? svalList(node.ColumnRef.fields).join('.') : undefined;
}

function sameRelation(rv: PgNode, target: PgNode): boolean {
  return !!rv && !!target && rv.relname === target.relname && (rv.schemaname ?? '') === (target.schemaname ?? '');
}

/** A subquery that returns every row of the target (or one row, with no FROM) unconditionally. */
function selectsWholeTarget(sub: PgNode, target: PgNode, allowNoFrom: boolean): boolean {
  if (!sub || sub.limitCount || sub.havingClause || sub.groupClause || sub.op !== 'SETOP_NONE') return false;
  if (sub.whereClause && truth(sub.whereClause, target)?.value !== true) return false;
  const from = sub.fromClause ?? [];
  if (from.length === 0) return allowNoFrom;
  return from.length === 1 && sameRelation(from[0]?.RangeVar, target);
}

function truth(node: PgNode, target: PgNode): Truth | undefined {
  const t = nodeType(node);
  if (!t) return undefined;
  const [type, body] = t;
  const cv = constValue(node);
  if (cv !== undefined) {
    const b = toBool(cv);
    return b === undefined ? undefined : { value: b };
  }
  switch (type) {
    case 'BoolExpr': {
      const args: PgNode[] = body.args ?? [];
      const parts = args.map((a) => truth(a, target));
      if (body.boolop === 'NOT_EXPR') {
        const p = parts[0];
        if (p && !p.nonNull) return { value: !p.value };
        return undefined;
      }
      if (body.boolop === 'AND_EXPR') {
        if (parts.some((p) => p && !p.value)) return { value: false };
        if (parts.every((p) => p?.value)) return { value: true, ...mergeNonNull(parts) };
        return undefined;
      }
      if (body.boolop === 'OR_EXPR') {
        const yes = parts.find((p) => p?.value);
        if (yes) return yes;
        if (coversNulls(args)) return { value: true };
        if (parts.every((p) => p && !p.value)) return { value: false };
      }
      return undefined;
    }
    case 'A_Expr': {
      const op = opName(body);
      if (body.kind === 'AEXPR_OP') {
        const l = constValue(body.lexpr);
        const r = constValue(body.rexpr);
        if (l !== undefined && r !== undefined) {
          const v = compareConst(op, l, r);
          return v === undefined ? undefined : { value: v };
        }
        const lc = columnName(body.lexpr);
        if (lc && lc === columnName(body.rexpr)) {
          if (['=', '>=', '<='].includes(op)) return { value: true, nonNull: [lc] };
          if (['<>', '!=', '<', '>'].includes(op)) return { value: false };
        }
        return undefined;
      }
      if (body.kind === 'AEXPR_NOT_DISTINCT' || body.kind === 'AEXPR_DISTINCT') {
        const same =
          (columnName(body.lexpr) !== undefined && columnName(body.lexpr) === columnName(body.rexpr)) ||
          (constValue(body.lexpr) !== undefined && constValue(body.lexpr) === constValue(body.rexpr));
        return same ? { value: body.kind === 'AEXPR_NOT_DISTINCT' } : undefined;
      }
      if (body.kind === 'AEXPR_IN') {
        const l = constValue(body.lexpr);
        const items: PgNode[] = body.rexpr?.List?.items ?? [];
        const values = items.map(constValue);
        if (l === undefined || values.some((v) => v === undefined)) return undefined;
        const found = values.some((v) => compareConst('=', l, v as ConstValue) === true);
        return { value: op === '<>' ? !found && l !== null : found };
      }
      if (body.kind === 'AEXPR_LIKE' || body.kind === 'AEXPR_ILIKE') {
        const pattern = constValue(body.rexpr);
        if (typeof pattern === 'string' && /^%+$/.test(pattern) && (op === '~~' || op === '~~*')) {
          const lc = columnName(body.lexpr);
          if (lc) return { value: true, nonNull: [lc] };
          const l = constValue(body.lexpr);
          if (l !== undefined) return { value: l !== null };
        }
        return undefined;
      }
      if (body.kind === 'AEXPR_BETWEEN' || body.kind === 'AEXPR_NOT_BETWEEN') {
        const l = constValue(body.lexpr);
        const [lo, hi] = (body.rexpr?.List?.items ?? []).map(constValue);
        if (l === undefined || lo === undefined || hi === undefined) return undefined;
        const inside = compareConst('>=', l, lo) && compareConst('<=', l, hi);
        if (inside === undefined) return undefined;
        return { value: body.kind === 'AEXPR_BETWEEN' ? inside : !inside && l !== null };
      }
      return undefined;
    }
    case 'NullTest': {
      const v = constValue(body.arg);
      if (v === undefined) return undefined;
      return { value: body.nulltesttype === 'IS_NULL' ? v === null : v !== null };
    }
    case 'BooleanTest': {
      const v = constValue(body.arg);
      if (v === undefined) return undefined;
      const b = v === null ? null : toBool(v);
      if (b === undefined) return undefined;
      switch (body.booltesttype) {
        case 'IS_TRUE':
          return { value: b === true };
        case 'IS_NOT_TRUE':
          return { value: b !== true };
        case 'IS_FALSE':
          return { value: b === false };
        case 'IS_NOT_FALSE':
          return { value: b !== false };
        case 'IS_UNKNOWN':
          return { value: b === null };
        case 'IS_NOT_UNKNOWN':
          return { value: b !== null };
        default:
          return undefined;
      }
    }
    case 'SubLink': {
      const sub = body.subselect?.SelectStmt;
      if (body.subLinkType === 'EXISTS_SUBLINK' && selectsWholeTarget(sub, target, true)) return { value: true };
      if (body.subLinkType === 'ANY_SUBLINK' && (body.operName === undefined || opName({ name: body.operName }) === '=')) {
        const outer = columnName(body.testexpr);
        const targets: PgNode[] = sub?.targetList ?? [];
        const inner = targets.length === 1 ? columnName(targets[0]?.ResTarget?.val) : undefined;
        const last = (c: string | undefined): string | undefined => c?.split('.').pop();
        if (outer && inner && last(outer) === last(inner) && selectsWholeTarget(sub, target, false)) {
          return { value: true, nonNull: [outer] };
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function mergeNonNull(parts: (Truth | undefined)[]): { nonNull?: string[] } {
  const cols = parts.flatMap((p) => p?.nonNull ?? []);
  return cols.length ? { nonNull: [...new Set(cols)] } : {};
}

/** `x IS NULL OR x IS NOT NULL` covers every row. */
function coversNulls(args: PgNode[]): boolean {
  const tests = args.map((a) => a?.NullTest).filter(Boolean);
  const key = (n: PgNode): string => JSON.stringify(n.arg, (k, v: unknown) => (k === 'location' ? undefined : v));
  return tests.some((a: PgNode) => a.nulltesttype === 'IS_NULL' && tests.some((b: PgNode) => b.nulltesttype === 'IS_NOT_NULL' && key(a) === key(b)));
}

/** Human-readable SQL for the expressions `truth` reasons about; `…` for anything else. */
function printExpr(node: PgNode, nested = false): string {
  const t = nodeType(node);
  if (!t) return '…';
  const [type, body] = t;
  const paren = (s: string): string => (nested ? `(${s})` : s);
  switch (type) {
    case 'A_Const': {
      if (body.isnull) return 'NULL';
      if (body.ival) return String(body.ival.ival ?? 0);
      if (body.fval) return String(body.fval.fval);
      if (body.boolval) return body.boolval.boolval ? 'true' : 'false';
      if (body.sval) return `'${String(body.sval.sval ?? '').replace(/'/g, "''")}'`;
      return '…';
    }
    case 'ColumnRef':
      return svalList(body.fields).join('.');
    case 'TypeCast':
      return `${printExpr(body.arg, true)}::${typeNameOf(body.typeName)}`;
    case 'List':
      return (body.items ?? []).map((i: PgNode) => printExpr(i)).join(', ');
    case 'FuncCall':
      return `${svalList(body.funcname).join('.')}(${(body.args ?? []).map((a: PgNode) => printExpr(a)).join(', ')})`;
    case 'NullTest':
      return paren(`${printExpr(body.arg, true)} IS ${body.nulltesttype === 'IS_NULL' ? '' : 'NOT '}NULL`);
    case 'BooleanTest':
      return paren(`${printExpr(body.arg, true)} ${String(body.booltesttype ?? '').replace(/_/g, ' ')}`);
    case 'BoolExpr': {
      const args: string[] = (body.args ?? []).map((a: PgNode) => printExpr(a, true));
      if (body.boolop === 'NOT_EXPR') return paren(`NOT ${args[0] ?? '…'}`);
      return paren(args.join(body.boolop === 'AND_EXPR' ? ' AND ' : ' OR '));
    }
    case 'A_Expr': {
      const op = opName(body);
      const l = body.lexpr ? printExpr(body.lexpr, true) : '';
      switch (body.kind) {
        case 'AEXPR_OP':
          return paren(l ? `${l} ${op} ${printExpr(body.rexpr, true)}` : `${op}${printExpr(body.rexpr, true)}`);
        case 'AEXPR_IN':
          return paren(`${l} ${op === '<>' ? 'NOT IN' : 'IN'} (${printExpr(body.rexpr)})`);
        case 'AEXPR_LIKE':
        case 'AEXPR_ILIKE': {
          const word = body.kind === 'AEXPR_LIKE' ? 'LIKE' : 'ILIKE';
          return paren(`${l} ${op.startsWith('!') ? 'NOT ' : ''}${word} ${printExpr(body.rexpr, true)}`);
        }
        case 'AEXPR_BETWEEN':
        case 'AEXPR_NOT_BETWEEN': {
          const [lo, hi] = body.rexpr?.List?.items ?? [];
          return paren(`${l} ${body.kind === 'AEXPR_BETWEEN' ? '' : 'NOT '}BETWEEN ${printExpr(lo, true)} AND ${printExpr(hi, true)}`);
        }
        case 'AEXPR_DISTINCT':
          return paren(`${l} IS DISTINCT FROM ${printExpr(body.rexpr, true)}`);
        case 'AEXPR_NOT_DISTINCT':
          return paren(`${l} IS NOT DISTINCT FROM ${printExpr(body.rexpr, true)}`);
        default:
          return '…';
      }
    }
    case 'SubLink': {
      const sub = body.subselect?.SelectStmt;
      const from = fromTables(sub?.fromClause);
      const select = `SELECT ${(sub?.targetList ?? []).map((r: PgNode) => printExpr(r?.ResTarget?.val)).join(', ')}${from.length ? ` FROM ${from.join(', ')}` : ''}${sub?.whereClause ? ' WHERE …' : ''}`;
      if (body.subLinkType === 'EXISTS_SUBLINK') return paren(`EXISTS (${select})`);
      if (body.subLinkType === 'ANY_SUBLINK') return paren(`${printExpr(body.testexpr, true)} IN (${select})`);
      return `(${select})`;
    }
    default:
      return '…';
  }
}

function judgeWhere(where: PgNode, target: PgNode): Pick<SqlStatement, 'where' | 'whereReason'> {
  if (!where) return { where: 'none' };
  const result = truth(where, target);
  if (!result?.value) return { where: 'present' };
  const text = printExpr(where);
  const reason = result.nonNull?.length ? `WHERE ${text} is true for every row where ${result.nonNull.join(', ')} is not NULL` : `WHERE ${text} is always true`;
  return { where: 'always-true', whereReason: reason };
}

/** MySQL WHERE clauses are judged by translating them to `DELETE FROM t WHERE …` for this parser. */
function judgeMysqlWhere(pgDelete: string): WhereJudgement {
  try {
    const parsed = parsePostgres(pgDelete);
    const del = parsed.stmts?.[0]?.stmt as PgNode;
    if (parsed.stmts?.length === 1 && del?.DeleteStmt) return judgeWhere(del.DeleteStmt.whereClause, del.DeleteStmt.relation);
  } catch {
    // A MySQL-only expression: a WHERE is there, we cannot say more.
  }
  return { where: 'present' };
}

// ---------------------------------------------------------------------------------------------
// DO blocks and called functions.
//
// libpg-query 17.7.4's WebAssembly build has no PL/pgSQL parser (no parsePlPgSQL), so a PL/pgSQL
// body is walked here: it is split at `;` with the lexer above, control-flow words (BEGIN, IF …
// THEN, LOOP, EXCEPTION WHEN …) are stepped over, and each SQL statement inside is handed to the
// real parser. PERFORM is read as SELECT; EXECUTE of a constant string is analysed as SQL; EXECUTE
// of a computed string, a statement that does not parse, or a body in another language is an error,
// so a DO block is never judged harmless because it could not be read.

function describeDo(body: PgNode, span: Span, ctx: Context, out: Collected): void {
  const opts = defElems(body.args);
  const language = String(opts.get('language')?.arg?.String?.sval ?? 'plpgsql').toLowerCase();
  const code: string = opts.get('as')?.arg?.String?.sval ?? '';
  out.statements.push(baseStatement('other', span));
  if (language === 'sql') {
    analyzeNested(code, bodyOffset(span, code), span, ctx, out);
    return;
  }
  if (language !== 'plpgsql') {
    out.errors.push({ message: `a DO block in LANGUAGE ${language} cannot be analysed`, pos: span.pos });
    return;
  }
  analyzePlpgsql(code, bodyOffset(span, code), span, ctx, out);
}

/** Where a body string starts in the input, when it appears there verbatim (dollar-quoted, or
 *  single-quoted without escapes); otherwise undefined, and positions fall back to the host. */
function bodyOffset(span: Span, body: string): number | undefined {
  for (const t of lexPg(span.text, false)) {
    if (t.type !== 'string' && t.type !== 'dollar') continue;
    if (pgStringValue(span.text, t) !== body) continue;
    const start = t.pos + (t.type === 'dollar' ? (t.prefix ?? '$$').length : (t.prefix ?? '').length + 1);
    if (span.text.slice(start, start + body.length) === body) return span.pos + start;
  }
  return undefined;
}

function recordFunction(body: PgNode, span: Span, ctx: Context): void {
  const names = svalList(body.funcname);
  const name = (names[names.length - 1] ?? '').toLowerCase();
  if (!name) return;
  const opts = defElems(body.options);
  const language = String(opts.get('language')?.arg?.String?.sval ?? 'sql').toLowerCase();
  const items: PgNode[] = opts.get('as')?.arg?.List?.items ?? [];
  const code: string | undefined = items.length === 1 ? items[0]?.String?.sval : undefined;
  const fn: CreatedFunction = { language, span };
  if (code !== undefined) {
    fn.body = code;
    const at = bodyOffset(span, code);
    if (at !== undefined) fn.bodyPos = at;
  }
  if (body.sql_body) fn.sqlBody = body.sql_body;
  ctx.functions.set(name, fn);
}

/** A call of a function created earlier in the same input runs its body: analyse it once. */
function expandFunction(name: string, callSpan: Span, ctx: Context, out: Collected): void {
  const fn = ctx.functions.get(name);
  if (!fn || ctx.expanding.has(name) || ctx.depth > 4) return;
  ctx.expanding.add(name);
  ctx.depth++;
  try {
    if (fn.sqlBody) {
      walk(fn.sqlBody, (type, body) => {
        if (type === 'List') return true;
        // RETURN expr runs its expression, as SELECT expr would.
        const stmt = type === 'ReturnStmt' ? { SelectStmt: { targetList: [{ ResTarget: { val: body.returnval } }], op: 'SETOP_NONE' } } : { [type]: body };
        describe(stmt, fn.span, ctx, out);
        return false;
      });
    } else if (fn.body !== undefined && fn.language === 'plpgsql') analyzePlpgsql(fn.body, fn.bodyPos, fn.span, ctx, out);
    else if (fn.body !== undefined && fn.language === 'sql') analyzeNested(fn.body, fn.bodyPos, fn.span, ctx, out);
    else out.errors.push({ message: `function ${name} in LANGUAGE ${fn.language} is called and cannot be analysed`, pos: callSpan.pos });
  } finally {
    ctx.depth--;
    ctx.expanding.delete(name);
  }
  ctx.functions.delete(name); // analysed once; later calls run the same body
}

/** Analyse SQL text found inside the input (a body or an EXECUTE string) and place it. */
function analyzeNested(sql: string, offset: number | undefined, host: Span, ctx: Context, out: Collected): void {
  const inner: Collected = { statements: [], errors: [] };
  ctx.depth++;
  try {
    if (ctx.depth > 6) {
      out.errors.push({ message: 'SQL nested too deeply to analyse', pos: host.pos });
      return;
    }
    analyzePostgresText(sql, ctx, inner, false);
  } finally {
    ctx.depth--;
  }
  const place = (pos: number): number => (offset === undefined ? host.pos : offset + pos);
  for (const s of inner.statements) {
    out.statements.push(offset === undefined ? { ...s, pos: host.pos, end: host.end } : { ...s, pos: place(s.pos), end: place(s.end) });
  }
  for (const e of inner.errors) out.errors.push({ message: e.message, pos: place(e.pos) });
}

const PLPGSQL_QUIET = new Set(['raise', 'assert', 'null', 'exit', 'continue', 'get', 'fetch', 'move', 'close', 'commit', 'rollback', 'return']);
const QUERY_START = new Set(['select', 'with', 'values', 'table', 'insert', 'update', 'delete', 'merge']);

function analyzePlpgsql(code: string, offset: number | undefined, host: Span, ctx: Context, out: Collected): void {
  const tokens = lexPg(code, false);
  const unterminated = tokens.find((t) => t.unterminated);
  if (unterminated) {
    out.errors.push({ message: 'unterminated string or comment in a PL/pgSQL body', pos: offset === undefined ? host.pos : offset + unterminated.pos });
    return;
  }
  const word = (t: PgToken | undefined): string | undefined => (t?.type === 'word' ? code.slice(t.pos, t.end).toLowerCase() : undefined);
  const isOp = (t: PgToken | undefined, op: string): boolean => t?.type === 'op' && code.slice(t.pos, t.end) === op;
  const abs = (pos: number): number => (offset === undefined ? host.pos : offset + pos);
  let inDeclare = false;

  for (const piece of splitPgTokens(tokens)) {
    const findTop = (from: number, pred: (t: PgToken) => boolean): number => {
      let depth = 0;
      for (let k = from; k < piece.length; k++) {
        const t = piece[k] as PgToken;
        if (t.type === 'open') depth++;
        else if (t.type === 'close') depth--;
        else if (depth === 0 && pred(t)) return k;
      }
      return -1;
    };
    const findWord = (from: number, w: string): number => findTop(from, (t) => word(t) === w);
    const textOf = (a: number, b: number): string => {
      const first = piece[a];
      const last = piece[b - 1];
      return first && last && b > a ? code.slice(first.pos, last.end) : '';
    };
    const spanOf = (a: number, b: number): Span => {
      const first = piece[a] as PgToken;
      const last = piece[b - 1] as PgToken;
      return offset === undefined ? host : { text: code.slice(first.pos, last.end), pos: abs(first.pos), end: abs(last.end) };
    };
    const scanDanger = (a: number, b: number): void => {
      for (let k = a; k < b - 1; k++) {
        const w = word(piece[k]);
        if (w && (REPLICATION_FUNCTIONS.has(w) || w === 'dblink_exec') && piece[k + 1]?.type === 'open') {
          out.errors.push({ message: `could not analyse a PL/pgSQL statement that calls ${w}(): ${textOf(a, b)}`, pos: abs((piece[a] as PgToken).pos) });
          return;
        }
      }
    };
    /** A SQL statement inside the body: the real parser decides what it is. */
    const statement = (a: number, b: number, prefix = ''): void => {
      if (b <= a) return;
      const text = textOf(a, b);
      const span = spanOf(a, b);
      const attempts = [prefix + text];
      // `… RETURNING id INTO v` and `SELECT … INTO STRICT v` are PL/pgSQL: drop the INTO target,
      // trying the last INTO first (`INSERT INTO t … RETURNING id INTO v`).
      const intos: number[] = [];
      for (let k = findWord(a, 'into'); k >= 0 && k < b; k = findWord(k + 1, 'into')) intos.push(k);
      for (const into of intos.reverse()) {
        let k = into + 1;
        if (word(piece[k]) === 'strict') k++;
        while (k < b && (piece[k]?.type === 'word' || piece[k]?.type === 'qident' || isOp(piece[k], '.') || isOp(piece[k], ','))) k++;
        attempts.push(prefix + `${textOf(a, into)} ${textOf(k, b)}`);
      }
      for (const attempt of attempts) {
        let parsed;
        try {
          parsed = parsePostgres(attempt);
        } catch {
          continue;
        }
        for (const raw of parsed.stmts ?? []) describe(raw.stmt, span, ctx, out, { plpgsql: true });
        return;
      }
      out.errors.push({ message: `could not parse a statement inside a PL/pgSQL body: ${text}`, pos: span.pos });
    };
    /** An expression (IF condition, assignment): only calls and subqueries in it matter. */
    const expression = (a: number, b: number): void => {
      if (b <= a) return;
      let parsed;
      try {
        parsed = parsePostgres(`SELECT ${textOf(a, b)}`);
      } catch {
        scanDanger(a, b);
        return;
      }
      const inner: Collected = { statements: [], errors: [] };
      for (const raw of parsed.stmts ?? []) describe(raw.stmt, spanOf(a, b), ctx, inner, { plpgsql: true });
      for (const s of inner.statements) {
        if (s.kind !== 'select' || s.functionCalls?.length) out.statements.push(s);
      }
      out.errors.push(...inner.errors);
    };
    /** EXECUTE: a constant string is SQL we can read; anything computed is not. */
    const dynamic = (a: number, b: number): void => {
      const stop = findTop(a, (t) => word(t) === 'into' || word(t) === 'using');
      const end = stop >= 0 && stop < b ? stop : b;
      let sql = '';
      let constant = end > a;
      for (let k = a; k < end; k++) {
        const t = piece[k] as PgToken;
        if ((k - a) % 2 === 0 && (t.type === 'string' || t.type === 'dollar')) sql += pgStringValue(code, t);
        else if ((k - a) % 2 === 1 && isOp(t, '||')) continue;
        else constant = false;
      }
      if (constant && (end - a) % 2 === 1) analyzeNested(sql, undefined, spanOf(a - 1, end), ctx, out);
      else out.errors.push({ message: `dynamic SQL cannot be analysed: EXECUTE ${textOf(a, end)}`, pos: abs((piece[a - 1] as PgToken).pos) });
    };

    let i = 0;
    // Step over control flow to the statement, if any.
    for (;;) {
      const t = piece[i];
      if (!t) break;
      if (isOp(t, '<<') && isOp(piece[i + 2], '>>')) {
        i += 3;
        continue;
      }
      const w = word(t);
      if (w === 'declare') {
        inDeclare = true;
        i++;
      } else if (w === 'begin') {
        inDeclare = false;
        i++;
      } else if (w === 'exception' || w === 'else' || w === 'loop') i++;
      else if (w === 'end') {
        i = piece.length;
      } else if (w === 'if' || w === 'elsif' || w === 'elseif' || w === 'while') {
        const j = findWord(i + 1, w === 'while' ? 'loop' : 'then');
        if (j < 0) {
          statement(i, piece.length);
          i = piece.length;
          break;
        }
        expression(i + 1, j);
        i = j + 1;
      } else if (w === 'when') {
        const j = findWord(i + 1, 'then');
        i = j < 0 ? piece.length : j + 1;
      } else if (w === 'case') {
        if (word(piece[i + 1]) === 'when') i++;
        else {
          const j = findWord(i + 1, 'when');
          expression(i + 1, j < 0 ? piece.length : j);
          i = j < 0 ? piece.length : j;
        }
      } else if (w === 'for' || w === 'foreach') {
        const j = findWord(i + 1, 'loop');
        const end = j < 0 ? piece.length : j;
        const inAt = findWord(i + 1, 'in');
        if (w === 'for' && inAt >= 0 && inAt < end) {
          let q = inAt + 1;
          if (word(piece[q]) === 'reverse') q++;
          const first = word(piece[q]);
          if (first === 'execute') dynamic(q + 1, end);
          else if (first && QUERY_START.has(first)) statement(q, end);
          else expression(q, end);
        }
        i = end + 1;
      } else break;
    }
    if (i >= piece.length) continue;

    if (inDeclare) {
      // name [CONSTANT] type [NOT NULL] [{DEFAULT | := | =} expr]  or  name CURSOR … FOR query
      const cursorFor = findWord(i, 'cursor') >= 0 ? findTop(i, (t) => word(t) === 'for' || word(t) === 'is') : -1;
      if (cursorFor >= 0) statement(cursorFor + 1, piece.length);
      else {
        const assign = findTop(i, (t) => isOp(t, ':=') || isOp(t, '=') || word(t) === 'default');
        if (assign >= 0) expression(assign + 1, piece.length);
      }
      continue;
    }

    const first = word(piece[i]);
    if (first === 'perform') statement(i + 1, piece.length, 'SELECT ');
    else if (first === 'execute') dynamic(i + 1, piece.length);
    else if (first === 'return' && word(piece[i + 1]) === 'query') {
      if (word(piece[i + 2]) === 'execute') dynamic(i + 3, piece.length);
      else statement(i + 2, piece.length);
    } else if (first === 'return') expression(i + (word(piece[i + 1]) === 'next' ? 2 : 1), piece.length);
    else if (first === 'open') {
      const forAt = findWord(i + 1, 'for');
      if (forAt >= 0 && word(piece[forAt + 1]) === 'execute') dynamic(forAt + 2, piece.length);
      else if (forAt >= 0) statement(forAt + 1, piece.length);
    } else if (first && PLPGSQL_QUIET.has(first)) scanDanger(i, piece.length);
    else {
      // Assignment: target := expr (target may be qualified or subscripted).
      const assign = findTop(i, (t) => isOp(t, ':='));
      if (assign > i) expression(assign + 1, piece.length);
      else if (isOp(piece[i + 1], '=') && (piece[i]?.type === 'word' || piece[i]?.type === 'qident')) expression(i + 2, piece.length);
      else statement(i, piece.length);
    }
  }
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

/** Trim whitespace and leading/trailing comments from [pos, end) of `s`. */
function trimSpan(s: string, pos: number, end: number): Span | undefined {
  const tokens = lexPg(s.slice(pos, end), false).filter(significant);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return undefined;
  return { text: s.slice(pos + first.pos, pos + last.end), pos: pos + first.pos, end: pos + last.end };
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

/** PostgreSQL text: whole, or statement by statement when the whole does not parse (psql -f runs
 *  each statement on its own, so the good ones still run). */
function analyzePostgresText(sql: string, ctx: Context, out: Collected, withMeta: boolean): void {
  const tokens = lexPg(sql, withMeta);
  const { text, metas } = withMeta ? blankMetaCommands(sql, tokens) : { text: sql, metas: [] };
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
  const tokens = lexPg(sql, true);
  const { text, metas } = blankMetaCommands(sql, tokens);
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
  const pgPieces = splitPgTokens(lexPg(sql, false)).map((p) => [(p[0] as PgToken).pos, (p[p.length - 1] as PgToken).end]);
  const myPieces = my.pieces.map((p) => [p.pos, p.end]);
  const evidence = mysqlEvidence(my);
  if (!evidence && JSON.stringify(pgPieces) !== JSON.stringify(myPieces)) {
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
      out.errors.push(...result.errors.map((e) => ({ message: e.message, pos: e.pos + shift })));
    }
  }
  sortByPos(out);
  return { ...out, dialect: usedMysql ? 'mysql' : 'postgres' };
}
