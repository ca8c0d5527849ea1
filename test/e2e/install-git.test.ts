// Installing from git as users do, by URL: a bare clone of this checkout's HEAD stands in for
// the hosted repository (git+file: goes through the same npm code as git+https: and github:).
// `npm pack URL` clones it, builds it through `prepare`, and packs it; the tarball installs
// globally and the installed prodguard refuses a production database drop. A one-step global
// install from git cannot work with npm 10/11 (see scripts/prepare.mjs): it must stop with the
// way that works and leave no broken prodguard behind. Dependencies come from the npm registry.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function bareClone(): string {
  const repo = join(tempDir('prodguard-git-'), 'prodguard.git');
  const clone = spawnSync('git', ['clone', '--quiet', '--bare', ROOT, repo], { encoding: 'utf8' });
  expect(clone.status, clone.stderr).toBe(0);
  return `git+file://${repo}`;
}

// npm's own settings for these runs: a private log folder, nothing from the running test's npm.
const npmEnv = () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, npm_config_logs_dir: tempDir('prodguard-npm-logs-'), npm_config_update_notifier: 'false' };
};

describe('installing prodguard from a git URL', () => {
  it('npm pack URL builds a tarball that installs globally and refuses dropdb on a production host (exit 4)', () => {
    const url = bareClone();
    const packDir = tempDir('prodguard-git-pack-');
    const pack = spawnSync('npm', ['pack', '--json', url], { cwd: packDir, env: npmEnv(), encoding: 'utf8', timeout: 540_000 });
    expect(pack.status, pack.stderr).toBe(0);
    const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
    expect(tarballs).toHaveLength(1);

    const prefix = tempDir('prodguard-git-prefix-');
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(packDir, tarballs[0]!)], {
      env: npmEnv(),
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(install.status, install.stderr).toBe(0);

    const elsewhere = tempDir('prodguard-git-elsewhere-');
    const env = {
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      HOME: elsewhere,
      PRODGUARD_STATE_DIR: join(elsewhere, 'state'),
      PRODGUARD_HOSTNAME: 'db1.prod.example.com',
      NO_COLOR: '1',
    };
    const check = spawnSync('prodguard', ['check', '-c', 'dropdb app'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(4);
    expect(check.stdout).toMatch(/database\/dropdb/);
  }, 800_000);

  it('a one-step global install from git stops with the commands that work and leaves nothing behind', () => {
    const url = bareClone();
    const prefix = tempDir('prodguard-git-global-');
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', url], {
      env: npmEnv(),
      encoding: 'utf8',
      timeout: 540_000,
    });
    if (install.status === 0) {
      // An npm that prepares git dependencies without --global (npm/pacote#494) installs it.
      const check = spawnSync(join(prefix, 'bin', 'prodguard'), ['check', '--', 'rm', '-rf', '/'], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(4);
      return;
    }
    expect(install.stderr).toMatch(/npm pack <git-url> && npm install --global \.\/prodguard-<version>\.tgz/);
    expect(existsSync(join(prefix, 'bin', 'prodguard'))).toBe(false);
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'prodguard'))).toBe(false);
  }, 600_000);
});
