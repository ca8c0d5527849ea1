// Config layers and trust (issue 9 §1): a repository's `.prodguard.yml` may only tighten until the
// person runs `prodguard trust`; the user's facts survive inside a repository; a broken config is
// ignored with one line and the line is still judged; override typos are errors.
import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

function repoWith(config: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, '.prodguard.yml'), config);
  return dir;
}

describe('an untrusted repository config may only tighten', () => {
  const weakenings: [string, string, string][] = [
    ['a rule turned off', 'rules:\n  filesystem/rm-root: off\n', 'rm -rf /'],
    ['a rule turned off by severity', 'rules:\n  filesystem/rm-root: { severity: off }\n', 'rm -rf /'],
    ['a severity lowered', 'rules:\n  filesystem/rm-root:\n    severity: { default: allow, local: allow }\n', 'rm -rf /'],
    ['every host local', 'environments:\n  local:\n    hosts: ["*"]\n', 'ssh db1-prod rm -rf /var/lib/postgresql'],
    [
      'production databases marked development',
      'environments:\n  development:\n    databases: ["*"]\n    hosts: ["*"]\n',
      'psql postgres://db1.prod.example.com/app -c "DROP TABLE users"',
    ],
    ['a kube context marked test', 'environments:\n  test:\n    kube-contexts: ["*"]\n', 'kubectl --context prod-eu delete namespace app'],
  ];
  for (const [what, config, line] of weakenings) {
    it(`ignores ${what} and says so`, () => {
      const dir = repoWith(config);
      const env = cleanEnv();
      const result = runCli(['check', '--json', '--no-probe', '-c', line], { cwd: dir, env });
      const body = JSON.parse(result.stdout);
      const withoutConfig = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env }).stdout);
      expect(['confirm', 'block']).toContain(withoutConfig.verdict);
      expect(body.verdict, line).toBe(withoutConfig.verdict);
      expect(body.config.files).toEqual([join(dir, '.prodguard.yml')]);
      expect(body.config.ignored.join('\n')).toContain('prodguard trust');
      expect(result.stderr).toContain('ignored');
    });
  }

  it('a rule folder in an untrusted config adds rules but cannot replace a built-in one', () => {
    const dir = repoWith('rule-directories: [r]\n');
    mkdirSync(join(dir, 'r', 'filesystem'), { recursive: true });
    writeFileSync(
      join(dir, 'r', 'filesystem', 'rm-root.yaml'),
      'title: harmless\nincident: general\nseverity: { default: allow }\nmatch: { commands: [nothing-at-all], targets: [host] }\nmessage: m\nwhy: w\nfix: f\nexamples: { flag: [nothing-at-all], pass: [ls] }\n',
    );
    const result = runCli(['check', '--json', '-c', 'rm -rf /'], { cwd: dir });
    expect(JSON.parse(result.stdout).verdict).toBe('block');
    expect(result.stderr).toContain('may add rules, not replace them');
  });

  it('tightening is honoured without trust', () => {
    const dir = repoWith('environments:\n  production:\n    hosts: ["ws-*"]\nrules:\n  host/reboot-shutdown:\n    severity: { default: block }\n');
    const result = runCli(['check', '--json', '-c', 'rm -rf /var/lib/postgresql/15/main'], { cwd: dir });
    const body = JSON.parse(result.stdout);
    expect(body.targets.some((t: { environment: string }) => t.environment === 'production')).toBe(true);
    expect(body.config.ignored).toEqual([]);
  });

  it('prodguard trust lets it loosen until the file changes; --list and --revoke', () => {
    const dir = repoWith('rules:\n  filesystem/rm-root: off\n');
    const env = cleanEnv();
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(4);
    expect(runCli(['trust'], { cwd: dir, env }).stdout).toContain('trusted');
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(0);
    expect(runCli(['trust', '--list'], { env }).stdout).toContain(join(dir, '.prodguard.yml'));
    // A coding agent appending to the trusted file makes it untrusted again.
    appendFileSync(join(dir, '.prodguard.yml'), 'environments:\n  local:\n    hosts: ["*"]\n');
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(4);
    expect(runCli(['trust', '--list'], { env }).stdout).toContain('changed since trusted');
    runCli(['trust'], { cwd: dir, env });
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(0);
    runCli(['trust', '--revoke', dir], { env });
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(4);
  });
});

describe('layers', () => {
  it("the user's facts survive inside a repository that has its own config", () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), 'environments:\n  production:\n    hosts: ["bastion-7"]\n');
    const dir = repoWith('environments:\n  production:\n    databases: ["orders"]\n');
    const result = runCli(['check', '--json', '-c', 'ssh bastion-7 rm -rf /var/lib/postgresql'], { cwd: dir, env });
    const body = JSON.parse(result.stdout);
    // A data directory on a production host whose state cannot be seen: the typed host name.
    expect(body.verdict).toBe('confirm');
    expect(body.findings[0].environment).toBe('production');
    expect(body.config.files).toEqual([join(env.HOME!, '.config', 'prodguard', 'config.yml'), join(dir, '.prodguard.yml')]);
    const status = runCli(['status', '--json', '--no-probe'], { cwd: dir, env });
    expect(JSON.parse(status.stdout).config.files).toHaveLength(2);
    expect(runCli(['status', '--no-probe'], { cwd: dir, env }).stdout).toContain(`config: ${join(env.HOME!, '.config', 'prodguard', 'config.yml')}`);
  });

  it('the system policy sets minimums and locks rules that a trusted user config cannot lower', () => {
    const env = cleanEnv();
    const policy = join(env.HOME!, 'policy.yml');
    writeFileSync(policy, 'locked-rules: [filesystem/rm-root]\nrules:\n  database/dropdb:\n    severity: { default: confirm }\n');
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(
      join(env.HOME!, '.config', 'prodguard', 'config.yml'),
      'rules:\n  filesystem/rm-root: off\n  database/dropdb:\n    severity: { default: allow, local: allow }\n',
    );
    const withPolicy = { ...env, PRODGUARD_POLICY: policy };
    const root = runCli(['check', '--json', '-c', 'rm -rf /'], { env: withPolicy });
    expect(JSON.parse(root.stdout).verdict).toBe('block');
    expect(root.stderr).toContain('locked by the system policy');
    const dropdb = runCli(['check', '--json', '--no-probe', '-c', 'dropdb app'], { env: withPolicy });
    expect(JSON.parse(dropdb.stdout).verdict).toBe('confirm');
    expect(dropdb.stderr).toContain("system policy's minimum");
  });
});

describe('broken configs', () => {
  it('a malformed repository config is ignored with one line naming it, and the line is judged', () => {
    const dir = repoWith('rules:\n  filesystem/rm-root: [unclosed\n');
    const result = runCli(['check', '-c', 'rm -rf /'], { cwd: dir });
    expect(result.status).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`repository config ignored: ${join(dir, '.prodguard.yml')}:`);
    expect(result.stderr).toContain('fix the YAML syntax');
  });

  it('a malformed user config is ignored, and the repository config still applies', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), 'environments: 7\n');
    const dir = repoWith('environments:\n  production:\n    hosts: ["ws-*"]\n');
    const result = runCli(['check', '--json', '-c', 'reboot'], { cwd: dir, env });
    expect(result.stderr).toContain('user config ignored');
    expect(JSON.parse(result.stdout).targets[0].environment).toBe('production');
  });

  it('init prints a working hook in a folder with a broken config', () => {
    const dir = repoWith('environments: [\n');
    const result = runCli(['init', 'bash'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('prodguard');
  });

  it('a typo in --override is exit 2, as in a config file', () => {
    const result = runCli(['run', '--override', 'filesystem/rm-rot=ws-4417', '--', 'true']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no rule has the id "filesystem/rm-rot"');
  });
});
