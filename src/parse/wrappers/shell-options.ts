// The shell commands a tool runs from its options (knowledge/shell-options.ts): `tar
// --checkpoint-action=exec='rm -rf /'`, `git -c core.pager='dropdb app' log`, `ssh -o
// ProxyCommand='…' host`, `vim -c '!rm -rf /data'`. Each value is a script the line shows, judged
// where the tool runs; a value the line cannot know is an unseen script.

import type { ExpandedWord, Invocation } from '../../types.js';
import { SHELL_COMMAND_OPTIONS, TRANSPORT_PROGRAMS, type ShellCommandOption } from '../../knowledge/shell-options.js';
import type { UnwrapStep } from './step.js';
import { UNSEEN_SCRIPT } from '../runners.js';
import { table } from '../../util/dict.js';

/** The value of `option` at `args[index]`, and how many words it took; undefined: not this option. */
function valueAt(args: readonly ExpandedWord[], index: number, option: string): { value: ExpandedWord; words: number } | undefined {
  const word = args[index]!;
  if (word.value === option) return args[index + 1] ? { value: args[index + 1]!, words: 2 } : undefined;
  const attached = option.startsWith('--') ? `${option}=` : option;
  if (word.value.startsWith(attached) && word.value.length > attached.length) {
    return { value: { ...word, value: word.value.slice(attached.length) }, words: 1 };
  }
  return undefined;
}

/** The command a value holds for this option, when it holds one. */
function commandIn(spec: ShellCommandOption, value: string, next: ExpandedWord | undefined): { text: string; usedNext: boolean } | undefined {
  let text = value;
  let usedNext = false;
  if (spec.keys) {
    const equals = text.indexOf('=');
    // `ssh -o ProxyCommand rm…`: ssh_config's own `KEY VALUE` form.
    const [key, rest] =
      equals === -1 ? [text.split(/\s+/, 1)[0]!, text.slice(text.split(/\s+/, 1)[0]!.length).trim()] : [text.slice(0, equals), text.slice(equals + 1)];
    const lower = key.trim().toLowerCase();
    if (!spec.keys.some((known) => (known.endsWith('*') ? lower.startsWith(known.slice(0, -1)) : lower === known))) return undefined;
    text = rest;
    if (text === '' && next && equals === -1) {
      text = next.value;
      usedNext = true;
    }
    // git aliases and helpers run a shell only after `!` (`alias.x='!rm -rf /'`).
    if (/^(alias|credential)\./.test(lower)) {
      if (!text.startsWith('!')) return undefined;
      text = text.slice(1);
    }
  }
  if (spec.prefix) {
    if (!text.startsWith(spec.prefix)) return undefined;
    text = text.slice(spec.prefix.length);
  }
  if (spec.escapes) {
    const command = text.replace(/^[\s:]+/, '');
    const escape = spec.escapes.find((start) => command.startsWith(start));
    if (!escape) return undefined;
    text = command.slice(escape.length);
  }
  if (spec.transport) {
    // `rsync -e 'ssh -p 2222'` connects; `rsync -e 'sh -c "…"'` runs a line here.
    const program = text.trim().split(/\s+/, 1)[0]!;
    if (TRANSPORT_PROGRAMS.has(program.slice(program.lastIndexOf('/') + 1))) return undefined;
  }
  return text.trim() === '' ? undefined : { text, usedNext };
}

function step(inv: Invocation, option: string, value: ExpandedWord, text: string): UnwrapStep {
  const via = `${inv.name} ${option}`;
  return value.dynamic
    ? { kind: 'command', via, words: [{ ...inv.command, value: UNSEEN_SCRIPT, text: UNSEEN_SCRIPT, dynamic: false }] }
    : { kind: 'script', via, text };
}

/** The scripts `inv`'s options run (none for a tool not in the table). */
export function shellOptionSteps(inv: Invocation): UnwrapStep[] {
  if (!Object.hasOwn(SHELL_COMMAND_OPTIONS, inv.name)) return [];
  const specs = SHELL_COMMAND_OPTIONS[inv.name]!;
  const steps: UnwrapStep[] = [];
  const args = inv.args;
  let operandSeen = false;
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (word.value === '--') break;
    if (!word.value.startsWith('-')) {
      operandSeen = true;
      if (word.value.startsWith('+') && specs.some((spec) => spec.plusArguments)) {
        const spec = specs.find((candidate) => candidate.plusArguments)!;
        const found = commandIn(spec, word.value.slice(1), undefined);
        if (found) steps.push(step(inv, '+', word, found.text));
      }
      continue;
    }
    for (const spec of specs) {
      if (spec.beforeOperand && operandSeen) continue;
      const option = spec.options.find((candidate) => valueAt(args, index, candidate));
      if (!option) continue;
      const taken = valueAt(args, index, option)!;
      const found = commandIn(spec, taken.value.value, args[index + taken.words]);
      if (found) steps.push(step(inv, option, taken.value, found.text));
      index += taken.words - 1 + (found?.usedNext ? 1 : 0);
      break;
    }
  }
  return steps;
}

/**
 * The words that make each tool run a command, as the shell hook's prefilter sees them (lower
 * case, quotes removed: `--checkpoint-action=exec=rm` is one word, so the `rm` in it is not seen
 * alone): each option spelling, attached or with `=`, a key, and vim's `+` commands.
 */
export const SHELL_OPTION_COMPANIONS: Readonly<Record<string, readonly string[]>> = table(
  Object.fromEntries(
    Object.entries(SHELL_COMMAND_OPTIONS).map(([tool, specs]) => [
      tool,
      [
        ...new Set(
          specs.flatMap((spec) => [
            ...spec.options.flatMap((option) => [option.toLowerCase(), option.startsWith('--') ? `${option}=*` : `${option.toLowerCase()}*`]),
            ...(spec.keys ?? []).map((key) => `*${key.replace(/\*$/, '')}*`),
            ...(spec.plusArguments ? ['+*'] : []),
          ]),
        ),
      ],
    ]),
  ),
);

/** GNU sed options that take a value, and those that give the script. */
const SED_SCRIPT_OPTIONS = new Set(['-e', '--expression']);
const SED_VALUE_OPTIONS = new Set(['-f', '--file', '-l', '--line-length']);

/** The scripts of a sed command line: `-e SCRIPT`… or the first operand. */
function sedScripts(args: readonly ExpandedWord[]): ExpandedWord[] {
  const scripts: ExpandedWord[] = [];
  let operand: ExpandedWord | undefined;
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (SED_SCRIPT_OPTIONS.has(word.value) && args[index + 1]) scripts.push(args[++index]!);
    else if (word.value.startsWith('--expression=')) scripts.push({ ...word, value: word.value.slice('--expression='.length) });
    else if (/^-[a-zA-Z]*e$/.test(word.value) && args[index + 1]) scripts.push(args[++index]!);
    else if (SED_VALUE_OPTIONS.has(word.value)) index++;
    else if (!word.value.startsWith('-') && operand === undefined) operand = word;
  }
  return scripts.length > 0 ? scripts : operand ? [operand] : [];
}

/**
 * GNU sed runs a shell two ways: the `e COMMAND` command (to the end of the line) and the `e`
 * flag of `s///`, which runs the pattern space after the substitution — text that depends on
 * the input, so an unseen script.
 */
function sedExecutions(script: string): { commands: string[]; patternSpace: boolean } {
  const commands: string[] = [];
  let patternSpace = false;
  let i = 0;
  const skipAddress = (): void => {
    for (let part = 0; part < 2; part++) {
      if (/[0-9$]/.test(script[i] ?? '')) while (/[0-9$~+]/.test(script[i] ?? '')) i++;
      else if (script[i] === '/' || script[i] === '\\') {
        const delimiter = script[i] === '\\' ? script[++i]! : '/';
        for (i++; i < script.length && script[i] !== delimiter; i++) if (script[i] === '\\') i++;
        i++;
        while (/[IM]/.test(script[i] ?? '')) i++;
      }
      while (script[i] === ' ') i++;
      if (script[i] !== ',' || part === 1) break;
      i++;
    }
    while (script[i] === ' ' || script[i] === '!') i++;
  };
  while (i < script.length) {
    while (/[\s;{}]/.test(script[i] ?? '')) i++;
    if (i >= script.length) break;
    skipAddress();
    const command = script[i];
    if (command === 'e') {
      const end = script.indexOf('\n', i);
      const text = script.slice(i + 1, end === -1 ? undefined : end).trim();
      if (text) commands.push(text);
      else patternSpace = true;
      i = end === -1 ? script.length : end;
    } else if (command === 's' || command === 'y') {
      const delimiter = script[i + 1];
      if (delimiter === undefined) break;
      let fields = 0;
      for (i += 2; i < script.length && fields < 2; i++) {
        if (script[i] === '\\') i++;
        else if (script[i] === delimiter) fields++;
      }
      const flags = /^[^;\n}]*/.exec(script.slice(i))![0];
      if (command === 's' && /^[gpiImM0-9]*e/.test(flags.replace(/\s*[wW].*$/, ''))) patternSpace = true;
      i += flags.length;
    } else if ('aicrRwW:bt'.includes(command ?? '')) {
      // Text, a file name or a label runs to the end of the line.
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
    } else i++;
  }
  return { commands, patternSpace };
}

/** `sed 'e rm -rf /' f`, `sed 's/x/rm -rf y/e'`: what sed hands to a shell. */
export function sedExecuteSteps(inv: Invocation): UnwrapStep[] {
  if (inv.name !== 'sed' && inv.name !== 'gsed') return [];
  const steps: UnwrapStep[] = [];
  for (const script of sedScripts(inv.args)) {
    if (script.dynamic) continue;
    const found = sedExecutions(script.value);
    for (const command of found.commands) steps.push({ kind: 'script', via: `${inv.name} e`, text: command });
    if (found.patternSpace) steps.push(step(inv, 's///e', { ...script, dynamic: true }, ''));
  }
  return steps;
}
