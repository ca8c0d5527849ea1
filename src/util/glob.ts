// Globs over tokens a parser produced (host names, database names, context names, arguments):
// `*` matches any run of characters, `?` one character. Matching ignores case, because host
// and database names do.

/**
 * Wildcard matching in linear time (no regex backtracking: a config glob with many `*` against a
 * long host name must not hang). `*` any run, `?` one character; case-insensitive.
 */
export function matchesGlob(value: string, glob: string): boolean {
  return matchesGlobExactly(value.toLowerCase(), glob.toLowerCase());
}

/** The same wildcard matching, case-sensitive: the patterns of `${X#p}` and `${X%p}`. */
export function matchesGlobExactly(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function matchesAnyGlob(value: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => matchesGlob(value, glob));
}
