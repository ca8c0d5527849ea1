// The shell hook's whole cost per harmless line, in instructions: a real interactive bash or zsh
// under valgrind (cachegrind) in tmux, lines typed at its prompt, with the hook and without. This
// counts what bench/hook-instructions.js leaves out — readline's `bind -x` or zle's widget, the
// Enter function around the prefilter, the prompt hooks as the shell runs them — and, unlike
// bench/hook.js's milliseconds, does not move with a busy machine's load. Each figure is
// (instructions after N lines − instructions after 0 lines) / N, so the shell's start is taken off.
// `PRODGUARD_BENCH_BASELINE_BIN=OTHER/bin/prodguard.js node bench/hook-shell-instructions.js`:
// this build, the other build (say main's in a worktree) and the shell without any hook, in one
// run. Needs valgrind and tmux.
// No assertions: benchmarks report, tests judge.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { available, writeRc } from './hook/shell.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const HARMLESS = ['cd .', 'true', 'echo hi >/dev/null', 'x=$((x+1))', 'pwd >/dev/null', ': git status', 'ls / >/dev/null', 'test -d /tmp'];
const LINES = 80;
const quote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instructions of one interactive shell that got `count` harmless lines, then `exit`. */
async function shellInstructions(shell, build, count) {
  const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-shell-instr-'));
  const binDir = join(home, 'bin');
  mkdirSync(binDir);
  if (build) symlinkSync(build, join(binDir, 'prodguard'));
  const env = {
    HOME: home,
    PATH: `${binDir}:${process.env.PATH}`,
    TERM: 'xterm',
    NO_COLOR: '1',
    PRODGUARD_STATE_DIR: join(home, 'state'),
    PRODGUARD_HOSTNAME: 'bench-host',
  };
  const rc = writeRc(home, shell, { hook: Boolean(build) });
  const all = { ...env, ...rc.env };
  // One log per process: a command substitution forks a copy of the shell that valgrind counts apart.
  const log = join(home, 'vg.%p.log');
  const socket = `pgbench-instr-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  const command = `cd ${quote(rc.dir)} && exec env -i ${Object.entries(all)
    .map(([key, value]) => quote(`${key}=${value}`))
    .join(' ')} valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --log-file=${log} ${rc.argv.join(' ')}`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '200', '-y', '50', command]);
  const tmux = (...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const waitFor = async (regex) => {
    for (let i = 0; i < 2400; i++) {
      if (regex.test(tmux('capture-pane', '-p', '-J', '-t', 'b').stdout ?? '')) return;
      await sleep(50);
    }
    throw new Error(`benchmark shell timed out waiting for ${regex}`);
  };
  try {
    await waitFor(/pg[$>] $/m);
    for (let i = 0; i < count; i++) {
      tmux('send-keys', '-t', 'b', '-l', `${HARMLESS[i % HARMLESS.length]}\r`);
      if (i % 8 === 7) await sleep(20);
    }
    const tag = `DONE${Math.floor(Math.random() * 1e6)}`;
    // The typed line holds '' between the halves: only the output matches.
    tmux('send-keys', '-t', 'b', '-l', `echo ${tag}''X\r`);
    await waitFor(new RegExp(`^${tag}X`, 'm'));
    tmux('send-keys', '-t', 'b', '-l', 'exit\r');
    for (let i = 0; i < 600 && tmux('has-session', '-t', 'b').status === 0; i++) await sleep(100);
  } finally {
    tmux('kill-server');
  }
  const counts = readdirSync(home)
    .filter((file) => file.startsWith('vg.'))
    .map((file) => /I\s+refs:\s+([\d,]+)/.exec(readFileSync(join(home, file), 'utf8')))
    .filter(Boolean)
    .map((match) => Number(match[1].replaceAll(',', '')));
  return Math.max(...counts);
}

async function perLine(shell, build) {
  return ((await shellInstructions(shell, build, LINES)) - (await shellInstructions(shell, build, 0))) / LINES;
}

export async function main() {
  console.log(`\nshell hook, whole cost per harmless line in a real interactive shell (valgrind in tmux; ${LINES} lines)`);
  if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0 || !available('tmux')) {
    console.log('  needs valgrind and tmux: skipped');
    return;
  }
  const baseline = process.env.PRODGUARD_BENCH_BASELINE_BIN;
  for (const shell of ['bash', 'zsh']) {
    if (!available(shell)) {
      console.log(`  ${shell}: not installed, skipped`);
      continue;
    }
    const plain = await perLine(shell, undefined);
    const now = await perLine(shell, bin);
    const before = baseline ? await perLine(shell, baseline) : undefined;
    const compared =
      before === undefined ? '' : `; baseline build +${((before - plain) / 1e6).toFixed(2)} M → ${((now - plain) / (before - plain)).toFixed(2)}×`;
    console.log(
      `  ${shell.padEnd(5)} without the hook ${(plain / 1e6).toFixed(2)} M; with it +${((now - plain) / 1e6).toFixed(2)} M instructions per line${compared}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
