// Fan-out (issue 11, class 4): GNU parallel runs its command once per input item — from `:::`
// lists, `::::` files or standard input — with `{}` replaced by the item, through a shell. What
// it would run is judged like xargs: `parallel rm -rf {} ::: /` is `rm -rf /`, and
// `parallel ::: 'rm -rf /'` runs each item as a shell line. Pure: an invocation in, steps out.

import type { ExpandedWord, Invocation, ReadFiles } from '../types.js';
import type { UnwrapStep } from './wrappers/step.js';
import { pathOf } from './task-files.js';

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

/** The files parallel reads its items from: `:::: FILE…` and `-a FILE`/`--arg-file FILE` (each line an item). */
export function parallelArgumentFiles(inv: Invocation): string[] {
  if (inv.name !== 'parallel') return [];
  const files: string[] = [];
  const args = inv.args;
  let separator: string | undefined;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.value;
    if (SEPARATORS.has(value)) {
      separator = value;
      options = false;
      continue;
    }
    if (separator?.startsWith('::::') && !args[i]!.dynamic) files.push(value);
    if (!options || separator) continue;
    if (!value.startsWith('-') || value === '--') options = false;
    else if ((value === '-a' || value === '--arg-file') && args[i + 1] && !args[i + 1]!.dynamic) files.push(args[++i]!.value);
    else if (value.startsWith('--arg-file=')) files.push(value.slice('--arg-file='.length));
    else if (PARALLEL_WITH_VALUE.has(value)) i++;
  }
  return files;
}

/** A file's lines as parallel's items, when the edge read it; a file nobody read holds anything. */
function fileItems(inv: Invocation, file: string, read: ReadFiles | undefined): string[] {
  const path = pathOf(inv, file);
  const text = path === undefined ? undefined : read?.scripts[path];
  return text === undefined ? ['*'] : text.split('\n').filter((line) => line.trim() !== '');
}

export function parallelSteps(inv: Invocation, read?: ReadFiles): UnwrapStep[] {
  if (inv.name !== 'parallel') return [];
  const args = inv.args;
  let i = 0;
  let replace = '{}';
  const argFiles: string[] = [];
  for (; i < args.length; i++) {
    const value = args[i]!.value;
    if (SEPARATORS.has(value) || !value.startsWith('-')) break;
    if (value === '--') {
      i++;
      break;
    }
    if (value === '-I' || value === '--replace') replace = args[i + 1]?.value || '{}';
    if ((value === '-a' || value === '--arg-file') && args[i + 1]) argFiles.push(args[i + 1]!.value);
    if (value.startsWith('--arg-file=')) argFiles.push(value.slice('--arg-file='.length));
    if (PARALLEL_WITH_VALUE.has(value)) i++;
  }
  const template: ExpandedWord[] = [];
  for (; i < args.length && !SEPARATORS.has(args[i]!.value); i++) template.push(args[i]!);
  const items: string[] = [];
  let fromLists = false;
  for (const file of argFiles) {
    fromLists = true;
    items.push(...fileItems(inv, file, read));
  }
  while (i < args.length) {
    const separator = args[i]!.value;
    fromLists = true;
    for (i++; i < args.length && !SEPARATORS.has(args[i]!.value); i++) {
      // `:::: FILE` reads items from the file: its lines when the edge read it, else anything.
      items.push(...(separator.startsWith('::::') ? fileItems(inv, args[i]!.value, read) : [args[i]!.value]));
    }
  }
  // parallel reads whole lines from standard input.
  if (!fromLists) items.push(...(inv.stdin?.text !== undefined ? inv.stdin.text.split('\n').filter(Boolean) : (inv.stdin?.items ?? ['*'])));
  const steps: UnwrapStep[] = [];
  // parallel joins its command words with spaces and hands the result to a shell, so a word that
  // holds shell syntax (`parallel 'rm -rf {}' ::: /data`) is read again as a shell line, with each
  // item quoted where `{}` stands (an item nobody knows, `*`, stays a glob).
  const asShellLine = template.some((w) => !w.dynamic && /[\s;&|<>()$`'"\\]/.test(w.value));
  for (const item of items) {
    if (asShellLine) {
      const quoted = item === '*' ? item : quoteItem(item);
      const uses = template.some((w) => w.value.includes(replace));
      const text = template.map((w) => w.value.replaceAll(replace, quoted)).join(' ');
      steps.push({ kind: 'script', via: 'parallel', text: uses ? text : `${text} ${quoted}` });
      // Read word by word too (as `parallel -q` runs it): `parallel bash -c 'rm -rf {}' ::: /`
      // joined is `bash -c rm -rf /`, but judging only that reading would let the words through.
    }
    if (asShellLine && template.length === 1) continue;
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

/** One item as the shell reads it back: GNU parallel quotes what it puts in place of `{}`. */
function quoteItem(value: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
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
