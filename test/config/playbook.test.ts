// A playbook's plays name their hosts: read from real files, imports followed (bounded), what
// only Ansible knows at run time (a template, an import it cannot read) taken as `all`.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { readPlaybookHosts } from '../../src/config/playbook.js';

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('the host patterns of a playbook', () => {
  it("each play's hosts (a string or a list), imports followed relative to the importing file", async () => {
    const dir = tempDir();
    write(dir, {
      'site.yml': [
        '- import_playbook: plays/db.yml',
        '- hosts: [web, "app:&production"]',
        '  tasks: []',
        '- ansible.builtin.import_playbook: plays/lb.yml',
      ].join('\n'),
      'plays/db.yml': '- hosts: dbservers\n  roles: [postgres]\n- import_playbook: common.yml\n',
      'plays/common.yml': '- hosts: all:!localhost\n  tasks: []\n',
      'plays/lb.yml': '- include: ../legacy.yml\n',
      'legacy.yml': '- hosts: haproxy\n  tasks: []\n',
    });
    const read = await readPlaybookHosts(join(dir, 'site.yml'));
    expect(read?.patterns).toEqual(['dbservers', 'all:!localhost', 'web,app:&production', 'haproxy']);
    expect(read?.files.map((file) => file.slice(dir.length + 1))).toEqual(['site.yml', 'plays/db.yml', 'plays/common.yml', 'plays/lb.yml', 'legacy.yml']);
  });

  it('a templated pattern is kept as written; a templated import, or one that cannot be read, is all', async () => {
    const dir = tempDir();
    write(dir, {
      'a.yml': [
        '- hosts: "{{ target | default(\'web\') }}"',
        '  tasks: []',
        '- import_playbook: "{{ which }}.yml"',
        '- import_playbook: gone.yml',
        '- hosts: db',
        '  tasks: []',
      ].join('\n'),
    });
    expect((await readPlaybookHosts(join(dir, 'a.yml')))?.patterns).toEqual(["{{ target | default('web') }}", 'all', 'db']);
  });

  it('an import cycle is read once; a chain deeper than the bound is all', async () => {
    const dir = tempDir();
    write(dir, { 'x.yml': '- hosts: x\n- import_playbook: y.yml\n', 'y.yml': '- hosts: y\n- import_playbook: x.yml\n' });
    expect((await readPlaybookHosts(join(dir, 'x.yml')))?.patterns).toEqual(['x', 'y']);
    const chain: Record<string, string> = {};
    for (let i = 0; i < 12; i++) chain[`p${i}.yml`] = `- hosts: h${i}\n- import_playbook: p${i + 1}.yml\n`;
    chain['p12.yml'] = '- hosts: h12\n';
    write(dir, chain);
    const deep = await readPlaybookHosts(join(dir, 'p0.yml'));
    expect(deep?.patterns).toContain('all');
    expect(deep?.patterns).not.toContain('h12');
  });

  it('a file that is missing, not YAML, or not a list of plays is not a playbook', async () => {
    const dir = tempDir();
    write(dir, { 'vars.yml': 'a: 1\n', 'bad.yml': '- hosts: [\n' });
    expect(await readPlaybookHosts(join(dir, 'missing.yml'))).toBeUndefined();
    expect(await readPlaybookHosts(join(dir, 'vars.yml'))).toBeUndefined();
    expect(await readPlaybookHosts(join(dir, 'bad.yml'))).toBeUndefined();
    expect(await readPlaybookHosts(dir)).toBeUndefined();
  });
});

describe('play patterns as Ansible splits them: subscripts, and colons inside brackets', () => {
  const GROUPS = { all: ['n1', 'n2', 'n3', 'n4'], kube_control_plane: ['n1', 'n2', 'n3'], kube_node: ['n4'] };

  it('kube_control_plane[0], [-1], [0:1], [1:], and a subscript beside other terms', async () => {
    const { expandAnsiblePattern, splitAnsiblePattern } = await import('../../src/config/inventory.js');
    expect(splitAnsiblePattern('kube_control_plane[0:1]:kube_node')).toEqual(['kube_control_plane[0:1]', 'kube_node']);
    expect(expandAnsiblePattern('kube_control_plane[0]', GROUPS)?.hosts).toEqual(['n1']);
    expect(expandAnsiblePattern('kube_control_plane[-1]', GROUPS)?.hosts).toEqual(['n3']);
    expect(expandAnsiblePattern('kube_control_plane[0:1]:kube_node', GROUPS)?.hosts).toEqual(['n1', 'n2', 'n4']);
    expect(expandAnsiblePattern('kube_control_plane[1:]', GROUPS)?.hosts).toEqual(['n2', 'n3']);
    expect(expandAnsiblePattern('bastion[0]', GROUPS)).toBeUndefined();
  });
});
