// Lines built to make the walk explode finish, and what they hide is never taken as known:
// nested substitutions, arrays that triple at each step, functions that call each other.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';

const extract = (line: string) => extractInvocations(line, { env: { HOME: '/home/dev' }, cwd: '/home/dev', home: '/home/dev' });

describe('limits of the walk', () => {
  it('nested command substitutions are walked once per level, not twice', () => {
    // Each level used to be expanded twice (once to look for `$(cat .env | xargs)`), 2^n in all.
    const line = `echo ${'$('.repeat(11)}rm -rf /${')'.repeat(11)}`;
    const names = extract(line).invocations.map((inv) => inv.name);
    expect(names).toContain('rm');
  });

  it('an array past 1,024 elements is unknown, so a command taken from it is not a known one', () => {
    const triple = Array.from({ length: 8 }, () => 'x+=("${x[@]}" "${x[@]}")').join('; ');
    const { invocations } = extract(`x=(a); ${triple}; "\${x[@]}" -rf /`);
    const last = invocations.at(-1)!;
    expect(last.command.dynamic).toBe(true);
    // A short one is still known.
    const known = extract('x=(rm -rf); x+=(/tmp/a); "${x[@]}"').invocations.at(-1)!;
    expect([known.name, ...known.args.map((a) => a.value)]).toEqual(['rm', '-rf', '/tmp/a']);
  });

  it('functions calling each other three times per level are walked a bounded number of times', () => {
    const chain = 'abcdefg'.split('');
    const defs = chain.slice(0, -1).map((f, i) => `${f}() { ${chain[i + 1]}; ${chain[i + 1]}; ${chain[i + 1]}; }`);
    const { invocations } = extract(`${defs.join('; ')}; g() { rm -rf "$1"; }; a /srv`);
    // 3^6 = 729 calls of g unbounded; the body of g is still judged (where it is defined).
    expect(invocations.filter((inv) => inv.name === 'rm').length).toBeGreaterThan(0);
    expect(invocations.length).toBeLessThan(400);
  });
});
