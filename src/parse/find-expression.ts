// What `find` visits, read from its words: the starting points, and below them everything, or
// only the names its expression tests for. Read by the find wrapper (`-exec rm {} +`) and by a
// pipe or `$(…)` from find (`find ~ -name '*.egg-info' | xargs rm -r`).

/** Words that end the starting points: the expression's first word. */
function startsExpression(value: string): boolean {
  return value.startsWith('-') || value === '(' || value === '!' || value === ')';
}

/**
 * find's starting points (the words before its expression, after -H/-L/-P) and where the
 * expression begins. `find "$X" …` with X empty fails (`find: '': No such file or directory`):
 * `emptyOnly` says every starting point was empty.
 */
export function findStartingPoints(values: readonly string[]): { roots: string[]; expression: number; emptyOnly: boolean } {
  let index = 0;
  while (index < values.length && /^-[HLP]$/.test(values[index]!)) index++;
  const first = index;
  const roots: string[] = [];
  for (; index < values.length && !startsExpression(values[index]!); index++) if (values[index] !== '') roots.push(values[index]!);
  const emptyOnly = roots.length === 0 && index > first;
  return { roots: roots.length > 0 ? roots : emptyOnly ? [] : ['.'], expression: index, emptyOnly };
}

const NAME_TESTS = new Set(['-name', '-iname']);
const ALTERNATIVES = new Set(['-o', '-or']);
const NEGATIONS = new Set(['!', '-not']);

/**
 * The names find's expression keeps when every alternative tests one (`-name '*.egg-info'`,
 * `-name '*.pyc' -o -name __pycache__`); undefined when some path of the expression matches
 * any name (no name test, a negation, `-name '*'`).
 */
function namesKept(expression: readonly string[]): string[] | undefined {
  const names: string[] = [];
  let branchNamed = false;
  for (let index = 0; index <= expression.length; index++) {
    const value = expression[index];
    if (value === undefined || ALTERNATIVES.has(value)) {
      if (!branchNamed) return undefined;
      branchNamed = false;
      continue;
    }
    if (NEGATIONS.has(value)) return undefined;
    if (NAME_TESTS.has(value)) {
      const pattern = expression[++index];
      if (pattern === undefined || pattern.replaceAll('*', '') === '') return undefined;
      names.push(pattern);
      branchNamed = true;
    }
  }
  return names.length > 0 ? names : undefined;
}

/**
 * The paths find visits below one starting point: `ROOT/*`, or for each name kept `ROOT/NAME`
 * and, deeper, `ROOT/**\/NAME` (only the first with `-maxdepth 1`).
 */
export function findVisits(root: string, values: readonly string[], expression: number): string[] {
  const base = root.replace(/\/+$/, '');
  const rest = values.slice(expression);
  const names = namesKept(rest);
  if (!names) return [`${base}/*`];
  const depth = rest.indexOf('-maxdepth');
  const shallow = depth >= 0 && rest[depth + 1] === '1';
  return names.flatMap((name) => (shallow ? [`${base}/${name}`] : [`${base}/${name}`, `${base}/**/${name}`]));
}
