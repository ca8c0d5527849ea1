// Fan-out (issue 11, class 4): GNU parallel runs its command once per input item — from `:::`
// lists, `::::` files or standard input — with `{}` replaced by the item, through a shell. What
// it would run is judged like xargs: `parallel rm -rf {} ::: /` is `rm -rf /`, and
// `parallel ::: 'rm -rf /'` runs each item as a shell line. Pure: an invocation in, steps out.

import type { ExpandedWord, Invocation } from '../types.js';
import type { UnwrapStep } from './wrappers/step.js';

const PARALLEL_WITH_VALUE = new Set([
  '-j',
  '--jobs',
  '-P',
  '--max-procs',
  '--results',
  '--res',
  '-S',
  '--sshlogin',
  '--joblog',
  '--tmpdir',
  '-d',
  '--delimiter',
  '-a',
  '--arg-file',
  '--colsep',
  '-C',
  '-N',
  '-n',
  '--max-args',
  '-L',
  '--max-lines',
  '--timeout',
  '--retries',
  '--tagstring',
  '--load',
  '--memfree',
  '--delay',
  '--workdir',
  '--wd',
  '--env',
  '--sshloginfile',
  '--slf',
  '-E',
  '--eof',
  '-I',
  '--replace',
  '--basefile',
  '--bf',
  '--return',
  '--transfer-file',
  '--tf',
  '--header',
  '--block',
  '--blocksize',
  '--halt',
  '--progress-file',
  '--termseq',
  '--shebang-wrap',
  '-s',
  '--max-chars',
  '--nice',
]);
const SEPARATORS = new Set([':::', '::::', ':::+', '::::+']);

export function parallelSteps(inv: Invocation): UnwrapStep[] {
  if (inv.name !== 'parallel') return [];
  const args = inv.args;
  let i = 0;
  let replace = '{}';
  for (; i < args.length; i++) {
    const value = args[i]!.value;
    if (SEPARATORS.has(value) || !value.startsWith('-')) break;
    if (value === '--') {
      i++;
      break;
    }
    if (value === '-I' || value === '--replace') replace = args[i + 1]?.value || '{}';
    if (PARALLEL_WITH_VALUE.has(value)) i++;
  }
  const template: ExpandedWord[] = [];
  for (; i < args.length && !SEPARATORS.has(args[i]!.value); i++) template.push(args[i]!);
  const items: string[] = [];
  let fromLists = false;
  while (i < args.length) {
    const separator = args[i]!.value;
    fromLists = true;
    for (i++; i < args.length && !SEPARATORS.has(args[i]!.value); i++) {
      // `:::: FILE` reads items from a file the line does not show: anything.
      items.push(separator.startsWith('::::') ? '*' : args[i]!.value);
    }
  }
  // parallel reads whole lines from standard input.
  if (!fromLists) items.push(...(inv.stdin?.text !== undefined ? inv.stdin.text.split('\n').filter(Boolean) : (inv.stdin?.items ?? ['*'])));
  const steps: UnwrapStep[] = [];
  for (const item of items) {
    if (template.length === 0) {
      steps.push({ kind: 'script', via: 'parallel', text: item });
      continue;
    }
    const uses = template.some((w) => w.value.includes(replace));
    const words = template.map((w) => (w.value.includes(replace) ? { ...w, value: w.value.replaceAll(replace, item), glob: w.glob || item.includes('*') } : w));
    if (!uses)
      words.push({ ...template[0]!, value: item, text: '(parallel input)', dynamic: false, glob: item.includes('*'), unsetVariables: [], variables: [] });
    steps.push({ kind: 'command', via: 'parallel', words });
  }
  return steps;
}

/** Command substitutions inside `$(( … ))`: bash runs them to compute the number. */
export function arithmeticScripts(expression: unknown): import('unbash').ParsedScript[] {
  const found: import('unbash').ParsedScript[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'ArithmeticCommandExpansion' && record.script && typeof record.script === 'object') {
      found.push(record.script as import('unbash').ParsedScript);
      return;
    }
    for (const value of Object.values(record)) {
      if (!value || typeof value !== 'object') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(expression);
  return found;
}
