// From tokens to effects: a call to a known sink with literal arguments becomes the shell line,
// argv or deletion it performs. Arguments are folded from literal pieces (`"rm -rf " + "/"`,
// Perl's `.`); anything else is dynamic.

import type { CodeEffect } from './effects.js';
import { sinkOf, type Language } from './sinks.js';
import path from 'node:path';
import { tokenize, type Token } from './tokens.js';
import { RMDIR, RM_FILE, RM_RECURSIVE, environmentReference } from './effects.js';
import { appDatabaseEffects, databaseEffects, serverCommandEffects, type DriverCall, type DriverValue } from './databases.js';
import { table } from '../../util/dict.js';

export type Argument =
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: string[] }
  | { kind: 'dynamic' }
  | { kind: 'keyword'; name: string; value: string }
  /** `ENV["REDIS_URL"]`, `$ENV{X}`, `os.environ["X"]`: the environment's value, filled in by the caller. */
  | { kind: 'env'; name: string };

const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'zsh', 'dash', '/usr/bin/env bash']);
const MAX_DEPTH = 4;

function matching(tokens: readonly Token[], open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (pairs[t.value]) stack.push(pairs[t.value]!);
    else if (t.value === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return tokens.length;
}

function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'punct' && '([{'.includes(t.value)) depth++;
    if (t.type === 'punct' && ')]}'.includes(t.value)) depth--;
    // `rm(p; recursive=true)`: Julia's keyword arguments follow a `;`.
    if (depth === 0 && t.type === 'punct' && (t.value === ',' || t.value === ';')) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

function foldString(tokens: readonly Token[]): string | undefined {
  let value = '';
  let expectString = true;
  for (const t of tokens) {
    if (expectString && t.type === 'string' && !t.dynamic) {
      value += t.value;
      expectString = false;
    } else if (!expectString && t.type === 'punct' && (t.value === '+' || t.value === '.')) expectString = true;
    else if (!expectString && t.type === 'string' && !t.dynamic)
      value += t.value; // Python's implicit concatenation
    else return undefined;
  }
  return expectString ? undefined : value;
}

/** Calls that return the paths matching a pattern (or joined from parts) as the code names them. */
const GLOB_CALLS = new Set(['glob.glob', 'glob.iglob', 'glob', 'Dir.glob', 'Dir']);
const JOIN_CALLS = new Set(['os.path.join', 'posixpath.join', 'File.join', 'pathlib.Path', 'Path', 'PurePath', 'pathlib.PurePath', 'Pathname.new']);

/** Calls that walk a directory (`os.walk(root)`: root, subdirectories, files) or list its entry names (`os.listdir`). */
const WALK_CALLS = new Set(['os.walk']);
const ENTRY_NAME_CALLS = new Set(['os.listdir']);

/** `os.walk("/x")` / `os.listdir("/x")` over a literal (or bound) directory. */
function walkOf(tokens: readonly Token[], bindings: Bindings): { root: string; entries: boolean } | undefined {
  const [name, open] = tokens;
  if (name?.type !== 'name' || open?.value !== '(' || matching(tokens, 1) !== tokens.length - 1) return undefined;
  const walk = WALK_CALLS.has(name.value);
  if (!walk && !ENTRY_NAME_CALLS.has(name.value)) return undefined;
  const [first] = splitTopLevel(tokens.slice(2, -1));
  const root = first === undefined ? undefined : (foldString(first) ?? boundName(first, bindings));
  return root === undefined ? undefined : { root, entries: !walk };
}

/** pathlib's methods that list a directory's entries. */
const DIRECTORY_LISTINGS = new Set(['glob', 'rglob', 'iterdir']);

/** Names the code binds to a literal path or a glob's pattern before using them. */
export type Bindings = ReadonlyMap<string, string>;

/** `glob.glob("/x/*")` → "/x/*"; `os.path.join("/", "etc")` → "/etc"; `Dir["/x/*"]` → "/x/*". */
function pathCall(tokens: readonly Token[], bindings: Bindings): string | undefined {
  const [name, open] = tokens;
  // pathlib: `Path("/x").glob("*.ibd")`, `.rglob("*")`, `.iterdir()`: the paths under the directory.
  const close = open?.type === 'punct' && open.value === '(' ? matching(tokens, 1) : -1;
  const method = close > 0 && tokens[close + 1]?.value === '.' ? tokens[close + 2] : undefined;
  if (method?.type === 'name' && name?.type === 'name' && JOIN_CALLS.has(name.value) && DIRECTORY_LISTINGS.has(method.value)) {
    const base = pathCall(tokens.slice(0, close + 1), bindings);
    const call = tokens.slice(close + 3);
    if (base === undefined || call[0]?.value !== '(' || matching(call, 0) !== call.length - 1) return undefined;
    const args = splitTopLevel(call.slice(1, -1)).map((part) => foldString(part));
    if (method.value === 'iterdir') return args.length === 0 ? path.posix.join(base, '*') : undefined;
    if (args.length !== 1 || args[0] === undefined) return undefined;
    return method.value === 'rglob' ? path.posix.join(base, '**', args[0]) : path.posix.join(base, args[0]);
  }
  // Perl's list operator without parentheses: `glob "/x/*"`.
  if (tokens.length === 2 && name?.type === 'name' && name.value === 'glob' && open?.type === 'string') return open.value;
  if (name?.type !== 'name' || open?.type !== 'punct' || (open.value !== '(' && open.value !== '[')) return undefined;
  if (matching(tokens, 1) !== tokens.length - 1) return undefined;
  const parts = splitTopLevel(tokens.slice(2, -1)).map((part) => foldString(part) ?? boundName(part, bindings));
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  if (GLOB_CALLS.has(name.value) && parts.length === 1) return parts[0];
  if (JOIN_CALLS.has(name.value)) return path.posix.join(...(parts as string[]));
  return undefined;
}

function boundName(tokens: readonly Token[], bindings: Bindings): string | undefined {
  return tokens.length === 1 && tokens[0]!.type === 'name' ? bindings.get(tokens[0]!.value) : undefined;
}

function argumentOf(tokens: readonly Token[], bindings: Bindings = new Map()): Argument {
  const bound = boundName(tokens, bindings) ?? pathCall(tokens, bindings);
  if (bound !== undefined) return { kind: 'string', value: bound };
  const env = environmentOf(tokens);
  if (env !== undefined) return { kind: 'env', name: env };
  const [first, second] = tokens;
  if (first?.type === 'name' && second?.type === 'punct' && (second.value === '=' || second.value === '=>' || second.value === ':')) {
    return {
      kind: 'keyword',
      name: first.value.replace(/^:/, ''),
      value: tokens
        .slice(2)
        .map((t) => t.value)
        .join(''),
    };
  }
  if (first?.type === 'punct' && (first.value === '[' || first.value === '(') && matching(tokens, 0) === tokens.length - 1) {
    // `["psql", os.environ["DATABASE_URL"], …]`: the environment's value, filled in by the caller.
    const items = splitTopLevel(tokens.slice(1, -1)).map((item) => {
      const env = environmentOf(item);
      return foldString(item) ?? (env === undefined ? undefined : environmentReference(env));
    });
    return items.every((item): item is string => item !== undefined) ? { kind: 'list', values: items } : { kind: 'dynamic' };
  }
  // R's vector `c("-rf", "/x")`.
  if (first?.type === 'name' && first.value === 'c' && second?.value === '(' && matching(tokens, 1) === tokens.length - 1) {
    const items = splitTopLevel(tokens.slice(2, -1)).map(foldString);
    return items.every((item): item is string => item !== undefined) ? { kind: 'list', values: items } : { kind: 'dynamic' };
  }
  const value = foldString(tokens);
  return value === undefined ? { kind: 'dynamic' } : { kind: 'string', value };
}

export function effectsOfCall(language: Language, chain: string, args: Argument[], depth: number): CodeEffect[] {
  const sink = sinkOf(language, chain);
  if (!sink) return [];
  // An environment read is a word of a program's argument list (filled in by the caller); as the
  // program, code or path itself it is a value nobody can see here.
  const positional = args.filter((a) => a.kind !== 'keyword').map((a, index): Argument => (a.kind === 'env' && index === 0 ? { kind: 'dynamic' } : a));
  const shellTrue = args.some((a) => a.kind === 'keyword' && a.name === 'shell' && /^true$/i.test(a.value));
  const [first] = positional;
  if (!first) return [];
  if (sink.kind === 'code') {
    return first.kind === 'string' ? analyzeCode(first.value, language, depth + 1) : [{ kind: 'dynamic', sink: sink.name }];
  }
  if (sink.kind === 'delete') {
    // A path computed at run time (`shutil.rmtree(sys.argv[1])`) is a deletion nobody can see.
    if (first.kind === 'dynamic') return [{ kind: 'dynamic', sink: sink.name }];
    // R's `unlink(x, recursive = TRUE)`, Julia's `rm(x; recursive=true)`: a tree.
    const recursive = args.some((a) => a.kind === 'keyword' && a.name === 'recursive' && /^(TRUE|T|true)$/.test(a.value));
    const spec = recursive ? RM_RECURSIVE : sink.spec!;
    if (spec.mode) {
      const mode = args.find((a) => a.kind === 'keyword' && a.name === 'mode') ?? positional[spec.mode.argument];
      const text = mode?.kind === 'string' || mode?.kind === 'keyword' ? mode.value.replace(/^['"]|['"]$/g, '') : undefined;
      if (text === undefined || !spec.mode.writes.test(text)) return [];
    }
    return first.kind === 'string' ? [{ kind: 'argv', words: [...spec.argv, first.value], sink: sink.name }] : [];
  }
  if (first.kind === 'dynamic') return [{ kind: 'dynamic', sink: sink.name }];
  if (first.kind === 'list') return [{ kind: 'argv', words: first.values, sink: sink.name }];
  if (first.kind !== 'string') return [];
  // `system "rm", "-rf", "/"` (Perl/Ruby list form) runs the program without a shell.
  const rest = positional
    .slice(1)
    .flatMap((a) => (a.kind === 'string' ? [{ value: a.value }] : a.kind === 'env' ? [{ value: environmentReference(a.name) }] : []));
  if (sink.kind === 'argv' && !shellTrue) {
    const list = positional[1]?.kind === 'list' ? positional[1].values : rest.map((a) => a.value);
    // A single string without shell=True names a program; judging it as a line over-approximates.
    return list.length > 0 ? [{ kind: 'argv', words: [first.value, ...list], sink: sink.name }] : [{ kind: 'shell', text: first.value, sink: sink.name }];
  }
  if (rest.length > 0 && (language === 'perl' || language === 'ruby'))
    return [{ kind: 'argv', words: [first.value, ...rest.map((a) => a.value)], sink: sink.name }];
  // Ruby's IO.popen / Perl's open: a leading `|` or trailing `|` marks the pipe.
  return [{ kind: 'shell', text: first.value.replace(/^\s*\|\s*|\s*\|\s*$/g, ''), sink: sink.name }];
}

/** Effects of a piece of code in a tokenized language (everything but JavaScript). */
export function analyzeCode(code: string, language: Language, depth = 0, options: { appDatabase?: boolean } = {}): CodeEffect[] {
  if (depth > MAX_DEPTH) return [{ kind: 'dynamic', sink: 'nested code' }];
  const tokens = tokenize(code, language);
  const bindings = bindingsOf(tokens);
  const aliases = language === 'python' ? pythonImportAliases(tokens) : new Map<string, string>();
  const effects: CodeEffect[] = [];
  const driverCalls: DriverCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'string' && t.command) {
      effects.push(t.dynamic ? { kind: 'dynamic', sink: 'backticks' } : { kind: 'shell', text: t.value, sink: 'backticks' });
      continue;
    }
    // awk: `print "rm -rf /" | "sh"`, `print "FLUSHALL" | "redis-cli"` and `"cmd" | getline`.
    // The command may be a variable the program assigned a literal: `cmd = "dropdb app"; cmd | getline`.
    if (language === 'awk' && t.type === 'punct' && t.value === '|') {
      const next = tokens[i + 1];
      const previous = tokens[i - 1];
      const command = awkCommand(next, bindings);
      if (command !== undefined && !(tokens[i + 2]?.type === 'name' && tokens[i + 2]!.value === 'getline')) {
        const printed = awkPrinted(tokens, i, bindings);
        if (SHELLS.has(command.trim())) {
          if (printed && printed.pieces.length > 0) effects.push({ kind: 'shell', text: printed.pieces.join(' '), sink: 'print | sh' });
        } else if (printed) {
          // The command runs under sh with what the program prints on its standard input.
          const input = printed.literal ? { text: `${printed.pieces.join(printed.format ? '' : ' ')}${printed.format ? '' : '\n'}` } : {};
          effects.push({ kind: 'shell', text: command, sink: 'print | command', input });
        }
      } else if (next?.type === 'name' && next.value === 'getline') {
        const source = awkCommand(previous, bindings);
        if (source !== undefined) effects.push({ kind: 'shell', text: source, sink: 'getline' });
        else if (previous?.type === 'name' || previous?.type === 'string') effects.push({ kind: 'dynamic', sink: 'getline' });
      }
      continue;
    }
    if (t.type !== 'name') continue;
    const next = tokens[i + 1];
    // `__import__('os').system(…)`: the module named by a string.
    let chain = unaliased(t.value, aliases);
    if (next?.type === 'punct' && next.value === '(' && (chain === '__import__' || chain === 'require' || chain === 'importlib.import_module')) {
      const close = matching(tokens, i + 1);
      const inner = tokens[i + 2];
      const after = tokens[close + 1];
      if (inner?.type === 'string' && after?.type === 'punct' && after.value === '.' && tokens[close + 2]?.type === 'name') {
        chain = `${inner.value}.${tokens[close + 2]!.value}`;
        i = close + 2;
      } else continue;
    }
    const open = tokens[i + 1];
    if (open?.type === 'punct' && open.value === '(') {
      const close = matching(tokens, i + 1);
      const parts = splitTopLevel(tokens.slice(i + 2, close));
      const args = parts.map((part) => argumentOf(part, bindings));
      effects.push(...effectsOfCall(language, chain, args, depth));
      effects.push(...callbackEffects(language, chain, parts, bindings, aliases, depth));
      driverCalls.push(driverCallOf(chain, isMethodCall(tokens, i), parts, bindings));
      // pathlib: `Path("/etc/x").unlink()`, `.rmdir()`; Ruby's `Pathname.new(p).rmtree`.
      const method = tokens[close + 1]?.value === '.' ? tokens[close + 2] : undefined;
      const target = pathCall(tokens.slice(i, close + 1), bindings);
      const spec = method?.type === 'name' ? PATH_METHODS[method.value] : undefined;
      // `p.unlink()` where p is a path the code bound (`for p in Path("/x").glob("*")`).
      const dot = chain.lastIndexOf('.');
      const receiver = dot > 0 ? bindings.get(chain.slice(0, dot)) : undefined;
      const own = dot > 0 ? BOUND_PATH_METHODS[chain.slice(dot + 1)] : undefined;
      if (receiver !== undefined && own && (language === 'python' || language === 'ruby'))
        effects.push({ kind: 'argv', words: [...own.argv, receiver], sink: chain });
      if (spec && JOIN_CALLS.has(chain)) {
        effects.push(
          target !== undefined
            ? { kind: 'argv', words: [...spec.argv, target], sink: `${chain}.${method!.value}` }
            : { kind: 'dynamic', sink: `${chain}.${method!.value}` },
        );
      }
      continue;
    }
    // Ruby/Perl/PHP call without parentheses: `system "rm -rf /"`, `unlink "/etc/passwd"`.
    // Perl's `unlink glob("/x/*")`: a list operator whose argument is a glob call.
    const globArgument = open?.type === 'name' && GLOB_CALLS.has(open.value) && (tokens[i + 2]?.value === '(' || tokens[i + 2]?.type === 'string');
    // Perl/Ruby list operators on computed lists: `unlink map { … } readdir $d`, `system $cmd`.
    const listArgument =
      (language === 'perl' || language === 'ruby') &&
      open?.type === 'name' &&
      !['=', '.'].includes(tokens[i - 1]?.value ?? '') &&
      sinkOf(language, chain) !== undefined;
    if (language !== 'python' && (open?.type === 'string' || globArgument || listArgument)) {
      const argTokens: Token[] = [];
      let j = i + 1;
      let depth = 0;
      while (
        j < tokens.length &&
        !(depth === 0 && tokens[j]!.type === 'punct' && [';', ')', '}', '\n'].includes(tokens[j]!.value)) &&
        !(tokens[j]!.type === 'name' && ['or', 'and', 'if', 'unless'].includes(tokens[j]!.value))
      ) {
        if (tokens[j]!.type === 'punct' && '([{'.includes(tokens[j]!.value)) depth++;
        else if (tokens[j]!.type === 'punct' && ')]}'.includes(tokens[j]!.value)) depth--;
        argTokens.push(tokens[j]!);
        j++;
      }
      const parts = splitTopLevel(argTokens);
      const listed = language === 'perl' ? readdirOf(argTokens, bindings) : undefined;
      effects.push(
        ...effectsOfCall(language, chain, listed !== undefined ? [{ kind: 'string', value: listed }] : parts.map((part) => argumentOf(part, bindings)), depth),
      );
      driverCalls.push(driverCallOf(chain, isMethodCall(tokens, i), parts, bindings));
    }
  }
  effects.push(...databaseEffects(language, driverCalls));
  effects.push(...serverCommandEffects(language, driverCalls));
  if (options.appDatabase) effects.push(...appDatabaseEffects(language, driverCalls));
  return effects;
}

/**
 * Calls that call another function by name on their arguments: PHP's `array_map("unlink", $files)`,
 * `call_user_func("system", $line)`, Python's `map(os.remove, glob.glob(…))`. `callback` is the
 * argument naming the function; `rest` is where the arguments it receives start (`items`: one list
 * whose elements it receives one at a time, which a pattern such as a glob stands for).
 */
const CALLBACK_CALLS: Readonly<Partial<Record<Language, Readonly<Record<string, { callback: number; arguments: number[] }>>>>> = {
  php: {
    array_map: { callback: 0, arguments: [1] },
    array_walk: { callback: 1, arguments: [0] },
    call_user_func: { callback: 0, arguments: [1, 2, 3] },
    call_user_func_array: { callback: 0, arguments: [1] },
    array_filter: { callback: 1, arguments: [0] },
  },
  python: { map: { callback: 0, arguments: [1] } },
  perl: {},
};

function callbackEffects(
  language: Language,
  chain: string,
  parts: readonly Token[][],
  bindings: Bindings,
  aliases: ReadonlyMap<string, string>,
  depth: number,
): CodeEffect[] {
  const spec = CALLBACK_CALLS[language]?.[chain];
  if (!spec) return [];
  const named = parts[spec.callback];
  const only = named?.length === 1 ? named[0]! : undefined;
  const callee = only?.type === 'string' && !only.dynamic ? only.value : only?.type === 'name' ? unaliased(only.value, aliases) : undefined;
  if (callee === undefined) return [];
  const received = spec.arguments.map((index) => parts[index]).filter((part): part is Token[] => part !== undefined);
  return effectsOfCall(
    language,
    callee,
    received.map((part) => argumentOf(part, bindings)),
    depth,
  );
}

/** What an awk `print`/`printf` before the `|` at `bar` writes: its string pieces, and whether that is all of it. */
function awkPrinted(tokens: readonly Token[], bar: number, bindings: Bindings): { pieces: string[]; literal: boolean; format: boolean } | undefined {
  const pieces: string[] = [];
  let literal = true;
  for (let j = bar - 1; j >= 0; j--) {
    const piece = tokens[j]!;
    if (piece.type === 'name' && (piece.value === 'print' || piece.value === 'printf')) return { pieces, literal, format: piece.value === 'printf' };
    if (piece.type === 'punct' && [';', '{', '}'].includes(piece.value)) break;
    const value = awkCommand(piece, bindings);
    if (value !== undefined) pieces.unshift(value);
    else if (!(piece.type === 'punct' && piece.value === ',')) literal = false;
  }
  // No print before the pipe: the existing reading (any strings up to the statement's start).
  return pieces.length > 0 ? { pieces, literal: false, format: false } : undefined;
}

/** An awk string: a literal, or a variable the program assigned one literal (`cmd = "dropdb app"`). */
function awkCommand(token: Token | undefined, bindings: Bindings): string | undefined {
  if (token?.type === 'string') return token.dynamic ? undefined : token.value;
  return token?.type === 'name' ? bindings.get(token.value) : undefined;
}

/** `x.execute(…)` after a call (`conn.cursor().execute`), or PHP/Perl's `->`. */
function isMethodCall(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  if (before?.type === 'punct' && before.value === '.') return true;
  return before?.type === 'punct' && before.value === '>' && tokens[at - 2]?.value === '-';
}

/** Reading the environment: `os.environ["X"]`, `os.getenv("X")`, `ENV["X"]`, `ENV.fetch("X")`, Perl's `$ENV{X}`, PHP's `getenv("X")`. */
const ENV_INDEXES = new Set(['os.environ', 'environ', 'ENV', '$ENV', '$_ENV', '$_SERVER']);
const ENV_GETTERS = new Set(['os.environ.get', 'environ.get', 'os.getenv', 'getenv', 'ENV.fetch', 'ENV.[]']);
/** Calls that only mark a literal as SQL: SQLAlchemy's `text("…")`, psycopg's `sql.SQL("…")`. */
const SQL_TEXT_CALLS = new Set(['text', 'sqlalchemy.text', 'sql.SQL', 'psycopg.sql.SQL', 'psycopg2.sql.SQL']);

/** The variable `os.environ["X"]`, `os.getenv("X")`, `ENV["X"]`, `$ENV{X}` reads. */
function environmentOf(tokens: readonly Token[]): string | undefined {
  const [name, open, inner, close] = tokens;
  if (name?.type !== 'name' || tokens.length !== 4 || (inner?.type !== 'string' && inner?.type !== 'name')) return undefined;
  const bracketed = (open?.value === '[' && close?.value === ']') || (open?.value === '{' && close?.value === '}');
  if (ENV_INDEXES.has(name.value) && bracketed) return inner.value;
  if (ENV_GETTERS.has(name.value) && open?.value === '(' && close?.value === ')' && inner.type === 'string') return inner.value;
  return undefined;
}

function driverValueOf(tokens: readonly Token[], bindings: Bindings): DriverValue {
  const [name, open, inner] = tokens;
  const env = environmentOf(tokens);
  if (env !== undefined) return { kind: 'env', name: env };
  if (name?.type === 'name' && open?.value === '(' && inner?.type === 'string' && matching(tokens, 1) === tokens.length - 1) {
    if (ENV_GETTERS.has(name.value)) return { kind: 'env', name: inner.value };
    if (SQL_TEXT_CALLS.has(name.value) && tokens.length === 4 && !inner.dynamic) return { kind: 'string', value: inner.value };
  }
  const argument = argumentOf(tokens, bindings);
  return argument.kind === 'string' ? { kind: 'string', value: argument.value } : { kind: 'dynamic' };
}

function driverCallOf(chain: string, method: boolean, parts: readonly Token[][], bindings: Bindings): DriverCall {
  const positional: DriverValue[] = [];
  const keywords: Record<string, DriverValue> = {};
  for (const part of parts) {
    const [first, second] = part;
    if (first?.type === 'name' && second?.type === 'punct' && ['=', '=>', ':'].includes(second.value) && part.length > 2) {
      keywords[first.value.replace(/^:/, '')] = driverValueOf(part.slice(2), bindings);
    } else if (first?.type === 'punct' && first.value === ':' && part[1]?.type === 'name' && part[2]?.value === '=>') {
      keywords[part[1].value] = driverValueOf(part.slice(3), bindings); // Ruby's `:host => "x"`
    } else positional.push(driverValueOf(part, bindings));
  }
  return { chain, method, positional, keywords };
}

/** Methods of a path object that delete it. */
const PATH_METHODS: Readonly<Record<string, { argv: string[] }>> = table({ unlink: RM_FILE, rmdir: RMDIR, rmtree: RM_RECURSIVE, delete: RM_FILE });
/** The same on a name bound to a path (not `delete`: a Ruby string's `delete` removes characters). */
const BOUND_PATH_METHODS: Readonly<Record<string, { argv: string[] }>> = table({ unlink: RM_FILE, rmdir: RMDIR, rmtree: RM_RECURSIVE });

/** Perl: a list built from `readdir $d` (or `readdir($d)`, `readdir DIR`) of a handle `opendir` opened on a literal directory: its entries. */
function readdirOf(tokens: readonly Token[], bindings: Bindings): string | undefined {
  const at = tokens.findIndex((t) => t.type === 'name' && t.value === 'readdir');
  if (at === -1) return undefined;
  const handle = tokens[at + 1]?.value === '(' ? tokens[at + 2] : tokens[at + 1];
  const directory = handle?.type === 'name' ? bindings.get(`readdir ${handle.value}`) : undefined;
  return directory === undefined ? undefined : path.posix.join(directory, '*');
}

/**
 * Names bound to a literal path or a glob's pattern: `d = "/var/lib/" + "mysql"`, `my $d = "/x"`,
 * Python's `for f in glob.glob("/x/*")` (also in a comprehension), Ruby's
 * `Dir.glob("/x/*").each { |f| … }`. A loop variable stands for the pattern: `os.remove(f)` is
 * `rm -f /x/*`. A name bound twice is not known.
 */
/**
 * Python's `import shutil as s` and `from shutil import rmtree as r`: the name the code calls,
 * mapped to the one the sinks know (`s` → `shutil`, `r` → `shutil.rmtree`).
 */
function pythonImportAliases(tokens: readonly Token[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== 'name' || tokens[i]!.value !== 'import') continue;
    const from = tokens[i - 2]?.value === 'from' && tokens[i - 1]?.type === 'name' ? `${tokens[i - 1]!.value}.` : '';
    for (let j = i + 1; tokens[j]?.type === 'name';) {
      const name = tokens[j]!.value;
      if (tokens[j + 1]?.value === 'as' && tokens[j + 2]?.type === 'name') {
        aliases.set(tokens[j + 2]!.value, `${from}${name}`);
        j += 3;
      } else {
        if (from) aliases.set(name, `${from}${name}`);
        j += 1;
      }
      if (tokens[j]?.value !== ',') break;
      j += 1;
    }
  }
  return aliases;
}

/** `s.rmtree` with `import shutil as s` → `shutil.rmtree`. */
function unaliased(name: string, aliases: ReadonlyMap<string, string>): string {
  if (aliases.size === 0) return name;
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  const real = aliases.get(head);
  return real === undefined ? name : `${real}${dot === -1 ? '' : name.slice(dot)}`;
}

function bindingsOf(tokens: readonly Token[]): Map<string, string> {
  const bindings = new Map<string, string>();
  const seen = new Set<string>();
  const bind = (name: string, value: string | undefined) => {
    if (seen.has(name) || value === undefined) bindings.delete(name);
    else bindings.set(name, value);
    seen.add(name);
  };
  const until = (from: number, stop: (t: Token) => boolean): number => {
    let depth = 0;
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.type === 'punct' && '([{'.includes(t.value)) depth++;
      else if (t.type === 'punct' && ')]}'.includes(t.value)) {
        if (depth === 0) return k;
        depth--;
      } else if (depth === 0 && stop(t)) return k;
    }
    return tokens.length;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.type === 'name' && t.value === 'opendir') {
      // Perl's `opendir(my $d, "/x")` / `opendir DIR, $dir`: the handle reads that directory.
      const end = until(next?.value === '(' ? i + 2 : i + 1, (x) => x.type === 'punct' && [';', '\n'].includes(x.value));
      const parts = splitTopLevel(tokens.slice(next?.value === '(' ? i + 2 : i + 1, end));
      const handle = parts[0]?.at(-1);
      if (parts.length === 2 && handle?.type === 'name') bind(`readdir ${handle.value}`, foldString(parts[1]!) ?? boundName(parts[1]!, bindings));
    } else if (t.type === 'name' && next?.type === 'punct' && next.value === '=' && tokens[i - 1]?.value !== '.') {
      const end = until(i + 2, (x) => x.type === 'punct' && [';', '\n', ','].includes(x.value));
      const value = tokens.slice(i + 2, end);
      bind(t.value, foldString(value) ?? pathCall(value, bindings));
    } else if (t.type === 'name' && t.value === 'for' && next?.type === 'name') {
      // `for A, B in …`: the names before `in`, then what they iterate (up to a comprehension's `if`/`for`).
      const names: string[] = [];
      let k = i + 1;
      while (tokens[k]?.type === 'name' && tokens[k]!.value !== 'in') {
        names.push(tokens[k]!.value);
        k += tokens[k + 1]?.value === ',' ? 2 : 1;
      }
      if (tokens[k]?.value !== 'in' || names.length === 0) continue;
      const end = until(k + 1, (x) => (x.type === 'punct' && [':', ']', '\n'].includes(x.value)) || (x.type === 'name' && ['if', 'for'].includes(x.value)));
      const iterated = tokens.slice(k + 1, end);
      const walked = walkOf(iterated, bindings);
      if (walked !== undefined && names.length === 3) {
        // os.walk: each directory under the root, and the names of its subdirectories and files.
        bind(names[0]!, path.posix.join(walked.root, '**'));
        bind(names[1]!, '*');
        bind(names[2]!, '*');
      } else if (walked !== undefined && names.length === 1 && walked.entries) bind(names[0]!, '*');
      else if (names.length === 1) bind(names[0]!, pathCall(iterated, bindings) ?? boundName(iterated, bindings));
      else names.forEach((name) => bind(name, undefined));
    } else if (
      t.type === 'name' &&
      (t.value === 'each' || t.value === 'each_entry') &&
      tokens[i - 1]?.value === '.' &&
      [')', ']'].includes(tokens[i - 2]?.value ?? '')
    ) {
      // Ruby: `Dir.glob("/x/*").each { |f|` / `Dir["/x/*"].each do |f|`.
      const [opener, closer] = tokens[i - 2]!.value === ')' ? ['(', ')'] : ['[', ']'];
      let open = i - 2;
      for (let depth = 0; open >= 0; open--) {
        if (tokens[open]!.value === closer) depth++;
        else if (tokens[open]!.value === opener && --depth === 0) break;
      }
      const call = tokens.slice(open - 1, i - 1);
      const bar = tokens[i + 1]?.value === '{' || tokens[i + 1]?.value === 'do' ? i + 2 : -1;
      if (bar > 0 && tokens[bar]?.value === '|' && tokens[bar + 1]?.type === 'name') bind(tokens[bar + 1]!.value, pathCall(call, bindings));
    }
  }
  return bindings;
}
