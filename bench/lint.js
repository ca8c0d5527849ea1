// `prodguard lint` against ShellCheck on the same corpus of real shell scripts (the machine's own
// /usr/bin and /usr/sbin scripts): CPU seconds (children included) as a ratio measured in the same
// run, and lines per CPU second. Target (issue 13): ≤ 0.1× ShellCheck's CPU.
// LINT_BENCH_INSTRUCTIONS=1 also counts instructions (valgrind's cachegrind; ShellCheck takes many
// minutes under it), which a loaded machine does not move.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, readSync, readFileSync, closeSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineBuild, compareCpu, GNU_TIME, reportCpu, reportInstructions, VALGRIND } from './lint-cpu.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));

function shellScripts(dirs, limit) {
  const found = [];
  for (const dir of dirs) {
    let names = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (!stat.isFile() || stat.size > 200_000) continue;
        const fd = openSync(path, 'r');
        const head = Buffer.alloc(64);
        readSync(fd, head, 0, 64, 0);
        closeSync(fd);
        if (/^#!\s*\S*\/(env\s+)?(ba|da|k)?sh\b/.test(head.toString('latin1'))) found.push(path);
      } catch {
        /* unreadable: skip */
      }
      if (found.length >= limit) return found;
    }
  }
  return found;
}

export function main() {
  const scripts = shellScripts(['/usr/bin', '/usr/sbin', '/usr/lib/git-core'], 150);
  const corpus = mkdtempSync(join(tmpdir(), 'prodguard-lint-bench-'));
  scripts.forEach((path, index) => copyFileSync(path, join(corpus, `${String(index).padStart(3, '0')}-${path.split('/').pop()}.sh`)));
  const files = readdirSync(corpus).sort();
  const lines = files.reduce((sum, file) => sum + readFileSync(join(corpus, file), 'latin1').split('\n').length - 1, 0);
  console.log(`\nlint vs ShellCheck on ${files.length} real shell scripts (${lines} lines) from /usr/bin, /usr/sbin (CPU, children included; target ≤ 0.10×)`);
  if (spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('  ShellCheck is not installed (apt-get install shellcheck): no baseline, no ratio');
    return;
  }
  if (!GNU_TIME) return console.log('  GNU time (/usr/bin/time) is missing (apt-get install time): no CPU figures, no ratio');
  const lint = (bin) => ({ command: process.execPath, args: [bin, 'lint', '--format', 'json', '.'], cwd: corpus });
  const before = baselineBuild();
  const cases = [
    { name: 'shellcheck', command: 'shellcheck', args: ['-f', 'json', ...files], cwd: corpus },
    { name: 'prodguard lint', ...lint(bin) },
    ...(before ? [{ name: 'prodguard lint (baseline build)', ...lint(before) }] : []),
  ];
  reportCpu(compareCpu(cases, 3), { lines, baseline: 'shellcheck' });
  // ShellCheck under valgrind takes many minutes: instructions only when asked.
  if (VALGRIND && process.env.LINT_BENCH_INSTRUCTIONS === '1') reportInstructions(cases, { lines, baseline: 'shellcheck' });
  rmSync(corpus, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
