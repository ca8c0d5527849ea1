// The prefilter's test of one line (issue 4's shell-side prefilter, in TypeScript): the
// definition the bash, zsh and fish functions are checked against, and what a one-shot `check`
// or agent hook asks before it loads the engine (src/fast-path.ts). No imports but types: the
// one-shot path bundles this module alone, so it must not pull in the parser or the rules.

import type { PackedPrefilter, Prefilter } from './prefilter-table.js';

export type PrefilterShell = 'bash' | 'zsh' | 'fish';

/** A command substitution in a line: the command then comes from its output (bash and zsh:
 *  `$(` but not `$((` arithmetic, or a backtick; fish: `$(`, or `(` where a command goes). */
export const COMMAND_SUBSTITUTION: Readonly<Record<PrefilterShell, RegExp>> = {
  bash: /\$\((?!\()|\$\($|`/,
  zsh: /\$\((?!\()|\$\($|`/,
  fish: /\$\(|(^|[;|&(]|\b(and|or|not|begin|if|while|else)\s)\s*\(/,
};

const GLOB = /[*?[]/;

/**
 * The same test the shell snippets run, in TypeScript: for unit tests, and the definition the
 * snippets are checked against. Lower-case the line; a command substitution always needs the
 * checker (bash/zsh: `$(` but not `$((` arithmetic, or a backtick; fish: `$(`, or `(` where a
 * command goes); quotes and backslashes are removed (`r'm'` is `rm` to the shell); shell
 * metacharacters and `/` split words (so `/usr/bin/rm` holds `rm`); `--flag=value` and
 * `NAME=value` are looked up whole and by the part before `=`.
 */
export function needsCheck(line: string, prefilter: Prefilter | PackedPrefilter, shell: PrefilterShell = 'bash'): boolean {
  if (prefilter.everyLine) return true;
  let text = line.toLowerCase();
  if (COMMAND_SUBSTITUTION[shell].test(text)) return true;
  const dynamic = text.includes('$') || text.includes('<');
  text = text.replace(/['"\\]/g, '');
  if (/[$`*?.[/]/.test(text) && computedCommandWord(text)) return true;
  if (prefilter.redirects && text.includes('>') && writesSomewhere(text)) return true;
  text = text.replace(/[;&|()<>/{},\s]+/g, ' ');
  const present = new Set(text.split(' ').filter(Boolean));
  const words = new Set(prefilter.words);
  const wrappers = new Set(prefilter.wrappers);
  for (const word of present) {
    if (words.has(word) || (dynamic && wrappers.has(word))) return true;
    if (word.includes('=') && words.has(word.slice(0, word.indexOf('=')))) return true;
    if (prefilter.patterns.some((pattern) => globMatches(word, pattern))) return true;
    // Own entries only: a word such as `constructor` is no table entry.
    const entry = Object.hasOwn(prefilter.pairs, word) ? prefilter.pairs[word] : undefined;
    const companions = typeof entry === 'string' ? entry.split(' ') : entry;
    if (companions && (dynamic || companions.some((companion) => [...present].some((other) => globMatches(other, companion))))) return true;
  }
  return false;
}

/** Words before a command name that leave the next word in command position. */
export const COMMAND_PREFIXES: readonly string[] = [
  '!',
  '{',
  '}',
  'then',
  'do',
  'else',
  'elif',
  'if',
  'while',
  'until',
  'time',
  'coproc',
  'exec',
  'command',
  'builtin',
  'nohup',
  'noglob',
  'nocorrect',
  'and',
  'or',
  'not',
  'begin',
];

/**
 * Wrappers whose arguments are a command line (`sudo -u app ./deploy.sh`, `timeout 60 bin/reset`):
 * after one, every word of the command is looked at, since the wrapper's own options cannot be
 * told from the command's name without its option table. Kept short: for `kubectl` or `npm`, a
 * path after them is a file argument far more often than a script they run.
 */
export const LAUNCHERS: readonly string[] = [
  'sudo',
  'doas',
  'pkexec',
  'runuser',
  'env',
  'nice',
  'ionice',
  'timeout',
  'setsid',
  'stdbuf',
  'chronic',
  'unbuffer',
  'caffeinate',
  'flock',
  'systemd-run',
];

/**
 * A command word the shell computes: from a variable (`a=rm; $a`), ANSI-C quoting (`$'\x72m'`),
 * an expansion that may be empty (`r${X}m`), a command substitution, or a glob (`/bin/r?`); or
 * `.`, which sources a file the line does not show; or a command named by its path (`./deploy.sh`,
 * `bin/reset`): a script the checker reads (parse/scripts.ts), its words are not in the line.
 * `text` is lower case, quotes and backslashes removed; separators start a new command, and
 * assignments, redirections and the words of COMMAND_PREFIXES are skipped to reach the name.
 */
function computedCommandWord(text: string): boolean {
  const prefixes = new Set(COMMAND_PREFIXES);
  const launchers = new Set(LAUNCHERS);
  let position = true;
  let skip = false;
  let launched = false;
  for (const word of text.replace(/[;&|()\n]/g, ' ; ').split(/\s+/)) {
    if (word === '') continue;
    if (word === ';') {
      position = true;
      skip = false;
      launched = false;
    } else if (launched) {
      if (/[$`*?/]/.test(commandPart(word))) return true;
    } else if (!position) continue;
    else if (skip) skip = false;
    // Shapes the shells test with globs (no regex per word there): a redirection operator alone
    // (its target is next), one with its target, an assignment.
    else if (/^[0-9<>]*[<>]$/.test(word)) skip = true;
    else if ((/^[0-9<>]/.test(word) && /[<>]/.test(word)) || /^[a-z_][a-z0-9_+]*=/.test(word) || prefixes.has(word)) continue;
    else if (launchers.has(word)) launched = true;
    else {
      const name = commandPart(word);
      if (/[$`*?/]/.test(name) || (name.includes('[') && name !== '[' && name !== '[[') || name === '.') return true;
      position = false;
    }
  }
  return false;
}

/** A word up to its first redirection (`true>/dev/null` names `true`; the target is no command). */
function commandPart(word: string): string {
  const redirection = word.search(/[<>]/);
  return redirection === -1 ? word : word.slice(0, redirection);
}

/** Redirection targets that write nowhere that matters (`>&N` duplicates a descriptor). */
export const HARMLESS_REDIRECT_TARGETS: readonly string[] = ['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty'];

/** A redirection (`>`, `>>`, `>|`, `&>`, `<>`) that writes anywhere but HARMLESS_REDIRECT_TARGETS. */
function writesSomewhere(text: string): boolean {
  for (const [, operator, target] of text.matchAll(/>([>|&]?)\s*([^\s;&|()<>]*)/g)) {
    if (HARMLESS_REDIRECT_TARGETS.includes(target!) || (operator === '&' && /^([0-9]+|-)$/.test(target!))) continue;
    return true;
  }
  return false;
}

/** Shell `case` glob semantics for the few patterns the prefilter emits. */
/** `word` against a glob whose only wildcard is `*`, given as the pieces between the stars. */
function starMatches(word: string, pieces: readonly string[]): boolean {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!word.startsWith(first) || word.length < first.length + last.length || !word.endsWith(last)) return false;
  let at = first.length;
  const end = word.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = word.indexOf(pieces[i]!, at);
    if (found === -1 || found + pieces[i]!.length > end) return false;
    at = found + pieces[i]!.length;
  }
  return true;
}

function globMatches(word: string, pattern: string): boolean {
  if (!GLOB.test(pattern)) return word === pattern;
  // Most companions are `*` globs (`-c*`, `*core.pager*`, `--to-command=*`): matched piece by
  // piece, no regular expression to compile — a one-shot process pays for every compile.
  if (!/[?[\\]/.test(pattern)) return starMatches(word, pattern.split('*'));
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
    else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`, 's').test(word);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
