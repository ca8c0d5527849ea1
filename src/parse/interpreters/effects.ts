// What interpreted code would do that prodguard judges: a shell line it hands to a shell, a
// program it runs with an argument list, or a deletion it performs itself (shutil.rmtree is the
// `rm -rf` it is). A call whose argument is computed at run time is `dynamic`: the caller cannot
// see the command and fails closed. SQL sent through a database driver is an `sql` effect
// (databases.ts).

import type { SqlEffect } from './databases.js';

export type CodeEffect =
  /** `input`: the program writes to the line's standard input (awk's `print … | "cmd"`); `text` when known. */
  | { kind: 'shell'; text: string; sink: string; input?: { text?: string } }
  | { kind: 'argv'; words: string[]; sink: string }
  | { kind: 'dynamic'; sink: string }
  | SqlEffect;

/**
 * An argument the program reads from its environment (`process.env.DATABASE_URL` in
 * `execFileSync("psql", [process.env.DATABASE_URL, …])`): the caller, which knows the environment
 * the program would see, puts the value in its place (interpreterSteps).
 */
export function environmentReference(name: string): string {
  return `\u0000env:${name}\u0000`;
}

/** A word with its environment references filled in; undefined when one is not known. */
export function withEnvironment(word: string, env: Readonly<Record<string, string>> | undefined): string | undefined {
  let known = true;
  const value = word.replace(/\u0000env:([^\u0000]*)\u0000/g, (_whole, name: string) => {
    if (env && Object.hasOwn(env, name)) return env[name]!;
    known = false;
    return '';
  });
  return known ? value : undefined;
}

/** How each deletion call maps onto the rm it is. `mode`: only when the argument at that
 *  position (or the `mode=` keyword) matches — Python's `open(path, 'wb')` writes, `open(path)` reads. */
export type DeleteSpec = { argv: string[]; mode?: { argument: number; writes: RegExp } };

/** A call that writes a file from its start (`fs.writeFileSync('/dev/sda', …)`): the `> path` it is. */
export const WRITE_FILE: DeleteSpec = { argv: ['(redirect)'] };
/** Python's and Ruby's `open(path, MODE)`: a write when the mode says so. */
export const OPEN_FOR_WRITING: DeleteSpec = { argv: ['(redirect)'], mode: { argument: 1, writes: /^[rab]*[wx][bt+]*$|^r\+|^\+/ } };

export const RM_RECURSIVE: DeleteSpec = { argv: ['rm', '-rf'] };
export const RM_FILE: DeleteSpec = { argv: ['rm', '-f'] };
export const RMDIR: DeleteSpec = { argv: ['rmdir'] };
