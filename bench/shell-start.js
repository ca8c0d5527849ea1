// A new interactive shell with the hook versus without (issue 12: `init` ≤ 15 ms per shell
// start). Three rc files, interleaved: none; the old `eval "$(prodguard init bash)"` (a Node
// start per shell); the cached rc line (`source <state>/init.bash || eval …`, a file read).
// The shell reads `exit` from a pipe, so it starts, draws its first prompt (PROMPT_COMMAND /
// precmd run: the prompt segment is part of the cost) and exits.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, report, timeProcess } from './lib.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));

export async function main() {
  const home = mkdtempSync(join(tmpdir(), 'prodguard-bench-start-'));
  const binDir = join(home, 'bin');
  mkdirSync(binDir);
  symlinkSync(bin, join(binDir, 'prodguard'));
  const env = { HOME: home, PATH: `${binDir}:${process.env.PATH}`, TERM: 'dumb', PRODGUARD_STATE_DIR: join(home, 'state') };
  const cache = (shell) => join(home, 'state', `init.${shell}`);
  // First use writes the cache.
  for (const shell of ['bash', 'zsh']) spawnSync(process.execPath, [bin, 'init', shell], { env, stdio: 'ignore' });
  const rc = (name, text) => {
    const file = join(home, name);
    writeFileSync(file, text);
    return file;
  };
  const bashRc = {
    none: rc('bash-none', ''),
    eval: rc('bash-eval', 'eval "$(prodguard init bash)"\n'),
    cached: rc('bash-cached', `source ${cache('bash')} 2>/dev/null || eval "$(prodguard init bash)"\n`),
  };
  const zdot = (name, text) => {
    const dir = join(home, `zdot-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.zshrc'), text);
    return dir;
  };
  const zshDirs = {
    none: zdot('none', ''),
    eval: zdot('eval', 'eval "$(prodguard init zsh)"\n'),
    cached: zdot('cached', `source ${cache('zsh')} 2>/dev/null || eval "$(prodguard init zsh)"\n`),
  };
  const bash = (file) => () => timeProcess('bash', ['--noprofile', '--rcfile', file, '-i'], { env, input: 'exit\n' });
  const zsh = (dir) => () => timeProcess('zsh', ['-i'], { env: { ...env, ZDOTDIR: dir }, input: 'exit\n' });
  const bashTimes = compare(
    [
      { name: 'bash -i, no hook', run: bash(bashRc.none) },
      { name: 'bash -i, eval "$(prodguard init bash)"', run: bash(bashRc.eval) },
      { name: 'bash -i, cached rc line', run: bash(bashRc.cached) },
    ],
    15,
  );
  report('new interactive shell to its first prompt (median of 15, interleaved)', bashTimes, 'bash -i, no hook');
  console.log(
    `  → the cached rc line adds ${(bashTimes['bash -i, cached rc line'] - bashTimes['bash -i, no hook']).toFixed(1)} ms per bash start (target ≤ 15 ms)`,
  );
  const zshTimes = compare(
    [
      { name: 'zsh -i, no hook', run: zsh(zshDirs.none) },
      { name: 'zsh -i, eval "$(prodguard init zsh)"', run: zsh(zshDirs.eval) },
      { name: 'zsh -i, cached rc line', run: zsh(zshDirs.cached) },
    ],
    15,
  );
  report('', zshTimes, 'zsh -i, no hook');
  console.log(`  → the cached rc line adds ${(zshTimes['zsh -i, cached rc line'] - zshTimes['zsh -i, no hook']).toFixed(1)} ms per zsh start (target ≤ 15 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
