// `prodguard lint` against ShellCheck on the same corpus of real shell scripts (the machine's own
// /usr/bin and /usr/sbin scripts), as a ratio measured in the same run. Target: ≥ 10× faster.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));

function shellScripts(dirs, limit) {
  const found = [];
  for (const dir of dirs) {
    let names = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (!stat.isFile() || stat.size > 200_000) continue;
        const fd = openSync(path, 'r');
        const head = Buffer.alloc(64);
        readSync(fd, head, 0, 64, 0);
        closeSync(fd);
        if (/^#!\s*\S*\/(env\s+)?(ba|da|k)?sh\b/.test(head.toString('latin1'))) found.push(path);
      } catch {
        /* unreadable: skip */
      }
      if (found.length >= limit) return found;
    }
  }
  return found;
}

export function main() {
  const scripts = shellScripts(['/usr/bin', '/usr/sbin', '/usr/lib/git-core'], 150);
  const corpus = mkdtempSync(join(tmpdir(), 'prodguard-lint-bench-'));
  scripts.forEach((path, index) => copyFileSync(path, join(corpus, `${String(index).padStart(3, '0')}-${path.split('/').pop()}.sh`)));
  const files = readdirSync(corpus).map((name) => join(corpus, name));
  const lines = files.reduce((sum, file) => sum + spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.split(' ')[0] * 1, 0);
  console.log(`\nlint vs ShellCheck on ${files.length} real shell scripts (${lines} lines) from /usr/bin, /usr/sbin`);
  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (shellcheck.status !== 0) {
    console.log('  ShellCheck is not installed (apt-get install shellcheck): no baseline, no ratio');
    return;
  }
  const time = (command, args) => () => {
    const start = process.hrtime.bigint();
    spawnSync(command, args, { cwd: corpus, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const medians = compare(
    [
      { name: 'shellcheck -f json (all files)', run: time('shellcheck', ['-f', 'json', ...files]) },
      { name: 'prodguard lint --format json .', run: time(process.execPath, [bin, 'lint', '--format', 'json', '.']) },
    ],
    5,
  );
  const base = medians['shellcheck -f json (all files)'];
  const ours = medians['prodguard lint --format json .'];
  console.log(`  shellcheck                         ${base.toFixed(0).padStart(7)} ms  (baseline)`);
  console.log(`  prodguard lint                     ${ours.toFixed(0).padStart(7)} ms  ${(base / ours).toFixed(1)}× faster`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
