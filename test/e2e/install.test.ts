// The package as users get it: pack it, install it globally into a temporary prefix, and run the
// installed binary from another folder. Dependencies come from the npm registry (reachable here
// and in CI); the tarball is packed from the build `npm test` just made (--ignore-scripts, so the
// running tests' dist/ is not rebuilt under them).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm pack → npm i -g', () => {
  it('installs a package that holds what runs, and the installed prodguard refuses rm -rf / with exit 4', () => {
    const packDir = tempDir('prodguard-pack-');
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/prodguard.js',
        'dist/bundle/prodguard.cjs',
        'dist/bundle/fast.cjs',
        'dist/bundle/shell-parser.cjs',
        'dist/bundle/yaml.cjs',
        'dist/rules.json',
        'dist/rules-docs.json',
      ]),
    );
    expect(
      files.filter(
        (file) => file.endsWith('.tsbuildinfo') || /^dist\/(?!bundle\/(prodguard|fast|shell-parser|yaml)\.cjs$|rules\.json$|rules-docs\.json$)/.test(file),
      ),
    ).toEqual([]);
    expect(readdirSync(packDir)).toEqual([packed!.filename]);

    const prefix = tempDir('prodguard-prefix-');
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(packDir, packed!.filename)], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(install.status, install.stderr).toBe(0);

    const elsewhere = tempDir('prodguard-elsewhere-');
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: elsewhere, PRODGUARD_STATE_DIR: join(elsewhere, 'state'), NO_COLOR: '1' };
    const check = spawnSync('prodguard', ['check', '--', 'rm', '-rf', '/'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(check.status).toBe(4);
    expect(check.stdout + check.stderr).toMatch(/filesystem\/rm-root/);
    const harmless = spawnSync('prodguard', ['check', '--', 'ls', '-la'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(harmless.status).toBe(0);
    // The one-shot fast path ships too: a harmless -c line is answered from it.
    const fast = spawnSync('prodguard', ['check', '-c', 'ls -la'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(fast.status).toBe(0);
    expect(fast.stdout).toBe('prodguard: ALLOW — nothing here matches a rule\n');
    // The rules' examples ship in their own file, read only by commands that explain.
    const explain = spawnSync('prodguard', ['explain', 'filesystem/rm-root'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/flags, for example:\n {2}rm -rf \//);
  }, 300_000);
});
