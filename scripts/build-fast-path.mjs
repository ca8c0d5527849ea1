// Build step (after tsc and bundle-rules): dist/bundle/fast.cjs, the one-shot fast path
// (src/fast-path/answer.ts) with the built-in rules' prefilter baked in, and
// dist/bundle/shell-parser.cjs, the shell parser it loads for a line the prefilter passes.
// bin/prodguard.js loads them first for `check -c` and the agent hooks; a line they cannot prove
// harmless loads the full bundle. Stored wrapped and ASCII, as scripts/build-bundle.mjs does.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // Written once, wrapped, by `wrap`: a shell hook starting mid-build never reads esbuild's raw
  // output (it has no `require` until wrapped) or a half-written file.
  write: false,
};

function wrap(file, result) {
  const code = result.outputFiles[0].text;
  if (/[^\x00-\x7f]/.test(code)) throw new Error(`${file} has non-ASCII characters: the launcher reads it as latin1`);
  // Nothing is written by esbuild (write: false): a fresh clone has no dist/bundle/ yet.
  mkdirSync('dist/bundle', { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Module.wrap(code));
  renameSync(temporary, file);
}
import { loadBuiltinRules } from '../dist/rules/load.js';
import { fastPathTable } from '../dist/fast-path/table.js';
import { tableFingerprint } from '../dist/fast-path/config-cache.js';
import { packPrefilter } from '../dist/shell/prefilter-table.js';

try {
  const built = fastPathTable(await loadBuiltinRules());
  // The fingerprint is the unpacked table's, as the full path computes it (src/fast-path/remember.ts).
  const table = { prefilter: packPrefilter(built.prefilter), fingerprint: tableFingerprint(built) };
  const fast = await build({
    entryPoints: ['src/fast-path/main.ts'],
    outfile: 'dist/bundle/fast.cjs',
    ...common,
    plugins: [
      {
        name: 'fast-path-table',
        setup(build) {
          build.onResolve({ filter: /^prodguard:fast-path-table$/ }, (args) => ({ path: args.path, namespace: 'fast-path-table' }));
          build.onLoad({ filter: /.*/, namespace: 'fast-path-table' }, () => ({ contents: JSON.stringify(table), loader: 'json' }));
        },
      },
    ],
  });
  const parser = await build({ entryPoints: ['src/fast-path/parser.ts'], outfile: 'dist/bundle/shell-parser.cjs', ...common });
  wrap('dist/bundle/fast.cjs', fast);
  wrap('dist/bundle/shell-parser.cjs', parser);
  console.log(`bundled the one-shot fast path into dist/bundle/fast.cjs and shell-parser.cjs (${table.prefilter.words.length} words)`);
} catch (error) {
  console.error(`fast path bundle failed: ${error.message}`);
  process.exit(2);
}
