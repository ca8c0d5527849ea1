// Edge: how many rows would this DELETE/UPDATE touch? The Atlassian 2022 deletion ran on the wrong
// list in the wrong mode; a confirmation that shows the blast radius ("≈12,300 of 12,350 rows (99%)")
// makes such a mismatch visible before it runs (DESIGN.md "Databases").
//
// Only the planner is asked: `EXPLAIN` without ANALYZE never executes the statement, and it runs
// inside `BEGIN READ ONLY … ROLLBACK` in case planning evaluates a function with side effects.
import { closePgClient, newPgClient, redactSecrets, type PgClient } from './postgres.js';

export const DEFAULT_EXPLAIN_TIMEOUT_MS = 3000;

export interface BlastRadius {
  /** The planner's estimate of the rows the statement would modify (ModifyTable's input). */
  estimatedRows: number;
  /** The table's size from `pg_class.reltuples` (summed over leaf partitions); null when the
   *  table was never vacuumed or analyzed, so its size is unknown. */
  tableRows: number | null;
  /** estimatedRows / tableRows, clamped to [0, 1]; null when tableRows is unknown. */
  share: number | null;
  /** What the plan modifies: `Delete`, `Update`, `Merge`, `Insert`. */
  operation?: string;
}

export type BlastRadiusResult = BlastRadius | { error: string };

interface PlanNode {
  'Node Type'?: string;
  Operation?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/** Depth-first search for the first ModifyTable node (it sits under CTE or RETURNING wrappers). */
function findModifyTable(node: PlanNode | undefined): PlanNode | undefined {
  if (!node) return undefined;
  if (node['Node Type'] === 'ModifyTable') return node;
  for (const child of node.Plans ?? []) {
    const found = findModifyTable(child);
    if (found) return found;
  }
  return undefined;
}

/** Rows the plan would modify: the `Plan Rows` of ModifyTable's input (its own count is 0). */
export function rowsFromPlan(plan: unknown): { rows: number; operation?: string } | { error: string } {
  const top = (Array.isArray(plan) ? (plan[0] as { Plan?: PlanNode } | undefined)?.Plan : undefined) ?? undefined;
  if (!top) return { error: 'EXPLAIN returned no plan' };
  const modify = findModifyTable(top);
  if (!modify) return { error: 'the statement modifies no table (no ModifyTable node in its plan)' };
  const input = modify.Plans?.[0];
  const rows = input?.['Plan Rows'];
  if (typeof rows !== 'number' || !Number.isFinite(rows)) return { error: 'the plan has no row estimate' };
  return modify.Operation ? { rows: Math.round(rows), operation: modify.Operation } : { rows: Math.round(rows) };
}

async function tableSize(client: PgClient, table: string): Promise<number | null | { error: string }> {
  const { rows } = await client.query<{ relkind: string; reltuples: number | null }>(
    `SELECT c.relkind, c.reltuples::float8 AS reltuples FROM pg_class c WHERE c.oid = to_regclass($1)`,
    [table],
  );
  const row = rows[0];
  if (!row) return { error: `table ${table} not found` };
  if (row.relkind === 'p') {
    // A partitioned table has no rows of its own: add up its leaf partitions.
    const parts = await client.query<{ leaves: string; unknown: string; total: number | null }>(
      `SELECT count(*) AS leaves,
              count(*) FILTER (WHERE c.reltuples < 0) AS unknown,
              sum(greatest(c.reltuples, 0))::float8 AS total
         FROM pg_partition_tree(to_regclass($1)) t JOIN pg_class c ON c.oid = t.relid
        WHERE t.isleaf`,
      [table],
    );
    const p = parts.rows[0];
    if (!p || Number(p.unknown) > 0) return null;
    return Math.round(p.total ?? 0);
  }
  // -1 (PostgreSQL 14+): never vacuumed or analyzed, so the size is not known. Never ANALYZE here:
  // a probe does not write.
  if (row.reltuples === null || row.reltuples < 0) return null;
  return Math.round(row.reltuples);
}

/**
 * Estimate the rows `statementSql` (a single DELETE/UPDATE/MERGE) would touch in `table`
 * (a name as SQL would write it, optionally schema-qualified). Never throws; never executes the
 * statement. The estimate is the planner's: as good as the table's statistics.
 */
export async function estimateAffectedRows(url: string, statementSql: string, table: string, opts: { timeoutMs?: number } = {}): Promise<BlastRadiusResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_EXPLAIN_TIMEOUT_MS;
  let client: PgClient | undefined;
  let inTransaction = false;
  try {
    client = await newPgClient(url, timeoutMs);
    await client.connect();
    await client.query('BEGIN READ ONLY');
    inTransaction = true;
    // The extended protocol accepts exactly one statement, so text smuggled after a `;` is
    // rejected rather than run.
    const explained = await client.query({
      text: `EXPLAIN (FORMAT JSON) ${statementSql}`,
      queryMode: 'extended',
    } as { text: string });
    const plan = (explained.rows[0] as Record<string, unknown> | undefined)?.['QUERY PLAN'];
    const parsed = rowsFromPlan(typeof plan === 'string' ? JSON.parse(plan) : plan);
    if ('error' in parsed) return parsed;
    const size = await tableSize(client, table);
    if (size !== null && typeof size === 'object') return size;
    const share = size === null ? null : size === 0 ? (parsed.rows > 0 ? 1 : 0) : Math.min(1, parsed.rows / size);
    const result: BlastRadius = { estimatedRows: parsed.rows, tableRows: size, share };
    if (parsed.operation) result.operation = parsed.operation;
    return result;
  } catch (error) {
    const e = error as { message?: string; code?: string };
    const message = e?.message ?? String(error);
    return { error: redactSecrets(e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message, url) };
  } finally {
    if (client && inTransaction) await client.query('ROLLBACK').catch(() => {});
    if (client) await closePgClient(client);
  }
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * "≈19,990 of 20,000 rows (99.9%)". The percentage is rounded *down* to one decimal, so it never
 * says 100% unless every row is hit, and a tiny non-zero share shows as "<0.1%", never "0%".
 */
export function formatBlastRadius(r: BlastRadiusResult): string {
  if ('error' in r) return `blast radius unknown (${r.error})`;
  const rows = `≈${integer.format(r.estimatedRows)}`;
  if (r.tableRows === null || r.share === null) {
    return `${rows} ${r.estimatedRows === 1 ? 'row' : 'rows'} (table size unknown: never analyzed)`;
  }
  let pct: string;
  if (r.share >= 1) pct = '100%';
  else if (r.share <= 0) pct = '0%';
  else if (r.share < 0.001) pct = '<0.1%';
  else pct = `${percent.format(Math.min(999, Math.floor(r.share * 1000 + 1e-9)) / 10)}%`;
  return `${rows} of ${integer.format(r.tableRows)} ${r.tableRows === 1 ? 'row' : 'rows'} (${pct})`;
}
