// Every simple command a shell line would run — in pipelines, `&&`/`||` lists, subshells,
// `$(…)` and backticks, `if`/`for`/`while`/`case` and function bodies — with wrappers unwrapped
// (sudo, env, command, nohup, timeout, nice, xargs, find -exec, sh -c, eval, ssh HOST CMD,
// kubectl exec, docker exec, …), words de-quoted and variables expanded from the environment the
// command would see. Heredoc bodies and the arguments of echo/grep/git commit are data: they only
// become commands when something would execute them (`bash <<EOF`, `ssh host <<EOF`).
// Pure: text and an environment in, invocations out.

import type {
  Command,
  CommandNode,
  CompoundList,
  Function as FunctionNode,
  ParsedScript,
  PipelineNode,
  AndOr,
  Statement,
  Word,
  WordPart,
  Redirection,
  TestExpression,
} from 'unbash';
import type { ExecutionHost, ExpandedWord, Invocation, ReadFiles, StdinSource } from '../types.js';
import { expandToString, expandWord, type ExpansionScope } from './expand.js';
import { parseShell, type ShellParseError } from './shell.js';
import { envFilePath, positionalValues, unwrapInvocation, type UserHomes } from './wrappers.js';
import { interpreterSteps } from './interpreters/index.js';
import { arithmeticScripts, parallelSteps } from './fanout.js';
import { runnerSteps } from './runners.js';
import { EMPTY_READ_FILES, fileSteps, stdinFileText } from './scripts.js';

export interface ExtractOptions {
  env: Readonly<Record<string, string>>;
  cwd: string;
  home: string;
  /** Variables not in `env` are unknown rather than empty (lint of a file run elsewhere). */
  envUnknown?: boolean;
  /** Dotenv files already read by the caller, by absolute path (for `dotenv -e FILE cmd`). */
  envFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Lint: an unquoted word whose variables are all unset keeps its place as an empty word that
   *  names them (`-h ${PGHOST}`), since the script's environment sets them where it runs. */
  keepUnsetWords?: boolean;
  /** Scripts, package.json scripts and Makefiles the line runs, read by the caller (scripts.ts). */
  read?: ReadFiles;
  /** Home directories of the users `sudo -u`, `su`, `runuser` switch to, looked up by the caller. */
  userHomes?: UserHomes;
  /** Local directories the caller found empty (`rsync --delete empty/ DEST/` deletes all of DEST). */
  emptyDirectories?: readonly string[];
}

export interface Extraction {
  invocations: Invocation[];
  errors: ShellParseError[];
}

/** Mutable walk state: shell variables and the working directory change as the line runs. */
interface WalkState {
  vars: Record<string, string>;
  assigned: Record<string, string>;
  cwd: string;
  host: ExecutionHost;
  via: string[];
  varsUnknown: boolean;
  keepUnsetWords?: boolean;
  home: string;
  /** When walking a nested string (bash -c '…', ssh host '…'), positions point at the outer command. */
  span?: { pos: number; end: number };
  /** Standard input of the whole nested script (`ssh host bash -s <<EOF`): commands read it. */
  stdin?: StdinSource;
  /** Context switched by earlier commands of the line (`kubectl config use-context prod &&`). */
  session?: { kubeContext?: string; terraformWorkspace?: string };
  /** Arrays assigned in the line (`x=(a b)`). Replaced, never changed in place: forks share it. */
  arrays: Readonly<Record<string, readonly string[]>>;
  /** `$1 … $n` when known (`set -- a b`, `sh -c SCRIPT _ a b`); undefined when not. */
  positional?: readonly string[];
  /** Functions defined earlier in the line (`f() { rm -rf "$1"; }; f /srv`), by name. */
  functions?: Readonly<Record<string, FunctionNode['body']>>;
  /** Files (and tasks) being walked, outermost first: a script that runs itself is walked once. */
  files?: readonly string[];
  /** `vars`/`assigned` were handed to a recorded invocation: copy before changing them. */
  shared?: boolean;
  depth: number;
}

interface Walker {
  options: ExtractOptions;
  invocations: Invocation[];
  errors: ShellParseError[];
  /** Calls of functions the line defined, walked so far (see MAX_FUNCTION_CALLS). */
  functionCalls: number;
}

const MAX_DEPTH = 12;
/**
 * Function calls walked with their arguments per line: `a() { b; b; b; }; b() { c; c; c; } …`
 * fans out exponentially. Past this, a call is not walked again: its body was already judged where
 * it was defined, with its arguments unknown.
 */
const MAX_FUNCTION_CALLS = 64;
/** Arrays and positional lists longer than this are unknown: `x+=("${x[@]}" "${x[@]}")` grows
 *  threefold per step, and no command line a person types holds a thousand literal words. */
const MAX_LIST_LENGTH = 1024;
const MAX_LOOP_ITERATIONS = 16;
/** A value the line cannot know, kept in place so that expanding it marks the word dynamic. */
const UNKNOWN_VALUE = '\u0000dynamic';

export function extractInvocations(source: string, options: ExtractOptions): Extraction {
  const walker: Walker = { options, invocations: [], errors: [], functionCalls: 0 };
  const state: WalkState = {
    vars: { ...options.env },
    assigned: {},
    cwd: options.cwd,
    host: { kind: 'local' },
    via: [],
    varsUnknown: options.envUnknown ?? false,
    ...(options.keepUnsetWords ? { keepUnsetWords: true } : {}),
    home: options.home,
    arrays: {},
    depth: 0,
  };
  walkSource(walker, source, state);
  return { invocations: walker.invocations, errors: walker.errors };
}

/** Parse and walk a piece of shell text (the top-level line, or `bash -c STRING`). */
function walkSource(walker: Walker, source: string, state: WalkState): void {
  if (state.depth > MAX_DEPTH) {
    walker.errors.push({ message: 'commands nested too deeply to judge', pos: state.span?.pos ?? 0 });
    return;
  }
  const parsed = parseShell(source);
  for (const error of parsed.errors) {
    walker.errors.push({ message: error.message, pos: state.span ? state.span.pos : error.pos });
  }
  walkScript(walker, parsed.script, state);
}

function walkScript(walker: Walker, script: ParsedScript, state: WalkState): void {
  if (script.errors && state.depth > 0) {
    for (const error of script.errors) walker.errors.push({ message: error.message, pos: state.span?.pos ?? error.pos });
  }
  for (const statement of script.commands) walkStatement(walker, statement, state);
}

function walkList(walker: Walker, list: CompoundList | undefined, state: WalkState): void {
  if (!list) return;
  for (const statement of list.commands) walkStatement(walker, statement, state);
}

function walkStatement(walker: Walker, statement: Statement, state: WalkState): void {
  walkPipelineNode(walker, statement.command, state);
}

function walkPipelineNode(walker: Walker, node: PipelineNode | AndOr, state: WalkState, stdin?: StdinSource): void {
  switch (node.type) {
    case 'AndOr':
      for (const child of node.commands) walkPipelineNode(walker, child, state);
      return;
    case 'Pipeline':
      node.commands.forEach((child, index) => {
        const previous = index > 0 ? node.commands[index - 1] : undefined;
        walkCommandNode(walker, child, state, previous ? pipeFrom(previous, state) : stdin);
      });
      return;
    default:
      walkCommandNode(walker, node, state, stdin);
  }
}

/**
 * What flows through a pipe, when the line shows it: `echo /srv | xargs rm -rf` removes /srv,
 * `find /var/lib/mysql … | xargs rm` removes things under /var/lib/mysql, `echo SQL | psql` runs SQL.
 */
function pipeFrom(node: CommandNode, state: WalkState): StdinSource {
  if (node.type !== 'Command' || !node.name) return { kind: 'pipe' };
  const words = [node.name, ...node.suffix].filter((item): item is Word => item.type === 'Word').flatMap((word) => expandWord(word, scopeOf(state)));
  const [command, ...args] = words;
  if (!command || words.some((word) => word.dynamic)) return { kind: 'pipe' };
  const name = basename(command.value);
  if (name === 'echo' || name === 'printf') {
    const data = name === 'echo' ? args.filter((arg, i) => !(i === 0 && /^-[neE]+$/.test(arg.value))) : args;
    const text = data.map((arg) => arg.value).join(' ');
    const unescaped = name === 'printf' ? text.replace(/\\n/g, '\n') : text;
    return { kind: 'pipe', text: `${unescaped}\n`, items: unescaped.split(/\s+/).filter(Boolean) };
  }
  if (name === 'find') {
    const roots = args
      .map((arg) => arg.value)
      .filter((value, i, all) => !value.startsWith('-') && all.slice(0, i).every((v) => !v.startsWith('-') && v !== '(' && v !== '!'));
    return { kind: 'pipe', items: (roots.length > 0 ? roots : ['.']).map((root) => `${root.replace(/\/+$/, '')}/*`) };
  }
  if (name === 'ls') {
    const dirs = args.map((arg) => arg.value).filter((value) => !value.startsWith('-'));
    return { kind: 'pipe', items: dirs.length > 0 ? dirs.map((dir) => `${dir.replace(/\/+$/, '')}/*`) : ['*'] };
  }
  return { kind: 'pipe' };
}

/** A copy of the state for a subshell or function body: changes inside do not leak out. */
function fork(state: WalkState): WalkState {
  // Both sides share the maps until one of them writes (copy on write).
  state.shared = true;
  return { ...state, via: [...state.via], shared: true };
}

function walkCommandNode(walker: Walker, node: CommandNode, state: WalkState, stdin?: StdinSource): void {
  switch (node.type) {
    case 'Command':
      walkCommand(walker, node, state, stdin);
      return;
    case 'If':
      walkList(walker, node.clause, state);
      walkList(walker, node.then, state);
      for (const elif of node.elif) {
        walkList(walker, elif.clause, state);
        walkList(walker, elif.then, state);
      }
      walkList(walker, node.else, state);
      return;
    case 'For':
    case 'Select': {
      const words = (node.wordlist ?? []).flatMap((word) => expandCollecting(walker, word, state));
      const name = node.name.value;
      if (words.length === 0 || words.length > MAX_LOOP_ITERATIONS || words.some((w) => w.dynamic || w.glob)) {
        // The loop variable's values are not all known: walk the body once with it unknown,
        // plus once per known value, so `for d in /var/lib/postgresql/*` is still judged.
        const known = words.filter((w) => !w.dynamic).slice(0, MAX_LOOP_ITERATIONS);
        for (const word of known) walkList(walker, node.body, withVar(state, name, word.value));
        if (known.length === 0) walkList(walker, node.body, withUnknownVar(state, name));
      } else {
        for (const word of words) walkList(walker, node.body, withVar(state, name, word.value));
      }
      return;
    }
    case 'ArithmeticFor':
      walkList(walker, node.body, state);
      return;
    case 'While':
      walkList(walker, node.clause, state);
      walkList(walker, node.body, state);
      return;
    case 'Case':
      expandCollecting(walker, node.word, state);
      for (const item of node.items) walkList(walker, item.body, state);
      return;
    case 'Subshell':
      walkList(walker, node.body, fork(state));
      return;
    case 'BraceGroup':
      walkList(walker, node.body, state);
      return;
    case 'Function': {
      // The body is judged where it is defined, with its arguments unknown, and again at each
      // call in the line with the call's arguments as `$1`….
      state.functions = { ...state.functions, [node.name.value]: node.body };
      walkFunctionBody(walker, node.body, state, undefined);
      return;
    }
    case 'Coproc': {
      const body = node.body;
      if (body.type === 'CompoundList') walkList(walker, body, fork(state));
      else walkCommandNode(walker, body, fork(state));
      return;
    }
    case 'Redirected': {
      const redirectStdin = stdinOf(walker, node.redirects, state) ?? stdin;
      walkCommandNode(walker, node.command, state, redirectStdin);
      return;
    }
    case 'TestCommand':
      walkTestExpression(walker, node.expression, state);
      return;
    case 'ArithmeticCommand':
      return;
  }
}

function walkFunctionBody(walker: Walker, body: FunctionNode['body'], state: WalkState, positional: readonly string[] | undefined): void {
  const inner = fork(state);
  if (positional) inner.positional = positional;
  else delete inner.positional;
  if (body.type === 'CompoundList') walkList(walker, body, inner);
  else walkCommandNode(walker, body, inner);
}

/** `f /srv` where the line defined `f() { … }`: walk the body with the call's arguments. */
function callFunction(walker: Walker, invocation: Invocation, state: WalkState): void {
  const body = invocation.name && !invocation.command.dynamic ? state.functions?.[invocation.command.value] : undefined;
  const key = `function ${invocation.command.value}`;
  if (!body || state.files?.includes(key) || state.depth >= MAX_DEPTH || walker.functionCalls >= MAX_FUNCTION_CALLS) return;
  // A call without arguments runs the body as it was judged where it was defined: walking it
  // again would only report the same finding a second time, at the call.
  if (invocation.args.length === 0) return;
  walker.functionCalls++;
  const call = fork(state);
  call.files = [...(state.files ?? []), key];
  call.depth = state.depth + 1;
  call.span = { pos: invocation.pos, end: invocation.end };
  walkFunctionBody(walker, body, call, positionalValues(invocation.args));
}

function walkTestExpression(walker: Walker, expression: TestExpression, state: WalkState): void {
  switch (expression.type) {
    case 'TestUnary':
      expandCollecting(walker, expression.operand, state);
      return;
    case 'TestBinary':
      expandCollecting(walker, expression.left, state);
      expandCollecting(walker, expression.right, state);
      return;
    case 'TestLogical':
      for (const operand of expression.operands) walkTestExpression(walker, operand, state);
      return;
    case 'TestNot':
      walkTestExpression(walker, expression.operand, state);
      return;
    case 'TestGroup':
      walkTestExpression(walker, expression.expression, state);
  }
}

function withVar(state: WalkState, name: string, value: string): WalkState {
  const next = fork(state);
  setVariables(next, { [name]: value });
  return next;
}

function withUnknownVar(state: WalkState, name: string): WalkState {
  const next = fork(state);
  // A loop variable is set by the loop, never empty: mark it so expansion treats it as dynamic.
  unshare(next);
  next.vars[name] = UNKNOWN_VALUE;
  return next;
}

/** The value an assignment stores. In lint, `dir=$DATA_DIR/pg_wal` with DATA_DIR not set by the
 *  file is set where the script runs: the variable is unknown, not `/pg_wal`. */
function assignedValue(expanded: ExpandedWord, state: WalkState): string {
  return state.keepUnsetWords && expanded.unsetVariables.length > 0 ? UNKNOWN_VALUE : expanded.value;
}

function scopeOf(state: WalkState): ExpansionScope {
  return {
    vars: state.vars,
    varsUnknown: state.varsUnknown,
    home: state.vars.HOME ?? state.home,
    arrays: state.arrays,
    ...(state.positional ? { positional: state.positional } : {}),
    ...(state.keepUnsetWords ? { keepUnsetWords: true } : {}),
  };
}

/** The words of `x=(a "b c" *.txt)`, as bash stores them. */
function arrayElements(walker: Walker, elements: readonly Word[], state: WalkState): string[] {
  return elements.flatMap((element) => expandCollecting(walker, element, state)).map((word) => (word.dynamic ? UNKNOWN_VALUE : word.value));
}

/**
 * `x=(…)`, `x+=(…)`, `x[2]=v`, `x=v`: the array after the assignment. A scalar `$x` is `${x[0]}`,
 * so the first element is also the variable's value.
 */
function assignArray(state: WalkState, name: string, elements: string[] | undefined, append: boolean): void {
  const arrays = { ...state.arrays };
  if (elements === undefined) delete arrays[name];
  else {
    const before = arrays[name] ?? (state.vars[name] !== undefined ? [state.vars[name]] : []);
    const after = append ? [...before, ...elements] : elements;
    if (after.length > MAX_LIST_LENGTH) delete arrays[name];
    else arrays[name] = after;
  }
  state.arrays = arrays;
  const array = arrays[name];
  setVariables(state, { [name]: array ? (array[0] ?? '') : UNKNOWN_VALUE });
}

/** `export A=b`, `declare -a x=(…)`: an assignment given as an argument, as the word the command sees. */
function assignmentWord(word: { text: string; pos: number; end: number }, value: string, state: WalkState): ExpandedWord {
  const span = state.span ?? word;
  return { value, text: word.text, dynamic: false, unsetVariables: [], variables: [], glob: false, pos: span.pos, end: span.end };
}

/** Command substitutions inside a word run before the command: walk them as commands too. */
function walkSubstitutions(walker: Walker, parts: readonly WordPart[] | undefined, state: WalkState): void {
  if (!parts) return;
  for (const part of parts) {
    switch (part.type) {
      case 'CommandExpansion':
      case 'ProcessSubstitution':
        if (part.script) {
          if (state.depth >= MAX_DEPTH) {
            walker.errors.push({ message: 'commands nested too deeply to judge', pos: state.span?.pos ?? part.pos });
            break;
          }
          const inner = fork(state);
          inner.span = state.span ?? { pos: part.pos, end: part.end };
          inner.depth = state.depth + 1;
          walkScript(walker, part.script, inner);
        }
        break;
      case 'DoubleQuoted':
      case 'LocaleString':
        walkSubstitutions(walker, part.parts, state);
        break;
      case 'ArithmeticExpansion':
        for (const script of arithmeticScripts(part.expression))
          walkScript(walker, script, { ...fork(state), span: state.span ?? { pos: part.pos, end: part.end }, depth: state.depth + 1 });
        break;
      case 'ParameterExpansion':
        if (part.operation && 'operand' in part.operation && part.operation.operand) {
          walkSubstitutions(walker, part.operation.operand.parts, state);
        }
        break;
      default:
        break;
    }
  }
}

function expandCollecting(walker: Walker, word: Word, state: WalkState): ExpandedWord[] {
  walkSubstitutions(walker, word.parts, state);
  const span = state.span;
  const words = expandWord(word, scopeOf(state), span?.pos ?? word.pos, span?.end ?? word.end);
  return words.some((expanded) => expanded.value.includes(UNKNOWN_VALUE)) ? words.map(markLoopUnknown) : words;
}

function markLoopUnknown(word: ExpandedWord): ExpandedWord {
  if (!word.value.includes(UNKNOWN_VALUE)) return word;
  return { ...word, value: word.value.replaceAll(UNKNOWN_VALUE, '*'), dynamic: true };
}

function stdinOf(walker: Walker, redirects: readonly Redirection[], state: WalkState): StdinSource | undefined {
  let stdin: StdinSource | undefined;
  for (const redirect of redirects) {
    const fd = redirect.descriptor?.type === 'FileDescriptor' ? redirect.descriptor.value : undefined;
    if (redirect.type === 'HereDoc') {
      // Unquoted heredocs expand `$(…)` in their body: those commands run.
      if (!redirect.delimiter?.quoted) walkSubstitutions(walker, redirect.body.parts, state);
      if (fd === undefined || fd === 0) stdin = { kind: 'heredoc', text: heredocText(redirect.body, redirect.delimiter?.quoted ?? false, state) };
    } else if (redirect.type === 'HereString') {
      if (redirect.target) {
        walkSubstitutions(walker, redirect.target.parts, state);
        if (fd === undefined || fd === 0) stdin = { kind: 'herestring', text: expandToString(redirect.target, scopeOf(state)).value };
      }
    } else if (redirect.target) {
      walkSubstitutions(walker, redirect.target.parts, state);
      if ((redirect.operator === '<' || redirect.operator === '<>') && (fd === undefined || fd === 0)) {
        const target = expandToString(redirect.target, scopeOf(state));
        // A script the edge read (`bash < x.sh`, `ssh db1 'bash -s' < x.sh`): its text is the input.
        const text =
          state.host.kind === 'local' && !target.dynamic ? stdinFileText(state.cwd, target.value, walker.options.read ?? EMPTY_READ_FILES) : undefined;
        stdin = { kind: 'file', path: target.value, ...(text !== undefined ? { text } : {}) };
      }
      if (WRITE_OPERATORS.has(redirect.operator) && !(redirect.operator.endsWith('&') && /^\d+$|^-$/.test(redirect.target.value))) {
        emitRedirect(walker, redirect.target, state, APPEND_OPERATORS.has(redirect.operator));
      }
    }
  }
  return stdin;
}

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);
/** Writes that keep what the file holds: `(append)`, so rules about emptying a file can tell. */
const APPEND_OPERATORS = new Set(['>>', '&>>']);

/**
 * A write redirection is itself an action on a path (`cat /dev/zero > /dev/sda`): it is recorded
 * as an invocation named `(redirect)` (or `(append)` for `>>`, which keeps the file's contents)
 * with the target as its argument, so rules can judge it.
 */
function emitRedirect(walker: Walker, target: Word, state: WalkState, append: boolean): void {
  const [path] = expandWord(target, scopeOf(state), state.span?.pos ?? target.pos, state.span?.end ?? target.end);
  if (!path) return;
  const pseudo = append ? '(append)' : '(redirect)';
  const name: ExpandedWord = { ...path, value: pseudo, text: append ? '>>' : '>', dynamic: false, glob: false, unsetVariables: [], variables: [] };
  walker.invocations.push({
    name: pseudo,
    command: name,
    args: [path],
    env: state.vars,
    assigned: state.assigned,
    envUnknown: state.varsUnknown,
    cwd: state.cwd,
    host: state.host,
    via: state.via,
    pos: path.pos,
    end: path.end,
  });
  markShared(state);
}

function heredocText(body: { text: string; parts: readonly WordPart[] | undefined }, quoted: boolean, state: WalkState): string {
  if (quoted || !body.parts) return body.text;
  const word = { type: 'Word', text: body.text, value: body.text, pos: 0, end: 0, parts: body.parts } as Word;
  return expandToString(word, scopeOf(state)).value;
}

function walkCommand(walker: Walker, command: Command, state: WalkState, pipeStdin?: StdinSource): void {
  const scope = () => scopeOf(state);
  // Inline `VAR=value` before a command changes only what that command sees; alone, it sets
  // a shell variable for the rest of the line.
  const inlineVars: Record<string, string> = {};
  for (const item of command.prefix) {
    if (item.type !== 'Assignment') continue;
    if (item.value.type === 'Word') {
      walkSubstitutions(walker, item.value.parts, state);
      // Prefix assignments apply left to right: `A=1 B=$A cmd` gives B=1.
      const prefixScope = Object.keys(inlineVars).length > 0 ? { ...scope(), vars: { ...state.vars, ...inlineVars } } : scope();
      inlineVars[item.name] = assignedValue(expandToString(item.value, prefixScope, { assignment: true }), state);
    } else if (!command.name) {
      assignArray(state, item.name, arrayElements(walker, item.value.elements, state), item.append ?? false);
    } else {
      inlineVars[item.name] = '';
    }
  }
  const stdin = stdinOf(walker, command.redirects, state) ?? pipeStdin ?? state.stdin;

  if (!command.name) {
    // `x[2]=v` changes one element (which one is not tracked); `x=v` replaces the array's first.
    for (const item of command.prefix) {
      if (item.type !== 'Assignment' || item.value.type !== 'Word' || !(item.name in state.arrays)) continue;
      const value = inlineVars[item.name] ?? UNKNOWN_VALUE;
      const index = item.index?.text;
      const current = [...(state.arrays[item.name] ?? [])];
      if (index !== undefined && /^\d+$/.test(index) && !item.append) current[Number(index)] = value;
      else if (index === undefined && !item.append) current[0] = value;
      else current.splice(0, current.length, UNKNOWN_VALUE);
      state.arrays = { ...state.arrays, [item.name]: current.map((element) => element ?? '') };
    }
    // Copy on write: invocations already recorded keep the environment they saw; a run of
    // assignments with no command between them (configure scripts) copies once.
    setVariables(state, inlineVars);
    return;
  }

  // Environments are copied on write, so a command without inline assignments shares its state's.
  const hasInline = Object.keys(inlineVars).length > 0;
  const commandScope: WalkState = hasInline ? { ...state, vars: { ...state.vars, ...inlineVars }, assigned: { ...state.assigned, ...inlineVars } } : state;
  const words: ExpandedWord[] = [];
  const assignmentArgs: { name: string; value: string }[] = [];
  // bash expands the command's words BEFORE its prefix assignments take effect: in
  // `TMPDIR=/tmp rm -rf $TMPDIR/*` the word is `$TMPDIR/*` of the shell as it was (unset → `/*`).
  for (const word of [command.name, ...command.suffix]) {
    if (word.type === 'Word') {
      for (const expanded of expandCollecting(walker, word, state)) words.push(expanded);
    } else if (word.type === 'Assignment') {
      // `export A=b`, `declare A=b`, `local A=b`: arguments that are assignments.
      if (word.value.type !== 'Word') {
        assignArray(state, word.name, arrayElements(walker, word.value.elements, state), word.append ?? false);
        words.push(assignmentWord(word, `${word.name}=(…)`, state));
        continue;
      }
      const value = assignedValue(expandToString(word.value, scopeOf(state), { assignment: true }), state);
      if (word.value.type === 'Word') walkSubstitutions(walker, word.value.parts, state);
      assignmentArgs.push({ name: word.name, value });
      words.push(assignmentWord(word, `${word.name}=${value}`, state));
    }
  }
  const [commandWord, ...args] = words;
  if (!commandWord) return;

  applyBuiltinEffects(commandWord.value, args, assignmentArgs, state, commandScope, walker.options.envFiles);

  const invocation: Invocation = {
    name: basename(commandWord.value),
    command: commandWord,
    args,
    env: markShared(commandScope).vars,
    assigned: commandScope.assigned,
    envUnknown: state.varsUnknown,
    cwd: state.cwd,
    host: state.host,
    via: state.via,
    pos: state.span?.pos ?? command.pos,
    end: state.span?.end ?? command.end,
    ...(stdin ? { stdin } : {}),
    ...(state.session ? { session: state.session } : {}),
  };
  if (commandWord.dynamic && !commandWord.value.includes('/')) invocation.name = '';
  emit(walker, invocation, commandScope);
  emitShadow(walker, invocation, commandScope);
  callFunction(walker, invocation, commandScope);
}

/** Record an invocation, then look inside it: wrappers run another command or a script. */
function emit(walker: Walker, invocation: Invocation, state: WalkState): void {
  walker.invocations.push(invocation);
  if (state.depth > MAX_DEPTH) return;
  const inner = [
    ...unwrapInvocation(invocation, walker.options.envFiles ?? {}, walker.options.userHomes ?? {}, walker.options.emptyDirectories ?? []),
    ...interpreterSteps(invocation),
    ...parallelSteps(invocation),
    ...runnerSteps(invocation),
    ...fileSteps(invocation, walker.options.read ?? EMPTY_READ_FILES),
  ];
  for (const step of inner) {
    const nextState: WalkState = {
      ...state,
      vars: step.env ? { ...step.env } : { ...invocation.env },
      assigned: step.assigned ? { ...step.assigned } : { ...invocation.assigned },
      host: step.host ?? invocation.host,
      varsUnknown: step.envUnknown ?? state.varsUnknown,
      cwd: step.cwd ?? invocation.cwd,
      via: [...invocation.via, step.via],
      span: { pos: invocation.pos, end: invocation.end },
      depth: state.depth + 1,
    };
    if (step.kind === 'script') {
      if (step.file) {
        if (state.files?.includes(step.file)) continue;
        nextState.files = [...(state.files ?? []), step.file];
      }
      if (step.stdin) nextState.stdin = step.stdin;
      else delete nextState.stdin;
      // A new shell (`bash -c`, a script file) starts with its own parameters and no arrays;
      // `eval` and `source` run in this one.
      if (!step.sameShell) nextState.arrays = {};
      if (step.positional) nextState.positional = step.positional;
      else if (!step.sameShell) delete nextState.positional;
      walkSource(walker, step.text, nextState);
    } else {
      const [commandWord, ...args] = step.words;
      if (!commandWord) continue;
      const shadowNeeded = commandWord.dynamic && !commandWord.value.includes('/');
      const next: Invocation = {
        name: commandWord.dynamic && !commandWord.value.includes('/') ? '' : basename(commandWord.value),
        command: commandWord,
        args,
        env: nextState.vars,
        assigned: nextState.assigned,
        envUnknown: nextState.varsUnknown,
        cwd: nextState.cwd,
        host: nextState.host,
        via: nextState.via,
        pos: invocation.pos,
        end: invocation.end,
        ...(invocation.session ? { session: invocation.session } : {}),
        ...(step.stdin ? { stdin: step.stdin } : invocation.stdin && step.keepStdin ? { stdin: invocation.stdin } : {}),
      };
      emit(walker, next, nextState);
      if (shadowNeeded) emitShadow(walker, next, nextState);
    }
  }
}

/**
 * A command word prodguard cannot know (`$(cat .env) rm -rf /`, `"$CMD" …`) may expand to nothing
 * or to assignments, making the next word the command: judge that reading too.
 */
function emitShadow(walker: Walker, invocation: Invocation, state: WalkState): void {
  if (invocation.name !== '' || invocation.args.length === 0) return;
  const [next, ...rest] = invocation.args;
  if (!next || next.dynamic) return;
  emit(
    walker,
    { ...invocation, name: basename(next.value), command: next, args: rest, via: [...invocation.via, `${invocation.command.text} (unknown)`] },
    state,
  );
}

function unshare(state: WalkState): void {
  if (!state.shared) return;
  state.vars = { ...state.vars };
  state.assigned = { ...state.assigned };
  state.shared = false;
}

function setVariables(state: WalkState, values: Record<string, string>): void {
  unshare(state);
  Object.assign(state.vars, values);
  Object.assign(state.assigned, values);
}

function markShared(state: WalkState): WalkState {
  state.shared = true;
  return state;
}

/** Builtins that change what later commands see: cd, export, unset, declare. */
function applyBuiltinEffects(
  name: string,
  args: ExpandedWord[],
  assignments: { name: string; value: string }[],
  state: WalkState,
  commandScope: WalkState,
  envFiles: ExtractOptions['envFiles'],
): void {
  const values = args.map((arg) => arg.value);
  const command = basename(name);
  if ((command === 'kubectl' || command === 'oc') && values[0] === 'config' && values[1] === 'use-context' && values[2]) {
    state.session = { ...state.session, kubeContext: values[2] };
  } else if ((command === 'kubectx' || command === 'kctx') && values[0] && !values[0].startsWith('-')) {
    state.session = { ...state.session, kubeContext: values[0] };
  } else if (['terraform', 'tofu'].includes(command) && values[0] === 'workspace' && ['select', 'new'].includes(values[1] ?? '') && values[2]) {
    state.session = { ...state.session, terraformWorkspace: values[2] };
  }
  switch (name) {
    case 'cd': {
      const target = args.find((arg) => !arg.value.startsWith('-') || arg.value === '-');
      const dir = target ? target.value : (commandScope.vars.HOME ?? state.home);
      // An absolute cd works even where the starting directory is unknown (`ssh db1 'cd /x && …'`).
      if (target?.dynamic || dir === '-' || (state.cwd === '' && !dir.startsWith('/'))) return;
      state.cwd = resolvePath(state.cwd || '/', dir);
      return;
    }
    case 'source':
    case '.': {
      // The edge read the sourced file (as dotenv); its variables hold for the rest of the line.
      // Whether they are exported (`export X=`, `set -a`) is not tracked: count them as exported.
      const file = args[0];
      if (!file || file.dynamic || (state.cwd === '' && !file.value.startsWith('/'))) return;
      const vars = envFiles?.[envFilePath(state.cwd, file.value)];
      if (vars) setVariables(state, { ...vars });
      return;
    }
    case 'export':
    case 'declare':
    case 'typeset':
    case 'local':
    case 'readonly':
      for (const { name: variable, value } of assignments) {
        setVariables(state, { [variable]: value });
      }
      // `export $(grep -v '^#' .env.production | xargs)`: the file's variables, when the edge read it.
      for (const arg of args) {
        if (arg.envFile === undefined || (state.cwd === '' && !arg.envFile.startsWith('/'))) continue;
        const vars = envFiles?.[envFilePath(state.cwd, arg.envFile)];
        if (vars) setVariables(state, { ...vars });
      }
      return;
    case 'set': {
      // `set -- a b` (or `set a b`): the positional parameters become the words after it.
      const dashDash = values.indexOf('--');
      const start = dashDash !== -1 ? dashDash + 1 : values.length > 0 && !/^[-+]/.test(values[0]!) ? 0 : -1;
      if (start === -1) return;
      if (args.length - start > MAX_LIST_LENGTH) delete state.positional;
      else state.positional = args.slice(start).map((arg) => (arg.dynamic ? UNKNOWN_VALUE : arg.value));
      return;
    }
    case 'shift': {
      const count = values[0] === undefined ? 1 : /^\d+$/.test(values[0]) ? Number(values[0]) : undefined;
      if (state.positional) {
        if (count === undefined) delete state.positional;
        else state.positional = state.positional.slice(count);
      }
      return;
    }
    case 'unset':
      for (const arg of args) {
        if (arg.value.startsWith('-')) continue;
        unshare(state);
        delete state.vars[arg.value];
        delete state.assigned[arg.value];
      }
      return;
  }
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}

/** Join and normalise a POSIX path against a working directory (no filesystem access). */
export function resolvePath(cwd: string, path: string): string {
  const absolute = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
  const segments: string[] = [];
  for (const segment of absolute.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}
