// The facts SQL analysis produces about each statement (shared by the PostgreSQL and MySQL paths,
// so neither imports the other for its types).

export type SqlStatementKind =
  | 'drop-database'
  | 'drop-schema'
  | 'drop-table'
  | 'drop-other'
  /** DROP … CASCADE of a type, domain, extension, function…, and DROP OWNED BY: drops the tables and
   *  columns that depend on (or belong to) the named object. */
  | 'drop-cascade'
  /** DROP EXTENSION without CASCADE: the extension's own member tables go with it. */
  | 'drop-extension'
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
  /** A grant that hands out everything or everyone's access: ALL (or any write) privilege TO
   *  PUBLIC, MySQL ALL/SUPER ON *.*, a role made SUPERUSER, a predefined role that writes all
   *  data or reaches the server's files. */
  | 'grant-broad'
  /** REVOKE … FROM: the role (often the application's) loses access at once. */
  | 'revoke'
  /** DROP ROLE / DROP USER: every session and grant of that login is gone (often the application's). */
  | 'drop-role'
  /** pg_terminate_backend over pg_stat_activity with no filter that narrows it: every session of
   *  the server (or of a whole database) is killed — the application's connections with them. */
  | 'terminate-sessions'
  /** The server stops: MySQL `SHUTDOWN`, mongosh `db.shutdownServer()` / `adminCommand({shutdown: 1})`. */
  | 'shutdown'
  /** RMAN `DELETE BACKUP|BACKUPSET|COPY|ARCHIVELOG ALL`: backups (or the logs not yet backed up) deleted. */
  | 'backup-delete'
  /** VACUUM FULL, CLUSTER: the table is rewritten under an ACCESS EXCLUSIVE lock — no read or write
   *  of it until the copy is done, minutes to hours on a large table. */
  | 'table-rewrite'
  /** ALTER SYSTEM SET fsync|full_page_writes = off: a crash can then corrupt the cluster. */
  | 'durability-off'
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
  /** `computed`: present, with the rows chosen by another query (a subquery, a join). */
  where: 'none' | 'always-true' | 'present' | 'computed' | 'not-applicable';
  /** Human words for an always-true WHERE, e.g. "WHERE 1 = 1 is always true". */
  whereReason?: string;
  /** DROP … CASCADE, TRUNCATE … CASCADE. */
  cascade?: boolean;
  ifExists?: boolean;
  /** For ALTER TABLE DROP COLUMN / ALTER COLUMN TYPE. */
  columns?: string[];
  /** ALTER COLUMN … TYPE: each column's new type, and whether a USING expression converts it. */
  retypes?: { column: string; type: ColumnType; using: boolean }[];
  /** Column types a CREATE TABLE or ALTER TABLE … ADD COLUMN declares, by column name. */
  columnTypes?: Record<string, ColumnType>;
  /** Dropped object names (database, schema, table…). */
  names?: string[];
  /** Lower-cased names of the functions called (pg_promote, pg_terminate_backend…). */
  functionCalls?: string[];
  /** INSERT … SELECT … FROM t with no WHERE, LIMIT, join, grouping or DISTINCT: every row of t is
   *  copied into the inserted table (the copy step of a table rebuild). */
  copiedFrom?: string[];
  /** INSERT … SELECT … FROM t WHERE <one comparison>: the rows of t on one side of it. Two such
   *  copies into one table with complementary comparisons of the same terms (`xmin < x`, then
   *  `xmin >= x`) copy every row (sql-facts.ts withoutSelfUndone). */
  copiedPart?: { from: string; terms: string; op: string };
  /** ALTER TABLE t RENAME TO n, RENAME TABLE t TO n: the table's new name (one per table in `tables`). */
  renamedTo?: string[];
  /** CREATE SCHEMA (without IF NOT EXISTS): the new, empty schema. */
  schemas?: string[];
  dialect: 'postgres' | 'mysql';
}

/** A column type as written: its name (`varchar`, `numeric`, `text`; `pg_catalog.` left out) and
 *  its modifiers (`varchar(20)` → [20], `numeric(10,2)` → [10, 2]; none when unlimited). */
export interface ColumnType {
  name: string;
  mods: number[];
}

export interface SqlAnalysis {
  statements: SqlStatement[];
  /** Text that could not be parsed or analysed: callers fail closed, NEVER treat it as harmless. */
  errors: SqlError[];
  dialect: 'postgres' | 'mysql';
}

export interface SqlError {
  message: string;
  pos: number;
  /** Valid SQL whose text is only known when it runs (EXECUTE of a computed string, PREPARE
   *  FROM @var): what its constant parts say was judged, the rest cannot be. */
  runtime?: true;
}

/** Functions whose call changes replication topology (github-2018): a statement that calls one is
 *  classified `replication` unless it is already destructive in its own right. */
export const REPLICATION_FUNCTIONS: ReadonlySet<string> = new Set(['pg_promote', 'pg_drop_replication_slot', 'pg_replication_origin_drop']);

export type WhereJudgement = Pick<SqlStatement, 'where' | 'whereReason'>;
/** Judges `DELETE FROM <table> WHERE <expr>` written in PostgreSQL syntax. */
export type WhereJudge = (pgDelete: string) => WhereJudgement;

/** A piece of the input: its text and offsets [pos, end). */
export interface Span {
  text: string;
  pos: number;
  end: number;
}

/** Statements and errors gathered while analysing. */
export interface Collected {
  statements: SqlStatement[];
  errors: SqlError[];
}

export function baseStatement(kind: SqlStatementKind, span: Span, dialect: 'postgres' | 'mysql' = 'postgres'): SqlStatement {
  return { kind, text: span.text, pos: span.pos, end: span.end, tables: [], where: 'not-applicable', dialect };
}
