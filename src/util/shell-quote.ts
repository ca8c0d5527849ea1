// Quote argv words so `check -- CMD ARGS…` goes through the same parser as `check -c 'LINE'`:
// quoting is exactly reversible, so the parsed words are the argv words.

export function quoteWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}
