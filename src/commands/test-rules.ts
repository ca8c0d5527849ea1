// `prodguard test-rules [PATH]`: run a rule folder's own examples (a policy pack's rules/, or
// the pack itself), for pack authors' CI. Exit 0 when every example behaves, 1 when one does not.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRulesFromDirectory } from '../rules/load.js';
import { exampleLine, exampleProblem, ruleSetProblems } from '../engine/rule-examples.js';
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
  let examples = 0;
  for (const rule of rules) {
    for (const kind of ['flag', 'pass'] as const) {
      for (const example of rule.examples[kind]) {
        examples += 1;
        const problem = exampleProblem(rule, example, kind, sqlFor);
        if (problem) failures.push(`${rule.id}: ${kind} example "${exampleLine(example)}": ${problem}`);
      }
    }
  }
  for (const failure of failures) process.stdout.write(`FAIL ${failure}\n`);
  process.stdout.write(`${rules.length} rules, ${examples} examples, ${failures.length} failing (${dir})\n`);
  return failures.length === 0 ? 0 : 1;
}
