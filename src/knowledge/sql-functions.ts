// What SQL functions do to the rows of the query that calls them (knowledge, data only).
//
// A function called once per row of a SELECT acts on every row that query returns:
// `SELECT lo_unlink(oid) FROM pg_largeobject_metadata` deletes every large object, and
// `SELECT pg_terminate_backend(pid) FROM pg_stat_activity` kills every session of the server — the
// application's connections with them. Called with a literal (`pg_terminate_backend(12345)`) it
// acts on that one object, which is routine operations work.

import { table } from '../util/dict.js';

export interface RowDestroyingFunction {
  /** The statement kind the SELECT is judged as when its rows are not narrowed by a filter. */
  kind: 'delete' | 'terminate-sessions';
  /** What it destroys, named as a table so messages and the blast-radius estimate can name it. */
  object: string;
}

export const ROW_DESTROYING_FUNCTIONS: Readonly<Record<string, RowDestroyingFunction>> = table({
  // PostgreSQL large objects (bytea's predecessor, still used for attachments): no undo.
  lo_unlink: { kind: 'delete', object: 'pg_largeobject' },
  // Terminating a backend rolls back its transaction and drops the client's connection.
  pg_terminate_backend: { kind: 'terminate-sessions', object: 'pg_stat_activity' },
});

/**
 * A function of the application's own whose name says it deletes what it is given
 * (`purge_tenant(id)`, `hard_delete_site(id)`, `delete_user(id)`, `destroy_account(id)`): called
 * once per row of a table (`SELECT purge_tenant(id) FROM tenants`) it deletes for every row the
 * query returns — Atlassian 2022's script deleted every site on a list of IDs. `remove_`/`drop_`
 * are left out: `remove_accents(name)`, `drop_shadow(x)` change text, not rows.
 */
export const DESTROYING_FUNCTION_NAME = /^(?:purge|hard_?delete|delete|destroy|wipe|erase|obliterate)_[a-z0-9_]+$/i;

/**
 * pg_stat_activity columns whose equality filter still reaches every session of a whole database
 * or of every client: `WHERE datname = 'app'` (the step before DROP DATABASE) kills all of the
 * application's connections just the same. Exclusions (`pid <> pg_backend_pid()`,
 * `usename <> 'replicator'`) leave everything else, so they do not narrow either.
 */
export const SESSION_SCOPE_COLUMNS: ReadonlySet<string> = new Set(['datname', 'datid', 'backend_type']);

/**
 * PostgreSQL extensions that keep no data and define no type a user's column can have: their
 * members are functions and views over the server's own state (pg_repack's `repack` schema,
 * pgstattuple's and pg_buffercache's readers, amcheck's checks). Dropping one, CASCADE or not,
 * takes at most views that call it (which hold no rows): deliveryhero's pg-repack-scheduler
 * chart drops and recreates pg_repack around each run. pg_stat_statements is left out: its
 * statistics are gone with it.
 */
export const STATELESS_EXTENSIONS: ReadonlySet<string> = new Set([
  'pg_repack',
  'pgstattuple',
  'pg_buffercache',
  'pg_prewarm',
  'pageinspect',
  'amcheck',
  'pg_visibility',
  'pg_freespacemap',
  'pgrowlocks',
  'pg_walinspect',
]);

/**
 * Retention functions that drop whole partitions or chunks of a table, older than a cutoff:
 * TimescaleDB's `drop_chunks(relation, older_than => …)` and pg_partman's
 * `drop_partition_time(p_parent_table, p_retention := …)` / `drop_partition_id`. Routine with a
 * retention (`INTERVAL '90 days'`); every chunk of the table with a cutoff that keeps nothing
 * (`now()`, `'0 days'`). The table and the cutoff, by parameter name and by position.
 */
export interface RetentionFunction {
  table: { name: string; index: number };
  cutoff: { name: string; index: number };
}

export const RETENTION_FUNCTIONS: Readonly<Record<string, RetentionFunction>> = table({
  drop_chunks: { table: { name: 'relation', index: 0 }, cutoff: { name: 'older_than', index: 1 } },
  drop_partition_time: { table: { name: 'p_parent_table', index: 0 }, cutoff: { name: 'p_retention', index: 1 } },
  drop_partition_id: { table: { name: 'p_parent_table', index: 0 }, cutoff: { name: 'p_retention', index: 1 } },
});

/** Functions that read the clock: a cutoff of `now()` keeps nothing older than this moment. */
export const CLOCK_FUNCTIONS: ReadonlySet<string> = new Set([
  'now',
  'clock_timestamp',
  'statement_timestamp',
  'transaction_timestamp',
  'localtimestamp',
  'current_timestamp',
]);
