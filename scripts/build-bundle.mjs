// Build step: bundle the CLI into one CommonJS file, dist/bundle/prodguard.cjs. Startup is a
// budget (STYLE.md #9): Node 20's ESM loader reads and links ~60 files one by one, while one
// bundle compiles once and, with bin/prodguard.js's V8 code cache, barely compiles at all.
// Heavy dependencies stay outside and load only when a command needs them.
import { readFileSync, writeFileSync } from 'node:fs';
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
  // Code compiled from a V8 code cache loses vm's dynamic-import callback (Node 20), so the bundle
  // imports its external modules through a function bin/prodguard.js defines in a real module.
  const file = 'dist/bundle/prodguard.cjs';
  const pattern = new RegExp(`\\bimport\\((["'])(${external.map((name) => name.replace(/[-/]/g, '\\$&')).join('|')})\\1\\)`, 'g');
  let count = 0;
  const code = readFileSync(file, 'utf8').replace(pattern, (_match, quote, name) => {
    count++;
    return `globalThis.__prodguardImport(${quote}${name}${quote})`;
  });
  if (/\bimport\(/.test(code.replace(/globalThis\.__prodguardImport\(/g, ''))) {
    throw new Error('the bundle has a dynamic import() that bin/prodguard.js cannot serve');
  }
  writeFileSync(file, code);
  console.log(`bundled the CLI into ${file} (${count} lazy external imports)`);
} catch (error) {
  console.error(`bundle failed: ${error.message}`);
  process.exit(2);
}
