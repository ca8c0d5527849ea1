// The corpus: whole command lines judged by ALL built-in rules, as `check -c` would judge them.
// Cases come from INCIDENTS.md and from the bypasses that defeat regex-based guards (dcg's
// true_positives / bypass_attempts / false_positives). A dangerous line must get exactly the
// verdict its rule intends; a harmless look-alike must get `allow` with no finding at all.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/engine/check-line.js';
import { builtinRules } from '../helpers/rules.js';
import { severityRank } from '../../src/types.js';
import { sqlFactsForTest } from '../helpers/sql.js';
import { CORPUS as CORE_GROUPS, type CorpusCase, type CorpusGroup } from './cases.js';

// More groups live one file per area under groups/ (each exports `groups`), so work on different
// classes of lines adds files instead of editing one long list.
const GROUP_DIR = new URL('./groups/', import.meta.url);
const MORE_GROUPS = await Promise.all(
  readdirSync(GROUP_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map(async (file) => ((await import(new URL(file, GROUP_DIR).href)) as { groups: CorpusGroup[] }).groups),
);
const CORPUS: CorpusGroup[] = [...CORE_GROUPS, ...MORE_GROUPS.flat()];

const rules = await builtinRules();
/** SQL and mongosh JavaScript are judged by the SQL layer, as `check -c` does. */
const sqlFor = await sqlFactsForTest();

const HOME = '/home/dev';
const DEFAULT_CWD = '/home/dev/project';
/** Neutral on purpose: no environment token, so this machine classifies as local. */
const DEFAULT_HOSTNAME = 'workstation';

function judge(testCase: CorpusCase) {
  const cwd = testCase.cwd ?? DEFAULT_CWD;
  return checkLine(testCase.line, {
    rules,
    env: { HOME, PATH: '/usr/local/bin:/usr/bin:/bin', ...testCase.env },
    home: HOME,
    cwd,
    hostname: testCase.hostname ?? DEFAULT_HOSTNAME,
    sqlFor,
    ...(testCase.kubeContext ? { kubeCurrentContext: testCase.kubeContext } : {}),
    ...(testCase.terraformWorkspace ? { terraformWorkspace: testCase.terraformWorkspace } : {}),
    ...(testCase.envFiles ? { envFiles: Object.fromEntries(Object.entries(testCase.envFiles).map(([name, vars]) => [`${cwd}/${name}`, vars])) } : {}),
  });
}

function label(testCase: CorpusCase): string {
  const context = [
    testCase.hostname && `host=${testCase.hostname}`,
    testCase.kubeContext && `kube=${testCase.kubeContext}`,
    testCase.terraformWorkspace && `tf=${testCase.terraformWorkspace}`,
    testCase.env && Object.keys(testCase.env).join(','),
    testCase.envFiles && Object.keys(testCase.envFiles).join(','),
  ].filter(Boolean);
  return `${testCase.expect.padEnd(7)} ${JSON.stringify(testCase.line)}${context.length ? ` [${context.join(' ')}]` : ''}`;
}

describe('corpus', () => {
  it('has at least 150 cases, none repeated', () => {
    const all = CORPUS.flatMap((group) => group.cases);
    expect(all.length).toBeGreaterThanOrEqual(150);
    const keys = all.map((c) => JSON.stringify(c));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names only rules that exist', () => {
    const ids = new Set(rules.map((rule) => rule.id));
    for (const testCase of CORPUS.flatMap((group) => group.cases)) if (testCase.rule) expect(ids, testCase.line).toContain(testCase.rule);
  });

  for (const group of CORPUS) {
    describe(group.name, () => {
      for (const testCase of group.cases) {
        it(label(testCase), () => {
          const analysis = judge(testCase);
          const summary = analysis.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);
          expect(analysis.errors, 'the line must parse').toEqual([]);
          if (testCase.expect === 'allow') {
            expect(summary, 'a harmless line gets no finding').toEqual([]);
            expect(analysis.verdict).toBe('allow');
            return;
          }
          expect(analysis.verdict, summary.join('\n')).toBe(testCase.expect);
          if (testCase.rule) {
            const finding = analysis.findings.find((f) => f.rule === testCase.rule);
            expect(finding, `${testCase.rule} should fire:\n${summary.join('\n')}`).toBeDefined();
            expect(severityRank(finding!.severity)).toBe(severityRank(testCase.expect));
          }
          for (const finding of analysis.findings) expect(finding.message).not.toMatch(/\{[a-z]+\}/);
        });
      }
    });
  }
});
