#!/usr/bin/env node
// Tiny on purpose: the shell hook and agent hooks start prodguard before commands, so startup is
// a budget. It runs the one-file bundle through a V8 code cache: the first run saves the compiled
// code next to the bundle (or in the state dir), later runs skip most of the compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

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

function cacheFiles() {
  const files = [`${bundle}.cache`];
  const stateHome = process.env.XDG_STATE_HOME || path.join(process.env.HOME || require('node:os').homedir(), '.local', 'state');
  files.push(path.join(process.env.PRODGUARD_STATE_DIR || path.join(stateHome, 'prodguard'), `code-cache-${process.version}.bin`));
  return files;
}

function load() {
  let source;
  try {
    // ASCII, already wrapped as a CommonJS function (scripts/build-bundle.mjs): read as one-byte text.
    source = fs.readFileSync(bundle, 'latin1');
  } catch {
    process.stderr.write('prodguard: not built yet; run "npm run build" in the prodguard folder\n');
    process.exit(1);
  }
  const caches = cacheFiles();
  let cachedData;
  for (const file of caches) {
    try {
      cachedData = fs.readFileSync(file);
      break;
    } catch {
      /* no cache yet */
    }
  }
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const exports = {};
  const module = { exports, filename: bundle, id: bundle, paths: Module._nodeModulePaths(path.dirname(bundle)) };
  const localRequire = Module.createRequire(bundle);
  script.runInThisContext()(exports, localRequire, module, bundle, path.dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) {
    // Save after the command ran, so the cache holds the functions this run compiled.
    process.once('exit', () => {
      const data = script.createCachedData();
      for (const file of caches) {
        try {
          // Write aside and rename: concurrent first runs must never leave a torn cache.
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const temporary = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(temporary, data);
          fs.renameSync(temporary, file);
          return;
        } catch {
          /* not writable: try the next place */
        }
      }
    });
  }
  return module.exports;
}

load().main(process.argv);
