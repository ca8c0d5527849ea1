// A tree-sitter grammar run by web-tree-sitter (WebAssembly, the grammars editors use): the
// Groovy one for Jenkinsfiles, the HCL one for Packer templates. Both load asynchronously, so
// `lint` loads each once, and only when it found a file that needs it.

import { createRequire } from 'node:module';
import type { Parser } from 'web-tree-sitter';

/** A parser for the grammar in `wasm` (a package path, resolved from prodguard's own modules). */
export async function loadTreeSitterGrammar(wasm: string): Promise<Parser> {
  const { Parser: ParserClass, Language } = await import('web-tree-sitter');
  await ParserClass.init();
  const language = await Language.load(createRequire(import.meta.url).resolve(wasm));
  const parser = new ParserClass();
  parser.setLanguage(language);
  return parser;
}
