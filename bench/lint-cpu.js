// CPU time (user + system, children included) of whole commands, read from GNU time, for lint's
// targets (issue 13): lint is judged by the CPU it costs beside a native linter measured in the
// same run, interleaved, so a machine shared with other work hits both alike. Wall time is kept
// too, for reference. No main(): a helper for lint.js and lint-migrations.js.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { median } from './lib.js';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One run: CPU seconds (with children) and wall seconds, or undefined when GNU time is missing. */
export function cpuRun(command, args, cwd) {
  if (!GNU_TIME) return undefined;
  const run = spawnSync(GNU_TIME, ['-f', 'cpu %U %S %e', command, ...args], {
    cwd,
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
