// Compare the startup of two builds of prodguard on this machine, interleaved so both see the
// same load: `node bench/compare-builds.mjs OLD/bin/prodguard.js NEW/bin/prodguard.js [rounds]`.
// Prints medians and ratios to `node -e 0` measured in the same run. (Not part of `npm run bench`,
// which measures the current build only: build the other one in a git worktree first.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [oldBin, newBin, roundsText = '25'] = process.argv.slice(2);
if (!oldBin || !newBin) {
  process.stderr.write('usage: node bench/compare-builds.mjs OLD/bin/prodguard.js NEW/bin/prodguard.js [rounds]\n');
  process.exit(2);
}
const builds = { old: oldBin, new: newBin };
const cases = {
  harmless: ['check', '-c', 'ls -la | grep src'],
  risky: ['check', '-c', 'sudo rm -rf /var/lib/postgresql'],
  argv: ['check', '--json', '--', 'rm', '-rf', '/'],
  'hook harmless': ['hook', 'claude-code'],
  'hook risky': ['hook', 'claude-code'],
};
// The agent hook's events (bench/agent-hook.js's lines), on a pipe as under Claude Code.
const event = (command) => JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, cwd: tmpdir() });
const inputs = { 'hook harmless': event('ls -la src && git status'), 'hook risky': event('git reset --hard && rm -rf ./build') };
const home = mkdtempSync(join(tmpdir(), 'prodguard-compare-'));
const env = { PATH: process.env.PATH, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'ws-1', NO_COLOR: '1' };
const time = (args, input = '') => {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { env, input, stdio: ['pipe', 'pipe', 'ignore'] });
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const samples = new Map();
const add = (key, ms) => samples.set(key, [...(samples.get(key) ?? []), ms]);
for (let round = 0; round < Number(roundsText); round++) {
  add('node -e 0', time(['-e', '0']));
  for (const [name, args] of Object.entries(cases))
    for (const [build, bin] of Object.entries(builds)) add(`${name} (${build})`, time([bin, ...args], inputs[name]));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const baseline = median(samples.get('node -e 0'));
for (const [key, values] of samples) console.log(`${key.padEnd(22)} ${median(values).toFixed(1).padStart(7)} ms  ${(median(values) / baseline).toFixed(2)}×`);
