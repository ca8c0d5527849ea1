// CPU time (user + system, children included) of whole commands, read from GNU time, for lint's
// targets (issue 13): lint is judged by the CPU it costs beside a native linter measured in the
// same run, interleaved, so a machine shared with other work hits both alike. Wall time is kept
// too, for reference. No main(): a helper for lint.js and lint-migrations.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './lib.js';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * The environment measured processes run in: this one without NODE_EXTRA_CA_CERTS, which makes
 * every Node process read and parse a certificate bundle at start (about 420 M instructions in
 * the sandbox that set it) — a cost of that machine's setup, not of prodguard, that the native
 * linters it is compared with do not pay.
 */
export const MEASURED_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

/** One run: CPU seconds (with children) and wall seconds, or undefined when GNU time is missing. */
export function cpuRun(command, args, cwd) {
  if (!GNU_TIME) return undefined;
  const run = spawnSync(GNU_TIME, ['-f', 'cpu %U %S %e', command, ...args], {
    cwd,
    env: MEASURED_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const m = /cpu ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr ?? '');
  return m ? { cpu: Number(m[1]) + Number(m[2]), wall: Number(m[3]) } : undefined;
}

/** Median CPU and wall seconds per case over `rounds`, interleaved (`{command, args, cwd}`). */
export function compareCpu(cases, rounds = 3) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, { cpu: [], wall: [] }]));
  for (let i = 0; i < rounds; i++) {
    for (const c of cases) {
      const run = cpuRun(c.command, c.args, c.cwd);
      samples[c.name].cpu.push(run?.cpu ?? NaN);
      samples[c.name].wall.push(run?.wall ?? NaN);
    }
  }
  return Object.fromEntries(cases.map((c) => [c.name, { cpu: median(samples[c.name].cpu), wall: median(samples[c.name].wall) }]));
}

/** Another build to measure beside this one (before/after in the same run): the path of its
 *  bin/prodguard.js in PRODGUARD_BENCH_BASELINE_BIN (build it in a git worktree first). */
export function baselineBuild() {
  const bin = process.env.PRODGUARD_BENCH_BASELINE_BIN;
  if (!bin) return undefined;
  if (!existsSync(bin)) {
    console.log(`  PRODGUARD_BENCH_BASELINE_BIN=${bin} does not exist: no before/after figures`);
    return undefined;
  }
  return bin;
}

/** `name  1.23 s CPU (wall 2.0 s)  4,567 lines/s  0.25× BASE's CPU` for each case. */
export function reportCpu(results, { lines, baseline, label = (name) => name }) {
  const base = results[baseline]?.cpu;
  for (const [name, { cpu, wall }] of Object.entries(results)) {
    const ratio = baseline === undefined ? '' : name === baseline ? '(baseline)' : Number.isFinite(base) ? `${(cpu / base).toFixed(2)}× ${baseline}'s CPU` : '';
    const speed = Number.isFinite(cpu) && cpu > 0 ? `${Math.round(lines / cpu).toLocaleString('en')} lines/s` : '';
    console.log(`  ${label(name).padEnd(34)} ${cpu.toFixed(2).padStart(6)} s CPU (wall ${wall.toFixed(1)} s)  ${speed.padStart(16)}  ${ratio}`);
  }
}

/** Whether valgrind runs here (for instructions(), which a loaded machine does not move). */
export const VALGRIND = spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Instructions one run executes, all threads and children included (valgrind's cachegrind,
 * `--cache-sim=no --trace-children=yes`), the second of two runs (the first fills the code
 * cache and the file cache). Undefined without valgrind.
 */
export function instructions(command, args, cwd) {
  if (!VALGRIND) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'prodguard-cachegrind-'));
  try {
    spawnSync(command, args, { cwd, env: MEASURED_ENV, stdio: 'ignore' });
    const log = join(dir, 'log');
    spawnSync(
      'valgrind',
      ['--tool=cachegrind', '--cache-sim=no', '--trace-children=yes', '--cachegrind-out-file=/dev/null', `--log-file=${log}.%p`, command, ...args],
      { cwd, env: MEASURED_ENV, stdio: 'ignore', maxBuffer: 1 << 28 },
    );
    // One log per process (lint may start bash): the sum of their counts.
    let total = 0;
    for (const file of readdirSync(dir)) {
      const count = /I\s+refs:\s+([\d,]+)/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
      if (count) total += Number(count.replace(/,/g, ''));
    }
    return total > 0 ? total : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `name  1,234 M  5,678 lines per G instructions  0.80× BASE` for each case `{name, command, args, cwd}`. */
export function reportInstructions(cases, { lines, baseline }) {
  const counts = Object.fromEntries(cases.map((c) => [c.name, instructions(c.command, c.args, c.cwd)]));
  const base = counts[baseline];
  console.log('  instructions (valgrind cachegrind, children included; a loaded machine does not move them):');
  for (const [name, count] of Object.entries(counts)) {
    if (count === undefined) {
      console.log(`    ${name.padEnd(32)} (not counted)`);
      continue;
    }
    const ratio = name === baseline ? '(baseline)' : base ? `${(count / base).toFixed(2)}× ${baseline}` : '';
    const millions = Math.round(count / 1e6).toLocaleString('en');
    const perBillion = Math.round(lines / (count / 1e9)).toLocaleString('en');
    console.log(`    ${name.padEnd(32)} ${millions.padStart(7)} M  ${perBillion.padStart(7)} lines per G instructions  ${ratio}`);
  }
}
