// The shell hook's cost (issue 4), measured in the same run against baselines:
//  1. harmless lines in a real interactive bash (and zsh) through tmux, with the hook versus the
//     same shell without it: ms per line (target: at most 1 ms more);
//  2. a risky line (one the prefilter sends to prodguard) judged cold — one `prodguard hook-check`
//     process — versus warm — this shell's `prodguard serve` over its FIFO pair (target: 20 ms),
//     both straight from Node and as the per-line cost inside the shell; `node -e 0` is the
//     baseline for process starts.
// No assertions: benchmarks report, tests judge.
import { fileURLToPath } from 'node:url';
import { mkdirSync, mkdtempSync, openSync, symlinkSync, writeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { median, timeProcess } from './lib.js';
import { available, BenchShell, writeRc } from './hook/shell.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const node = process.execPath;

const HARMLESS = ['cd .', 'true', 'echo hi >/dev/null', 'x=$((x+1))', 'pwd >/dev/null', ': git status', 'ls / >/dev/null', 'test -d /tmp'];
const RISKY = 'rm -rf /tmp/pgbench-none';

function setup() {
  const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-hook-'));
  const binDir = join(home, 'bin');
  mkdirSync(binDir);
  symlinkSync(bin, join(binDir, 'prodguard'));
  const env = {
    HOME: home,
    PATH: `${binDir}:${process.env.PATH}`,
    TERM: 'xterm',
    NO_COLOR: '1',
    PRODGUARD_STATE_DIR: join(home, 'state'),
    PRODGUARD_HOSTNAME: 'bench-host',
  };
  return { home, env };
}

function lines(count, pick) {
  return Array.from({ length: count }, (_, i) => pick(i));
}

async function perLine(shellName, rc, env, batch, rounds, warmup) {
  const shell = new BenchShell(shellName, rc, env);
  try {
    await shell.waitFor(/pg[$>] $/m, 30_000);
    if (warmup) {
      await shell.time([warmup]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    const samples = [];
    for (let i = 0; i < rounds; i++) samples.push((await shell.time(batch)) / batch.length / 1000);
    return median(samples);
  } finally {
    shell.kill();
  }
}

function row(name, ms, base, note = '') {
  console.log(`  ${name.padEnd(68)} ${ms.toFixed(3).padStart(9)} ms  ${(ms / base).toFixed(2).padStart(6)}× ${note}`);
}

async function shellCosts(shellName, home, env) {
  const harmless = lines(200, (i) => HARMLESS[i % HARMLESS.length]);
  const risky = (count) => lines(count, (i) => `${RISKY}-${i}`);
  const plain = writeRc(home, shellName, { hook: false });
  const hooked = writeRc(home, shellName, { hook: true });
  const cold = writeRc(join(home, 'cold'), shellName, { hook: true, init: '--no-warm' });
  const base = await perLine(shellName, plain, env, harmless, 3);
  const withHook = await perLine(shellName, hooked, env, harmless, 3);
  const baseRisky = await perLine(shellName, plain, env, risky(20), 3);
  const warm = await perLine(shellName, hooked, env, risky(20), 3, `${RISKY}-warmup`);
  const coldLine = await perLine(shellName, cold, env, risky(10), 2);
  console.log(`\n${shellName}: per-line cost in a real interactive shell (tmux; median of rounds; ${harmless.length} harmless lines, 20 risky)`);
  row(`${shellName} without the hook, harmless lines`, base, base, '(baseline)');
  row(`${shellName} with the hook, harmless lines`, withHook, base, `→ +${(withHook - base).toFixed(3)} ms per line (target ≤ 1 ms)`);
  row(`${shellName} without the hook, '${RISKY}-N'`, baseRisky, base);
  row(`${shellName} with the hook, risky line, warm checker`, warm, base, `→ +${(warm - baseRisky).toFixed(1)} ms per line (target ≤ 20 ms)`);
  row(`${shellName} with the hook --no-warm, risky line, cold`, coldLine, base, `→ +${(coldLine - baseRisky).toFixed(1)} ms per line`);
}

/** The warm checker straight from Node: one request per judge, as the shell sends it. */
async function warmRoundTrips(home, env, count) {
  const base = join(home, 'direct');
  const server = spawn(node, [bin, 'serve', '--base', base, '--shell-pid', String(process.pid)], { env, stdio: 'ignore' });
  try {
    const deadline = Date.now() + 10_000;
    while (!existsSync(`${base}.pid`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const requestFd = openSync(`${base}.req`, 'r+');
    const responses = new Socket({ fd: openSync(`${base}.res`, 'r+'), readable: true, writable: false });
    responses.setEncoding('utf8');
    let buffer = '';
    const waiters = new Map();
    responses.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\x04')) !== -1) {
        const [id] = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 1);
        waiters.get(id)?.();
      }
    });
    const envBlock = Object.entries(env)
      .map(([k, v]) => `${k}=${v}\0`)
      .join('');
    const ask = (id, line) =>
      new Promise((resolve) => {
        const start = process.hrtime.bigint();
        waiters.set(id, () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
        writeSync(requestFd, ['prodguard-1', id, 'bash', home, '', line, '0'].join('\0') + '\0' + envBlock + '\x04\0');
      });
    for (let i = 0; i < 5; i++) await ask(`w${i}`, RISKY);
    const samples = [];
    for (let i = 0; i < count; i++) samples.push(await ask(`r${i}`, `${RISKY}-${i}`));
    const blocked = [];
    for (let i = 0; i < count; i++) blocked.push(await ask(`b${i}`, 'rm -rf /'));
    responses.destroy();
    return { allow: median(samples), block: median(blocked) };
  } finally {
    server.kill();
  }
}

export async function main() {
  const { home, env } = setup();
  const cwd = home;
  const rounds = 15;
  const nodeSamples = [];
  const coldSamples = [];
  const coldBlock = [];
  const check = [];
  for (let i = 0; i < rounds; i++) {
    nodeSamples.push(timeProcess(node, ['-e', '0'], { env, cwd }));
    coldSamples.push(timeProcess(node, [bin, 'hook-check', '--shell', 'bash', '-c', RISKY], { env, cwd, expectStatus: 0 }));
    coldBlock.push(timeProcess(node, [bin, 'hook-check', '--shell', 'bash', '-c', 'rm -rf /'], { env, cwd, expectStatus: 4 }));
    check.push(timeProcess(node, [bin, 'check', '-c', RISKY], { env, cwd, expectStatus: 0 }));
  }
  const warm = await warmRoundTrips(home, env, 50);
  const base = median(nodeSamples);
  console.log(`\njudging a risky line: cold process vs warm checker (median; ${rounds} process runs, 50 warm requests)`);
  row('node -e 0', base, base, '(baseline)');
  row(`prodguard check -c '${RISKY}'`, median(check), base);
  row(`cold: prodguard hook-check -c '${RISKY}' (allow)`, median(coldSamples), base);
  row("cold: prodguard hook-check -c 'rm -rf /' (block)", median(coldBlock), base);
  row(`warm: request over the FIFO pair, '${RISKY}' (allow)`, warm.allow, base, `→ ${(median(coldSamples) / warm.allow).toFixed(0)}× faster than cold`);
  row("warm: request over the FIFO pair, 'rm -rf /' (block)", warm.block, base);

  if (!available('tmux')) {
    console.log('\nshell hook per-line cost: skipped, tmux is not installed');
    return;
  }
  for (const shellName of ['bash', 'zsh']) {
    if (!available(shellName)) {
      console.log(`\n${shellName}: skipped, not installed`);
      continue;
    }
    await shellCosts(shellName, home, env);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
