// Every temporary directory a test makes (homes, workspaces, PostgreSQL data, packed tarballs) goes
// under one root for the run, removed when the run ends: a full run makes about 800 of them, and a
// developer's /tmp should not fill up with them run after run. Workers are forked from this process,
// so they inherit TMPDIR and os.tmpdir() points into the root.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'prodguard-tests-'));
  // The PostgreSQL helper runs the server as an unprivileged user when the tests run as root; it
  // must be able to reach its data directory inside the root.
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  return () => {
    // fish starts fish_update_completions in the background on a fresh home; it can still be
    // writing into a test's home when the run ends. Give it a moment, then say what stayed.
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      process.stderr.write(`global teardown: left ${root} (${(error as Error).message.split('\n')[0]})\n`);
    }
  };
}
