// A rule's own examples, judged: each must-flag example produces a finding of that rule (at the
// stated severity, when given), each must-pass example none (ESLint's RuleTester). One
// implementation for the built-in rule test and `prodguard test-rules` (pack authors' CI).

import type { Finding, Invocation } from '../types.js';
import type { Rule, RuleExample } from '../rules/schema.js';
import type { InvocationSql } from '../rules/evaluate.js';
import { checkLine } from './check-line.js';

export type SqlFor = (invocations: readonly Invocation[]) => ReadonlyMap<Invocation, InvocationSql>;

export function exampleLine(example: RuleExample): string {
  return example.line ?? `psql ${JSON.stringify(example.url ?? 'postgres://db.example.com/app')} -c ${JSON.stringify(example.sql ?? '')}`;
}

/** How an example is shown in a report: its line, or its file and text. */
export function exampleLabel(example: RuleExample): string {
  return example.file !== undefined ? `${example.file}: ${JSON.stringify(example.text ?? '')}` : exampleLine(example);
}

export function findingsForExample(rule: Rule, example: RuleExample, sqlFor: SqlFor): Finding[] {
  const env = { HOME: '/home/dev', ...example.env };
  const analysis = checkLine(exampleLine(example), {
    rules: [rule],
    env,
    cwd: example.cwd ?? '/home/dev/project',
    hostname: example.hostname ?? 'ws-4417',
    ...(example.kubeContext ? { kubeCurrentContext: example.kubeContext } : {}),
    sqlFor,
  });
  return analysis.findings.filter((finding) => finding.rule === rule.id);
}

/** Why an example fails, or undefined when it behaves as the rule says. */
export function exampleProblem(rule: Rule, example: RuleExample, kind: 'flag' | 'pass', sqlFor: SqlFor): string | undefined {
  return findingsProblem(rule, example, kind, findingsForExample(rule, example, sqlFor));
}

/** Why an example's findings (of this rule) are not what the example says, or undefined. */
export function findingsProblem(
  rule: Rule,
  example: RuleExample,
  kind: 'flag' | 'pass',
  findings: readonly Pick<Finding, 'severity' | 'message' | 'incident'>[],
): string | undefined {
  if (kind === 'pass') return findings.length === 0 ? undefined : `should not flag, but says: ${findings[0]!.message}`;
  if (findings.length === 0) return 'should flag, but nothing was found';
  if (example.severity && findings[0]!.severity !== example.severity) return `should be ${example.severity}, is ${findings[0]!.severity}`;
  for (const finding of findings) {
    if (/\{[a-z]+\}/.test(finding.message)) return `message has an unfilled placeholder: ${finding.message}`;
    if (finding.incident !== rule.incident) return `incident is ${finding.incident}, the rule says ${rule.incident}`;
  }
  return undefined;
}

/** Structural checks on the rule set: both kinds of example, no duplicate examples. */
export function ruleSetProblems(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    if (rule.examples.flag.length === 0) problems.push(`${rule.id}: has no must-flag example`);
    if (rule.examples.pass.length === 0) problems.push(`${rule.id}: has no must-pass example`);
    const keys = [...rule.examples.flag, ...rule.examples.pass].map((example) => JSON.stringify(example));
    if (new Set(keys).size !== keys.length) problems.push(`${rule.id}: repeats an example`);
  }
  return problems;
}
