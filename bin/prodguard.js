#!/usr/bin/env node
// Tiny on purpose: the shell hook and agent hooks start prodguard before commands, so startup is
// a budget. It runs the one-file bundle through a V8 code cache: the first run saves the compiled
// code next to the bundle (or in the state dir), later runs skip most of the compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
// The CommonJS loader's Module class, which the launcher already runs under: require('node:module')
// would load the public module (and the ESM loader it pulls in), ~5 M instructions a start.
const Module = module.constructor;

const bundle = path.join(__dirname, '..', 'dist', 'bundle', 'prodguard.cjs');

// pg warns on every connection string with sslmode=require that libpq semantics will change;
// prodguard only probes, so that warning is noise on every check of a shell that uses one.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(warning && warning.message ? warning.message : warning).startsWith('SECURITY WARNING: The SSL modes')) return;
  return emitWarning.call(process, warning, ...rest);
};

// `prodguard rules | head -1`: a reader that closes the pipe early is normal use, not an error.
// Exit quietly (the status a shell gives a process killed by SIGPIPE would hide real failures).
// Set on first use: building process.stdout/stderr is ~15% of what a check adds to node -e 0, and the hot paths
// (check, hook-check, the agent hooks) write to the descriptors without them.
for (const name of ['stdout', 'stderr']) {
  const { get, enumerable } = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable,
    get() {
      const stream = get.call(process);
      Object.defineProperty(process, name, { configurable: true, enumerable, writable: false, value: stream });
      stream.on('error', (error) => {
        if (error && error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      return stream;
    },
  });
}

// Heavy dependencies (pg, prompts, the SQL parser) load lazily. Code compiled from a code cache
// cannot use import() itself, so the bundle calls this function, defined in a real module.
// PRODGUARD_TRACE_IMPORTS=1 names each one on stderr (tests check a harmless line loads none).
globalThis.__prodguardImport = (specifier) => {
  if (process.env.PRODGUARD_TRACE_IMPORTS) process.stderr.write(`prodguard: loading ${specifier}\n`);
  return import(specifier);
};

// A dependency built into dist/bundle/NAME.cjs (scripts/build-bundle.mjs: yaml) loads from there
// through its own code cache, not as the package's many files; undefined sends the bundle's
// stand-in to require, as before.
const bundledPackages = new Set(['yaml']);
globalThis.__prodguardBundled = (name) =>
  bundledPackages.has(name) ? loadBundle(path.join(__dirname, '..', 'dist', 'bundle', `${name}.cjs`), `${name}-code-cache`) : undefined;

function cacheFiles(file, name) {
  const files = [name.startsWith('lint-') ? `${file}.lint.cache` : `${file}.cache`];
  const stateHome = process.env.XDG_STATE_HOME || path.join(process.env.HOME || require('node:os').homedir(), '.local', 'state');
  files.push(path.join(process.env.PRODGUARD_STATE_DIR || path.join(stateHome, 'prodguard'), `${name}-${process.version}.bin`));
  return files;
}

/** Run one of dist/bundle/'s files through its V8 code cache; undefined when it is not there. */
function loadBundle(file, cacheName) {
  let source;
  try {
    // ASCII, already wrapped as a CommonJS function (scripts/build-bundle.mjs): read as one-byte text.
    source = fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  const caches = cacheFiles(file, cacheName);
  let cachedData;
  for (const cache of caches) {
    try {
      cachedData = fs.readFileSync(cache);
      break;
    } catch {
      /* no cache yet */
    }
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  const exports = {};
  const module = { exports, filename: file, id: file, paths: Module._nodeModulePaths(path.dirname(file)) };
  const localRequire = Module.createRequire(file);
  script.runInThisContext()(exports, localRequire, module, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // Save after the command ran, so the cache holds the functions this run compiled.
    process.once('exit', () => {
      const data = script.createCachedData();
      for (const cache of caches) {
        try {
          // Write aside and rename: concurrent first runs must never leave a torn cache.
          fs.mkdirSync(path.dirname(cache), { recursive: true });
          const temporary = `${cache}.${process.pid}.tmp`;
          fs.writeFileSync(temporary, data);
          fs.renameSync(temporary, cache);
          return;
        } catch {
          /* not writable: try the next place */
        }
      }
    });
  }
  return module.exports;
}

// `lint` runs a different part of the bundle (extractors, the SQL describer, the rule engine
// over whole files) than `check`: it keeps a code cache of its own, or it would compile those
// functions in every run (the cache is written once, by the first run, and holds what that run
// compiled; a lint-sized cache would slow every check that deserializes it).
function load() {
  const exports = loadBundle(bundle, process.argv[2] === 'lint' ? 'lint-code-cache' : 'code-cache');
  if (exports) return exports;
  process.stderr.write('prodguard: not built yet; run "npm run build" in the prodguard folder\n');
  process.exit(1);
}

// `check -c LINE` and the agent hooks start one process per command: a line the built-in rules'
// prefilter proves harmless is answered by a small bundle (src/fast-path/answer.ts) before the
// engine loads; anything else, or a fast path that is not built, goes on to the full one.
function loadFast() {
  const command = process.argv[2];
  if (command !== 'check' && command !== 'hook') return undefined;
  try {
    return loadBundle(path.join(__dirname, '..', 'dist', 'bundle', 'fast.cjs'), 'fast-code-cache');
  } catch {
    return undefined; // the full path answers, and says what is wrong if anything is
  }
}

function answeredFast(fast) {
  if (fast === undefined) return false;
  const directory = path.join(__dirname, '..', 'dist', 'bundle');
  try {
    // The shell parser only for a line the prefilter passes: a risky line goes on without it.
    return fast.answer(() => loadBundle(path.join(directory, 'shell-parser.cjs'), 'shell-parser-code-cache'));
  } catch {
    return false;
  }
}

// A line the fast path could not answer: this build's warm checker (src/warm/client.ts), when one
// runs, judges it with the engine already loaded; else this process loads the engine, and starts
// one for the next process. Whatever goes wrong on the way, this process judges.
const fast = loadFast();
if (!answeredFast(fast)) {
  let outcome = 'unavailable';
  try {
    if (fast && typeof fast.askWarm === 'function') outcome = fast.askWarm(bundle);
  } catch {
    /* judge here */
  }
  if (outcome !== 'answered') {
    // The built-in table's fingerprint baked into the fast path (src/fast-path/remember.ts).
    if (fast && typeof fast.builtinFingerprint === 'string') globalThis.__prodguardBuiltinFingerprint = fast.builtinFingerprint;
    if (outcome === 'absent') {
      try {
        fast.startWarm(__filename, bundle);
      } catch {
        /* the next process judges alone too */
      }
    }
    load().main(process.argv);
  }
}
