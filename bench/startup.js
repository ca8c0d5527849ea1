// `check -c` on a harmless and a risky line, as a ratio to `node -e 0` measured in the same run.
// The shell hook and agent hooks pay this on every line that reaches the checker. A risky line is
// measured twice: judged in the process alone (PRODGUARD_WARM=0), and handed to this build's warm
// checker (src/warm/), whose own CPU per request is reported too — the work moved, it did not vanish.
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, report, reportPageFaults, timeProcess } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-'));
const env = { PATH: process.env.PATH, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'bench-host', NO_COLOR: '1' };
const alone = { ...env, PRODGUARD_WARM: '0' };
const node = process.execPath;
const RISKY = 'sudo rm -rf /var/lib/postgresql/15/main';

const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: "check -c 'ls -la | grep src' (harmless)", args: [bin, 'check', '-c', 'ls -la | grep src'], status: 0 },
  { name: "check -c 'sudo rm -rf /var/lib/postgresql' (risky, alone)", args: [bin, 'check', '-c', RISKY], status: 3, env: alone },
  { name: "check -c 'sudo rm -rf /var/lib/postgresql' (risky, warm)", args: [bin, 'check', '-c', RISKY], status: 3, warm: true },
  { name: 'check --json -- rm -rf / (argv form)', args: [bin, 'check', '--json', '--', 'rm', '-rf', '/'], status: 4 },
  {
    name: "check --sql 'DELETE FROM t' (loads the SQL parser)",
    args: [bin, 'check', '--no-probe', '--sql', 'DELETE FROM t', '--url', 'postgres://db.example.com/app'],
    status: 3,
  },
];

/** The warm checkers started under `home` (their pid files). */
function warmServers() {
  const folder = join(home, 'state', 'warm');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((key) => join(folder, key, 'pid'))
    .filter((file) => existsSync(file))
    .map((file) => Number(readFileSync(file, 'utf8').trim()));
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; undefined elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

export async function main() {
  // Start this build's warm checker (the first risky line judged alone starts it) and wait for it.
  timeProcess(node, [bin, 'check', '-c', RISKY], { env, expectStatus: 3 });
  for (let waited = 0; warmServers().length === 0 && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  timeProcess(node, [bin, 'check', '-c', RISKY], { env, expectStatus: 3 });
  const [server] = warmServers();
  const before = server === undefined ? undefined : cpuMs(server);
  let warmRuns = 0;
  const medians = compare(
    CASES.map(({ name, args, status, env: own, warm }) => ({
      name,
      run: () => {
        if (warm) warmRuns++;
        return timeProcess(node, args, { env: own ?? env, expectStatus: status });
      },
    })),
  );
  const after = server === undefined ? undefined : cpuMs(server);
  report('check startup (median of 25 runs each, interleaved)', medians, 'node -e 0');
  if (before !== undefined && after !== undefined)
    console.log(`  warm checker's own CPU per risky request: ${((after - before) / warmRuns).toFixed(1)} ms (user + system, /proc, ${warmRuns} requests)`);
  else console.log('  warm checker: not running (its CPU per request is not measured)');
  reportPageFaults(
    CASES.map(({ name, args, env: own }) => ({ name, command: [node, args, { env: own ?? env }] })),
    'node -e 0',
  );
  for (const pid of warmServers()) process.kill(pid, 'SIGTERM');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
