// Inventory folders (issue 14): `inventories: [{ ansible: ./inventory/ }]` reads every file in
// the folder as Ansible does (skipping what Ansible skips, never running a script), and the
// common `inventories/production/hosts` + `inventories/staging/hosts` layout makes a folder
// named production speak for its hosts when their group names say nothing.
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { readAnsibleInventory } from '../../src/config/inventory.js';

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A user whose config (in ~/.config/prodguard) names `entry`, relative to that folder. */
function user(files: Record<string, string>, entry: string): { env: Record<string, string>; configDir: string } {
  const env = cleanEnv();
  const configDir = join(env.HOME!, '.config', 'prodguard');
  write(configDir, { ...files, 'config.yml': `inventories:\n  - ansible: ${entry}\n` });
  return { env, configDir };
}

function target(line: string, env: Record<string, string>, cwd = tempDir()): { verdict: string; environment: string; evidence: string; stderr: string } {
  const result = runCli(['check', '--json', '--no-probe', '-c', line], { env, cwd });
  const body = JSON.parse(result.stdout);
  const host = body.targets.find((t: { kind: string }) => t.kind === 'host' || t.kind === 'database');
  return { verdict: body.verdict, environment: host.environment, evidence: host.evidence.join(' '), stderr: result.stderr };
}

const LAYOUT = {
  'inventories/production/hosts': '[webservers]\nkite ansible_host=10.9.0.4\n\n[dbservers]\nowl\n\n[staging]\nshrike\n',
  'inventories/production/group_vars/all.yml': 'ntp: pool.ntp.org\n',
  'inventories/production/host_vars/owl.yml': 'postgres_version: 15\n',
  'inventories/staging/hosts': '[webservers]\nwren\n\n[dbservers]\nlark\n',
};

describe('the inventories/production + inventories/staging layout', () => {
  const { env } = user(LAYOUT, './inventories/');

  it('a folder named production makes its hosts production, by name and address', () => {
    for (const line of ['ssh owl rm -rf /var/lib/mysql', 'ssh kite rm -rf /var/lib/postgresql/15/main', 'ssh deploy@10.9.0.4 rm -rf /var/lib/mysql']) {
      const got = target(line, env);
      expect(['confirm', 'block'], line).toContain(got.verdict);
      expect(got.environment, line).toBe('production');
      expect(got.evidence, line).toMatch(/listed in inventories\/production\/hosts \(its folder is named production\)/);
    }
    expect(target('rm -rf /var/lib/postgresql/15/main', { ...env, PRODGUARD_HOSTNAME: 'owl' }).environment).toBe('production');
  });

  it("the staging folder's hosts are staging, and a group's own name still wins over its folder", () => {
    expect(target('ssh lark rm -rf /var/lib/mysql', env)).toMatchObject({ verdict: 'confirm', environment: 'staging' });
    expect(target('ssh shrike rm -rf /var/lib/mysql', env).evidence).toBe('shrike is in group [staging] of inventories/production/hosts');
  });

  it("a group's vars or children in production/hosts do not reach the staging folder's hosts of the same group", () => {
    const { env: both } = user(
      {
        'inventories/production/hosts': '[webservers]\nweb01.example.com\n\n[webservers:vars]\nenvironment=production\n\n[production:children]\nwebservers\n',
        'inventories/staging/hosts': '[webservers]\nkestrel-9\n',
      },
      'inventories',
    );
    expect(target('ssh web01.example.com rm -rf /var/lib/mysql', both).environment).toBe('production');
    const staged = target('ssh kestrel-9 rm -rf /var/lib/mysql', both);
    expect(staged.environment).toBe('staging');
    expect(staged.evidence).toBe('kestrel-9 is listed in inventories/staging/hosts (its folder is named staging)');
  });

  it("a line's own -i FOLDER is read the same way", () => {
    const dir = tempDir();
    write(dir, LAYOUT);
    const got = target("ansible dbservers -i inventories/ -m shell -a 'rm -rf /var/lib/mysql'", cleanEnv(), dir);
    expect(['confirm', 'block']).toContain(got.verdict);
    expect(got.environment).toBe('production');
    expect(got.evidence).toContain('owl is listed in');
  });

  it('ansible-playbook -i FOLDER [--limit] shows the production hosts it reaches', () => {
    const dir = tempDir();
    write(dir, LAYOUT);
    const whole = runCli(['check', '--no-probe', '-c', 'ansible-playbook -i inventories/ site.yml'], { env: cleanEnv(), cwd: dir });
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain(
      'warn    host/ansible-run-production  ansible-playbook -i inventories/ site.yml runs on all (production: ansible pattern all reaches 5 hosts',
    );
    expect(whole.stdout).toContain('is listed in');
    const limited = JSON.parse(
      runCli(['check', '--json', '--no-probe', '-c', 'ansible-playbook -i inventories/ --limit dbservers site.yml'], { env: cleanEnv(), cwd: dir }).stdout,
    );
    expect(limited.findings[0].evidence[0]).toMatch(/^ansible pattern all --limit dbservers reaches 2 hosts in .*; owl: owl is listed in/);
    for (const line of ['ansible-playbook -i inventories/staging site.yml', 'ansible-playbook -i inventories/ --limit lark site.yml'])
      expect(JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env: cleanEnv(), cwd: dir }).stdout).verdict, line).toBe('allow');
    // Ansible's order: -i, else $ANSIBLE_INVENTORY, else ansible.cfg's `inventory =`.
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\ninventory = inventories/\n');
    const verdict = (line: string) => JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env: cleanEnv(), cwd: dir }).stdout).verdict;
    expect(verdict('ansible-playbook site.yml')).toBe('warn');
    expect(verdict('ANSIBLE_INVENTORY=inventories/staging ansible-playbook site.yml')).toBe('allow');
    expect(verdict("ANSIBLE_INVENTORY=inventories/production ansible dbservers -m shell -a 'rm -f /var/lib/mysql/ib_logfile0'")).toBe('block');
  });
});

describe('an inventory folder read as Ansible reads it', () => {
  const files = {
    'inventory/10-static.ini': '[production]\nheron\n\n[production:children]\ndb\n',
    'inventory/20-db.yml': 'all:\n  children:\n    db:\n      hosts:\n        magpie:\n          ansible_host: 10.3.3.3\n',
    'inventory/30-lab': '[lab]\nlocalhost ansible_connection=local\ngull\n',
    // What Ansible skips: its ignored endings, hidden files, vars folders.
    'inventory/hosts.retry': '[production]\nretried\n',
    'inventory/old.orig': '[production]\norig\n',
    'inventory/hosts~': '[production]\nbackup\n',
    'inventory/notes.md': '[production]\nnoted\n',
    'inventory/.hidden': '[production]\nhidden\n',
    'inventory/group_vars/production.yml': '[production]\ngroupvar\n',
    'inventory/host_vars/heron': '[production]\nhostvar\n',
    'inventory/ansible.cfg': '[production]\ncfg\n',
  };

  it('every inventory file counts; what Ansible ignores does not; a script is never run, one note says so', () => {
    const { env, configDir } = user(files, 'inventory');
    const marker = join(configDir, 'script-ran');
    writeFileSync(join(configDir, 'inventory', 'ec2.py'), `#!/bin/sh\ntouch ${marker}\necho '{"production": ["scripted"]}'\n`);
    chmodSync(join(configDir, 'inventory', 'ec2.py'), 0o755);
    // An inventory plugin's config: its hosts come from an API; a playbook that strayed in: no inventory.
    writeFileSync(join(configDir, 'inventory', 'aws_ec2.yml'), 'plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n');
    writeFileSync(join(configDir, 'inventory', 'site.yml'), '- hosts: all\n  tasks: []\n');
    expect(target('ssh heron rm -rf /var/lib/mysql', env).evidence).toBe('heron is in group [production] of inventory/10-static.ini');
    // A group defined in one file and made production in another: Ansible merges them.
    expect(target('ssh 10.3.3.3 rm -rf /var/lib/mysql', env).evidence).toBe(
      '10.3.3.3 is ansible_host of magpie, in group [production] (through [db]) of inventory/20-db.yml',
    );
    for (const host of ['retried', 'orig', 'backup', 'noted', 'hidden', 'groupvar', 'hostvar', 'cfg', 'scripted', 'gull'])
      expect(target(`ssh ${host} rm -rf /var/lib/mysql`, env).environment, host).toBe('unknown-remote');
    // An inventory's localhost is the controller: it never makes local databases production.
    expect(target('psql -h localhost -c "DROP TABLE x"', env).environment).toBe('local');
    expect(existsSync(marker)).toBe(false);
    const status = runCli(['status'], { env });
    expect(status.stdout).toContain(
      'note: inventory/: 2 dynamic inventories not run (ec2.py, aws_ec2.yml (inventory plugin amazon.aws.aws_ec2)): prodguard never runs a script or an inventory plugin, so their hosts are judged by name',
    );
    expect(status.stderr).toBe(
      'prodguard: inventory/site.yml: not an inventory: its YAML is a list (a playbook?), not a map of groups (name an inventory file); its hosts are left out\n',
    );
  });

  it("a file that does not parse is one line naming it; the folder's other files still count", () => {
    const { env } = user({ ...files, 'inventory/40-broken.yml': 'all:\n  children: [\n' }, 'inventory');
    const got = target('ssh heron rm -rf /var/lib/mysql', env);
    expect(got.environment).toBe('production');
    expect(got.stderr).toContain('inventory/40-broken.yml: not valid YAML:');
    expect(got.stderr).toContain('its hosts are left out');
    expect(got.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an inventory plugin config named on its own is one line saying how to classify its hosts', () => {
    const { env } = user({ 'aws_ec2.yml': 'plugin: amazon.aws.aws_ec2\n' }, 'aws_ec2.yml');
    const got = target('ssh heron reboot', env);
    expect(got.stderr).toContain('inventories[0]: aws_ec2.yml ignored: ');
    expect(got.stderr).toContain('aws_ec2.yml is an inventory plugin config (inventory plugin amazon.aws.aws_ec2): its hosts come from the plugin');
    expect(got.stderr).toContain('--list -y` saved to a file');
  });

  it('an empty folder is one line saying so', () => {
    const { env, configDir } = user({}, 'inventory');
    mkdirSync(join(configDir, 'inventory'));
    const got = target('ssh heron reboot', env);
    expect(got.stderr).toContain('inventory/: holds no inventory file');
  });
});

describe('a warm checker reading the same folder again', () => {
  it('sees a changed file at once (the parse is kept only while path, time and size stay the same)', async () => {
    const dir = tempDir();
    write(dir, { 'inventory/hosts': '[production]\nowl\n', 'inventory/more.yml': 'all:\n  hosts:\n    gull:\n' });
    const first = await readAnsibleInventory(join(dir, 'inventory'), 'inventory');
    expect(first.hosts).toEqual({ production: ['owl'] });
    writeFileSync(join(dir, 'inventory', 'hosts'), '[production]\nowl\nheron-2\n');
    const second = await readAnsibleInventory(join(dir, 'inventory'), 'inventory');
    expect(second.hosts).toEqual({ production: ['owl', 'heron-2'] });
    expect(second.groups.all).toEqual(['owl', 'heron-2', 'gull']);
  });

  it('a link back up the tree is walked once', async () => {
    const dir = tempDir();
    write(dir, { 'inventory/prod/hosts': '[db]\nowl\n' });
    symlinkSync('..', join(dir, 'inventory', 'prod', 'up'));
    const facts = await readAnsibleInventory(join(dir, 'inventory'), 'inventory');
    expect(facts.groups.all).toEqual(['owl']);
    expect(facts.evidence.owl).toBe('owl is listed in inventory/prod/hosts (its folder is named prod)');
  });
});
