// getopt-style option scanning over already-expanded words. Used to find where a wrapper's own
// options end (sudo -u postgres rm …) and which words of a command are positional
// (kubectl --context prod delete …). Short clusters (`-rf`), attached values (`-upostgres`),
// `--long=value`, `--long value` and `--` are understood.

import type { ExpandedWord } from '../types.js';
import { clientSpec, type ClientSpec } from '../knowledge/commands.js';
import { toolOptions } from '../knowledge/tools.js';

export interface OptionSpec {
  /** Short option letters that take a value (`u` for `sudo -u USER`). */
  shortWithValue?: string;
  /** Long options (without dashes) that take a value (`user` for `--user USER`). */
  longWithValue?: readonly string[];
  /** Single-dash long options that take a value, as find/terraform/go write them (`-chdir`). */
  singleDashWithValue?: readonly string[];
  /** Stop at the first positional word (wrappers); otherwise collect all positionals. */
  stopAtPositional?: boolean;
  /** `-0` is an option (xargs -0), not a negative number. */
  digitOptions?: boolean;
  /** Short options whose value may only be attached (`mysql -pSECRET`; a bare `-p` prompts). */
  shortOptionalAttached?: string;
  /** Go's pflag (kubectl, helm): `-n=prod` is `-n` with the value `prod`, not `=prod`. */
  pflag?: boolean;
}

/** How a database client's options are read, from the one table in knowledge/commands.ts. */
export function clientOptionSpec(name: string): OptionSpec | undefined {
  const options = clientSpec(name)?.options;
  if (!options) return undefined;
  // Keyed by the clients the table knows only: the warm checker sees every command name typed in
  // a shell, and a cache of those would grow for as long as the shell lives.
  let spec = clientSpecs.get(name);
  if (spec === undefined) clientSpecs.set(name, (spec = buildClientSpec(options)));
  return spec;
}

const clientSpecs = new Map<string, OptionSpec>();

const NO_OPTIONS_WITH_VALUES: OptionSpec = {};

/**
 * How any command's options are read, from the knowledge base: a database client's table
 * (knowledge/commands.ts), another tool's (knowledge/tools.ts), else every option is a flag.
 */
export function commandOptionSpec(name: string): OptionSpec {
  return clientOptionSpec(name) ?? toolOptions(name) ?? NO_OPTIONS_WITH_VALUES;
}

function buildClientSpec(options: NonNullable<ClientSpec['options']>): OptionSpec {
  return {
    shortWithValue: options.shortWithValue,
    longWithValue: options.longWithValue,
    ...(options.digitOptions ? { digitOptions: true } : {}),
    ...(options.shortOptionalAttached ? { shortOptionalAttached: options.shortOptionalAttached } : {}),
    ...(options.singleDashWithValue ? { singleDashWithValue: options.singleDashWithValue } : {}),
  };
}

export interface ScannedOption {
  /** The option as written without its value: `-u`, `--user`, `-r` (one entry per cluster letter). */
  flag: string;
  value?: string;
  index: number;
}

export interface OptionScan {
  options: ScannedOption[];
  /** Indexes of positional words. */
  positionals: number[];
  /** Index of the first positional when stopAtPositional (args.length if none). */
  rest: number;
}

export function scanOptions(args: readonly ExpandedWord[], spec: OptionSpec): OptionScan {
  const options: ScannedOption[] = [];
  const positionals: number[] = [];
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = new Set(spec.longWithValue ?? []);
  const singleDash = new Set(spec.singleDashWithValue ?? []);
  let index = 0;
  while (index < args.length) {
    const word = args[index]!.value;
    if (word === '--') {
      if (spec.stopAtPositional) return { options, positionals, rest: index + 1 };
      for (let i = index + 1; i < args.length; i++) positionals.push(i);
      break;
    }
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      if (eq !== -1) options.push({ flag: `--${name}`, value: word.slice(eq + 1), index });
      else if (longWithValue.has(name)) {
        options.push({ flag: `--${name}`, value: args[index + 1]?.value ?? '', index });
        index++;
      } else options.push({ flag: `--${name}`, index });
      index++;
      continue;
    }
    if (word.startsWith('-') && word.length > 1 && (spec.digitOptions || !/^-\d/.test(word))) {
      const eq = word.indexOf('=');
      const bare = eq === -1 ? word : word.slice(0, eq);
      if (singleDash.has(bare.slice(1))) {
        if (eq !== -1) options.push({ flag: bare, value: word.slice(eq + 1), index });
        else {
          options.push({ flag: bare, value: args[index + 1]?.value ?? '', index });
          index++;
        }
        index++;
        continue;
      }
      for (let i = 1; i < word.length; i++) {
        const letter = word[i]!;
        // Option letters are letters and digits: getopt stops a program at `-d".")-alpine` (the
        // text of a command substitution split into words), whose `p` takes no value `ine`.
        if (!/[A-Za-z0-9]/.test(letter)) break;
        if (spec.shortOptionalAttached?.includes(letter)) {
          const attached = word.slice(i + 1);
          options.push(attached !== '' ? { flag: `-${letter}`, value: attached, index } : { flag: `-${letter}`, index });
          break;
        }
        if (shortWithValue.includes(letter)) {
          const rest = word.slice(i + 1);
          const attached = spec.pflag && rest.length > 1 && rest.startsWith('=') ? rest.slice(1) : rest;
          if (attached !== '') options.push({ flag: `-${letter}`, value: attached, index });
          else {
            options.push({ flag: `-${letter}`, value: args[index + 1]?.value ?? '', index });
            index++;
          }
          break;
        }
        options.push({ flag: `-${letter}`, index });
      }
      index++;
      continue;
    }
    if (spec.stopAtPositional) return { options, positionals, rest: index };
    positionals.push(index);
    index++;
  }
  return { options, positionals, rest: args.length };
}

export function hasFlag(scan: OptionScan, ...flags: string[]): boolean {
  return scan.options.some((option) => flags.includes(option.flag));
}

export function optionValue(scan: OptionScan, ...flags: string[]): string | undefined {
  const found = scan.options.filter((option) => flags.includes(option.flag));
  return found.at(-1)?.value;
}
