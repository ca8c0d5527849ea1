// A real interactive shell in tmux for the hook benchmark. Lines are queued in the terminal while
// the shell sleeps, so the shell itself measures how fast it gets through them (EPOCHREALTIME),
// not how fast tmux can type.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function available(program) {
  return spawnSync(program, ['-c', 'exit 0']).status === 0 || spawnSync(program, ['-V']).status === 0;
}

const quote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

/** rc files for a shell with and without the hook; same prompt, same history settings. */
export function writeRc(home, shell, { hook, init = '' }) {
  const dir = join(home, `${shell}-${hook ? 'hook' : 'plain'}`);
  mkdirSync(dir, { recursive: true });
  if (shell === 'bash') {
    writeFileSync(join(dir, '.bashrc'), `PS1='pg$ '\n${hook ? `eval "$(prodguard init bash ${init})"` : ''}\n`);
    return { dir, argv: ['bash', '--noprofile', '--rcfile', join(dir, '.bashrc'), '-i'], env: {} };
  }
  writeFileSync(join(dir, '.zshrc'), `PS1='pg> '\nzmodload zsh/datetime\n${hook ? `eval "$(prodguard init zsh ${init})"` : ''}\n`);
  return { dir, argv: ['zsh', '-i'], env: { ZDOTDIR: dir } };
}

export class BenchShell {
  constructor(shell, rc, env) {
    this.shell = shell;
    this.socket = `pgbench-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
    const all = { ...env, ...rc.env };
    const command = `cd ${quote(rc.dir)} && exec env -i ${Object.entries(all)
      .map(([k, v]) => quote(`${k}=${v}`))
      .join(' ')} ${rc.argv.join(' ')}`;
    execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '200', '-y', '50', command]);
  }

  screen() {
    return spawnSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-S', '-3000', '-t', 'b'], { encoding: 'utf8' }).stdout ?? '';
  }

  type(text) {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', 'b', '-l', text]);
  }

  async waitFor(regex, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = regex.exec(this.screen());
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`benchmark shell timed out waiting for ${regex}:\n${this.screen().split('\n').slice(-15).join('\n')}`);
  }

  /** Microseconds the shell took for these lines, prompt to prompt. */
  async time(lines) {
    const tag = `R${Math.floor(Math.random() * 1e9)}`;
    const [start, stop] =
      this.shell === 'bash'
        ? ['sleep 1; __bench_t0=${EPOCHREALTIME/./}', `echo ${tag} $(( \${EPOCHREALTIME/./} - __bench_t0 ))`]
        : ['sleep 1; __bench_t0=$EPOCHREALTIME', `echo ${tag} $(( (EPOCHREALTIME - __bench_t0) * 1000000 ))`];
    this.type(`clear\r`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    this.type(`${start}\r`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Queued in the terminal while the shell sleeps (the pty holds 4 KiB: keep lines short).
    this.type(`${lines.join('\r')}\r${stop}\r`);
    const match = await this.waitFor(new RegExp(`${tag} (\\d+)`));
    return Number(match[1]);
  }

  kill() {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
