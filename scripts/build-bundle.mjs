// Build step: bundle the CLI into one CommonJS file, dist/bundle/prodguard.cjs. Startup is a
// budget (STYLE.md #9): Node 20's ESM loader reads and links ~60 files one by one, while one
// bundle compiles once and, with bin/prodguard.js's V8 code cache, barely compiles at all.
// Heavy dependencies stay outside and load only when a command needs them.
import { build } from 'esbuild';

const external = ['pg', 'pg-native', 'inquirer', 'execa', 'libpg-query', 'yaml', 'dotenv', 'acorn', 'node-sql-parser', 'ajv', 'ajv-formats'];

try {
  await build({
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/bundle/prodguard.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    mainFields: ['module', 'main'],
    // dist/bundle/ sits at the same depth as dist/<stage>/, so relative URLs such as
    // new URL('../rules.json', import.meta.url) resolve the same way in both builds.
    define: { 'import.meta.url': '__prodguardModuleUrl' },
    banner: { js: "const __prodguardModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
    legalComments: 'none',
  });
  console.log('bundled the CLI into dist/bundle/prodguard.cjs');
} catch (error) {
  console.error(`bundle failed: ${error.message}`);
  process.exit(2);
}
