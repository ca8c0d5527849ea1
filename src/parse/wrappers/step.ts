// What every wrapper returns (the next command or script, with its environment and host), and the
// small helpers all of them share.

import type { ExecutionHost, ExpandedWord, Invocation, StdinSource } from '../../types.js';
import { scanOptions, type OptionSpec } from '../options.js';
import { toolOptions } from '../../knowledge/tools.js';

export interface StepBase {
  via: string;
  env?: Record<string, string>;
  assigned?: Record<string, string>;
  host?: ExecutionHost;
  envUnknown?: boolean;
  cwd?: string;
  /** `$1 … $n` of the script the step runs (`sh -c SCRIPT _ a b`, `bash FILE a b`). */
  positional?: string[];
  /** The script runs in the same shell (`eval`, `source`): it keeps `$@` and arrays. */
  sameShell?: boolean;
  /** The file (or task) the script comes from: a file already being walked is not walked again. */
  file?: string;
  /** Where the command's secrets come from, when they cannot be read (Invocation.secretsFrom). */
  secretsFrom?: string;
}

export type UnwrapStep =
  | (StepBase & { kind: 'command'; words: ExpandedWord[]; stdin?: StdinSource; keepStdin?: boolean })
  | (StepBase & { kind: 'script'; text: string; stdin?: StdinSource });

export type EnvFiles = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** Home directories by user name, as the edge found them (passwd, getent). */
export type UserHomes = Readonly<Record<string, string>>;
export type Unwrapper = (inv: Invocation, envFiles: EnvFiles, userHomes: UserHomes, emptyDirectories?: readonly string[]) => UnwrapStep[];

export function command(via: string, words: ExpandedWord[], extra: Partial<StepBase> & { stdin?: StdinSource } = {}): UnwrapStep[] {
  return words.length > 0 ? [{ kind: 'command', via, words, keepStdin: true, ...extra }] : [];
}

export function script(via: string, text: string, extra: Partial<StepBase> & { stdin?: StdinSource } = {}): UnwrapStep[] {
  return [{ kind: 'script', via, text, ...extra }];
}

/**
 * How a wrapper's options are read: its table in the knowledge base (knowledge/tools.ts), and
 * whether they end at the first operand (`sudo -u app rm -rf x`: rm's -rf are not sudo's).
 */
export function optionsOf(name: string, { stopAtPositional }: { stopAtPositional: boolean }): OptionSpec {
  return { ...toolOptions(name), ...(stopAtPositional ? { stopAtPositional: true } : {}) };
}

/** A wrapper whose options end at the first positional, which is the command to run. */
export const commandRunner: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: true }));
  return command(inv.name, inv.args.slice(scan.rest));
};

/** Leading NAME=value words (sudo, env): they set the environment of the command. */
export function takeAssignments(
  inv: Invocation,
  words: ExpandedWord[],
): { env: Record<string, string>; assigned: Record<string, string>; rest: ExpandedWord[] } {
  const env = { ...inv.env };
  const assigned = { ...inv.assigned };
  let index = 0;
  for (; index < words.length; index++) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[index]!.value);
    if (!match) break;
    env[match[1]!] = match[2]!;
    assigned[match[1]!] = match[2]!;
  }
  return { env, assigned, rest: words.slice(index) };
}

/** How a message names standard input: the file it comes from, or `<<stdin` for a heredoc. */
export function stdinName(stdin: StdinSource): string {
  return stdin.kind === 'file' && stdin.path ? `< ${stdin.path}` : '<<stdin';
}

/** The values of `$1 … $n`; a word the line cannot know stays unknown when expanded. */
export function positionalValues(words: readonly ExpandedWord[]): string[] {
  return words.map((word) => (word.dynamic ? '\u0000dynamic' : word.value));
}

export function quoteForShell(value: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
