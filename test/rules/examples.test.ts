// Every rule carries must-flag and must-pass examples; this one test runs them all (ESLint's
// RuleTester, semgrep's ruleid/ok). A flag example must produce a finding of that rule (at the
// stated severity, when given); a pass example must not produce one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkLine } from '../../src/engine/check-line.js';
import { builtinRules } from '../helpers/rules.js';
import type { Rule, RuleExample } from '../../src/rules/schema.js';
import { sqlFactsForTest } from '../helpers/sql.js';

const rules = await builtinRules();

async function findingsFor(rule: Rule, example: RuleExample) {
  const env = { HOME: '/home/dev', ...example.env };
  const line = example.line ?? `psql ${JSON.stringify(example.url ?? 'postgres://db.example.com/app')} -c ${JSON.stringify(example.sql ?? '')}`;
  const analysis = checkLine(line, {
    rules: [rule],
    env,
    cwd: example.cwd ?? '/home/dev/project',
    hostname: example.hostname ?? 'ws-4417',
    ...(example.kubeContext ? { kubeCurrentContext: example.kubeContext } : {}),
    sqlFor: await sqlFactsForTest(),
  });
  return analysis.findings.filter((finding) => finding.rule === rule.id);
}

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
