// From the parser's JSON to statements: what each parsed statement does, and the statements it
// runs (nested DML, DO bodies, functions created earlier in the same input).
import { defElems, functionCallsOf, nodeType, objectName, rangeVarName, svalList, walk, fromTables, type PgNode } from './pg-ast.js';
import { baseStatement, REPLICATION_FUNCTIONS, type Collected, type ColumnType, type Span, type SqlStatement, type SqlStatementKind } from './statement.js';
import { judgeWhere } from './where.js';
import { judgeComputedSql, runsSqlText, sqlTextCalls, sqlTextOf } from './dynamic-sql.js';
import {
  CLOCK_FUNCTIONS,
  DESTROYING_FUNCTION_NAME,
  RETENTION_FUNCTIONS,
  ROW_DESTROYING_FUNCTIONS,
  SESSION_SCOPE_COLUMNS,
  STATELESS_EXTENSIONS,
} from '../../knowledge/sql-functions.js';
import { own } from '../../util/dict.js';

const MYSQL_RESET_WORDS: ReadonlySet<string> = new Set(['master', 'slave', 'replica']);

/** ALTER SYSTEM settings that point a server at (or away from) its primary. */
const REPLICATION_SETTINGS: ReadonlySet<string> = new Set(['primary_conninfo', 'primary_slot_name']);
/** Settings whose `off` trades crash safety for speed: a crash with them off can corrupt the cluster. */
const DURABILITY_SETTINGS: ReadonlySet<string> = new Set(['fsync', 'full_page_writes']);

export interface CreatedFunction {
  language: string;
  body?: string;
  bodyPos?: number;
  sqlBody?: PgNode;
  span: Span;
  /** Names of the parameters a call passes, in order (IN and INOUT), when every one is named. */
  params?: string[];
  /** Argument lists a body was already analysed with (see expandFunction). */
  expandedWith?: Set<string>;
}

export interface Context {
  /** Functions created earlier in the same input, by lower-cased name: their bodies run when called. */
  functions: Map<string, CreatedFunction>;
  expanding: Set<string>;
  depth: number;
  runner: BodyRunner;
  /** While a body called with constant arguments is analysed: its parameters' values. */
  bindings?: ReadonlyMap<string, string>;
}

/** Runs what a statement carries: DO bodies, function bodies and nested SQL text. The PL/pgSQL
 *  walker and the driver provide it, so this module imports neither of them (no import cycle). */
export interface BodyRunner {
  describeDo(body: PgNode, span: Span, ctx: Context, out: Collected): void;
  recordFunction(body: PgNode, span: Span, ctx: Context): void;
  expandFunction(name: string, callSpan: Span, ctx: Context, out: Collected, calls?: readonly string[][]): void;
  /** Analyse SQL text found inside the input (a body, an EXECUTE string) and place it at `offset`,
   *  or at `host` when its position is not known. */
  analyzeNested(sql: string, offset: number | undefined, host: Span, ctx: Context, out: Collected): void;
  /** Analyse SQL text (no psql meta-commands) into `out`. */
  analyzeText(sql: string, ctx: Context, out: Collected): void;
}

/** DML inside CTEs and subqueries (`WITH d AS (DELETE FROM users …) SELECT 1`) runs too. */
/** The tables an INSERT's `SELECT … FROM t` reads every row of: no WHERE, LIMIT, inner join, set
 *  operation, grouping or DISTINCT (each of those can leave rows behind). */
function everyRowOf(select: PgNode): string[] | undefined {
  const body = select?.SelectStmt;
  if (!body || body.whereClause || body.limitCount || body.limitOffset || body.valuesLists || body.larg || body.withClause) return undefined;
  if (body.groupClause || body.havingClause || body.distinctClause) return undefined;
  const from: PgNode[] = body.fromClause ?? [];
  const only = from.length === 1 ? from[0]?.RangeVar : undefined;
  if (only) return [rangeVarName(only)];
  // `FROM a LEFT JOIN b ON … LEFT JOIN c ON …`: every row of `a`, with the rows of `b` and `c`
  // that belong to one (hydra's migration merges its request tables into one flow table this way).
  const joined = from.length === 1 ? leftJoined(from[0]) : undefined;
  if (joined) return joined;
  // `FROM user`: PostgreSQL reads the bare keyword as the function USER, which no migration
  // copies rows from; the SQLite and MySQL migrations that write it (memos, navidrome) mean their
  // table `user`.
  const functions: PgNode[] = from.length === 1 ? (from[0]?.RangeFunction?.functions ?? []) : [];
  const items: PgNode[] = functions.length === 1 ? (functions[0]?.List?.items ?? []) : [];
  return items[0]?.SQLValueFunction?.op === 'SVFOP_USER' ? ['user'] : undefined;
}

/** `SELECT … FROM t WHERE a < b` (one comparison or IS [NOT] NULL, nothing else that filters):
 *  the table, the compared terms (their parse trees without positions) and the operator. */
function rowsOnOneSide(select: PgNode): { from: string; terms: string; op: string } | undefined {
  const body = select?.SelectStmt;
  if (!body?.whereClause || body.limitCount || body.limitOffset || body.valuesLists || body.larg || body.withClause) return undefined;
  if (body.groupClause || body.havingClause || body.distinctClause) return undefined;
  const from: PgNode[] = body.fromClause ?? [];
  const only = from.length === 1 ? from[0]?.RangeVar : undefined;
  if (!only) return undefined;
  const terms = (...nodes: PgNode[]) => JSON.stringify(nodes, (key, value: unknown) => (key === 'location' ? undefined : value));
  const where = body.whereClause;
  const op: unknown = where.A_Expr?.kind === 'AEXPR_OP' && where.A_Expr.name?.length === 1 ? where.A_Expr.name[0]?.String?.sval : undefined;
  // A comparison misses the rows where a term is NULL: only one over a system column, never
  // NULL (`xmin::text::bigint < snapshot_xmin`), splits the table in two.
  if (typeof op === 'string' && (systemColumn(where.A_Expr.lexpr) || systemColumn(where.A_Expr.rexpr)))
    return { from: rangeVarName(only), terms: terms(where.A_Expr.lexpr, where.A_Expr.rexpr), op };
  const test: unknown = where.NullTest?.nulltesttype;
  if (typeof test === 'string') return { from: rangeVarName(only), terms: terms(where.NullTest.arg), op: test };
  return undefined;
}

/** A row's system column (`xmin`, `ctid`, …), through casts: set on every row, never NULL. */
function systemColumn(node: PgNode): boolean {
  if (node?.TypeCast) return systemColumn(node.TypeCast.arg);
  const fields: PgNode[] = node?.ColumnRef?.fields ?? [];
  const name: unknown = fields[fields.length - 1]?.String?.sval;
  return typeof name === 'string' && ['xmin', 'xmax', 'cmin', 'cmax', 'ctid', 'tableoid'].includes(name.toLowerCase());
}

/** The tables of a chain of LEFT JOINs over plain tables, the kept side first; undefined otherwise. */
function leftJoined(node: PgNode): string[] | undefined {
  if (node?.RangeVar) return [rangeVarName(node.RangeVar)];
  const join = node?.JoinExpr;
  if (!join || join.jointype !== 'JOIN_LEFT' || join.isNatural || !join.quals) return undefined;
  const left = leftJoined(join.larg);
  const right = join.rarg?.RangeVar ? rangeVarName(join.rarg.RangeVar) : undefined;
  return left && right ? [...left, right] : undefined;
}

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

/** Argument lists of the calls of `name` in a statement whose every argument is a string
 *  constant (`SELECT clone_schema('public', 'tenant_a')`): the values its parameters take. */
function constantCalls(node: PgNode, name: string): string[][] {
  const calls: string[][] = [];
  walk(node, (type, body) => {
    if (type !== 'FuncCall' || (svalList(body.funcname).pop() ?? '').toLowerCase() !== name) return true;
    const args: PgNode[] = body.args ?? [];
    const values = args.map((arg) => arg?.A_Const?.sval?.sval);
    if (values.every((value): value is string => typeof value === 'string')) calls.push(values);
    return true;
  });
  return calls;
}

interface DescribeOptions {
  /** PL/pgSQL context: `SELECT … INTO var` assigns a variable, it does not create a table. */
  plpgsql?: boolean;
}

/** Describe one parsed statement; returns it and any statements it runs (nested DML, DO bodies…). */
export function describe(node: PgNode, span: Span, ctx: Context, out: Collected, options: DescribeOptions = {}): void {
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
  for (const name of called) {
    // Only a function created earlier in this input has a body to run (expandFunction returns at
    // once for any other): the walk of the whole statement for its constant arguments is for those
    // alone, not for every now() and count() a migration calls.
    if (ctx.functions.has(name)) ctx.runner.expandFunction(name, span, ctx, out, constantCalls(node, name));
  }

  // SQL passed as text to a function that runs it (dblink_exec, query_to_xml) runs too. Such a
  // call in the statement itself is among the calls describeKind named (the same walk, the same
  // bodies left out): without one of them, sqlTextCalls would walk the tree again for nothing.
  const mayRunText = runs !== node || stmt === undefined || (stmt.functionCalls ?? []).some(runsSqlText);
  if (runs && mayRunText) {
    for (const call of sqlTextCalls(runs)) {
      judgeComputedSql(sqlTextOf(call.argument), (sql, into) => ctx.runner.analyzeNested(sql, undefined, span, ctx, into), out, {
        message: `dynamic SQL cannot be analysed: ${call.name}() runs SQL computed at run time`,
        pos: span.pos,
      });
    }
  }
}

/**
 * MERGE … WHEN MATCHED THEN DELETE deletes every target row its source matches, and a table or a
 * query over one may match them all: a bulk delete whose reach the text cannot bound. Bounded are a
 * source of literal rows (`USING (VALUES …)`) and a DELETE guarded by a condition (`WHEN MATCHED
 * AND s.gone THEN DELETE`) that is not always true.
 */
/** A TypeName node as a ColumnType (`pg_catalog.varchar(20)` → varchar [20]); arrays are not read. */
function columnType(typeName: PgNode): ColumnType | undefined {
  if (!typeName?.names || typeName.arrayBounds) return undefined;
  const names: string[] = typeName.names.map((n: PgNode) => n?.String?.sval ?? '');
  const mods: number[] = (typeName.typmods ?? []).map((m: PgNode) => m?.A_Const?.ival?.ival ?? 0);
  return { name: (names[names.length - 1] ?? '').toLowerCase(), mods };
}

function judgeMerge(body: PgNode): Pick<SqlStatement, 'where' | 'whereReason'> {
  const unguardedDelete = (body.mergeWhenClauses ?? []).some((c: PgNode) => {
    const clause = c?.MergeWhenClause;
    if (clause?.commandType !== 'CMD_DELETE') return false;
    return !clause.condition || judgeWhere(clause.condition, body.relation).where === 'always-true';
  });
  const source = body.sourceRelation?.RangeSubselect?.subquery?.SelectStmt;
  const literalRows = !!source && !source.fromClause && (!!source.valuesLists || !!source.targetList);
  if (!unguardedDelete || literalRows) return { where: 'present' };
  return { where: 'always-true', whereReason: `MERGE … WHEN MATCHED THEN DELETE deletes every row of ${rangeVarName(body.relation)} that its source matches` };
}

/** The AND-ed parts of a WHERE (`a AND (b AND c)` → a, b, c). */
function conjuncts(where: PgNode): PgNode[] {
  if (where?.BoolExpr?.boolop === 'AND_EXPR') return (where.BoolExpr.args ?? []).flatMap(conjuncts);
  return where ? [where] : [];
}

/** A condition on pg_stat_activity that still leaves every session of a database: an exclusion
 *  (`pid <> pg_backend_pid()`, `NOT usename = 'x'`, `NOT IN`), a whole-database or whole-kind
 *  equality (`datname = 'app'`, `backend_type = 'client backend'`), or one that is always true. */
function leavesEverySession(condition: PgNode, relation: PgNode): boolean {
  if (condition?.BoolExpr?.boolop === 'NOT_EXPR') return true;
  const expr = condition?.A_Expr;
  if (expr) {
    const op = svalList(expr.name).join('.');
    if (expr.kind === 'AEXPR_OP' && (op === '<>' || op === '!=')) return true;
    if (expr.kind === 'AEXPR_IN' && op === '<>') return true;
    const column = svalList(expr.lexpr?.ColumnRef?.fields).at(-1)?.toLowerCase();
    if (column && SESSION_SCOPE_COLUMNS.has(column) && (op === '=' || expr.kind === 'AEXPR_IN')) return true;
  }
  return judgeWhere(condition, relation).where === 'always-true';
}

/**
 * `SELECT lo_unlink(oid) FROM pg_largeobject_metadata`, `SELECT pg_terminate_backend(pid) FROM
 * pg_stat_activity WHERE pid <> pg_backend_pid()`: a destroying function called once per row of
 * its query (knowledge/sql-functions.ts) with an argument read from those rows. The statement is
 * what the function does to them, with the query's WHERE as its scope.
 */
function perRowDestruction(body: PgNode): Partial<SqlStatement> | undefined {
  const relation = body.fromClause?.[0]?.RangeVar;
  if (!body.fromClause?.length) return undefined;
  let found: (typeof ROW_DESTROYING_FUNCTIONS)[string] | undefined;
  walk(body.targetList, (type, call) => {
    if (type !== 'FuncCall') return true;
    const name = svalList(call.funcname).at(-1)?.toLowerCase() ?? '';
    const known =
      own(ROW_DESTROYING_FUNCTIONS, name) ??
      (DESTROYING_FUNCTION_NAME.test(name) && typeof relation?.relname === 'string'
        ? { kind: 'delete' as const, object: relation.relname as string }
        : undefined);
    let readsRows = false;
    walk(call.args, (inner) => {
      if (inner === 'ColumnRef') readsRows = true;
      return !readsRows;
    });
    if (known && readsRows) found ??= known;
    return true;
  });
  if (!found) return undefined;
  if (found.kind === 'delete') return { kind: 'delete', tables: [found.object], ...judgeWhere(body.whereClause, relation) };
  const narrowing = conjuncts(body.whereClause).filter((c) => !leavesEverySession(c, relation));
  if (narrowing.length) return undefined;
  return {
    kind: 'terminate-sessions',
    tables: [found.object],
    where: body.whereClause ? 'always-true' : 'none',
    whereReason: 'no condition narrows the sessions it terminates (an exclusion or a whole-database filter leaves every other one)',
  };
}

/** A retention cutoff that keeps nothing: the clock itself (`now()`, `CURRENT_TIMESTAMP`, `now() +
 *  …`), or a zero or negative age (`'0 days'`, `INTERVAL '0'`, `0`). */
function keepsNothing(cutoff: PgNode): boolean {
  const inner = cutoff?.TypeCast ? cutoff.TypeCast.arg : cutoff;
  if (inner?.SQLValueFunction) return true;
  if (inner?.FuncCall) return CLOCK_FUNCTIONS.has(svalList(inner.FuncCall.funcname).at(-1)?.toLowerCase() ?? '');
  if (inner?.A_Expr && svalList(inner.A_Expr.name).join('') === '+') return keepsNothing(inner.A_Expr.lexpr);
  const text = inner?.A_Const?.sval?.sval ?? (inner?.A_Const?.ival ? String(inner.A_Const.ival.ival ?? 0) : undefined);
  return typeof text === 'string' && (/^\s*-/.test(text) || /^\s*0+(\.0*)?\s*[a-z]*\s*$/i.test(text));
}

/**
 * `SELECT drop_chunks('conditions', older_than => now())`, `SELECT
 * partman.drop_partition_time('events', p_retention := '0 days')`: a retention function
 * (knowledge/sql-functions.ts) whose cutoff keeps nothing drops every chunk of the table.
 */
function retentionDrop(body: PgNode): Partial<SqlStatement> | undefined {
  let found: Partial<SqlStatement> | undefined;
  walk(body.targetList, (type, call) => {
    if (type !== 'FuncCall' || found) return !found;
    const spec = own(RETENTION_FUNCTIONS, svalList(call.funcname).at(-1)?.toLowerCase() ?? '');
    if (!spec) return true;
    const args: PgNode[] = call.args ?? [];
    const arg = (which: { name: string; index: number }) =>
      args.find((a) => a?.NamedArgExpr?.name === which.name)?.NamedArgExpr.arg ?? (args[which.index]?.NamedArgExpr ? undefined : args[which.index]);
    const cutoff = arg(spec.cutoff);
    if (cutoff === undefined || !keepsNothing(cutoff)) return true;
    const relation = arg(spec.table);
    const name = relation?.A_Const?.sval?.sval ?? relation?.TypeCast?.arg?.A_Const?.sval?.sval;
    found = {
      kind: 'drop-table',
      tables: [typeof name === 'string' ? name : 'a partitioned table'],
      names: [typeof name === 'string' ? name : 'its partitions'],
    };
    return false;
  });
  return found;
}

/** Kinds that a replication function call outranks (`INSERT INTO t SELECT pg_promote()`). */
const OUTRANKED_BY_REPLICATION: ReadonlySet<SqlStatementKind> = new Set(['select', 'insert', 'create', 'set', 'grant', 'revoke', 'transaction', 'other']);

/** Privileges that change data or objects: granted TO PUBLIC, every role (and login) has them. */
const WRITE_PRIVILEGES = new Set(['insert', 'update', 'delete', 'truncate', 'create', 'references', 'trigger', 'maintain']);

/** Predefined roles that write every table, or reach the server's files and programs (as good
 *  as a superuser). Reading everything (pg_read_all_data) destroys nothing. */
const BROAD_ROLES = new Set([
  'pg_write_all_data',
  'pg_read_server_files',
  'pg_write_server_files',
  'pg_execute_server_program',
  'rds_superuser',
  'azure_pg_admin',
  'cloudsqlsuperuser',
]);

/** The role attribute that bypasses every privilege check. (BYPASSRLS and CREATEROLE grant no
 *  table privilege by themselves: platform setup scripts give them to service roles routinely.) */
const BROAD_ROLE_OPTIONS = new Set(['superuser']);

function isPublic(role: PgNode): boolean {
  return role?.RoleSpec?.roletype === 'ROLESPEC_PUBLIC';
}

/** GRANT/REVOKE (PostgreSQL): which of grant, grant-broad, revoke. */
function grantKind(type: string, body: PgNode): SqlStatementKind {
  if (type === 'AlterDefaultPrivilegesStmt') return grantKind('GrantStmt', body.action?.GrantStmt ?? body.action ?? {});
  if (type === 'GrantRoleStmt') {
    if (body.is_grant !== true) return 'revoke';
    const roles = (body.granted_roles ?? []).map((r: PgNode) => String(r?.AccessPriv?.priv_name ?? '').toLowerCase());
    return roles.some((r: string) => BROAD_ROLES.has(r)) || (body.grantee_roles ?? []).some(isPublic) ? 'grant-broad' : 'grant';
  }
  if (body.is_grant !== true) return 'revoke';
  const privileges: string[] | undefined = body.privileges?.map((p: PgNode) => String(p?.AccessPriv?.priv_name ?? '').toLowerCase());
  const writes = privileges === undefined || privileges.some((p) => WRITE_PRIVILEGES.has(p));
  return writes && (body.grantees ?? []).some(isPublic) ? 'grant-broad' : 'grant';
}

/** ALTER ROLE … SUPERUSER, CREATE ROLE … BYPASSRLS. */
function grantsBroadRoleOption(body: PgNode): boolean {
  return (body.options ?? []).some((o: PgNode) => BROAD_ROLE_OPTIONS.has(String(o?.DefElem?.defname ?? '')) && o.DefElem.arg?.Boolean?.boolval === true);
}

function describeOne(type: string, body: PgNode, span: Span, ctx: Context, out: Collected, options: DescribeOptions): SqlStatement | undefined {
  const s = describeKind(type, body, span, ctx, out, options);
  if (s && OUTRANKED_BY_REPLICATION.has(s.kind) && s.functionCalls?.some((c) => REPLICATION_FUNCTIONS.has(c))) s.kind = 'replication';
  return s;
}

/** Objects computed from tables: dropping them, CASCADE or not, loses no stored data. */
const DERIVED_OBJECTS: ReadonlySet<string> = new Set(['OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX']);

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
      // A publication is what logical replicas subscribe to: dropping it stops their replication.
      if (body.removeType === 'OBJECT_PUBLICATION') s.kind = 'replication';
      s.names = names;
      if (s.kind === 'drop-table') s.tables = names;
      if (body.behavior === 'DROP_CASCADE') s.cascade = true;
      if (body.missing_ok) s.ifExists = true;
      // CASCADE drops whatever depends on the object: the columns of a dropped type or domain, the
      // tables of an extension's types, views, foreign keys. It destroys data like DROP TABLE.
      // Views and indexes hold no rows of their own, and what depends on them is more views: a
      // migration that rebuilds a view with CASCADE (lemmy) destroys nothing a restore brings back.
      // An extension that keeps no data and defines no type (knowledge/sql-functions.ts) takes
      // nothing stored with it, CASCADE or not.
      const stateless =
        body.removeType === 'OBJECT_EXTENSION' && names.length > 0 && names.every((name: string) => STATELESS_EXTENSIONS.has(name.toLowerCase()));
      if (stateless) return s;
      if (s.kind === 'drop-other' && s.cascade && !DERIVED_OBJECTS.has(body.removeType)) s.kind = 'drop-cascade';
      // Without CASCADE the server refuses when user objects depend on an extension, but the
      // extension's own member tables go with it (pg_cron's cron.job, postgis' spatial_ref_sys rows).
      else if (s.kind === 'drop-other' && body.removeType === 'OBJECT_EXTENSION') s.kind = 'drop-extension';
      return s;
    }
    case 'DropOwnedStmt':
      // DROP OWNED BY role drops every table, view and sequence the role owns, CASCADE or not.
      s.kind = 'drop-cascade';
      s.names = (body.roles ?? []).map((r: PgNode) => r?.RoleSpec?.rolename ?? '?');
      if (body.behavior === 'DROP_CASCADE') s.cascade = true;
      return s;
    case 'TruncateStmt':
      s.kind = 'truncate';
      s.tables = (body.relations ?? []).map((r: PgNode) => rangeVarName(r.RangeVar));
      if (body.behavior === 'DROP_CASCADE') s.cascade = true;
      return s;
    case 'DeleteStmt':
    case 'UpdateStmt': {
      s.kind = type === 'DeleteStmt' ? 'delete' : 'update';
      s.tables = [rangeVarName(body.relation)];
      // DELETE … USING and UPDATE … FROM join other relations, possibly the target itself.
      Object.assign(s, judgeWhere(body.whereClause, body.relation, type === 'DeleteStmt' ? body.usingClause : body.fromClause));
      return s;
    }
    case 'MergeStmt': {
      const commands = (body.mergeWhenClauses ?? []).map((c: PgNode) => c?.MergeWhenClause?.commandType);
      s.kind = commands.includes('CMD_DELETE') ? 'delete' : commands.includes('CMD_UPDATE') ? 'update' : 'insert';
      s.tables = [rangeVarName(body.relation)];
      Object.assign(s, judgeMerge(body));
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
        } else if (c?.subtype === 'AT_AlterColumnType') {
          retyped.push(c.name ?? '?');
          const type = columnType(c.def?.ColumnDef?.typeName);
          if (type) (s.retypes ??= []).push({ column: c.name ?? '?', type, using: c.def?.ColumnDef?.raw_default !== undefined });
        } else if (c?.subtype === 'AT_AddColumn') {
          const def = c.def?.ColumnDef;
          const type = columnType(def?.typeName);
          if (def?.colname && type) (s.columnTypes ??= {})[def.colname] = type;
        }
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
        if (typeof body.newname === 'string' && body.renameType === 'OBJECT_TABLE') s.renamedTo = [body.newname];
      }
      return s;
    case 'AlterSystemStmt': {
      const set = body.setstmt;
      const name = String(set?.name ?? '').toLowerCase();
      const value = String(
        set?.args?.[0]?.A_Const?.sval?.sval ?? set?.args?.[0]?.A_Const?.boolval?.boolval ?? set?.args?.[0]?.A_Const?.ival?.ival ?? '',
      ).toLowerCase();
      s.kind =
        set?.kind === 'VAR_RESET_ALL' || REPLICATION_SETTINGS.has(name)
          ? 'replication'
          : DURABILITY_SETTINGS.has(name) && ['off', 'false', '0', 'no'].includes(value)
            ? 'durability-off'
            : 'set';
      if (set?.name) s.names = [set.name];
      return s;
    }
    case 'VacuumStmt': {
      // VACUUM FULL (and VACUUM (FULL) …) rewrites each table under an exclusive lock; plain VACUUM does not.
      const options: PgNode[] = body.options ?? [];
      const full = options.some(
        (option) => String(option?.DefElem?.defname ?? '').toLowerCase() === 'full' && option?.DefElem?.arg?.Boolean?.boolval !== false,
      );
      s.kind = full && body.is_vacuumcmd !== false ? 'table-rewrite' : 'other';
      s.tables = (body.rels ?? []).map((rel: PgNode) => rangeVarName(rel?.VacuumRelation?.relation)).filter(Boolean);
      return s;
    }
    case 'ClusterStmt':
      s.kind = 'table-rewrite';
      if (body.relation) s.tables = [rangeVarName(body.relation)];
      return s;
    case 'AlterSubscriptionStmt': {
      // DISABLE stops applying the publisher's changes (its slot keeps WAL on the publisher until
      // it is enabled again); SET (enabled = false) is the same.
      const options: PgNode[] = body.options ?? [];
      const disables = options.some((option) => option?.DefElem?.defname === 'enabled' && option?.DefElem?.arg?.Boolean?.boolval !== true);
      if (disables) {
        s.kind = 'replication';
        s.names = [body.subname ?? '?'];
      }
      return s;
    }
    case 'SelectStmt': {
      s.kind = replicationCall ? 'replication' : body.intoClause && !options.plpgsql ? 'create' : 'select';
      s.tables = fromTables(body.fromClause);
      const destroys = s.kind === 'select' ? (perRowDestruction(body) ?? retentionDrop(body)) : undefined;
      return destroys ? Object.assign(s, destroys) : s;
    }
    case 'InsertStmt': {
      s.kind = 'insert';
      s.tables = [rangeVarName(body.relation)];
      const copied = everyRowOf(body.selectStmt);
      if (copied) s.copiedFrom = copied;
      const part = copied ? undefined : rowsOnOneSide(body.selectStmt);
      if (part) s.copiedPart = part;
      return s;
    }
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
      s.kind = grantKind(type, body);
      return s;
    case 'AlterRoleStmt':
    case 'CreateRoleStmt':
      if (grantsBroadRoleOption(body)) s.kind = 'grant-broad';
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
      ctx.runner.describeDo(body, span, ctx, out);
      return undefined; // describeDo pushes the DO itself and what it runs
    case 'CreateFunctionStmt':
      ctx.runner.recordFunction(body, span, ctx);
      s.kind = 'create';
      delete s.functionCalls;
      return s;
    case 'DropSubscriptionStmt':
      // Stops the logical replication and drops its slot on the publisher (github-2018: topology).
      s.kind = 'replication';
      s.names = [body.subname ?? '?'];
      if (body.missing_ok) s.ifExists = true;
      return s;
    case 'DropRoleStmt':
      // DROP ROLE/USER: the login's sessions and grants are gone; on the application's role every
      // request fails until it is recreated with the same password and every grant.
      s.kind = 'drop-role';
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
        // A schema it creates (CREATE SCHEMA fails when one exists) holds only what this input puts in it.
        if (type === 'CreateSchemaStmt' && body.schemaname && !body.if_not_exists) s.schemas = [String(body.schemaname)];
        // The table it creates: dropping or truncating it later in the same input destroys nothing
        // that existed before.
        if (type === 'CreateStmt' && body.relation) {
          s.tables = [rangeVarName(body.relation)];
          for (const element of body.tableElts ?? []) {
            const def = element?.ColumnDef;
            const declared = columnType(def?.typeName);
            if (def?.colname && declared) (s.columnTypes ??= {})[def.colname] = declared;
          }
        }
        if (type === 'CreateTableAsStmt' && body.into?.rel) s.tables = [rangeVarName(body.into.rel)];
      } else if (type.startsWith('Drop')) {
        s.kind = 'drop-other';
        if (body.missing_ok) s.ifExists = true;
      } else if (replicationCall) s.kind = 'replication';
      return s;
  }
}
