// The Claude Code hook, one process per tool call (issue 13): `prodguard hook claude-code` against
// cc-safety-net's hook (the peer users compare it with) on the same PreToolUse events, interleaved,
// with `node -e 0` as the baseline of every process start. cc-safety-net is not a dependency: set
// CC_SAFETY_NET to its bin file, or the bench installs the pinned version into a temporary folder
// (needs the npm registry); without it the bench says why and measures prodguard alone.
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compare, report, reportPageFaults, timeProcess } from './lib.js';

const PEER_VERSION = '2.4.5';
const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const node = process.execPath;

function findPeer() {
  if (process.env.CC_SAFETY_NET)
    return existsSync(process.env.CC_SAFETY_NET) ? { file: process.env.CC_SAFETY_NET } : { why: `CC_SAFETY_NET=${process.env.CC_SAFETY_NET} does not exist` };
  const prefix = join(tmpdir(), `prodguard-bench-cc-safety-net-${PEER_VERSION}`);
  const file = join(prefix, 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');
  if (existsSync(file)) return { file };
  mkdirSync(prefix, { recursive: true });
  const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', `cc-safety-net@${PEER_VERSION}`], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (install.status === 0 && existsSync(file)) return { file };
  return { why: `could not install cc-safety-net@${PEER_VERSION} (${(install.stderr || install.error?.message || '').trim().split('\n').pop()})` };
}

function event(command) {
  return `${JSON.stringify({ session_id: 'bench', transcript_path: '/dev/null', cwd: tmpdir(), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } })}\n`;
}

export function main() {
  const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-agent-'));
  // Each tool keeps its compile cache in the home it is given; both get a warm one (first runs below).
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    PRODGUARD_STATE_DIR: join(home, 'state'),
    PRODGUARD_HOSTNAME: 'bench-host',
    CC_SAFETY_NET_HOME: join(home, 'ccsn'),
  };
  const harmless = event('ls -la src && git status');
  const risky = event('git reset --hard && rm -rf ./build');
  const peer = findPeer();
  const cases = [{ name: 'node -e 0', args: ['-e', '0'] }];
  for (const [label, input] of [
    ['harmless', harmless],
    ['risky', risky],
  ]) {
    cases.push({ name: `prodguard hook claude-code (${label})`, args: [bin, 'hook', 'claude-code'], input });
    if (peer.file) cases.push({ name: `cc-safety-net --claude-code (${label})`, args: [peer.file, '--claude-code'], input });
  }
  // Both answer on a pipe, as under Claude Code (cc-safety-net does less with /dev/null as stdout).
  const medians = compare(
    cases.map(({ name, args, input }) => ({ name, run: () => timeProcess(node, args, { env, input, stdout: 'pipe', expectStatus: 0 }) })),
  );
  report('agent hook, one process per tool call (median of 25 runs each, interleaved)', medians, 'node -e 0');
  reportPageFaults(
    cases.map(({ name, args, input }) => ({ name, command: [node, args, { env, input, stdout: 'pipe' }] })),
    'node -e 0',
  );
  if (!peer.file) {
    console.log(`  cc-safety-net not measured: ${peer.why}`);
    return;
  }
  for (const label of ['harmless', 'risky']) {
    const ours = medians[`prodguard hook claude-code (${label})`];
    const theirs = medians[`cc-safety-net --claude-code (${label})`];
    console.log(`  ${label}: prodguard / cc-safety-net = ${(ours / theirs).toFixed(2)}× (target ≤ 0.8×)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
