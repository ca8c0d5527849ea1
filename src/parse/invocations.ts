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
import type { ExpandedWord, Invocation, ReadFiles, StdinSource } from '../types.js';
import { type ExpansionScope, expandToString, expandWord } from './expand.js';
import { parseShell, type ShellParseError } from './shell.js';
import { unwrapInvocation } from './wrappers.js';
import { KEYS_LISTED_BY, listsRedisKeys } from './wrappers/local.js';
import { positionalValues } from './wrappers/step.js';
import { interpreterSteps } from './interpreters/index.js';
import { arithmeticScripts, parallelSteps } from './fanout.js';
import { runnerSteps } from './runners.js';
import { EMPTY_READ_FILES, fileSteps, stdinFileText } from './scripts.js';
import { applyBuiltinEffects, applyValueBuiltins, readTargets, readValues, shownOutput } from './builtin-effects.js';
import { namesRemote, pushesCurrentBranch } from './git-branch.js';
import { envFilePath } from './wrappers/env-runners.js';
import { decodes, filterOutput, isStreamFilter } from './stream-filters.js';
import { basename, resolvePath } from './posix-path.js';
import { processesPrinted } from './process-ids.js';
import { findStartingPoints, findVisits } from './find-expression.js';
import { ID_KEEPING_FILTERS, PID_FILE_READERS } from '../knowledge/process-ids.js';
import { dict, own, table } from '../util/dict.js';
import {
  type ExtractOptions,
  UNKNOWN_VALUE,
  type WalkState,
  assignArray,
  assignedValue,
  assignmentWord,
  fork,
  markShared,
  scopeOf,
  setVariables,
  withUnknownVar,
  noteOutputVar,
  noteOutputProducers,
  mapEntries,
  assignMap,
  withVar,
  MAX_LIST_LENGTH,
} from './walk-state.js';

export type { ExtractOptions } from './walk-state.js';

export interface Extraction {
  invocations: Invocation[];
  errors: ShellParseError[];
}

interface Walker {
  options: ExtractOptions;
  invocations: Invocation[];
  errors: ShellParseError[];
  /** Calls of functions the line defined, walked so far (see MAX_FUNCTION_CALLS). */
  functionCalls: number;
}

const MAX_DEPTH = 12;
/** `cat A B C | …`: at most this many files are read to know what the pipe carries. */
const MAX_CAT_FILES = 4;
/**
 * Function calls walked with their arguments per line: `a() { b; b; b; }; b() { c; c; c; } …`
 * fans out exponentially. Past this, a call is not walked again: its body was already judged where
 * it was defined, with its arguments unknown.
 */
const MAX_FUNCTION_CALLS = 64;

const MAX_LOOP_ITERATIONS = 16;

export function extractInvocations(source: string, options: ExtractOptions): Extraction {
  const walker: Walker = { options, invocations: [], errors: [], functionCalls: 0 };
  const state: WalkState = {
    vars: dict(options.env),
    assigned: dict(),
    cwd: options.cwd,
    host: { kind: 'local' },
    via: [],
    varsUnknown: options.envUnknown ?? false,
    ...(options.keepUnsetWords ? { keepUnsetWords: true } : {}),
    home: options.home,
    arrays: dict(),
    depth: 0,
    ...(options.read && Object.keys(options.read.scripts).length > 0 ? { readFiles: options.read.scripts } : {}),
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
    case 'AndOr': {
      // `[ -n "$X" ] && rm -rf "$X/"*`: what runs after a test joined by && runs with X non-empty.
      // The state itself walks on (assignments in the chain reach what follows it).
      const saved = state.nonEmpty;
      node.commands.forEach((child, index) => {
        walkPipelineNode(walker, child, state);
        if (node.operators[index] === '&&') withNonEmpty(state, testedNonEmpty(child));
        else restoreNonEmpty(state, saved);
      });
      restoreNonEmpty(state, saved);
      return;
    }
    case 'Pipeline': {
      // Each stage reads what the one before writes; a filter's output is computed from its own
      // input when the line shows that (`echo … | base64 -d | sh`).
      let input = stdin;
      node.commands.forEach((child, index) => {
        if (index > 0) input = pipeFrom(node.commands[index - 1]!, state, walker, input);
        walkCommandNode(walker, child, state, input);
      });
      return;
    }
    default:
      walkCommandNode(walker, node, state, stdin);
  }
}

/** `$X`, `${X}` as a whole word: the variable a test is about. */
const TESTED_VARIABLE = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;
/** Tests that are false for an empty word: `-n`, and the file tests (`-d ""` is false). */
const NON_EMPTY_TESTS: ReadonlySet<string> = new Set(['-n', '-d', '-e', '-f', '-s', '-L', '-h']);

/** The variables a test command shows to be non-empty when it succeeds: `[ -n "$X" ]`,
 *  `[[ -d $X && $Y != "" ]]`, `test ! -z "$X"`, and each side of `&&`. */
function testedNonEmpty(node: PipelineNode | AndOr | undefined): string[] {
  if (!node) return [];
  const variable = (word: { value: string } | undefined) => (word ? TESTED_VARIABLE.exec(word.value)?.[1] : undefined);
  const fromExpression = (expression: TestExpression): string[] => {
    switch (expression.type) {
      case 'TestUnary':
        return NON_EMPTY_TESTS.has(expression.operator) ? [variable(expression.operand)].filter((v): v is string => v !== undefined) : [];
      case 'TestBinary':
        if (expression.operator === '!=' && expression.right.value === '') return [variable(expression.left)].filter((v): v is string => v !== undefined);
        return [];
      case 'TestLogical':
        return expression.operator === '&&' ? expression.operands.flatMap(fromExpression) : [];
      case 'TestNot':
        return expression.operand.type === 'TestUnary' && expression.operand.operator === '-z'
          ? [variable(expression.operand.operand)].filter((v): v is string => v !== undefined)
          : [];
      case 'TestGroup':
        return fromExpression(expression.expression);
    }
    return [];
  };
  if (node.type === 'TestCommand') return fromExpression(node.expression);
  if (node.type === 'AndOr') return node.operators.every((op) => op === '&&') ? node.commands.flatMap((child) => testedNonEmpty(child)) : [];
  if (node.type !== 'Command' || (node.name?.value !== '[' && node.name?.value !== 'test')) return [];
  const words = node.suffix.filter((word) => word.type === 'Word').map((word) => word as { value: string });
  const parts: { value: string }[][] = [[]];
  for (const word of words) {
    if (word.value === ']') continue;
    if (word.value === '-a') parts.push([]);
    else parts.at(-1)!.push(word);
  }
  return parts
    .flatMap((part) => {
      const [a, b, c] = part;
      if (part.length === 2 && NON_EMPTY_TESTS.has(a!.value)) return [variable(b)];
      if (part.length === 3 && a!.value === '!' && b!.value === '-z') return [variable(c)];
      if (part.length === 3 && b!.value === '!=' && c!.value === '') return [variable(a)];
      return [];
    })
    .filter((v): v is string => v !== undefined);
}

/** Note on `state` the variables a test showed non-empty (Invocation.nonEmpty), values untouched. */
function withNonEmpty(state: WalkState, names: readonly string[]): void {
  if (names.length > 0) state.nonEmpty = [...(state.nonEmpty ?? []), ...names];
}

function restoreNonEmpty(state: WalkState, saved: readonly string[] | undefined): void {
  if (saved === undefined) delete state.nonEmpty;
  else state.nonEmpty = saved;
}

/**
 * What flows through a pipe, when the line shows it: `echo /srv | xargs rm -rf` removes /srv,
 * `find /var/lib/mysql … | xargs rm` removes things under /var/lib/mysql, `echo SQL | psql` runs SQL.
 */
function pipeFrom(node: CommandNode, state: WalkState, walker: Walker, input?: StdinSource): StdinSource {
  const output = stageOutput(node, state, walker, input);
  const processes = processIdsWritten(node, state, input);
  return processes !== undefined ? { ...output, processes } : output;
}

/** Commands whose output may be process ids (src/parse/process-ids.ts reads their words). */
const PROCESS_LISTERS = new Set(['pgrep', 'pidof', 'lsof']);
const MAY_PRINT_PROCESS_IDS = new Set([...PROCESS_LISTERS, ...PID_FILE_READERS, ...ID_KEEPING_FILTERS]);

/** `pgrep -f postgres`, `head -1 $PGDATA/postmaster.pid`, `ps aux | grep mysqld | awk …`: whose ids. */
function processIdsWritten(node: CommandNode, state: WalkState, input: StdinSource | undefined): string[] | undefined {
  if (node.type !== 'Command' || !node.name || !MAY_PRINT_PROCESS_IDS.has(basename(node.name.text))) return undefined;
  // The filters and readers (grep, awk, cat, head…) of most pipes pass ids only on from a
  // listing or a pid file: skip the expansion for the others, every pipe of every script pays it.
  const listsIds = PROCESS_LISTERS.has(basename(node.name.text));
  const passesIds = input?.processes !== undefined || input?.producer?.[0] === 'ps';
  if (!listsIds && !passesIds && !node.suffix.some((item) => item.type === 'Word' && item.text.includes('.pid'))) return undefined;
  const [command, ...args] = [node.name, ...node.suffix]
    .filter((item): item is Word => item.type === 'Word')
    .flatMap((word) => expandWord(word, scopeOf(state)));
  if (!command || command.dynamic) return undefined;
  return processesPrinted(basename(command.value), args, input);
}

function stageOutput(node: CommandNode, state: WalkState, walker: Walker, input?: StdinSource): StdinSource {
  if (node.type === 'Subshell' || node.type === 'BraceGroup') return groupPipe(node.body, state, walker);
  if (node.type !== 'Command' || !node.name) return { kind: 'pipe' };
  const words = [node.name, ...node.suffix].filter((item): item is Word => item.type === 'Word').flatMap((word) => expandWord(word, scopeOf(state)));
  const [command, ...args] = words;
  if (!command || command.dynamic) return { kind: 'pipe' };
  const name = basename(command.value);
  // Decoded text stays decoded through the stages after it (`… | base64 -d | gunzip | sh`).
  if (args.some((word) => word.dynamic))
    return decodes(
      name,
      args.map((arg) => arg.value),
    ) || input?.decoded
      ? { kind: 'pipe', decoded: true }
      : { kind: 'pipe' };
  // `: | crontab -`, `true | …`: builtins that write nothing.
  if ((name === ':' || name === 'true' || name === 'false') && args.length === 0) return { kind: 'pipe', text: '', items: [] };
  // `cat dirs.txt | xargs rm -rf`, `cat ids | while read id; …`: the file's lines, when the edge read it.
  if (name === 'cat' && state.host.kind === 'local') {
    const text = catText(args, state, walker);
    if (text !== undefined) return { kind: 'pipe', text, items: text.split(/\s+/).filter(Boolean) };
  }
  // echo's and printf's output, escapes and format applied (`printf 'rm -rf %s\n' /x | sh` pipes
  // `rm -rf /x`); one with a conversion not computed here writes text the words do not spell.
  if (name === 'echo' || name === 'printf') {
    const printed = shownOutput(name, args, undefined);
    return printed === undefined ? { kind: 'pipe' } : { kind: 'pipe', text: printed, items: printed.split(/\s+/).filter(Boolean) };
  }
  if (
    isStreamFilter(name) ||
    decodes(
      name,
      args.map((arg) => arg.value),
    )
  )
    return filteredPipe(node, name, args, state, walker, input);
  if (name === 'find') {
    const values = args.map((arg) => arg.value);
    const { roots, expression } = findStartingPoints(values);
    return { kind: 'pipe', items: roots.flatMap((root) => findVisits(root, values, expression)) };
  }
  if (name === 'ls') {
    const values = args.map((arg) => arg.value);
    const dirs = values.filter((value) => !value.startsWith('-'));
    // `ls -d DIR/*` (`-ld`, `--directory`) lists the names given, not what is in them.
    const themselves = values.some((value) => value === '--directory' || /^-[A-Za-z1]*d[A-Za-z1]*$/.test(value));
    if (themselves && dirs.length > 0) return { kind: 'pipe', items: dirs };
    return { kind: 'pipe', items: dirs.length > 0 ? dirs.map((dir) => `${dir.replace(/\/+$/, '')}/*`) : ['*'] };
  }
  // A word holding variables the line does not set keeps them as written (`$NAME-$SUFFIX`), as
  // the name a create of the same file shows.
  return {
    kind: 'pipe',
    producer: [name, ...args.map((arg) => (arg.unsetVariables.length > 0 && arg.text ? arg.text : arg.value))],
    ...(input?.decoded ? { decoded: true } : {}),
  };
}

/**
 * What a filter writes (`base64 -d`, `xxd -r -p`, `rev`, `tr`), computed from the input it reads —
 * its own herestring or heredoc, or the previous stage's text — when the line shows it. A decoder
 * whose input is not shown writes decoded text nobody has read: the shell it feeds is marked.
 */
function filteredPipe(
  node: Command,
  name: string,
  args: readonly ExpandedWord[],
  state: WalkState,
  walker: Walker,
  input: StdinSource | undefined,
): StdinSource {
  const values = args.map((arg) => arg.value);
  const decoded = decodes(name, values) || input?.decoded;
  const text = ownInputText(node, state, walker) ?? (name === 'cat' && values.length > 0 ? undefined : input?.text);
  // Nothing to decode (`echo "$P" | base64 -d` with P not exported to prodguard): not shown.
  const output = text === undefined || (decoded && text.trim() === '') ? undefined : filterOutput(name, values, text);
  const marked = decoded ? { decoded: true } : {};
  if (output !== undefined) return { kind: 'pipe', text: output, items: output.split(/\s+/).filter(Boolean), ...marked };
  return { kind: 'pipe', ...marked };
}

/** The text a command reads from its own redirections (`<<< TEXT`, a heredoc, `< FILE` the edge read). */
function ownInputText(node: Command, state: WalkState, walker: Walker): string | undefined {
  let text: string | undefined;
  for (const redirect of node.redirects) {
    const fd = redirect.descriptor?.type === 'FileDescriptor' ? redirect.descriptor.value : undefined;
    if (fd !== undefined && fd !== 0) continue;
    if (redirect.type === 'HereDoc') text = heredocText(redirect.body, redirect.delimiter?.quoted ?? false, state);
    else if (redirect.type === 'HereString' && redirect.target) {
      const expanded = expandToString(redirect.target, scopeOf(state));
      text = expanded.dynamic ? undefined : `${expanded.value}\n`;
    } else if (redirect.operator === '<' && redirect.target && state.host.kind === 'local') {
      const target = expandToString(redirect.target, scopeOf(state));
      text = target.dynamic ? undefined : stdinFileText(state.cwd, target.value, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state));
    }
  }
  return text;
}

/** What `cat FILE…` prints, when every file is one the edge read (no options: `cat -n` numbers lines). */
function catText(args: readonly ExpandedWord[], state: WalkState, walker: Walker): string | undefined {
  if (args.length === 0 || args.length > MAX_CAT_FILES || args.some((arg) => arg.value.startsWith('-'))) return undefined;
  const texts = args.map((arg) => stdinFileText(state.cwd, arg.value, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state)));
  return texts.every((text) => text !== undefined) ? texts.join('') : undefined;
}

/** `(crontab -l; echo '0 3 * * * job')`: what the group's echo/printf commands are known to write. */
function groupPipe(body: CompoundList, state: WalkState, walker: Walker): StdinSource {
  const known: string[] = [];
  for (const statement of body.commands) {
    const command = statement.command;
    if (command.type !== 'Command') continue;
    const text = pipeFrom(command as CommandNode, state, walker).text;
    if (text !== undefined) known.push(text);
  }
  return known.length > 0 ? { kind: 'pipe', known: known.join('') } : { kind: 'pipe' };
}

/** The variables a loop's condition reads, when it is one `read` command: `while IFS= read -r d`. */
function loopReadTargets(clause: CompoundList): string[] | undefined {
  const statement = clause.commands.length === 1 ? clause.commands[0] : undefined;
  const command = statement?.command;
  if (!command || command.type !== 'Command' || command.name?.value !== 'read') return undefined;
  const words = command.suffix.filter((item): item is Word => item.type === 'Word');
  if (words.length !== command.suffix.length || words.some((word) => word.value !== word.text)) return undefined;
  return readTargets(words.map((word) => word.value));
}

/** The state a `while read …` loop's body sees when its input is not shown: each variable read
 *  holds a line, unknown here, not empty. */
function withReadVariables(names: readonly string[], state: WalkState): WalkState {
  let body = state;
  for (const name of names) body = withUnknownVar(body, name);
  return body;
}

function walkCommandNode(walker: Walker, node: CommandNode, state: WalkState, stdin?: StdinSource): void {
  switch (node.type) {
    case 'Command':
      walkCommand(walker, node, state, stdin);
      return;
    case 'If':
      walkList(walker, node.clause, state);
      {
        const saved = state.nonEmpty;
        withNonEmpty(state, testedNonEmpty(node.clause.commands.at(-1)?.command));
        walkList(walker, node.then, state);
        restoreNonEmpty(state, saved);
      }
      for (const elif of node.elif) {
        walkList(walker, elif.clause, state);
        walkList(walker, elif.then, state);
      }
      walkList(walker, node.else, state);
      return;
    case 'For':
    case 'Select': {
      // A list word that expands a command's output (`for n in $NAMES`) is values known only when
      // the loop runs, not the words of the command's text.
      const words = (node.wordlist ?? []).flatMap((word) =>
        expandsOutputVar(word, state) ? expandCollecting(walker, word, state).map((w) => ({ ...w, dynamic: true })) : expandCollecting(walker, word, state),
      );
      const name = node.name.value;
      // The body runs once per item of the list (Atlassian 2022's loop over IDs): the rules can tell (via).
      const looped: WalkState = { ...state, via: [...state.via, `for ${name} in …`] };
      if (words.length === 0 || words.length > MAX_LOOP_ITERATIONS || words.some((w) => w.dynamic || w.glob)) {
        // The loop variable's values are not all known: walk the body once with it unknown,
        // plus once per known value, so `for d in /var/lib/postgresql/*` is still judged.
        const known = words.filter((w) => !w.dynamic).slice(0, MAX_LOOP_ITERATIONS);
        for (const word of known) walkList(walker, node.body, withVar(looped, name, word.value));
        if (known.length === 0) walkList(walker, node.body, withUnknownVar(looped, name));
      } else {
        for (const word of words) walkList(walker, node.body, withVar(looped, name, word.value));
      }
      return;
    }
    case 'ArithmeticFor':
      walkList(walker, node.body, state);
      return;
    case 'While': {
      // `echo /srv | while read d; do rm -rf "$d"; done`, `while read -r d; …; done <<< X`: with
      // the loop's input shown, the body runs once per line with the variables read set.
      // `while read d; …; done < dirs.txt` before the edge read the file: the loop's read command
      // carries the redirection, so the file is asked for and the next pass sees its lines.
      const reads = node.kind !== 'until' ? loopReadTargets(node.clause) : undefined;
      // Atlassian 2022: the body runs once per item of a list it reads — the rules can tell (via).
      const overList = (inner: WalkState): WalkState => (reads ? { ...inner, via: [...inner.via, `while read ${reads.join(' ')}`] } : inner);
      if (stdin?.kind === 'file' && stdin.text === undefined && reads) {
        walkPipelineNode(walker, node.clause.commands[0]!.command, state, stdin);
        walkList(walker, node.body, overList(withReadVariables(reads, state)));
        return;
      }
      // A listing piped in (`ls -d /var/lib/postgresql/* | while read f; do rm -rf "$f"`): its
      // lines are the paths it lists, as `… | xargs rm -rf` reads them.
      const listed = stdin?.text === undefined && stdin?.items ? reads : undefined;
      if (listed && stdin?.items && stdin.items.length > 0) {
        for (const item of stdin.items.slice(0, MAX_LOOP_ITERATIONS)) {
          const iteration = fork(state);
          setVariables(iteration, { ...Object.fromEntries(listed.map((name) => [name, UNKNOWN_VALUE])), [listed[0]!]: item });
          walkList(walker, node.body, overList(iteration));
        }
        // `ls DIR` lists names, not paths: the body is judged with what is read unknown too.
        const unknown = fork(state);
        setVariables(unknown, Object.fromEntries(listed.map((name) => [name, UNKNOWN_VALUE])));
        walkList(walker, node.body, overList(unknown));
        return;
      }
      const names = stdin?.text !== undefined ? reads : undefined;
      if (names && stdin?.text !== undefined) {
        const lines = stdin.text.split('\n').filter((line) => line.trim() !== '');
        for (const line of lines.slice(0, MAX_LOOP_ITERATIONS)) {
          const iteration = fork(state);
          setVariables(iteration, readValues(names, line));
          walkList(walker, node.body, overList(iteration));
        }
        if (lines.length > 0) return;
      }
      walkList(walker, node.clause, state);
      // Input the line does not show (`done < /tmp/list`, a pipe from `comm`): the variables the
      // loop reads hold each line it reads, unknown here, like a `for` variable over `$(…)` — not
      // empty (nextcloud AIO's restore: `while IFS= read -r file; do rm -vrf -- "$file"`).
      // A pipe whose words are known (`ls /var/lib/postgresql | while read d`) keeps the reading
      // that judges the folder it lists.
      const shown = stdin?.kind === 'pipe' && stdin.items !== undefined;
      walkList(walker, node.body, overList(reads && !shown ? withReadVariables(reads, state) : state));
      return;
    }
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
      state.functions = dict(state.functions, { [node.name.value]: node.body });
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
  const body = invocation.name && !invocation.command.dynamic ? own(state.functions, invocation.command.value) : undefined;
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

/** The words of `x=(a "b c" *.txt)`, as bash stores them. */
function arrayElements(walker: Walker, elements: readonly Word[], state: WalkState): string[] {
  return elements.flatMap((element) => expandCollecting(walker, element, state)).map((word) => (word.dynamic ? UNKNOWN_VALUE : word.value));
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

/**
 * What an assignment stores, keeping its known text where lint cannot know a variable it names:
 * buildkite's `stack_name="buildkite-aws-stack-test-${os}-${BUILDKITE_BUILD_NUMBER}"` holds
 * `buildkite-aws-stack-test-linux-` and an unknown part (read later as `*`), not nothing known at
 * all, so `delete-stack --stack-name "$stack_name"` is judged by the name's test token as the same
 * word written in place is. A value with no known text, a path, or a command's output stays unknown.
 */
function assignedShape(word: Word, expanded: ExpandedWord, scope: ExpansionScope, state: WalkState): string {
  const value = assignedValue(expanded, state);
  if (value !== UNKNOWN_VALUE || !state.keepUnsetWords || expanded.unsetVariables.length === 0 || expanded.producers !== undefined) return value;
  const unknown = Object.fromEntries(expanded.unsetVariables.map((name) => [name, UNKNOWN_VALUE]));
  const marked = expandToString(word, { ...scope, vars: dict(scope.vars, unknown) }, { assignment: true });
  // A path stays unknown (`/pgdata/extension/${PG_VERSION}/lib`): its known head says where it
  // starts, not which folder the unknown rest names below a data directory's mount.
  if (/^[/~]/.test(marked.value)) return UNKNOWN_VALUE;
  return marked.unsetVariables.length === 0 && marked.value.replaceAll(UNKNOWN_VALUE, '').trim() !== '' ? marked.value : UNKNOWN_VALUE;
}

function expandCollecting(walker: Walker, word: Word, state: WalkState): ExpandedWord[] {
  walkSubstitutions(walker, word.parts, state);
  const span = state.span;
  const words = expandWord(word, scopeOf(state), span?.pos ?? word.pos, span?.end ?? word.end);
  return words.some((expanded) => expanded.value.includes(UNKNOWN_VALUE)) ? words.map(markLoopUnknown) : words;
}

function expandsOutputVar(word: Word, state: WalkState): boolean {
  const names = state.outputVars;
  if (!names || names.size === 0 || !word.parts) return false;
  return word.parts.some(
    (part) => (part.type === 'SimpleExpansion' && names.has(part.text.slice(1))) || (part.type === 'ParameterExpansion' && names.has(part.parameter)),
  );
}

function markLoopUnknown(word: ExpandedWord): ExpandedWord {
  if (!word.value.includes(UNKNOWN_VALUE)) return word;
  return { ...word, value: word.value.replaceAll(UNKNOWN_VALUE, '*'), dynamic: true };
}

function stdinOf(walker: Walker, redirects: readonly Redirection[], state: WalkState, writer?: Command): StdinSource | undefined {
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
        // `done < <(ls -d /var/lib/postgresql/*)`: what the command is known to write, as in a pipe.
        const part = redirect.target.parts?.length === 1 ? redirect.target.parts[0] : undefined;
        const written = part?.type === 'ProcessSubstitution' ? substitutionOutput(part, state, walker) : undefined;
        if (written) {
          stdin = written;
          continue;
        }
        const target = expandToString(redirect.target, scopeOf(state));
        // A script the edge read (`bash < x.sh`, `ssh db1 'bash -s' < x.sh`): its text is the input.
        const text =
          state.host.kind === 'local' && !target.dynamic ? stdinFileText(state.cwd, target.value, walker.options.read ?? EMPTY_READ_FILES) : undefined;
        stdin = { kind: 'file', path: target.value, ...(text !== undefined ? { text } : {}) };
      }
      if (WRITE_OPERATORS.has(redirect.operator) && !(redirect.operator.endsWith('&') && /^\d+$|^-$/.test(redirect.target.value))) {
        emitRedirect(walker, redirect.target, state, APPEND_OPERATORS.has(redirect.operator), copiedFile(writer, state));
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
function emitRedirect(walker: Walker, target: Word, state: WalkState, append: boolean, copied?: readonly string[]): void {
  const [path] = expandWord(target, scopeOf(state), state.span?.pos ?? target.pos, state.span?.end ?? target.end);
  if (!path) return;
  const pseudo = append ? '(append)' : '(redirect)';
  const name: ExpandedWord = { ...path, value: pseudo, text: append ? '>>' : '>', dynamic: false, glob: false, unsetVariables: [], variables: [] };
  const invocation = { ...redirectInvocation(state, path), name: pseudo, command: name };
  // `cat FILE > TARGET` puts FILE's text in TARGET, as `cp FILE TARGET` does: rules about emptying
  // a file tell the copy apart by its via. Not when FILE is TARGET: the shell empties it before
  // cat or sed reads it (`sed '/x/d' /etc/passwd > /etc/passwd`).
  const cwd = state.cwd || '/';
  const copy = copied !== undefined && !copied.some((file) => resolvePath(cwd, file) === resolvePath(cwd, path.value)) ? copied : undefined;
  walker.invocations.push(copy !== undefined ? { ...invocation, via: [...invocation.via, `${COPY_OF} ${copy.join(' ')}`] } : invocation);
  markShared(state);
}

/** How a redirection that copies a file is reached (rules/filesystem/overwrite-system-file.yaml). */
const COPY_OF = 'copy of';

/** Commands whose output is computed from the files they are given: `cat FILE…`, and the script
 *  or program first (`sed SCRIPT FILE…`, `awk PROGRAM FILE…`). */
const FILE_WRITERS: Readonly<Record<string, number>> = table({ cat: 0, sed: 1, awk: 1, gawk: 1, mawk: 1 });

/** `cat FILE… > TARGET`, `sed 's/a/b/' FILE > TARGET`: the files whose text (or its edit) the
 *  redirection writes, when the words show them (no options, not /dev/null, /dev/zero or standard
 *  input). */
function copiedFile(writer: Command | undefined, state: WalkState): string[] | undefined {
  const name = writer?.name ? basename(writer.name.text) : undefined;
  const skip = name !== undefined ? own(FILE_WRITERS, name) : undefined;
  if (skip === undefined) return undefined;
  const all = writer!.suffix.filter((item): item is Word => item.type === 'Word');
  // An option changes what is read or written (`awk -F:`, `sed -n`, `cat -n`): not a plain copy.
  if (all.some((word) => word.text.startsWith('-'))) return undefined;
  const words = all.slice(skip);
  if (words.length === 0) return undefined;
  const files = words.flatMap((word) => expandWord(word, scopeOf(state)));
  if (files.some((file) => file.dynamic || file.value.startsWith('-') || file.value.startsWith('/dev/') || file.value === '')) return undefined;
  return files.map((file) => file.value);
}

/** An invocation that acts on one path (a redirection's target) where the state stands. */
function redirectInvocation(state: WalkState, path: ExpandedWord): Invocation {
  return {
    name: '',
    command: path,
    args: [path],
    env: state.vars,
    assigned: state.assigned,
    envUnknown: state.varsUnknown,
    cwd: state.cwd,
    host: state.host,
    via: state.via,
    pos: path.pos,
    end: path.end,
  };
}

function heredocText(body: { text: string; parts: readonly WordPart[] | undefined }, quoted: boolean, state: WalkState): string {
  if (quoted) return body.text;
  // An unquoted body with nothing to expand still loses its escapes, as bash reads it: `\$`,
  // `` \` `` and `\\` are the character, a backslash-newline joins lines (Oracle's `v\$session`).
  if (!body.parts) return body.text.replace(/\\\n/g, '').replace(/\\([$`\\])/g, '$1');
  const word = { type: 'Word', text: body.text, value: body.text, pos: 0, end: 0, parts: body.parts } as Word;
  return expandToString(word, scopeOf(state)).value;
}

function walkCommand(walker: Walker, command: Command, state: WalkState, pipeStdin?: StdinSource): void {
  const scope = () => scopeOf(state);
  // Inline `VAR=value` before a command changes only what that command sees; alone, it sets
  // a shell variable for the rest of the line.
  const inlineVars = dict<string>();
  for (const item of command.prefix) {
    if (item.type !== 'Assignment') continue;
    if (item.value.type === 'Word') {
      walkSubstitutions(walker, item.value.parts, state);
      // Prefix assignments apply left to right: `A=1 B=$A cmd` gives B=1.
      const prefixScope = Object.keys(inlineVars).length > 0 ? { ...scope(), vars: dict(state.vars, inlineVars) } : scope();
      const expanded = expandToString(item.value, prefixScope, { assignment: true });
      inlineVars[item.name] = assignedShape(item.value, expanded, prefixScope, state);
      // Alone (`NAMES=$(…)`), it sets the shell variable for the rest of the line.
      if (!command.name) noteOutputVar(state, item.name, expanded);
      if (!command.name) noteOutputProducers(state, item.name, expanded);
    } else if (!command.name) {
      assignArray(state, item.name, arrayElements(walker, item.value.elements, state), item.append ?? false);
    } else {
      inlineVars[item.name] = '';
    }
  }
  const stdin = stdinOf(walker, command.redirects, state, command) ?? pipeStdin ?? state.stdin;

  if (!command.name) {
    // `$(< FILE)` is bash's `$(cat FILE)`: recorded as that cat, so the edge reads FILE.
    const items = [...new Set([...command.prefix, ...command.redirects])];
    const only = items.length === 1 && items[0]!.type === 'Redirect' ? items[0] : undefined;
    if (only?.operator === '<' && only.target) {
      const [path] = expandWord(only.target, scopeOf(state), state.span?.pos ?? only.target.pos, state.span?.end ?? only.target.end);
      if (path && !path.dynamic) {
        const cat: ExpandedWord = { ...path, value: 'cat', text: 'cat', unsetVariables: [], variables: [] };
        walker.invocations.push({ ...redirectInvocation(state, path), name: 'cat', command: cat });
        markShared(state);
      }
    }
    // `m[pg]=/x` on an associative array sets that key.
    for (const item of command.prefix) {
      const map = item.type === 'Assignment' && item.index && own(state.maps, item.name);
      if (!map || item.type !== 'Assignment' || item.value.type !== 'Word') continue;
      const key = item.index!.value;
      assignMap(state, item.name, /[$`]/.test(key) || item.append ? undefined : dict(map, { [key]: inlineVars[item.name] ?? UNKNOWN_VALUE }));
      delete inlineVars[item.name];
    }
    // A nameref assigned writes the variable it stands for (`declare -n r=cmd; r=dropdb`).
    for (const name of Object.keys(inlineVars)) {
      const target = own(state.namerefs, name);
      if (target === undefined) continue;
      inlineVars[target] = inlineVars[name]!;
      delete inlineVars[name];
    }
    // `x[2]=v` changes one element (which one is not tracked); `x=v` replaces the array's first.
    for (const item of command.prefix) {
      if (item.type !== 'Assignment' || item.value.type !== 'Word' || !Object.hasOwn(state.arrays, item.name)) continue;
      const value = inlineVars[item.name] ?? UNKNOWN_VALUE;
      const index = item.index?.text;
      const current = [...(state.arrays[item.name] ?? [])];
      if (index !== undefined && /^\d+$/.test(index) && !item.append) current[Number(index)] = value;
      else if (index === undefined && !item.append) current[0] = value;
      else current.splice(0, current.length, UNKNOWN_VALUE);
      state.arrays = dict(state.arrays, { [item.name]: current.map((element) => element ?? '') });
    }
    // Copy on write: invocations already recorded keep the environment they saw; a run of
    // assignments with no command between them (configure scripts) copies once.
    setVariables(state, inlineVars);
    return;
  }

  // Environments are copied on write, so a command without inline assignments shares its state's.
  const hasInline = Object.keys(inlineVars).length > 0;
  const commandScope: WalkState = hasInline ? { ...state, vars: dict(state.vars, inlineVars), assigned: dict(state.assigned, inlineVars) } : state;
  const words: ExpandedWord[] = [];
  const assignmentArgs: { name: string; value: string }[] = [];
  // bash expands the command's words BEFORE its prefix assignments take effect: in
  // `TMPDIR=/tmp rm -rf $TMPDIR/*` the word is `$TMPDIR/*` of the shell as it was (unset → `/*`).
  for (const word of [command.name, ...command.suffix]) {
    if (word.type === 'Word') {
      // `declare -A m`: an empty associative array that `m[pg]=/x` fills.
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word.text) && declareFlags(words).includes('A')) assignMap(state, word.text, {});
      for (const expanded of expandCollecting(walker, word, state)) words.push(expanded);
    } else if (word.type === 'Assignment') {
      // `export A=b`, `declare A=b`, `local A=b`: arguments that are assignments.
      const flags = declareFlags(words);
      if (word.value.type !== 'Word') {
        if (flags.includes('A')) {
          // `declare -A m=([pg]=/x)`: an associative array, read back by key (`${m[pg]}`).
          const elements = word.value.elements.flatMap((element) => expandCollecting(walker, element, state));
          assignMap(state, word.name, word.append ? undefined : mapEntries(elements));
        } else assignArray(state, word.name, arrayElements(walker, word.value.elements, state), word.append ?? false);
        words.push(assignmentWord(word, `${word.name}=(…)`, state));
        continue;
      }
      const expanded = expandToString(word.value, scopeOf(state), { assignment: true });
      if (flags.includes('n') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(expanded.value) && !expanded.dynamic) {
        // `declare -n r=cmd`: r stands for cmd from now on ($r, ${r}, r=…).
        state.namerefs = dict(state.namerefs, { [word.name]: expanded.value });
        words.push(assignmentWord(word, `${word.name}=${expanded.value}`, state));
        continue;
      }
      const value = word.value.type === 'Word' ? assignedShape(word.value, expanded, scopeOf(state), state) : assignedValue(expanded, state);
      noteOutputVar(state, word.name, expanded);
      noteOutputProducers(state, word.name, expanded);
      if (word.value.type === 'Word') walkSubstitutions(walker, word.value.parts, state);
      assignmentArgs.push({ name: word.name, value });
      words.push(assignmentWord(word, `${word.name}=${value}`, state));
    }
  }
  const [commandWord, ...args] = words;
  if (!commandWord) return;

  applyBuiltinEffects(commandWord.value, args, assignmentArgs, state, commandScope, walker.options.envFiles);
  applyValueBuiltins(commandWord.value, args, stdin?.text, state);
  noteWrittenFiles(command.redirects, shownOutput(commandWord.value, args, stdin?.text), state);
  // `read d <<< /srv`, `echo /srv | read d` (in the same shell only for the herestring and a
  // redirection, but judged alike): the variables hold the input's first line.
  if (commandWord.value === 'read' && stdin?.text !== undefined) {
    const names = readTargets(args.map((arg) => arg.value));
    const line = stdin.text.split('\n').find((text) => text.trim() !== '');
    if (names && line !== undefined) setVariables(state, readValues(names, line));
  } else if (commandWord.value === 'read') {
    // Input the line does not show (`compgen -c | … | while read c; do $c -rf /`): the variables
    // hold what is read when it runs — unknown, not empty (`$c` is a command nobody can name).
    const names = readTargets(args.map((arg) => arg.value));
    if (names) setVariables(state, Object.fromEntries(names.map((name) => [name, UNKNOWN_VALUE])));
  }

  const argFile = basename(commandWord.value) === 'xargs' ? xargsArgFile(command, state, walker) : undefined;
  const invocation: Invocation = {
    name: basename(commandWord.value),
    command: commandWord,
    args: withCurrentBranch(basename(commandWord.value), args, state),
    env: markShared(commandScope).vars,
    assigned: commandScope.assigned,
    envUnknown: state.varsUnknown,
    cwd: state.cwd,
    host: state.host,
    via: state.via,
    pos: state.span?.pos ?? command.pos,
    end: state.span?.end ?? command.end,
    ...(argFile ? { stdin: argFile } : stdin ? { stdin } : {}),
    ...(state.session ? { session: state.session } : {}),
    ...(state.secretsFrom !== undefined ? { secretsFrom: state.secretsFrom } : {}),
    ...(state.nonEmpty ? { nonEmpty: state.nonEmpty } : {}),
  };
  if (unknownName(commandWord) || namesOutputVar(commandWord, state)) invocation.name = '';
  emit(walker, invocation, commandScope);
  emitSubstitutedArguments(walker, invocation, command, state, commandScope);
  emitShadow(walker, invocation, commandScope);
  callFunction(walker, invocation, commandScope);
  noteAliases(invocation, state);
  expandAlias(walker, invocation, commandScope, state);
}

/**
 * `git checkout main && git push -f`: a push with no refspec pushes the branch the line switched
 * to, so it is read as naming it (`git push -f main`) and judged as that push is.
 */
function withCurrentBranch(name: string, args: ExpandedWord[], state: WalkState): ExpandedWord[] {
  const branch = state.session?.gitBranch;
  if (name !== 'git' || branch === undefined || args.length === 0 || !pushesCurrentBranch(args)) return args;
  const last = args[args.length - 1]!;
  const named = (value: string): ExpandedWord => ({ ...last, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  // With no remote written, git pushes to the branch's upstream remote: shown as `(upstream)`.
  return [...args, ...(namesRemote(args) ? [] : [named('(upstream)')]), named(branch)];
}

/** `alias nuke='rm -rf /data'`: the aliases the line defines, for the commands after it. */
function noteAliases(invocation: Invocation, state: WalkState): void {
  if (invocation.name !== 'alias' || invocation.command.dynamic) return;
  for (const arg of invocation.args) {
    const match = /^([^\s=/$`'"]+)=([\s\S]*)$/.exec(arg.value);
    if (match && !arg.dynamic) state.aliases = dict(state.aliases, { [match[1]!]: match[2]! });
  }
}

/**
 * `alias nuke='rm -rf /data'; nuke`: a command word the line made an alias runs the alias's text
 * with the rest of the words. Bash expands aliases when it reads a line, so within one typed line
 * the definition comes too late — but the same text pasted as two lines, a script with
 * `expand_aliases`, or zsh run it: judged as the expansion, cautiously. A quoted word is not
 * expanded (`\nuke`, `'nuke'`), as in bash.
 */
function expandAlias(walker: Walker, invocation: Invocation, scope: WalkState, state: WalkState): void {
  const name = invocation.command;
  const text = name.dynamic || name.text !== name.value ? undefined : own(state.aliases, name.value);
  if (text === undefined || own(state.functions, name.value) || state.depth >= MAX_DEPTH) return;
  const line = [text, ...invocation.args.map((arg) => arg.text)].join(' ');
  const evalWord = { ...name, value: 'eval', text: 'eval' };
  emit(
    walker,
    { ...invocation, name: 'eval', command: evalWord, args: [{ ...name, value: line, text: line }], via: [...invocation.via, `alias ${name.value}`] },
    scope,
  );
}

/**
 * `printf 'rm -rf /' > x.sh`, `cat > f <<EOF … EOF`: the file holds that text for the rest of the
 * line, so a later `bash x.sh` runs it. A write whose text is not shown forgets what was known.
 */
function noteWrittenFiles(redirects: readonly Redirection[], output: string | undefined, state: WalkState): void {
  if (state.host.kind !== 'local') return;
  for (const redirect of redirects) {
    if (redirect.type === 'HereDoc' || redirect.type === 'HereString' || !redirect.target) continue;
    const fd = redirect.descriptor?.type === 'FileDescriptor' ? redirect.descriptor.value : undefined;
    if (!['>', '>|', '>>', '&>', '&>>'].includes(redirect.operator) || (fd !== undefined && fd !== 1)) continue;
    const target = expandToString(redirect.target, scopeOf(state));
    if (target.dynamic || (!target.value.startsWith('/') && !state.cwd)) continue;
    const path = envFilePath(state.cwd, target.value);
    const written = dict(state.written);
    const before = APPEND_OPERATORS.has(redirect.operator) ? written[path] : '';
    if (output === undefined || before === undefined) delete written[path];
    else written[path] = before + output;
    state.written = written;
  }
}

/**
 * `xargs -a FILE` (`--arg-file`) reads its items from FILE, not standard input: `xargs -a <(echo /)
 * rm -rf` removes /, as `echo / | xargs rm -rf` does.
 */
/** GNU xargs options whose value may be the next word (`-d ,`, `-n 1`, `-P 4`). */
const XARGS_SEPARATE_VALUES = new Set([
  '-a',
  '--arg-file',
  '-d',
  '--delimiter',
  '-E',
  '-I',
  '-L',
  '-n',
  '--max-args',
  '-P',
  '--max-procs',
  '-s',
  '--max-chars',
  '--process-slot-var',
]);

function xargsArgFile(command: Command, state: WalkState, walker: Walker): StdinSource | undefined {
  const words = command.suffix;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.type !== 'Word') continue;
    // Options end at the command xargs runs: `xargs rm -a x` passes -a to rm.
    if (!word.text.startsWith('-')) return undefined;
    if (XARGS_SEPARATE_VALUES.has(word.text) && word.text !== '-a' && word.text !== '--arg-file') {
      i++;
      continue;
    }
    const attached = /^(-a|--arg-file=)(.+)$/.exec(word.text);
    const file = attached ? undefined : ['-a', '--arg-file'].includes(word.text) ? words[i + 1] : undefined;
    if (!attached && file?.type !== 'Word') continue;
    const fileWord = attached ? word : file?.type === 'Word' ? file : undefined;
    const part = fileWord?.parts?.at(-1);
    const inner = part?.type === 'ProcessSubstitution' && part.script?.commands.length === 1 ? part.script.commands[0]!.command : undefined;
    if (inner && inner.type !== 'AndOr' && inner.type !== 'Pipeline') return pipeFrom(inner as CommandNode, state, walker);
    // A named file: its lines, when the edge read it; else judged as before, on what the line shows.
    const expanded = fileWord ? expandToString(fileWord, scopeOf(state)) : undefined;
    // `-aFILE`, `--arg-file=FILE`: the word holds the option too.
    const path = expanded && !expanded.dynamic ? (attached ? expanded.value.replace(/^(-a|--arg-file=)/, '') : expanded.value) : undefined;
    const text = path && state.host.kind === 'local' ? stdinFileText(state.cwd, path, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state)) : undefined;
    return text === undefined ? undefined : { kind: 'file', path: path!, text, items: text.split(/\s+/).filter(Boolean) };
  }
  return undefined;
}

/** The files the edge read, with what the line itself wrote over them. */
function filesSeen(read: ReadFiles, state: WalkState): ReadFiles {
  if (!state.written || Object.keys(state.written).length === 0) return read;
  return { ...read, scripts: { ...read.scripts, ...state.written } };
}

/** Record an invocation, then look inside it: wrappers run another command or a script. */
function emit(walker: Walker, invocation: Invocation, state: WalkState): void {
  walker.invocations.push(invocation);
  if (state.depth > MAX_DEPTH) return;
  const inner = [
    ...unwrapInvocation(invocation, walker.options.envFiles ?? {}, walker.options.userHomes ?? {}, walker.options.emptyDirectories ?? []),
    ...interpreterSteps(invocation, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state)),
    ...parallelSteps(invocation, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state)),
    ...runnerSteps(invocation),
    ...fileSteps(invocation, filesSeen(walker.options.read ?? EMPTY_READ_FILES, state)),
  ];
  for (const step of inner) {
    const nextState: WalkState = {
      ...state,
      vars: dict(step.env ?? invocation.env),
      assigned: dict(step.assigned ?? invocation.assigned),
      host: step.host ?? invocation.host,
      varsUnknown: step.envUnknown ?? state.varsUnknown,
      cwd: step.cwd ?? invocation.cwd,
      ...((step.secretsFrom ?? invocation.secretsFrom) !== undefined ? { secretsFrom: step.secretsFrom ?? invocation.secretsFrom } : {}),
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
      if (!step.sameShell) nextState.arrays = dict();
      if (step.positional) nextState.positional = step.positional;
      else if (!step.sameShell) delete nextState.positional;
      walkSource(walker, step.text, nextState);
    } else {
      const [commandWord, ...args] = step.words;
      if (!commandWord) continue;
      const shadowNeeded = unknownName(commandWord);
      const next: Invocation = {
        name: shadowNeeded ? '' : basename(commandWord.value),
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
        ...(nextState.secretsFrom !== undefined ? { secretsFrom: nextState.secretsFrom } : {}),
        ...(step.stdin ? { stdin: step.stdin } : invocation.stdin && step.keepStdin ? { stdin: invocation.stdin } : {}),
      };
      emit(walker, next, nextState);
      if (shadowNeeded) emitShadow(walker, next, nextState);
    }
  }
}

/** The option letters given so far to `declare`/`typeset`/`local` (`-A`, `-n`, `-rA`); none for other commands. */
function declareFlags(words: readonly ExpandedWord[]): string {
  const command = words[0]?.value;
  if (command !== 'declare' && command !== 'typeset' && command !== 'local') return '';
  return words
    .slice(1)
    .filter((word) => /^-[A-Za-z]+$/.test(word.value))
    .map((word) => word.value.slice(1))
    .join('');
}

/** A command word whose name cannot be known: computed, and not a path (`"$DIR"/bin/x` is x). */
function unknownName(commandWord: ExpandedWord): boolean {
  return commandWord.dynamic && (!commandWord.value.includes('/') || commandWord.wholeSubstitution === true);
}

/** Lint: `$x` alone where x holds a command's output (`x=$(curl …)`; its text is kept in lint). */
function namesOutputVar(commandWord: ExpandedWord, state: WalkState): boolean {
  const only = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(commandWord.text);
  return only !== null && (state.outputVars?.has(only[1]!) ?? false);
}

/**
 * `rm -rf $(ls -d /var/lib/postgresql/16/main/*)`, `rm $(find /var/lib/mysql -name '*.ibd')`: an
 * unquoted `$(…)` argument is split into the words its command writes, as `… | xargs rm -rf`
 * reads them. When the line shows what that is (a listing's `DIR/*`, echo's or a file's words),
 * the command is judged again with those words in place of the substitution.
 */
function emitSubstitutedArguments(walker: Walker, invocation: Invocation, command: Command, state: WalkState, scope: WalkState): void {
  if (invocation.name === '' || !command.suffix.some(isWholeSubstitution)) return;
  const args: ExpandedWord[] = [];
  const shown: string[] = [];
  let namesProcesses = false;
  for (const word of command.suffix) {
    if (word.type !== 'Word') return;
    const expanded = expandWord(word, scopeOf(state), state.span?.pos ?? word.pos, state.span?.end ?? word.end);
    // Output the expansion already knows (`$(echo /)`) was judged in the first reading.
    const output =
      isWholeSubstitution(word) && expanded.some((each) => each.dynamic)
        ? substitutionOutput(word.parts![0] as CommandExpansionPart, state, walker)
        : undefined;
    // `kill -9 $(pgrep -f postgres)`: ids of named processes, which the kill wrapper reads as
    // the pkill they amount to (only where kill is among the words: elsewhere ids are just ids).
    if (output?.processes !== undefined && output.items === undefined && killsProcesses(invocation)) {
      args.push(...expanded.map((each) => ({ ...each, processIds: output.processes })));
      namesProcesses = true;
      continue;
    }
    // `redis-cli DEL $(redis-cli KEYS 'session:*')`: every key the listing prints.
    if (output?.items === undefined && output?.producer !== undefined && listsRedisKeys(output.producer)) {
      args.push(...expanded);
      shown.push(`${KEYS_LISTED_BY} ${word.text}`);
      continue;
    }
    if (output?.items === undefined) {
      args.push(...expanded);
      continue;
    }
    shown.push(word.text);
    for (const item of output.items.slice(0, MAX_LIST_LENGTH))
      args.push({ ...invocation.command, value: item, text: word.text, dynamic: false, glob: item.includes('*'), unsetVariables: [], variables: [] });
  }
  if (shown.length === 0 && !namesProcesses) return;
  // Words are expanded as the first reading did (before the prefix assignments); the command runs
  // with them. The kill wrapper names the ids' substitution itself.
  emit(walker, { ...invocation, args, via: shown.length > 0 ? [...invocation.via, shown.join(' ')] : invocation.via }, scope);
}

/** `kill …`, `sudo kill …`, `timeout 5 kill …`. */
function killsProcesses(invocation: Invocation): boolean {
  return invocation.name === 'kill' || invocation.args.some((arg) => arg.value === 'kill');
}

type CommandExpansionPart = Extract<WordPart, { type: 'CommandExpansion' }>;
type ProcessSubstitutionPart = Extract<WordPart, { type: 'ProcessSubstitution' }>;

/** An unquoted word that is one `$(…)` and nothing else: split into the words it writes. */
function isWholeSubstitution(word: Command['suffix'][number]): boolean {
  return word.type === 'Word' && word.parts?.length === 1 && word.parts[0]!.type === 'CommandExpansion' && word.parts[0]!.script !== undefined;
}

/** What a `$(…)` or `<(…)` writes, when it is one command or pipeline (see pipeFrom). */
function substitutionOutput(part: CommandExpansionPart | ProcessSubstitutionPart, state: WalkState, walker: Walker): StdinSource | undefined {
  const statements = part.script?.commands ?? [];
  if (statements.length !== 1) return undefined;
  const node = statements[0]!.command;
  if (node.type === 'AndOr') return undefined;
  if (node.type !== 'Pipeline') return pipeFrom(node, state, walker);
  let output: StdinSource | undefined;
  for (const stage of node.commands) output = pipeFrom(stage, state, walker, output);
  return output;
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
