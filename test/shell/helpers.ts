// Real interactive shells for the shell-hook tests: a temporary HOME with an rc file that runs
// `prodguard init`, a `prodguard` on PATH that logs every call and runs the built binary, and a
// tmux terminal to type into — as a person would.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempDir } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';

export type ShellName = 'bash' | 'zsh' | 'fish';

/** Why the shell cannot be tested here, or undefined. A missing shell fails its tests. */
export function shellMissing(shell: ShellName): string | undefined {
  const tmux = tmuxAvailable();
  if (tmux) return tmux;
  const found = spawnSync(shell, ['-c', 'exit 0'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : `${shell} is not installed (.ci/run installs it with apt-get install ${shell})`;
}

export interface Lab {
  home: string;
  bin: string;
  log: string;
  /** A PostgreSQL-looking data directory under HOME (PG_VERSION inside). */
  data: (name?: string) => string;
  /** The same with a server running on it (postmaster.pid naming this live process). */
  runningData: (dir?: string) => string;
}

export function makeLab(): Lab {
  const home = tempDir('prodguard-shell-');
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  // fish on a fresh home starts fish_update_completions in the background (python scraping every
  // man page) unless this folder exists: it outlived the tests and kept writing into the home.
  mkdirSync(join(home, '.local', 'share', 'fish', 'generated_completions'), { recursive: true });
  const log = join(home, 'prodguard-calls.log');
  writePathWrapper(bin, log);
  return {
    home,
    bin,
    log,
    data(name = 'pgdata') {
      const dir = join(home, name, '15', 'main');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'PG_VERSION'), '15\n');
      return dir;
    },
    /** A data directory a server runs on (a live pid in postmaster.pid: this test process): block on production. */
    runningData(dir = join(home, 'pgdata', '15', 'main')) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'PG_VERSION'), '15\n');
      writeFileSync(join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n1700000000\n5432\n/tmp\n*\n1 2\nready   \n`);
      return dir;
    },
  };
}

/** `prodguard` on PATH: logs its arguments (so a test can tell no process started), runs the build. */
export function writePathWrapper(bin: string, log: string, body?: string): void {
  const file = join(bin, 'prodguard');
  writeFileSync(file, body ?? `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(file, 0o755);
}

export function calls(lab: Lab): string[] {
  return existsSync(lab.log) ? readFileSync(lab.log, 'utf8').split('\n').filter(Boolean) : [];
}

const RC: Record<ShellName, (extra: string) => { file: string; text: string }> = {
  bash: (extra) => ({ file: '.bashrc', text: `PS1='pg$ '\nHISTSIZE=500\n${extra}\neval "$(prodguard init bash)"\n` }),
  zsh: (extra) => ({ file: '.zshrc', text: `PS1='pg> '\nHISTSIZE=500\n${extra}\neval "$(prodguard init zsh)"\n` }),
  fish: (extra) => ({
    file: '.config/fish/config.fish',
    text: `set -g fish_greeting ''\nfunction fish_prompt; echo -n 'pg> '; end\n${extra}\nprodguard init fish | source\n`,
  }),
};

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface ShellOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Extra rc lines before the init line. */
  rc?: string;
}

export class Shell {
  readonly tmux: TmuxSession;

  constructor(
    readonly name: ShellName,
    readonly lab: Lab,
    options: ShellOptions = {},
  ) {
    const rc = RC[name](options.rc ?? '');
    const rcPath = join(lab.home, rc.file);
    mkdirSync(join(rcPath, '..'), { recursive: true });
    writeFileSync(rcPath, rc.text);
    const env: Record<string, string> = {
      HOME: lab.home,
      PATH: `${lab.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      TERM: 'xterm',
      PRODGUARD_STATE_DIR: join(lab.home, 'state'),
      PRODGUARD_HOSTNAME: 'db1.cluster.gitlab.com',
      NO_COLOR: '1',
      ...(name === 'zsh' ? { ZDOTDIR: lab.home } : {}),
      ...(name === 'fish' ? { XDG_CONFIG_HOME: join(lab.home, '.config'), XDG_DATA_HOME: join(lab.home, '.local', 'share') } : {}),
      ...options.env,
    };
    const argv = name === 'bash' ? ['bash', '--noprofile', '--rcfile', rcPath, '-i'] : [name, '-i'];
    const command = `cd ${quote(options.cwd ?? lab.home)} && exec env -i ${Object.entries(env)
      .map(([key, value]) => quote(`${key}=${value}`))
      .join(' ')} ${argv.join(' ')}`;
    this.tmux = new TmuxSession(command, { width: 160, height: 50 });
  }

  /** Wait for a fresh prompt at the bottom of the screen. */
  async prompt(timeoutMs = 15_000): Promise<void> {
    await this.tmux.waitFor(/pg[$>] $/m, timeoutMs);
  }

  /** Type a line and press Enter. */
  run(line: string): void {
    this.tmux.type(line);
    this.tmux.key('Enter');
  }

  /** Type the line and press Enter, then wait for the pattern. */
  async runAndWait(line: string, pattern: RegExp | string, timeoutMs?: number): Promise<string> {
    this.run(line);
    return this.tmux.waitFor(pattern, timeoutMs);
  }

  /** Answer a question on the terminal. */
  answer(text: string): void {
    this.tmux.type(text);
    this.tmux.key('Enter');
  }

  /** The line history gives back with the Up arrow (then cleared again). */
  async recall(expected: string): Promise<string> {
    this.tmux.key('Up');
    const screen = await this.tmux.waitFor(new RegExp(`pg[$>] ${escapeRegex(expected)}`));
    this.tmux.key('C-c');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return screen;
  }

  /** Arithmetic the screen shows only once the command ran (the typed line shows the formula). */
  sum(a: number, b: number): string {
    return this.name === 'fish' ? `(math ${a} + ${b})` : `$((${a}+${b}))`;
  }

  kill(): void {
    this.tmux.kill();
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
