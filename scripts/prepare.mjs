// `prepare` runs when npm installs prodguard from git (`npm i -g git+https://…`) and in a clone.
// In a global git install npm prepares the clone with the outer command's config in the
// environment (npm_config_global, the prefix, omit=dev), so its `install --include=dev` lands in
// the global prefix and tsc/esbuild are missing here. Install them into this folder with that
// config removed, then build. Everything prints on
// stderr, so `npm pack`'s stdout stays the tarball's name (pre-commit reads it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const localEnv = Object.fromEntries(
  // Keep where packages come from (cache, registry, certificates); drop what the outer command
  // said about where and how to install (global, prefix, omit, allow-scripts, …).
  Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key) || /^npm_config_(cache|registry|userconfig|globalconfig|cafile|ca|strict_ssl|proxy|https_proxy|noproxy)$/i.test(key)),
);
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: ['ignore', 2, 2], shell: false, env: localEnv });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/.bin/esbuild')) {
  process.stderr.write('prodguard: installing the build tools (devDependencies) to build from source\n');
  run(npm[0], [...npm[1], 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
run(npm[0], [...npm[1], 'run', '--silent', 'build']);
