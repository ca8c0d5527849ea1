import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../../src/lint/rules.js';
import { builtinRules } from '../helpers/rules.js';

const LINT_RULE_DOCS = ruleDocs(await builtinRules());
import type { LintFinding } from '../../src/lint/types.js';
import { escapeData, escapeProperty, renderLintGithub } from '../../src/report/lint-github.js';
import { defaultLintFormat, isLintReportFormat, LINT_REPORT_FORMATS, lintReporters, shouldColor } from '../../src/report/lint-reporters.js';

const findings: LintFinding[] = [
  {
    file: '.github/workflows/deploy.yml',
    line: 16,
    column: 11,
    endLine: 16,
    endColumn: 42,
    rule: 'db/schema-load',
    severity: 'block',
    message: 'db:schema:load would drop every table of the production database',
    help: 'run migrations instead: rake db:migrate',
    source: '          bundle exec rake db:schema:load',
  },
  {
    file: '.github/workflows/deploy.yml',
    line: 23,
    column: 1,
    rule: 'dotenv/escape-hatch',
    severity: 'confirm',
    message: 'SAFETY_ASSURED is set for step 4, 100% of it: a, b',
    source: '          SAFETY_ASSURED: "1"',
  },
  {
    file: 'config/my env/.env.test',
    line: 3,
    column: 1,
    rule: 'dotenv/test-env-points-at-remote-database',
    severity: 'warn',
    message: 'DATABASE_URL points at postgres://ci:hunter2@db.example.com/app\r\nsecond line',
    source: 'DATABASE_URL=postgres://ci:hunter2@db.example.com/app',
  },
];

describe('json reporter', () => {
  it('prints the DESIGN.md contract, with optional fields after it, and no source text', () => {
    const out = lintReporters.json(findings.slice(0, 1));
    expect(out).toBe(
      JSON.stringify(
        {
          findings: [
            {
              file: '.github/workflows/deploy.yml',
              line: 16,
              column: 11,
              rule: 'db/schema-load',
              severity: 'block',
              message: 'db:schema:load would drop every table of the production database',
              endLine: 16,
              endColumn: 42,
              help: 'run migrations instead: rake db:migrate',
            },
          ],
        },
        null,
        2,
      ) + '\n',
    );
    expect(lintReporters.json([])).toBe('{\n  "findings": []\n}\n');
  });

  it('never prints a password', () => {
    const out = lintReporters.json(findings);
    expect(out).not.toContain('hunter2');
    expect(JSON.parse(out).findings[2].message).toBe('DATABASE_URL points at postgres://ci:***@db.example.com/app\r\nsecond line');
  });
});

describe('github reporter', () => {
  it('prints one workflow command per finding, escaped per the toolkit', () => {
    expect(renderLintGithub(findings)).toBe(
      [
        '::error file=.github/workflows/deploy.yml,line=16,col=11,title=db/schema-load::db:schema:load would drop every table of the production database%0Ahelp: run migrations instead: rake db:migrate',
        '::error file=.github/workflows/deploy.yml,line=23,col=1,title=dotenv/escape-hatch::SAFETY_ASSURED is set for step 4, 100%25 of it: a, b',
        '::warning file=config/my env/.env.test,line=3,col=1,title=dotenv/test-env-points-at-remote-database::DATABASE_URL points at postgres://ci:***@db.example.com/app%0D%0Asecond line',
        '',
      ].join('\n'),
    );
    expect(renderLintGithub([])).toBe('');
  });

  it('escapes : and , in properties', () => {
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    expect(escapeData('a:b,c%d\r\n')).toBe('a:b,c%25d%0D%0A');
    const out = renderLintGithub([{ ...findings[1]!, file: 'weird,na:me.yml', severity: 'warn' }]);
    expect(out.startsWith('::warning file=weird%2Cna%3Ame.yml,line=23,')).toBe(true);
  });

  it('falls back to the rule docs for help', () => {
    const out = renderLintGithub([findings[1]!], { rules: LINT_RULE_DOCS });
    expect(out).toContain('%0Ahelp: Set the variable only on the one command');
  });
});

describe('sarif reporter', () => {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The 2.1.0 schema's language pattern is not valid with the u flag, so match it as its authors did.
  // CommonJS modules whose module.exports is also their `default` export.
  const Ajv = AjvDraft04.default;
  const addFormats = ajvFormats.default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    for (const list of [findings, []]) {
      const log = JSON.parse(lintReporters.sarif(list, { toolVersion: '0.1.0', rules: LINT_RULE_DOCS }));
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(ok).toBe(true);
    }
    // The validator is not vacuous.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    const broken = JSON.parse(lintReporters.sarif(findings));
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes rules, maps severities and locations', () => {
    const log = JSON.parse(lintReporters.sarif(findings, { toolVersion: '0.1.0', rules: LINT_RULE_DOCS }));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'prodguard', version: '0.1.0' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'db/schema-load',
      'dotenv/escape-hatch',
      'dotenv/test-env-points-at-remote-database',
    ]);
    expect(run.tool.driver.rules[1]).toMatchObject({
      shortDescription: { text: 'Safety check switched off for a whole job or env file' },
      defaultConfiguration: { level: 'error' },
      properties: { incident: 'travis-2018' },
    });
    expect(run.results.map((r: { level: string; ruleIndex: number }) => [r.level, r.ruleIndex])).toEqual([
      ['error', 0],
      ['error', 1],
      ['warning', 2],
    ]);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.github/workflows/deploy.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 16, startColumn: 11, endLine: 16, endColumn: 42 },
    });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('config/my%20env/.env.test');
    expect(run.results[0].properties).toEqual({ severity: 'block' });
    expect(JSON.stringify(log)).not.toContain('hunter2');
  });
});

describe('text reporter', () => {
  it('groups by file with a code frame, caret, help and a summary (no colour)', () => {
    const out = lintReporters.text(findings, { color: false, filesScanned: 12 });
    expect(out).toBe(
      [
        '.github/workflows/deploy.yml',
        '  16:11  block  db:schema:load would drop every table of the production database  db/schema-load',
        '    16 |           bundle exec rake db:schema:load',
        '       |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '    help: run migrations instead: rake db:migrate',
        '  23:1  confirm  SAFETY_ASSURED is set for step 4, 100% of it: a, b  dotenv/escape-hatch',
        '    23 |           SAFETY_ASSURED: "1"',
        '       | ^',
        '',
        'config/my env/.env.test',
        '  3:1  warn  DATABASE_URL points at postgres://ci:***@db.example.com/app\r\nsecond line  dotenv/test-env-points-at-remote-database',
        '    3 | DATABASE_URL=postgres://ci:***@db.example.com/app',
        '      | ^',
        '',
        '✖ 3 findings (1 block, 1 confirm, 1 warn) in 2 files, 12 scanned',
        '',
      ].join('\n'),
    );
  });

  it('lines the caret up under tabs and after a redacted password', () => {
    const out = lintReporters.text(
      [
        { file: 'Makefile', line: 2, column: 3, rule: 'fs/rm-root', severity: 'block', message: 'm', source: '\t-rm -rf /' },
        {
          file: 'x.sh',
          line: 1,
          column: 44,
          rule: 'db/x',
          severity: 'warn',
          message: 'm',
          source: 'psql postgres://u:longpassword@db.prod/app -c "DROP TABLE t"',
        },
      ],
      { color: false },
    );
    expect(out).toContain('    2 | \t-rm -rf /\n      | \t ^\n');
    const redacted = 'psql postgres://u:***@db.prod/app -c "DROP TABLE t"';
    expect(out).toContain(`    1 | ${redacted}\n      | ${' '.repeat(redacted.indexOf('-c'))}^\n`);
    expect(out).not.toContain('longpassword');
  });

  it('colours only when asked, and says so when there is nothing to report', () => {
    expect(lintReporters.text(findings, { color: true })).toContain('\u001b[');
    expect(lintReporters.text(findings, { color: false })).not.toContain('\u001b[');
    expect(lintReporters.text([], { color: false, filesScanned: 3 })).toBe('✔ No findings in 3 files scanned\n');
  });
});

describe('reporter map', () => {
  it('has one reporter per format', () => {
    expect(Object.keys(lintReporters)).toEqual([...LINT_REPORT_FORMATS]);
    expect(isLintReportFormat('sarif')).toBe(true);
    expect(isLintReportFormat('xml')).toBe(false);
  });

  it('defaults to github annotations inside GitHub Actions', () => {
    expect(defaultLintFormat({ GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(defaultLintFormat({})).toBe('text');
  });

  it('honours NO_COLOR and non-TTY output', () => {
    expect(shouldColor({}, true)).toBe(true);
    expect(shouldColor({}, false)).toBe(false);
    expect(shouldColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(false);
  });
});

describe('redaction in reports', () => {
  it('hides secret-looking assignments and tokens in code frames', () => {
    const out = lintReporters.text(
      [
        { file: '.env', line: 1, column: 1, rule: 'x/y', severity: 'warn', message: 'm', source: 'DB_PASSWORD=hunter2' },
        { file: 'ci.yml', line: 2, column: 5, rule: 'x/y', severity: 'warn', message: 'm', source: '    GITHUB_TOKEN: "ghp_abcdefghijklmnopqrstuvwxyz0123"' },
      ],
      { color: false },
    );
    expect(out).toContain('DB_PASSWORD=***');
    expect(out).toContain('GITHUB_TOKEN: "***"');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('ghp_');
  });
});
