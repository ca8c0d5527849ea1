// Build step (after tsc and bundle-rules): dist/bundle/fast.cjs, the one-shot fast path
// (src/fast-path/answer.ts) with the built-in rules' prefilter baked in, and
// dist/bundle/shell-parser.cjs, the shell parser it loads for a line the prefilter passes.
// bin/prodguard.js loads them first for `check -c` and the agent hooks; a line they cannot prove
// harmless loads the full bundle. Stored wrapped and ASCII (scripts/wrapped-bundle.mjs).
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, writeWrapped } from './wrapped-bundle.mjs';
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
    ...BUNDLE_OPTIONS,
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
  const parser = await build({ entryPoints: ['src/fast-path/parser.ts'], outfile: 'dist/bundle/shell-parser.cjs', ...BUNDLE_OPTIONS });
  writeWrapped('dist/bundle/fast.cjs', fast.outputFiles[0].text);
  writeWrapped('dist/bundle/shell-parser.cjs', parser.outputFiles[0].text);
  console.log(`bundled the one-shot fast path into dist/bundle/fast.cjs and shell-parser.cjs (${table.prefilter.words.length} words)`);
} catch (error) {
  console.error(`fast path bundle failed: ${error.message}`);
  process.exit(2);
}
