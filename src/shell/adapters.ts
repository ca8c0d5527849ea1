// One record per shell prodguard integrates with. Everything that differs between shells lives
// here: the script file (src/shell/scripts/, real shell code that shell linters read), how the
// settings it needs are written in that shell's syntax, how the prompt cache's variables are
// assigned, whether the shell can talk to a warm checker, and how one of its lines becomes a line
// prodguard's (bash) parser reads. Adding a shell is one record here plus its script file.
//
// The scripts never write a constant themselves: exit codes, the warm checker's framing and the
// prefilter's words come from src/shell/render.ts (from protocol.ts and prefilter.ts).

import type { Prefilter } from './prefilter-table.js';
import { fishToPosix } from './fish.js';
import { COMMAND_SUBSTITUTION } from './needs-check.js';

export interface SnippetOptions {
  version: string;
  prefilter: Prefilter;
  /** Folder for this user's per-shell files (FIFOs, prompt stamps): private, local. */
  runDir: string;
  /** Variables whose values decide the prompt segment (the cache key). */
  keyVariables: readonly string[];
  /** Show the segment in the prompt (PS1 / PROMPT / fish_prompt). */
  prompt: boolean;
  /** Use a warm checker process per shell (only where the adapter supports one). */
  warm: boolean;
}

/** What a script needs to know, shell-neutral: scalars, lists, sets (looked up by word) and
 *  string maps. */
export interface Settings {
  scalars: [string, string][];
  lists: [string, string[]][];
  sets: [string, string[]][];
  maps: [string, [string, string][]][];
}

export interface ShellAdapter {
  /** The script under src/shell/scripts/ (copied to dist/shell/scripts/ by the build). */
  script: string;
  /** The line for the rc file (README; `prodguard init` prints it in its header). */
  rcFile: string;
  /** Settings in this shell's syntax, put where the script says `# @settings@`. */
  settings(settings: Settings): string;
  /** Global variable assignments (`prodguard prompt --format SHELL`). */
  assign(values: readonly [string, string][]): string;
  /** Can open the warm checker's FIFO pair without blocking. */
  warm: boolean;
  /** A command substitution in a line: the command then comes from its output (prefilter). */
  commandSubstitution: RegExp;
  /** The line as a POSIX shell line prodguard's parser reads; absent: it is one already. */
  toPosix?: (text: string) => { text: string; errors: string[] };
  /** The init cache's text: `body` when the cache is still valid, else a fresh `prodguard init`. */
  cached(body: string, validity: CacheValidity): string;
  /** The rc-file line that sources the cache and falls back to `prodguard init` (README). */
  rcLine(cacheFile: string): string;
}

/**
 * When a cached `prodguard init` text still holds: the installed package.json still names this
 * version (read by the shell itself: no process starts), and no file it was computed from (the
 * config, rule folders) is newer than the cache.
 */
export interface CacheValidity {
  packageJson: string;
  version: string;
  inputs: readonly string[];
  cacheFile: string;
}

function posixCached(shell: string) {
  return (body: string, { packageJson, version, inputs, cacheFile }: CacheValidity): string => {
    const stale = inputs.map((input) => `${posixQuote(input)} -nt ${posixQuote(cacheFile)}`).join(' || ');
    return [
      `# prodguard init cache for ${shell}: sourced by the rc line; runs \`prodguard init ${shell}\` again (which rewrites it)`,
      "# when prodguard's version or its config changed.",
      `if { IFS= read -r -d '' __prodguard_package <${posixQuote(packageJson)} || [[ -n $__prodguard_package ]]; } 2>/dev/null && [[ $__prodguard_package == *${posixQuote(`"version": "${version}"`)}* ]]${stale ? ` && ! [[ ${stale} ]]` : ''}; then`,
      'unset __prodguard_package',
      body.trimEnd(),
      'else',
      'unset __prodguard_package',
      `eval "$(command prodguard init ${shell})"`,
      'fi',
      ':',
      '',
    ].join('\n');
  };
}

export function posixQuote(value: string): string {
  // Control characters (the warm checker's request end) are written as $'\xNN'.
  if (/[\x00-\x1f]/.test(value))
    return `$'${[...value].map((char) => (char < ' ' || char === "'" || char === '\\' ? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}` : char)).join('')}'`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function fishQuote(value: string): string {
  if (/[\x00-\x1f]/.test(value))
    return [...value]
      .map((char) => (char < ' ' ? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}` : `'${char.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`))
      .join('');
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A PCRE that matches exactly one of the words (fish's `string match -r`). */
function alternation(words: readonly string[]): string {
  if (words.length === 0) return '^(?!)$';
  return `^(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`;
}

const posixAssign = (values: readonly [string, string][]) => `${values.map(([name, value]) => `${name}=${posixQuote(value)}`).join('\n')}\n`;

export const ADAPTERS = {
  bash: {
    script: 'prodguard.bash',
    rcFile: '~/.bashrc',
    settings: ({ scalars, lists, sets, maps }) =>
      [
        ...scalars.map(([name, value]) => `${name}=${posixQuote(value)}`),
        ...lists.map(([name, items]) => `${name}=(${items.map(posixQuote).join(' ')})`),
        ...sets.map(([name, items]) => `declare -gA ${name}=(${items.map((item) => `[${posixQuote(item)}]=1`).join(' ')})`),
        ...maps.map(([name, entries]) => `declare -gA ${name}=(${entries.map(([key, value]) => `[${posixQuote(key)}]=${posixQuote(value)}`).join(' ')})`),
      ].join('\n'),
    assign: posixAssign,
    warm: true,
    commandSubstitution: COMMAND_SUBSTITUTION.bash,
    cached: posixCached('bash'),
    rcLine: (cacheFile) => `source ${cacheFile} 2>/dev/null || eval "$(prodguard init bash)"`,
  },
  zsh: {
    script: 'prodguard.zsh',
    rcFile: '~/.zshrc',
    settings: ({ scalars, lists, sets, maps }) =>
      [
        ...scalars.map(([name, value]) => `typeset -g ${name}=${posixQuote(value)}`),
        ...lists.flatMap(([name, items]) => [`typeset -ga ${name}`, `${name}=(${items.map(posixQuote).join(' ')})`]),
        ...sets.flatMap(([name, items]) => [`typeset -gA ${name}`, `${name}=(${items.map((item) => `${posixQuote(item)} 1`).join(' ')})`]),
        ...maps.flatMap(([name, entries]) => [
          `typeset -gA ${name}`,
          `${name}=(${entries.map(([key, value]) => `${posixQuote(key)} ${posixQuote(value)}`).join(' ')})`,
        ]),
      ].join('\n'),
    assign: posixAssign,
    warm: true,
    commandSubstitution: COMMAND_SUBSTITUTION.zsh,
    cached: posixCached('zsh'),
    rcLine: (cacheFile) => `source ${cacheFile} 2>/dev/null || eval "$(prodguard init zsh)"`,
  },
  fish: {
    script: 'prodguard.fish',
    rcFile: '~/.config/fish/config.fish',
    // fish has no associative arrays: a list per map, one regex over its keys, and one variable
    // per key (`__prodguard_pair_NAME`, the name escaped with `string escape --style=var`).
    settings: ({ scalars, lists, sets, maps }) =>
      [
        ...scalars.map(([name, value]) => `set -g ${name} ${fishQuote(value)}`),
        ...lists.map(([name, items]) => `set -g ${name} ${items.map(fishQuote).join(' ')}`),
        ...sets.flatMap(([name, items]) => [`set -g ${name} ${items.map(fishQuote).join(' ')}`, `set -g ${name}_re ${fishQuote(alternation(items))}`]),
        ...maps.flatMap(([name, entries]) => [
          `set -g ${name}_re ${fishQuote(alternation(entries.map(([key]) => key)))}`,
          ...entries.map(
            ([key, value]) =>
              `set -g ${name.replace(/s$/, '')}_(string escape --style=var -- ${fishQuote(key)}) ${value.split(' ').filter(Boolean).map(fishQuote).join(' ')}`,
          ),
        ]),
      ].join('\n'),
    assign: (values) => `${values.map(([name, value]) => `set -g ${name} ${fishQuote(value)}`).join('\n')}\n`,
    warm: false,
    commandSubstitution: COMMAND_SUBSTITUTION.fish,
    toPosix: fishToPosix,
    cached: (body, { packageJson, version, inputs, cacheFile }) =>
      [
        '# prodguard init cache for fish: sourced by config.fish; runs `prodguard init fish` again (which rewrites it)',
        "# when prodguard's version or its config changed.",
        `if string match -q -- ${fishQuote(`*"version": "${version}"*`)} (string collect <${fishQuote(packageJson)} 2>/dev/null)${inputs.map((input) => `; and not test ${fishQuote(input)} -nt ${fishQuote(cacheFile)}`).join('')}`,
        body.trimEnd(),
        'else',
        '    command prodguard init fish | source',
        'end',
        'true',
        '',
      ].join('\n'),
    rcLine: (cacheFile) => `source ${cacheFile} 2>/dev/null; or prodguard init fish | source`,
  },
} satisfies Record<string, ShellAdapter>;

export type ShellName = keyof typeof ADAPTERS;

export const SHELLS = Object.keys(ADAPTERS) as ShellName[];

export function isShellName(value: string): value is ShellName {
  return Object.hasOwn(ADAPTERS, value);
}

export function adapterFor(shell: ShellName): ShellAdapter {
  return ADAPTERS[shell];
}
