// The rules whose logic is code rather than a `match` (ESLint's meta + create): their metadata
// (title, incident, severity per environment, message, why, fix) and their must-flag/must-pass
// examples are YAML under rules/lint, rules/dotenv and rules/topology, in the one registry that
// `rules`, `explain`, config and the example test read. Here: where each one's logic lives, and
// the step that applies the registry (config off / severity, help line) to what they found.

import type { Config } from '../config/schema.js';
import type { Environment, Severity } from '../types.js';
import { severityFor, type Rule } from '../rules/schema.js';
import type { LintFinding, LintSeverity } from './types.js';
import { table } from '../util/dict.js';

/** Rule id → the code that decides it (for `explain` and for readers of a YAML file). */
export const CODE_RULES: Readonly<Record<string, string>> = table({
  'lint/parse-error': 'src/lint/extract (YAML, Dockerfile) and src/lint/lint-file.ts (shell, SQL)',
  'lint/suppression-without-reason': 'src/lint/suppress.ts',
  'lint/unused-suppression': 'src/lint/suppress.ts',
  'dotenv/test-env-points-at-remote-database': 'src/lint/extract/dotenv.ts',
  'dotenv/escape-hatch': 'src/lint/extract/escape-hatches.ts',
  'topology/cross-region-promotion': 'src/lint/extract/orchestrator.ts',
});

/** What reporters show for a rule (SARIF `tool.driver.rules`, help lines). */
export interface LintRuleDoc {
  title: string;
  help: string;
  incident: string;
}

/** Docs for every rule in the registry, by id. */
export function ruleDocs(rules: readonly Rule[]): Record<string, LintRuleDoc> {
  const docs: Record<string, LintRuleDoc> = {};
  for (const rule of rules) docs[rule.id] = { title: rule.title, help: rule.fix, incident: rule.incident };
  return docs;
}

/** Most dangerous first, then `default`: the environment a code rule's severity stands for. */
const LOOKUP_ORDER: readonly (Environment | 'default')[] = ['production', 'unknown-remote', 'staging', 'unknown', 'test', 'development', 'local', 'default'];

/**
 * A code rule says which of its YAML severities applies (`block` for a production-looking URL,
 * `confirm` for any remote one): the environment that severity is listed under is the one the
 * config's severity map is read for.
 */
function environmentOf(rule: Rule, severity: Severity): Environment | 'default' {
  return LOOKUP_ORDER.find((environment) => rule.severity[environment] === severity) ?? 'default';
}

/**
 * Apply the registry to findings of code rules: `rules: {ID: off}` drops them, a severity map in
 * the config re-grades them, and each gets its rule's fix as help. Findings of match rules were
 * graded by the engine already and pass through.
 */
/** Rules by id, built once per rule set: a run applies the registry to every file it lints. */
const rulesById = new WeakMap<readonly Rule[], ReadonlyMap<string, Rule>>();

export function applyRuleRegistry(findings: readonly LintFinding[], rules: readonly Rule[], config: Config): LintFinding[] {
  if (findings.length === 0) return [];
  let byId = rulesById.get(rules);
  if (!byId) {
    byId = new Map(rules.map((rule) => [rule.id, rule]));
    rulesById.set(rules, byId);
  }
  const out: LintFinding[] = [];
  for (const finding of findings) {
    const rule = byId.get(finding.rule);
    if (!rule || rule.logic !== 'code') {
      out.push(finding);
      continue;
    }
    const override = config.rules[rule.id]?.severity;
    if (override === 'off') continue;
    let severity: Severity = finding.severity;
    if (override) {
      const environment = environmentOf(rule, finding.severity);
      const merged = { ...rule.severity, ...override };
      severity = environment === 'default' ? (merged.default ?? finding.severity) : severityFor(merged, environment);
    }
    if (severity === 'allow') continue;
    out.push({ ...finding, severity: severity as LintSeverity, help: finding.help ?? rule.fix });
  }
  return out;
}
