// Edge: run the command with the child's stdio, exit code and signals passed through.

import { constants } from 'node:os';

export interface ExecuteOptions {
  /** argv form: run this file with these arguments. */
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Run and resolve to the exit code prodguard should exit with (128 + signal when killed). */
export async function execute({ file, args, env }: ExecuteOptions): Promise<number> {
  const { execa } = await import('execa');
  // SIGTERM/SIGHUP/SIGQUIT sent to prodguard go to the child. SIGINT from a terminal already
  // reaches the child (same process group); forward it only when it did not come from one. The
  // handlers are in place before the child starts: on a loaded machine the child can run (and a
  // supervisor see it and send SIGTERM) before this process gets the CPU back after the spawn, and
  // a SIGTERM with no handler kills prodguard and leaves the child running unsupervised.
  const started: { child?: ReturnType<typeof execa> } = {};
  const pending: NodeJS.Signals[] = [];
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    if (started.child) started.child.kill(signal);
    else pending.push(signal);
  };
  const handlers = (['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGINT'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const child = execa(file, args, { stdio: 'inherit', reject: false, env: env ?? process.env, extendEnv: false });
  started.child = child;
  for (const signal of pending) child.kill(signal);
  const result = await child;
  for (const [signal, handler] of handlers) process.off(signal, handler);
  if (result.failed && result.exitCode === undefined && !result.signal) {
    // The command could not start (not found, not executable).
    process.stderr.write(`prodguard: cannot run ${file}: ${result.shortMessage ?? 'failed to start'}\n`);
    return result.code === 'ENOENT' ? 127 : 126;
  }
  if (result.signal) {
    const number = constants.signals[result.signal as keyof typeof constants.signals] ?? 0;
    return 128 + number;
  }
  return result.exitCode ?? 1;
}
