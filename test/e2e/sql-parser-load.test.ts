// Loading PostgreSQL's parser leaves the process as it found it for the next one: the V8 code
// cache the launcher saves after a SQL check is one the next process accepts (a rejected cache is
// compiled from scratch and written again, so every SQL check after a SQL check paid for that).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, tempDir } from '../helpers/cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A copy of the built package with no code cache yet (the one in dist/ stays untouched). */
function freshInstall(): string {
  const root = tempDir('prodguard-install-');
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
  copyFileSync(join(REPO, 'bin', 'prodguard.js'), join(root, 'bin', 'prodguard.js'));
  copyFileSync(join(REPO, 'dist', 'bundle', 'prodguard.cjs'), join(root, 'dist', 'bundle', 'prodguard.cjs'));
  copyFileSync(join(REPO, 'dist', 'rules.json'), join(root, 'dist', 'rules.json'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  return root;
}

describe('the SQL parser and the code cache', () => {
  it('a SQL check leaves a code cache that the next SQL check accepts', () => {
    const root = freshInstall();
    const cache = join(root, 'dist', 'bundle', 'prodguard.cjs.cache');
    const env = cleanEnv();
    const check = () =>
      spawnSync(
        process.execPath,
        [join(root, 'bin', 'prodguard.js'), 'check', '--no-probe', '--sql', 'DELETE FROM t', '--url', 'postgres://db.example.com/app'],
        {
          env,
          cwd: root,
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
    const first = check();
    expect(first.stdout).toContain('sql/delete-update-all-rows');
    expect(first.status).toBe(3);
    expect(existsSync(cache)).toBe(true);
    const saved = statSync(cache);
    const second = check();
    expect(second.status).toBe(3);
    // The launcher writes the cache (aside, then renamed) only when it had none or V8 rejected it.
    const after = statSync(cache);
    expect({ inode: after.ino, mtime: after.mtimeMs }).toEqual({ inode: saved.ino, mtime: saved.mtimeMs });
  });
});
