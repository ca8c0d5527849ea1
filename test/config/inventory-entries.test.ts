// One bad inventory entry leaves out that entry only (issue 14 follow-up): a malformed host range,
// an unknown INI section, a marker naming no environment, a config entry naming a missing file or
// pack. Each is one line naming file, entry and fix; every other host the inventories name still
// decides. A guard that dropped a whole production inventory over one typo would fail open.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

function environmentOf(dir: string, line: string, env = cleanEnv()): string {
  const body = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { cwd: dir, env }).stdout);
  return body.targets.find((target: { kind: string }) => target.kind === 'host').environment;
}

describe('a bad entry inside an inventory file', () => {
  it('INI: a malformed range and an unknown section type are left out, with file:line and the fix', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts.ini'), '[production]\nweb[1:]\nowl\n[web:hosts]\nx1\n[production:children]\nbatch\n[batch]\nnode[01:02]\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: hosts.ini }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh owl reboot'], { cwd: dir });
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
    expect(result.stderr).toContain('hosts.ini:2: host pattern web[1:]: a range needs an end value; this host line is left out (write a range as [begin:end]');
    expect(result.stderr).toContain(
      'hosts.ini:4: section [web:hosts] has unknown type "hosts"; its lines are left out (write [web], [web:children] or [web:vars])',
    );
    expect(result.stderr).not.toContain('    at ');
    expect(environmentOf(dir, 'ssh node02 reboot')).toBe('production');
    // The unknown section's hosts are not guessed into any group.
    expect(environmentOf(dir, 'ssh x1 reboot')).toBe('unknown-remote');
  });

  it('YAML: a malformed range is left out naming its group; its siblings count', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts.yml'), 'all:\n  children:\n    production:\n      hosts:\n        "db[c:a]":\n        pg-main:\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: hosts.yml }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh pg-main reboot'], { cwd: dir });
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
    expect(result.stderr).toContain('hosts.yml: group [production]: host pattern db[c:a]: a range needs begin <= end; this host line is left out');
  });

  it('ssh config: a marker naming no environment is said, and the other marked blocks count', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.ssh'));
    writeFileSync(join(env.HOME!, '.ssh', 'config'), '# prodguard: prodution\nHost owl\n  HostName 10.9.9.9\n\n# prodguard: production\nHost hawk\n');
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ssh-config: true }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh hawk reboot'], { cwd: dir, env });
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
    expect(result.stderr).toContain(
      '~/.ssh/config:1: "# prodguard: prodution" names no environment; the marker is left out (write production, staging, test, development or local)',
    );
  });
});

describe('a bad entry in the config', () => {
  it('a missing inventory file, a malformed entry and a missing pack are each one line; the rest of the file counts', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts.ini'), '[production]\nowl\n');
    writeFileSync(
      join(dir, '.prodguard.yml'),
      [
        'inventories:',
        '  - ansible: nowhere.ini',
        '  - { ansble: typo.ini }',
        '  - 7',
        '  - { ansible: hosts.ini, groups: { web: prodution } }',
        'extends: ["@acme/nowhere", ./team.yml]',
        'environments:',
        '  production:',
        '    hosts: ["ws-*"]',
        '',
      ].join('\n'),
    );
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh owl reboot'], { cwd: dir });
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
    const config = join(dir, '.prodguard.yml');
    expect(result.stderr).toContain(`${config}: inventories[0]: nowhere.ini ignored: no file ${join(dir, 'nowhere.ini')} (fix the path`);
    expect(result.stderr).toContain(`${config}: inventories[1] ignored: needs ansible: PATH or ssh-config: true (inventories[1].ansble: unknown key`);
    expect(result.stderr).toContain(`${config}: inventories[2] ignored: must be { ansible: PATH } or { ssh-config: true }`);
    expect(result.stderr).toContain(`${config}: inventories[3].groups.web ignored: must be one of production`);
    expect(result.stderr).toContain(`${config}: extends: "@acme/nowhere" ignored: cannot find the package "@acme/nowhere" from ${dir} (install it there`);
    expect(result.stderr).toContain(`${config}: extends: "./team.yml" ignored: no file ${join(dir, 'team.yml')} (fix the path: it is relative to ${dir})`);
    expect(result.stderr).not.toContain('    at ');
    // The config's own environments still apply.
    expect(environmentOf(dir, 'reboot', cleanEnv({ PRODGUARD_HOSTNAME: 'ws-2' }))).toBe('production');
  });

  it('a pack that is found still applies beside one that is not', () => {
    const dir = tempDir();
    const pack = join(dir, 'node_modules', '@acme', 'fleet');
    mkdirSync(pack, { recursive: true });
    writeFileSync(join(pack, 'package.json'), '{"name":"@acme/fleet","version":"1.0.0"}');
    writeFileSync(join(pack, 'prodguard.yml'), 'inventories: [{ ansible: fleet.ini }, { ansible: gone.ini }]\n');
    writeFileSync(join(pack, 'fleet.ini'), '[production]\nkestrel\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'extends: ["@acme/gone", "@acme/fleet"]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh kestrel reboot'], { cwd: dir });
    const body = JSON.parse(result.stdout);
    expect(body.targets[0].environment).toBe('production');
    expect(body.targets[0].evidence.join(' ')).toContain('kestrel is in group [production] of fleet.ini');
    // The line names the pack's own config file, where the entry is written.
    expect(result.stderr).toContain(`${join(pack, 'prodguard.yml')}: inventories[1]: gone.ini ignored: no file`);
    expect(result.stderr).toContain('extends: "@acme/gone" ignored: cannot find the package');
  });
});

describe('inventory files as Ansible reads them', () => {
  it('an INI inventory named hosts.yml is read as INI; an inventory script is one line, not hundreds of hosts', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hosts.yml'), '[all:vars]\nansible_user=ubuntu\n\n[production]\nowl ansible_host=10.1.1.30\n');
    writeFileSync(join(dir, 'ec2.py'), '#!/usr/bin/env python3\nimport json\nprint(json.dumps({"production": {"hosts": ["x"]}}))\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: hosts.yml }, { ansible: ec2.py }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh owl reboot'], { cwd: dir });
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
    expect(result.stderr).toContain(`inventories[1]: ec2.py ignored: ${join(dir, 'ec2.py')} is an inventory script`);
    expect(result.stderr).toContain('is an inventory script (it lists hosts when run)');
  });
});
