// The pure core from text to verdict: parse → invocations → (facts gathered at the edge) →
// targets → classify → rules → decision. `plan` says which facts the edge must gather, so a
// harmless line never reads kubeconfig, .env files or the network.

import type { ClassifiedTarget, Finding, Invocation, Severity } from '../types.js';
import { extractInvocations, type ExtractOptions } from '../parse/invocations.js';
import type { ShellParseError } from '../parse/shell.js';
import { isDatabaseClient, resolveTargets } from '../targets/resolve.js';
import { sqlSourcesOf } from '../parse/sql/sources.js';
import { CLOUD_SQL_APIS } from '../knowledge/cloud-sql.js';

import { isKubeClient } from '../knowledge/kube-clients.js';
import type { Rule } from '../rules/schema.js';
import { candidates, evaluate, matchesWords, targetKey, type EvaluationContext } from '../rules/evaluate.js';
import { decide, type Decision, type Override } from '../decide/decide.js';
import { findingsFromMatches } from '../decide/steps.js';
import type { Target } from '../types.js';

export interface Plan {
  invocations: Invocation[];
  errors: ShellParseError[];
  needs: {
    envFiles: boolean;
    kubeconfig: boolean;
    terraform: boolean;
    /** The line runs SQL or mongosh JavaScript. */
    sql: boolean;
  };
}

/** Tools whose state files the gather stage reads (src/context/gather.ts). */
export const TERRAFORM_NAMES: readonly string[] = ['terraform', 'tofu', 'terragrunt'];
const TERRAFORM = new Set(TERRAFORM_NAMES);

/** A rule that names this command (not a rule for every command) judges a database or app env. */
function wantsAppEnvironment(inv: Invocation, rules: readonly Rule[]): boolean {
  return candidates(rules, inv.name).some(
    ({ rule, patterns }) =>
      !rule.match.exceptCommands.includes(inv.name) &&
      !patterns.some((pattern) => pattern.name === '*') &&
      (rule.match.targets.includes('database') || rule.match.targets.includes('app')),
  );
}

/** A cloud API call that carries SQL (knowledge/cloud-sql.ts). */
const isCloudSqlApi = (inv: Invocation): boolean => Object.hasOwn(CLOUD_SQL_APIS, inv.name) && sqlSourcesOf(inv).length > 0;

export function plan(source: string, options: ExtractOptions, rules: readonly Rule[]): Plan {
  const { invocations, errors } = extractInvocations(source, options);
  const needs = { envFiles: false, kubeconfig: false, terraform: false, sql: false };
  for (const inv of invocations) {
    if (isKubeClient(inv.name)) needs.kubeconfig = true;
    if (TERRAFORM.has(inv.name)) needs.terraform = true;
    // SQL a cloud API carries (`aws rds-data execute-statement --sql …`) is judged too.
    if (isDatabaseClient(inv.name) || isCloudSqlApi(inv)) needs.sql = true;
    if (!needs.envFiles && !isDatabaseClient(inv.name) && inv.host.kind === 'local' && wantsAppEnvironment(inv, rules)) {
      needs.envFiles = true;
    }
  }
  return { invocations, errors, needs };
}

/** Database targets worth probing: those some candidate rule would judge. */
export function databasesToProbe(invocations: readonly Invocation[], rules: readonly Rule[], facts: EvaluationContext['facts']): Target[] {
  const byKey = new Map<string, Target>();
  for (const inv of invocations) {
    // Only a rule whose words already match makes the database's answer matter: `ls` with a
    // DATABASE_URL set opens no connection.
    const wants = matchesWords(rules, inv).some((rule) => rule.match.targets.includes('database'));
    if (!wants) continue;
    for (const target of resolveTargets(inv, 'database', facts)) {
      if (target.engine === 'postgres' && target.secretUrl) byKey.set(targetKey(target), target);
      else if (target.engine === 'postgres' && target.host && !target.socket) byKey.set(targetKey(target), target);
    }
  }
  return [...byKey.values()];
}

export interface Analysis {
  invocations: Invocation[];
  findings: Finding[];
  targets: ClassifiedTarget[];
  decision: Decision;
  verdict: Severity;
}

export function analyze(invocations: Invocation[], context: EvaluationContext, home: string, overrides: readonly Override[] = []): Analysis {
  const { matches, targets: evaluated } = evaluate(invocations, context, home);
  const { findings, targets } = findingsFromMatches(matches, evaluated, context);
  const decision = decide(findings, overrides);
  return { invocations, findings, targets, decision, verdict: decision.verdict };
}
