// A real terminal for tests: tmux runs the program, send-keys types, capture-pane reads the screen.
import { execFileSync, spawnSync } from 'node:child_process';

export function tmuxAvailable(): string | undefined {
  const found = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : 'tmux is not installed (.ci/run installs it with apt-get)';
}

export class TmuxSession {
  readonly name: string;
  private readonly socket: string;

  constructor(command: string, options: { env?: Record<string, string>; width?: number; height?: number } = {}) {
    this.name = `pg${process.pid}${Math.floor(Math.random() * 1e6)}`;
    this.socket = `prodguard-${this.name}`;
    const envArgs = Object.entries(options.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    execFileSync(
      'tmux',
      [
        '-L',
        this.socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        this.name,
        '-x',
        String(options.width ?? 200),
        '-y',
        String(options.height ?? 50),
        ...envArgs,
        command,
      ],
      {
        // A fresh server on its own socket with only these variables: CI=true from the test
        // runner's environment must not reach the "person" at this terminal.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...(options.env ?? {}) },
      },
    );
  }

  type(text: string): void {
    // tmux reads a trailing ";" as its own command separator: escape it.
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, '-l', text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text]);
  }

  key(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, ...keys]);
  }

  screen(): string {
    const result = spawnSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-S', '-200', '-t', this.name], { encoding: 'utf8' });
    return result.stdout ?? '';
  }

  /** Wait until the screen matches, or fail with what the screen showed. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${String(pattern)}; the screen showed:\n${last}`);
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
