// `prodguard test-rules [PATH]`: run a rule folder's own examples (a policy pack's rules/, or
// the pack itself), for pack authors' CI. Exit 0 when every example behaves, 1 when one does not.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRulesFromDirectory } from '../rules/load.js';
import { exampleLabel, exampleProblem, findingsProblem, ruleSetProblems } from '../engine/rule-examples.js';
import { lintExampleFindings } from '../lint/rule-examples.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Rule, RuleExample } from '../rules/schema.js';
import { sqlFactsFor } from '../engine/sql-facts.js';
import { loadSqlParser } from '../parse/sql/load.js';
import { loadMongoParser } from '../parse/sql/mongo.js';

export async function runTestRules(path: string | undefined): Promise<number> {
  let dir = resolve(process.cwd(), path ?? '.');
  if (existsSync(join(dir, 'rules')) && !existsSync(join(dir, 'rules.yaml'))) dir = join(dir, 'rules');
  const rules = await loadRulesFromDirectory(dir);
  await loadSqlParser();
  await loadMongoParser();
  const sqlFor = (invocations: Parameters<typeof sqlFactsFor>[0]) => sqlFactsFor(invocations, () => undefined);
  const failures = ruleSetProblems(rules);
  // A rule whose logic is code (dotenv/*, lint/*, topology/*) shows a file: lint it as
  // `prodguard lint` would, with the folder's rules, as the built-in rule test does.
  const config = structuredClone(DEFAULT_CONFIG);
  const codeExampleProblem = (rule: Rule, example: RuleExample, kind: 'flag' | 'pass'): string | undefined => {
    const found = lintExampleFindings(example, { rules, config, sqlFor });
    if (!found) return 'a rule whose logic is code is shown with a file: give the example `file` and `text`';
    const findings = found.filter((finding) => finding.rule === rule.id).map((finding) => ({ ...finding, incident: rule.incident }));
    return findingsProblem(rule, example, kind, findings);
  };
  let examples = 0;
  for (const rule of rules) {
    for (const kind of ['flag', 'pass'] as const) {
      for (const example of rule.examples[kind]) {
        examples += 1;
        const problem = rule.logic === 'code' ? codeExampleProblem(rule, example, kind) : exampleProblem(rule, example, kind, sqlFor);
        if (problem) failures.push(`${rule.id}: ${kind} example "${exampleLabel(example)}": ${problem}`);
      }
    }
  }
  for (const failure of failures) process.stdout.write(`FAIL ${failure}\n`);
  process.stdout.write(`${rules.length} rules, ${examples} examples, ${failures.length} failing (${dir})\n`);
  return failures.length === 0 ? 0 : 1;
}
