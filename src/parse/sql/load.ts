// Loads PostgreSQL's own parser (libpg-query, compiled to WebAssembly) once, on demand.
// Startup is a budget (STYLE.md §9): nothing here runs until a command actually carries SQL.
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ParseResult } from 'libpg-query';

/** The parts of libpg-query's Emscripten module (wasm/libpg-query.js) this file calls. */
interface PgQueryModule {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _wasm_parse_query_raw(query: number): number;
  _wasm_free_parse_result(result: number): void;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, bytes: number): void;
}

/**
 * V8 flags for a process that parses a few statements and exits, each with the values to put back.
 * - `--liftoff-only`: the baseline compiler only. Without it V8 tiers the hot parser functions up
 *   with TurboFan in the background and exit waits for that (`bench/sql.js`: about 4× `node -e 0`
 *   instead of 2.2×; 380 M more instructions for one `DELETE FROM t`).
 * - `--wasm-lazy-validation`: a function is validated when it is first compiled, not all 328 at
 *   load (the module is the package's own fixed file; a bad function still fails, when called).
 * Node 20's V8 already compiles WebAssembly functions lazily (`--wasm-lazy-compilation` is on by
 * default): only what a parse touches is compiled.
 */
const WASM_FLAGS: readonly (readonly [set: string, restore: string])[] = [
  // --liftoff-only also turns tier-up off (a V8 flag implication): both come back with it.
  ['--liftoff-only', '--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering'],
  ['--wasm-lazy-validation', '--no-wasm-lazy-validation'],
];

/** The parts of the WebAssembly global this file uses (the project's TypeScript lib has none). */
declare const WebAssembly: {
  Module: new (binary: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
};

/** What this file passes to the Emscripten module's factory. */
interface EmscriptenOptions {
  instantiateWasm(imports: object, receive: (instance: object) => void): object;
}

let parser: PgQueryModule | undefined;
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
 * The flags are set before the WebAssembly is compiled. Only the package's Emscripten module
 * (wasm/libpg-query.js) is loaded, not its index, which would instantiate a copy of its own:
 * parse() below moves text in and out of this one (see there). In the bundle, the import() below
 * is a require of the bundle's own copy: a process's first real `import()` would start Node's ESM
 * loader (about 50 M instructions, a tenth of `node -e 0`); only the unbundled build (tests) pays it.
 */
export async function loadSqlParser(options: LoadOptions = {}): Promise<void> {
  if (parser) return;
  loading ??= (async () => {
    for (const [set] of WASM_FLAGS) v8.setFlagsFromString(set);
    restoreFlagsAtExit();
    options.onLoad?.('libpg-query');
    // The Emscripten glue is imported, so the bundle carries it and the launcher's code cache
    // holds its compiled functions (required from node_modules, its 58 kB were parsed and
    // compiled by every process that loaded the parser: ~20 M instructions); the bundle turns
    // this import() into a require of its own copy, without Node's ESM loader.
    const factory = (await import('libpg-query/wasm/libpg-query.js')).default as (options: EmscriptenOptions) => Promise<PgQueryModule>;
    // The module's WebAssembly is the package's own file, compiled and instantiated here, at once
    // and on this thread (Emscripten's instantiateWasm hook): the glue would look for it next to
    // itself, and reach the same work through a chain of promises.
    const wasm = createRequire(import.meta.url)
      .resolve('libpg-query')
      .replace(/index\.cjs$/, 'libpg-query.wasm');
    const binary = readFileSync(wasm);
    parser = await factory({
      instantiateWasm: (imports, receive) => {
        receive(instantiate(binary, imports));
        return {};
      },
    });
  })().catch((error: unknown) => {
    loading = undefined; // let a later call try again
    throw error;
  });
  await loading;
}

/**
 * The module instantiated with its memory declared shared, when it declares one memory with a
 * maximum (its flag byte 0x01 becomes 0x03). V8 counts a module's own 128 MiB memory as external
 * memory of the heap, over its 64 MiB soft limit, and starts a full garbage collection at
 * instantiation (~55 M instructions, a fifth of loading the parser); a shared memory's backing
 * store is not counted per heap. One thread uses it either way and the module uses no atomics:
 * every parse reads and writes the same bytes. Should V8 refuse it, the module as shipped.
 */
function instantiate(binary: Buffer, imports: object): object {
  const flag = sharedMemoryFlag(binary);
  if (flag !== undefined) {
    binary[flag] = 0x03;
    try {
      return new WebAssembly.Instance(new WebAssembly.Module(binary), imports);
    } catch {
      binary[flag] = 0x01;
    }
  }
  return new WebAssembly.Instance(new WebAssembly.Module(binary), imports);
}

/** The offset of the memory's flag byte when the module declares one memory, not shared, with a maximum. */
function sharedMemoryFlag(binary: Buffer): number | undefined {
  let at = 8; // magic and version
  const leb = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = binary[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < binary.length) {
    const id = binary[at++]!;
    const size = leb();
    const end = at + size;
    // the memory section: a count, then each memory's flags (0x01: has a maximum), initial, maximum
    if (id === 5) return leb() === 1 && binary[at] === 0x01 ? at : undefined;
    at = end;
  }
  return undefined;
}

export function isSqlParserLoaded(): boolean {
  return parser !== undefined;
}

/** A syntax error as libpg-query's own parseSync throws it: its message, and where (0-based). */
class SqlError extends Error {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly sqlDetails: { message: string; cursorPosition: number },
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Parse with PostgreSQL's grammar. Throws an error like libpg-query's SqlError (`message`,
 * `sqlDetails.cursorPosition`) on a syntax error.
 *
 * The same calls into the WebAssembly module as libpg-query's parseSync (wasm/index.cjs), with
 * the text moved by the engine's own UTF-8 encoder and decoder: its parseSync encodes the query
 * and finds the end of the JSON tree (several times longer than the query) one byte at a time in
 * JavaScript, a fifth of what linting a folder of migrations cost. Well-formed text is encoded to
 * the same bytes; text with a lone surrogate (only a command line can carry one) goes through
 * Emscripten's encoder as before.
 */
export function parsePostgres(sql: string): ParseResult {
  const pg = parser;
  if (!pg) throw new Error('the SQL parser is not loaded: await loadSqlParser() first');
  if (sql.trim() === '') throw new Error('Query cannot be empty');
  const wellFormed = (sql as string & { isWellFormed(): boolean }).isWellFormed();
  const size = (wellFormed ? Buffer.byteLength(sql, 'utf8') : pg.lengthBytesUTF8(sql)) + 1;
  const query = pg._malloc(size);
  let result = 0;
  try {
    if (wellFormed) {
      const { written } = encoder.encodeInto(sql, pg.HEAPU8.subarray(query, query + size - 1));
      pg.HEAPU8[query + written] = 0;
    } else {
      pg.stringToUTF8(sql, query, size);
    }
    result = pg._wasm_parse_query_raw(query);
    if (!result) throw new Error('Failed to allocate memory for parse result');
    // struct PgQueryParseResult { char* parse_tree; char* stderr_buffer; PgQueryError* error; }
    // (the views are read after the call: parsing may grow the memory and replace them).
    const words = pg.HEAPU32;
    const tree = words[result >> 2]!;
    const error = words[(result >> 2) + 2]!;
    if (error) {
      // struct PgQueryError { char* message; char* funcname; char* filename; int lineno; int cursorpos; … }
      const at = words[(error >> 2) + 4]! | 0;
      const text = words[error >> 2]!;
      const message = text ? cString(pg.HEAPU8, text) : 'Unknown error';
      throw new SqlError(message, { message, cursorPosition: at > 0 ? at - 1 : 0 });
    }
    if (!tree) throw new Error('Parse result is null');
    return JSON.parse(cString(pg.HEAPU8, tree)) as ParseResult;
  } finally {
    pg._free(query);
    if (result) pg._wasm_free_parse_result(result);
  }
}

/** The module's memory as a Buffer (replaced when the memory grows, as HEAPU8 is). */
let heapBytes: { heap: Uint8Array; bytes: Buffer } | undefined;

/**
 * The NUL-terminated UTF-8 string at `pointer`. The NUL is found by Buffer's indexOf (memchr): a
 * typed array's indexOf reads a shared memory one element at a time (over 10 kB of JSON tree per
 * migration).
 */
function cString(heap: Uint8Array, pointer: number): string {
  if (heapBytes?.heap !== heap) heapBytes = { heap, bytes: Buffer.from(heap.buffer, heap.byteOffset, heap.length) };
  const end = heapBytes.bytes.indexOf(0, pointer);
  return decoder.decode(heap.subarray(pointer, end < 0 ? heap.length : end));
}
