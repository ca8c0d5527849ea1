// The shell-side prefilter (issue 4): a harmless line must cost next to nothing, so the shell
// hook does not start Node for it. From the rule set we derive every word that could make a rule
// match — command names, and for rules that match any command (`*`), the flags or argument words
// they need — plus the wrappers that can hide a command behind a variable. The shell splits the
// line into words and calls the checker only when one of them is in the set. Pure: rules in,
// word lists out; over-approximate, never under (a word too many costs one check, a word too
// few lets a line through unjudged).

import type { Rule } from '../rules/schema.js';

export interface Prefilter {
  /** Words (lower case) that send a line to the checker when any word of the line is one of them. */
  words: string[];
  /** Globs (lower case, shell `case` syntax) over single words, for `*` rules that match by glob. */
  patterns: string[];
  /** Wrapper names: they send a line to the checker when it also holds `$` or `<` (the wrapped
   *  command then may come from a variable or from standard input, not from the line's words). */
  wrappers: string[];
  /** Some rule matches any command with nothing to anchor on: every line goes to the checker. */
  everyLine: boolean;
  /** Why `everyLine` is set, for `prodguard init` to say. */
  reasons: string[];
}

/**
 * Wrappers unwrapped by src/parse/wrappers.ts. That module exports only `isWrapper(name)`, so the
 * names are listed here and filtered through it; test/shell/prefilter.test.ts reads the WRAPPERS
 * table of wrappers.ts and fails when a wrapper is missing from this list.
 */
export const WRAPPER_CANDIDATES = [
  'sudo', 'doas', 'env', 'command', 'builtin', 'exec', 'nohup', 'setsid', 'nice', 'ionice', 'stdbuf', 'time', 'chronic',
  'unbuffer', 'caffeinate', 'sshpass', 'strace', 'timeout', 'xargs', 'find', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh',
  'ash', 'eval', 'su', 'runuser', 'ssh', 'kubectl', 'oc', 'docker', 'docker-compose', 'podman', 'watch', 'flock', 'bundle',
  'be', 'npx', 'bunx', 'pnpx', 'pnpm', 'npm', 'yarn', 'poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'foreman', 'direnv',
  'dotenv', 'aws-vault', 'doppler', 'op', 'dotenvx', 'chamber',
] as const;

/** Database clients (src/targets/resolve.ts isDatabaseClient): the only commands SQL facts exist for. */
export const DATABASE_CLIENT_CANDIDATES = [
  'psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'dropdb', 'createdb', 'vacuumdb', 'reindexdb', 'clusterdb', 'pgbench',
  'pg_isready', 'pg_basebackup', 'mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mariadb-dump', 'mysqlpump', 'redis-cli',
  'valkey-cli', 'keydb-cli', 'mongosh', 'mongo', 'mongodump', 'mongorestore',
] as const;

/** Always checked: the shell's own way of running text as a command. */
const ALWAYS = ['eval'];

/** The smallest prefix getopt_long accepts for a long flag (src/rules/evaluate.ts flagPresent). */
const MIN_ABBREVIATION = 5;

const GLOB = /[*?[]/;

export interface PrefilterInput {
  rules: readonly Rule[];
  isWrapper: (name: string) => boolean;
  isDatabaseClient: (name: string) => boolean;
}

export function prefilterFor({ rules, isWrapper, isDatabaseClient }: PrefilterInput): Prefilter {
  const words = new Set<string>(ALWAYS);
  const patterns = new Set<string>();
  const reasons: string[] = [];

  const addFlag = (flag: string) => {
    const lower = flag.toLowerCase();
    if (lower.startsWith('--') && !lower.includes('=')) {
      // `--perm` is `--permanent` to getopt_long: every accepted abbreviation is a word.
      for (let length = Math.min(MIN_ABBREVIATION, lower.length); length <= lower.length; length++) words.add(lower.slice(0, length));
    } else if (/^-[^-]$/.test(lower)) {
      // A short flag hides in clusters (`-rf`): any single-dash word holding the letter.
      patterns.add(`-[!-]*${escapeGlobChar(lower[1]!)}*`);
    } else words.add(lower);
  };

  for (const rule of rules) {
    for (const pattern of rule.match.commands) {
      const name = pattern.split(/\s+/)[0]!;
      if (name !== '*') {
        if (GLOB.test(name)) patterns.add(name.toLowerCase());
        else words.add(name.toLowerCase());
        continue;
      }
      // A rule for any command: anchor on something every match must hold.
      const { flags, args, sql } = rule.match;
      const variables = rule.match.env?.any ?? [];
      if (flags.any.length > 0) flags.any.forEach(addFlag);
      else if (flags.all.length > 0) flags.all.forEach(addFlag);
      else if (args.any.length > 0) {
        for (const glob of args.any) (GLOB.test(glob) ? patterns : words).add(glob.toLowerCase());
      } else if (variables.length > 0) {
        // Set by the line itself: `NAME=1 cmd`, `export NAME=1`, `env NAME=1 cmd` (a word's part
        // before `=` is looked up too), or by the .env file `dotenv -e FILE` loads.
        for (const name of variables) words.add(name.toLowerCase());
        words.add('dotenv');
      } else if (sql) DATABASE_CLIENT_CANDIDATES.filter(isDatabaseClient).forEach((client) => words.add(client));
      else reasons.push(`rule ${rule.id} matches any command and names no flag, argument or SQL to recognise it by`);
    }
  }
  const wrappers = WRAPPER_CANDIDATES.filter((name) => isWrapper(name) && !words.has(name));
  return { words: [...words].sort(), patterns: [...patterns].sort(), wrappers: [...wrappers].sort(), everyLine: reasons.length > 0, reasons };
}

function escapeGlobChar(char: string): string {
  return /[*?[\]\\]/.test(char) ? `\\${char}` : char;
}

/**
 * The same test the shell snippets run, in TypeScript: for unit tests and for the warm checker.
 * Lower-case the line; `$(`, backticks and `eval` always need the checker; quotes and backslashes
 * are removed (`r'm'` is `rm` to the shell); shell metacharacters and `/` split words (so
 * `/usr/bin/rm` holds `rm`); `--flag=value` and `NAME=value` are looked up whole and by the
 * part before `=`.
 */
export function needsCheck(line: string, prefilter: Prefilter): boolean {
  if (prefilter.everyLine) return true;
  let text = line.toLowerCase();
  if (text.includes('$(') || text.includes('`')) return true;
  const dynamic = text.includes('$') || text.includes('<');
  text = text.replace(/['"\\]/g, '').replace(/[;&|()<>/{},\t\n\r]/g, ' ');
  const words = new Set(prefilter.words);
  const wrappers = new Set(prefilter.wrappers);
  for (const word of text.split(' ')) {
    if (!word) continue;
    if (words.has(word) || (dynamic && wrappers.has(word))) return true;
    if (word.includes('=') && words.has(word.slice(0, word.indexOf('=')))) return true;
    if (prefilter.patterns.some((pattern) => globMatches(word, pattern))) return true;
  }
  return false;
}

/** Shell `case` glob semantics for the few patterns the prefilter emits. */
function globMatches(word: string, pattern: string): boolean {
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
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`, 's').test(word);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
