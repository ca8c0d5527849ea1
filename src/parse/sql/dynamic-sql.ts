// SQL given as text to something that runs it: dblink_exec('conn', 'DROP TABLE users'),
// query_to_xml('DELETE …'), EXECUTE format('DROP TABLE %I', t). The text is SQL like any other, so
// it is judged by the same analysis; text computed at run time cannot be, and says so.
import { nodeType, svalList, type PgNode } from './pg-ast.js';
import type { Collected, SqlError } from './statement.js';
import { table } from '../../util/dict.js';

/** Functions that run one of their arguments as SQL, and which argument that is. */
const SQL_TEXT_FUNCTIONS: Readonly<Record<string, (args: PgNode[]) => number>> = table({
  // dblink_exec([connname,] sql [, fail_on_error]); dblink([connname,] sql [, fail_on_error])
  dblink_exec: sqlAfterConnection,
  dblink: sqlAfterConnection,
  dblink_send_query: () => 1,
  // query_to_xml(query, nulls, tableforest, targetns) and friends run their first argument.
  query_to_xml: () => 0,
  query_to_xml_and_xmlschema: () => 0,
  query_to_xmlschema: () => 0,
});

function sqlAfterConnection(args: PgNode[]): number {
  const second = args[1];
  const isBoolean = second?.A_Const?.boolval !== undefined || /^(true|false)$/i.test(String(second?.A_Const?.sval?.sval ?? ''));
  return args.length >= 2 && !isBoolean ? 1 : 0;
}

/** Whether a function (a call's last name, lower-cased) may run one of its arguments as SQL. */
export function runsSqlText(name: string): boolean {
  return name in SQL_TEXT_FUNCTIONS;
}

export interface SqlTextCall {
  name: string;
  /** The argument that holds the SQL. */
  argument: PgNode;
}

/** Calls in a statement that run SQL text. Function bodies and rules are not entered: they do not
 *  run when created. */
export function sqlTextCalls(node: PgNode): SqlTextCall[] {
  const calls: SqlTextCall[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    // for…in: Object.entries' order without building an array of pairs per node (every node of
    // every statement lint reads passes here).
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (!child || typeof child !== 'object') continue; // nothing below a string or number
      if (key === 'CreateFunctionStmt' || key === 'RuleStmt' || key === 'CreateTrigStmt') continue;
      if (key === 'FuncCall') {
        const name = (svalList((child as PgNode).funcname).pop() ?? '').toLowerCase();
        const pick = SQL_TEXT_FUNCTIONS[name];
        const args: PgNode[] = (child as PgNode).args ?? [];
        const argument = pick ? args[pick(args)] : undefined;
        if (argument) calls.push({ name, argument });
      }
      visit(child);
    }
  };
  visit(node);
  return calls;
}

export interface SqlText {
  sql: string;
  /** False when part of the text is only known at run time (format's %s): the keyword and shape
   *  are judged, the rest is unknown. */
  exact: boolean;
}

/** Placeholders for what format() fills in: %I is a quoted identifier, %L a quoted literal. */
const UNKNOWN_IDENTIFIER = 'unknown_identifier';
const UNKNOWN_LITERAL = "'unknown literal'";

/**
 * The SQL an expression evaluates to, when the text says: a string constant, constants joined
 * with ||, or format() of a constant template (identifiers and literals it fills in become
 * placeholders; a %s, raw text, makes the result inexact).
 */
export function sqlTextOf(node: PgNode): SqlText | undefined {
  const t = nodeType(node);
  if (!t) return undefined;
  const [type, body] = t;
  if (type === 'A_Const') return typeof body.sval?.sval === 'string' ? { sql: body.sval.sval, exact: true } : undefined;
  if (type === 'TypeCast') return sqlTextOf(body.arg);
  if (type === 'A_Expr' && body.kind === 'AEXPR_OP' && svalList(body.name).join('') === '||' && body.lexpr) {
    const left = sqlTextOf(body.lexpr);
    const right = sqlTextOf(body.rexpr);
    if (!left && !right) return undefined;
    // `'GRANT ALL ON t TO ' || role`, `'TRUNCATE ' || r.tablename`: the constant text says what
    // kind of statement runs; the part computed at run time stands where a name goes, like %s.
    const known = (part: SqlText | undefined): SqlText => part ?? { sql: UNKNOWN_IDENTIFIER, exact: false };
    return { sql: known(left).sql + known(right).sql, exact: known(left).exact && known(right).exact };
  }
  if (type === 'FuncCall' && (svalList(body.funcname).pop() ?? '').toLowerCase() === 'format') {
    const template = sqlTextOf(body.args?.[0]);
    if (!template) return undefined;
    let exact = template.exact;
    const sql = template.sql.replace(/%(\d+\$)?-?(\d+|\*(\d+\$)?)?([sIL%])/g, (_m, _pos, _width, _star, conversion: string) => {
      if (conversion === '%') return '%';
      if (conversion === 'I') return UNKNOWN_IDENTIFIER;
      if (conversion === 'L') return UNKNOWN_LITERAL;
      exact = false;
      return UNKNOWN_IDENTIFIER;
    });
    return { sql, exact };
  }
  return undefined;
}

/**
 * Judge SQL text an expression computes. Exact text is SQL like any other. Text partly known only
 * at run time is judged for the statements its constant parts make (`'TRUNCATE ' || t` truncates),
 * then marked with one `runtime` error: the placeholders may not parse where the real value
 * would, so their parse errors are not the text's, and what they hide is not known.
 */
export function judgeComputedSql(
  text: SqlText | undefined,
  analyze: (sql: string, into: Collected) => void,
  out: Collected,
  unknown: Omit<SqlError, 'runtime'>,
): void {
  if (text?.exact) {
    analyze(text.sql, out);
    return;
  }
  if (text) {
    const shape: Collected = { statements: [], errors: [] };
    analyze(text.sql, shape);
    out.statements.push(...shape.statements);
  }
  out.errors.push({ ...unknown, runtime: true });
}
