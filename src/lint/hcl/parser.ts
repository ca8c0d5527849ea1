// The HCL parser for Packer templates (`*.pkr.hcl`): tree-sitter's HCL grammar
// (@tree-sitter-grammars/tree-sitter-hcl, the one editors use) run by web-tree-sitter, as the
// Groovy parser is for Jenkinsfiles. Both are WebAssembly and load asynchronously, so `lint`
// loads them once, and only when it found a Packer template; the extractor then parses
// synchronously.

import type { Parser, Tree } from 'web-tree-sitter';
import { loadTreeSitterGrammar } from '../tree-sitter-grammar.js';

let parser: Parser | undefined;

export async function loadHclParser(): Promise<void> {
  parser ??= await loadTreeSitterGrammar('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
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
