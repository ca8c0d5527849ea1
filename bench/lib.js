// Shared timing helpers: every figure is a ratio against a baseline measured in the same run,
// interleaved so machine noise hits both alike. No assertions: benchmarks report, tests judge.
import { spawnSync } from 'node:child_process';

export function timeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    stdio: ['pipe', 'ignore', 'ignore'],
    input: options.input ?? '',
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (options.expectStatus !== undefined && result.status !== options.expectStatus) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}, expected ${options.expectStatus}`);
  }
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run each case `rounds` times, interleaved, and return the median per case. */
export function compare(cases, rounds = 25) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (const c of cases) c.run(); // warm the file cache
  for (let i = 0; i < rounds; i++) for (const c of cases) samples[c.name].push(c.run());
  return Object.fromEntries(cases.map((c) => [c.name, median(samples[c.name])]));
}

export function report(title, medians, baselineName) {
  const base = medians[baselineName];
  console.log(`\n${title}`);
  for (const [name, ms] of Object.entries(medians)) {
    console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2)}× ${name === baselineName ? '(baseline)' : ''}`);
  }
}
