// Issue 14 with real files: the hosts a copy or a playbook reaches are the inventory's, judged
// as ssh to them would be (GitLab 2017: the command was right, the host was wrong).
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const INVENTORY = ['[production]', 'owl ansible_host=10.1.2.3', '', '[dbservers]', 'owl', 'falcon', '', '[staging]', 'sparrow', ''].join('\n');

interface Judged {
  verdict: string;
  rules: string[];
  messages: string[];
  environments: string[];
  body: Record<string, unknown>;
  stderr: string;
}

function judge(line: string, env: Record<string, string>, cwd = tempDir()): Judged {
  const result = runCli(['check', '--json', '--no-probe', '-c', line], { env, cwd });
  const body = JSON.parse(result.stdout);
  const findings = body.findings as { rule: string; message: string; environment?: string }[];
  return {
    verdict: body.verdict,
    rules: findings.map((f) => f.rule),
    messages: findings.map((f) => f.message),
    environments: findings.map((f) => f.environment ?? ''),
    body,
    stderr: result.stderr,
  };
}

/** A home whose user config reads the inventory (path relative to the config's folder). */
function userWithInventory(text: string): Record<string, string> {
  const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
  const configDir = join(env.HOME!, '.config', 'prodguard');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'hosts.ini'), text);
  writeFileSync(join(configDir, 'config.yml'), 'inventories:\n  - ansible: hosts.ini\n');
  return env;
}

describe('scp into a data directory on an inventory host', () => {
  const env = userWithInventory(INVENTORY);

  it('replaces database files on a production host: the typed name, with the inventory as evidence', () => {
    for (const line of [
      'scp dump owl:/var/lib/postgresql/15/main/',
      'scp -r ./data/ deploy@10.1.2.3:/var/lib/mysql/',
      'scp -P 2222 -i ~/.ssh/id_ed25519 -J bastion ibdata1 owl:/var/lib/mysql/ibdata1',
      'scp ./dump.rdb scp://deploy@owl:2222/var/lib/redis/dump.rdb',
    ]) {
      const got = judge(line, env);
      expect(got.verdict, line).toBe('confirm');
      expect(got.rules, line).toContain('filesystem/replace-data-files');
      expect(got.environments, line).toContain('production');
      expect(got.messages.join('\n'), line).toMatch(/replaces database files on (owl|10\.1\.2\.3) \(production\).*via scp to/);
    }
  });

  it('a staging host is staging; a copy from the host, or to its /tmp, stays allowed', () => {
    expect(judge('scp dump sparrow:/var/lib/postgresql/15/main/', env)).toMatchObject({ verdict: 'confirm', environments: ['staging'] });
    expect(judge('scp owl:/var/lib/mysql/ibdata1 ./backup/', env).verdict).toBe('allow');
    expect(judge('scp -r owl:/var/lib/postgresql/15/main /backup/main', env).verdict).toBe('allow');
    expect(judge('scp dump.sql owl:/tmp/', env).verdict).toBe('allow');
  });
});
