// Globs over tokens a parser produced (host names, database names, context names, arguments):
// `*` matches any run of characters, `?` one character. Matching ignores case, because host
// and database names do.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let compiled = cache.get(glob);
  if (!compiled) {
    const source = glob
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    compiled = new RegExp(`^${source}$`, 'is');
    cache.set(glob, compiled);
  }
  return compiled;
}

export function matchesGlob(value: string, glob: string): boolean {
  return globToRegExp(glob).test(value);
}

export function matchesAnyGlob(value: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => matchesGlob(value, glob));
}
