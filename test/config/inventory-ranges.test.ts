// Ansible host ranges in inventories (issue 14): `db[01:06]`, `web-[a:c]`, `[01:10:2]` expand
// as Ansible's expand_hostname_range does, never without bound, and a host found that way is
// production with evidence naming its group and the inventory file — no secret from the
// inventory ever reaches the output.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { expandHostPattern, inventoryEnvironments, parseAnsibleIni, parseAnsibleYaml, MAX_RANGE_HOSTS } from '../../src/config/inventory.js';

describe('host ranges, as Ansible expands them', () => {
  it('keeps zero padding, steps, letters and several ranges in one name', () => {
    expect(expandHostPattern('web[01:06].prod.example.com').hosts).toEqual([1, 2, 3, 4, 5, 6].map((n) => `web0${n}.prod.example.com`));
    expect(expandHostPattern('node[01:10:2]').hosts).toEqual(['node01', 'node03', 'node05', 'node07', 'node09']);
    expect(expandHostPattern('db-[a:c].example.com').hosts).toEqual(['db-a.example.com', 'db-b.example.com', 'db-c.example.com']);
    expect(expandHostPattern('rack[1:2]-u[a:b]').hosts).toEqual(['rack1-ua', 'rack1-ub', 'rack2-ua', 'rack2-ub']);
    // An empty begin is 0; an unpadded begin gives unpadded numbers.
    expect(expandHostPattern('h[:2]').hosts).toEqual(['h0', 'h1', 'h2']);
    expect(expandHostPattern('h[8:10]').hosts).toEqual(['h8', 'h9', 'h10']);
    // Python's string.ascii_letters runs a–z then A–Z.
    expect(expandHostPattern('z[y:B]').hosts).toEqual(['zy', 'zz', 'zA', 'zB']);
  });

  it('refuses malformed ranges with a line naming the pattern', () => {
    expect(() => expandHostPattern('web[01:6]')).toThrow('web[01:6]: a zero-padded range needs begin and end of equal length');
    expect(() => expandHostPattern('web[1:]')).toThrow('needs an end value');
    expect(() => expandHostPattern('web[c:a]')).toThrow('begin <= end');
    expect(() => expandHostPattern('web[1:2:3:4]')).toThrow('[begin:end] or [begin:end:step]');
  });

  it('never expands without bound', () => {
    const { hosts, truncated } = expandHostPattern('x[0:99999999]');
    expect(hosts).toHaveLength(MAX_RANGE_HOSTS);
    expect(truncated).toBe(true);
    expect(expandHostPattern('x[1:3]', 2)).toEqual({ hosts: ['x1', 'x2'], truncated: true });
  });

  it('expands INI and YAML host lines, drops a :port, and reads env from group vars', () => {
    const ini = parseAnsibleIni('[prod]\ndb[01:03].example.com:5432\n[batch]\nnode[1:2]\n[batch:vars]\nenv=production\nansible_password=hunter2\n');
    const facts = inventoryEnvironments(ini, 'inventories/prod.ini');
    expect(facts.hosts.production).toEqual(['db01.example.com', 'db02.example.com', 'db03.example.com', 'node1', 'node2']);
    expect(facts.evidence['db03.example.com']).toBe('db03.example.com is in group [prod] of inventories/prod.ini');
    expect(facts.evidence.node2).toBe('node2 is in group [batch] (its vars say env: production) of inventories/prod.ini');
    expect(JSON.stringify(facts)).not.toContain('hunter2');
    const yaml = parseAnsibleYaml({ all: { children: { eu: { vars: { env: 'production' }, children: { web: { hosts: { 'web-[a:b]': null } } } } } } });
    const fromYaml = inventoryEnvironments(yaml, 'hosts.yml');
    expect(fromYaml.hosts.production).toEqual(['web-a', 'web-b']);
    expect(fromYaml.evidence['web-b']).toBe('web-b is in group [eu] (its vars say env: production) (through [web]) of hosts.yml');
  });

  it('reads a header or host line with a trailing comment, as Ansible does', () => {
    const parsed = parseAnsibleIni('[production]   # the live ones\nwww[01:50:2].example.com   # every other web\n');
    expect(inventoryEnvironments(parsed, 'hosts').hosts.production).toHaveLength(25);
  });
});

describe('a ranged inventory in config', () => {
  function project(): { dir: string; env: Record<string, string> } {
    const dir = tempDir();
    mkdirSync(join(dir, 'inventories'));
    writeFileSync(
      join(dir, 'inventories', 'prod.ini'),
      '[production]\ndb[01:06].example.com ansible_user=deploy ansible_password=Sup3rSecretPw ansible_become_pass=B3comeSecret\n\n[huge]\nx[0:99999]\n',
    );
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories:\n  - ansible: inventories/prod.ini\n');
    return { dir, env: cleanEnv() };
  }

  it('a host inside a range is production, the evidence names group and file, and no password is printed', () => {
    const { dir, env } = project();
    const line = 'ssh db03.example.com rm -rf /var/lib/postgresql/15/main';
    const json = runCli(['check', '--json', '--no-probe', '-c', line], { cwd: dir, env });
    const body = JSON.parse(json.stdout);
    expect(body.verdict).toBe('confirm');
    const host = body.targets.find((target: { kind: string }) => target.kind === 'host');
    expect(host.environment).toBe('production');
    expect(host.evidence).toContain('db03.example.com is in group [production] of inventories/prod.ini');
    // The finding itself carries the evidence (issue 14 §3).
    expect(body.findings[0].evidence).toContain('db03.example.com is in group [production] of inventories/prod.ini');
    const text = runCli(['check', '--no-probe', '-c', line], { cwd: dir, env });
    expect(text.stdout).toContain('db03.example.com is in group [production] of inventories/prod.ini');
    // The cap is said by status, once, where the person looks at the config — not on every line
    // checked (it used to be a stderr line on each check).
    expect(text.stderr).not.toContain('expands to more than');
    expect(json.stderr).not.toContain('expands to more than');
    const status = runCli(['status', '--no-probe'], { cwd: dir, env });
    expect(status.stdout.match(/note: inventories\/prod\.ini:5: host pattern x\[0:99999\] expands to more than 10000 hosts/g)).toHaveLength(1);
    const statusJson = JSON.parse(runCli(['status', '--json', '--no-probe'], { cwd: dir, env }).stdout);
    expect(statusJson.config.notes).toEqual([
      'inventories/prod.ini:5: host pattern x[0:99999] expands to more than 10000 hosts; only the first 10000 are used',
    ]);
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) {
      expect(output).not.toContain('Sup3rSecretPw');
      expect(output).not.toContain('B3comeSecret');
    }
    // Outside the range, nothing says production.
    const outside = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', 'ssh db07.example.com reboot'], { cwd: dir, env }).stdout);
    expect(outside.targets[0].environment).toBe('unknown-remote');
  });

  it('a malformed range is one line naming the file, line and pattern; the other hosts still count', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts.ini'), '[production]\nweb[01:6]\ndb7\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: hosts.ini }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh web01 reboot'], { cwd: dir });
    // Until issue 14's follow-up the whole file was dropped ("hosts.ini ignored: …"); now only the line is.
    expect(result.stderr).toContain('hosts.ini:2: host pattern web[01:6]: a zero-padded range needs begin and end of equal length; this host line is left out');
    expect(result.stderr).not.toContain('    at ');
    const db7 = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', 'ssh db7 reboot'], { cwd: dir }).stdout);
    expect(db7.targets[0].environment).toBe('production');
  });
});
