// The entry of dist/bundle/shell-parser.cjs: the shell parser alone, for the one-shot fast path
// (./answer.ts), which loads it only for a line the prefilter passes. The same parser and version
// as the engine's (src/parse/shell.ts), so "it parses" means the same to both.
import { parse } from 'unbash';

/** How many syntax errors the shell parser finds in `line` (0: the checker can read it). */
export function parseErrorCount(line: string): number {
  return (parse(line).errors ?? []).length;
}
