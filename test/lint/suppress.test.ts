import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  applySuppressions,
  BaselineError,
  createBaseline,
  fingerprint,
  parseBaseline,
  parseSuppressions,
  serializeBaseline,
} from '../../src/lint/suppress.js';
import { problemToFinding } from '../../src/lint/findings.js';
import type { LintFinding } from '../../src/lint/types.js';
import { builtinRules } from '../helpers/rules.js';

function finding(line: number, rule: string, source = '', file = 'deploy.sh'): LintFinding {
  return { file, line, column: 1, rule, severity: 'block', message: `${rule} on ${line}`, source };
}

describe('parseSuppressions', () => {
  it('reads rules and the reason after --, in shell, YAML and SQL comments', () => {
    const text = [
      '# prodguard-disable-next-line fs/rm-root, db/truncate -- fixture reset on a throwaway box',
      'rm -rf /',
      '  - run: x  # prodguard-disable-next-line fs/rm-root',
      '-- prodguard-disable-next-line sql/drop-table -- dropped in the same release that removes the model',
      '# prodguard-disable-next-line -- everything, on purpose',
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([
      { scope: 'next-line', line: 1, column: 1, target: 2, rules: ['fs/rm-root', 'db/truncate'], reason: 'fixture reset on a throwaway box' },
      { scope: 'next-line', line: 3, column: 13, target: 4, rules: ['fs/rm-root'], reason: undefined },
      { scope: 'next-line', line: 4, column: 1, target: 5, rules: ['sql/drop-table'], reason: 'dropped in the same release that removes the model' },
      { scope: 'next-line', line: 5, column: 1, target: 6, rules: [], reason: 'everything, on purpose' },
    ]);
  });

  it('reads the same-line and whole-file forms', () => {
    const text = [
      '# prodguard-disable-file sql/truncate -- fixtures are reloaded on every run',
      'rm -rf "$X/"  # prodguard-disable-line filesystem/rm-unset-variable -- X is set by the wrapper',
      "sh 'make clean' // prodguard-disable-line -- Jenkinsfile comment",
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([
      { scope: 'file', line: 1, column: 1, target: 0, rules: ['sql/truncate'], reason: 'fixtures are reloaded on every run' },
      { scope: 'line', line: 2, column: 15, target: 2, rules: ['filesystem/rm-unset-variable'], reason: 'X is set by the wrapper' },
      { scope: 'line', line: 3, column: 17, target: 3, rules: [], reason: 'Jenkinsfile comment' },
    ]);
  });
});

describe('applySuppressions: same-line, whole-file and unknown rules', () => {
  const text = [
    '#!/bin/sh',
    '# prodguard-disable-file sql/truncate -- the fixture database is rebuilt on every run',
    'psql -c "TRUNCATE users"',
    'rm -rf "$X/"  # prodguard-disable-line filesystem/rm-unset-variable -- the wrapper sets X',
    'psql -c "TRUNCATE orders"',
    '# prodguard-disable-next-line db/truncate -- a typo in the rule id',
    'psql -c "TRUNCATE audit"',
    'echo ok  # prodguard-disable-line filesystem/rm-root -- nothing to silence here',
  ].join('\n');
  const ids = new Set(['sql/truncate', 'filesystem/rm-unset-variable', 'filesystem/rm-root']);

  it('silences the line it ends or the whole file, and says when a directive names no rule', () => {
    const out = applySuppressions(
      'reset.sh',
      text,
      [
        finding(3, 'sql/truncate', '', 'reset.sh'),
        finding(4, 'filesystem/rm-unset-variable', '', 'reset.sh'),
        finding(5, 'sql/truncate', '', 'reset.sh'),
        finding(7, 'sql/truncate', '', 'reset.sh'),
      ],
      ids,
    );
    expect(out.map((f) => `${f.line} ${f.rule}: ${f.message}`)).toEqual([
      '6 lint/unused-suppression: prodguard-disable-next-line names no rule prodguard has: db/truncate',
      '8 lint/unused-suppression: prodguard-disable-line filesystem/rm-root suppresses nothing on line 8',
    ]);
  });

  it('names a rule that exists in the hint for a directive without a reason', async () => {
    const [out] = applySuppressions('a.sh', '# prodguard-disable-line\n', [], ids);
    expect(out!.rule).toBe('lint/suppression-without-reason');
    const named = /prodguard-disable-line (\S+) --/.exec(out!.help ?? '')?.[1];
    expect((await builtinRules()).map((rule) => rule.id)).toContain(named);
  });
});

describe('applySuppressions', () => {
  const text = [
    '#!/bin/sh',
    '# prodguard-disable-next-line fs/rm-root -- the CI box is thrown away after the job',
    'rm -rf /',
    '# prodguard-disable-next-line db/truncate',
    'psql -c "TRUNCATE users"',
    '# prodguard-disable-next-line db/drop -- left over',
    'echo ok',
    '# prodguard-disable-next-line k8s/* -- namespace is per-branch',
    'kubectl delete ns "$BRANCH"',
  ].join('\n');

  it('drops reasoned matches, keeps the rest, and reports missing reasons and unused directives', () => {
    const out = applySuppressions('deploy.sh', text, [
      finding(3, 'fs/rm-root'),
      finding(3, 'fs/other'),
      finding(5, 'db/truncate'),
      finding(9, 'k8s/delete-namespace'),
      finding(3, 'fs/rm-root', '', 'other.sh'),
    ]);
    expect(out.map((f) => [f.file, f.line, f.rule, f.severity])).toEqual([
      ['deploy.sh', 3, 'fs/other', 'block'],
      ['deploy.sh', 4, 'lint/suppression-without-reason', 'warn'],
      ['deploy.sh', 5, 'db/truncate', 'block'],
      ['deploy.sh', 6, 'lint/unused-suppression', 'warn'],
      ['other.sh', 3, 'fs/rm-root', 'block'],
    ]);
    expect(out[1]!.source).toBe('# prodguard-disable-next-line db/truncate');
    expect(out[3]!.message).toBe('prodguard-disable-next-line db/drop suppresses nothing on line 7');
  });

  it('passes findings through untouched when the file has no directives', () => {
    const f = [finding(1, 'a/b')];
    expect(applySuppressions('deploy.sh', 'rm -rf /\n', f)).toEqual(f);
  });
});

describe('baseline', () => {
  const findings = [
    finding(3, 'fs/rm-root', '  rm -rf "$DIR/"'),
    finding(10, 'db/truncate', 'psql -c "TRUNCATE users"'),
    finding(12, 'db/truncate', 'psql -c "TRUNCATE users"'),
  ];

  it('fingerprints file + rule + trimmed line text, not the line number', () => {
    expect(fingerprint(findings[0]!)).toBe(fingerprint({ ...findings[0]!, source: 'rm -rf "$DIR/"   ' }));
    expect(fingerprint(findings[0]!)).not.toBe(fingerprint({ ...findings[0]!, file: 'other.sh' }));
    expect(fingerprint(findings[0]!)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts baselined findings after unrelated line shifts, and reports new ones and stale entries', () => {
    const baseline = parseBaseline(serializeBaseline(createBaseline(findings)), 'prodguard-baseline.json');
    expect(baseline.findings).toHaveLength(3);
    expect(baseline.findings[0]).toEqual({ file: 'deploy.sh', rule: 'fs/rm-root', line: 3, fingerprint: fingerprint(findings[0]!) });

    const shifted = findings.map((f) => ({ ...f, line: f.line + 5 }));
    const fresh = finding(40, 'fs/rm-root', 'rm -rf /');
    const result = applyBaseline([...shifted, fresh], baseline);
    expect(result.findings).toEqual([fresh]);
    expect(result.baselined).toHaveLength(3);
    expect(result.stale).toEqual([]);

    // A third TRUNCATE of the same line text is new: each entry accepts one finding.
    const third = finding(20, 'db/truncate', 'psql -c "TRUNCATE users"');
    expect(applyBaseline([...findings, third], baseline).findings).toEqual([third]);

    const fixed = applyBaseline([findings[1]!], baseline);
    expect(fixed.findings).toEqual([]);
    expect(fixed.stale.map((e) => [e.rule, e.line])).toEqual([
      ['fs/rm-root', 3],
      ['db/truncate', 12],
    ]);
  });

  it('rejects a malformed baseline naming the file and field', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{"findings": {}}', 'b.json')).toThrow('b.json: findings must be an array');
    expect(() => parseBaseline('{"findings": [{"file": "a", "rule": "r", "line": 1}]}', 'b.json')).toThrow('b.json: findings[0].fingerprint must be a string');
  });
});

describe('problemToFinding', () => {
  it('adds the line text and the rule help', async () => {
    const f = problemToFinding(
      '.env.test',
      'A=1\nSAFETY_ASSURED=1\n',
      {
        rule: 'dotenv/escape-hatch',
        severity: 'warn',
        line: 2,
        column: 1,
        message: 'm',
      },
      await builtinRules(),
    );
    expect(f).toMatchObject({ file: '.env.test', line: 2, source: 'SAFETY_ASSURED=1' });
    expect(f.help).toContain('Set the variable only on the one command');
  });
});
