// What a one-shot process costs, in figures a loaded machine does not move: instructions
// (valgrind's cachegrind, all threads) and pages touched (GNU time's %R), for `check -c` and
// `hook claude-code` on a harmless and a risky line, of two builds and `node -e 0` (and
// cc-safety-net's hook, when CC_SAFETY_NET names its bin file), all in one run; the harmless
// line also in a repository with a `.prodguard.yml` and one with a rule folder (the fast path's
// config cache, after the warm-up run of the full path wrote its entry); `check --sql` and
// `psql -c` through the warm checker:
// `[BENCH_REPEAT=3] node bench/one-shot-instructions.mjs OLD/bin/prodguard.js NEW/bin/prodguard.js`.
// Standard output is a pipe, as under an agent. Needs valgrind and /usr/bin/time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [oldBin, newBin] = process.argv.slice(2);
if (!oldBin || !newBin) {
  process.stderr.write('usage: node bench/one-shot-instructions.mjs OLD/bin/prodguard.js NEW/bin/prodguard.js\n');
  process.exit(2);
}
const home = mkdtempSync(join(tmpdir(), 'prodguard-one-shot-'));
const env = {
  PATH: process.env.PATH,
  HOME: home,
  PRODGUARD_STATE_DIR: join(home, 'state'),
  PRODGUARD_HOSTNAME: 'bench-host',
  NO_COLOR: '1',
  CC_SAFETY_NET_HOME: join(home, 'ccsn'),
  // Judged in the process alone; the rows marked "warm" hand the line to the warm checker.
  PRODGUARD_WARM: '0',
};
const warmEnv = { ...env, PRODGUARD_TRACE_WARM: '1' };
delete warmEnv.PRODGUARD_WARM;
const event = (command) =>
  `${JSON.stringify({ session_id: 'bench', transcript_path: '/dev/null', cwd: tmpdir(), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } })}\n`;
const LINES = { harmless: 'ls -la src && git status', risky: 'git reset --hard && rm -rf ./build' };
const SQL_URL = 'postgres://app@db1.example.com/app';

const repository = join(home, 'repo');
mkdirSync(repository);
writeFileSync(join(repository, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["db*.prod.example.com"]\n');

// A team's config: a rule folder (the config cache keys its files too).
const ruleRepository = join(home, 'rule-repo');
mkdirSync(join(ruleRepository, 'team-rules'), { recursive: true });
writeFileSync(join(ruleRepository, '.prodguard.yml'), 'rule-directories: [team-rules]\n');
writeFileSync(
  join(ruleRepository, 'team-rules', 'no-deploy.yaml'),
  'title: Deploy\nincident: general\nseverity: { default: warn }\nmatch: { commands: [deploy], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [deploy], pass: [ls] }\n',
);

// A kubeconfig, for a kubectl line judged alone (the engine parses it with yaml).
const kubeHome = join(home, 'kube-home');
mkdirSync(join(kubeHome, '.kube'), { recursive: true });
writeFileSync(
  join(kubeHome, '.kube', 'config'),
  'apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts:\n- name: prod\n  context: {cluster: prod-eu, user: admin}\nclusters:\n- name: prod-eu\n  cluster: {server: "https://k8s.prod.example.com:6443"}\nusers:\n- name: admin\n  user: {token: abcdef}\n',
);

const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT || 1));

/** [instructions, pages] of one process: the second of two runs (the first warms any cache). */
function measure(args, input, cwd = home, runEnv = env) {
  const log = join(home, 'measure.log');
  const run = (command, extra) =>
    spawnSync(command, [...extra, process.execPath, ...args], { env: runEnv, cwd, input: input ?? '', stdio: ['pipe', 'pipe', 'ignore'] });
  run('/usr/bin/time', ['-o', log, '-f', '%R']);
  run('/usr/bin/time', ['-o', log, '-f', '%R']);
  const pages = Number(readFileSync(log, 'utf8').trim().split('\n').pop());
  // Node's own start moves by ±5 M instructions between runs (V8 seeds its hashes at random):
  // BENCH_REPEAT=n takes the median of n runs.
  const counts = [];
  for (let round = 0; round < REPEAT; round++) {
    run('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', `--log-file=${log}`]);
    counts.push(Number(/I\s+refs:\s+([\d,]+)/.exec(readFileSync(log, 'utf8'))?.[1].replace(/,/g, '') ?? NaN));
  }
  const instructions = counts.sort((a, b) => a - b)[Math.floor(counts.length / 2)];
  return [instructions, pages];
}

const rows = [['node -e 0', measure(['-e', '0'])]];
for (const [label, line] of Object.entries(LINES)) {
  for (const [build, bin] of [
    ['old', oldBin],
    ['new', newBin],
  ]) {
    rows.push([`check -c, ${label} (${build})`, measure([bin, 'check', '-c', line])]);
    rows.push([`hook claude-code, ${label} (${build})`, measure([bin, 'hook', 'claude-code'], event(line))]);
  }
  if (process.env.CC_SAFETY_NET) rows.push([`cc-safety-net, ${label}`, measure([process.env.CC_SAFETY_NET, '--claude-code'], event(line))]);
}
// The new build's warm checker: started by a risky line judged alone, ready once it answers.
const traced = () =>
  spawnSync(process.execPath, [newBin, 'check', '-c', LINES.risky], { env: warmEnv, cwd: home, encoding: 'utf8' }).stderr.includes(
    'answered by the warm checker',
  );
for (let tries = 0; !traced() && tries < 100; tries++) spawnSync('sleep', ['0.2']);
for (const [label, line] of Object.entries(LINES)) {
  rows.push([`check -c, ${label}, warm (new)`, measure([newBin, 'check', '-c', line], undefined, home, warmEnv)]);
  rows.push([`hook claude-code, ${label}, warm (new)`, measure([newBin, 'hook', 'claude-code'], event(line), home, warmEnv)]);
}
// SQL one-shot (issue 13: ≤ 1.8× `node -e 0`): PostgreSQL's parser stays loaded in the warm checker.
rows.push([`check --sql DELETE, warm (new)`, measure([newBin, 'check', '--no-probe', '--sql', 'DELETE FROM t', '--url', SQL_URL], undefined, home, warmEnv)]);
rows.push([
  `check -c psql -c DELETE, warm (new)`,
  measure([newBin, 'check', '--no-probe', '-c', `psql ${SQL_URL} -c 'DELETE FROM orders'`], undefined, home, warmEnv),
]);
for (const [build, bin] of [
  ['old', oldBin],
  ['new', newBin],
]) {
  rows.push([`check -c, harmless, .prodguard.yml (${build})`, measure([bin, 'check', '-c', LINES.harmless], undefined, repository)]);
  rows.push([`check -c, harmless, rule folder (${build})`, measure([bin, 'check', '-c', LINES.harmless], undefined, ruleRepository)]);
}
// Risky lines judged alone (no warm checker: the first after 15 idle minutes, CI, a fresh
// container): in a repository with a .prodguard.yml, and a kubectl line with and without a kubeconfig.
for (const [build, bin] of [
  ['old', oldBin],
  ['new', newBin],
]) {
  rows.push([`check -c, risky, .prodguard.yml (${build})`, measure([bin, 'check', '-c', LINES.risky], undefined, repository)]);
  rows.push([`kubectl delete ns prod (${build})`, measure([bin, 'check', '-c', 'kubectl delete ns prod'])]);
  rows.push([`same, kubeconfig (${build})`, measure([bin, 'check', '-c', 'kubectl delete ns prod'], undefined, home, { ...env, HOME: kubeHome })]);
}
const [baseInstructions, basePages] = rows[0][1];
for (const [name, [instructions, pages]] of rows) {
  console.log(
    `${name.padEnd(36)} ${(instructions / 1e6).toFixed(0).padStart(5)} M instr (${(instructions / baseInstructions).toFixed(2)}×)  ${String(pages).padStart(5)} pages (${(pages / basePages).toFixed(2)}×)`,
  );
}
// The warm checkers this run started end with their folder (src/commands/serve-one-shot.ts).
rmSync(home, { recursive: true, force: true });
