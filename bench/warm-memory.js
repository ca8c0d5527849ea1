// The warm checker's resident size over many requests (issue 13: flat over 100,000, no growing
// sets). Drives `answer` — what `prodguard serve` does per request — in this process with a mix
// of harmless, risky and secret-bearing lines, and prints RSS and heap at checkpoints. No
// assertion: read the figures (growth after the first checkpoint is what matters).
// PRODGUARD_BENCH_REQUESTS sets the count (default 100000); PRODGUARD_BENCH_WARM=one-shot drives
// the one-shot warm checker's `answer` instead (src/commands/serve-one-shot.ts: a whole `check -c`
// through `main`, in the request's environment, output captured).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function main() {
  const oneShot = process.env.PRODGUARD_BENCH_WARM === 'one-shot';
  const { answer } = await import(oneShot ? '../dist/commands/serve-one-shot.js' : '../dist/commands/serve.js');
  const total = Number(process.env.PRODGUARD_BENCH_REQUESTS || 100_000);
  const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-memory-'));
  const env = { HOME: home, PATH: '/usr/bin:/bin', PRODGUARD_STATE_DIR: join(home, 'state') };
  const lines = [
    'ls -la | grep src',
    'git status && git log --oneline | head',
    'rm -rf /var/lib/postgresql/15/main',
    (i) => `psql "postgres://app:secret-${i}@db${i % 97}.example.com/app" -c 'DELETE FROM users'`,
    (i) => `curl -H "Authorization: Bearer tok${i}" https://api.example.com/${i}`,
    (i) => `echo ${i} > /tmp/out-${i % 13}.txt`,
    // A new command name and a new path every time: nothing may be kept per name or per path.
    (i) => `./tool-${i} --target db${i}.example.com && rm -rf /tmp/build-${i}`,
  ];
  const checkpoints = new Set([1_000, 10_000, 25_000, 50_000, 75_000, total]);
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
  const which = oneShot ? 'one-shot warm checker' : 'warm checker';
  console.log(`\n${which} memory over ${total} requests (answer() in-process, ${lines.length} line shapes, secrets vary per request)`);
  const start = Date.now();
  let first;
  for (let i = 1; i <= total; i++) {
    const line = lines[i % lines.length];
    const text = typeof line === 'function' ? line(i) : line;
    if (oneShot) await answer({ args: ['check', '--no-probe', '-c', text], cwd: home, env, terminals: [false, false] });
    else await answer({ id: String(i), shell: 'bash', cwd: home, line: text, definitions: [], env });
    if (checkpoints.has(i)) {
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      first ??= rss;
      console.log(
        `  ${String(i).padStart(7)} requests  rss ${mb(rss).padStart(9)}  heap ${mb(heapUsed).padStart(9)}  (${(rss / first).toFixed(2)}× the first checkpoint)  ${((Date.now() - start) / i).toFixed(2)} ms/request`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
