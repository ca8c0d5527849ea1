// Rule evaluation: does a rule match an invocation, and how severe is it given the environment of
// what the invocation touches? Pure: invocations, rules and gathered facts in, findings out.
// Checks dispatch on the parsed command's basename and words, never on raw text (ShellCheck).

import type { ClassifiedTarget, Environment, Finding, Invocation, ProbeResult, Severity, Target } from '../types.js';
import { severityRank } from '../types.js';
import type { Config } from '../config/schema.js';
import { classifyTarget } from '../classify/classify.js';
import { resolveTargets, type TargetFacts } from '../targets/resolve.js';
import { classifyPath, type ClassifiedPath } from '../targets/paths.js';
import { scanOptions, type OptionScan, type OptionSpec } from '../parse/options.js';
import { isWrapper } from '../parse/wrappers.js';
import { matchesGlob } from '../util/glob.js';
import { redact } from '../util/redact.js';
import { severityFor, type Rule } from './schema.js';

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

export interface DataDirectoryFact {
  running: boolean;
  role: 'primary' | 'replica' | 'unknown';
  evidence: string[];
}

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
}

const ENVIRONMENT_DANGER: readonly Environment[] = ['production', 'unknown-remote', 'staging', 'unknown', 'test', 'development', 'local'];

export interface Evaluation {
  findings: Finding[];
  targets: ClassifiedTarget[];
}

/** Identity of a database for probes and caches: never includes the password. */
export function targetKey(target: Target): string {
  return `${target.engine ?? target.kind}://${target.host ?? 'localhost'}:${target.port ?? ''}/${target.database ?? ''}`;
}

function optionSpecOf(options: readonly string[]): OptionSpec {
  return {
    shortWithValue: options.filter((o) => /^-[^-]$/.test(o)).map((o) => o[1]).join(''),
    longWithValue: options.filter((o) => o.startsWith('--')).map((o) => o.slice(2)),
    singleDashWithValue: options.filter((o) => /^-[^-]{2,}$/.test(o)).map((o) => o.slice(1)),
  };
}

/** A rule with its command patterns split and its option spec built once, not per invocation. */
export interface CompiledRule {
  rule: Rule;
  spec: OptionSpec;
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
      spec: optionSpecOf(rule.match.optionsWithValues),
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
  if (flag[1] !== '-' && flag.length > 2) {
    // Single-dash words such as find's -delete or terraform's -auto-approve.
    return inv.args.some((arg) => arg.value === flag || (arg.value.startsWith(flag) && arg.value[flag.length] === '='));
  }
  if (flag[1] === '-') {
    const name = flag.includes('=') ? flag.slice(0, flag.indexOf('=')) : flag;
    return scan().options.some((option) => {
      if (!option.flag.startsWith('--')) return false;
      if (flag.includes('=')) return `${option.flag}=${option.value ?? ''}`.toLowerCase() === flag.toLowerCase();
      // getopt_long accepts any unambiguous prefix: `--recur` is `--recursive`. Only for rules
      // that name their commands: for a rule over every command `--force` is not `--force-delete`.
      return option.flag === name || (abbreviations && option.flag.length >= 5 && name.startsWith(option.flag));
    });
  }
  return scan().options.some((option) => option.flag === flag);
}

function commandMatches(compiled: CompiledRule, inv: Invocation, scan: () => OptionScan): boolean {
  if (compiled.rule.match.exceptCommands.includes(inv.name)) return false;
  return compiled.patterns.some(({ name, words }) => {
    // A rule for every command judges the command a wrapper runs, not the wrapper (`sudo apt-get
    // remove --purge` is apt-get's flag, not sudo's).
    if (name === '*' && (isWrapper(inv.name) || inv.name === '(redirect)')) return false;
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
  const { any, all, none } = rule.match.flags;
  if (any.length > 0 && !any.some((flag) => flagPresent(inv, flag, scan, abbreviations))) return false;
  if (!all.every((flag) => flagPresent(inv, flag, scan, abbreviations))) return false;
  return !none.some((flag) => flagPresent(inv, flag, scan, abbreviations));
}

function envMatches(rule: Rule, inv: Invocation): boolean {
  const names = rule.match.env?.any ?? [];
  return names.length === 0 || names.some((name) => Object.hasOwn(inv.assigned, name));
}

function argsMatch(rule: Rule, inv: Invocation): boolean {
  const { any, none } = rule.match.args;
  const values = inv.args.map((arg) => arg.value);
  if (any.length > 0 && !values.some((value) => any.some((glob) => matchesGlob(value, glob)))) return false;
  return !values.some((value) => none.some((glob) => matchesGlob(value, glob)));
}

function matchedPaths(rule: Rule, inv: Invocation, scan: () => OptionScan, home: string): ClassifiedPath[] | undefined {
  const paths = rule.match.paths;
  if (!paths) return [];
  let words;
  if (paths.from.startsWith('prefix:')) {
    const prefix = paths.from.slice('prefix:'.length);
    words = inv.args.filter((arg) => arg.value.startsWith(prefix)).map((arg) => ({ ...arg, value: arg.value.slice(prefix.length) }));
  } else {
    const positionals = scan().positionals.map((index) => inv.args[index]!);
    words = paths.from === 'after-first' ? positionals.slice(1) : paths.from === 'last' ? positionals.slice(-1) : positionals;
  }
  const context = { cwd: inv.cwd, home: inv.env.HOME ?? home, env: inv.envUnknown ? {} : inv.env };
  const classified = words.map((word) => classifyPath(word, context)).filter((path) => paths.classes.includes(path.class));
  return classified.length > 0 ? classified : undefined;
}

function sqlMatches(rule: Rule, sql: InvocationSql | undefined): SqlFact[] | undefined {
  const spec = rule.match.sql;
  if (!spec) return [];
  if (!sql) return undefined;
  const statements = sql.statements.filter((statement) => spec.kinds.includes(statement.kind) && (spec.where.length === 0 || spec.where.includes(statement.where)));
  return statements.length > 0 ? statements : undefined;
}

function commandText(inv: Invocation): string {
  const text = [inv.command.value, ...inv.args.map((arg) => (/[\s'"]/.test(arg.value) ? JSON.stringify(arg.value) : arg.value))].join(' ');
  return redact(text.length > 160 ? `${text.slice(0, 157)}...` : text);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Memoised target resolution + classification for one evaluation. */
class TargetBook {
  private readonly byInvocation = new Map<Invocation, Map<string, ClassifiedTarget[]>>();
  readonly all: ClassifiedTarget[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly context: EvaluationContext) {}

  targets(inv: Invocation, kind: Target['kind']): ClassifiedTarget[] {
    let perKind = this.byInvocation.get(inv);
    if (!perKind) this.byInvocation.set(inv, (perKind = new Map()));
    let classified = perKind.get(kind);
    if (!classified) {
      const hinted: Target[] =
        kind === 'app' ? (this.context.hints ?? []).map((hint) => ({ kind: 'app', source: hint.evidence, name: hint.environment, value: hint.environment })) : [];
      classified = [...resolveTargets(inv, kind, this.context.facts), ...hinted].map((target) => {
        const probe = target.kind === 'database' ? this.context.probes?.get(targetKey(target)) : undefined;
        const result = classifyTarget(target, this.context.config, probe);
        return this.applyHints(result);
      });
      perKind.set(kind, classified);
      for (const target of classified) {
        const key = `${target.kind}|${target.source}|${target.name}|${target.host ?? ''}`;
        if (!this.seen.has(key)) {
          this.seen.add(key);
          this.all.push(target);
        }
      }
    }
    return classified;
  }

  /** A CI job that says `environment: production` makes its unexplained targets production. */
  private applyHints(target: ClassifiedTarget): ClassifiedTarget {
    // The most dangerous hint wins: a job's `environment: production` beats a workflow's RAILS_ENV=test.
    const hint = [...(this.context.hints ?? [])].sort((a, b) => ENVIRONMENT_DANGER.indexOf(a.environment) - ENVIRONMENT_DANGER.indexOf(b.environment))[0];
    if (!hint || !['unknown', 'unknown-remote'].includes(target.environment)) return target;
    // The machine running the job is not what the job deploys to; an ssh destination may be.
    if (target.kind === 'host' && target.source === 'this host') return target;
    return { ...target, environment: hint.environment, evidence: [hint.evidence, ...target.evidence] };
  }
}

/** Does a rule match an invocation's words (command, subcommand, flags, arguments, env), before
 *  targets are looked at? Used to decide which databases are worth a probe. */
export function matchesWords(rules: readonly Rule[], inv: Invocation): Rule[] {
  return candidates(rules, inv.name)
    .filter((compiled) => {
      let scanned: OptionScan | undefined;
      const scan = () => (scanned ??= scanOptions(inv.args, compiled.spec));
      const wildcard = compiled.patterns.some((pattern) => pattern.name === '*');
      return (
        commandMatches(compiled, inv, scan) &&
        subcommandMatches(compiled.rule, inv, scan) &&
        flagsMatch(compiled.rule, inv, scan, !wildcard) &&
        argsMatch(compiled.rule, inv) &&
        envMatches(compiled.rule, inv)
      );
    })
    .map((compiled) => compiled.rule);
}

export function evaluate(invocations: readonly Invocation[], context: EvaluationContext, home: string): Evaluation {
  const book = new TargetBook(context);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const inv of invocations) {
    for (const compiled of candidates(context.rules, inv.name)) {
      const rule = compiled.rule;
      const override = context.config.rules[rule.id]?.severity;
      if (override === 'off') continue;
      const severityMap = override ? { ...rule.severity, ...override } : rule.severity;
      let scanned: OptionScan | undefined;
      const scan = () => (scanned ??= scanOptions(inv.args, compiled.spec));
      if (!commandMatches(compiled, inv, scan)) continue;
      const wildcard = compiled.patterns.some((pattern) => pattern.name === '*');
      if (!subcommandMatches(rule, inv, scan) || !flagsMatch(rule, inv, scan, !wildcard) || !argsMatch(rule, inv) || !envMatches(rule, inv)) continue;
      const paths = matchedPaths(rule, inv, scan, home);
      if (!paths) continue;
      const statements = sqlMatches(rule, context.sql?.get(inv));
      if (!statements) continue;

      // The most dangerous target decides; a rule with no target of its kinds does not fire.
      let chosen: { target: ClassifiedTarget; severity: Severity } | undefined;
      for (const kind of rule.match.targets) {
        for (const target of book.targets(inv, kind)) {
          const severity = severityFor(severityMap, target.environment);
          if (!chosen || severityRank(severity) > severityRank(chosen.severity)) chosen = { target, severity };
        }
      }
      if (!chosen || chosen.severity === 'allow') continue;

      const units = statements.length > 0 ? statements.map((statement) => ({ statement, path: paths[0] })) : paths.length > 0 ? paths.map((path) => ({ statement: undefined, path })) : [{ statement: undefined, path: undefined }];
      for (const unit of units) {
        let severity: Severity = chosen.severity;
        let extra = '';
        const dataDirectory = unit.path?.dataDirectory ? context.dataDirectories?.get(unit.path.dataDirectory) : undefined;
        if (dataDirectory?.running) {
          // GitLab 2017: say loudly when the directory belongs to a running server.
          extra = ` — it belongs to a running ${dataDirectory.role === 'replica' ? 'replica' : 'primary'} (${dataDirectory.evidence.join('; ')})`;
          if (dataDirectory.role !== 'replica' && severityRank(severity) < severityRank('confirm')) severity = 'confirm';
        }
        if (unit.statement?.whereReason && unit.statement.where === 'always-true') extra += ` — ${unit.statement.whereReason}`;
        if (unit.statement) {
          const radius = context.blastRadius?.get(`${targetKey(chosen.target)}|${unit.statement.text}`);
          if (radius) {
            extra += ` — ${radius.text}`;
            severity = escalateForBlastRadius(severity, radius, context.config);
          }
        }
        const values: Record<string, string> = {
          command: commandText(inv),
          target: chosen.target.name,
          environment: chosen.target.environment,
          evidence: chosen.target.evidence[0] ?? '',
          source: chosen.target.source,
          path: unit.path?.path ?? '',
          detail: unit.path?.detail ?? unit.statement?.whereReason ?? '',
          statement: unit.statement ? truncate(unit.statement.text) : '',
          via: inv.via.length > 0 ? ` (via ${inv.via.join(' → ')})` : '',
        };
        const message = redact(fill(rule.message, values) + extra);
        const key = `${rule.id}|${message}|${inv.pos}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          rule: rule.id,
          title: rule.title,
          severity,
          message,
          incident: rule.incident,
          target: redact(chosen.target.name),
          targetKind: chosen.target.kind,
          environment: chosen.target.environment,
          why: rule.why,
          fix: rule.fix,
          pos: inv.pos,
          end: inv.end,
        });
      }
    }
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { findings, targets: book.all };
}

/**
 * Judge SQL statements with no command around them (a migration file in lint): each rule with a
 * `sql` match, severity by the environment the file says it runs against.
 */
export function evaluateStatements(
  statements: readonly (SqlFact & { pos: number; end: number })[],
  rules: readonly Rule[],
  config: Config,
  environment: Environment,
  evidence: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const statement of statements) {
    for (const rule of rules) {
      const spec = rule.match.sql;
      if (!spec || !spec.kinds.includes(statement.kind) || (spec.where.length > 0 && !spec.where.includes(statement.where))) continue;
      const override = config.rules[rule.id]?.severity;
      if (override === 'off') continue;
      const severity = severityFor(override ? { ...rule.severity, ...override } : rule.severity, environment);
      if (severity === 'allow') continue;
      const values: Record<string, string> = {
        command: truncate(statement.text),
        target: 'the database this runs on',
        environment,
        evidence,
        source: 'file',
        path: '',
        detail: statement.whereReason ?? '',
        statement: truncate(statement.text),
        via: '',
      };
      findings.push({
        rule: rule.id,
        title: rule.title,
        severity,
        message: redact(fill(rule.message, values) + (statement.where === 'always-true' && statement.whereReason ? ` — ${statement.whereReason}` : '')),
        incident: rule.incident,
        target: 'database',
        targetKind: 'database',
        environment,
        why: rule.why,
        fix: rule.fix,
        pos: statement.pos,
        end: statement.end,
      });
    }
  }
  return findings;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

/** Atlassian 2022: a WHERE that covers nearly everything is as bad as no WHERE. */
export function escalateForBlastRadius(severity: Severity, radius: BlastRadius, config: Config): Severity {
  const { confirmShare, blockShare, blockRows } = config.blastRadius;
  let escalated: Severity = severity;
  if (radius.share >= blockShare || radius.estimatedRows >= blockRows) escalated = 'block';
  else if (radius.share >= confirmShare) escalated = 'confirm';
  return severityRank(escalated) > severityRank(severity) ? escalated : severity;
}
