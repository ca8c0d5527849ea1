// End to end through the built binary: the command-line contract, exit codes, passthrough of
// the child's exit code, stdin and signals, refusal without a terminal, and bad input.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, spawnCli, tempDir } from '../helpers/cli.js';

const REMOTE_URL = 'postgres://app:hunter2-secret@ec2-54-83-12-200.compute-1.amazonaws.com:5432/d8f7abc1';

describe('check', () => {
  it('blocks rm -rf / with exit 4 and names the rule', () => {
    const result = runCli(['check', '--', 'rm', '-rf', '/']);
    expect(result.status).toBe(4);
    expect(result.stdout).toContain('BLOCK');
    expect(result.stdout).toContain('filesystem/rm-root');
  });

  it('allows a harmless command with exit 0', () => {
    const result = runCli(['check', '-c', 'ls -la && echo "rm -rf /"']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ALLOW');
  });

  it('prints the JSON contract', () => {
    const result = runCli(['check', '--json', '--no-probe', '-c', 'bundle exec rspec'], { env: cleanEnv({ DATABASE_URL: REMOTE_URL }) });
    expect(result.status).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(body.verdict).toBe('confirm');
    expect(body.findings[0]).toMatchObject({ rule: 'database/test-suite-against-remote', severity: 'confirm', incident: 'travis-2018', target: 'd8f7abc1' });
    expect(body.targets[0]).toMatchObject({
      kind: 'database',
      source: 'DATABASE_URL',
      host: 'ec2-54-83-12-200.compute-1.amazonaws.com',
      database: 'd8f7abc1',
      environment: 'unknown-remote',
    });
    expect(Array.isArray(body.targets[0].evidence)).toBe(true);
  });

  it('never prints a password from a URL, in text or JSON', () => {
    for (const args of [
      ['check', '--no-probe', '-c', 'rspec'],
      ['check', '--json', '--no-probe', '-c', 'rspec'],
      ['check', '--json', '--no-probe', '-c', `DATABASE_URL=${REMOTE_URL} rake db:reset`],
    ]) {
      const result = runCli(args, { env: cleanEnv({ DATABASE_URL: REMOTE_URL }) });
      expect(result.stdout + result.stderr).not.toContain('hunter2');
    }
  });

  it('judges an inline DATABASE_URL over the shell one (the inline one wins)', () => {
    const result = runCli(['check', '--json', '--no-probe', '-c', 'DATABASE_URL=postgres://localhost/app_test bundle exec rspec'], {
      env: cleanEnv({ DATABASE_URL: REMOTE_URL }),
    });
    expect(JSON.parse(result.stdout).verdict).toBe('allow');
    expect(result.status).toBe(0);
  });
});

describe('run', () => {
  it('passes the child exit code through', () => {
    const result = runCli(['run', '--', 'sh', '-c', 'exit 7']);
    expect(result.status).toBe(7);
  });

  it('passes stdin through to the child and its stdout back', () => {
    const result = runCli(['run', '--', 'cat'], { input: 'hello from stdin\n' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('hello from stdin\n');
  });

  it('runs a -c shell line with bash', () => {
    const result = runCli(['run', '-c', 'echo one | tr a-z A-Z; exit 3']);
    expect(result.stdout).toBe('ONE\n');
    expect(result.status).toBe(3);
  });

  it('forwards SIGTERM to the child', async () => {
    const dir = tempDir();
    const marker = join(dir, 'got-term');
    const child = spawnCli(['run', '--', 'bash', '-c', `trap 'echo term > ${marker}; exit 0' TERM; echo ready; while true; do sleep 0.05; done`]);
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    expect(readFileSync(marker, 'utf8')).toBe('term\n');
    expect(code).toBe(0);
  });

  it('refuses a confirm without a terminal, leaves the data untouched, and audits it', () => {
    const home = tempDir();
    const data = join(home, 'var', 'lib', 'postgresql', '15', 'main');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'PG_VERSION'), '15\n');
    const env = cleanEnv({ CI: 'true', PGDATA: data }, home);
    const result = runCli(['run', '--', 'rm', '-rf', data], { env });
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('no terminal');
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
    const audit = readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(audit.at(-1)).toMatchObject({ action: 'refused', verdict: 'confirm' });
  });

  it('runs a refused command when an override names the rule and the target, and audits it without the password', () => {
    const home = tempDir();
    const env = cleanEnv({ CI: 'true', DATABASE_URL: REMOTE_URL }, home);
    const refused = runCli(['run', '--no-probe', '--', 'rspec', '--version'], { env });
    expect(refused.status).toBe(4);
    const wrongTarget = runCli(['run', '--no-probe', '--override', 'database/test-suite-against-remote=other', '--', 'sh', '-c', 'echo ran'], { env });
    expect(wrongTarget.stdout).toBe('ran\n');
    const result = runCli(['run', '--no-probe', '--override', 'database/test-suite-against-remote=d8f7abc1', '-c', 'rspec() { echo ran-tests; }; rspec'], {
      env,
    });
    expect(result.stdout).toBe('ran-tests\n');
    expect(result.status).toBe(0);
    const log = readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8');
    expect(log).toContain('"action":"overridden"');
    expect(log).not.toContain('hunter2');
  });

  it('blocks rm -rf / even with a terminal-less override for another rule', () => {
    const result = runCli(['run', '--override', 'database/dropdb=x', '--', 'rm', '-rf', '/']);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('--override filesystem/rm-root=ws-4417');
  });
});

describe('bad input', () => {
  it('an unparseable line is one clear line, exit 2, and run executes nothing', () => {
    const dir = tempDir();
    const result = runCli(['run', '-c', `touch ${dir}/ran; echo "unterminated`]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot parse the command line at 1:\d+/);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('PowerShell the shell grammar cannot read is read as PowerShell when it starts with a cmdlet', () => {
    const line = 'Get-AzResourceGroup -Name (Get-Content names.txt) | Remove-AzResourceGroup -Force';
    const result = runCli(['check', '--json', '-c', line]);
    expect(result.status, result.stderr).not.toBe(2);
    expect(JSON.parse(result.stdout).verdict).not.toBe('allow');
    // Not a cmdlet: still one clear line and exit 2.
    expect(runCli(['check', '-c', 'echo "unterminated']).status).toBe(2);
  });

  it('commands nested past what prodguard judges are refused, not waved through', () => {
    const deep = `echo ${'$('.repeat(40)}rm -rf /${')'.repeat(40)}`;
    const result = runCli(['check', '-c', deep]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nested too deeply');
  });

  it('an unknown flag is one line and exit 2', () => {
    const result = runCli(['check', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('a malformed config named with --config names the file and the field, exit 2, no stack', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'environments:\n  production:\n    hosts: db1\n');
    const result = runCli(['check', '--config', '.prodguard.yml', '-c', 'ls'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('.prodguard.yml: environments.production.hosts: must be a list of strings');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a YAML syntax error in the config gives file:line:col', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'environments:\n  production: [unclosed\n');
    const result = runCli(['check', '--config', '.prodguard.yml', '-c', 'ls'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\.prodguard\.yml:\d+:\d+: not valid YAML/);
  });

  it.each([
    ['an unknown placeholder', 'match: { commands: [deploy], targets: [host] }\nmessage: "{nope}"', 'no-deploy.yaml: message: unknown placeholder {nope}'],
    // Which options take a value is the knowledge base's, not a rule's (src/knowledge/tools.ts).
    [
      'options-with-values',
      'match: { commands: [deploy], options-with-values: [-e], targets: [host] }\nmessage: "{command}"',
      'no-deploy.yaml: match.options-with-values: is no longer read',
    ],
  ])('a bad user rule file (%s) names the file and field', (_what, body, expected) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'my-rules', 'team'), { recursive: true });
    writeFileSync(join(dir, '.prodguard.yml'), 'rule-directories: [my-rules]\n');
    writeFileSync(
      join(dir, 'my-rules', 'team', 'no-deploy.yaml'),
      `title: x\nincident: general\nseverity: { default: block }\n${body}\nwhy: w\nfix: f\nexamples: { flag: [deploy], pass: [ls] }\n`,
    );
    const result = runCli(['check', '--config', '.prodguard.yml', '-c', 'ls'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a user rule and a severity override take effect', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'my-rules', 'team'), { recursive: true });
    writeFileSync(
      join(dir, '.prodguard.yml'),
      'rule-directories: [my-rules]\nenvironments:\n  production:\n    hosts: ["db1.cluster.*"]\nrules:\n  filesystem/rm-data-directory:\n    severity: { local: warn }\n',
    );
    writeFileSync(
      join(dir, 'my-rules', 'team', 'no-deploy.yaml'),
      'title: Deploy on Friday\nincident: general\nseverity: { production: block, default: warn }\nmatch: { commands: [deploy], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [deploy], pass: [ls] }\n',
    );
    // Lowering a severity is loosening: the person trusts this repository's config first.
    const env = cleanEnv();
    expect(runCli(['trust'], { cwd: dir, env }).status).toBe(0);
    const onProd = runCli(['check', '--json', '-c', 'deploy now'], { cwd: dir, env: { ...env, PRODGUARD_HOSTNAME: 'db1.cluster.gitlab.com' } });
    expect(JSON.parse(onProd.stdout).findings[0]).toMatchObject({ rule: 'team/no-deploy', severity: 'block' });
    const dataDir = runCli(['check', '--json', '-c', 'rm -rf /var/lib/postgresql/15/main'], { cwd: dir, env });
    expect(JSON.parse(dataDir.stdout).verdict).toBe('warn');
  });
});

describe('explain, rules', () => {
  it('explains a rule with its incident and fix', () => {
    const result = runCli(['explain', 'filesystem/rm-data-directory']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('incident: gitlab-2017');
    expect(result.stdout).toContain('fix:');
  });

  it('an unknown rule is exit 2 with a suggestion', () => {
    const result = runCli(['explain', 'rm-data-directory']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('filesystem/rm-data-directory');
  });

  it('lists the rules', () => {
    const result = runCli(['rules', '--json']);
    const ids = JSON.parse(result.stdout).rules.map((rule: { id: string }) => rule.id);
    expect(ids).toContain('filesystem/rm-root');
    expect(ids).toContain('database/test-suite-against-remote');
  });
});
