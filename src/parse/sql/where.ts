// WHERE clauses: is it there, and is it always true?
import { parsePostgres } from './load.js';
import { fromTables, nodeType, rangeVarName, svalList, walk, type PgNode } from './pg-ast.js';
import type { SqlStatement, WhereJudgement } from './statement.js';
import { dict } from '../../util/dict.js';

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

/** A subquery that returns no row whatever the table holds: `SELECT 1 WHERE false`, `… LIMIT 0`.
 *  Without aggregates or grouping only (`SELECT count(*) WHERE false` returns one row). */
function selectsNothing(sub: PgNode, target: PgNode): boolean {
  if (!sub || sub.op !== 'SETOP_NONE' || sub.groupClause || sub.havingClause) return false;
  let calls = false;
  walk(sub.targetList, (type) => {
    if (type === 'FuncCall') calls = true;
    return !calls;
  });
  if (calls) return false;
  if (sub.limitCount && constValue(sub.limitCount) === 0) return true;
  return !!sub.whereClause && truth(sub.whereClause, target)?.value === false;
}

/**
 * `tenant_id` names a row of `tenants` by convention (a foreign key): `tenant_id IN (SELECT id FROM
 * tenants)` holds for every row that has a tenant. The name must say so — `user_id IN (SELECT id
 * FROM banned_users)` is a real list.
 */
function namesParentTable(column: string, table: string): boolean {
  const singular = /^(.+)_id$/i.exec(column)?.[1]?.toLowerCase();
  if (!singular) return false;
  const t = table.toLowerCase();
  return t === singular || t === `${singular}s` || t === `${singular}es` || (singular.endsWith('y') && t === `${singular.slice(0, -1)}ies`);
}

/** The parent table a subquery reads in full (one relation, no filter, no limit): its name. */
function wholeParent(sub: PgNode, target: PgNode): string | undefined {
  if (!sub || sub.limitCount || sub.havingClause || sub.groupClause || sub.op !== 'SETOP_NONE') return undefined;
  if (sub.whereClause && truth(sub.whereClause, target)?.value !== true) return undefined;
  const from = sub.fromClause ?? [];
  return from.length === 1 ? from[0]?.RangeVar?.relname : undefined;
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
        const excluded = excludedMiddle(args);
        if (excluded) return excluded;
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
        return selfMatch(op, body.lexpr, body.rexpr, target) ?? timeBoundTruth(op, body.lexpr, body.rexpr) ?? keyBoundTruth(op, body.lexpr, body.rexpr);
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
        const [loNode, hiNode] = body.rexpr?.List?.items ?? [];
        const column = columnName(body.lexpr);
        if (column && body.kind === 'AEXPR_BETWEEN' && (timeOffset(loNode) ?? 0) <= -FAR_YEARS && (timeOffset(hiNode) ?? 0) >= FAR_YEARS) {
          return { value: true, nonNull: [column] };
        }
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
      // `id IS NOT NULL` on a primary-key column holds for every row. Only the names that are the
      // key by convention (`id`, `uuid`): `deleted_at IS NOT NULL` is a real filter.
      const column = columnName(body.arg)?.split('.').pop()?.toLowerCase();
      if (column && PRIMARY_KEY_NAMES.has(column)) return { value: body.nulltesttype === 'IS_NOT_NULL' };
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
      // EXISTS / IN over a subquery that returns nothing is false: `NOT EXISTS (SELECT 1 WHERE
      // false)` and `id NOT IN (SELECT … LIMIT 0)` are true for every row.
      if ((body.subLinkType === 'EXISTS_SUBLINK' || body.subLinkType === 'ANY_SUBLINK') && selectsNothing(sub, target)) return { value: false };
      if (body.subLinkType === 'EXISTS_SUBLINK' && selectsWholeTarget(sub, target, true)) return { value: true };
      if (body.subLinkType === 'ANY_SUBLINK' && (body.operName === undefined || opName({ name: body.operName }) === '=')) {
        const outer = columnName(body.testexpr);
        const targets: PgNode[] = sub?.targetList ?? [];
        const inner = targets.length === 1 ? columnName(targets[0]?.ResTarget?.val) : undefined;
        const last = (c: string | undefined): string | undefined => c?.split('.').pop();
        if (outer && inner && last(outer) === last(inner) && selectsWholeTarget(sub, target, false)) {
          return { value: true, nonNull: [outer] };
        }
        // `tenant_id IN (SELECT id FROM tenants)`: every row whose tenant exists — with the
        // foreign key the name promises, every row that has a tenant at all.
        const parent = wholeParent(sub, target);
        if (outer && inner && parent && namesParentTable(last(outer)!, parent) && (last(inner) === 'id' || last(inner) === last(outer))) {
          return { value: true, nonNull: [outer] };
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A time bound a century or more from now covers every row a table of live data holds:
 * `created_at < now() + interval '100 years'`, `created_at > now() - interval '1000 years'`,
 * `created_at > '-infinity'`, `created_at < '9999-12-31'` are WHERE clauses in form only — the
 * Atlassian 2022 deletion ran on a list that was not the one meant; a filter that filters
 * nothing is the same mistake written in SQL.
 */
const FAR_YEARS = 100;

/** Years a literal date lies from the present, on a fixed reference (pure: no clock read); a
 *  date a century away either side of it is a far bound whatever today's date is. */
const REFERENCE_YEAR = 2000;

const INTERVAL_UNIT_YEARS: Record<string, number> = dict({
  millennium: 1000,
  millennia: 1000,
  millenniums: 1000,
  century: 100,
  centuries: 100,
  decade: 10,
  decades: 10,
  year: 1,
  years: 1,
  y: 1,
  yr: 1,
  yrs: 1,
  month: 1 / 12,
  months: 1 / 12,
  mon: 1 / 12,
  mons: 1 / 12,
  week: 7 / 365.25,
  weeks: 7 / 365.25,
  w: 7 / 365.25,
  day: 1 / 365.25,
  days: 1 / 365.25,
  d: 1 / 365.25,
});

/** `'100 years'`, `'1 century 2 days'`: the interval in years; undefined for anything else. */
function intervalYears(text: string): number | undefined {
  const tokens = text.trim().toLowerCase().replace(/^@\s*/, '').split(/\s+/);
  if (tokens.length === 0 || tokens.length % 2 !== 0) return undefined;
  let years = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    const amount = Number(tokens[i]);
    const unit = INTERVAL_UNIT_YEARS[tokens[i + 1]!];
    if (!Number.isFinite(amount) || unit === undefined) return undefined;
    years += amount * unit;
  }
  return years;
}

const NOW_FUNCTIONS = new Set(['now', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'localtimestamp', 'current_timestamp']);
const TIME_TYPES = /^(timestamp|timestamptz|date|time|timetz)$/;

/** An expression's offset from now in years (±Infinity for `'infinity'`), when it is a time. */
function timeOffset(node: PgNode): number | undefined {
  const t = nodeType(node);
  if (!t) return undefined;
  const [type, body] = t;
  if (type === 'SQLValueFunction') return /^SVFOP_(CURRENT_(DATE|TIMESTAMP|TIME)|LOCAL(TIMESTAMP|TIME))/.test(String(body.op)) ? 0 : undefined;
  if (type === 'FuncCall') return NOW_FUNCTIONS.has(svalList(body.funcname).at(-1)?.toLowerCase() ?? '') && !(body.args?.length > 0) ? 0 : undefined;
  if (type === 'TypeCast' && !TIME_TYPES.test(typeNameOf(body.typeName))) return undefined;
  const literal = type === 'TypeCast' ? constValue(body.arg) : type === 'A_Const' ? constValue(node) : undefined;
  if (typeof literal === 'string') {
    const text = literal.trim().toLowerCase();
    if (text === '-infinity') return -Infinity;
    if (text === 'infinity' || text === '+infinity') return Infinity;
    if (text === 'now' || text === 'today') return 0;
    const year = /^(\d{4,})-\d{1,2}-\d{1,2}/.exec(text)?.[1];
    return year === undefined ? undefined : Number(year) - REFERENCE_YEAR;
  }
  if (type === 'TypeCast') return timeOffset(body.arg);
  if (type === 'A_Expr' && body.kind === 'AEXPR_OP' && (opName(body) === '+' || opName(body) === '-')) {
    const base = timeOffset(body.lexpr);
    const interval = nodeType(body.rexpr);
    const text = interval?.[0] === 'TypeCast' && typeNameOf(interval[1].typeName) === 'interval' ? constValue(interval[1].arg) : undefined;
    const years = typeof text === 'string' ? intervalYears(text) : undefined;
    if (base === undefined || years === undefined) return undefined;
    return opName(body) === '+' ? base + years : base - years;
  }
  return undefined;
}

/** `col < far future`, `col > far past` (either side): true for every row where col is not NULL. */
/** Columns that hold when a row was created, by the names frameworks give them (Rails, Django,
 *  Laravel, Prisma, Sequelize, Ecto). */
const CREATION_TIME = /^(created_?at|inserted_?at|created_?on|creation_?(date|time)|date_?created|created)$/i;

/** `now()`, `CURRENT_TIMESTAMP`, or one of them plus or minus an interval: the time of the statement. */
function nowBased(node: PgNode): boolean {
  const t = nodeType(node);
  if (!t) return false;
  const [type, body] = t;
  if (type === 'SQLValueFunction' || type === 'FuncCall') return timeOffset(node) === 0;
  if (type === 'TypeCast') return nowBased(body.arg);
  return type === 'A_Expr' && body.kind === 'AEXPR_OP' && (opName(body) === '+' || opName(body) === '-') && nowBased(body.lexpr);
}

/** A comparison read from the other side (`0 < id` is `id > 0`). */
const FLIPPED: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '<>': '<>', '!=': '!=' };

function timeBoundTruth(op: string, left: PgNode, right: PgNode): Truth | undefined {
  const [column, bound, cmp] = columnName(left) ? [columnName(left), right, op] : [columnName(right), left, FLIPPED[op]];
  if (!column || !cmp) return undefined;
  const offset = timeOffset(bound);
  if (offset === undefined) return undefined;
  if ((cmp === '<' || cmp === '<=') && offset >= FAR_YEARS) return { value: true, nonNull: [column] };
  // A row's creation time is in the past: `created_at < now()` holds for every row that has one.
  if ((cmp === '<' || cmp === '<=') && offset >= 0 && nowBased(bound) && CREATION_TIME.test(column.replace(/^.*\./, '')))
    return { value: true, nonNull: [column] };
  if ((cmp === '>' || cmp === '>=') && offset <= -FAR_YEARS) return { value: true, nonNull: [column] };
  return undefined;
}

/**
 * A generated key is positive: `id > 0`, `id >= 1`, `id <> 0`, `0 < id` hold for every row (a
 * sequence starts at 1). Only the names that are the key by convention, as for `id IS NOT NULL`.
 */
function keyBoundTruth(op: string, left: PgNode, right: PgNode): Truth | undefined {
  const [column, bound, cmp] = columnName(left) ? [columnName(left), right, op] : [columnName(right), left, FLIPPED[op]];
  const key = column?.split('.').pop()?.toLowerCase();
  if (!key || !PRIMARY_KEY_NAMES.has(key) || !cmp) return undefined;
  const value = constValue(bound);
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
  if (number === undefined) return undefined;
  const covers = (cmp === '>' && number <= 0) || (cmp === '>=' && number <= 1) || ((cmp === '<>' || cmp === '!=') && number <= 0);
  return covers ? { value: true, nonNull: [column!] } : undefined;
}

function mergeNonNull(parts: (Truth | undefined)[]): { nonNull?: string[] } {
  const cols = parts.flatMap((p) => p?.nonNull ?? []);
  return cols.length ? { nonNull: [...new Set(cols)] } : {};
}

/** Column names that are a table's primary key by convention: never NULL. */
const PRIMARY_KEY_NAMES: ReadonlySet<string> = new Set(['id', 'uuid']);

/** Structural key of an expression, positions ignored. */
const exprKey = (n: PgNode): string => JSON.stringify(n, (k, v: unknown) => (k === 'location' ? undefined : v));

/** `x OR NOT x` holds for every row where the columns in x are not NULL. */
function excludedMiddle(args: PgNode[]): Truth | undefined {
  const negated = new Set(args.filter((a) => a?.BoolExpr?.boolop === 'NOT_EXPR').map((a) => exprKey(a.BoolExpr.args?.[0])));
  const x = args.find((a) => negated.has(exprKey(a)));
  if (!x) return undefined;
  const columns: string[] = [];
  walk(x, (type, body) => {
    if (type === 'ColumnRef') columns.push(svalList(body.fields).join('.'));
  });
  return columns.length ? { value: true, nonNull: [...new Set(columns)] } : { value: true };
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
    case 'SQLValueFunction':
      return String(body.op ?? '…').replace(/^SVFOP_/, '');
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

/**
 * The names that qualify the target's columns and those of the same table joined again
 * (`DELETE FROM users USING users u2`): `users.id = u2.id` holds for every row, which matches itself.
 */
function selfJoin(target: PgNode, joined: readonly PgNode[] | undefined): { own: string; copies: string[] } | undefined {
  if (!target || !joined?.length) return undefined;
  const copies = joined
    .map((item) => item?.RangeVar)
    .filter((rv: PgNode) => rv && rv.inh !== false && sameRelation(rv, target))
    .map((rv: PgNode) => (rv.alias?.aliasname ?? rv.relname) as string);
  const own = (target.alias?.aliasname ?? target.relname) as string;
  const distinct = copies.filter((name) => name !== own);
  return distinct.length > 0 ? { own, copies: distinct } : undefined;
}

/** `t.c = copy.c` where t is the target and copy the same table joined again: true for every row whose c is not NULL. */
function selfMatch(op: string, left: PgNode, right: PgNode, target: PgNode): Truth | undefined {
  const self = target?.[SELF_JOIN] as { own: string; copies: string[] } | undefined;
  if (!self || !['=', '>=', '<='].includes(op)) return undefined;
  const l: string[] | undefined = left?.ColumnRef ? svalList(left.ColumnRef.fields) : undefined;
  const r: string[] | undefined = right?.ColumnRef ? svalList(right.ColumnRef.fields) : undefined;
  if (l?.length !== 2 || r?.length !== 2 || l[1] !== r[1]) return undefined;
  const pair = [l[0], r[0]];
  return pair.includes(self.own) && pair.some((name) => name !== self.own && self.copies.includes(name!)) ? { value: true, nonNull: [l[1]!] } : undefined;
}

const SELF_JOIN = Symbol('self join');

export function judgeWhere(where: PgNode, relation: PgNode, joined?: readonly PgNode[]): Pick<SqlStatement, 'where' | 'whereReason'> {
  if (!where) return { where: 'none' };
  const self = selfJoin(relation, joined);
  const target = self ? { ...relation, [SELF_JOIN]: self } : relation;
  const result = truth(where, target);
  if (!result?.value) return computedRows(where, relation, joined) ?? { where: 'present' };
  const text = printExpr(where);
  const reason = result.nonNull?.length ? `WHERE ${text} is true for every row where ${result.nonNull.join(', ')} is not NULL` : `WHERE ${text} is always true`;
  return { where: 'always-true', whereReason: reason };
}

/**
 * Rows chosen by another query (Atlassian 2022: the list of IDs was computed — from the wrong
 * table): a WHERE with a subquery (`id IN (SELECT site_id FROM apps …)`, `EXISTS (…)`) or a DELETE
 * … USING / UPDATE … FROM another table. Which rows, and how many, only the data decides.
 */
function computedRows(where: PgNode, relation: PgNode, joined?: readonly PgNode[]): Pick<SqlStatement, 'where' | 'whereReason'> | undefined {
  const own = rangeVarName(relation);
  const others = fromTables(joined ? [...joined] : undefined).filter((name) => name !== own);
  if (others.length > 0) return { where: 'computed', whereReason: `the rows of ${own} are chosen by a join with ${others.join(', ')}` };
  const queried: string[] = [];
  walk(where, (type, body) => {
    if (type !== 'SubLink') return;
    queried.push(...fromTables(body?.subselect?.SelectStmt?.fromClause));
    return false;
  });
  return queried.length > 0
    ? { where: 'computed', whereReason: `the rows of ${own} are chosen by a query over ${[...new Set(queried)].join(', ')}` }
    : undefined;
}

/** MySQL WHERE clauses are judged by translating them to `DELETE FROM t WHERE …` for this parser. */
export function judgeMysqlWhere(pgDelete: string): WhereJudgement {
  try {
    const parsed = parsePostgres(pgDelete);
    const del = parsed.stmts?.[0]?.stmt as PgNode;
    if (parsed.stmts?.length === 1 && del?.DeleteStmt) return judgeWhere(del.DeleteStmt.whereClause, del.DeleteStmt.relation);
  } catch {
    // A MySQL-only expression: a WHERE is there, we cannot say more.
  }
  return { where: 'present' };
}
