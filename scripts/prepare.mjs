// `prepare` runs in a clone (`npm ci`, `npm pack`) and when npm installs prodguard from git
// (`npm i -g git+https://…`). Everything prints on stderr, so `npm pack`'s stdout stays the
// tarball's name (pre-commit reads it).
//
// With the dev tools present (a clone after `npm ci`) it runs the full build. Without them (npm
// prepares a git install's clone with the outer command's config — global, prefix, omit=dev — so
// devDependencies are absent, and installing them into the clone races npm's own reify of that
// folder) it installs esbuild and the dependencies into a temporary folder outside the clone, and builds what
// the package ships: the bundle and dist/rules.json (tsc only type-checks, which a clone's CI
// does). npm runs prepare twice for a git install; the second run finds the build done.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cleanEnv = Object.fromEntries(
  // Keep where packages come from (cache, registry, certificates); drop what the outer command
  // said about where and how to install (global, prefix, omit, allow-scripts, …).
  Object.entries(process.env).filter(
    ([key]) => !/^npm_config_/i.test(key) || /^npm_config_(cache|registry|userconfig|globalconfig|cafile|ca|strict_ssl|proxy|https_proxy|noproxy)$/i.test(key),
  ),
);
const run = (command, args, env = cleanEnv) => {
  const result = spawnSync(command, args, { stdio: ['ignore', 2, 2], shell: false, env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];

if (existsSync('node_modules/.bin/tsc') && existsSync('node_modules/.bin/esbuild')) {
  run(npm[0], [...npm[1], 'run', '--silent', 'build'], process.env);
  process.exit(0);
}
if (existsSync('dist/bundle/prodguard.cjs') && existsSync('dist/rules.json')) process.exit(0);

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const esbuildVersion = manifest.devDependencies.esbuild;
// The clone's own dependencies are not installed in it either (npm links it globally): bundle
// against a copy installed next to esbuild.
const dependencies = Object.entries(manifest.dependencies).map(([name, version]) => `${name}@${version}`);
const tools = mkdtempSync(join(tmpdir(), 'prodguard-build-tools-'));
try {
  process.stderr.write(`prodguard: building from source with esbuild ${esbuildVersion} (installed in ${tools})\n`);
  run(npm[0], [
    ...npm[1],
    'install',
    '--prefix',
    tools,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    `esbuild@${esbuildVersion}`,
    ...dependencies,
  ]);
  const esbuildModule = pathToFileURL(join(tools, 'node_modules', 'esbuild', 'lib', 'main.js')).href;
  const nodePath = join(tools, 'node_modules');
  const env = { ...cleanEnv, PRODGUARD_ESBUILD_MODULE: esbuildModule, PRODGUARD_NODE_PATH: nodePath };
  // The rule loader, compiled where tsc would put it, so bundle-rules.mjs validates the rules.
  const { build } = await import(esbuildModule);
  await build({
    entryPoints: ['src/rules/load.ts'],
    outfile: 'dist/rules/load.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    nodePaths: [nodePath],
    logLevel: 'warning',
    // CommonJS dependencies inlined into an ES module still call require().
    banner: { js: "import { createRequire as __prodguardCreateRequire } from 'node:module'; const require = __prodguardCreateRequire(import.meta.url);" },
  });
  for (const script of ['scripts/build-bundle.mjs', 'scripts/bundle-rules.mjs', 'scripts/warm-cache.mjs']) {
    const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 2, 2], env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
} finally {
  rmSync(tools, { recursive: true, force: true });
}
