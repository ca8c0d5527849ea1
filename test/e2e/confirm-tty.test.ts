// A typed confirmation answered through a real terminal (tmux): the wrong name keeps the data,
// the right name runs the command, and both are audited.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, tempDir } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';

const missing = tmuxAvailable();
const sessions: TmuxSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

function dataDirectory(home: string): string {
  const data = join(home, 'pgdata', '15', 'main');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'PG_VERSION'), '15\n');
  return data;
}

describe('typed confirmation in a real terminal', () => {
  it('needs tmux', () => {
    if (missing) console.error(`cannot run terminal tests: ${missing}`);
    expect(missing, 'tmux is required for these tests').toBeUndefined();
  });

  it('a wrong name refuses and keeps the data; the host name runs it', async () => {
    if (missing) throw new Error(missing);
    const home = tempDir();
    const data = dataDirectory(home);
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.cluster.gitlab.com', TERM: 'xterm' }, home);
    const script = (label: string) => `node ${BIN} run -- rm -rf ${data}; echo "${label}=$?"; sleep 30`;

    const wrong = new TmuxSession(script('EXIT'), { env });
    sessions.push(wrong);
    await wrong.waitFor('Type "db1.cluster.gitlab.com"');
    wrong.type('db2.cluster.gitlab.com');
    wrong.key('Enter');
    const refused = await wrong.waitFor(/EXIT=\d+/);
    expect(refused).toContain('EXIT=4');
    expect(refused).toContain('not confirmed');
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);

    const right = new TmuxSession(script('EXIT'), { env });
    sessions.push(right);
    await right.waitFor('Type "db1.cluster.gitlab.com"');
    right.type('db1.cluster.gitlab.com');
    right.key('Enter');
    const ran = await right.waitFor(/EXIT=\d+/);
    expect(ran).toContain('EXIT=0');
    expect(existsSync(data)).toBe(false);

    const audit = readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(audit.map((entry) => entry.action)).toEqual(['refused', 'confirmed']);
  });
});
