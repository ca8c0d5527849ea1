// What the shell walker knows as it goes through a line: variables, arrays, positional words,
// the working directory, the host, functions defined so far. Forks share maps until one writes.

import type { Function as FunctionNode } from 'unbash';
import type { ExecutionHost, ExpandedWord, ReadFiles, StdinSource } from '../types.js';
import type { PortForward } from '../knowledge/port-forwards.js';
import { type ExpansionScope } from './expand.js';
import { type UserHomes } from './wrappers/step.js';
import { dict } from '../util/dict.js';

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

/** Mutable walk state: shell variables and the working directory change as the line runs. */
export interface WalkState {
  vars: Record<string, string>;
  assigned: Record<string, string>;
  cwd: string;
  host: ExecutionHost;
  via: string[];
  varsUnknown: boolean;
  keepUnsetWords?: boolean;
  /** Variables a test around the command showed non-empty (`if [ -n "$X" ]; then …`). */
  nonEmpty?: readonly string[];
  home: string;
  /** When walking a nested string (bash -c '…', ssh host '…'), positions point at the outer command. */
  span?: { pos: number; end: number };
  /** Standard input of the whole nested script (`ssh host bash -s <<EOF`): commands read it. */
  stdin?: StdinSource;
  /** Where the commands' secrets come from when they cannot be read (see Invocation.secretsFrom). */
  secretsFrom?: string;
  /** Context switched by earlier commands of the line (`kubectl config use-context prod &&`). */
  session?: { kubeContext?: string; terraformWorkspace?: string; gitBranch?: string; forwards?: readonly PortForward[] };
  /** Arrays assigned in the line (`x=(a b)`). Replaced, never changed in place: forks share it. */
  arrays: Readonly<Record<string, readonly string[]>>;
  /** `$1 … $n` when known (`set -- a b`, `sh -c SCRIPT _ a b`); undefined when not. */
  positional?: readonly string[];
  /** Associative arrays (`declare -A m=([k]=v)`). Replaced, never changed in place: forks share it. */
  maps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Text of files the edge read (ReadFiles.scripts), by absolute path: `$(cat FILE)` prints it. */
  readFiles?: Readonly<Record<string, string>>;
  /** Namerefs (`declare -n r=cmd`). Replaced, never changed in place. */
  namerefs?: Readonly<Record<string, string>>;
  /** Variables set to a command's output the line cannot know (`c=$(tr …)`), with those commands.
   *  Replaced, never changed in place. */
  outputProducers?: Readonly<Record<string, readonly string[]>>;
  /** Functions defined earlier in the line (`f() { rm -rf "$1"; }; f /srv`), by name. */
  functions?: Readonly<Record<string, FunctionNode['body']>>;
  /** Aliases the line defined (`alias ll='ls -l'`), by name. Replaced, never changed in place. */
  aliases?: Readonly<Record<string, string>>;
  /** Files (and tasks) being walked, outermost first: a script that runs itself is walked once. */
  files?: readonly string[];
  /** Lint: variables that hold one command's whole output (`NAMES=$(eksctl get … | jq …)`). Their
   *  stored text is not their value: `for n in $NAMES` once deleted a CloudFormation stack for each
   *  word of the command (cloudnative-pg). Replaced, never changed in place: forks share it. */
  outputVars?: ReadonlySet<string>;
  /** Files written earlier in the line with text it shows (`printf 'rm -rf /' > x.sh`), by
   *  absolute path: `bash x.sh` runs that text, not what the file held before. Replaced, never
   *  changed in place: forks share it. */
  written?: Readonly<Record<string, string>>;
  /** `vars`/`assigned` were handed to a recorded invocation: copy before changing them. */
  shared?: boolean;
  depth: number;
}

/** Arrays and positional lists longer than this are unknown: `x+=("${x[@]}" "${x[@]}")` grows
 *  threefold per step, and no command line a person types holds a thousand literal words. */
export const MAX_LIST_LENGTH = 1024;

/** A value the line cannot know, kept in place so that expanding it marks the word dynamic. */
export const UNKNOWN_VALUE = '\u0000dynamic';

/** A copy of the state for a subshell or function body: changes inside do not leak out. */
export function fork(state: WalkState): WalkState {
  // Both sides share the maps until one of them writes (copy on write).
  state.shared = true;
  return { ...state, via: [...state.via], shared: true };
}

export function withVar(state: WalkState, name: string, value: string): WalkState {
  const next = fork(state);
  setVariables(next, { [name]: value });
  return next;
}

export function withUnknownVar(state: WalkState, name: string): WalkState {
  const next = fork(state);
  // A loop variable is set by the loop, never empty: mark it so expansion treats it as dynamic.
  unshare(next);
  next.vars[name] = UNKNOWN_VALUE;
  return next;
}

/** The value an assignment stores. In lint, `dir=$DATA_DIR/pg_wal` with DATA_DIR not set by the
 *  file is set where the script runs: the variable is unknown, not `/pg_wal`. The output of a
 *  command the line cannot run (`x=$(curl …)`, `PGDATA=$(pg_lsclusters …)`) is unknown too, not
 *  the text `$(curl …)`: `$x -rf /` runs a command nobody can name. In lint the value keeps its
 *  text and the variable is noted in `outputVars` (noteOutputVar), so a loop over it is a loop
 *  over unknown values. */
export function assignedValue(expanded: ExpandedWord, state: WalkState): string {
  // Lint keeps a command output's text (a loop over it is unknown through outputVars, a command
  // named by it is unknown through wholeSubstitution): an unknown value there reads as a glob in a
  // path, and `rm -rf ${HOME_DIR}/${OLD}` is not `rm -rf /*`.
  if (expanded.dynamic && expanded.producers !== undefined && !state.keepUnsetWords) return UNKNOWN_VALUE;
  return state.keepUnsetWords && expanded.unsetVariables.length > 0 ? UNKNOWN_VALUE : expanded.value;
}

function fileTextOf(state: WalkState): (file: string) => string | undefined {
  const { cwd, readFiles: files, written } = state;
  return (file) => {
    if (!file.startsWith('/') && !cwd) return undefined;
    const path = file.startsWith('/') ? file : `${cwd.replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
    return written?.[path] ?? files?.[path];
  };
}

export function scopeOf(state: WalkState): ExpansionScope {
  // Built field by field, not with conditional spreads: every word of a script is expanded in a
  // scope made here (the same fields, in the same order).
  const scope: ExpansionScope = {
    vars: state.vars,
    varsUnknown: state.varsUnknown,
    home: state.vars.HOME ?? state.home,
    arrays: state.arrays,
  };
  if (state.positional) scope.positional = state.positional;
  if (state.keepUnsetWords) scope.keepUnsetWords = true;
  if (state.maps) scope.maps = state.maps;
  // `$(cat FILE)` on this machine prints what the edge read (or what the line wrote) there.
  if (state.host.kind === 'local' && (state.readFiles || state.written)) scope.fileText = fileTextOf(state);
  if (state.namerefs) scope.namerefs = state.namerefs;
  if (state.outputProducers) scope.outputProducers = state.outputProducers;
  return scope;
}

/**
 * `x=(…)`, `x+=(…)`, `x[2]=v`, `x=v`: the array after the assignment. A scalar `$x` is `${x[0]}`,
 * so the first element is also the variable's value.
 */
export function assignArray(state: WalkState, name: string, elements: string[] | undefined, append: boolean): void {
  const arrays = dict(state.arrays);
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
export function assignmentWord(word: { text: string; pos: number; end: number }, value: string, state: WalkState): ExpandedWord {
  const span = state.span ?? word;
  return { value, text: word.text, dynamic: false, unsetVariables: [], variables: [], glob: false, pos: span.pos, end: span.end };
}

/** Note (or forget) that `name` holds the output of commands the line cannot run (`c=$(tr …)`). */
export function noteOutputProducers(state: WalkState, name: string, expanded: ExpandedWord): void {
  const producers = expanded.dynamic && expanded.producers !== undefined ? expanded.producers : undefined;
  if (producers === undefined && !state.outputProducers?.[name]) return;
  const next = dict(state.outputProducers);
  if (producers) next[name] = producers;
  else delete next[name];
  state.outputProducers = next;
}

/** `declare -A m=([pg]=/x [my]=/y)`: the keys and values of an associative array's literal. */
export function mapEntries(elements: readonly { value: string; dynamic: boolean }[]): Record<string, string> | undefined {
  const entries = dict<string>();
  for (const element of elements) {
    const match = /^\[([^\]]*)\]=(.*)$/s.exec(element.value);
    if (!match || element.dynamic) return undefined;
    entries[match[1]!] = match[2]!;
  }
  return entries;
}

/** Set (or forget, with undefined) one associative array. */
export function assignMap(state: WalkState, name: string, entries: Record<string, string> | undefined): void {
  const maps = dict(state.maps);
  if (entries === undefined) delete maps[name];
  else maps[name] = entries;
  state.maps = maps;
}

export function unshare(state: WalkState): void {
  if (!state.shared) return;
  state.vars = dict(state.vars);
  state.assigned = dict(state.assigned);
  state.shared = false;
}

export function setVariables(state: WalkState, values: Record<string, string>): void {
  unshare(state);
  Object.assign(state.vars, values);
  Object.assign(state.assigned, values);
}

export function markShared(state: WalkState): WalkState {
  state.shared = true;
  return state;
}

/** Note (or forget) that `name` now holds one command's whole output (lint only). */
export function noteOutputVar(state: WalkState, name: string, expanded: ExpandedWord): void {
  if (!state.keepUnsetWords) return;
  const holds = expanded.wholeSubstitution === true;
  if (holds === (state.outputVars?.has(name) ?? false)) return;
  const next = new Set(state.outputVars);
  if (holds) next.add(name);
  else next.delete(name);
  state.outputVars = next;
}
