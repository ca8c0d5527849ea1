// Loads PostgreSQL's own parser (libpg-query, compiled to WebAssembly) once, on demand.
// Startup is a budget (STYLE.md §9): nothing here runs until a command actually carries SQL.
import v8 from 'node:v8';
import { createRequire } from 'node:module';
import type { ParseResult } from 'libpg-query';

type LibPgQuery = typeof import('libpg-query');

/**
 * V8 flags for a process that parses a few statements and exits, each with the values to put back.
 * - `--liftoff-only`: the baseline compiler only. Without it V8 tiers the hot parser functions up
 *   with TurboFan in the background and exit waits for that (`bench/sql.js`: about 4× `node -e 0`
 *   instead of 2.2×; 380 M more instructions for one `DELETE FROM t`).
 * - `--wasm-lazy-validation`: a function is validated when it is first compiled, not all 328 at
 *   load (the module is the package's own fixed file; a bad function still fails, when called).
 * - `--no-wasm-async-compilation`: the load is awaited at once anyway, so compile on this thread
 *   instead of handing the work to a background thread and waiting for it.
 * Node 20's V8 already compiles WebAssembly functions lazily (`--wasm-lazy-compilation` is on by
 * default): only what a parse touches is compiled.
 */
const WASM_FLAGS: readonly (readonly [set: string, restore: string])[] = [
  // --liftoff-only also turns tier-up off (a V8 flag implication): both come back with it.
  ['--liftoff-only', '--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering'],
  ['--wasm-lazy-validation', '--no-wasm-lazy-validation'],
  ['--no-wasm-async-compilation', '--wasm-async-compilation'],
];

let parser: LibPgQuery | undefined;
let loading: Promise<void> | undefined;

/**
 * A V8 code cache carries a hash of the flags in force when it was made, and a process started
 * without these flags rejects a cache made with them: the CLI's cache saved at exit after a SQL
 * check would be thrown away (and rewritten) by the next process. Put the flags back at exit,
 * before any other exit listener (the launcher saves its code cache in one). No code is compiled
 * after that point.
 */
function restoreFlagsAtExit(): void {
  process.prependOnceListener('exit', () => {
    for (const [, restore] of WASM_FLAGS) v8.setFlagsFromString(restore);
  });
}

export interface LoadOptions {
  /** Called with the package name just before it loads (PRODGUARD_TRACE_IMPORTS). */
  onLoad?: (specifier: string) => void;
}

/**
 * Load libpg-query. Idempotent: concurrent and repeated calls share one load.
 *
 * The flags are set before the package loads, because it starts compiling its WebAssembly as it
 * loads. It is a CommonJS package and is required, not imported: a process's first `import()`
 * starts Node's ESM loader (about 50 M instructions, a tenth of `node -e 0`) only to hand the
 * package to the CommonJS loader.
 */
export async function loadSqlParser(options: LoadOptions = {}): Promise<void> {
  if (parser) return;
  loading ??= (async () => {
    for (const [set] of WASM_FLAGS) v8.setFlagsFromString(set);
    restoreFlagsAtExit();
    options.onLoad?.('libpg-query');
    const mod = createRequire(import.meta.url)('libpg-query') as LibPgQuery;
    await mod.loadModule();
    parser = mod;
  })().catch((error: unknown) => {
    loading = undefined; // let a later call try again
    throw error;
  });
  await loading;
}

export function isSqlParserLoaded(): boolean {
  return parser !== undefined;
}

/** Parse with PostgreSQL's grammar. Throws libpg-query's SqlError on a syntax error. */
export function parsePostgres(sql: string): ParseResult {
  if (!parser) throw new Error('the SQL parser is not loaded: await loadSqlParser() first');
  return parser.parseSync(sql) as ParseResult;
}
