// Shared timing helpers: every figure is a ratio against a baseline measured in the same run,
// interleaved so machine noise hits both alike. No assertions: benchmarks report, tests judge.
import { spawnSync } from 'node:child_process';

export function timeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    // An agent reads the hook's answer from a pipe: options.stdout 'pipe' measures that case.
    stdio: ['pipe', options.stdout ?? 'ignore', 'ignore'],
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

/**
 * Pages a process touched (minor page faults, from GNU time's %R), the median of a few runs. On a
 * shared or virtual machine wall time swings with the neighbours' load while this count does not,
 * and on such machines first-touch of memory is most of a short process's cost beyond
 * `node -e 0`. Undefined where GNU time is not installed (macOS, minimal images).
 */
export function pageFaults(command, args, options = {}) {
  const counts = [];
  for (let i = 0; i < 5; i++) {
    const result = spawnSync('/usr/bin/time', ['-f', '%R', command, ...args], {
      stdio: ['pipe', options.stdout ?? 'ignore', 'pipe'],
      input: options.input ?? '',
      env: options.env ?? process.env,
      encoding: 'utf8',
    });
    const count = Number(result.stderr?.trim().split('\n').pop());
    if (result.error || !Number.isFinite(count)) return undefined;
    counts.push(count);
  }
  return median(counts);
}

/** Print pageFaults() per case as a ratio to the baseline case; nothing where it cannot count. */
export function reportPageFaults(cases, baselineName) {
  const counts = Object.fromEntries(cases.map((c) => [c.name, pageFaults(...c.command)]));
  if (counts[baselineName] === undefined) return console.log('  (page faults not counted: needs GNU time at /usr/bin/time)');
  console.log('  pages touched (minor page faults, median of 5; steady under load):');
  for (const [name, count] of Object.entries(counts)) {
    console.log(`    ${name.padEnd(46)} ${String(count).padStart(7)}  ${(count / counts[baselineName]).toFixed(2)}×`);
  }
}
