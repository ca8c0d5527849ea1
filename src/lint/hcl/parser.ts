// The HCL parser for Packer templates (`*.pkr.hcl`): tree-sitter's HCL grammar
// (@tree-sitter-grammars/tree-sitter-hcl, the one editors use) run by web-tree-sitter, as the
// Groovy parser is for Jenkinsfiles. Both are WebAssembly and load asynchronously, so `lint`
// loads them once, and only when it found a Packer template; the extractor then parses
// synchronously.

import { createRequire } from 'node:module';
import type { Parser, Tree } from 'web-tree-sitter';

let parser: Parser | undefined;

export async function loadHclParser(): Promise<void> {
  if (parser) return;
  const { Parser: ParserClass, Language } = await import('web-tree-sitter');
  await ParserClass.init();
  const wasm = createRequire(import.meta.url).resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
  const hcl = await Language.load(wasm);
  const instance = new ParserClass();
  instance.setLanguage(hcl);
  parser = instance;
}

export function hclParserLoaded(): boolean {
  return parser !== undefined;
}

/** Parse HCL source; `loadHclParser` must have run. */
export function parseHcl(text: string): Tree {
  if (!parser) throw new Error('the HCL parser is not loaded');
  const tree = parser.parse(text);
  if (!tree) throw new Error('the HCL parser returned no tree');
  return tree;
}
