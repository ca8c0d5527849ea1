// Build step: start prodguard once on a typical line, so the V8 code cache next to the bundle is
// made now (for this Node version) and the first real check does not pay for compiling.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const bundle = new URL('../dist/bundle/prodguard.cjs', import.meta.url);
for (const name of ['prodguard.cjs', 'fast.cjs', 'shell-parser.cjs']) rmSync(new URL(`../dist/bundle/${name}.cache`, import.meta.url), { force: true });
const result = spawnSync(process.execPath, [new URL('../bin/prodguard.js', import.meta.url).pathname, 'check', '-c', 'rm -rf /tmp/prodguard-warm && ls'], {
  stdio: 'ignore',
  env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', PRODGUARD_STATE_DIR: '/tmp/prodguard-warm-state', PRODGUARD_WARM: '0' },
});
console.log(result.status === 0 ? `warmed the code cache of ${bundle.pathname}` : 'could not warm the code cache (it is made on first use instead)');
// The one-shot fast path's two files (src/fast-path/): a harmless line where no config applies.
const fast = spawnSync(process.execPath, [new URL('../bin/prodguard.js', import.meta.url).pathname, 'check', '-c', 'ls'], {
  stdio: 'ignore',
  cwd: '/',
  env: { PATH: process.env.PATH, HOME: '/tmp/prodguard-warm-state', NO_COLOR: '1', PRODGUARD_STATE_DIR: '/tmp/prodguard-warm-state', PRODGUARD_WARM: '0' },
});
if (fast.status !== 0) console.log('could not warm the fast path code cache (it is made on first use instead)');
