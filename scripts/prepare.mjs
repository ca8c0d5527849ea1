// `prepare` runs when npm installs prodguard from git (`npm i -g git+https://…`) and in a clone.
// npm 10/11 do not always install devDependencies for a global git install, so the build tools
// (tsc, esbuild) can be missing here: install them first, then build. Everything prints on
// stderr, so `npm pack`'s stdout stays the tarball's name (pre-commit reads it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: ['ignore', 2, 2], shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/.bin/esbuild')) {
  process.stderr.write('prodguard: installing the build tools (devDependencies) to build from source\n');
  run(npm[0], [...npm[1], 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
run(npm[0], [...npm[1], 'run', '--silent', 'build']);
