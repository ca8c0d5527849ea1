// Issue 9, reviewed as an adversary would: a trusted repository config is pinned with everything
// it pulls in, a config file of any shape (a folder, a device, a huge or binary file, a broken
// link) is one line and the line is still judged, and an explicit PRODGUARD_POLICY that is not
// there is said.
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const HARMLESS_RM_ROOT =
  'title: harmless\nincident: general\nseverity: { default: allow }\nmatch: { commands: [nothing-at-all], targets: [host] }\nmessage: m\nwhy: w\nfix: f\nexamples: { flag: [nothing-at-all], pass: [ls] }\n';

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function evidenceOf(body: { targets: { evidence: string | string[] }[] }): string {
  return body.targets.flatMap((target) => target.evidence).join('\n');
}

function verdict(line: string, cwd: string, env: Record<string, string>): string {
  return JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { cwd, env }).stdout).verdict;
}

describe('trusting a repository config pins what it pulls in', () => {
  it('an extended file edited after trust cannot loosen', () => {
    const env = cleanEnv();
    const dir = repo({ '.prodguard.yml': 'extends: ["./team.yml"]\n', 'team.yml': 'environments: {production: {hosts: [owl]}}\n' });
    runCli(['trust'], { cwd: dir, env });
    writeFileSync(join(dir, 'team.yml'), 'rules:\n  filesystem/rm-root: off\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'rm -rf /'], { cwd: dir, env });
    expect(JSON.parse(result.stdout).verdict).toBe('block');
    expect(result.stderr).toContain('prodguard trust');
    expect(runCli(['trust', '--list'], { env }).stdout).toContain('changed since trusted');
    // Trusting again accepts the edit.
    runCli(['trust'], { cwd: dir, env });
    expect(verdict('rm -rf /', dir, env)).toBe('allow');
  });

  it('an extended file that did not exist when trusted, created later, cannot loosen', () => {
    const env = cleanEnv();
    const dir = repo({ '.prodguard.yml': 'extends: ["./later.yml", "later-pack"]\n' });
    runCli(['trust'], { cwd: dir, env });
    writeFileSync(join(dir, 'later.yml'), 'rules:\n  filesystem/rm-root: off\n');
    expect(verdict('rm -rf /', dir, env)).toBe('block');
    const pack = repo({ '.prodguard.yml': 'extends: ["later-pack"]\n' });
    runCli(['trust'], { cwd: pack, env });
    mkdirSync(join(pack, 'node_modules', 'later-pack'), { recursive: true });
    writeFileSync(join(pack, 'node_modules', 'later-pack', 'package.json'), '{"name":"later-pack","version":"1.0.0"}');
    writeFileSync(join(pack, 'node_modules', 'later-pack', 'prodguard.yml'), 'rules:\n  filesystem/rm-root: off\n');
    expect(verdict('rm -rf /', pack, env)).toBe('block');
  });

  it('a rule added to its rule folder after trust cannot replace a built-in rule', () => {
    const env = cleanEnv();
    const dir = repo({ '.prodguard.yml': 'rule-directories: [r]\n', 'r/README': 'our rules\n' });
    runCli(['trust'], { cwd: dir, env });
    mkdirSync(join(dir, 'r', 'filesystem'), { recursive: true });
    writeFileSync(join(dir, 'r', 'filesystem', 'rm-root.yaml'), HARMLESS_RM_ROOT);
    expect(verdict('rm -rf /', dir, env)).toBe('block');
  });

  it('an inventory edited after trust cannot move a production host to development', () => {
    const env = cleanEnv();
    const dir = repo({ '.prodguard.yml': 'inventories:\n  - ansible: inv.ini\n', 'inv.ini': '[production]\nowl\n' });
    runCli(['trust'], { cwd: dir, env });
    expect(verdict('ssh owl "rm -rf /var/lib/postgresql/15/main/pg_wal"', dir, env)).toBe('block');
    writeFileSync(join(dir, 'inv.ini'), '[development]\nowl\ndb1.prod.example.com\n');
    expect(verdict('ssh db1.prod.example.com "rm -rf /var/lib/postgresql/15/main/pg_wal"', dir, env)).toBe('block');
  });

  it('a repository config that is a link to a trusted file elsewhere is not trusted', () => {
    const env = cleanEnv();
    const trusted = repo({ '.prodguard.yml': 'rules:\n  filesystem/rm-root: off\n' });
    runCli(['trust'], { cwd: trusted, env });
    expect(verdict('rm -rf /', trusted, env)).toBe('allow');
    const dir = tempDir();
    symlinkSync(join(trusted, '.prodguard.yml'), join(dir, '.prodguard.yml'));
    expect(verdict('rm -rf /', dir, env)).toBe('block');
  });
});

describe('a config file of any shape is one line, and the line is still judged', () => {
  const shapes: [string, (dir: string) => void, string][] = [
    ['a folder named .prodguard.yml', (dir) => mkdirSync(join(dir, '.prodguard.yml')), 'is a folder'],
    ['a link to /dev/zero (it would never end)', (dir) => symlinkSync('/dev/zero', join(dir, '.prodguard.yml')), 'not a regular file'],
    ['a broken link', (dir) => symlinkSync('/nonexistent/prodguard.yml', join(dir, '.prodguard.yml')), 'no such file'],
    ['binary bytes', (dir) => writeFileSync(join(dir, '.prodguard.yml'), Buffer.from([0, 1, 2, 255, 254, 10])), 'not a text file'],
    ['a file over 1 MiB', (dir) => writeFileSync(join(dir, '.prodguard.yml'), `${'#'.repeat(99)}\n`.repeat(20_000)), 'larger than 1 MiB'],
  ];
  for (const [what, make, says] of shapes) {
    it(what, () => {
      const dir = tempDir();
      make(dir);
      const result = runCli(['check', '--no-probe', '-c', 'rm -rf /'], { cwd: dir });
      expect(result.status).toBe(4);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`repository config ignored: `);
      expect(lines[0]).toContain(join(dir, '.prodguard.yml'));
      expect(lines[0]).toContain(says);
      const init = runCli(['init', 'bash'], { cwd: dir });
      expect(init.status).toBe(0);
      expect(init.stdout).toContain('prodguard');
    });
  }

  it('PRODGUARD_POLICY naming a file that is not there is said, not silently no policy', () => {
    const env = cleanEnv();
    const result = runCli(['check', '--no-probe', '-c', 'rm -rf /'], { env: { ...env, PRODGUARD_POLICY: join(env.HOME!, 'policy.yml') } });
    expect(result.status).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`system policy ignored: config file ${join(env.HOME!, 'policy.yml')} cannot be read (no such file)`);
  });
});

describe('a command line that loosens the guard is a decision a person makes', () => {
  const lines = [
    'cp /tmp/loose.yml .prodguard.yml',
    'ln -sf /tmp/x.yml .prodguard.yaml',
    "sed -i 's/block/allow/' .prodguard.yml",
    'mv .prodguard.yml .prodguard.yml.off',
    'rm -f .prodguard.yml',
    'curl -fsSL -o .prodguard.yml https://example.com/c.yml',
    'prodguard trust',
    'prodguard mark postgres://db.example.com/app development',
  ];
  for (const line of lines) {
    it(`asks for ${line} — also through the coding-agent hook`, () => {
      const dir = tempDir();
      expect(verdict(line, dir, cleanEnv())).toBe('confirm');
      const event = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: line }, cwd: dir });
      const hook = runCli(['hook', 'claude-code'], { cwd: dir, input: event });
      expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).not.toBe('allow');
    });
  }
  it('reading, backing up or listing stays allowed', () => {
    for (const line of ['cat .prodguard.yml', 'cp .prodguard.yml /tmp/backup.yml', 'sed -n 1,5p .prodguard.yml', 'prodguard trust --list', 'cp a b'])
      expect(verdict(line, tempDir(), cleanEnv()), line).toBe('allow');
  });
});

describe('a typo in --override names the rule it was probably meant to be', () => {
  const typos: [string, string][] = [
    ['filesystem/rm-rot', 'filesystem/rm-root'],
    ['Filesystem/RM-ROOT', 'filesystem/rm-root'],
    ['rm-root', 'filesystem/rm-root'],
    ['databse/dropdb', 'database/dropdb'],
    ['sql/drop-object', 'sql/drop-objects'],
  ];
  for (const [typed, meant] of typos) {
    it(`${typed} → ${meant}, exit 2, one line`, () => {
      const result = runCli(['check', '--override', `${typed}=ws-4417`, '-c', 'rm -rf /']);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`did you mean ${meant}`);
    });
  }
  it('a repository config naming a misspelt rule says which one it meant', () => {
    const dir = repo({ '.prodguard.yml': 'rules:\n  filesystem/rm-rooot:\n    severity: { default: block }\n' });
    expect(runCli(['check', '--no-probe', '-c', 'ls'], { cwd: dir }).stderr).toContain('did you mean filesystem/rm-root?');
  });
});

describe('the audit log holds no secret of these shapes', () => {
  const SECRET = 'Zq9Secr3tVal';
  const lines = [
    `mysql -h db.prod.example.com -e "SET PASSWORD FOR 'bob'@'%' = '${SECRET}'; DROP DATABASE app"`,
    `mysqladmin -h db.prod.example.com -u root password ${SECRET} && mysqladmin -h db.prod.example.com drop app`,
    `openssl enc -aes256 -pass pass:${SECRET} -in x && rm -rf /`,
    `openssl enc -k ${SECRET} -in x && rm -rf /`,
  ];
  for (const line of lines) {
    it(line.slice(0, 60), () => {
      const env = cleanEnv();
      const ran = runCli(['run', '--no-probe', '-c', line], { env });
      expect(ran.status).toBe(4);
      const log = runCli(['log', '--json'], { env });
      expect(log.stdout).toContain('"refused"');
      for (const text of [ran.stdout, ran.stderr, log.stdout, runCli(['check', '--json', '--no-probe', '-c', line], { env }).stdout])
        expect(text).not.toContain(SECRET.slice(0, 6));
    });
  }
});

describe('an inner or second config adds to the repository config, never hides it', () => {
  it('an empty sub/.prodguard.yml does not hide the production facts of the root config', () => {
    const dir = repo({ '.prodguard.yml': 'environments:\n  production:\n    hosts: ["owl"]\n', 'sub/.prodguard.yml': '' });
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh owl "rm -rf /var/lib/postgresql/15/main/pg_wal"'], {
      cwd: join(dir, 'sub'),
      env: cleanEnv(),
    });
    const body = JSON.parse(result.stdout);
    expect(body.verdict).toBe('block');
    expect(body.config.files).toEqual([join(dir, '.prodguard.yml'), join(dir, 'sub', '.prodguard.yml')]);
    // The evidence names the file that said so.
    expect(evidenceOf(body)).toContain(`config ${join(dir, '.prodguard.yml')}: environments.production.hosts "owl"`);
  });

  it('a .prodguard.yml beside a .prodguard.yaml does not hide it', () => {
    const dir = repo({ '.prodguard.yaml': 'environments:\n  production:\n    hosts: ["owl"]\n', '.prodguard.yml': 'rules: {}\n' });
    expect(verdict('ssh owl "rm -rf /var/lib/postgresql/15/main/pg_wal"', dir, cleanEnv())).toBe('block');
  });

  it("the user's production host is the user config's word, not the repository's", () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    const user = join(env.HOME!, '.config', 'prodguard', 'config.yml');
    writeFileSync(user, 'environments:\n  production:\n    hosts: ["owl"]\n');
    const dir = repo({ '.prodguard.yml': 'environments:\n  production:\n    databases: ["orders"]\n' });
    const body = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', 'ssh owl reboot'], { cwd: dir, env }).stdout);
    expect(evidenceOf(body)).toContain(`config ${user}: environments.production.hosts "owl"`);
  });
});
