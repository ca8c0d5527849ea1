// Queries that only read, recognised from tokens before PostgreSQL's parser is loaded.
//
// Loading libpg-query (WebAssembly) is most of a one-shot SQL check's cost, and the commonest SQL
// on a command line is a read: `psql -c 'SELECT count(*) FROM orders'`, an agent looking at a
// table. This pre-pass answers only text it can read completely: every statement starts with
// SELECT, VALUES, TABLE, WITH or SHOW; no word of it writes (INTO, UPDATE, DELETE, INSERT, MERGE…);
// every function it calls is on a short list of read-only built-ins; no psql meta-command,
// variable or parameter. Anything else — and whatever it is unsure of — returns undefined and goes
// to PostgreSQL's own grammar, which stays the judge of every statement that could change data.
// test/parse/read-only-sql.test.ts checks on real SQL that both give the same facts.
import { lexPg, significant, splitPgTokens, trimSpan, type PgToken } from './pg-lexer.js';
import type { SqlStatement } from './statement.js';

/** Longer text goes to the parser: the pre-pass is for the one-liners people and agents type. */
const MAX_LENGTH = 2000;

const FIRST_WORDS = new Set(['select', 'values', 'table', 'with', 'show']);

/** Words that write or take locks anywhere in a query (SELECT … INTO, a CTE's DELETE, FOR UPDATE). */
const WRITING_WORDS = new Set([
  'into',
  'insert',
  'update',
  'delete',
  'merge',
  'drop',
  'truncate',
  'alter',
  'create',
  'grant',
  'revoke',
  'copy',
  'do',
  'call',
  'execute',
  'lock',
  'set',
  'reset',
  'returning',
  'share',
  'nowait',
]);

/** Keywords that may stand before `(` without being a function call (a subquery, a list, a window). */
const GROUPING_KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'as',
  'on',
  'join',
  'in',
  'exists',
  'any',
  'all',
  'some',
  'over',
  'filter',
  'values',
  'using',
  'lateral',
  'by',
  'then',
  'else',
  'when',
  'case',
  'is',
  'distinct',
  'union',
  'except',
  'intersect',
  'having',
  'limit',
  'offset',
  'with',
  'array',
  'row',
  'cast',
  'between',
  'like',
  'ilike',
  'within',
]);

/** Built-in functions that read and compute, nothing else (no dblink, no admin functions). */
const READ_ONLY_FUNCTIONS = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'coalesce',
  'nullif',
  'greatest',
  'least',
  'lower',
  'upper',
  'length',
  'char_length',
  'octet_length',
  'substring',
  'substr',
  'trim',
  'btrim',
  'ltrim',
  'rtrim',
  'replace',
  'concat',
  'concat_ws',
  'left',
  'right',
  'position',
  'split_part',
  'to_char',
  'to_date',
  'to_timestamp',
  'to_number',
  'date_trunc',
  'date_part',
  'extract',
  'now',
  'age',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'abs',
  'mod',
  'array_agg',
  'string_agg',
  'json_agg',
  'jsonb_agg',
  'json_build_object',
  'jsonb_build_object',
  'row_to_json',
  'to_json',
  'to_jsonb',
  'jsonb_pretty',
  'array_length',
  'cardinality',
  'pg_size_pretty',
  'pg_total_relation_size',
  'pg_relation_size',
  'pg_table_size',
  'pg_indexes_size',
  'pg_database_size',
  'version',
  'pg_is_in_recovery',
  'pg_last_wal_replay_lsn',
  'pg_current_wal_lsn',
  'pg_wal_lsn_diff',
  'pg_backend_pid',
  'pg_postmaster_start_time',
  'current_setting',
  'row_number',
  'rank',
  'dense_rank',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'percentile_cont',
  'percentile_disc',
  'md5',
  'regexp_replace',
  'regexp_match',
  'regexp_matches',
  'format_type',
  'pg_get_indexdef',
  'pg_get_viewdef',
  'pg_get_constraintdef',
  'obj_description',
  'col_description',
]);

function word(sql: string, token: PgToken): string {
  return sql.slice(token.pos, token.end).toLowerCase();
}

/** Whether a statement's tokens only read (see the module comment). */
function onlyReads(sql: string, tokens: readonly PgToken[]): boolean {
  const first = tokens[0];
  if (first?.type !== 'word' || !FIRST_WORDS.has(word(sql, first))) return false;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    switch (token.type) {
      case 'word': {
        const name = word(sql, token);
        if (WRITING_WORDS.has(name)) return false;
        if (next?.type === 'open') {
          if (!GROUPING_KEYWORDS.has(name) && !READ_ONLY_FUNCTIONS.has(name)) return false;
          // `s.count(…)`, `"s".count(…)`: a qualified name is some schema's function, not the built-in.
          const previous = tokens[index - 1];
          if (previous?.type === 'op' && sql.slice(previous.pos, previous.end) === '.') return false;
        }
        break;
      }
      case 'qident':
        if (next?.type === 'open') return false;
        break;
      case 'op': {
        // psql interpolates `:name` and `:'name'` before the server sees the text.
        const op = sql.slice(token.pos, token.end);
        if (op.includes(':') && op !== '::') return false;
        break;
      }
      case 'string':
      case 'number':
      case 'open':
      case 'close':
        break;
      default:
        // Parameters, dollar quotes, psql meta-commands (`\gexec` runs the result as SQL): the parser.
        return false;
    }
    if (token.unterminated) return false;
  }
  return true;
}

/**
 * The statements of `sql` when every one only reads; undefined otherwise (parse it). Facts as the
 * parser path gives them for such statements: kind `select` (`other` for SHOW), no WHERE to judge.
 */
export function readOnlyStatements(sql: string): SqlStatement[] | undefined {
  if (sql.length > MAX_LENGTH || sql.includes('\0')) return undefined;
  const tokens = lexPg(sql, true);
  if (tokens.some((token) => token.type === 'meta' || token.unterminated)) return undefined;
  const pieces = splitPgTokens(tokens.filter(significant));
  if (pieces.length === 0) return undefined;
  const statements: SqlStatement[] = [];
  for (const piece of pieces) {
    if (!onlyReads(sql, piece)) return undefined;
    const span = trimSpan(sql, piece[0]!.pos, piece[piece.length - 1]!.end);
    if (!span) return undefined;
    const kind = word(sql, piece[0]!) === 'show' ? 'other' : 'select';
    statements.push({ kind, text: span.text, pos: span.pos, end: span.end, tables: [], where: 'not-applicable', dialect: 'postgres' });
  }
  return statements;
}
