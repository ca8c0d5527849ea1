// Output for the one-shot commands a hook starts before every risky line (check, hook-check, the
// agent hooks, run's report). Touching process.stdout or process.stderr builds a stream (a tty,
// pipe or file writer and the stream machinery behind it): measured at ~15% of what a harmless
// `check -c` costs beyond `node -e 0`. Writing straight to the descriptor costs nothing to set up.
// Order is kept with any later process.stdout.write: on Linux and macOS those are synchronous for
// files, pipes and terminals alike.
import { fstatSync, readFileSync, statSync, writeSync } from 'node:fs';

const STDOUT = 1;
const STDERR = 2;

/** Output in the order it was written, by descriptor: what the one-shot warm checker
 *  (src/commands/serve-one-shot.ts) sends back for its client to write. */
export type CapturedOutput = Array<[fd: 1 | 2, text: string]>;

/** Set while the warm checker runs a client's command: writes are kept, and "is a terminal"
 *  answers for the client's descriptors, not the server's. */
let capture: { output: CapturedOutput; terminals: readonly [boolean, boolean] } | undefined;

/** Run `command` with its output kept (not written) and the client's descriptors' kinds. One at a
 *  time: the server runs its requests one after another. */
export async function capturingOutput(terminals: readonly [boolean, boolean], command: () => Promise<void>): Promise<CapturedOutput> {
  const output: CapturedOutput = [];
  capture = { output, terminals };
  try {
    await command();
  } finally {
    capture = undefined;
  }
  return output;
}

/** Write all of `text` to a descriptor; a reader that closed the pipe (`| head`) ends the process
 *  quietly, as bin/prodguard.js does for the streams. */
function writeAll(fd: 1 | 2, text: string): void {
  if (capture) {
    capture.output.push([fd, text]);
    return;
  }
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(fd, buffer));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      // A descriptor inherited in non-blocking mode: wait a moment for the reader, then go on.
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      else throw error;
    }
  }
}

export function writeStdout(text: string): void {
  writeAll(STDOUT, text);
}

export function writeStderr(text: string): void {
  writeAll(STDERR, text);
}

/** Whether standard output (1) or error (2) is a terminal, without building its stream. A pipe
 *  or file (agent hooks, CI) is answered by fstat alone; only a character device loads tty (which
 *  loads net and the stream machinery). */
export function isTerminal(fd: 1 | 2): boolean {
  if (capture) return capture.terminals[fd - 1]!;
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    // The null device (an agent or a runner that discards a stream) is a character device and
    // never a terminal: known from its device number without loading tty, ~10 M instructions of a
    // one-shot process (valgrind), paid by the warm checker's client on every request before.
    const nul = statSync('/dev/null', { throwIfNoEntry: false });
    if (nul?.isCharacterDevice() && nul.rdev === stats.rdev) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

/** All of standard input as text (an agent's event), read straight from the descriptor; one
 *  inherited in non-blocking mode is read through process.stdin instead. The one-shot fast path
 *  (src/fast-path/answer.ts) may have read it already: then it hands the text on here. */
export async function readStdin(): Promise<string> {
  const handed = (globalThis as { __prodguardStdin?: string }).__prodguardStdin;
  if (handed !== undefined) {
    delete (globalThis as { __prodguardStdin?: string }).__prodguardStdin;
    return handed;
  }
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
