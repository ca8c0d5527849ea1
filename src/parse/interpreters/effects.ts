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

/** How each deletion call maps onto the rm it is. */
export type DeleteSpec = { argv: string[] };

export const RM_RECURSIVE: DeleteSpec = { argv: ['rm', '-rf'] };
export const RM_FILE: DeleteSpec = { argv: ['rm', '-f'] };
export const RMDIR: DeleteSpec = { argv: ['rmdir'] };
