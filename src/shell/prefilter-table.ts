// The shape of the shell hook's prefilter: the words, pairs and globs that send a line to the
// checker. Its own module so the shell adapters (which render it) and prefilter.ts (which builds
// it and asks the adapters how a shell writes a line) do not import each other.

export interface Prefilter {
  /** Words (lower case) that send a line to the checker when any word of the line is one of them. */
  words: string[];
  /**
   * Commands that rules name only with a subcommand (`git push`, `kubectl delete`): the name sends
   * the line to the checker when one of these words (or globs) is also in the line — or when the
   * line holds `$` or `<`, because the subcommand may then come from a variable or a file.
   */
  pairs: Record<string, string[]>;
  /** Globs (lower case, shell `case` syntax) over single words, for `*` rules that match by glob. */
  patterns: string[];
  /** Wrapper names: they send a line to the checker when it also holds `$` or `<` (the wrapped
   *  command then may come from a variable or from standard input, not from the line's words). */
  wrappers: string[];
  /** Some rule judges what a redirection writes to: a line with `>` goes to the checker unless
   *  every redirection writes to the null device or the terminal, or duplicates a descriptor. */
  redirects: boolean;
  /** Some rule matches any command with nothing to anchor on: every line goes to the checker. */
  everyLine: boolean;
  /** Why `everyLine` is set, for `prodguard init` to say. */
  reasons: string[];
}

/** The table as the one-shot fast path bakes it into its bundle (scripts/build-fast-path.mjs):
 *  each pair's companions joined by one space (they are globs over single words, so none holds
 *  one). The bundle then holds some 230 strings instead of 2,600 array elements, which cost a
 *  one-shot process ~2 M instructions to build on every start (valgrind, issue 13); a word's
 *  companions are split only when the line holds that word. */
export type PackedPrefilter = Omit<Prefilter, 'pairs'> & { pairs: Record<string, string> };

export function packPrefilter(prefilter: Prefilter): PackedPrefilter {
  return { ...prefilter, pairs: Object.fromEntries(Object.entries(prefilter.pairs).map(([word, companions]) => [word, companions.join(' ')])) };
}
