// The progress line of a long lint run: only on a terminal, never in CI or a pipe, erased at the end.
import { describe, expect, it } from 'vitest';
import { lintProgress } from '../../src/commands/lint.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 60, write: (text: string) => (written.push(text), true) }, written };
}

describe('lint progress line', () => {
  it('redraws one line in place on a terminal for a long run, then erases it', () => {
    const { stream, written } = fakeStream(true);
    let now = 0;
    const progress = lintProgress(2500, stream as never, {}, () => now);
    progress.tick('a.sh'); // too early: a short run never flickers
    now = 1000;
    progress.tick('db/migrate/001_users.rb');
    now = 1050;
    progress.tick('b.sh'); // too soon after the last redraw
    now = 1200;
    progress.tick('src/very/long/path/that/does/not/fit/in/the/terminal/width/at/all/deploy.sh');
    progress.done();
    expect(written).toHaveLength(3);
    expect(written[0]).toBe('\r\x1b[Kprodguard: 2/2,500 files  db/migrate/001_users.rb');
    expect(written[1]!.length).toBeLessThanOrEqual(59 + 4);
    expect(written[1]).toContain('…');
    expect(written[1]).toMatch(/deploy\.sh$/);
    expect(written[2]).toBe('\r\x1b[K');
  });

  it('says nothing in CI, into a pipe or a file, or on a dumb terminal', () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
      [true, { TERM: 'dumb' }],
    ] as const) {
      const { stream, written } = fakeStream(isTTY);
      let now = 0;
      const progress = lintProgress(2500, stream as never, env, () => now);
      for (let i = 0; i < 50; i++) {
        now += 200;
        progress.tick(`f${i}.sh`);
      }
      progress.done();
      expect(written).toEqual([]);
    }
  });
});
