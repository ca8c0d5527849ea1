// Every rule carries must-flag and must-pass examples; this one test runs them all (ESLint's
// RuleTester, semgrep's ruleid/ok). A flag example must produce a finding of that rule (at the
// stated severity, when given); a pass example must not produce one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findingsForExample, ruleSetProblems } from '../../src/engine/rule-examples.js';
import { builtinRules } from '../helpers/rules.js';
import type { Rule, RuleExample } from '../../src/rules/schema.js';
import { sqlFactsForTest } from '../helpers/sql.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { lintExampleFindings } from '../../src/lint/rule-examples.js';

const rules = await builtinRules();

/** A rule whose logic is code is shown with a file: lint it as `prodguard lint` would (one
 *  implementation with `prodguard test-rules`: src/lint/rule-examples.ts). */
export async function lintExample(example: RuleExample, config: Config = DEFAULT_CONFIG) {
  return lintExampleFindings(example, { rules, config, sqlFor: await sqlFactsForTest() }) ?? [];
}

const shown = (example: RuleExample) => example.line ?? example.sql ?? `${example.file}: ${JSON.stringify(example.text)}`;

async function findingsFor(rule: Rule, example: RuleExample): Promise<{ rule: string; severity: string; message: string; incident?: string }[]> {
  if (rule.logic === 'code') {
    return (await lintExample(example)).filter((finding) => finding.rule === rule.id).map((finding) => ({ ...finding, incident: rule.incident }));
  }
  // One implementation with `prodguard test-rules` (src/engine/rule-examples.ts).
  return findingsForExample(rule, example, await sqlFactsForTest());
}

describe('rule examples', () => {
  it('has rules, each with must-flag and must-pass examples', () => {
    expect(rules.length).toBeGreaterThanOrEqual(30);
    for (const rule of rules) {
      expect(rule.examples.flag.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.pass.length, rule.id).toBeGreaterThan(0);
    }
    // The same check `prodguard test-rules` runs for rule packs.
    expect(ruleSetProblems(rules)).toEqual([]);
  });

  it('lists every rule in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = rules.filter((rule) => !readme.includes(`| \`${rule.id}\` |`)).map((rule) => rule.id);
    expect(missing, 'run: npm run build && node scripts/rules-table.mjs').toEqual([]);
  });

  it('has no duplicate examples within a rule', () => {
    for (const rule of rules) {
      const keys = [...rule.examples.flag, ...rule.examples.pass].map((example) => JSON.stringify(example));
      expect(new Set(keys).size, `${rule.id} repeats an example`).toBe(keys.length);
    }
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      rule.examples.flag.forEach((example, index) => {
        it(`flags #${index + 1}: ${shown(example)}`, async () => {
          const findings = await findingsFor(rule, example);
          expect(findings, `${rule.id} should flag ${shown(example)}`).not.toHaveLength(0);
          if (example.severity) expect(findings[0]!.severity).toBe(example.severity);
          for (const finding of findings) {
            expect(finding.message, 'message has an unfilled placeholder').not.toMatch(/\{[a-z]+\}/);
            expect(finding.incident).toBe(rule.incident);
          }
        });
      });
      rule.examples.pass.forEach((example, index) => {
        it(`passes #${index + 1}: ${shown(example)}`, async () => {
          const findings = await findingsFor(rule, example);
          expect(
            findings.map((f) => f.message),
            `${rule.id} should not flag ${shown(example)}`,
          ).toEqual([]);
        });
      });
    });
  }
});
