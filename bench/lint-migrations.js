// `prodguard lint` against squawk (the PostgreSQL migration linter's native binary) on 500
// migration files, in CPU seconds (children included) measured in the same run, interleaved, with
// lines per CPU second. Target (issue 13): faster than squawk. squawk is not a dependency: set
// SQUAWK to its binary (`npm install --prefix /tmp/squawk squawk-cli` puts it under
// node_modules/@squawk-cli/*/bin/squawk) or have `squawk` on PATH; without it the bench says
// why and prints no ratio. LINT_BENCH_MIGRATIONS=DIR also measures a real repository: every
// SQL file lint judges there is handed to squawk too. Instructions (valgrind's cachegrind) are
// counted too where valgrind runs, since a loaded machine moves CPU seconds but not those
// (LINT_BENCH_INSTRUCTIONS=0 skips them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineBuild, compareCpu, GNU_TIME, reportCpu, reportInstructions, VALGRIND } from './lint-cpu.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));

/** Migrations shaped like the ones apps ship: tables, columns, indexes, backfills, functions. */
function migration(i) {
  const t = `table_${i % 37}`;
  const shapes = [
    `CREATE TABLE ${t}_${i} (\n  id bigserial PRIMARY KEY,\n  account_id bigint NOT NULL REFERENCES accounts (id),\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\nCREATE INDEX ${t}_${i}_account ON ${t}_${i} (account_id);\n`,
    `ALTER TABLE ${t} ADD COLUMN note_${i} text;\nCOMMENT ON COLUMN ${t}.note_${i} IS 'free text';\n`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_${t}_${i} ON ${t} (created_at) WHERE deleted_at IS NULL;\n`,
    `UPDATE ${t} SET status = 'active' WHERE status IS NULL AND id < ${i * 1000};\n`,
    `ALTER TABLE ${t} ALTER COLUMN name SET DEFAULT '';\nALTER TABLE ${t} ADD CONSTRAINT ${t}_${i}_name CHECK (char_length(name) < 256) NOT VALID;\n`,
    `CREATE OR REPLACE FUNCTION touch_${i}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\n`,
  ];
  return `-- migration ${i}\nBEGIN;\n${shapes[i % shapes.length]}${shapes[(i * 7 + 3) % shapes.length]}COMMIT;\n`;
}

/** squawk's binary, or why there is none. */
function squawkBinary() {
  if (process.env.SQUAWK) {
    return existsSync(process.env.SQUAWK) ? { path: process.env.SQUAWK } : { why: `SQUAWK=${process.env.SQUAWK} does not exist` };
  }
  if (spawnSync('squawk', ['--version'], { stdio: 'ignore' }).status === 0) return { path: 'squawk' };
  return { why: 'squawk is not installed (npm install --prefix /tmp/squawk squawk-cli, then SQUAWK=…/bin/squawk)' };
}

/** `paths`: what lint is given (`.`, or the same files squawk gets when the folder holds more). */
function measure(title, dir, files, lines, squawk, paths = ['.']) {
  console.log(`\n${title} (${files.length} files, ${lines} lines; CPU, children included; target < 1.00×)`);
  if (!GNU_TIME) return console.log('  GNU time (/usr/bin/time) is missing (apt-get install time): no CPU figures, no ratio');
  if (!squawk.path) console.log(`  no ratio: ${squawk.why}`);
  const lint = (path) => ({ command: process.execPath, args: [path, 'lint', '--format', 'json', ...paths], cwd: dir });
  const before = baselineBuild();
  const cases = [
    ...(squawk.path ? [{ name: 'squawk', command: squawk.path, args: files, cwd: dir }] : []),
    { name: 'prodguard lint', ...lint(bin) },
    ...(before ? [{ name: 'prodguard lint (baseline build)', ...lint(before) }] : []),
  ];
  reportCpu(compareCpu(cases, 5), { lines, baseline: squawk.path ? 'squawk' : undefined });
  // CPU seconds swing with the neighbours' load; instructions do not (a minute or two under valgrind).
  if (VALGRIND && process.env.LINT_BENCH_INSTRUCTIONS !== '0') reportInstructions(cases, { lines, baseline: squawk.path ? 'squawk' : 'prodguard lint' });
}

export async function main() {
  const squawk = squawkBinary();
  const dir = mkdtempSync(join(tmpdir(), 'prodguard-migrations-'));
  mkdirSync(join(dir, 'db', 'migrate'), { recursive: true });
  const files = [];
  let lines = 0;
  for (let i = 0; i < 500; i++) {
    const text = migration(i);
    lines += text.split('\n').length - 1;
    const name = join('db', 'migrate', `${String(20240101000000 + i)}_step_${i}.sql`);
    writeFileSync(join(dir, name), text);
    files.push(name);
  }
  measure('lint vs squawk on 500 generated migrations', dir, files, lines, squawk);
  rmSync(dir, { recursive: true, force: true });

  const real = process.env.LINT_BENCH_MIGRATIONS;
  if (!real) return;
  const root = resolve(real);
  // The SQL files lint judges there (migrations, not fixtures or down migrations).
  const { discoverFiles } = await import('../dist/lint/discover.js');
  const sql = (await discoverFiles(['.'], root)).filter((file) => file.format === 'sql').map((file) => file.path);
  const realLines = sql.reduce((sum, file) => sum + readFileSync(join(root, file), 'utf8').split('\n').length - 1, 0);
  measure(`lint vs squawk on the SQL migrations of ${real}`, root, sql, realLines, squawk, sql);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
