// docs/rules/<id>.md (issue 12): one page per built-in rule, generated from its YAML by
// `npm run docs:rules`. This test renders every page again and fails when docs/rules is stale;
// SARIF embeds the page as help.markdown and links it when the repository is known.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../../src/lint/rules.js';
import { docsBaseUrl } from '../../src/report/docs-url.js';
import { lintReporters } from '../../src/report/lint-reporters.js';
import { renderRuleDoc, ruleDocPath, ruleHelp, RULE_DOCS_DIR } from '../../src/report/rule-doc.js';
import type { LintFinding } from '../../src/lint/types.js';
import { builtinRules } from '../helpers/rules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = await builtinRules();
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

describe('docs/rules', () => {
  it('has a current page for every built-in rule, and no page for a rule that is gone (run npm run docs:rules)', () => {
    const stale: string[] = [];
    for (const rule of rules) {
      const file = join(root, ruleDocPath(rule.id));
      if (!existsSync(file) || readFileSync(file, 'utf8') !== renderRuleDoc(rule)) stale.push(ruleDocPath(rule.id));
    }
    const expected = new Set(rules.map((rule) => ruleDocPath(rule.id)));
    const orphans = walk(join(root, RULE_DOCS_DIR))
      .map((file) => relative(root, file))
      .filter((file) => !expected.has(file));
    expect({ stale, orphans }, 'docs/rules is out of date: run npm run docs:rules').toEqual({ stale: [], orphans: [] });
  });

  it('says what, why, the fix, both kinds of example with where they are judged, and how to turn it down', () => {
    const rule = rules.find((candidate) => candidate.id === 'database/test-suite-against-remote')!;
    const page = renderRuleDoc(rule);
    expect(page).toMatch(/^# database\/test-suite-against-remote$/m);
    expect(page).toContain(`incident: ${rule.incident}`);
    for (const heading of ['## What it matches', '## Why', '## How to fix', '## Flagged', '## Passes', '## Turning it down or off'])
      expect(page).toContain(heading);
    // The same line is flagged or passes depending on where it points: the page says where.
    expect(page).toMatch(/- `bundle exec rspec` — with `DATABASE_URL=postgres:\/\/app:\*\*\*@ec2-/);
    expect(page).toContain('prodguard-disable-next-line database/test-suite-against-remote -- why');
    for (const page of rules.map(renderRuleDoc)) expect(page).not.toMatch(/hunter2|:[^@\s/*]{3,}@[\w.-]+\.(com|internal)/i);
  });
});

describe('the docs address', () => {
  it.each([
    ['https://github.com/acme/prodguard', 'https://github.com/acme/prodguard/blob/HEAD/'],
    ['git+https://github.com/acme/prodguard.git', 'https://github.com/acme/prodguard/blob/HEAD/'],
    ['github:acme/prodguard', 'https://github.com/acme/prodguard/blob/HEAD/'],
    ['acme/prodguard', 'https://github.com/acme/prodguard/blob/HEAD/'],
    ['git@github.com:acme/prodguard.git', 'https://github.com/acme/prodguard/blob/HEAD/'],
  ])('comes from the repository field %s', (repository, base) => {
    expect(docsBaseUrl(repository)).toBe(base);
    expect(docsBaseUrl({ type: 'git', url: repository })).toBe(base);
  });

  it('is absent when package.json names no repository', () => {
    expect(docsBaseUrl(undefined)).toBeUndefined();
    expect(docsBaseUrl('')).toBeUndefined();
  });
});

describe('SARIF help', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);

  it('carries the page as help.markdown and its address as helpUri, and still validates', () => {
    const rule = rules.find((candidate) => candidate.id === 'filesystem/rm-unset-variable')!;
    const docs = { ...ruleDocs(rules), [rule.id]: { ...ruleDocs(rules)[rule.id], ...ruleHelp(rule, docsBaseUrl('github:acme/prodguard')) } };
    const finding: LintFinding = { file: 'deploy.sh', line: 3, column: 1, rule: rule.id, severity: 'block', message: 'rm -rf "$BUILD_DIR/" removes /' };
    const log = JSON.parse(lintReporters.sarif([finding], { toolVersion: '0.1.0', rules: docs }));
    const described = log.runs[0].tool.driver.rules[0];
    expect(described.helpUri).toBe('https://github.com/acme/prodguard/blob/HEAD/docs/rules/filesystem/rm-unset-variable.md');
    expect(described.help.text).toBe(rule.fix);
    expect(described.help.markdown).toMatch(/^# filesystem\/rm-unset-variable\n/);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });
});
