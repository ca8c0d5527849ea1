// `check -c` on a harmless and a risky line, as a ratio to `node -e 0` measured in the same run.
// The shell hook and agent hooks pay this on every line that reaches the checker.
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, report, timeProcess } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-'));
const env = { PATH: process.env.PATH, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'bench-host', NO_COLOR: '1' };
const node = process.execPath;

export function main() {
  const medians = compare([
    { name: 'node -e 0', run: () => timeProcess(node, ['-e', '0'], { env }) },
    { name: "check -c 'ls -la | grep src' (harmless)", run: () => timeProcess(node, [bin, 'check', '-c', 'ls -la | grep src'], { env, expectStatus: 0 }) },
    {
      name: "check -c 'sudo rm -rf /var/lib/postgresql' (risky)",
      run: () => timeProcess(node, [bin, 'check', '-c', 'sudo rm -rf /var/lib/postgresql/15/main'], { env, expectStatus: 3 }),
    },
    { name: 'check --json -- rm -rf / (argv form)', run: () => timeProcess(node, [bin, 'check', '--json', '--', 'rm', '-rf', '/'], { env, expectStatus: 4 }) },
    {
      name: "check --sql 'DELETE FROM t' (loads the SQL parser)",
      run: () => timeProcess(node, [bin, 'check', '--no-probe', '--sql', 'DELETE FROM t', '--url', 'postgres://db.example.com/app'], { env, expectStatus: 3 }),
    },
  ]);
  report('check startup (median of 25 runs each, interleaved)', medians, 'node -e 0');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
