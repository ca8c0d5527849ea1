// This machine's name and the user's home folder for the one-shot processes' small bundle
// (dist/bundle/fast.cjs): loading node:os costs such a process about 2 M instructions (measured
// with valgrind, issue 13), more than the prefilter's whole test, and most starts need neither
// value — HOME is set, and only the warm checker's key needs the host's name.

import { readFileSync } from 'node:fs';

/** The host's name, as os.hostname() gives it (uname's nodename). On Linux that is the text of
 *  /proc/sys/kernel/hostname (the same UTS namespace), read without loading node:os. The warm
 *  checker's client and server both call this, so the key each computes is the same. */
export function hostName(): string {
  if (process.platform === 'linux') {
    try {
      const name = readFileSync('/proc/sys/kernel/hostname', 'utf8').replace(/\n$/, '');
      if (name !== '') return name;
    } catch {
      /* no /proc: ask the OS */
    }
  }
  return process.getBuiltinModule('node:os').hostname();
}

/** The user's home folder, as os.homedir() gives it; node:os loads only when called. */
export function homeDirectory(): string {
  return process.getBuiltinModule('node:os').homedir();
}
