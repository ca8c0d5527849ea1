// Build step: bundle the CLI into one CommonJS file, dist/bundle/prodguard.cjs. Startup is a
// budget (STYLE.md #9): Node 20's ESM loader reads and links ~60 files one by one, while one
// bundle compiles once and, with bin/prodguard.js's V8 code cache, barely compiles at all.
// Heavy dependencies stay outside and load only when a command needs them.
import { cpSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { docsBaseUrl } from '../dist/report/docs-url.js';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, writeWrapped } from './wrapped-bundle.mjs';

/**
 * node:module (createRequire, for a config's packs and the SQL and script parsers) pulls in Node's
 * ESM loader, and node:os is read only when HOME is unset: loaded at the bundle's module inits they
 * cost every risky line ~5 M instructions. Like child_process, they load on first use.
 *
 * commander requires child_process for executable subcommands prodguard never uses, and the
 * judge spawns `getent` only for a user /etc/passwd does not list: loading child_process (with
 * net, dgram and the stream machinery) at every start cost ~200 pages touched, ~6% of a check.
 * It loads on first use instead. An ESM import copies the module's keys at once (esbuild's
 * __toESM): the proxy answers those from the names Node has now, each one a getter that loads
 * the module only when read.
 */
function lazyBuiltins(names) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => ({
        contents: `let real; const load = () => (real ??= process.getBuiltinModule('node:${args.path}'));
const keys = ${JSON.stringify(Object.keys(await import(`node:${args.path}`)).filter((key) => key !== 'default'))};
module.exports = new Proxy({}, {
  get: (_, key) => { const value = load()[key]; return typeof value === 'function' && !/^[A-Z]/.test(String(key)) ? value.bind(load()) : value; },
  has: (_, key) => key in load(),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, key) => (keys.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined),
});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * yaml is ~60 files that Node resolves, reads and compiles one by one (~60 ms of CPU), and only
 * lint's CI extractors use it: an empty `lint`, or one over shell scripts and SQL migrations, never
 * parses YAML. The bundle gets a stand-in whose exports are getters that require the package on
 * first read (esbuild reads `import_yaml.isMap` at each call, so nothing is copied at load).
 */
function lazyPackages(names) {
  const filter = new RegExp(`^(${names.join('|')})$`);
  const require = Module.createRequire(import.meta.url);
  return {
    name: 'lazy-packages',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-package' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-package' },
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
        // A package built into a file of its own (see bundledPackages below) comes from there,
        // through bin/prodguard.js and its code cache; require is the fallback.
        contents: `let real; const load = () => (real ??= ${
          bundledPackages.includes(args.path)
            ? `(typeof globalThis.__prodguardBundled === 'function' && globalThis.__prodguardBundled(${JSON.stringify(args.path)})) || `
            : ''
        }require(${JSON.stringify(args.path)}));
for (const key of ${JSON.stringify(Object.keys(require(args.path)).filter((key) => key !== 'default'))}) {
  Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });
}`,
        loader: 'js',
      }));
    },
  };
}

// dotenv (only lint's .env extractor parses with it) loads node:crypto at require: 14 M
// instructions that every lint, and every run of a command that imports the lint code, paid.
const lazyPackageNames = ['yaml', 'dotenv'];

/**
 * yaml also loads for a check: a kubectl line reads the kubeconfig, a repository's .prodguard.yml
 * is parsed whenever the fast path has no table for it, an ansible line reads its inventory.
 * Required from node_modules it is ~60 files resolved, read and compiled without a code cache
 * (~150 M instructions, more than the whole engine); built into dist/bundle/yaml.cjs, the
 * launcher runs it through a V8 code cache of its own, as it does the shell parser.
 */
const bundledPackages = ['yaml'];

const external = [
  'pg',
  'pgpass',
  'pg-native',
  'inquirer',
  'execa',
  'yaml',
  'dotenv',
  'acorn',
  'node-sql-parser',
  'ajv',
  'ajv-formats',
  'web-tree-sitter',
  'luaparse',
];

try {
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/bundle/prodguard.cjs',
    external: external.filter((name) => !lazyPackageNames.includes(name)),
    mainFields: ['module', 'main'],
    // dist/bundle/ sits at the same depth as dist/<stage>/, so relative URLs such as
    // new URL('../rules.json', import.meta.url) resolve the same way in both builds.
    define: {
      'import.meta.url': '__prodguardModuleUrl',
      'process.env.PRODGUARD_VERSION': JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
      // Rule pages' web address for SARIF helpUri, from package.json's repository ('' when none).
      'process.env.PRODGUARD_DOCS_URL': JSON.stringify(docsBaseUrl(JSON.parse(readFileSync('package.json', 'utf8')).repository) ?? ''),
    },
    banner: { js: "const __prodguardModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyBuiltins(['child_process', 'module', 'os']), lazyPackages(lazyPackageNames)],
  });
  // Code compiled from a V8 code cache loses vm's dynamic-import callback (Node 20), so the bundle
  // imports its external modules through a function bin/prodguard.js defines in a real module.
  const file = 'dist/bundle/prodguard.cjs';
  const pattern = new RegExp(`\\bimport\\((["'])(${external.map((name) => name.replace(/[-/]/g, '\\$&')).join('|')})\\1\\)`, 'g');
  let count = 0;
  const code = result.outputFiles[0].text.replace(pattern, (_match, quote, name) => {
    count++;
    return `globalThis.__prodguardImport(${quote}${name}${quote})`;
  });
  if (/\bimport\(/.test(code.replace(/globalThis\.__prodguardImport\(/g, ''))) {
    throw new Error('the bundle has a dynamic import() that bin/prodguard.js cannot serve');
  }
  writeWrapped(file, code);
  // The shell integration scripts are real .bash/.zsh/.fish files (src/shell/adapters.ts reads
  // them at ../shell/scripts/ from both dist/shell/ and dist/bundle/).
  cpSync('src/shell/scripts', 'dist/shell/scripts', { recursive: true });
  console.log(`bundled the CLI into ${file} (${count} lazy external imports)`);
  const require = Module.createRequire(import.meta.url);
  for (const name of bundledPackages) {
    const packageFile = `dist/bundle/${name}.cjs`;
    const packaged = await build({ ...BUNDLE_OPTIONS, entryPoints: [require.resolve(name)], outfile: packageFile });
    writeWrapped(packageFile, packaged.outputFiles[0].text);
  }
  console.log(`bundled ${bundledPackages.join(', ')} into dist/bundle/ (loaded with a code cache of their own)`);
} catch (error) {
  console.error(`bundle failed: ${error.message}`);
  process.exit(2);
}
