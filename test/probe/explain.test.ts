import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { estimateAffectedRows, formatBlastRadius, rowsFromPlan } from '../../src/probe/explain.js';
import { requirePostgres, type PostgresServer } from '../helpers/postgres-server.js';

let server: PostgresServer;

async function sql(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await requirePostgres();
  await sql(`CREATE TABLE t (id int PRIMARY KEY, v text)`);
  await sql(`INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 20000) g`);
  await sql(`ANALYZE t`);
});

afterAll(async () => {
  await server?.stop();
});

function near(actual: number, expected: number, slack = 0.1): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * slack);
}

describe('estimateAffectedRows against a real server', () => {
  test('DELETE … WHERE id > 10 on 20,000 rows: ≈19,990 of 20,000, and nothing is deleted', async () => {
    const r = await estimateAffectedRows(server.url, 'DELETE FROM t WHERE id > 10', 't', {});
    if ('error' in r) throw new Error(r.error);
    near(r.estimatedRows, 19_990);
    expect(r.tableRows).toBe(20_000);
    expect(r.operation).toBe('Delete');
    expect(r.share).not.toBeNull();
    near(r.share ?? 0, 0.9995);
    expect(formatBlastRadius(r)).toMatch(/^≈\d{1,2},\d{3} of 20,000 rows \(\d+(\.\d)?%\)$/);
    expect((await sql('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(20_000);
  });

  test('UPDATE with a narrow WHERE is a small share', async () => {
    const r = await estimateAffectedRows(server.url, "UPDATE t SET v = 'x' WHERE id <= 100;", 'public.t', {});
    if ('error' in r) throw new Error(r.error);
    near(r.estimatedRows, 100, 0.5);
    expect(r.operation).toBe('Update');
    expect(r.share).toBeLessThan(0.01);
    expect((await sql(`SELECT count(*)::int AS n FROM t WHERE v = 'x'`)).rows[0].n).toBe(0);
  });

  test('a second statement after ";" is refused, not run', async () => {
    const r = await estimateAffectedRows(server.url, 'DELETE FROM t WHERE id > 10; DROP TABLE t', 't', {});
    expect(r).toEqual({ error: expect.stringMatching(/cannot insert multiple commands/) });
    expect((await sql('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(20_000);
  });

  test('a table never analyzed has an unknown size', async () => {
    await sql(`CREATE TABLE fresh (id int)`);
    await sql(`INSERT INTO fresh SELECT generate_series(1, 50)`);
    const r = await estimateAffectedRows(server.url, 'DELETE FROM fresh', 'fresh', {});
    if ('error' in r) throw new Error(r.error);
    expect(r.tableRows).toBeNull();
    expect(r.share).toBeNull();
    expect(formatBlastRadius(r)).toMatch(/^≈[\d,]+ rows? \(table size unknown: never analyzed\)$/);
  });

  test('a partitioned table counts the rows of its partitions', async () => {
    await sql(`CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)`);
    await sql(`CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`);
    await sql(`CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`);
    await sql(`INSERT INTO events SELECT g, date '2024-01-01' + (g % 700) FROM generate_series(1, 7000) g`);
    await sql(`ANALYZE events`);
    const r = await estimateAffectedRows(server.url, `DELETE FROM events WHERE at < '2025-01-01'`, 'events', {});
    if ('error' in r) throw new Error(r.error);
    expect(r.tableRows).toBe(7000);
    near(r.estimatedRows, 3660, 0.15);
  });

  test('a statement that modifies nothing, or an unknown table, is an error', async () => {
    expect(await estimateAffectedRows(server.url, 'SELECT * FROM t', 't', {})).toEqual({
      error: expect.stringMatching(/modifies no table/),
    });
    expect(await estimateAffectedRows(server.url, 'DELETE FROM t', 'nope', {})).toEqual({
      error: 'table nope not found',
    });
    expect(await estimateAffectedRows(server.url, 'DELETE FROM nope', 'nope', {})).toEqual({
      error: expect.stringMatching(/relation "nope" does not exist/),
    });
  });

  test('a wrong password is an error that names no password', async () => {
    const url = new URL(server.url);
    url.password = 'Wr0ng-pw-xyz';
    const r = await estimateAffectedRows(url.toString(), 'DELETE FROM t', 't', {});
    expect(r).toEqual({ error: expect.stringMatching(/password authentication failed/) });
    expect(JSON.stringify(r)).not.toContain('Wr0ng-pw-xyz');
  });
});

describe('rowsFromPlan', () => {
  test('reads the ModifyTable input, also below a CTE', () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'CTE Scan',
          'Plan Rows': 5,
          Plans: [
            {
              'Node Type': 'ModifyTable',
              Operation: 'Delete',
              'Plan Rows': 0,
              Plans: [{ 'Node Type': 'Seq Scan', 'Plan Rows': 42.4 }],
            },
          ],
        },
      },
    ];
    expect(rowsFromPlan(plan)).toEqual({ rows: 42, operation: 'Delete' });
    expect(rowsFromPlan([])).toEqual({ error: 'EXPLAIN returned no plan' });
  });
});

describe('formatBlastRadius', () => {
  test.each([
    [{ estimatedRows: 19_990, tableRows: 20_000, share: 19_990 / 20_000 }, '≈19,990 of 20,000 rows (99.9%)'],
    [{ estimatedRows: 12_300, tableRows: 12_350, share: 12_300 / 12_350 }, '≈12,300 of 12,350 rows (99.5%)'],
    [{ estimatedRows: 20_000, tableRows: 20_000, share: 1 }, '≈20,000 of 20,000 rows (100%)'],
    [{ estimatedRows: 570, tableRows: 1000, share: 0.57 }, '≈570 of 1,000 rows (57%)'],
    [{ estimatedRows: 1, tableRows: 5_000_000, share: 1 / 5_000_000 }, '≈1 of 5,000,000 rows (<0.1%)'],
    [{ estimatedRows: 0, tableRows: 0, share: 0 }, '≈0 of 0 rows (0%)'],
    [{ estimatedRows: 1, tableRows: null, share: null }, '≈1 row (table size unknown: never analyzed)'],
    [{ error: 'timeout' }, 'blast radius unknown (timeout)'],
  ])('%j → %s', (input, expected) => {
    expect(formatBlastRadius(input)).toBe(expected);
  });
});
