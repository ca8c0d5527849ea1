// Loads PostgreSQL's own parser (libpg-query, compiled to WebAssembly) once, on demand.
// Startup is a budget (STYLE.md §9): nothing here runs until a command actually carries SQL.
import v8 from 'node:v8';
import type { ParseResult } from 'libpg-query';

type LibPgQuery = typeof import('libpg-query');

let parser: LibPgQuery | undefined;
let loading: Promise<void> | undefined;

/**
 * Load libpg-query. Idempotent: concurrent and repeated calls share one load.
 *
 * `--liftoff-only` is set before the module is imported, because libpg-query starts compiling its
 * WASM at import time. Measured: a one-shot process that loads the parser costs about 4× `node -e 0`
 * without it (V8 tiers the 1.1 MB module up with TurboFan in the background and exit waits for
 * that), about 2.2× with it. A guard process parses a few statements and exits, so the baseline
 * compiler is the right trade.
 */
export async function loadSqlParser(): Promise<void> {
  if (parser) return;
  loading ??= (async () => {
    v8.setFlagsFromString('--liftoff-only');
    const mod = await import('libpg-query');
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
