// `prepare` runs in a clone (`npm ci`, `npm pack`) and when npm installs prodguard from git. Everything
// prints on stderr, so `npm pack`'s stdout stays the tarball's name (pre-commit reads it).
//
// With the dev tools present (a clone after `npm ci`; `npm pack git+URL`; a per-project git
// dependency, which npm prepares with `npm install --include=dev` in its clone) it runs the build.
// Without them (`npm pack` in a fresh clone) it builds in a private copy of the source: `npm ci`
// from the committed lockfile (scripts off, so this file does not run again there), the project's
// own `npm run build`, and the built dist/ copied back.
//
// A GLOBAL install from git cannot work in npm 10 and 11 (11.19 measured): npm prepares the clone
// with a nested `npm install` that inherits the outer command's npm_config_global (and prefix)
// from the environment, so the nested install installs the clone globally itself, retiring and
// replacing the half-extracted global copy the outer install is writing; the outer install then
// fails on missing files (npm/cli#4148, #3692, #8440; npm/pacote#494 passes --global=false).
// Whatever this script does, the result is broken, so in that situation it stops with the way
// that works, and npm rolls both installs back. npm runs prepare twice for a git install; the
// second run finds the build done.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const cleanEnv = Object.fromEntries(
  // Keep where packages come from (cache, registry, certificates); drop what the outer command
  // said about where and how to install (global, prefix, omit, allow-scripts, …).
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_config_|npm_lifecycle_|npm_package_|_PACOTE_)/i.test(key) ||
      /^npm_config_(cache|registry|userconfig|globalconfig|cafile|ca|strict_ssl|proxy|https_proxy|noproxy)$/i.test(key),
  ),
);
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
const run = (args, options) => {
  const result = spawnSync(npm[0], [...npm[1], ...args], { stdio: ['ignore', 2, 2], shell: false, ...options });
  if (result.error) process.stderr.write(`prodguard: cannot run npm: ${result.error.message}\n`);
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (existsSync('node_modules/.bin/tsc') && existsSync('node_modules/.bin/esbuild')) {
  run(['run', '--silent', 'build']);
  process.exit(0);
}
if (existsSync('dist/bundle/prodguard.cjs') && existsSync('dist/rules.json')) process.exit(0);
if (process.env.npm_config_global === 'true' && /^git-clone/.test(basename(process.cwd()))) {
  process.stderr.write(
    'prodguard: npm cannot install prodguard globally straight from git (its nested prepare install is global too, npm/cli#4148); ' +
      'pack it, then install the tarball: npm pack <git-url> && npm install --global ./prodguard-<version>.tgz\n',
  );
  process.exit(1);
}

// Everything the build reads (sources, scripts, rules, docs, lockfile), nothing it writes.
const skipped = new Set(['node_modules', 'dist', '.git'].map((name) => resolve(name)));
const workspace = mkdtempSync(join(tmpdir(), 'prodguard-build-'));
try {
  process.stderr.write(`prodguard: no build tools in this checkout; building in ${workspace}\n`);
  cpSync('.', workspace, { recursive: true, filter: (source) => !skipped.has(resolve(source)) });
  run(['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: workspace, env: cleanEnv });
  run(['run', '--silent', 'build'], { cwd: workspace, env: cleanEnv });
  rmSync('dist', { recursive: true, force: true });
  cpSync(join(workspace, 'dist'), 'dist', { recursive: true });
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
