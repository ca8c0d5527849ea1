// `match.operands`: globs over the first and last operand (the positional words after the
// command pattern's own words), so a rule can tell `aws s3 sync DIR s3://b` from the reverse.
import { describe, expect, it } from 'vitest';
import { validateRule } from '../../src/rules/schema.js';

const base = {
  title: 't',
  incident: 'general',
  severity: { default: 'warn' },
  message: '{command}',
  why: 'w',
  fix: 'f',
  examples: { flag: ['aws s3 sync ./a s3://b --delete'], pass: ['aws s3 ls'] },
};

describe('match.operands', () => {
  it('accepts first/last with any/none globs', () => {
    const { rule, errors } = validateRule(
      { ...base, match: { commands: ['aws s3 sync'], operands: { first: { none: ['s3://*'] }, last: { any: ['s3://*'] } }, targets: ['cloud'] } },
      'x/y',
      'x/y.yaml',
    );
    expect(errors).toEqual([]);
    expect(rule!.match.operands).toEqual({ first: { any: [], none: ['s3://*'] }, last: { any: ['s3://*'], none: [] } });
  });

  it('names the bad field', () => {
    const { errors } = validateRule(
      { ...base, match: { commands: ['aws s3 sync'], operands: { middle: {}, last: ['s3://*'] }, targets: ['cloud'] } },
      'x/y',
      'x/y.yaml',
    );
    expect(errors).toEqual([
      'match.operands.middle: unknown key (expected one of first, last, max)',
      'match.operands.last: must be a map with any, none (globs over the last operand)',
    ]);
  });

  it('takes a maximum count (git push with no refspec)', () => {
    const ok = validateRule({ ...base, match: { commands: ['git push'], operands: { max: 1 }, targets: ['host'] } }, 'x/y', 'x/y.yaml');
    expect(ok.errors).toEqual([]);
    expect(ok.rule!.match.operands.max).toBe(1);
    const bad = validateRule({ ...base, match: { commands: ['git push'], operands: { max: 'one' }, targets: ['host'] } }, 'x/y', 'x/y.yaml');
    expect(bad.errors).toEqual(['match.operands.max: must be a whole number (0 or more)']);
  });
});
