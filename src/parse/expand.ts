// Word expansion as bash would do it before running a command: quote removal, `~`, `$VAR` and
// `${VAR…}` from the environment the command would see, brace lists, and word splitting of
// unquoted expansions. An unset variable is known to be empty — `rm -rf "$X/"` with X unset is
// `rm -rf /` (DESIGN.md). Where the value cannot be known here (command substitution, `$@`, a
// variable on a remote host) the word is marked dynamic instead of guessed. Positional parameters
// (`set -- a b`, `sh -c SCRIPT _ a b`) and arrays (`x=(a b)`) set earlier in the line expand to
// their words: `"$@"` and `"${x[@]}"` give one word per element, as bash does.

import type { Word, WordPart, DoubleQuotedChild, ParameterExpansionPart } from 'unbash';
import { matchesGlobExactly } from '../util/glob.js';
import type { ExpandedWord, UnknownSpan } from '../types.js';
import { runsUnseenOutput } from '../knowledge/commands.js';
import { echoOutput, printfWords } from './printf.js';
import { decodes, filterOutput } from './stream-filters.js';
import { dict, own } from '../util/dict.js';
import { basename } from './posix-path.js';

export interface ExpansionScope {
  /** Variables visible to the command (process env + assignments so far). */
  vars: Readonly<Record<string, string>>;
  /** When true, a variable not in `vars` is unknown (remote shell), not empty. */
  varsUnknown: boolean;
  home: string;
  /** Lint: an unquoted expansion of unset variables stays one empty word naming them. */
  keepUnsetWords?: boolean;
  /** Arrays assigned earlier in the line (`x=(a b)`); an array not here is unknown. */
  arrays?: Readonly<Record<string, readonly string[]>>;
  /** `$1 … $n` when the line set them (`set -- a b`); undefined when unknown. */
  positional?: readonly string[];
  /** Associative arrays assigned in the line (`declare -A m=([k]=v)`), by name. */
  maps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The text of a file on the machine the command runs on, where the edge read it (`$(cat FILE)`). */
  fileText?: (file: string) => string | undefined;
  /** Namerefs declared in the line (`declare -n r=cmd`: `$r` is `$cmd`). */
  namerefs?: Readonly<Record<string, string>>;
  /** Variables the line set to a command's output it cannot know, with the commands (`c=$(tr …)`). */
  outputProducers?: Readonly<Record<string, readonly string[]>>;
}

interface Piece {
  value: string;
  quoted: boolean;
  /** From an unquoted expansion: subject to word splitting. */
  splittable: boolean;
  /** Ends one word and starts the next: between the elements of `"$@"` / `"${x[@]}"`. */
  fieldBreak?: boolean;
  /** An expansion whose value is not known here (unset, or only known when the line runs), as written. */
  unknown?: string;
}

interface Accumulator {
  pieces: Piece[];
  dynamic: boolean;
  glob: boolean;
  unset: string[];
  variables: string[];
  producers?: string[];
  /** Text computed from other text the line cannot know (ExpandedWord.computed). */
  computed?: boolean;
  /** ExpandedWord.processOutput. */
  processOutput?: string;
  /** ExpandedWord.heldOutputs. */
  held?: { name: string; value: string; producers: readonly string[] }[];
}

/** Launchers whose next word is the command that produces the output (`$(sudo curl …)`). */
const PRODUCER_LAUNCHERS = new Set(['sudo', 'env', 'command', 'builtin', 'exec', 'timeout', 'nice', 'doas', 'nohup', 'time']);

/** `$(…)`, `` `…` ``, `<(…)`, or one of them alone in double quotes. */
function wholeSubstitution(parts: readonly WordPart[] | undefined): boolean {
  const only = parts?.length === 1 ? parts[0]! : undefined;
  const inner = only?.type === 'DoubleQuoted' && only.parts.length === 1 ? only.parts[0]! : only;
  return inner?.type === 'CommandExpansion' || inner?.type === 'ProcessSubstitution';
}

/**
 * The commands of a substitution's script (`$(curl -s URL | sh)` → curl, sh): each simple
 * command's name, and the command a launcher runs; `?` for anything else (a compound command, a
 * name that is itself expanded).
 */
function producersOf(script: import('unbash').ParsedScript | undefined): string[] {
  if (!script) return ['?'];
  const names: string[] = [];
  const visit = (node: import('unbash').PipelineNode | import('unbash').AndOr): void => {
    if (node.type === 'AndOr' || node.type === 'Pipeline') return node.commands.forEach(visit);
    if (node.type !== 'Command') {
      names.push('?');
      return;
    }
    if (!node.name) return;
    const words = [node.name, ...node.suffix].map((item) => (item.type === 'Word' ? item : undefined));
    for (const word of words) {
      if (!word || SPECIAL.test(word.text)) {
        names.push('?');
        return;
      }
      const name = word.text.slice(word.text.lastIndexOf('/') + 1);
      if (name.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(name) || /^\d+$/.test(name)) continue;
      names.push(name);
      if (!PRODUCER_LAUNCHERS.has(name)) return;
    }
  };
  for (const statement of script.commands) visit(statement.command);
  return names;
}

const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0', '_']);

/**
 * The elements of `$@`/`$*` or `${x[@]}`/`${x[*]}`, when the line set them; undefined when
 * unknown. A scalar variable is an array of one (`${PATH[@]}` is `$PATH`).
 */
function listElements(name: string, index: string | undefined, scope: ExpansionScope): readonly string[] | undefined {
  if (index === undefined) return name === '@' || name === '*' ? scope.positional : undefined;
  if (index !== '@' && index !== '*') return undefined;
  const map = own(scope.maps, name);
  if (map) return Object.values(map);
  const array = own(scope.arrays, name);
  if (array) return array;
  const scalar = own(scope.vars, name);
  return scalar === undefined ? undefined : [scalar];
}

/** `${x[N]}` with a literal index, when the array is known. */
function arrayElement(name: string, index: string, scope: ExpansionScope): string | undefined {
  const map = own(scope.maps, name);
  if (map) return /[$`]/.test(index) ? undefined : (own(map, index) ?? '');
  if (!/^\d+$/.test(index)) return undefined;
  const scalar = own(scope.vars, name);
  const array = own(scope.arrays, name) ?? (scalar !== undefined ? [scalar] : undefined);
  return array ? (array[Number(index)] ?? '') : undefined;
}

/** Push a list's elements: quoted `@` keeps one word per element, `*` (or unquoted) joins them. */
function pushList(elements: readonly string[], separate: boolean, quoted: boolean, acc: Accumulator): void {
  if (!quoted || !separate) {
    acc.pieces.push({ value: elements.join(' '), quoted, splittable: !quoted });
    return;
  }
  elements.forEach((element, i) => {
    if (i > 0) acc.pieces.push({ value: '', quoted: true, splittable: false, fieldBreak: true });
    acc.pieces.push({ value: element, quoted: true, splittable: false });
  });
}

/** A part that expands to a list: `$@`, `${@}`, `${x[@]}` (and the `*` forms). */
function listPart(part: WordPart | DoubleQuotedChild): ListPart | undefined {
  if (part.type === 'SimpleExpansion' && (part.text === '$@' || part.text === '$*')) return { name: part.text.slice(1), index: undefined };
  if (part.type !== 'ParameterExpansion' || part.prefix) return undefined;
  const operation = part.operation;
  let slice: ListPart['slice'];
  if (operation) {
    // `${@:2}`, `${x[@]:1:2}` with literal numbers; other operations are not enumerated.
    if (operation.type !== 'Slice' || !/^\d+$/.test(operation.offset.text) || (operation.length && !/^\d+$/.test(operation.length.text))) return undefined;
    slice = { offset: Number(operation.offset.text), ...(operation.length ? { length: Number(operation.length.text) } : {}) };
  }
  const extra = slice ? { slice } : {};
  if (!part.index && (part.parameter === '@' || part.parameter === '*')) return { name: part.parameter, index: undefined, ...extra };
  if (part.index && (part.index.text === '@' || part.index.text === '*')) return { name: part.parameter, index: part.index.text, ...extra };
  return undefined;
}

interface ListPart {
  name: string;
  index: string | undefined;
  /** `${@:offset:length}`: for `$@` offset 1 is `$1` (0 is `$0`); for arrays it is the element index. */
  slice?: { offset: number; length?: number };
}

function sliced(elements: readonly string[] | undefined, list: ListPart): readonly string[] | undefined {
  if (!elements || !list.slice) return elements;
  const { offset, length } = list.slice;
  // `${@:0}` starts with `$0`, which is not tracked.
  if (list.index === undefined && offset === 0) return undefined;
  const start = list.index === undefined ? offset - 1 : offset;
  return elements.slice(start, length === undefined ? undefined : start + length);
}

/** `$#`, `$1`…: from the positional parameters when the line set them. */
function positionalValue(name: string, scope: ExpansionScope): string | undefined {
  const positional = scope.positional;
  if (!positional) return undefined;
  if (name === '#') return String(positional.length);
  if (/^[1-9]\d*$/.test(name)) return positional[Number(name) - 1] ?? '';
  return undefined;
}

function lookup(reference: string, scope: ExpansionScope, acc: Accumulator): string | undefined {
  const name = referent(reference, scope);
  if (!acc.variables.includes(name)) acc.variables.push(name);
  const producers = own(scope.outputProducers, name);
  if (producers && runsUnseenOutput(producers)) acc.computed = true;
  const positional = positionalValue(name, scope);
  if (positional !== undefined) return positional;
  // Positional parameters are unknown unless `sh -c SCRIPT arg0 arg1…` bound them ($0 included:
  // `sh -c 'rm -rf "$0"' /` removes /).
  if (name === '0' && own(scope.vars, '0') !== undefined) return own(scope.vars, '0');
  if (SPECIAL_PARAMETERS.has(name) || (/^\d+$/.test(name) && own(scope.vars, name) === undefined)) {
    acc.dynamic = true;
    return undefined;
  }
  const value = own(scope.vars, name);
  if (value !== undefined && producers && value !== '') (acc.held ??= []).push({ name, value, producers });
  if (value !== undefined) {
    if (value.length > MAX_VALUE_LENGTH) {
      acc.dynamic = true;
      return value.slice(0, 256);
    }
    return value;
  }
  if (scope.varsUnknown) {
    acc.dynamic = true;
    return undefined;
  }
  if (!acc.unset.includes(name)) acc.unset.push(name);
  return '';
}

/** The variable a name stands for: itself, or what a chain of namerefs ends at. */
function referent(name: string, scope: ExpansionScope): string {
  let current = name;
  for (let hops = 0; hops < 8 && scope.namerefs && Object.hasOwn(scope.namerefs, current); hops++) current = scope.namerefs[current]!;
  return current;
}

/** A literal integer of a substring expansion (`${x:2}`, `${x: -3:1}`, `${x:(-3)}`). */
function literalInteger(word: { text: string } | undefined): number | undefined {
  const match = word ? /^\s*\(?\s*(-?\d{1,6})\s*\)?\s*$/.exec(word.text) : null;
  return match ? Number(match[1]) : undefined;
}

/** bash's `${x:offset:length}` of a known value; undefined where bash would fail (`length` before `offset`). */
function substring(value: string, offset: number, length: number | undefined): string | undefined {
  const start = offset < 0 ? value.length + offset : offset;
  if (start < 0) return '';
  if (length === undefined) return value.slice(start);
  const end = length < 0 ? value.length + length : start + length;
  return end < start ? undefined : value.slice(start, end);
}

function expandParameter(part: ParameterExpansionPart, scope: ExpansionScope, acc: Accumulator): string {
  if (part.index && !part.prefix && !part.operation) {
    const element = arrayElement(referent(part.parameter, scope), part.index.value, scope);
    if (element !== undefined) return element;
  }
  // `${!name}`: the variable whose name is name's value (indirection).
  if (part.prefix === '!' && !part.index && !part.operation && /^[A-Za-z_][A-Za-z0-9_]*$/.test(part.parameter)) {
    const target = lookup(part.parameter, scope, acc);
    if (target !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) return lookup(target, scope, acc) ?? part.text;
    acc.dynamic = true;
    acc.computed = true;
    return part.text;
  }
  // `${x:0:0}`, `${0:0:0}`: a substring of length 0 is empty whatever x holds (an evasion's way to
  // glue nothing to a command word: `${x:0:0}dropdb` is `dropdb`).
  if (part.operation?.type === 'Slice' && !part.prefix && !part.index && literalInteger(part.operation.length) === 0) {
    if (!acc.variables.includes(part.parameter)) acc.variables.push(part.parameter);
    return '';
  }
  if (part.prefix === '#' && part.index && !part.operation) {
    // `${#x[@]}`: how many elements.
    const elements = listElements(part.parameter, part.index.text, scope);
    if (elements && (part.index.text === '@' || part.index.text === '*')) return String(elements.length);
  }
  if (part.prefix || part.index) {
    acc.dynamic = true;
    return part.text;
  }
  const name = part.parameter;
  const operation = part.operation;
  const value = lookup(name, scope, acc);
  if (!operation) return value ?? part.text;
  switch (operation.type) {
    case 'Default': {
      const isSet = value !== undefined && (own(scope.vars, name) !== undefined || !scope.varsUnknown);
      const isNull = value === undefined || value === '';
      const colon = operation.operator.startsWith(':');
      const missing = colon ? isNull : !isSet || own(scope.vars, name) === undefined;
      const operand = () => expandPartsToString(operation.operand.parts, operation.operand.value, scope, acc);
      if (operation.operator.endsWith('-') || operation.operator.endsWith('=')) {
        if (value === undefined && scope.varsUnknown) return part.text;
        if (missing) {
          acc.unset.splice(acc.unset.indexOf(name), 1);
          return operand();
        }
        return value ?? '';
      }
      if (operation.operator.endsWith('+')) {
        if (value === undefined) return part.text;
        return missing ? '' : operand();
      }
      // `${X:?msg}`: if X is unset the shell aborts and the command never runs, so the
      // expansion can never be empty — it is the recommended guard against `rm -rf "$X/"`.
      if (value === undefined || missing) {
        acc.unset.splice(acc.unset.indexOf(name), 1);
        acc.dynamic = true;
        return part.text;
      }
      return value;
    }
    case 'CaseModification': {
      if (value === undefined) {
        acc.computed = true;
        return part.text;
      }
      // `${x^}`/`${x,}` change the first character, `${x^^}`/`${x,,}` all (a pattern operand: not evaluated).
      if (operation.operand) {
        acc.dynamic = true;
        acc.computed = true;
        return value;
      }
      const change = (text: string) => (operation.operator.startsWith('^') ? text.toUpperCase() : text.toLowerCase());
      return operation.operator.length === 2 ? change(value) : change(value.slice(0, 1)) + value.slice(1);
    }
    case 'Slice': {
      const offset = literalInteger(operation.offset);
      const length = operation.length ? literalInteger(operation.length) : undefined;
      const known = value !== undefined && !value.includes('\u0000') && offset !== undefined && (operation.length === undefined || length !== undefined);
      const text = known ? substring(value, offset, length) : undefined;
      if (text !== undefined) return text;
      if (value === '' && acc.unset.includes(name)) return '';
      acc.dynamic = true;
      acc.computed = true;
      return value ?? part.text;
    }
    case 'Remove': {
      // `${P#*:}`, `${D%/}`, `${f%%.*}` of a value the line knows: trimmed as bash trims it.
      if (value === undefined) return part.text;
      const inner: Accumulator = { pieces: [], dynamic: false, glob: false, unset: acc.unset, variables: acc.variables };
      const pattern = expandPartsToString(operation.operand.parts, operation.operand.value, scope, inner);
      if (inner.dynamic || pattern.includes('[') || pattern.includes('\\')) {
        acc.dynamic = true;
        return value;
      }
      return removePattern(value, pattern, operation.operator);
    }
    default:
      // Trimming, replacement and slicing of an unset variable still give the empty string.
      if (value === '' && acc.unset.includes(name)) return '';
      acc.dynamic = true;
      // A CI expression left in a script (`${{ github.event.number }}`, substituted by the runner
      // before the shell sees it) is a value nobody here knows, not text the line computes.
      if (!part.text.startsWith('${{')) acc.computed = true;
      return value ?? part.text;
  }
}

/** bash's `${X#p}` (shortest prefix), `##` (longest), `%` (shortest suffix), `%%` (longest); `*` and `?` only. */
export function removePattern(value: string, pattern: string, operator: '#' | '##' | '%' | '%%'): string {
  const prefix = operator.startsWith('#');
  const longest = operator.length === 2;
  const cuts = [...Array(value.length + 1).keys()];
  if (prefix === longest) cuts.reverse();
  for (const cut of cuts) {
    const piece = prefix ? value.slice(0, cut) : value.slice(cut);
    if (matchesGlobExactly(piece, pattern)) return prefix ? value.slice(cut) : value.slice(0, cut);
  }
  return value;
}

function expandPartsToString(
  parts: readonly WordPart[] | readonly DoubleQuotedChild[] | undefined,
  fallback: string,
  scope: ExpansionScope,
  acc: Accumulator,
): string {
  if (!parts) return fallback;
  const inner: Accumulator = { pieces: [], dynamic: false, glob: false, unset: acc.unset, variables: acc.variables };
  for (const part of parts) expandPart(part, scope, inner, true);
  if (inner.dynamic) acc.dynamic = true;
  if (inner.computed) acc.computed = true;
  return inner.pieces.map((piece) => piece.value).join('');
}

function expandPart(part: WordPart, scope: ExpansionScope, acc: Accumulator, quoted: boolean): void {
  switch (part.type) {
    case 'Literal':
      acc.pieces.push({ value: part.value, quoted, splittable: false });
      return;
    case 'SingleQuoted':
    case 'AnsiCQuoted':
      acc.pieces.push({ value: part.value, quoted: true, splittable: false });
      return;
    case 'DoubleQuoted':
    case 'LocaleString': {
      // An empty pair of quotes still makes a word: push an empty quoted piece. Not for `"$@"`
      // alone: with no positional parameters it makes no word at all.
      const only = part.parts.length === 1 ? listPart(part.parts[0]!) : undefined;
      if (!only || (only.index ?? only.name) !== '@') acc.pieces.push({ value: '', quoted: true, splittable: false });
      for (const child of part.parts) expandPart(child, scope, acc, true);
      return;
    }
    case 'SimpleExpansion':
    case 'ParameterExpansion': {
      const list = listPart(part);
      if (!list) break;
      const elements = sliced(listElements(list.name, list.index, scope), list);
      if (!acc.variables.includes(list.name)) acc.variables.push(list.name);
      if (elements === undefined) {
        acc.dynamic = true;
        acc.pieces.push({ value: part.text, quoted: true, splittable: false, unknown: part.text });
      } else pushList(elements, (list.index ?? list.name) === '@', quoted, acc);
      return;
    }
  }
  switch (part.type) {
    case 'SimpleExpansion':
    case 'ParameterExpansion': {
      // Whether this expansion's own value is unknown: set aside what earlier parts made known.
      const wasDynamic = acc.dynamic;
      const unsetBefore = acc.unset.length;
      acc.dynamic = false;
      const looked = part.type === 'SimpleExpansion' ? lookup(part.text.slice(1), scope, acc) : expandParameter(part, scope, acc);
      const unknown = acc.dynamic || acc.unset.length > unsetBefore ? { unknown: part.text } : {};
      acc.dynamic ||= wasDynamic;
      if (part.type === 'SimpleExpansion') acc.pieces.push({ value: looked ?? part.text, quoted, splittable: !quoted && looked !== undefined, ...unknown });
      else acc.pieces.push({ value: looked ?? part.text, quoted, splittable: !quoted, ...unknown });
      return;
    }
    case 'CommandExpansion': {
      // `$(echo /var/lib/postgresql)` and `$(which rm)` print what the line shows: use it.
      const known = knownOutput(part, scope);
      if (known !== undefined) {
        acc.pieces.push({ value: known, quoted, splittable: !quoted });
        return;
      }
      acc.dynamic = true;
      const producers = producersOf(part.script);
      acc.producers = [...(acc.producers ?? []), ...producers];
      acc.pieces.push({ value: part.text, quoted: true, splittable: false });
      return;
    }
    case 'ProcessSubstitution': {
      // `<(echo 'rm -rf /')`: the file's content is what the line shows.
      const known = knownOutput(part, scope);
      if (known !== undefined) acc.processOutput = `${known}\n`;
      acc.producers = [...(acc.producers ?? []), ...producersOf(part.script)];
      acc.dynamic = true;
      acc.pieces.push({ value: part.text, quoted: true, splittable: false });
      return;
    }
    case 'ArithmeticExpansion':
      acc.dynamic = true;
      acc.pieces.push({ value: part.text, quoted: true, splittable: false });
      return;
    case 'Glob':
    case 'ExtendedGlob':
      if (!quoted) acc.glob = true;
      acc.pieces.push({ value: part.text, quoted, splittable: false });
      return;
    case 'BraceExpansion':
      // Brace lists are expanded in expandWord; reaching here means a sequence such as {1..9}.
      acc.dynamic = true;
      acc.pieces.push({ value: part.text, quoted, splittable: false });
      return;
    default:
      return;
  }
}

/**
 * The output of a command substitution whose only command prints words the line shows:
 * `echo`/`printf` with known arguments, or `which|command -v|type -P NAME` (the path of NAME).
 * One that holds no command at all prints nothing: `` `# trim spaces` `` is the shell idiom for a
 * comment inside a multi-line command (`| xargs `# trim` \`), not code whose output runs.
 */
function knownOutput(part: { script: import('unbash').ParsedScript | undefined }, scope: ExpansionScope): string | undefined {
  const statements = part.script?.commands;
  if (statements?.length === 0) return '';
  if (!statements || statements.length !== 1) return undefined;
  const command = statements[0]!.command;
  const file = fileReadBy(command, scope);
  if (file !== undefined) {
    // `$(cat dirs.txt)`, `$(< dirs.txt)`: the file's text, trailing newlines removed as bash does.
    const text = scope.fileText?.(file);
    return text === undefined ? undefined : text.replace(/\n+$/, '');
  }
  // `$(echo cm0gLXJmIC8= | base64 -d)`, `$(xxd -r -p <<< 726d…)`: what the filters make of text
  // the line shows (bash drops the trailing newlines).
  if (command.type === 'Pipeline' || (command.type === 'Command' && command.redirects.length > 0)) {
    return pipelineOutput(command.type === 'Pipeline' ? command.commands : [command], scope)?.replace(/\n+$/, '');
  }
  const words = command.type === 'Command' ? knownWords(command, scope) : undefined;
  if (!words) return undefined;
  const [name, ...args] = words;
  if (name === 'echo') return echoOutput(args)?.replace(/\n+$/, '');
  if (name === 'printf') return printfWords(args)?.replace(/\n+$/, '');
  if ((name === 'which' || name === 'whereis') && args.length === 1) return args[0];
  // `$(dirname /var/lib/postgresql/15)` is /var/lib/postgresql: text, computed as coreutils does.
  if (name === 'dirname' && args.length === 1 && !args[0]!.startsWith('-')) return posixDirname(args[0]!);
  if (name === 'basename' && args.length >= 1 && args.length <= 2 && !args[0]!.startsWith('-')) {
    const base = args[0]!.replace(/\/+$/, '').replace(/^.*\//, '') || (args[0]!.startsWith('/') ? '/' : '');
    return args[1] !== undefined && base.endsWith(args[1]) && base !== args[1] ? base.slice(0, -args[1].length) : base;
  }
  if ((name === 'command' || name === 'type') && args.length === 2 && /^-[vVPp]$/.test(args[0]!)) return args[1];
  return undefined;
}

/** dirname(1): the path without its last component (`/a/b/` → `/a`, `a` → `.`, `/` → `/`). */
function posixDirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash === -1) return '.';
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
}

/** The words of a simple command with no assignments, when all are known. */
function knownWords(command: import('unbash').Command, scope: ExpansionScope): string[] | undefined {
  if (!command.name || command.prefix.length > 0) return undefined;
  const words: string[] = [];
  for (const item of [command.name, ...command.suffix]) {
    if (item.type !== 'Word') return undefined;
    const expanded = expandWord(item, scope);
    if (expanded.some((word) => word.dynamic)) return undefined;
    words.push(...expanded.map((word) => word.value));
  }
  return words;
}

/**
 * What a pipeline of simple commands writes: a first stage that prints text the line shows (echo,
 * printf, or a filter reading a herestring), then filters (./stream-filters.ts). Undefined when
 * any stage is not known.
 */
function pipelineOutput(stages: readonly import('unbash').CommandNode[], scope: ExpansionScope): string | undefined {
  let text: string | undefined;
  for (const [index, stage] of stages.entries()) {
    if (stage.type !== 'Command') return undefined;
    const words = knownWords(stage, scope);
    if (!words || words.length === 0) return undefined;
    const [name, ...args] = words as [string, ...string[]];
    for (const redirect of stage.redirects) {
      if (
        redirect.type !== 'HereString' ||
        !redirect.target ||
        (redirect.descriptor && redirect.descriptor.type === 'FileDescriptor' && redirect.descriptor.value !== 0)
      )
        return undefined;
      const here = expandToString(redirect.target, scope);
      if (here.dynamic) return undefined;
      text = `${here.value}\n`;
    }
    if (index === 0 && stage.redirects.length === 0) {
      text = name === 'echo' ? echoOutput(args) : name === 'printf' ? printfWords(args) : undefined;
      if (text === undefined) return undefined;
      continue;
    }
    // Nothing to decode (`$(echo "$P" | base64 -d)` with P not exported to prodguard): not shown.
    if (text === undefined || (decodes(basename(name), args) && text.trim() === '')) return undefined;
    text = filterOutput(basename(name), args, text);
    if (text === undefined) return undefined;
  }
  return text;
}

/** The one file a substitution prints whole: `cat FILE` or `< FILE` (bash's `$(< FILE)`). */
export function fileReadBy(command: import('unbash').ParsedScript['commands'][number]['command'], scope: ExpansionScope): string | undefined {
  if (command.type !== 'Command') return undefined;
  const single = (word: Word | undefined): string | undefined => {
    if (!word) return undefined;
    const expanded = expandWord(word, scope);
    return expanded.length === 1 && !expanded[0]!.dynamic && !expanded[0]!.glob ? expanded[0]!.value : undefined;
  };
  if (!command.name) {
    // `$(< FILE)`: the redirection is the command's only item (the parser keeps it among the prefix items).
    const items = [...new Set([...command.prefix, ...command.redirects])];
    const redirect = items.length === 1 && items[0]!.type === 'Redirect' ? items[0] : undefined;
    return redirect?.operator === '<' && command.suffix.length === 0 ? single(redirect.target) : undefined;
  }
  if (command.prefix.length > 0) return undefined;

  if (command.name.text !== 'cat' || command.redirects.length > 0 || command.suffix.length !== 1 || command.suffix[0]!.type !== 'Word') return undefined;
  const file = single(command.suffix[0]);
  return file === undefined || file.startsWith('-') ? undefined : file;
}

/** Commands that print a file's lines, some filtered out (`grep -v '^#'`), and the options of theirs that take a value. */
const LINE_PRINTERS: Record<string, { withValue: string; fileAfter: number }> = dict({
  cat: { withValue: '', fileAfter: 0 },
  // grep and sed: the first positional is the pattern or the script, the file comes after it.
  grep: { withValue: 'efmABCd', fileAfter: 1 },
  egrep: { withValue: 'efmABCd', fileAfter: 1 },
  sed: { withValue: 'ef', fileAfter: 1 },
});

/**
 * The env-file idiom `env $(cat .env.production | xargs) CMD`, `export $(grep -v '^#' .env |
 * xargs)`, `export $(xargs < .env)`: a pipeline ending in a bare `xargs` (it echoes its input as
 * words) whose only input is one file. Returns that file as written; the edge reads it as dotenv.
 */
function envFileOfSubstitution(part: { script: import('unbash').ParsedScript | undefined }, scope: ExpansionScope): string | undefined {
  const statements = part.script?.commands;
  if (!statements || statements.length !== 1) return undefined;
  const node = statements[0]!.command;
  const commands = node.type === 'Pipeline' ? node.commands : [node];
  // Decide on the words' text before expanding any of them: the caller expands this substitution
  // anyway, and expanding it here too would double the work at every level of `$( $( … ) )`.
  const last = commands.at(-1);
  if (last?.type !== 'Command' || last.name?.text !== 'xargs') return undefined;
  const nested = (text: string | undefined) => text !== undefined && (text.includes('$(') || text.includes('`'));
  for (const command of commands) {
    if (command.type !== 'Command') return undefined;
    if (
      nested(command.name?.text) ||
      command.suffix.some((item) => nested(item.type === 'Redirect' ? item.target?.text : item.type === 'Word' ? item.text : undefined))
    ) {
      return undefined;
    }
  }
  const files: string[] = [];
  const words: string[][] = [];
  for (const command of commands) {
    if (command.type !== 'Command' || !command.name || command.prefix.some((item) => item.type === 'Assignment')) return undefined;
    const values: string[] = [];
    for (const item of [command.name, ...command.suffix]) {
      if (item.type === 'Redirect') {
        if (item.operator !== '<' || !item.target) continue;
        const target = expandWord(item.target, scope);
        if (target.length !== 1 || target[0]!.dynamic) return undefined;
        files.push(target[0]!.value);
        continue;
      }
      if (item.type !== 'Word') return undefined;
      const expanded = expandWord(item, scope);
      if (expanded.some((word) => word.dynamic)) return undefined;
      values.push(...expanded.map((word) => word.value));
    }
    words.push(values);
  }
  const [xargs, ...xargsArgs] = words.at(-1)!;
  if (xargs !== 'xargs' || !printsInput(xargsArgs)) return undefined;
  for (const [name, ...args] of words.slice(0, -1)) {
    if (name === 'tr') continue;
    const printer = LINE_PRINTERS[name!];
    if (!printer) return undefined;
    const positionals: string[] = [];
    let patternGiven = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg.startsWith('-') && arg.length > 1) {
        // `grep -e PATTERN F`, `sed -e SCRIPT F`: the pattern came as an option, so every positional is a file.
        if (/^-[ef]/.test(arg)) patternGiven = true;
        if (arg.length === 2 && printer.withValue.includes(arg[1]!)) i++;
        continue;
      }
      positionals.push(arg);
    }
    files.push(...positionals.slice(patternGiven ? 0 : printer.fileAfter));
  }
  return files.length === 1 ? files[0] : undefined;
}

/** xargs with no command echoes its input: only options (`-d '\n'`, `-0`, `-n 1`) may follow it. */
function printsInput(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (!args[i]!.startsWith('-')) return false;
    if (/^-[dEaLlnPs]$/.test(args[i]!)) i++;
  }
  return true;
}

/** Brace expansion stops here: past it the words are not enumerated (`{a,b}{a,b}…` doubles). */
const MAX_BRACE_WORDS = 256;
/** A variable longer than this (`a=$a$a` repeated) is treated as unknown rather than built. */
const MAX_VALUE_LENGTH = 65_536;

/** `{a,b}` at the top level of a literal brace part: the alternatives, or undefined. */
function braceAlternatives(text: string): string[] | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const body = text.slice(1, -1);
  const alternatives: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of body) {
    if (char === '{') depth++;
    if (char === '}') depth--;
    if (char === ',' && depth === 0) {
      alternatives.push(current);
      current = '';
    } else current += char;
  }
  alternatives.push(current);
  return alternatives.length > 1 ? alternatives : undefined;
}

/** Home directories of database service users on Debian/Ubuntu: `~postgres/15/main` is a data directory. */
const SERVICE_HOMES: Record<string, string> = dict({
  postgres: '/var/lib/postgresql',
  mysql: '/var/lib/mysql',
  mongodb: '/var/lib/mongodb',
  redis: '/var/lib/redis',
  gitlab: '/var/opt/gitlab',
  // Omnibus GitLab's database and Redis users (`~gitlab-psql/data` is GitLab's PostgreSQL).
  'gitlab-psql': '/var/opt/gitlab/postgresql',
  'gitlab-redis': '/var/opt/gitlab/redis',
  mssql: '/var/opt/mssql',
  clickhouse: '/var/lib/clickhouse',
  cassandra: '/var/lib/cassandra',
  rabbitmq: '/var/lib/rabbitmq',
});

/** Where a user's login shell starts (`sudo -iu postgres`, `su - postgres`): their home. */
export function homeOfUser(user: string, home: string): string {
  return expandTilde(`~${user}`, false, home);
}

function expandTilde(value: string, firstPieceQuoted: boolean, home: string): string {
  if (firstPieceQuoted || !value.startsWith('~')) return value;
  const slash = value.indexOf('/');
  const user = slash === -1 ? value.slice(1) : value.slice(1, slash);
  const rest = slash === -1 ? '' : value.slice(slash);
  if (user === '') return home + rest;
  if (/^[a-z_][a-z0-9_.-]*$/i.test(user)) return (SERVICE_HOMES[user] ?? (user === 'root' ? '/root' : `/home/${user}`)) + rest;
  return value;
}

/**
 * Expand one parsed word into the words the command would receive: usually one, several after
 * brace expansion or word splitting, none when an unquoted expansion is empty.
 */
/** Characters that make a word more than its literal text (quotes, expansions, globs, braces, ~). */
const SPECIAL = /[$`'"\\*?[{~]/;
/** `<(…)`/`>(…)`: a process substitution, whose producers are worth knowing (`bash <(curl …)`). */
const PROCESS_SUBSTITUTION = /[<>]\(/;

export function expandWord(word: Word, scope: ExpansionScope, pos = word.pos, end = word.end): ExpandedWord[] {
  // Most words are plain (`-rf`, `src/main.ts`): skip asking the parser for their parts.
  if (!SPECIAL.test(word.text) && !PROCESS_SUBSTITUTION.test(word.text)) {
    return [{ value: word.text, text: word.text, dynamic: false, unsetVariables: [], variables: [], glob: false, pos, end }];
  }
  const parts = word.parts;
  if (parts) {
    // `{a,b}{a,b}…` doubles per group: past a budget the words are not enumerated.
    let combinations = 1;
    for (const part of parts) if (part.type === 'BraceExpansion') combinations *= braceAlternatives(part.text)?.length ?? 1;
    if (combinations > MAX_BRACE_WORDS) {
      return [{ value: word.text, text: word.text, dynamic: true, unsetVariables: [], variables: [], glob: true, pos, end }];
    }
    const braceIndex = parts.findIndex((part) => part.type === 'BraceExpansion');
    const brace = braceIndex >= 0 ? parts[braceIndex] : undefined;
    const alternatives = brace ? braceAlternatives(brace.text) : undefined;
    if (brace && alternatives) {
      const before = word.text.slice(0, brace.pos - word.pos);
      const after = word.text.slice(brace.end - word.pos);
      const out: ExpandedWord[] = [];
      for (const alternative of alternatives) {
        out.push(...expandWord(reparseWord(before + alternative + after, word), scope, pos, end));
        if (out.length > MAX_BRACE_WORDS) {
          return [{ value: word.text, text: word.text, dynamic: true, unsetVariables: [], variables: [], glob: true, pos, end }];
        }
      }
      return out;
    }
  }
  const acc: Accumulator = { pieces: [], dynamic: false, glob: false, unset: [], variables: [] };
  if (parts) for (const part of parts) expandPart(part, scope, acc, false);
  else acc.pieces.push({ value: word.value, quoted: word.text !== word.value, splittable: false });

  const envFile = parts?.length === 1 && parts[0]!.type === 'CommandExpansion' ? envFileOfSubstitution(parts[0]!, scope) : undefined;
  const base = {
    text: word.text,
    dynamic: acc.dynamic,
    unsetVariables: acc.unset,
    variables: acc.variables,
    glob: acc.glob,
    pos,
    end,
    ...(envFile ? { envFile } : {}),
    ...(acc.producers ? { producers: acc.producers } : {}),
    ...(acc.producers && wholeSubstitution(parts) ? { wholeSubstitution: true } : {}),
    ...(acc.computed ? { computed: true } : {}),
    ...(acc.held ? { heldOutputs: acc.held } : {}),
    ...(acc.processOutput !== undefined && wholeSubstitution(parts) ? { processOutput: acc.processOutput } : {}),
  };
  // `"$@"` with no parameters: no word at all.
  if (acc.pieces.length === 0 && parts) return [];
  // `"a$@b"` with parameters x y: the words `ax` and `yb`.
  const fields: Piece[][] = [[]];
  for (const piece of acc.pieces) {
    if (piece.fieldBreak) fields.push([]);
    else fields[fields.length - 1]!.push(piece);
  }
  return fields.flatMap((pieces) => fieldWords(pieces, base, scope));
}

/**
 * Word splitting as bash does it with IFS (default space, tab, newline): IFS whitespace around a
 * field is dropped and runs of it separate once; each other IFS character ends a field, so
 * `IFS=,` splits `/,/etc` into `/` and `/etc` and `a,,b` keeps its empty middle field. An empty
 * IFS splits nothing.
 */
export function splitFields(text: string, ifs = ' \t\n'): string[] {
  if (ifs === '') return text === '' ? [] : [text];
  const blanks: string[] = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n');
  const others = [...ifs].filter((c) => !blanks.includes(c));
  const isBlank = (c: string) => blanks.includes(c);
  const fields: string[] = [];
  let k = 0;
  while (k < text.length && isBlank(text[k]!)) k++;
  let field = '';
  let open = false;
  for (; k < text.length; k++) {
    const c = text[k]!;
    if (others.includes(c)) {
      fields.push(field);
      field = '';
      open = false;
      while (k + 1 < text.length && isBlank(text[k + 1]!)) k++;
    } else if (isBlank(c)) {
      while (k + 1 < text.length && isBlank(text[k + 1]!)) k++;
      // Blanks then a delimiter are one separator: `a , b` is two fields.
      if (k + 1 < text.length && others.includes(text[k + 1]!)) continue;
      if (k + 1 < text.length) {
        fields.push(field);
        field = '';
        open = false;
      }
    } else {
      field += c;
      open = true;
    }
  }
  if (open) fields.push(field);
  return fields;
}

function fieldWords(pieces: Piece[], base: Omit<ExpandedWord, 'value'>, scope: ExpansionScope): ExpandedWord[] {
  const firstQuoted = pieces[0]?.quoted ?? false;
  const anyQuoted = pieces.some((piece) => piece.quoted);
  const onlySplittable = pieces.length > 0 && pieces.every((piece) => piece.splittable);
  const joined = pieces.map((piece) => piece.value).join('');
  if (onlySplittable) {
    // Unquoted `$X`: split on whitespace; an empty value removes the word entirely, except in
    // lint, where an unset variable is set where the script runs: the word keeps its place.
    if (scope.keepUnsetWords && joined.trim() === '' && base.unsetVariables.length > 0) return [{ ...base, value: '' }];
    return splitFields(joined, scope.vars.IFS).map((field) => ({ ...base, value: field }));
  }
  if (!anyQuoted && joined === '' && pieces.length > 0 && pieces.every((p) => p.splittable || p.value === '')) {
    return [];
  }
  const value = expandTilde(joined, firstQuoted, scope.home);
  const spans = value === joined ? unknownSpansOf(pieces) : undefined;
  return [{ ...base, value, ...(spans ? { unknownSpans: spans } : {}) }];
}

/** The ranges of the joined pieces that came from expansions not known here. */
function unknownSpansOf(pieces: readonly Piece[]): UnknownSpan[] | undefined {
  const spans: UnknownSpan[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (piece.unknown !== undefined) spans.push({ start: at, end: at + piece.value.length, text: piece.unknown });
    at += piece.value.length;
  }
  return spans.length > 0 ? spans : undefined;
}

// A brace alternative is spliced back into the word's text and parsed again as a word, so
// quoting and expansions inside it are handled by the real parser.
let reparse: ((text: string) => Word | undefined) | undefined;
export function setWordReparser(fn: (text: string) => Word | undefined): void {
  reparse = fn;
}
function reparseWord(text: string, original: Word): Word {
  return reparse?.(text) ?? { ...original, text, value: text, parts: undefined };
}

/** Expand a word that must stay one word (assignment values, `bash -c` strings, here-strings). */
export function expandToString(word: Word, scope: ExpansionScope, options: { assignment?: boolean } = {}): ExpandedWord {
  const acc: Accumulator = { pieces: [], dynamic: false, glob: false, unset: [], variables: [] };
  if (word.parts) for (const part of word.parts) expandPart(part, scope, acc, true);
  else acc.pieces.push({ value: word.value, quoted: true, splittable: false });
  // A word without parts is a plain literal unless its text holds quotes.
  const firstQuoted = word.parts ? word.parts[0]?.type !== 'Literal' : word.text !== word.value;
  const joined = acc.pieces.map((piece) => piece.value).join('');
  const spans = acc.pieces.some((piece) => piece.fieldBreak) ? undefined : unknownSpansOf(acc.pieces);
  // In an assignment bash expands `~` after the `=` and after each unquoted `:`
  // (`KUBECONFIG=~/k/eu.yaml:~/k/us.yaml`).
  const value =
    options.assignment && !word.parts && !firstQuoted
      ? joined
          .split(':')
          .map((segment) => expandTilde(segment, false, scope.home))
          .join(':')
      : expandTilde(joined, firstQuoted, scope.home);
  return {
    value,
    text: word.text,
    dynamic: acc.dynamic,
    unsetVariables: acc.unset,
    variables: acc.variables,
    glob: false,
    pos: word.pos,
    end: word.end,
    ...(spans && value === joined ? { unknownSpans: spans } : {}),
    // Which commands produce the value (an assignment of a command's output is unknown, evasion
    // classes) and whether it is one command's whole output (lint's loops over such a variable).
    ...(acc.producers ? { producers: acc.producers } : {}),
    ...(acc.producers && wholeSubstitution(word.parts) ? { wholeSubstitution: true } : {}),
  };
}
