// Lint runs without V8's optimizing compiler (src/commands/lint.ts) and puts it back before the
// launcher saves its code cache: a cache written by a lint is one the next lint accepts (a
// rejected cache is compiled from scratch and written again, so every lint after it paid). Lint
// keeps a cache of its own (bin/prodguard.js), so a check never loads lint's larger one.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('lint and the code cache', () => {
  it('a lint leaves a code cache of its own that the next lint accepts', () => {
    const root = freshInstall();
    const repository = tempDir('prodguard-lint-repo-');
    writeFileSync(join(repository, 'deploy.sh'), '#!/bin/sh\nrm -rf /var/lib/postgresql/data\n');
    const cache = join(root, 'dist', 'bundle', 'prodguard.cjs.lint.cache');
    const env = cleanEnv();
    const lint = () =>
      spawnSync(process.execPath, [join(root, 'bin', 'prodguard.js'), 'lint', '--format', 'json', '.'], {
        env,
        cwd: repository,
        encoding: 'utf8',
        timeout: 60_000,
      });
    expect(lint().stdout).toContain('deploy.sh');
    expect(existsSync(cache)).toBe(true);
    expect(existsSync(join(root, 'dist', 'bundle', 'prodguard.cjs.cache'))).toBe(false);
    const saved = statSync(cache);
    expect(lint().stdout).toContain('deploy.sh');
    // The launcher writes the cache (aside, then renamed) only when it had none or V8 rejected it.
    const after = statSync(cache);
    expect({ inode: after.ino, mtime: after.mtimeMs }).toEqual({ inode: saved.ino, mtime: saved.mtimeMs });
  });
});
