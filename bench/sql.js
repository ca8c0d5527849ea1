// One-shot SQL checks (`check --sql`, `psql -c`, `psql -f` a migration) as ratios to `node -e 0`
// measured in the same run. These are the processes that need PostgreSQL's parser; agent hooks and
// CI pay them once per command. BENCH_ROUNDS=n takes more samples on a busy machine.
// `node bench/sql.js OTHER/bin/prodguard.js` also times another build (say, main's, built in a copy)
// in the same interleaved rounds, for a before/after on one machine under one load.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, report, timeProcess } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-sql-'));
const env = { PATH: process.env.PATH, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'bench-host', NO_COLOR: '1' };
const node = process.execPath;
const url = 'postgres://db.example.com/app';

/** A 200-statement migration of the kind a deploy runs: tables, columns, indexes, backfills. */
export function migration(statements = 200) {
  const lines = ['BEGIN;'];
  for (let i = 0; lines.length < statements - 1; i++) {
    lines.push(
      `CREATE TABLE IF NOT EXISTS audit_${i} (id bigserial PRIMARY KEY, account_id bigint NOT NULL, note text, created_at timestamptz NOT NULL DEFAULT now());`,
      `ALTER TABLE accounts ADD COLUMN IF NOT EXISTS flag_${i} boolean;`,
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_${i}_account ON audit_${i} (account_id);`,
      `INSERT INTO settings (key, value) VALUES ('feature_${i}', 'on') ON CONFLICT (key) DO NOTHING;`,
      `UPDATE accounts SET flag_${i} = false WHERE id BETWEEN ${i * 1000} AND ${i * 1000 + 999};`,
    );
  }
  lines.length = statements - 1;
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

function casesFor(build, label, file) {
  const check = (args, expectStatus) => () => timeProcess(node, [build, 'check', '--no-probe', ...args], { env, expectStatus });
  return [
    { name: `${label}check --sql 'SELECT … WHERE id = 1' (harmless)`, run: check(['--sql', 'SELECT id, name FROM users WHERE id = 1', '--url', url], 0) },
    { name: `${label}check --sql 'DELETE FROM t' (destructive)`, run: check(['--sql', 'DELETE FROM t', '--url', url], 3) },
    { name: `${label}check -c "psql -c 'SELECT count(*) …'"`, run: check(['-c', "psql -h db.example.com -d app -c 'SELECT count(*) FROM orders'"], 0) },
    { name: `${label}check -c "psql -c 'DELETE FROM orders'"`, run: check(['-c', "psql -h db.example.com -d app -c 'DELETE FROM orders'"], 3) },
    { name: `${label}check -c "psql -f migration.sql" (200 stmts)`, run: check(['-c', `psql -h db.example.com -d app -f ${file}`], 0) },
  ];
}

/** `other`: another build's bin/prodguard.js, timed in the same rounds. */
export function main(other) {
  const file = join(home, 'migration.sql');
  writeFileSync(file, migration());
  const rounds = Number(process.env.BENCH_ROUNDS ?? 25);
  const medians = compare(
    [
      { name: 'node -e 0', run: () => timeProcess(node, ['-e', '0'], { env }) },
      ...casesFor(bin, other ? 'this: ' : '', file),
      ...(other ? casesFor(other, 'other: ', file) : []),
    ],
    rounds,
  );
  report(`SQL one-shot checks (median of ${rounds} runs each, interleaved)`, medians, 'node -e 0');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2]);
