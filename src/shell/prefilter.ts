// The shell-side prefilter (issue 4): a harmless line must cost next to nothing, so the shell
// hook does not start Node for it. From the rule set we derive every word that could make a rule
// match — command names, and for rules that match any command (`*`), the flags, argument words
// or variables they need — plus the wrappers that can hide a command behind a variable. The
// shell splits the line into words and asks the checker only when the words say a rule could
// match. Pure: rules in, word lists out; over-approximate, never under (a word too many costs one
// check, a word too few lets a line through unjudged).

import { PACKAGE_BINARIES } from '../knowledge/package-binaries.js';
import type { Rule } from '../rules/schema.js';
import { HIDDEN_COMMAND_WORDS, WRAPPER_NAMES } from '../parse/wrappers.js';
import { DATABASE_CLIENTS } from '../targets/resolve.js';
import { RUNNER_NAMES } from '../parse/runners.js';
import { INTERPRETER_NAMES } from '../parse/interpreters/index.js';
import { MAKE_NAMES, PACKAGE_SCRIPT_SUBCOMMANDS } from '../parse/scripts.js';
import { dataDirectoryWords, type ConfiguredDataDirectories } from '../knowledge/data-directories.js';
import { COMMAND_EQUIVALENTS, HTTP_CLIENTS, TASK_FILE_RUNNERS } from '../knowledge/tools.js';
import { HTTP_QUERY_APIS } from '../knowledge/http-query-apis.js';
import { CLIENT_SHELLS } from '../knowledge/commands.js';
import type { Prefilter } from './prefilter-table.js';

export type { Prefilter } from './prefilter-table.js';
export { COMMAND_PREFIXES, HARMLESS_REDIRECT_TARGETS, LAUNCHERS, needsCheck } from './needs-check.js';

/** Wrappers unwrapped by src/parse/wrappers.ts: the command they run is judged, not them. */
export const WRAPPER_CANDIDATES: readonly string[] = WRAPPER_NAMES;

/** Database clients (src/targets/resolve.ts): the only commands SQL facts exist for. */
export const DATABASE_CLIENT_CANDIDATES: readonly string[] = DATABASE_CLIENTS;

/**
 * What the prefilter knows about commands besides the rules, in one place (the command knowledge
 * base can feed it here): wrappers and database clients (the caller says which count), runners
 * that run what the line does not show (`yarn X`, `source F`, `… | sh`), and interpreters whose
 * options carry code (`python3 -c`, `node -e`, `perl -lne`).
 */
/** The argument globs a rule needs one of to match at all (`args.any`, else the last or first
 *  operand's `any`); none when it can match without them. */
function argumentAnchors(rule: Rule): string[] {
  const { args, operands } = rule.match;
  if (args.any.length > 0) return args.any.map(lineWordGlob);
  // Options that must carry a value (`-X=DELETE`): the value is a word of every line that matches.
  const valued = rule.match.flags.any.map((flag) => (/^-[^=]+=./.test(flag) ? `*${flag.slice(flag.indexOf('=') + 1)}*` : undefined));
  if (valued.length > 0 && valued.every((glob) => glob !== undefined)) return [...new Set(valued as string[])];
  if (operands?.last.any.length) return operands.last.any;
  if (operands?.first.any.length) return operands.first.any;
  return [];
}

/** What splits a line into the words the prefilter looks up (needs-check.ts), after quotes and
 *  backslashes are removed. */
const WORD_SEPARATORS = /[;&|()<>/{},\s]+/;

/**
 * The part of an argument glob one of the line's words can hold once the line is split as
 * needs-check.ts splits it: `pkg.Service/PurgeX` holds `purgex`, `prisma.user.deleteMany()` holds
 * `prisma.user.deletemany`. The piece with the most literal characters, with `*` where it was
 * cut (ties: the later piece); `*` when no piece has any (every word then qualifies: over,
 * never under).
 */
function lineWordGlob(glob: string): string {
  const pieces = glob.replace(/['"\\]/g, '').split(WORD_SEPARATORS);
  if (pieces.length === 1) return pieces[0]!;
  const literal = (piece: string) => piece.replace(/[*?[\]]/g, '').length;
  // Ties go to the later piece: a URL's path (`http*/wipe`), not its scheme, says what it does.
  const best = pieces.reduce((chosen, piece, index) => (literal(piece) >= literal(pieces[chosen]!) ? index : chosen), 0);
  const piece = pieces[best]!;
  if (literal(piece) === 0) return '*';
  return `${best > 0 && !piece.startsWith('*') ? '*' : ''}${piece}${best < pieces.length - 1 && !piece.endsWith('*') ? '*' : ''}`;
}

export function commandKnowledge(): {
  wrappers: readonly string[];
  databaseClients: readonly string[];
  runners: readonly string[];
  interpreters: readonly string[];
  packageScripts: Readonly<Record<string, readonly string[]>>;
} {
  return {
    wrappers: WRAPPER_NAMES,
    databaseClients: DATABASE_CLIENTS,
    // make runs its Makefile's recipes (parse/scripts.ts reads them): `make deploy` shows none;
    // just and task their justfile's and Taskfile's (parse/task-files.ts).
    runners: [...RUNNER_NAMES, ...MAKE_NAMES, ...Object.keys(TASK_FILE_RUNNERS)],
    interpreters: INTERPRETER_NAMES,
    packageScripts: PACKAGE_SCRIPT_SUBCOMMANDS,
  };
}

/** Package runners that take a package spec (`name@version`) where a binary's name would be. */
const PACKAGE_RUNNERS = ['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm', 'bun'];

/** Always checked: the shell's own ways of running text as a command (`alias x='…'; x` runs
 *  the alias's quoted text, which the prefilter does not read). */
const ALWAYS = ['eval', 'alias'];

/** Pseudo-commands of the parser: a rule naming one is anchored by the line's shape, not a word. */
const REDIRECTS: ReadonlySet<string> = new Set(['(redirect)', '(append)']);

const GLOB = /[*?[]/;

export interface PrefilterInput {
  rules: readonly Rule[];
  isWrapper: (name: string) => boolean;
  isDatabaseClient: (name: string) => boolean;
  /** Data-directory locations and markers the config adds (`data-directories:`). */
  dataDirectories?: ConfiguredDataDirectories;
}

export function prefilterFor({ rules, isWrapper, isDatabaseClient, dataDirectories }: PrefilterInput): Prefilter {
  const words = new Set<string>(ALWAYS);
  const pairs = new Map<string, Set<string>>();
  const patterns = new Set<string>();
  const reasons: string[] = [];
  let redirects = false;
  const knowledge = commandKnowledge();
  // Runners always: what they run is not in the line. Interpreters when an option is given (the
  // code may be in it) — `python3 manage.py` alone runs a file prodguard does not read either
  // way; awk's program is its first word, so awk always.
  // `.` is a runner only as a command word (computedCommandWord): as a word anywhere it would send
  // `cd .`, `git add .` and `find . -name x` to the checker.
  for (const name of knowledge.runners) if (name !== '.') words.add(name.toLowerCase());
  // `rimraf DIR` is `rm -rf DIR` with no rm in the line.
  for (const name of Object.keys(COMMAND_EQUIVALENTS)) words.add(name);
  // `npx prisma@5 migrate reset`: a versioned package spec hides the binary's name from the words.
  for (const name of PACKAGE_RUNNERS) (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add('*@*');
  // `npm run X`, `npm test`: the package.json script runs (parse/scripts.ts), not the words shown.
  for (const [name, subcommands] of Object.entries(knowledge.packageScripts)) {
    for (const sub of subcommands) (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add(sub);
  }
  for (const name of knowledge.interpreters) {
    if (/awk$/.test(name)) words.add(name);
    else (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add('-*');
  }

  const addFlag = (flag: string) => {
    const lower = flag.toLowerCase();
    // Flags of rules for every command match exactly (src/rules/evaluate.ts flagPresent takes no
    // abbreviation there: `--force` is not `--force-delete`), so the flag itself is the word.
    if (/^-[^-]$/.test(lower)) {
      // A short flag hides in clusters (`-rf`): any single-dash word holding the letter.
      patterns.add(`-[!-]*${escapeGlobChar(lower[1]!)}*`);
    } else words.add(lower);
  };

  for (const rule of rules) {
    for (const pattern of rule.match.commands) {
      const [name = '', ...positionals] = pattern.toLowerCase().split(/\s+/);
      if (REDIRECTS.has(name)) {
        redirects = true;
        continue;
      }
      if (name !== '*') {
        if (GLOB.test(name)) {
          patterns.add(name);
          continue;
        }
        // A word every match must hold: the last literal word (the verb: `delete` of `gcloud
        // compute instances delete`, so `gcloud compute ssh` stays quiet), else the first glob
        // that is more than `*`. A bare name (or only `*`s) is enough on its own.
        const companion = positionals.findLast((word) => !GLOB.test(word)) ?? positionals.find((word) => word !== '*');
        // A rule that needs one of its argument globs (`cp … .prodguard.yml`) anchors on them, so
        // an everyday `cp a b` or `curl URL` stays in the shell.
        const needed = companion === undefined ? argumentAnchors(rule) : [];
        if (companion !== undefined) (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add(companion);
        else if (onlyDataDirectories(rule)) {
          // `cp`/`mv`/`ln` onto a database's files: anchored on the data directory's path words
          // (`$` in the line sends it too). A directory known only by its markers on disk, under
          // a name none of these words is (`/data/pg/base/1`), is judged by `check`/`run`, not here.
          const companions = pairs.get(name) ?? pairs.set(name, new Set()).get(name)!;
          for (const word of dataDirectoryWords(dataDirectories)) for (const piece of linePieces(word)) companions.add(piece);
        } else if (needed.length > 0) for (const glob of needed) (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add(glob.toLowerCase());
        else words.add(name);
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
  // Database shells read as the client they are (`cockroach sql` is psql, `usql` picks by URL):
  // a line that would send the client on sends them too.
  if (DATABASE_CLIENT_CANDIDATES.some((client) => words.has(client)))
    for (const shell of Object.keys(CLIENT_SHELLS)) words.add(shell.split(' ')[0]!.toLowerCase());
  // A query sent to a database's HTTP API is that client's (parse/wrappers/http-queries.ts): an
  // HTTP client with the API's port (`ch1:8123`) or path (`/query`) in its words sends the line.
  for (const api of HTTP_QUERY_APIS) {
    const anchors = [...api.ports.map((port) => `*:${port}*`), ...api.paths.map((path) => `${path.split('/').at(-1)!.toLowerCase()}*`)];
    for (const client of Object.keys(HTTP_CLIENTS)) for (const anchor of anchors) (pairs.get(client) ?? pairs.set(client, new Set()).get(client)!).add(anchor);
  }
  // A package run by npx/dlx/bunx whose binary a rule names sends the line as the binary would
  // (`npx aws-cdk destroy` is `cdk destroy`). Scoped packages are left to their binary's name.
  for (const [pkg, binary] of Object.entries(PACKAGE_BINARIES)) {
    if (pkg.includes('/')) continue;
    if (words.has(binary)) words.add(pkg);
    else for (const companion of pairs.get(binary) ?? []) (pairs.get(pkg) ?? pairs.set(pkg, new Set()).get(pkg)!).add(companion);
  }
  for (const [name, companions] of Object.entries(HIDDEN_COMMAND_WORDS)) {
    for (const companion of companions) (pairs.get(name) ?? pairs.set(name, new Set()).get(name)!).add(companion);
  }
  for (const name of words) pairs.delete(name);
  const wrappers = WRAPPER_CANDIDATES.filter((name) => isWrapper(name) && !words.has(name));
  return {
    words: [...words].sort(),
    pairs: Object.fromEntries([...pairs].sort(([a], [b]) => a.localeCompare(b)).map(([name, companions]) => [name, [...companions].sort()])),
    patterns: [...patterns].sort(),
    wrappers: wrappers.sort(),
    redirects,
    everyLine: reasons.length > 0,
    reasons,
  };
}

/**
 * A rule about files inside database data directories only (filesystem/replace-data-files: `cp`,
 * `mv`, `ln` onto them), whose commands are too common to send every line of.
 */
function onlyDataDirectories(rule: Rule): boolean {
  const paths = rule.match.paths;
  return paths !== undefined && paths.parts !== undefined && paths.classes.length > 0 && paths.classes.every((name) => name === 'data-directory');
}

/**
 * A word as `needsCheck` (and the shells) split a line: lower case, quotes and backslashes gone,
 * cut at shell metacharacters and `/`. A configured location's segment (`Orders DB`, `a,b`) sends
 * a line when any of its pieces is in it: the line's own words are cut the same way.
 */
function linePieces(word: string): string[] {
  return word
    .toLowerCase()
    .replace(/['"\\]/g, '')
    .split(/[;&|()<>/{},\s]+/)
    .filter(Boolean);
}

function escapeGlobChar(char: string): string {
  return /[*?[\]\\]/.test(char) ? `\\${char}` : char;
}
