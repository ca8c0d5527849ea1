// `check -c` on a harmless and a risky line, as a ratio to `node -e 0` measured in the same run.
// The shell hook and agent hooks pay this on every line that reaches the checker.
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, report, reportPageFaults, timeProcess } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-'));
const env = { PATH: process.env.PATH, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'bench-host', NO_COLOR: '1' };
const node = process.execPath;

const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: "check -c 'ls -la | grep src' (harmless)", args: [bin, 'check', '-c', 'ls -la | grep src'], status: 0 },
  { name: "check -c 'sudo rm -rf /var/lib/postgresql' (risky)", args: [bin, 'check', '-c', 'sudo rm -rf /var/lib/postgresql/15/main'], status: 3 },
  { name: 'check --json -- rm -rf / (argv form)', args: [bin, 'check', '--json', '--', 'rm', '-rf', '/'], status: 4 },
  {
    name: "check --sql 'DELETE FROM t' (loads the SQL parser)",
    args: [bin, 'check', '--no-probe', '--sql', 'DELETE FROM t', '--url', 'postgres://db.example.com/app'],
    status: 3,
  },
];

export function main() {
  const medians = compare(CASES.map(({ name, args, status }) => ({ name, run: () => timeProcess(node, args, { env, expectStatus: status }) })));
  report('check startup (median of 25 runs each, interleaved)', medians, 'node -e 0');
  reportPageFaults(
    CASES.map(({ name, args }) => ({ name, command: [node, args, { env }] })),
    'node -e 0',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
