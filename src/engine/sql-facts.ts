// What SQL (or mongosh JavaScript) each invocation would run, statement by statement, as facts the
// rules match on. Pure once the SQL parser is loaded: files are read by the caller's `readFile`.
// SQL that cannot be judged — it does not parse, its file cannot be read, it arrives on an unknown
// pipe — becomes a statement of kind `unknown`, which rules judge by the target's environment:
// never "allow because it did not parse".

import type { Invocation } from '../types.js';
import type { InvocationSql, SqlFact } from '../rules/evaluate.js';
import { sqlSourcesOf, type SqlDialect, type SqlSource } from '../parse/sql/sources.js';
import { analyzeColumnStoreSql } from '../parse/sql/column-stores.js';
import { analyzeSqliteSql } from '../parse/sql/sqlite.js';
import { analyzeCypher, analyzeInfluxql, analyzeOracle, analyzeRman } from '../parse/sql/query-languages.js';
import { analyzeSql, type SqlStatement } from '../parse/sql/analyze.js';
import { readOnlyStatements } from '../parse/sql/read-only.js';
import type { ColumnType } from '../parse/sql/statement.js';
import { analyzeMongoScript } from '../parse/sql/mongo.js';
import { withPlaceholders } from '../parse/sql/placeholders.js';
import { readPgbouncerCommands } from '../parse/sql/pgbouncer.js';
import { dict } from '../util/dict.js';

export type ReadFile = (path: string) => string | undefined;

export function needsSqlParser(invocations: readonly Invocation[]): boolean {
  return invocations.some((inv) =>
    sqlSourcesOf(inv).some((source) => source.language === 'sql' && ('file' in source || ('text' in source && !readsOnly(source)))),
  );
}

/** PostgreSQL text that only reads, known without the parser (parse/sql/read-only.ts). */
function readsOnly(source: { dialect: SqlDialect; text: string; dynamic?: true }): boolean {
  return source.dialect === 'postgres' && !source.dynamic && readOnlyStatements(source.text) !== undefined;
}

export function needsMongoParser(invocations: readonly Invocation[]): boolean {
  return invocations.some((inv) => sqlSourcesOf(inv).some((source) => source.language === 'mongo' && ('text' in source || 'file' in source)));
}

function unknown(origin: string, reason: string): SqlFact {
  return { kind: 'unknown', where: 'not-applicable', text: `${origin}: ${reason}`, whereReason: reason, tables: [] };
}

/**
 * The keys of a `declared` map (withoutSelfUndone) by each `name.` prefix they start with (`a.b.c`
 * under `a.` and `a.b.`), so that a table created again forgets its columns without a scan of
 * every column the history declared so far: lint keeps one map per migration history for the
 * whole run, and that scan per CREATE TABLE was a tenth of linting 500 migrations. Built from the
 * map's keys when first needed; withoutSelfUndone is the one writer of these maps after that.
 */
const declaredByPrefix = new WeakMap<Map<string, ColumnType>, Map<string, Set<string>>>();

function keyPrefixes(key: string): string[] {
  const prefixes: string[] = [];
  for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) prefixes.push(key.slice(0, dot + 1));
  return prefixes;
}

function prefixIndex(declared: Map<string, ColumnType>): Map<string, Set<string>> {
  let index = declaredByPrefix.get(declared);
  if (!index) {
    index = new Map();
    for (const key of declared.keys()) indexKey(index, key);
    declaredByPrefix.set(declared, index);
  }
  return index;
}

function indexKey(index: Map<string, Set<string>>, key: string): void {
  for (const prefix of keyPrefixes(key)) {
    let keys = index.get(prefix);
    if (!keys) index.set(prefix, (keys = new Set()));
    keys.add(key);
  }
}

function declareColumn(declared: Map<string, ColumnType>, key: string, type: ColumnType): void {
  if (!declared.has(key)) indexKey(prefixIndex(declared), key);
  declared.set(key, type);
}

/** Forget every key that starts with `table.` (the columns of an older table with that name). */
function forgetColumns(declared: Map<string, ColumnType>, table: string): void {
  const index = prefixIndex(declared);
  for (const key of [...(index.get(`${table}.`) ?? [])]) {
    declared.delete(key);
    for (const prefix of keyPrefixes(key)) index.get(prefix)?.delete(key);
  }
}

/**
 * Statements that cannot destroy anything that existed before this input: everything between a
 * BEGIN and its ROLLBACK, DROP/TRUNCATE of a table the same input created, and DROP of a table
 * whose every row it copied into another table first. `copied` holds the tables an earlier
 * input copied whole (the step just before, in a history that splits a rebuild into one
 * statement per migration) and receives the ones this input copies. `declared` holds
 * the column types known before this input (earlier migrations of the same history) and receives
 * the ones it declares. `retired` holds the tables an earlier migration of the history renamed
 * aside and copied whole (authelia's `ALTER TABLE t RENAME _bkp_UP_V0002_t`, a new `t`, `INSERT
 * INTO t SELECT … FROM _bkp_UP_V0002_t`): the application writes the new table from then on, so
 * the copy stays whole and a drop of the old name in any later migration loses no row. It
 * receives the ones this input retires. `history` holds the tables the earlier migrations of the
 * history named (and how many files it had): `DROP TABLE IF EXISTS t` right before `CREATE TABLE
 * t` of a table none of them named is the idempotent first creation of a new table (killbill's
 * Flyway migrations), which drops only what a failed run of the same migration left. It receives
 * the tables this input names.
 */
/** `IF (SELECT COUNT(*) FROM a) != (SELECT COUNT(*) FROM b) THEN RAISE EXCEPTION` (or `<>`). */
const COUNT_CHECK =
  /\bIF\s*\(\s*SELECT\s+COUNT\s*\(\s*\*\s*\)\s+FROM\s+([\w."]+)\s*\)\s*(?:!=|<>)\s*\(\s*SELECT\s+COUNT\s*\(\s*\*\s*\)\s+FROM\s+([\w."]+)\s*\)\s*THEN\s+RAISE\s+EXCEPTION\b/gi;

export function withoutSelfUndone(
  statements: readonly SqlStatement[],
  declared: Map<string, ColumnType> = new Map(),
  copied: Set<string> = new Set(),
  retired: Set<string> = new Set(),
  history?: MigrationTables,
): SqlStatement[] {
  const firstCreations = history ? newTableResets(statements, history) : new Set<SqlStatement>();
  const undone = new Set<SqlStatement>();
  let open: SqlStatement[] | undefined;
  for (const statement of statements) {
    // Only a transaction statement's words are read (a function body's text can be long).
    const text = statement.kind === 'transaction' ? statement.text.replace(/^\s+/, '').toUpperCase() : '';
    if (statement.kind === 'transaction' && /^(BEGIN|START TRANSACTION)\b/.test(text)) open = [];
    else if (statement.kind === 'transaction' && /^(ROLLBACK|ABORT)\b(?!\s+(WORK\s+|TRANSACTION\s+)?TO\b)/.test(text)) {
      for (const inside of open ?? []) undone.add(inside);
      open = undefined;
    } else if (statement.kind === 'transaction' && /^(COMMIT|END)\b/.test(text)) open = undefined;
    else open?.push(statement);
  }
  const created = new Set<string>();
  // Schemas this input created: every table in one is the input's own (dispatch's migration
  // clones `public` into a new schema, then drops the tables that schema does not keep).
  const newSchemas = new Set<string>();
  // Tables whose every row an earlier INSERT … SELECT copied into a table this input keeps (the
  // rebuild SQLite documents for schema changes ALTER TABLE cannot make, and MySQL/PostgreSQL
  // migrations copy: create the new table, copy, drop the old one, rename): dropping the old
  // table then loses no row.
  const lastDropped = new Map<string, number>();
  for (const statement of statements)
    if (statement.kind === 'drop-table') for (const table of statement.tables) lastDropped.set(table.toLowerCase(), statement.pos);
  // Whether rows in `table` at `pos` survive the input: the table is not dropped later, or they
  // are copied whole into one that survives before it is (authelia's SQLite rebuilds copy `t` into
  // `_bkp_t`, drop `t`, create it anew, copy `_bkp_t` back and drop `_bkp_t`).
  const copiesOut = statements.filter((statement) => statement.kind === 'insert' && statement.copiedFrom?.length);
  const keptAfter = (table: string, pos: number, seen: Set<string> = new Set()): boolean => {
    const dropped = lastDropped.get(table) ?? -1;
    if (dropped < pos) return true;
    if (seen.has(table)) return false;
    seen.add(table);
    return copiesOut.some((copy) => {
      const into = (copy.tables[0] ?? '').toLowerCase();
      return (
        copy.pos > pos &&
        copy.pos < dropped &&
        into !== table &&
        (copy.copiedFrom ?? []).some((source) => source.toLowerCase() === table) &&
        keptAfter(into, copy.pos, seen)
      );
    });
  };
  const scratch = scratchDrops(statements);
  // Counts the input checks before it goes on (formbricks' `DO $$ … IF (SELECT COUNT(*) FROM
  // "ApiKey") != (SELECT COUNT(*) FROM "ApiKeyNew") THEN RAISE EXCEPTION 'Data migration
  // incomplete' …`, then `DROP TABLE "ApiKey"`): the author made the migration stop unless the
  // other table holds as many rows; a data migration outside SQL copied them.
  for (const statement of statements) {
    if (!/RAISE/i.test(statement.text)) continue;
    for (const [, a, b] of statement.text.matchAll(COUNT_CHECK)) {
      const [left, right] = [a!, b!].map((name) => name.replace(/"/g, '').toLowerCase());
      if (keptAfter(right!, statement.pos)) copied.add(left!);
      if (keptAfter(left!, statement.pos)) copied.add(right!);
    }
  }
  // Copies of one side of a comparison, by target, source and compared terms: the operators seen.
  const sides = new Map<string, Set<string>>();
  // Names a table was renamed to in this input: a copy from one is a copy from a retired table.
  const renamedAside = new Set<string>();
  // Column types declared so far (CREATE TABLE, ADD COLUMN, an earlier retype), by table.column.
  return statements
    .filter((statement) => {
      if (statement.kind === 'create') for (const table of statement.tables) created.add(table.toLowerCase());
      if (statement.kind === 'create') for (const schema of statement.schemas ?? []) newSchemas.add(schema.toLowerCase());
      if (undone.has(statement)) return false;
      const into = (statement.tables[0] ?? '').toLowerCase();
      for (const name of statement.renamedTo ?? []) renamedAside.add(name.toLowerCase());
      const part = statement.kind === 'insert' && into ? statement.copiedPart : undefined;
      const halves = part ? `${into}\0${part.from.toLowerCase()}\0${part.terms}` : '';
      const whole = part && [...(sides.get(halves) ?? [])].some((op) => COMPLEMENT[op] === part.op);
      if (part) sides.set(halves, new Set([...(sides.get(halves) ?? []), part.op]));
      if (statement.kind === 'insert' && into && keptAfter(into, statement.pos))
        for (const source of [...(statement.copiedFrom ?? []), ...(whole && part ? [part.from] : [])]) {
          if (source.toLowerCase() === into) continue;
          copied.add(source.toLowerCase());
          if (renamedAside.has(source.toLowerCase())) retired.add(source.toLowerCase());
        }
      if (scratch.has(statement) || firstCreations.has(statement)) return false;
      const destroys = statement.kind === 'drop-table' || statement.kind === 'truncate';
      const inNewSchema = (table: string) => {
        const parts = table.toLowerCase().split('.');
        return parts.length >= 2 && newSchemas.has(parts[parts.length - 2] as string);
      };
      const gone = (table: string) =>
        created.has(table.toLowerCase()) ||
        inNewSchema(table) ||
        (statement.kind === 'drop-table' && (copied.has(table.toLowerCase()) || retired.has(table.toLowerCase())));
      return !(destroys && statement.tables.length > 0 && statement.tables.every(gone));
    })
    .map((statement) => {
      const table = (statement.tables[0] ?? '').toLowerCase();
      // A table created again starts over: the columns of an older one with its name are gone.
      if (statement.kind === 'create' && statement.columnTypes && !/\bIF\s+NOT\s+EXISTS\b/i.test(statement.text)) forgetColumns(declared, table);
      const keeps =
        statement.kind === 'alter-table-alter-type' &&
        statement.dialect === 'postgres' &&
        statement.retypes !== undefined &&
        statement.retypes.length === statement.columns?.length &&
        statement.retypes.every((retype) => !retype.using && keepsEveryValue(declared.get(`${table}.${retype.column}`), retype.type));
      for (const [column, type] of Object.entries(statement.columnTypes ?? {})) declareColumn(declared, `${table}.${column}`, type);
      for (const retype of statement.retypes ?? []) declareColumn(declared, `${table}.${retype.column}`, retype.type);
      return keeps ? { ...statement, kind: 'alter-table-other' as const } : statement;
    });
}

/**
 * `DROP TABLE IF EXISTS x` of a name the input then uses as scratch: it makes `x` later (renames a
 * table to it, or creates it) and, by its end, `x` is gone again (dropped, or renamed to the
 * table's real name). memos' SQLite rebuilds start `DROP TABLE IF EXISTS _user_old; ALTER TABLE
 * user RENAME TO _user_old; …; DROP TABLE _user_old`, and `DROP TABLE IF EXISTS memo_temp;
 * CREATE TABLE memo_temp …; ALTER TABLE memo_temp RENAME TO memo`: the drop clears what an
 * earlier rebuild of the same name left, which the input's own design discards anyway. A name
 * the input keeps at its end (`DROP TABLE IF EXISTS users; CREATE TABLE users …`) is a real table
 * reset and keeps its finding.
 */
const CREATE_TABLE =
  /^\s*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(?!IF\s+NOT\s+EXISTS\b)([`"]?[\w$]+[`"]?(?:\.[`"]?[\w$]+[`"]?)?)/i;

/** Comparisons that, together, hold for every row whose terms are not NULL (`xmin < x` then
 *  `xmin >= x`: hatchet's copy of v1_events_olap in two halves around a transaction id; see
 *  describe.ts rowsOnOneSide), and IS NULL with IS NOT NULL, which together hold for every row. */
const COMPLEMENT: Readonly<Record<string, string>> = {
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
  '=': '<>',
  '<>': '=',
  '!=': '=',
  IS_NULL: 'IS_NOT_NULL',
  IS_NOT_NULL: 'IS_NULL',
};

/** Tables the migrations of one history named so far, and how many files it has had. */
export interface MigrationTables {
  files: number;
  tables: Set<string>;
}

const tableKey = (name: string): string => name.replace(/[`"]/g, '').toLowerCase();

/** See withoutSelfUndone's `history`. The first file of a history keeps its findings: it may sit
 *  on a schema made before the history began (a baseline). */
function newTableResets(statements: readonly SqlStatement[], history: MigrationTables): Set<SqlStatement> {
  const resets = new Set<SqlStatement>();
  if (history.files > 0)
    statements.forEach((statement, at) => {
      const next = statements[at + 1];
      const made = next?.kind === 'create' ? CREATE_TABLE.exec(next.text) : null;
      if (
        statement.kind === 'drop-table' &&
        statement.tables.length === 1 &&
        /^\s*DROP\s+TABLE\s+IF\s+EXISTS\b/i.test(statement.text) &&
        made &&
        tableKey(made[1]!) === tableKey(statement.tables[0]!) &&
        !history.tables.has(tableKey(statement.tables[0]!))
      )
        resets.add(statement);
    });
  history.files++;
  for (const statement of statements) {
    for (const table of [...statement.tables, ...(statement.renamedTo ?? [])]) history.tables.add(tableKey(table));
    // The MySQL reading of SQLite's `AUTOINCREMENT` tables names no table: the text does.
    const made = statement.kind === 'create' ? CREATE_TABLE.exec(statement.text) : null;
    if (made) history.tables.add(tableKey(made[1]!));
  }
  return resets;
}

function scratchDrops(statements: readonly SqlStatement[]): Set<SqlStatement> {
  const events = new Map<string, { at: number; makes: boolean; statement: SqlStatement }[]>();
  const note = (table: string, at: number, makes: boolean, statement: SqlStatement) => {
    const key = table.toLowerCase();
    events.set(key, [...(events.get(key) ?? []), { at, makes, statement }]);
  };
  statements.forEach((statement, at) => {
    if (statement.kind === 'drop-table') for (const table of statement.tables) note(table, at, false, statement);
    const made = statement.kind === 'create' ? CREATE_TABLE.exec(statement.text) : null;
    // The MySQL reading of SQLite's `AUTOINCREMENT` tables names no table: the text does.
    if (made) for (const table of statement.tables.length > 0 ? statement.tables : [made[1]!.replace(/[`"]/g, '')]) note(table, at, true, statement);
    if (statement.renamedTo && statement.renamedTo.length === statement.tables.length)
      statement.tables.forEach((table, index) => {
        note(table, at, false, statement);
        note(statement.renamedTo![index]!, at, true, statement);
      });
  });
  const scratch = new Set<SqlStatement>();
  for (const list of events.values()) {
    const last = list.at(-1);
    if (!last || last.makes) continue;
    list.forEach((event, index) => {
      const clears = !event.makes && event.statement.kind === 'drop-table' && /\bIF\s+EXISTS\b/i.test(event.statement.text);
      if (clears && event.statement.tables.length === 1 && list.slice(index + 1).some((later) => later.makes)) scratch.add(event.statement);
    });
  }
  return scratch;
}

/** String types PostgreSQL stores the same way: a change among them rewrites nothing. */
const STRING_TYPES: ReadonlySet<string> = new Set(['text', 'varchar', 'citext']);

/**
 * Whether PostgreSQL's `ALTER COLUMN … TYPE to` keeps every value of a column of type `from` without
 * rewriting the table (https://www.postgresql.org/docs/current/sql-altertable.html, "Notes"): to
 * `text` or an unlimited `varchar` from a string type, a longer `varchar(m)` than `varchar(n)`,
 * and a `numeric` with more precision and the same scale (or none). The old type must be known
 * (declared earlier in the same input): `integer` → `text` loses nothing but rewrites every row
 * (documenso's `folderId`). Narrowing and every other change keep their finding.
 */
export function keepsEveryValue(from: ColumnType | undefined, to: ColumnType): boolean {
  if (!from) return false;
  const unlimitedString = STRING_TYPES.has(to.name) && to.mods.length === 0;
  if (unlimitedString) return STRING_TYPES.has(from.name);
  if (to.name === 'varchar' && from.name === 'varchar') return from.mods.length > 0 && (to.mods[0] ?? 0) >= (from.mods[0] ?? 0);
  if (to.name === 'numeric' && from.name === 'numeric') {
    if (to.mods.length === 0) return true;
    if (from.mods.length === 0) return false;
    return (to.mods[0] ?? 0) >= (from.mods[0] ?? 0) && (to.mods[1] ?? 0) === (from.mods[1] ?? 0);
  }
  return from.name === to.name && from.mods.join(',') === to.mods.join(',');
}

function sqlFacts(text: string, dialect: SqlDialect, origin: string): SqlFact[] {
  if (dialect === 'pgbouncer') return pgbouncerFacts(text, origin);
  if (dialect === 'proxysql') return proxysqlFacts(text);
  const reads = dialect === 'postgres' ? readOnlyStatements(text) : undefined;
  const analysis = reads
    ? { statements: reads, errors: [] }
    : dialect === 'clickhouse' || dialect === 'cql'
      ? analyzeColumnStoreSql(text, dialect)
      : dialect === 'sqlite'
        ? analyzeSqliteSql(text)
        : dialect === 'cypher'
          ? analyzeCypher(text)
          : dialect === 'influxql'
            ? analyzeInfluxql(text)
            : dialect === 'oracle'
              ? analyzeOracle(text)
              : dialect === 'rman'
                ? analyzeRman(text)
                : analyzeSql(text, dialect);
  const facts: SqlFact[] = withoutSelfUndone(analysis.statements).map((statement) => ({
    kind: statement.kind,
    where: statement.where,
    text: statement.text,
    tables: statement.tables,
    ...(statement.whereReason ? { whereReason: statement.whereReason } : {}),
  }));
  for (const error of analysis.errors) facts.push(unknown(origin, `does not parse (${error.message})`));
  return facts;
}

/** Statements to ProxySQL's admin interface: each configures the proxy (knowledge/proxysql.ts). */
function proxysqlFacts(text: string): SqlFact[] {
  return text
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean)
    .map((statement) => ({ kind: 'proxysql-admin', where: 'not-applicable', text: statement, tables: [] }));
}

/** Commands to pgbouncer's admin console; a word it does not know is unjudgeable, like SQL that does not parse. */
function pgbouncerFacts(text: string, origin: string): SqlFact[] {
  return readPgbouncerCommands(text).map((command) =>
    command.kind === 'unknown'
      ? unknown(origin, `pgbouncer's admin console has no command ${JSON.stringify(command.text)}`)
      : { kind: command.kind, where: 'not-applicable', text: command.text, tables: [] },
  );
}

const MONGO_KINDS: Record<string, string> = dict({
  'drop-database': 'mongo-drop-database',
  'drop-collection': 'mongo-drop-collection',
  'delete-all': 'mongo-delete-all',
  'update-all': 'mongo-update-all',
  shutdown: 'shutdown',
  replication: 'replication',
  'drop-role': 'drop-role',
});

function mongoFacts(text: string, origin: string): SqlFact[] {
  const analysis = analyzeMongoScript(text);
  const facts: SqlFact[] = analysis.operations.map((operation) => ({
    kind: MONGO_KINDS[operation.kind] ?? 'mongo-other',
    where: 'not-applicable',
    text: operation.text,
    tables: operation.collection ? [operation.collection] : [],
  }));
  for (const error of analysis.errors) facts.push(unknown(origin, `does not parse (${error.message})`));
  return facts;
}

function factsOf(source: SqlSource, readFile: ReadFile): SqlFact[] {
  if ('interactive' in source) return [{ kind: 'interactive-session', where: 'not-applicable', text: source.origin, tables: [] }];
  if ('unknown' in source) return [unknown(source.origin, 'its SQL comes from a pipe prodguard cannot see')];
  // Part of the SQL is only known when the line runs (`psql -c "$(cat x.sql)"`): judging the
  // known part alone would let the rest through — unless each unknown part stands where a name or
  // a value stands (`-c "DROP DATABASE $NAME"`), which leaves the statement's kind known.
  if ('dynamic' in source && source.dynamic) {
    return readWithPlaceholders(source) ?? [unknown(source.origin, 'part of it is only known when the line runs')];
  }
  // An unset variable is empty when the line runs here, and that text is judged first; where it
  // does not parse (`CREATE DATABASE ` — a script's variable, set where the script runs), the
  // placeholder reading says what the statement is.
  if ('unknownSpans' in source && source.unknownSpans) {
    const facts = sqlFacts(source.text, source.dialect, source.origin);
    if (!facts.some((fact) => fact.kind === 'unknown')) return facts;
    return readWithPlaceholders(source) ?? facts;
  }
  let text: string | undefined;
  if ('file' in source) {
    text = readFile(source.file);
    if (text === undefined) return [unknown(source.origin, `${source.file} cannot be read`)];
  } else text = source.text;
  return source.language === 'mongo' ? mongoFacts(text, source.origin) : sqlFacts(text, source.dialect, source.origin);
}

/** The facts of SQL text read with a placeholder for each unknown expansion (parse/sql/placeholders.ts),
 *  when that reading parses whole; the placeholders are named back as written. */
function readWithPlaceholders(source: SqlSource): SqlFact[] | undefined {
  if (
    source.language !== 'sql' ||
    !('text' in source) ||
    !('unknownSpans' in source) ||
    !source.unknownSpans ||
    (source.dialect !== 'postgres' && source.dialect !== 'mysql' && source.dialect !== 'sqlite')
  )
    return undefined;
  // SQLite quotes and comments as PostgreSQL does: placeholders go where that lexer says.
  const placed = withPlaceholders(source.text, source.unknownSpans, source.dialect === 'sqlite' ? 'postgres' : source.dialect);
  if (!placed) return undefined;
  const facts = sqlFacts(placed.text, source.dialect, source.origin);
  if (facts.length === 0 || facts.some((fact) => fact.kind === 'unknown')) return undefined;
  const sayBack = (text: string): string => text.replace(/prodguard_unknown_\d+/g, (name) => placed.names.get(name) ?? name);
  return facts.map((fact) => ({ ...fact, text: sayBack(fact.text), tables: fact.tables.map(sayBack) }));
}

export function sqlFactsFor(invocations: readonly Invocation[], readFile: ReadFile): Map<Invocation, InvocationSql> {
  const facts = new Map<Invocation, InvocationSql>();
  for (const inv of invocations) {
    const sources = sqlSourcesOf(inv);
    if (sources.length === 0) continue;
    facts.set(inv, { statements: sources.flatMap((source) => factsOf(source, readFile)), errors: [] });
  }
  return facts;
}
