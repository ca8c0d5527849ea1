// The entry of dist/bundle/fast.cjs (scripts/build-fast-path.mjs): the table is baked in at build
// time, so a harmless one-shot line reads one small file (and the shell parser's) besides Node's.
import { answerProcess } from './answer.js';
import table from 'prodguard:fast-path-table';

/** Answered a harmless `check -c` or agent hook: true; the full path must answer: false.
 *  `loadParser` gives dist/bundle/shell-parser.cjs (bin/prodguard.js runs it through its code cache). */
export function answer(loadParser: () => { parseErrorCount: (line: string) => number } | undefined): boolean {
  return answerProcess(table, (line) => {
    const parser = loadParser();
    // Not built: say "does not parse", so the full path answers.
    return parser ? parser.parseErrorCount(line) : 1;
  });
}

/** The built-in table's fingerprint, as the full path computes it (src/fast-path/remember.ts
 *  takes it from here rather than building the table again). */
export const builtinFingerprint: string = table.fingerprint ?? '';

// The warm checker's client (src/warm/client.ts): asked when this path cannot answer.
export { askWarm, startWarm } from '../warm/client.js';
