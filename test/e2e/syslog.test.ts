// Audit events into the fleet's log pipeline (issue 14 §3): a refusal arrives at a real Unix
// datagram socket (python3 binds it: Node has no Unix datagram sockets) as one RFC 5424 line with
// the rule id and no password; an absent socket costs one warning and the command still ends.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { startSyslogReceiver } from '../helpers/syslog-receiver.js';

describe('audit to syslog', () => {
  it('needs python3 and logger (util-linux) on this machine', () => {
    for (const tool of ['python3', 'logger']) expect(spawnSync('sh', ['-c', `command -v ${tool}`]).status, `${tool} is needed (.ci/run installs it)`).toBe(0);
  });

  it('a refusal arrives at a Unix datagram socket as one RFC 5424 line with the rule id and no password', async () => {
    const dir = tempDir();
    const receiver = await startSyslogReceiver(dir);
    const { socket } = receiver;
    try {
      writeFileSync(join(dir, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["ws-*"]\n');
      const env = cleanEnv();
      const home = env.HOME!;
      mkdirSync(join(home, '.config', 'prodguard'), { recursive: true });
      writeFileSync(join(home, '.config', 'prodguard', 'config.yml'), `audit:\n  syslog: "unix:${socket}"\n`);
      const result = runCli(['run', '-c', 'PGPASSWORD=hunter2-secret dropdb -h db9.example.com app; rm -rf /'], { cwd: dir, env });
      expect(result.status).toBe(4);
      const line = await receiver.line();
      expect(line.split('\n').filter(Boolean)).toHaveLength(1);
      expect(line).toMatch(/^<\d+>1 \d{4}-\d\d-\d\dT\S+ \S+ prodguard \S+ refused \[/);
      expect(line).toContain('[prodguard@32473 ');
      expect(line).toContain('rule="');
      expect(line).toContain('filesystem/rm-root');
      expect(line).toContain('verdict="block"');
      expect(line).not.toContain('hunter2');
    } finally {
      receiver.stop();
    }
  });

  it('an absent socket is one warning; the refusal and the audit log are unchanged', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), 'audit:\n  syslog: "unix:/nonexistent/prodguard.sock"\n');
    const result = runCli(['run', '--', 'rm', '-rf', '/'], { env });
    expect(result.status).toBe(4);
    expect(result.stderr.match(/syslog socket/g)).toHaveLength(1);
    expect(readFileSync(join(env.HOME!, 'state', 'audit.jsonl'), 'utf8')).toContain('"action":"refused"');
  });

  it('a repository config cannot choose where audit events go', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'audit:\n  syslog: "udp:203.0.113.9:514"\n');
    const result = runCli(['check', '--json', '-c', 'ls'], { cwd: dir });
    expect(JSON.parse(result.stdout).config.ignored.join('\n')).toContain('audit ignored');
  });
});
