// Rule evaluation: which rules match which invocations (or SQL statements), and what each match
// touches — its targets, classified, with the path or statement that matched. Pure: invocations,
// rules and gathered facts in, matches out. How severe a match is (environment, CI hints, a data
// directory in use, blast radius), its message and its redaction are decision steps
// (src/decide/). Checks dispatch on the parsed command's basename and words, never on raw text.

import { findStartingPoints, findVisits } from '../parse/find-expression.js';
import type { ClassifiedTarget, DataDirectoryFact, Environment, ExpandedWord, Invocation, ProbeResult, TargetKind } from '../types.js';
import type { Config, SeverityMap } from '../config/schema.js';
import { TargetBook } from '../classify/target-book.js';
import type { TargetFacts } from '../targets/facts.js';
import { classifyPath, type ClassifiedPath } from '../targets/paths.js';
import { scanOptions, commandOptionSpec, type OptionScan } from '../parse/options.js';
import { isWrapper } from '../parse/wrappers.js';
import { takesAbbreviatedOptions } from '../knowledge/commands.js';
import { matchesAnyGlob, matchesGlob } from '../util/glob.js';
import type { Redactor } from '../util/redact.js';
import type { Rule } from './schema.js';

/** What the SQL layer says an invocation would run (statement by statement). */
export interface SqlFact {
  kind: string;
  where: string;
  text: string;
  whereReason?: string;
  tables: string[];
}

export interface InvocationSql {
  statements: SqlFact[];
  /** Text that could not be parsed: the rules cannot judge it, so the caller fails closed. */
  errors: string[];
}

export type { DataDirectoryFact };

export interface BlastRadius {
  estimatedRows: number;
  tableRows: number;
  share: number;
  text: string;
}

export interface EvaluationContext {
  rules: readonly Rule[];
  config: Config;
  facts: TargetFacts;
  probes?: ReadonlyMap<string, ProbeResult>;
  sql?: ReadonlyMap<Invocation, InvocationSql>;
  dataDirectories?: ReadonlyMap<string, DataDirectoryFact>;
  /** Blast radius per `targetKey|statement text`. */
  blastRadius?: ReadonlyMap<string, BlastRadius>;
  /** Extra environment hints (lint: the CI job says `environment: production`). */
  hints?: readonly { environment: Environment; evidence: string }[];
  /** Redaction for this input (its own secrets plus the shared patterns); the decision uses it. */
  redactor?: Redactor;
}

/** One rule matching one invocation (or one statement of a file), with the facts it rests on. */
export interface Match {
  rule: Rule;
  /** The rule's severities with the config's override merged in. */
  severity: SeverityMap;
  /** A command line's invocation, or a statement of a SQL file with no command around it. */
  subject: 'command' | 'statement';
  /** The command (or statement) as written: neither redacted nor cut, the decision does both. */
  command: string;
  /** Wrappers unwrapped to reach the command (`sudo`, `bash -c`). */
  via: readonly string[];
  /** The targets of each kind the rule judges, classified, in the rule's kind order. */
  targets: readonly { kind: TargetKind; targets: readonly ClassifiedTarget[] }[];
  /** The path that matched (rules with `paths`). */
  path?: ClassifiedPath;
  /** The statement that matched (rules with `sql`). */
  statement?: SqlFact;
  pos: number;
  end: number;
}

export interface Evaluation {
  matches: Match[];
  targets: ClassifiedTarget[];
}

export { targetKey } from '../classify/target-book.js';

/** A rule with its command patterns split once, not per invocation. */
export interface CompiledRule {
  rule: Rule;
  /** `npm run test*` → name npm, words [run, test*]. */
  patterns: { name: string; words: string[] }[];
}

interface RuleIndex {
  byName: Map<string, CompiledRule[]>;
  wildcard: CompiledRule[];
  /** Candidates per command name, named and wildcard rules merged in rule-set order. */
  merged: Map<string, CompiledRule[]>;
  order: Map<Rule, number>;
}

const indexes = new WeakMap<readonly Rule[], RuleIndex>();

/** Rules by the command names they can match, so each invocation meets only its candidates. */
export function ruleIndex(rules: readonly Rule[]): RuleIndex {
  let index = indexes.get(rules);
  if (index) return index;
  index = { byName: new Map(), wildcard: [], merged: new Map(), order: new Map(rules.map((rule, i) => [rule, i])) };
  for (const rule of rules) {
    const compiled: CompiledRule = {
      rule,
      patterns: rule.match.commands.map((pattern) => {
        const [name, ...words] = pattern.split(/\s+/);
        return { name: name!, words };
      }),
    };
    const names = new Set(compiled.patterns.map((pattern) => pattern.name));
    if (names.has('*')) index.wildcard.push(compiled);
    for (const name of names) {
      if (name === '*') continue;
      const list = index.byName.get(name) ?? [];
      list.push(compiled);
      index.byName.set(name, list);
    }
  }
  indexes.set(rules, index);
  return index;
}

/** The rules that could match an invocation of this command, in rule-set order. */
export function candidates(rules: readonly Rule[], name: string): CompiledRule[] {
  const index = ruleIndex(rules);
  const named = index.byName.get(name);
  if (!named) return index.wildcard;
  let merged = index.merged.get(name);
  if (!merged) {
    const order = index.order;
    merged = [...new Set(named), ...index.wildcard].sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
    index.merged.set(name, merged);
  }
  return merged;
}

/** Flags as the command would see them: `-rf` holds -r and -f; `--rec` abbreviates `--recursive`. */
function flagPresent(inv: Invocation, flag: string, scan: () => OptionScan, abbreviations: boolean): boolean {
  if (/^-[^-]=/.test(flag)) {
    // A short option with the value it must have, however written: `-X DELETE`, `-XDELETE`.
    const wanted = flag.slice(3).toLowerCase();
    return scan().options.some((option) => option.flag === flag.slice(0, 2) && option.value?.toLowerCase() === wanted);
  }
  if (flag[1] !== '-' && flag.length > 2) {
    // Single-dash words such as find's -delete or terraform's -auto-approve.
    return inv.args.some((arg) => arg.value === flag || (arg.value.startsWith(flag) && arg.value[flag.length] === '='));
  }
  if (flag[1] === '-') {
    const name = flag.includes('=') ? flag.slice(0, flag.indexOf('=')) : flag;
    return scan().options.some((option) => {
      if (!option.flag.startsWith('--')) return false;
      if (flag.includes('=')) {
        const wanted = flag.slice(flag.indexOf('=') + 1);
        if (option.flag !== name) return false;
        // Where prodguard does not know the option takes a value (an in-house script's `--mode`),
        // the word after it is its value as getopt_long and argparse read it: `--mode permanent`.
        const value = option.value ?? detachedValue(inv, option.index);
        // A value pattern (`--step=??*`: two digits or more), however the value is written.
        if (/[*?[]/.test(wanted)) return value !== undefined && matchesGlob(value, wanted);
        return `${value ?? ''}`.toLowerCase() === wanted.toLowerCase() || sameInteger(value, wanted);
      }
      // A switch turned off where it is written (`--keep-pvc=false`, `--force=0`, Go's and
      // Cobra's boolean flags) is not there.
      if (/=(false|0|no|off)$/i.test(inv.args[option.index]?.value ?? '')) return false;
      // getopt_long accepts any unambiguous prefix: `--recur` is `--recursive`. Only for rules
      // that name their commands: for a rule over every command `--force` is not `--force-delete`.
      return option.flag === name || (abbreviations && option.flag.length >= 5 && name.startsWith(option.flag));
    });
  }
  return scan().options.some((option) => option.flag === flag);
}

/** The word after an option written without `=`, unless it is another option. */
function detachedValue(inv: Invocation, index: number): string | undefined {
  const next = inv.args[index + 1]?.value;
  return next !== undefined && !next.startsWith('-') ? next : undefined;
}

/** `--replicas=00`, `--replicas=+0` are `--replicas=0` to the tool (Go's strconv.Atoi, C's strtol). */
function sameInteger(value: string | undefined, wanted: string): boolean {
  const integer = /^[+-]?\d+$/;
  return value !== undefined && integer.test(value) && integer.test(wanted) && Number(value) === Number(wanted);
}

function commandMatches(compiled: CompiledRule, inv: Invocation, scan: () => OptionScan): boolean {
  if (compiled.rule.match.exceptCommands.includes(inv.name)) return false;
  return compiled.patterns.some(({ name, words }) => {
    // A rule for every command judges the command a wrapper runs, not the wrapper (`sudo apt-get
    // remove --purge` is apt-get's flag, not sudo's).
    if (name === '*' && (isWrapper(inv.name) || inv.name === '(redirect)' || inv.name === '(append)')) return false;
    if (name !== '*' && name !== inv.name) return false;
    if (words.length === 0) return true;
    const positionals = scan().positionals;
    return words.every((glob, index) => positionals[index] !== undefined && matchesGlob(inv.args[positionals[index]!]!.value, glob));
  });
}

function subcommandMatches(rule: Rule, inv: Invocation, scan: () => OptionScan): boolean {
  if (rule.match.subcommands.length === 0) return true;
  const positionals = scan().positionals.map((index) => inv.args[index]!.value);
  return rule.match.subcommands.some((sequence) => sequence.every((glob, index) => positionals[index] !== undefined && matchesGlob(positionals[index]!, glob)));
}

function flagsMatch(rule: Rule, inv: Invocation, scan: () => OptionScan, abbreviations: boolean): boolean {
  const { any, all, none, except } = rule.match.flags;
  // No words, no flags: every flag is absent (a wildcard rule's long list meets every command).
  if (inv.args.length === 0) return any.length === 0 && all.length === 0;
  // A flag that is another option of this tool (`ln -n`, not cp's --no-clobber) is not that flag.
  const other = except?.[inv.name] ?? [];
  // Every option the command sees is a word starting with `-` (scanOptions): without one, no
  // flag written with a dash is there (most commands of a script, met by the wildcard rules' lists).
  const dashed = inv.args.some((arg) => arg.value.startsWith('-'));
  const present = (flag: string) => (dashed || !flag.startsWith('-')) && !other.includes(flag) && flagPresent(inv, flag, scan, abbreviations);
  if (any.length > 0 && !any.some(present)) return false;
  if (!all.every(present)) return false;
  return !none.some(present);
}

function envMatches(rule: Rule, inv: Invocation): boolean {
  const names = rule.match.env?.any ?? [];
  return names.length === 0 || names.some((name) => Object.hasOwn(inv.assigned, name));
}

function viaMatches(rule: Rule, inv: Invocation): boolean {
  const wrappers = rule.match.via ?? [];
  if (inv.via.some((via) => matchesAnyGlob(via, rule.match.exceptVia ?? []) !== undefined)) return false;
  return wrappers.length === 0 || inv.via.some((via) => matchesAnyGlob(via, wrappers) !== undefined);
}

function argsMatch(rule: Rule, inv: Invocation): boolean {
  const { any, none } = rule.match.args;
  const values = inv.args.map((arg) => arg.value);
  if (any.length > 0 && !values.some((value) => any.some((glob) => matchesGlob(value, glob)))) return false;
  return !values.some((value) => none.some((glob) => matchesGlob(value, glob)));
}

/** The first and last operand (positionals after the command pattern's words) against the rule's globs. */
function operandsMatch(compiled: CompiledRule, inv: Invocation, scan: () => OptionScan): boolean {
  const { first, last, max } = compiled.rule.match.operands;
  if (first.any.length + first.none.length + last.any.length + last.none.length === 0 && max === undefined) return true;
  const pattern = compiled.patterns.find((p) => p.name === inv.name) ?? compiled.patterns[0]!;
  const operands = scan()
    .positionals.slice(pattern.words.length)
    .map((index) => inv.args[index]!.value);
  const fits = (value: string | undefined, globs: { any: string[]; none: string[] }) => {
    if (globs.any.length > 0 && (value === undefined || !globs.any.some((glob) => matchesGlob(value, glob)))) return false;
    return value === undefined || !globs.none.some((glob) => matchesGlob(value, glob));
  };
  if (max !== undefined && operands.length > max) return false;
  return fits(operands[0], first) && fits(operands.at(-1), last);
}

function matchedPaths(
  rule: Rule,
  inv: Invocation,
  scan: () => OptionScan,
  home: string,
  dataDirectories: ReadonlyMap<string, DataDirectoryFact> | undefined,
  locations: readonly string[],
  classifiedPaths?: Map<Invocation, Map<string, ClassifiedPath>>,
): ClassifiedPath[] | undefined {
  const paths = rule.match.paths;
  if (!paths) return [];
  let words;
  /** The last operand, where `from: sources` moves them to. */
  let destination: ExpandedWord | undefined;
  if (paths.from.startsWith('prefix:')) {
    const prefix = paths.from.slice('prefix:'.length);
    words = inv.args.filter((arg) => arg.value.startsWith(prefix)).map((arg) => ({ ...arg, value: arg.value.slice(prefix.length) }));
  } else if (paths.from === 'visits') {
    // find: what it visits below its starting points — everything, or the names it tests for.
    const values = inv.args.map((arg) => arg.value);
    const { roots, expression } = findStartingPoints(values);
    const at = (root: string) => inv.args.find((arg) => arg.value === root) ?? inv.command;
    words = roots.flatMap((root) => findVisits(root, values, expression).map((value) => ({ ...at(root), value, glob: true })));
  } else {
    const positionals = scan().positionals.map((index) => inv.args[index]!);
    destination = positionals.at(-1);
    words =
      paths.from === 'after-first'
        ? positionals.slice(1)
        : paths.from === 'last'
          ? positionals.slice(-1)
          : paths.from === 'sources'
            ? positionals.slice(0, -1)
            : positionals;
  }
  // What the disk of this host says applies to commands run on this host only.
  const disk = inv.host.kind === 'local' && dataDirectories ? { dataDirectories } : {};
  const context = { cwd: inv.cwd, home: inv.env.HOME ?? home, env: inv.envUnknown ? {} : inv.env, locations, ...disk };
  // Moved to a name that sets it aside (`mv main main.old`, `main_2024-01-15`), a data directory
  // stays whole where the rm rules tell people to put it: the sources do not leave.
  if (paths.from === 'sources' && words.length > 0 && destination && classifyPath(destination, context).part === 'aside') return undefined;
  // The rules of one command (rm's dozen) classify the same words in the same context: once each.
  const known = classifiedPaths?.get(inv) ?? new Map<string, ClassifiedPath>();
  classifiedPaths?.set(inv, known);
  const classified = words
    .map((word, at) => {
      const key = `${paths.from}\0${at}`;
      let path = known.get(key);
      if (!path) known.set(key, (path = classifyPath(word, context)));
      return path;
    })
    .filter(
      (path) =>
        (paths.classes.includes(path.class) || path.also?.some((also) => paths.classes.includes(also))) &&
        (!paths.parts || path.part === undefined || paths.parts.includes(path.part)) &&
        (!paths.exceptParts || path.part === undefined || !paths.exceptParts.includes(path.part)),
    );
  // find's visits are each place seen twice (`ROOT/NAME` and `ROOT/**/NAME`): one finding each.
  const shown = new Set(classified.map((path) => path.path));
  const found = paths.from === 'visits' ? classified.filter((path) => !(path.path.includes('/**/') && shown.has(path.path.replace('/**/', '/')))) : classified;
  return found.length > 0 ? found : undefined;
}

function sqlMatches(rule: Rule, sql: InvocationSql | undefined): SqlFact[] | undefined {
  const spec = rule.match.sql;
  if (!spec) return [];
  if (!sql) return undefined;
  const statements = sql.statements.filter(
    (statement) => spec.kinds.includes(statement.kind) && (spec.where.length === 0 || spec.where.includes(statement.where)),
  );
  return statements.length > 0 ? statements : undefined;
}

/** The command as a person would read it back: words re-quoted where they hold spaces or quotes,
 *  and a word holding a variable that is not set here shown as written (`"s3://$BUCKET/latest/"`,
 *  not the `s3:///latest/` it expands to): the reader knows their variable, not the empty string. */
function commandOf(inv: Invocation): string {
  const shown = (arg: Invocation['args'][number]) =>
    arg.unsetVariables.length > 0 && arg.text ? arg.text : /[\s'"]/.test(arg.value) ? JSON.stringify(arg.value) : arg.value;
  return [inv.command.value, ...inv.args.map(shown)].join(' ');
}

/** Does a rule match an invocation's words (command, subcommand, flags, arguments, env), before
 *  targets are looked at? Used to decide which databases are worth a probe. */
export function matchesWords(rules: readonly Rule[], inv: Invocation): Rule[] {
  return candidates(rules, inv.name)
    .filter((compiled) => {
      let scanned: OptionScan | undefined;
      const scan = () => (scanned ??= scanOptions(inv.args, commandOptionSpec(inv.name)));
      const wildcard = compiled.patterns.some((pattern) => pattern.name === '*');
      return (
        commandMatches(compiled, inv, scan) &&
        subcommandMatches(compiled.rule, inv, scan) &&
        flagsMatch(compiled.rule, inv, scan, !wildcard && takesAbbreviatedOptions(inv.name)) &&
        argsMatch(compiled.rule, inv) &&
        envMatches(compiled.rule, inv) &&
        viaMatches(compiled.rule, inv) &&
        operandsMatch(compiled, inv, scan)
      );
    })
    .map((compiled) => compiled.rule);
}

/** The rule's severities with the config's override merged in, or undefined when it is off. */
function configuredSeverity(rule: Rule, config: Config): SeverityMap | undefined {
  const override = config.rules[rule.id]?.severity;
  if (override === 'off') return undefined;
  return override ? { ...rule.severity, ...override } : rule.severity;
}

/**
 * `ansible web:db -a CMD` is parsed as one step per name in its pattern, but it is one run on the
 * pattern's hosts, and each step's target is the whole pattern: judged once, one finding naming
 * the hosts. The same command on the same selection, user and working directory is the same run.
 */
function ansibleRunKey(inv: Invocation): string | undefined {
  if (inv.host.kind !== 'ssh' || !inv.host.ansible) return undefined;
  return JSON.stringify([inv.host.ansible, inv.host.user ?? '', inv.via, inv.name, inv.args.map((arg) => arg.value), inv.cwd]);
}

export function evaluate(invocations: readonly Invocation[], context: EvaluationContext, home: string): Evaluation {
  // Targets are resolved and classified by the stages before this one, lazily: only for the
  // invocations and kinds a matching rule asks about.
  const book = new TargetBook(context.facts, context.config, context.probes);
  // Locations the config adds (data-directories.locations): paths there are data directories.
  const configuredLocations = context.config.dataDirectories.locations;
  const matches: Match[] = [];
  const judgedRuns = new Set<string>();
  const classifiedPaths = new Map<Invocation, Map<string, ClassifiedPath>>();
  for (const inv of invocations) {
    const run = ansibleRunKey(inv);
    if (run !== undefined) {
      if (judgedRuns.has(run)) continue;
      judgedRuns.add(run);
    }
    for (const compiled of candidates(context.rules, inv.name)) {
      const rule = compiled.rule;
      const severity = configuredSeverity(rule, context.config);
      if (!severity) continue;
      let scanned: OptionScan | undefined;
      const scan = () => (scanned ??= scanOptions(inv.args, commandOptionSpec(inv.name)));
      if (!commandMatches(compiled, inv, scan)) continue;
      const wildcard = compiled.patterns.some((pattern) => pattern.name === '*');
      if (
        !subcommandMatches(rule, inv, scan) ||
        !flagsMatch(rule, inv, scan, !wildcard && takesAbbreviatedOptions(inv.name)) ||
        !argsMatch(rule, inv) ||
        !envMatches(rule, inv) ||
        !viaMatches(rule, inv) ||
        !operandsMatch(compiled, inv, scan)
      )
        continue;
      const paths = matchedPaths(rule, inv, scan, home, context.dataDirectories, configuredLocations, classifiedPaths);
      if (!paths) continue;
      const statements = sqlMatches(rule, context.sql?.get(inv));
      if (!statements) continue;
      const targets = rule.match.targets.map((kind) => ({ kind, targets: book.targets(inv, kind) }));
      const base = { rule, severity, subject: 'command' as const, command: commandOf(inv), via: inv.via, targets, pos: inv.pos, end: inv.end };
      if (statements.length > 0) for (const statement of statements) matches.push({ ...base, statement, ...(paths[0] ? { path: paths[0] } : {}) });
      else if (paths.length > 0) for (const path of paths) matches.push({ ...base, path });
      else matches.push(base);
    }
  }
  return { matches, targets: book.all };
}

const sqlRuleIndexes = new WeakMap<readonly Rule[], ReadonlyMap<string, readonly Rule[]>>();

/** The rules with a `match.sql` naming each statement kind, in rule-set order, built once per
 *  rule set: a migration's statements meet only the rules that can match them — rules about SQL
 *  sent to a database (a rule about SQL carried by a cloud API targets the cloud account, which
 *  a migration file does not name). */
function sqlRulesByKind(rules: readonly Rule[]): ReadonlyMap<string, readonly Rule[]> {
  let index = sqlRuleIndexes.get(rules);
  if (index) return index;
  const byKind = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (!rule.match.targets.includes('database')) continue;
    for (const kind of new Set(rule.match.sql?.kinds ?? [])) {
      const list = byKind.get(kind) ?? [];
      list.push(rule);
      byKind.set(kind, list);
    }
  }
  sqlRuleIndexes.set(rules, (index = byKind));
  return index;
}

/**
 * SQL statements with no command around them (a migration file in lint): the same SQL matching as
 * for a client's statements, against one target — the database the file runs on, in the
 * environment the file says (a migration runs wherever it is deployed).
 */
export function evaluateStatements(
  statements: readonly (SqlFact & { pos: number; end: number })[],
  rules: readonly Rule[],
  config: Config,
  environment: Environment,
  evidence: string,
): Match[] {
  const database: ClassifiedTarget = { kind: 'database', source: 'file', name: 'the database this runs on', environment, evidence: [evidence] };
  const matches: Match[] = [];
  const byKind = sqlRulesByKind(rules);
  for (const statement of statements) {
    for (const rule of byKind.get(statement.kind) ?? []) {
      const severity = configuredSeverity(rule, config);
      if (!severity || !sqlMatches(rule, { statements: [statement], errors: [] })?.length) continue;
      matches.push({
        rule,
        severity,
        subject: 'statement',
        command: statement.text,
        via: [],
        targets: [{ kind: 'database', targets: [database] }],
        statement,
        pos: statement.pos,
        end: statement.end,
      });
    }
  }
  return matches;
}
