// Which known names a typo was probably meant to be: `filesystem/rm-rot` → filesystem/rm-root,
// `Filesystem/RM-ROOT` → filesystem/rm-root, `rm-root` → filesystem/rm-root. A suggestion makes a
// typo'd override or rule id a one-keystroke fix instead of a trip to `prodguard rules`.

/** Edit distance with adjacent transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Up to `limit` names closest to `wanted`, best first; none when nothing is close. */
export function nearNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const typed = wanted.toLowerCase();
  const tail = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  const scored = names.flatMap((name) => {
    const known = name.toLowerCase();
    // Whole ids are compared whole; an id typed without its folder is compared with the last part.
    const whole = distance(typed, known);
    const part = typed.includes('/') ? Infinity : distance(typed, tail(known));
    const score = Math.min(whole, part);
    const allowed = Math.max(2, Math.floor((typed.includes('/') ? typed.length : tail(typed).length) / 4));
    return score <= allowed ? [{ name, score }] : [];
  });
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}
