// `prodguard run`'s typed confirmation in a real terminal (tmux): the answer line's mark says
// what happened — a green ✔ only for the right name, a red ✖ and "not confirmed" otherwise.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempDir } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';

function lab(): { home: string; data: string; env: Record<string, string> } {
  const home = tempDir();
  const data = join(home, 'var', 'lib', 'postgresql', '15', 'main');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'PG_VERSION'), '15\n');
  return { home, data, env: { HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PGDATA: data, TERM: 'xterm', LANG: 'C.UTF-8', FORCE_COLOR: '1' } };
}

describe('typed confirmation marks', () => {
  it('a wrong name shows a red ✖ and "not confirmed", never a green ✔; the right one a green ✔', async () => {
    const missing = tmuxAvailable();
    if (missing) console.error(`cannot drive a terminal: ${missing}`);
    expect(missing).toBeUndefined();
    for (const [typed, right] of [
      ['wrong-name', false],
      [undefined, true],
    ] as const) {
      const { data, env } = lab();
      const session = new TmuxSession(`${process.execPath} ${BIN} run -- rm -rf ${data}; echo "exit=$?"; sleep 30`, { env });
      try {
        const screen = await session.waitFor(/Type "([^"]+)"/);
        const name = /Type "([^"]+)"/.exec(screen)![1]!;
        session.type(typed ?? name);
        session.key('Enter');
        const after = await session.waitFor(/exit=\d+/);
        const answerLine = after.split('\n').find((line) => line.includes('Type "'))!;
        if (right) {
          expect(answerLine).toContain('✔');
          expect(answerLine).not.toContain('✖');
          expect(after).toContain('exit=0');
          expect(existsSync(data)).toBe(false);
        } else {
          expect(answerLine).toContain('✖');
          expect(answerLine).toContain('not confirmed');
          expect(answerLine).not.toContain('✔');
          expect(after).not.toContain('exit=0');
          expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
        }
      } finally {
        session.kill();
      }
    }
  });
});
