// From matches to findings, one decision step at a time (pure). The rules stage says *what*
// matched and what it touches; these steps say *how severe* it is and *what to tell*:
//   1. CI hints: a job that says `environment: production` makes its unexplained targets production;
//   2. the most dangerous target sets the severity (the rule's map for its environment);
//   3. a data directory is judged by its state on disk: running primary, standby, stopped, absent (GitLab 2017);
//   4. a DELETE/UPDATE whose WHERE covers nearly the whole table is escalated (Atlassian 2022);
//   5. the message is filled, each value redacted *before* it is cut, by the input's redactor.
// `decide` (decide.ts) then takes the highest severity and applies overrides.

import type { ClassifiedTarget, DataDirectoryFact, Environment, Finding, Severity, TargetKind } from '../types.js';
import type { ClassifiedPath } from '../targets/paths.js';
import { severityRank } from '../types.js';
import type { Config } from '../config/schema.js';
import { severityFor } from '../rules/schema.js';
import { classifyTarget } from '../classify/classify.js';
import type { BlastRadius, Match } from '../rules/evaluate.js';
import { targetKey } from '../classify/target-book.js';
import { plainRedactor, type Redactor } from '../util/redact.js';

export interface DecisionFacts {
  config: Config;
  /** Extra environment hints (lint: the CI job says `environment: production`). */
  hints?: readonly { environment: Environment; evidence: string }[];
  dataDirectories?: ReadonlyMap<string, DataDirectoryFact>;
  /** Blast radius per `targetKey|statement text`. */
  blastRadius?: ReadonlyMap<string, BlastRadius>;
  redactor?: Redactor;
}

const ENVIRONMENT_DANGER: readonly Environment[] = ['production', 'unknown-remote', 'staging', 'unknown', 'test', 'development', 'local'];

// ---------------------------------------------------------------------------------------------
// Step 1: CI hints.

/** The most dangerous hint: a job's `environment: production` beats a workflow's RAILS_ENV=test. */
function strongestHint(hints: DecisionFacts['hints']): { environment: Environment; evidence: string } | undefined {
  return [...(hints ?? [])].sort((a, b) => ENVIRONMENT_DANGER.indexOf(a.environment) - ENVIRONMENT_DANGER.indexOf(b.environment))[0];
}

export function applyHint(target: ClassifiedTarget, hint: { environment: Environment; evidence: string } | undefined): ClassifiedTarget {
  if (!hint) return target;
  // The machine running a test job is a throwaway CI runner: its files are test files.
  if (hint.environment === 'test' && target.kind === 'host' && target.source === 'this host' && ['local', 'unknown'].includes(target.environment)) {
    return { ...target, environment: 'test', evidence: [hint.evidence, ...target.evidence] };
  }
  if (!['unknown', 'unknown-remote'].includes(target.environment)) return target;
  // The machine running the job is not what the job deploys to; an ssh destination may be.
  if (target.kind === 'host' && target.source === 'this host') return target;
  return { ...target, environment: hint.environment, evidence: [hint.evidence, ...target.evidence] };
}

/** A hinted job's app environment: each hint is an app target of its own, classified by its name. */
function hintTargets(hints: DecisionFacts['hints'], hint: ReturnType<typeof strongestHint>, config: Config): ClassifiedTarget[] {
  return (hints ?? []).map((each) =>
    applyHint(classifyTarget({ kind: 'app', source: each.evidence, name: each.environment, value: each.environment }, config), hint),
  );
}

// ---------------------------------------------------------------------------------------------
// Step 2: the most dangerous target decides; a rule with no target of its kinds does not fire.

function chooseTarget(
  match: Match,
  groups: readonly { kind: TargetKind; targets: readonly ClassifiedTarget[] }[],
): { target: ClassifiedTarget; severity: Severity } | undefined {
  let chosen: { target: ClassifiedTarget; severity: Severity } | undefined;
  for (const group of groups) {
    for (const target of group.targets) {
      const severity = severityFor(match.severity, target.environment);
      if (!chosen || severityRank(severity) > severityRank(chosen.severity)) chosen = { target, severity };
    }
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Steps 3 and 4: escalations.

function atMost(severity: Severity, cap: Severity): Severity {
  return severityRank(severity) > severityRank(cap) ? cap : severity;
}

/**
 * GitLab 2017: judge a data directory by its state on disk, not only by its name.
 * - a running primary (or its WAL) is destroyed for good: block where the host asks for a
 *   confirmation at all, else at least confirm — and say so, with the evidence;
 * - a standby or a stopped server: at most confirm, typing this host's name (the engineer was
 *   re-seeding a standby on the wrong host: the name he would have typed is what saves the day);
 * - a directory with no database files in it: judged by its name, at most confirm;
 * - a path that is not there: nothing to delete, at most warn.
 * No fact (--no-probe, a remote host): the rule's severity for the environment decides — for
 * rm-data-directory on production that is the typed host name, the GitLab lesson — except for
 * the write-ahead log on production, which no re-seed or clean-up needs deleted by hand: refused.
 */
export function escalateForDataDirectory(
  severity: Severity,
  fact: DataDirectoryFact | undefined,
  path?: Pick<ClassifiedPath, 'part' | 'dataDirectory'>,
  environment?: Environment,
): { severity: Severity; note: string } {
  if (path?.part === 'aside' || path?.part === 'log') return { severity, note: '' };
  const atLeastConfirmed = severityRank(severity) >= severityRank('confirm') ? 'block' : 'confirm';
  const walByName = environment === 'production' && path?.part === 'wal' && severityRank(severity) >= severityRank('confirm');
  // The path's own detail already says what the write-ahead log is: no second note.
  if (!fact) return { severity: walByName ? 'block' : severity, note: '' };
  if (fact.exists === false)
    return { severity: atMost(severity, 'warn'), note: ` — ${path?.dataDirectory ?? 'it'} does not exist on this host: nothing to delete` };
  // Unreadable (mode 0700 and we are not its owner): running or stopped cannot be told, so
  // nothing is lowered — the name decides, or, outside the known places, its owner (postgres).
  if (fact.unreadable) return { severity: walByName ? 'block' : severity, note: ` — ${fact.evidence.join('; ')}` };
  const cluster = fact.running || fact.engine !== undefined;
  if (!cluster) return { severity: atMost(severity, 'confirm'), note: ' — no database files found in it (PG_VERSION, ibdata1, WiredTiger, …)' };
  const evidence = fact.evidence.join('; ');
  if (fact.running && fact.role !== 'replica') return { severity: atLeastConfirmed, note: ` — it belongs to a running primary (${evidence})` };
  if (path?.part === 'wal') return { severity: atLeastConfirmed, note: ` — deleting the write-ahead log destroys the database (${evidence})` };
  const state = fact.running ? 'a running replica' : fact.role === 'replica' ? 'a stopped replica' : 'a stopped server';
  return { severity: atMost(severity, 'confirm'), note: ` — it belongs to ${state} (${evidence})` };
}

/** Atlassian 2022: a WHERE that covers nearly everything is as bad as no WHERE. */
export function escalateForBlastRadius(severity: Severity, radius: BlastRadius, config: Config): Severity {
  const { confirmShare, blockShare, blockRows } = config.blastRadius;
  let escalated: Severity = severity;
  if (radius.share >= blockShare || radius.estimatedRows >= blockRows) escalated = 'block';
  else if (radius.share >= confirmShare) escalated = 'confirm';
  return severityRank(escalated) > severityRank(severity) ? escalated : severity;
}

// ---------------------------------------------------------------------------------------------
// Step 5: the message.

/** Cut to `limit` characters. Only ever applied to text that is already redacted. */
function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** A statement on one line, cut. */
function clipStatement(text: string): string {
  return clip(text.replace(/\s+/g, ' ').trim(), 120);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

// ---------------------------------------------------------------------------------------------

export interface Decided {
  findings: Finding[];
  /** Every target the matches looked at, with CI hints applied. */
  targets: ClassifiedTarget[];
}

/** Run the steps over every match; findings most severe first. */
export function findingsFromMatches(matches: readonly Match[], evaluated: readonly ClassifiedTarget[], facts: DecisionFacts): Decided {
  const redactor = facts.redactor ?? plainRedactor;
  const hint = strongestHint(facts.hints);
  const hinted = hintTargets(facts.hints, hint, facts.config);
  const targets = evaluated.map((target) => applyHint(target, hint));
  let hintedShown = false;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const match of matches) {
    const groups = match.targets.map((group) => ({
      kind: group.kind,
      targets: [...group.targets.map((target) => applyHint(target, hint)), ...(group.kind === 'app' ? hinted : [])],
    }));
    if (!hintedShown && hinted.length > 0 && groups.some((group) => group.kind === 'app')) {
      hintedShown = true;
      targets.push(...hinted);
    }
    const chosen = chooseTarget(match, groups);
    if (!chosen || chosen.severity === 'allow') continue;

    const { severity: afterDirectory, note } = escalateForDataDirectory(
      chosen.severity,
      match.path?.dataDirectory ? facts.dataDirectories?.get(match.path.dataDirectory) : undefined,
      match.path,
      chosen.target.environment,
    );
    let severity = afterDirectory;
    let extra = note;
    if (match.statement?.whereReason && (match.statement.where === 'always-true' || match.statement.where === 'computed'))
      extra += ` — ${match.statement.whereReason}`;
    // A server named only in a client's file (pg_service.conf, my.cnf): say which, so the person
    // sees why a bare `mysql` or `psql service=x` is this database.
    if (chosen.target.from) extra += ` — ${chosen.target.host ?? 'local socket'} from ${chosen.target.from}`;
    if (match.statement) {
      const radius = facts.blastRadius?.get(`${targetKey(chosen.target)}|${match.statement.text}`);
      if (radius) {
        extra += ` — ${radius.text}`;
        severity = escalateForBlastRadius(severity, radius, facts.config);
      }
    }
    const redacted = (text: string) => redactor.text(text);
    const values: Record<string, string> = {
      command: match.subject === 'statement' ? clipStatement(redacted(match.command)) : clip(redacted(match.command), 160),
      target: chosen.target.name,
      environment: chosen.target.environment,
      evidence: chosen.target.evidence[0] ?? '',
      source: chosen.target.source,
      path: match.path?.path ?? '',
      detail: match.path?.detail ?? match.statement?.whereReason ?? '',
      statement: match.statement ? clipStatement(redacted(match.statement.text)) : '',
      via: match.via.length > 0 ? ` (via ${match.via.join(' → ')})` : '',
    };
    const message = redactor.text(fill(match.rule.message, values) + extra);
    const key = `${match.rule.id}|${message}|${match.pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      rule: match.rule.id,
      title: match.rule.title,
      severity,
      message,
      incident: match.rule.incident,
      target: redactor.text(chosen.target.name),
      targetKind: chosen.target.kind,
      environment: chosen.target.environment,
      why: match.rule.why,
      fix: match.rule.fix,
      pos: match.pos,
      end: match.end,
    });
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { findings, targets };
}
