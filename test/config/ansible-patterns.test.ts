// Ansible patterns through the inventory (issue 14): `ansible dbservers -a 'dropdb app'` names a
// group, not a host. The pattern is expanded as Ansible expands it (groups and children, `all`,
// `a:&b`, `a:!b`, globs) against the inventories prodguard can read — the config's, the line's
// `-i FILE`, ansible.cfg's `inventory =` — so the group's hosts decide, with evidence naming the
// host, its group and the file.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { expandAnsiblePattern } from '../../src/config/inventory.js';

const GROUPS = {
  all: ['db1', 'db2', 'web1', 'web2', 'st1'],
  dbservers: ['db1', 'db2'],
  webservers: ['web1', 'web2'],
  production: ['db1', 'web1'],
  staging: ['st1'],
};

describe('Ansible patterns, as Ansible expands them', () => {
  it('groups, all, intersections, exclusions, globs and regexes', () => {
    expect(expandAnsiblePattern('dbservers', GROUPS)?.hosts).toEqual(['db1', 'db2']);
    expect(expandAnsiblePattern('all', GROUPS)?.hosts).toHaveLength(5);
    expect(expandAnsiblePattern('dbservers:&production', GROUPS)?.hosts).toEqual(['db1']);
    expect(expandAnsiblePattern('all:!production', GROUPS)?.hosts).toEqual(['db2', 'web2', 'st1']);
    // Exclusions apply after every plain term, whatever their order in the pattern.
    expect(expandAnsiblePattern('!db2,dbservers', GROUPS)?.hosts).toEqual(['db1']);
    expect(expandAnsiblePattern('web*', GROUPS)?.hosts).toEqual(['web1', 'web2']);
    expect(expandAnsiblePattern('~db\\d', GROUPS)?.hosts).toEqual(['db1', 'db2']);
    // A name nothing matches stays a host to judge; a pattern nothing matches is left to the names.
    expect(expandAnsiblePattern('dbservers,db9.example.com', GROUPS)?.hosts).toEqual(['db1', 'db2', 'db9.example.com']);
    expect(expandAnsiblePattern('db9.example.com', GROUPS)).toBeUndefined();
  });
});

describe('ansible PATTERN on the line', () => {
  const INI = '[dbservers]\nowl\nhawk\n[webservers]\nweb[1:3]\n[production:children]\ndbservers\n';

  function check(line: string, cwd: string) {
    return JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { cwd, env: cleanEnv() }).stdout);
  }

  it("a group of the config's inventory holding production hosts is production", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'inv'));
    writeFileSync(join(dir, 'inv', 'hosts.ini'), INI);
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: inv/hosts.ini }]\n');
    const body = check("ansible dbservers -a 'dropdb app'", dir);
    expect(body.verdict).toBe('block');
    const host = body.targets.find((target: { kind: string }) => target.kind === 'host');
    expect(host.environment).toBe('production');
    expect(host.evidence[0]).toBe(
      'ansible pattern dbservers reaches 2 hosts in inv/hosts.ini; owl: owl is in group [production] (through [dbservers]) of inv/hosts.ini',
    );
    // Excluding the production group leaves hosts nothing says anything about: unknown remote.
    const rest = check("ansible 'all:!production' -m file -a 'path=/var/lib/postgresql/15/main state=absent'", dir);
    expect(rest.verdict).toBe('confirm');
    expect(rest.targets[0].environment).toBe('unknown-remote');
    expect(check("ansible 'all:&dbservers' -m shell -a 'rm -rf /var/lib/postgresql/15/main'", dir)).toMatchObject({
      verdict: 'confirm',
      targets: [{ environment: 'production' }],
    });
  });

  it("the line's -i FILE and ansible.cfg's inventory are read; a name that is not a group stays a host", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'prod.ini'), INI);
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\ninventory = ./prod.ini\nforks = 5\n');
    const viaCfg = check("ansible dbservers -a 'dropdb app'", dir);
    expect(viaCfg.verdict).toBe('block');
    expect(viaCfg.findings[0].evidence.join(' ')).toContain(`of ${join(dir, 'prod.ini')}`);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'hosts'), '[production]\nkestrel\n');
    expect(check("ansible all -i sub/hosts -a 'dropdb app'", dir).verdict).toBe('block');
    const unknown = check("ansible db9.example.com -a 'dropdb app'", dir);
    expect(unknown.targets.find((target: { kind: string }) => target.kind === 'host').evidence[0]).toBe(
      'db9.example.com is a remote host with nothing saying what it is',
    );
  });

  it("a line's inventory never makes a host less guarded than its name", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts'), '[development]\nprod-db-1\n');
    const body = check("ansible development -i hosts -a 'dropdb app'", dir);
    expect(body.targets.find((target: { kind: string }) => target.kind === 'host').environment).toBe('production');
  });
});
