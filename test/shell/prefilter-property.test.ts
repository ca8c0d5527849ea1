// The prefilter must be a sound over-approximation of the checker: a line it lets through runs
// unjudged, so every line the checker would not allow must be sent on. Generated lines combine
// command words (plain, quoted, built from variables, ANSI-C quoting, empty expansions, globs),
// arguments, redirections and separators; a seeded generator keeps failures reproducible.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { judge } from '../../src/commands/judge.js';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { isWrapper } from '../../src/parse/wrappers.js';
import { isDatabaseClient } from '../../src/targets/resolve.js';
import { needsCheck, prefilterFor } from '../../src/shell/prefilter.js';
import { tempDir } from '../helpers/cli.js';
import { generate } from './generate.js';

const prefilter = prefilterFor({ rules: await loadBuiltinRules(), isWrapper, isDatabaseClient });

describe('the prefilter is sound against the checker', () => {
  it('sends on every generated line the checker would not allow', { timeout: 600_000 }, async () => {
    const home = tempDir();
    const cwd = join(home, 'work');
    mkdirSync(cwd, { recursive: true });
    const env = { HOME: home, PATH: '/usr/bin:/bin', PRODGUARD_STATE_DIR: join(home, 'state') };
    const missed: string[] = [];
    let judged = 0;
    let refused = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const line = generate(seed);
      const judgement = await judge({ source: line, cwd, env, noProbe: true, overrides: [] }).catch(() => undefined);
      // A line the checker cannot read is not run by `run` either; the hook lets the shell report it.
      if (!judgement) continue;
      judged++;
      if (judgement.verdict === 'allow') continue;
      refused++;
      if (!needsCheck(line, prefilter)) missed.push(`${judgement.verdict}: ${JSON.stringify(line)}`);
    }
    expect(judged).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(300);
    expect(missed).toEqual([]);
  });
});
