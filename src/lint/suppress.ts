// Suppressions and baselines (pure).
//
// `# prodguard-disable-next-line RULE[, RULE2] -- reason` (or `-- prodguard-disable-next-line …`
// in SQL, `// …` in a Jenkinsfile) silences those rules on the next line; `prodguard-disable-line`
// at the end of a line silences them on that line, and `prodguard-disable-file` anywhere in the
// file silences them in the whole file (ESLint's three forms). The reason is required: a
// directive without one suppresses nothing and is itself a finding, and a directive that
// silenced nothing is reported as unused (STYLE.md §8, after squawk and ESLint's unused-disable
// reporting); so is one that names a rule that does not exist.
//
// A baseline records today's findings so a team can adopt lint on an existing repository and
// fail only on new ones. Each entry's fingerprint hashes the file, the rule and the trimmed
// text of the line, not the line number, so unrelated edits that shift lines do not bring
// baselined findings back.

import { sha256Hex } from '../util/sha256.js';
import { LineIndex } from './positions.js';
import type { LintFinding } from './types.js';

export type SuppressionScope = 'next-line' | 'line' | 'file';

export interface Suppression {
  scope: SuppressionScope;
  /** Line of the directive comment. */
  line: number;
  column: number;
  /** The line it silences (0 for the whole file). */
  target: number;
  /** Rule ids (`domain/name`, or `domain/*`); empty means every rule. */
  rules: string[];
  reason: string | undefined;
}

const DIRECTIVE = /(#|--|\/\/)\s*prodguard-disable-(next-line|line|file)\b(.*)$/;

export function parseSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const scope = m[2] as SuppressionScope;
    const rest = m[3]!;
    const sep = rest.search(/(^|\s)--(\s|$)/);
    const rulesPart = sep === -1 ? rest : rest.slice(0, sep);
    const reason =
      sep === -1
        ? undefined
        : rest
            .slice(sep)
            .replace(/^\s*--/, '')
            .trim() || undefined;
    const rules = rulesPart
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const target = scope === 'next-line' ? i + 2 : scope === 'line' ? i + 1 : 0;
    out.push({ scope, line: i + 1, column: m.index + 1, target, rules, reason });
  });
  return out;
}

function covers(s: Suppression, rule: string): boolean {
  if (s.rules.length === 0) return true;
  return s.rules.some((r) => r === rule || (r.endsWith('/*') && rule.startsWith(r.slice(0, -1))));
}

function silences(s: Suppression, finding: LintFinding): boolean {
  return s.reason !== undefined && (s.scope === 'file' || s.target === finding.line) && covers(s, finding.rule);
}

const UNUSED_HELP: Record<SuppressionScope, string> = {
  'next-line': 'remove the directive, or move it to the line just above the finding',
  line: 'remove the directive, or put it at the end of the line the finding is on',
  file: 'remove the directive',
};

function where(s: Suppression): string {
  return s.scope === 'file' ? 'in this file' : `on line ${s.target}`;
}

/**
 * Drop the findings of one file that a reasoned directive silences, and add findings for
 * directives without a reason (`lint/suppression-without-reason`) and for directives that
 * silenced nothing or name no rule (`lint/unused-suppression`). Findings of other files pass
 * through. `ruleIds`, when given, are the rules that exist.
 */
export function applySuppressions(file: string, text: string, findings: readonly LintFinding[], ruleIds?: ReadonlySet<string>): LintFinding[] {
  const suppressions = parseSuppressions(text);
  if (suppressions.length === 0) return [...findings];
  const index = new LineIndex(text);
  const used = new Set<Suppression>();
  const kept: LintFinding[] = [];
  for (const finding of findings) {
    if (finding.file !== file) {
      kept.push(finding);
      continue;
    }
    const match = suppressions.find((s) => silences(s, finding));
    if (match) used.add(match);
    else kept.push(finding);
  }
  for (const s of suppressions) {
    const shown = s.rules.length > 0 ? s.rules.join(', ') : 'all rules';
    const directive = `prodguard-disable-${s.scope}`;
    const unknown = ruleIds ? s.rules.filter((rule) => !rule.endsWith('/*') && !ruleIds.has(rule)) : [];
    // `rule: '…'` literals: test/rules/registry.test.ts finds the rules code emits by them.
    const report = (finding: { rule: string; message: string; help: string }) =>
      kept.push({ file, line: s.line, column: s.column, severity: 'warn', source: index.lineText(s.line), ...finding });
    if (s.reason === undefined) {
      report({
        rule: 'lint/suppression-without-reason',
        message: `${directive} ${shown} has no reason, so it suppresses nothing`,
        help: `add why after " -- ", e.g. "# ${directive} sql/truncate -- local fixture reset"`,
      });
    } else if (used.has(s)) {
      continue;
    } else if (unknown.length > 0) {
      report({
        rule: 'lint/unused-suppression',
        message: `${directive} names no rule prodguard has: ${unknown.join(', ')}`,
        help: 'use the id a finding shows (`prodguard rules` lists them all), e.g. sql/truncate',
      });
    } else {
      report({ rule: 'lint/unused-suppression', message: `${directive} ${shown} suppresses nothing ${where(s)}`, help: UNUSED_HELP[s.scope] });
    }
  }
  return kept.sort(compareFindings);
}

export function compareFindings(a: LintFinding, b: LintFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

// ── baseline ────────────────────────────────────────────────────────────────

export interface BaselineEntry {
  file: string;
  rule: string;
  /** Where it was when the baseline was written (informational; matching uses the fingerprint). */
  line: number;
  fingerprint: string;
}

export interface Baseline {
  findings: BaselineEntry[];
}

/** Hash of file + rule + the trimmed text of the finding's line. */
export function fingerprint(finding: Pick<LintFinding, 'file' | 'rule' | 'source'>): string {
  return sha256Hex(`${finding.file}\0${finding.rule}\0${(finding.source ?? '').trim()}`).slice(0, 32);
}

export function createBaseline(findings: readonly LintFinding[]): Baseline {
  return {
    findings: [...findings].sort(compareFindings).map((f) => ({ file: f.file, rule: f.rule, line: f.line, fingerprint: fingerprint(f) })),
  };
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export interface BaselineResult {
  /** Findings not in the baseline: these are reported. */
  findings: LintFinding[];
  /** Findings the baseline accepts. */
  baselined: LintFinding[];
  /** Baseline entries that no longer match a finding (fixed, or the line changed). */
  stale: BaselineEntry[];
}

/** Match findings to baseline entries by fingerprint, each entry accepting one finding. */
export function applyBaseline(findings: readonly LintFinding[], baseline: Baseline): BaselineResult {
  const available = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const list = available.get(entry.fingerprint) ?? [];
    list.push(entry);
    available.set(entry.fingerprint, list);
  }
  const result: BaselineResult = { findings: [], baselined: [], stale: [] };
  for (const finding of findings) {
    const list = available.get(fingerprint(finding));
    if (list && list.length > 0) {
      // Prefer the entry nearest to the finding's line when a line repeats in a file.
      list.sort((a, b) => Math.abs(a.line - finding.line) - Math.abs(b.line - finding.line));
      list.shift();
      result.baselined.push(finding);
    } else result.findings.push(finding);
  }
  for (const list of available.values()) result.stale.push(...list);
  return result;
}

export class BaselineError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Read a baseline file's text; a malformed one is a `BaselineError` naming file and field. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not JSON (${(error as Error).message})`, file);
  }
  const list = (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) throw new BaselineError(`${file}: findings must be an array`, file);
  const findings: BaselineEntry[] = list.map((raw: unknown, i) => {
    const e = raw as Record<string, unknown>;
    for (const [field, type] of [
      ['file', 'string'],
      ['rule', 'string'],
      ['fingerprint', 'string'],
      ['line', 'number'],
    ] as const) {
      if (typeof e?.[field] !== type) throw new BaselineError(`${file}: findings[${i}].${field} must be a ${type}`, file);
    }
    return { file: e.file as string, rule: e.rule as string, line: e.line as number, fingerprint: e.fingerprint as string };
  });
  return { findings };
}
