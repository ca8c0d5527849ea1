// Issue 14's held-out scenario with real files, in the shapes teams write it: an Ansible
// inventory whose [production] group names hosts with no "prod" in their names makes removing a
// database's data directory on such a host — on the host itself, and over every way of reaching
// it — need the typed name. The inventory comes from the user config, the system policy or the
// repository config, each with its path relative to that config file.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const INI = [
  '[production]',
  'owl ansible_host=10.1.2.3',
  'db[01:03].example.com',
  '',
  '[production:children]',
  'dbservers',
  '',
  '[dbservers]',
  'falcon   # the reporting replica',
  '',
  '[staging]',
  'sparrow',
  '',
].join('\n');

const YAML = `all:
  children:
    production:
      children:
        db:
          hosts:
            heron:
              ansible_host: 10.7.7.7
            pg[01:02].example.com:
    staging:
      hosts:
        wren: {}
`;

interface Verdict {
  verdict: string;
  environment?: string;
  evidence: string;
  target?: string;
}

function judge(line: string, env: Record<string, string>, cwd = tempDir()): Verdict {
  const result = runCli(['check', '--json', '--no-probe', '-c', line], { env, cwd });
  const body = JSON.parse(result.stdout);
  const finding = body.findings[0];
  return { verdict: body.verdict, environment: finding?.environment, evidence: (finding?.evidence ?? []).join(' '), target: finding?.target };
}

/** A home whose user config names the inventory by a path relative to the config's folder. */
function userWithInventory(file: string, text: string): Record<string, string> {
  const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
  const configDir = join(env.HOME!, '.config', 'prodguard');
  mkdirSync(join(configDir, 'ansible'), { recursive: true });
  writeFileSync(join(configDir, 'ansible', file), text);
  writeFileSync(join(configDir, 'config.yml'), `inventories:\n  - ansible: ansible/${file}\n`);
  return env;
}

const NEEDS_TYPED_NAME = ['confirm', 'block'];

describe('an inventory production host with no "prod" in its name (user config, INI)', () => {
  const env = userWithInventory('hosts.ini', INI);

  it('on the host itself, removing a data directory needs the typed name', () => {
    for (const [hostname, line] of [
      ['owl', 'rm -rf /var/lib/postgresql/15/main'],
      ['owl', 'rm -rf /var/lib/mysql'],
      ['falcon', 'sudo rm -rf /var/lib/postgresql/15/main'],
      ['db02.example.com', 'rm -rf /var/lib/mysql'],
      ['10.1.2.3', 'rm -rf /var/lib/postgresql/15/main'],
    ]) {
      const got = judge(line!, { ...env, PRODGUARD_HOSTNAME: hostname! });
      expect(NEEDS_TYPED_NAME, `${hostname}: ${line}`).toContain(got.verdict);
      expect(got.environment, `${hostname}: ${line}`).toBe('production');
      expect(got.evidence, `${hostname}: ${line}`).toContain(`of ansible/hosts.ini`);
    }
  });

  it('reaching it by name or address, over every remote shell and client, needs the typed name', () => {
    const lines = [
      "ssh owl 'rm -rf /var/lib/postgresql/15/main'",
      'ssh deploy@owl -p 2222 rm -rf /var/lib/mysql',
      'ssh -J bastion owl rm -rf /var/lib/mysql',
      'ssh -J bastion deploy@10.1.2.3 sudo rm -rf /var/lib/postgresql/15/main',
      'ssh falcon rm -rf /var/lib/postgresql/15/main',
      'ssh -p 2222 db03.example.com sudo rm -rf /var/lib/postgresql',
      'rsync -a --delete ./empty/ owl:/var/lib/postgresql/15/main/',
      'rsync -a --delete ./empty/ deploy@10.1.2.3:/var/lib/mysql/',
      'mosh owl -- rm -rf /var/lib/mysql',
      'DOCKER_HOST=ssh://owl docker volume rm pgdata',
      'DOCKER_HOST=ssh://deploy@10.1.2.3 docker system prune -af --volumes',
      `psql "postgres://owl/app" -c 'DROP TABLE x'`,
      `psql "postgres://app@10.1.2.3:5432/app" -c 'DROP TABLE x'`,
      "ansible owl -m shell -a 'rm -rf /var/lib/mysql'",
      "ansible dbservers -m command -a 'rm -rf /var/lib/postgresql/15/main'",
      "ansible db01.example.com -m file -a 'state=absent path=/var/lib/postgresql'",
    ];
    for (const line of lines) {
      const got = judge(line, env);
      expect(NEEDS_TYPED_NAME, line).toContain(got.verdict);
      expect(got.environment, line).toBe('production');
      expect(got.evidence, line).toMatch(/is (in group \[production\]|ansible_host of owl)/);
    }
  });

  it('the staging host is staging, and a host the inventory does not name keeps its own judgement', () => {
    expect(judge('ssh sparrow rm -rf /var/lib/mysql', env)).toMatchObject({ verdict: 'confirm', environment: 'staging' });
    expect(judge('ssh owl uptime', env).verdict).toBe('allow');
    expect(judge('rm -rf /var/lib/mysql', { ...env, PRODGUARD_HOSTNAME: 'ws-4417' }).environment).not.toBe('production');
  });
});

describe('a YAML inventory (all.children.production.children.db.hosts)', () => {
  it('makes the nested group, its ranges and ansible_host production', () => {
    const env = userWithInventory('hosts.yml', YAML);
    for (const [hostname, line] of [
      ['heron', 'rm -rf /var/lib/postgresql/15/main'],
      ['ws-4417', 'ssh heron rm -rf /var/lib/mysql'],
      ['ws-4417', 'ssh 10.7.7.7 rm -rf /var/lib/mysql'],
      ['pg02.example.com', 'rm -rf /var/lib/postgresql/15/main'],
    ]) {
      const got = judge(line!, { ...env, PRODGUARD_HOSTNAME: hostname! });
      expect(NEEDS_TYPED_NAME, line).toContain(got.verdict);
      expect(got.evidence, line).toContain('(through [db]) of ansible/hosts.yml');
    }
    expect(judge('ssh wren rm -rf /var/lib/mysql', env).environment).toBe('staging');
  });
});

describe('an inventory path starting with ~/', () => {
  it('is in the home folder, as a shell reads it', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, 'ansible'));
    writeFileSync(join(env.HOME!, 'ansible', 'hosts'), INI);
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), 'inventories: [{ ansible: ~/ansible/hosts }]\n');
    const got = judge('ssh owl rm -rf /var/lib/mysql', env);
    expect(got.environment).toBe('production');
    expect(got.evidence).toBe(`owl is in group [production] of ${join(env.HOME!, 'ansible', 'hosts')}`);
  });
});

describe('the inventory named by the system policy', () => {
  it('is read relative to the policy file, and binds the user too', () => {
    const env = cleanEnv();
    const etc = join(env.HOME!, 'etc', 'prodguard');
    mkdirSync(join(etc, 'inventory'), { recursive: true });
    writeFileSync(join(etc, 'inventory', 'fleet.ini'), INI);
    writeFileSync(join(etc, 'policy.yml'), 'inventories: [{ ansible: inventory/fleet.ini }]\n');
    const withPolicy = { ...env, PRODGUARD_POLICY: join(etc, 'policy.yml') };
    const got = judge('ssh owl rm -rf /var/lib/postgresql/15/main', withPolicy);
    expect(NEEDS_TYPED_NAME).toContain(got.verdict);
    expect(got.evidence).toBe('owl is in group [production] of inventory/fleet.ini');
    const local = judge('rm -rf /var/lib/mysql', { ...withPolicy, PRODGUARD_HOSTNAME: 'falcon' });
    expect(NEEDS_TYPED_NAME).toContain(local.verdict);
    // status says which inventory classified this host.
    const status = runCli(['status'], { env: { ...withPolicy, PRODGUARD_HOSTNAME: 'falcon' } });
    expect(status.stdout).toContain('falcon is in group [production] (through [dbservers]) of inventory/fleet.ini');
  });
});
