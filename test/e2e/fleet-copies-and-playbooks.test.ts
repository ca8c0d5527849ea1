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

/** A repository with an inventory and playbooks, as teams keep them. */
function playbookRepo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PLAYBOOKS = {
  'hosts.ini': INVENTORY,
  'site.yml': '- hosts: staging\n  tasks: []\n- import_playbook: playbooks/db.yml\n',
  'playbooks/db.yml': '- name: databases\n  hosts: dbservers\n  become: true\n  tasks: []\n',
  'web.yml': '- hosts: staging\n  tasks: []\n',
  'templated.yml': '- hosts: "{{ target | default(\'staging\') }}"\n  tasks: []\n',
  'broken-import.yml': '- hosts: staging\n  tasks: []\n- import_playbook: missing.yml\n',
  'local.yml': '- hosts: localhost\n  connection: local\n  tasks: []\n',
  // Trellis' form: the environment comes from `-e env=…`.
  'server.yml': '- hosts: localhost\n  tasks: []\n- hosts: "dbservers:&{{ env }}"\n  tasks: []\n',
  'nodes.yml': '- hosts: dbservers[1]\n  tasks: []\n- hosts: nosuchgroup\n  tasks: []\n',
};

describe("ansible-playbook: the plays' hosts, through the inventory, narrowed by --limit", () => {
  const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
  const repo = playbookRepo(PLAYBOOKS);

  it('a playbook whose plays (imports followed) reach a production host warns, naming the patterns', () => {
    const got = judge('ansible-playbook -i hosts.ini site.yml', env, repo);
    expect(got.verdict).toBe('warn');
    expect(got.messages[0]).toContain('runs on staging, dbservers (production: ansible pattern staging, dbservers reaches 3 hosts');
    expect(got.messages[0]).toContain('owl is in group [production]');
  });

  it('a playbook whose plays reach only staging hosts does not warn, though the inventory holds production', () => {
    expect(judge('ansible-playbook -i hosts.ini web.yml', env, repo).verdict).toBe('allow');
    expect(judge('ansible-playbook -i hosts.ini local.yml', env, repo).verdict).toBe('allow');
  });

  it('--limit narrows the plays; a limit matching no host selects nothing', () => {
    expect(judge('ansible-playbook -i hosts.ini site.yml --limit sparrow', env, repo).verdict).toBe('allow');
    expect(judge('ansible-playbook -i hosts.ini site.yml -l falcon,owl', env, repo).verdict).toBe('warn');
    const none = judge('ansible-playbook -i hosts.ini site.yml --limit nosuchhost', env, repo);
    expect(none.verdict).toBe('allow');
    const targets = (none.body.targets as { evidence: string[] }[]).flatMap((t) => t.evidence).join(' ');
    expect(targets).toContain('reaches no host');
  });

  it("the line's extra vars fill a play's template; a subscript takes one host of a group", () => {
    expect(judge('ansible-playbook -i hosts.ini server.yml -e env=production', env, repo).verdict).toBe('warn');
    expect(judge('ansible-playbook -i hosts.ini server.yml -e env=staging', env, repo).verdict).toBe('allow');
    expect(judge(`ansible-playbook -i hosts.ini server.yml -e '{"env": "production"}'`, env, repo).verdict).toBe('warn');
    // Without the variable the pattern is only known when Ansible runs: the whole inventory.
    expect(judge('ansible-playbook -i hosts.ini server.yml', env, repo).verdict).toBe('warn');
    // dbservers[1] is falcon (not production); a group the inventory lacks matches nothing.
    const nodes = judge('ansible-playbook -i hosts.ini nodes.yml', env, repo);
    expect(nodes.verdict).toBe('allow');
    expect((nodes.body.targets as { evidence: string[] }[]).flatMap((t) => t.evidence).join(' ')).toContain('reaches 1 host');
  });

  it('a templated pattern, an unreadable import or an unreadable playbook: the whole inventory, as before', () => {
    expect(judge('ansible-playbook -i hosts.ini templated.yml', env, repo).verdict).toBe('warn');
    expect(judge('ansible-playbook -i hosts.ini broken-import.yml', env, repo).verdict).toBe('warn');
    expect(judge('ansible-playbook -i hosts.ini no-such-playbook.yml', env, repo).verdict).toBe('warn');
    expect(judge('ansible-playbook -i hosts.ini no-such-playbook.yml --limit sparrow', env, repo).verdict).toBe('allow');
  });
});

describe('ad-hoc ansible PATTERN: one run on the hosts, one finding', () => {
  it('a pattern of several groups or names, with the inventory read: one finding naming the pattern', () => {
    const repo = playbookRepo({ 'hosts.ini': INVENTORY });
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
    for (const line of [
      "ansible staging:dbservers -i hosts.ini -m shell -a 'rm -rf /var/lib/mysql'",
      "ansible owl,falcon,sparrow -i hosts.ini -m shell -a 'rm -rf /var/lib/mysql'",
      "ansible all -i hosts.ini -m file -a 'path=/var/lib/postgresql/15/main state=absent'",
    ]) {
      const got = judge(line, env, repo);
      expect(got.rules, line).toEqual(['filesystem/rm-data-directory']);
      expect(got.environments, line).toEqual(['production']);
    }
    const named = judge("ansible staging:dbservers -i hosts.ini -m shell -a 'rm -rf /var/lib/mysql'", env, repo);
    expect(named.messages[0]).toContain('on staging:dbservers (production)');
  });

  it('with no inventory read, the names are judged together: the most dangerous decides, once', () => {
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
    const got = judge("ansible db1.prod.example.com,web-stg-1 -m shell -a 'rm -rf /var/lib/mysql'", env);
    expect(got.rules).toEqual(['filesystem/rm-data-directory']);
    expect(got.environments).toEqual(['production']);
    const evidence = (got.body.findings as { evidence: string[] }[])[0]!.evidence.join(' ');
    expect(evidence).toContain('ansible pattern db1.prod.example.com,web-stg-1 names 2 hosts (no inventory read lists them); db1.prod.example.com');
    // `-i production` (not a file here) still says production, in the same one finding.
    const named = judge("ansible all -i production -m command -a 'dropdb app'", env);
    expect(named.environments).toEqual(['production']);
    expect(named.rules.length).toBe(new Set(named.rules).size);
  });
});

describe('an inventory group named local', () => {
  const INI_LOCAL = [
    '[local]',
    'localhost ansible_connection=local',
    'devbox ansible_connection=local',
    'db7.example.com',
    'cache-9 ansible_host=10.9.9.9',
    '',
    '[lab]',
    'lab-1',
    '',
    '[lab:vars]',
    'ansible_connection=local',
    '',
    '[local:children]',
    'lab',
    '',
    '[production]',
    'cache-9',
    '',
  ].join('\n');
  const YAML_LOCAL = `all:
  children:
    local:
      hosts:
        localhost: { ansible_connection: local }
        workstation: { ansible_connection: local }
        db8.example.com: {}
`;

  it('makes local only loopback names and hosts Ansible runs here; a real remote host keeps its own judgement', () => {
    const env = userWithInventory(INI_LOCAL);
    const remote = judge('ssh db7.example.com rm -rf /var/lib/mysql', env);
    expect(remote.verdict).toBe('confirm');
    expect(remote.environments).toEqual(['unknown-remote']);
    // In [local] and in [production]: production, and by address too.
    expect(judge('ssh cache-9 rm -rf /var/lib/mysql', env).environments).toEqual(['production']);
    expect(judge('ssh 10.9.9.9 rm -rf /var/lib/mysql', env).environments).toEqual(['production']);
    expect(judge('ssh devbox rm -rf /var/lib/mysql', env).environments).toEqual(['local']);
    // A child group whose vars say ansible_connection=local.
    expect(judge('ssh lab-1 rm -rf /var/lib/mysql', env).environments).toEqual(['local']);
  });

  it('the same in a YAML inventory (local: hosts:)', () => {
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });
    const configDir = join(env.HOME!, '.config', 'prodguard');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'hosts.yml'), YAML_LOCAL);
    writeFileSync(join(configDir, 'config.yml'), 'inventories:\n  - ansible: hosts.yml\n');
    expect(judge('ssh db8.example.com rm -rf /var/lib/mysql', env).environments).toEqual(['unknown-remote']);
    expect(judge('ssh workstation rm -rf /var/lib/mysql', env).environments).toEqual(['local']);
  });
});

describe('kubectl --kubeconfig FILE names the context the file selects', () => {
  const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: eu-main
contexts:
- name: eu-main
  context: { cluster: gke_acme_europe-west1_main, user: u }
clusters:
- name: gke_acme_europe-west1_main
  cluster: { server: https://prod-k8s.acme.internal }
users:
- name: u
  user: {}
`;
  const repo = playbookRepo({
    'eu.yaml': KUBECONFIG,
    'no-current.yaml': 'apiVersion: v1\nkind: Config\ncontexts: []\nclusters: []\nusers: []\n',
    'prod-eu.yaml': 'apiVersion: v1\nkind: Config\ncontexts: []\n',
  });
  const env = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });

  it("the file's current-context, not the file's path, is the context", () => {
    for (const line of [
      'kubectl --kubeconfig eu.yaml delete namespace shop',
      'kubectl --kubeconfig=eu.yaml delete namespace shop',
      'KUBECONFIG=eu.yaml kubectl delete namespace shop',
    ]) {
      const got = judge(line, env, repo);
      expect(got.messages[0], line).toContain('Kubernetes context eu-main (production');
      expect((got.body.findings as { target: string }[])[0]!.target, line).toBe('eu-main');
    }
  });

  it('a file with no current-context, or none at all, is "current context of FILE"', () => {
    for (const file of ['no-current.yaml', 'missing.yaml']) {
      const got = judge(`kubectl --kubeconfig ${file} delete namespace shop`, env, repo);
      expect(got.messages[0], file).toContain(`Kubernetes context current context of ${file} (unknown-remote: kubeconfig ${file} names no current-context`);
    }
    // The file's own name still counts.
    expect(judge('kubectl --kubeconfig prod-eu.yaml delete namespace shop', env, repo).environments).toEqual(['production']);
  });
});
