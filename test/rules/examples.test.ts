// Every rule carries must-flag and must-pass examples; this one test runs them all (ESLint's
// RuleTester, semgrep's ruleid/ok). A flag example must produce a finding of that rule (at the
// stated severity, when given); a pass example must not produce one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findingsForExample, ruleSetProblems } from '../../src/engine/rule-examples.js';
import { builtinRules } from '../helpers/rules.js';
import type { Rule, RuleExample } from '../../src/rules/schema.js';
import { sqlFactsForTest } from '../helpers/sql.js';

const rules = await builtinRules();

// One implementation with `prodguard test-rules` (src/engine/rule-examples.ts).
const sqlFor = await sqlFactsForTest();
const findingsFor = async (rule: Rule, example: RuleExample) => findingsForExample(rule, example, sqlFor);

describe('rule examples', () => {
  it('has rules, each with must-flag and must-pass examples', () => {
    expect(rules.length).toBeGreaterThanOrEqual(30);
    for (const rule of rules) {
      expect(rule.examples.flag.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.pass.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('lists every rule in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = rules.filter((rule) => !readme.includes(`| \`${rule.id}\` |`)).map((rule) => rule.id);
    expect(missing, 'run: npm run build && node scripts/rules-table.mjs').toEqual([]);
  });

  it('passes the same structural checks as prodguard test-rules', () => {
    expect(ruleSetProblems(rules)).toEqual([]);
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
        it(`flags #${index + 1}: ${example.line ?? example.sql}`, async () => {
          const findings = await findingsFor(rule, example);
          expect(findings, `${rule.id} should flag ${example.line ?? example.sql}`).not.toHaveLength(0);
          if (example.severity) expect(findings[0]!.severity).toBe(example.severity);
          for (const finding of findings) {
            expect(finding.message, 'message has an unfilled placeholder').not.toMatch(/\{[a-z]+\}/);
            expect(finding.incident).toBe(rule.incident);
          }
        });
      });
      rule.examples.pass.forEach((example, index) => {
        it(`passes #${index + 1}: ${example.line ?? example.sql}`, async () => {
          const findings = await findingsFor(rule, example);
          expect(findings.map((f) => f.message), `${rule.id} should not flag ${example.line ?? example.sql}`).toEqual([]);
        });
      });
    });
  }
});
