// Inventories as facts (issue 14 §1): real Ansible INI/YAML inventories and ssh config files,
// read by the built binary; a host in [production] with no "prod" in its name is production,
// by name over ssh and by its ansible_host address.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { parseAnsibleIni, parseAnsibleYaml, inventoryEnvironments, parseSshConfig } from '../../src/config/inventory.js';

const INI = '[production]\nweb-17 ansible_host=10.4.0.17\n\n[eu:children]\nproduction\n\n[staging]\nsheep-2\n\n[production:vars]\nansible_user=deploy\n';

describe('inventory parsing', () => {
  it('maps INI groups (and groups named after them) to environments', () => {
    expect(inventoryEnvironments(parseAnsibleIni(INI), 'hosts.ini').hosts).toEqual({ production: ['web-17', '10.4.0.17'], staging: ['sheep-2'] });
  });

  it('reads YAML inventories with children, and explicit group mappings', () => {
    const raw = { all: { children: { live_eu: { children: { db_servers: { hosts: { 'owl-1': { ansible_host: '10.0.0.5' } } } } } } } };
    expect(inventoryEnvironments(parseAnsibleYaml(raw), 'hosts.yml').hosts.production).toEqual(['owl-1', '10.0.0.5']);
    expect(inventoryEnvironments(parseAnsibleYaml(raw), 'hosts.yml', { db_servers: 'production' }).hosts.production).toEqual(['owl-1', '10.0.0.5']);
  });

  it('reads ssh config blocks marked with a prodguard comment, above or inside the block', () => {
    const text =
      '# prodguard: production\nHost owl owl.eu\n  HostName 10.9.9.9\n\nHost sandbox\n  User me\n\nMatch host heron\n  # prodguard: staging\n  User x\n';
    expect(parseSshConfig(text).hosts).toEqual({ production: ['owl', 'owl.eu', '10.9.9.9'], staging: ['heron'] });
  });
});

describe('inventories in config', () => {
  function project(): { dir: string; env: Record<string, string> } {
    const env = cleanEnv();
    const dir = tempDir();
    mkdirSync(join(dir, 'ansible'));
    writeFileSync(join(dir, 'ansible', 'hosts.ini'), INI);
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories:\n  - ansible: ansible/hosts.ini\n  - ssh-config: true\n');
    mkdirSync(join(env.HOME!, '.ssh'));
    writeFileSync(join(env.HOME!, '.ssh', 'config'), '# prodguard: production\nHost owl\n  HostName 10.9.9.9\n');
    return { dir, env };
  }

  it('a production host from the inventory guards its data directory, locally and over ssh, by name and address', () => {
    const { dir, env } = project();
    const lines: [string, Record<string, string>][] = [
      ['rm -rf /var/lib/postgresql/15/main', { PRODGUARD_HOSTNAME: 'web-17' }],
      ['ssh web-17 rm -rf /var/lib/postgresql/15/main', {}],
      ['ssh deploy@10.4.0.17 rm -rf /var/lib/postgresql/15/main', {}],
      ['ssh owl rm -rf /var/lib/postgresql/15/main', {}],
    ];
    for (const [line, extra] of lines) {
      const body = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { cwd: dir, env: { ...env, ...extra } }).stdout);
      expect(['confirm', 'block'], line).toContain(body.verdict);
      expect(body.findings[0].environment, line).toBe('production');
      // The evidence names the inventory file (and group, or the marked Host block).
      expect(body.findings[0].evidence.join(' '), line).toMatch(/ of ansible\/hosts\.ini|in ~\/\.ssh\/config/);
    }
    const status = JSON.parse(runCli(['status', '--json', '--no-probe'], { cwd: dir, env: { ...env, PRODGUARD_HOSTNAME: 'web-17' } }).stdout);
    expect(status.config.files).toContain(join(dir, 'ansible', 'hosts.ini'));
    expect(status.targets.find((t: { kind: string }) => t.kind === 'host').environment).toBe('production');
  });

  it('a missing inventory is one ignored line and the rest still applies', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: nowhere.ini }]\nenvironments:\n  production:\n    hosts: ["ws-*"]\n');
    const result = runCli(['check', '--json', '-c', 'reboot'], { cwd: dir });
    expect(result.stderr).toContain('nowhere.ini ignored');
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
  });
});
