// One process per resource: a lock file holding the pid of the process that owns it.

import { readFileSync, writeFileSync } from 'node:fs';

/** Take `file` for this process: true when it was free or its owner is gone (a stale lock). */
export function claimPidLock(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0 && pid !== process.pid) {
        process.kill(pid, 0);
        return false;
      }
    } catch {
      // Stale pid file: take it over.
    }
    writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
    return true;
  }
}
