// The shell hook's work per harmless line, counted in instructions (valgrind's cachegrind): what
// the prefilter (`__prodguard_needs_check`, on Enter) and the prompt function (`__prodguard_precmd`)
// cost in bash and zsh, as the bench's tmux figures (bench/hook.js) cannot say on a busy machine.
// Instructions do not move with a busy machine's load, where bench/hook.js's milliseconds do. A
// loop with an empty body is taken off. With PRODGUARD_BENCH_BASELINE_BIN=OTHER/bin/prodguard.js
// (another build, say main's in a worktree) the same figures for that build, and new/old ratios.
// Two figures per shell: lines typed in quick succession, and lines typed after a pause (the
// prompt looks at every *_URL variable again at most 5 s apart, so that is most lines a person
// types; `__prodguard_scanned=0` makes each line such a line).
// No assertions: benchmarks report, tests judge.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { available } from './hook/shell.js';
import { baselineBuild } from './lint-cpu.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const HARMLESS = ['cd .', 'true', 'echo hi >/dev/null', 'x=$((x+1))', 'pwd >/dev/null', ': git status', 'ls / >/dev/null', 'test -d /tmp'];
const ROUNDS = 50;

function instructions(shell, args) {
  const run = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', shell, ...args], { encoding: 'utf8' });
  // A subshell the prompt forks is counted on its own line: the shell itself did the most work.
  const counts = [...(run.stderr ?? '').matchAll(/I\s+refs:\s+([\d,]+)/g)].map((match) => Number(match[1].replaceAll(',', '')));
  return counts.length > 0 ? Math.max(...counts) : NaN;
}

function script(dir, shell, snippet, body) {
  const file = join(dir, `loop-${shell}-${body.length}.sh`);
  const lines = HARMLESS.map((line) => `'${line.replaceAll("'", `'\\''`)}'`).join(' ');
  writeFileSync(
    file,
    [`source ${snippet} 2>/dev/null`, `lines=(${lines})`, `for ((k=0;k<${ROUNDS};k++)); do for l in "\${lines[@]}"; do ${body}; done; done`, ''].join('\n'),
  );
  return file;
}

const HOOK = '__prodguard_needs_check "$l" >/dev/null 2>&1; __prodguard_precmd';

/** Instructions per harmless line of one build's hook in one shell. */
function perLine(build, shell, home, body = HOOK) {
  const env = { ...process.env, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state') };
  const snippet = join(home, `init.${shell}`);
  const init = spawnSync(process.execPath, [build, 'init', shell], { env, encoding: 'utf8' });
  writeFileSync(snippet, init.stdout);
  const interactive = shell === 'bash' ? ['--norc', '-i'] : ['-f', '-i'];
  const empty = instructions(shell, [...interactive, script(home, shell, snippet, ':')]);
  const hooked = instructions(shell, [...interactive, script(home, shell, snippet, body)]);
  return (hooked - empty) / (HARMLESS.length * ROUNDS);
}

export function main() {
  console.log(`\nshell hook work per harmless line, in instructions (valgrind cachegrind; ${HARMLESS.length} lines × ${ROUNDS} rounds; prefilter + prompt)`);
  if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('  valgrind is not installed (apt-get install valgrind): skipped');
    return;
  }
  const baseline = baselineBuild();
  for (const shell of ['bash', 'zsh']) {
    if (!available(shell)) {
      console.log(`  ${shell}: not installed, skipped`);
      continue;
    }
    for (const [label, body] of [
      ['typed in quick succession', HOOK],
      ['typed after a pause (*_URL scan)', `__prodguard_scanned=0; ${HOOK}`],
    ]) {
      const now = perLine(bin, shell, mkdtempSync(join(tmpdir(), 'prodguard-bench-hook-instr-')), body);
      const before = baseline ? perLine(baseline, shell, mkdtempSync(join(tmpdir(), 'prodguard-bench-hook-instr-')), body) : undefined;
      const compared = before === undefined ? '' : `; baseline build ${(before / 1e6).toFixed(2)} M → ${(now / before).toFixed(2)}×`;
      console.log(`  ${shell.padEnd(5)} ${label.padEnd(34)} ${(now / 1e6).toFixed(2)} M instructions per line${compared}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
