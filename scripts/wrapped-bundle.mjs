// How every bundle under dist/bundle/ is built and stored: CommonJS for Node 20, minified but
// with names kept, and written already wrapped in Node's CommonJS function (Module.wrap), ASCII
// only, so bin/prodguard.js reads it as one-byte text and hands it to V8 as is: no UTF-8 decoding
// and no copy to prepend the wrapper at every start (esbuild escapes non-ASCII by default).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';

/** esbuild options every bundle shares. Nothing is written by esbuild (`write: false`): the
 *  wrapped text is, once, by writeWrapped. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // Smaller to read and compile; names stay, so an internal error's stack is still readable.
  minifyWhitespace: true,
  minifySyntax: true,
  write: false,
};

/** Write `code` to `file` wrapped, through a temporary file renamed over it: a shell hook starting
 *  mid-build never reads esbuild's raw output (it has no `require` until wrapped) or a
 *  half-written file. */
export function writeWrapped(file, code) {
  if (/[^\x00-\x7f]/.test(code)) throw new Error(`${file} has non-ASCII characters: the launcher reads it as latin1`);
  // A fresh clone has no dist/bundle/ yet.
  mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Module.wrap(code));
  renameSync(temporary, file);
}
