// SQL with shell expansions in it (parse stage, pure): `psql -c "CREATE DATABASE ${NAME}"`.
//
// The value of an expansion is not known here (an unset variable is set where the script runs; a
// command substitution runs later), but where it stands in the SQL often says what it is: after
// `DATABASE`, `TABLE`, `FROM`, `=` it is a name or a value, and the statement's kind does not
// depend on it. Such text is read with a placeholder identifier in each expansion's place (inside
// a quoted literal the placeholder is part of the literal). An expansion anywhere else — the whole
// statement (`-c "$SQL"`), a keyword (`"$VERB TABLE x"`), a whole condition (`WHERE $FILTER`),
// an alias position where more SQL could follow (`FROM t $REST`), a function body — leaves the
// text unjudgeable, as before.
import type { UnknownSpan } from '../../types.js';
import { lexPg } from './pg-lexer.js';
import { splitMysql } from './mysql-lexer.js';
import { parsePostgres } from './load.js';
import { sqlTextCalls } from './dynamic-sql.js';

/** The placeholder for the n-th expansion: a plain identifier no real SQL uses. */
const placeholderName = (n: number): string => `prodguard_unknown_${n}`;

/**
 * Words after which an expansion stands for a name (of a database, table, role, index…) or for a
 * value: the statement's kind is settled by the words before it. Keywords that start a condition
 * (WHERE, AND, OR, NOT, HAVING, WHEN) or a query (SELECT, AS, EXPLAIN) are not here.
 */
const NAME_BEFORE: ReadonlySet<string> = new Set([
  // object kinds: CREATE/DROP/ALTER/TRUNCATE/GRANT … KIND name
  'DATABASE',
  'SCHEMA',
  'TABLE',
  'VIEW',
  'INDEX',
  'SEQUENCE',
  'EXTENSION',
  'FUNCTION',
  'PROCEDURE',
  'TYPE',
  'DOMAIN',
  'TRIGGER',
  'ROLE',
  'USER',
  'GROUP',
  'TABLESPACE',
  'PUBLICATION',
  'SUBSCRIPTION',
  'CONSTRAINT',
  'COLUMN',
  'EXISTS', // IF [NOT] EXISTS name
  // statements whose operand is a name
  'TRUNCATE',
  'ANALYZE',
  'VACUUM',
  'REINDEX',
  'CLUSTER',
  'COPY',
  'DESCRIBE',
  'DESC',
  'USE',
  'KILL',
  'NOTIFY',
  'LISTEN',
  // clauses whose operand is a name or a value
  'FROM',
  'INTO',
  'UPDATE',
  'JOIN',
  'TO',
  'OWNER',
  'TEMPLATE',
  'ENCODING',
  'PASSWORD',
  'LIMIT',
  'OFFSET',
  'LIKE',
  'ILIKE',
  'BY',
  'IDENTIFIED',
]);

/** Operators after which an expansion is an operand of a comparison or an assignment. */
const OPERAND_AFTER: ReadonlySet<string> = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '.', ',']);

/** Words before `(` that make what follows a list of names or values, not a condition. */
const CONDITION_START: ReadonlySet<string> = new Set([
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'HAVING',
  'ON',
  'WHEN',
  'THEN',
  'ELSE',
  'SELECT',
  'RETURNING',
  'AS',
  'USING',
]);

interface Token {
  type: string;
  pos: number;
  end: number;
}

export interface PlaceholderText {
  /** The SQL with a placeholder where each expansion stands. */
  text: string;
  /** Each placeholder and the expansion as written, to say it back in messages. */
  names: ReadonlyMap<string, string>;
}

/**
 * The SQL text with placeholders for its unknown expansions, when every expansion stands where a
 * name or a value stands; undefined when one could be more than that.
 */
export function withPlaceholders(sql: string, spans: readonly UnknownSpan[], dialect: 'postgres' | 'mysql'): PlaceholderText | undefined {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  const names = new Map<string, string>();
  const positions: { pos: number; end: number }[] = [];
  let text = '';
  let at = 0;
  for (const [n, span] of ordered.entries()) {
    if (span.start < at) return undefined;
    const name = placeholderName(n + 1);
    text += sql.slice(at, span.start);
    positions.push({ pos: text.length, end: text.length + name.length });
    text += name;
    names.set(name, span.text);
    at = span.end;
  }
  text += sql.slice(at);
  const tokens = significantTokens(text, dialect);
  for (const place of positions) {
    const index = tokens.findIndex((token) => token.pos <= place.pos && place.end <= token.end);
    if (index < 0 || !standsForNameOrValue(text, tokens, index)) return undefined;
  }
  if (dialect === 'postgres' && runsTextWithPlaceholder(text)) return undefined;
  return { text, names };
}

/** A literal that is itself SQL run by a function (`dblink_exec('DELETE … WHERE $C')`) is code,
 *  not a value: an expansion inside it could be any SQL. */
function runsTextWithPlaceholder(text: string): boolean {
  let parsed;
  try {
    parsed = parsePostgres(text);
  } catch {
    return false; // does not parse: the analysis says so, and the text stays unjudgeable
  }
  return (parsed.stmts ?? []).some((raw) => sqlTextCalls(raw.stmt).some((call) => JSON.stringify(call.argument).includes('prodguard_unknown_')));
}

function significantTokens(text: string, dialect: 'postgres' | 'mysql'): Token[] {
  if (dialect === 'postgres') return lexPg(text, true).filter((token) => token.type !== 'space');
  return splitMysql(text).pieces.flatMap((piece) => piece.tokens);
}

function standsForNameOrValue(text: string, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  // Inside a quoted literal or a quoted name, the expansion is part of it.
  if (token.type === 'string' || token.type === 'qident' || token.type === 'comment') return true;
  if (token.type !== 'word') return false;
  const word = (k: number): string => {
    const other = tokens[k];
    return other ? text.slice(other.pos, other.end).toUpperCase() : '';
  };
  const before = word(index - 1);
  const after = word(index + 1);
  if (NAME_BEFORE.has(before) || OPERAND_AFTER.has(before)) return true;
  // CREATE INDEX i ON name (col), GRANT … ON name TO role; not JOIN … ON condition.
  if (before === 'ON') return after === '(' || after === 'TO' || after === 'FROM' || after === 'IS';
  // IN (…), VALUES (…), f(…), table (columns): not `WHERE (…)`, `AND (…)`.
  if (before === '(') {
    const opener = word(index - 2);
    return opener !== '' && /^[A-Z_]/.test(opener) && !CONDITION_START.has(opener);
  }
  return false;
}
