// Policy packs (issue 14 §2): an npm package under node_modules holding rules/ and prodguard.yml,
// resolved from the config file's folder with Node's resolution; `extends` of a local file; an
// untrusted repository extending a loosening pack gains nothing from the loosening.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/load.js';

const RULE =
  'title: No deploy on Friday\nincident: general\nseverity: { production: block, default: warn }\nmatch: { commands: [deploy], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [deploy now], pass: [ls] }\n';

function packAt(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('policy packs', () => {
  it('a pack installed under node_modules adds a rule that fires, and rules shows where it came from', () => {
    const dir = tempDir();
    const pack = packAt(dir, '@acme/prodguard-policy', {
      'rules/team/no-deploy.yaml': RULE,
      'prodguard.yml': 'environments:\n  production:\n    hosts: ["ws-*"]\n',
    });
    writeFileSync(join(dir, '.prodguard.yml'), 'extends: ["@acme/prodguard-policy"]\n');
    mkdirSync(join(dir, 'sub'));
    const result = runCli(['check', '--json', '-c', 'deploy now'], { cwd: join(dir, 'sub') });
    const body = JSON.parse(result.stdout);
    expect(body.findings[0]).toMatchObject({ rule: 'team/no-deploy', severity: 'block', environment: 'production' });
    expect(body.config.files).toContain(join(pack, 'prodguard.yml'));
    const rules = runCli(['rules'], { cwd: dir });
    expect(rules.stdout).toMatch(/team\/no-deploy .*\(from .*node_modules\/@acme\/prodguard-policy\/rules\/team\/no-deploy\.yaml\)/);
  });

  it('a missing pack is one ignored line naming it and how to install it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.prodguard.yml'), 'extends: ["@acme/nowhere"]\n');
    const result = runCli(['check', '-c', 'rm -rf /'], { cwd: dir });
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('cannot find the package "@acme/nowhere"');
  });

  it('an untrusted repository cannot loosen through a pack or a local file it extends', () => {
    const dir = tempDir();
    packAt(dir, 'loose-pack', { 'prodguard.yml': 'rules:\n  filesystem/rm-root: off\nenvironments:\n  local:\n    hosts: ["*"]\n' });
    writeFileSync(join(dir, 'team.yml'), 'rules:\n  filesystem/rm-data-directory: off\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'extends: [loose-pack, ./team.yml]\n');
    const env = cleanEnv();
    expect(runCli(['check', '-c', 'rm -rf /'], { cwd: dir, env }).status).toBe(4);
    expect(runCli(['check', '-c', 'ssh db1-prod rm -rf /var/lib/postgresql/15/main/pg_wal'], { cwd: dir, env }).status).toBe(4);
  });

  it('the system policy requires a pack for everyone', () => {
    const env = cleanEnv();
    packAt(env.HOME!, '@acme/prodguard-policy', { 'rules/team/no-deploy.yaml': RULE });
    writeFileSync(join(env.HOME!, 'policy.yml'), 'extends: ["@acme/prodguard-policy"]\n');
    const result = runCli(['check', '--json', '-c', 'deploy now'], { env: { ...env, PRODGUARD_POLICY: join(env.HOME!, 'policy.yml') } });
    expect(JSON.parse(result.stdout).findings[0].rule).toBe('team/no-deploy');
  });
});

describe('prodguard test-rules', () => {
  it("runs a pack's examples: exit 0 when they behave, 1 naming the example that does not", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rules', 'team'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'team', 'no-deploy.yaml'), RULE);
    const good = runCli(['test-rules', dir]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('1 rules, 2 examples, 0 failing');
    writeFileSync(join(dir, 'rules', 'team', 'no-deploy.yaml'), RULE.replace('pass: [ls]', 'pass: [ls, deploy later]'));
    const bad = runCli(['test-rules', dir]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('FAIL team/no-deploy: pass example "deploy later"');
  });

  it('runs the examples of rules whose logic is code by linting their files, as the rule test does', () => {
    const good = runCli(['test-rules', BUILTIN_RULES_DIR]);
    expect(good.stdout).toMatch(/^\d+ rules, \d+ examples, 0 failing/m);
    expect(good.stdout).not.toContain('FAIL');
    expect(good.status).toBe(0);
    // A code rule's example that no longer flags is a failure naming its file.
    const dir = tempDir();
    cpSync(BUILTIN_RULES_DIR, join(dir, 'rules'), { recursive: true });
    const file = join(dir, 'rules', 'dotenv', 'escape-hatch.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('text: "DISABLE_DATABASE_ENVIRONMENT_CHECK=1\\n"', 'text: "RAILS_ENV=test\\n"'));
    const bad = runCli(['test-rules', dir]);
    expect(bad.stdout).toContain('FAIL dotenv/escape-hatch: flag example ".env.test: "RAILS_ENV=test\\n"": should flag, but nothing was found');
    expect(bad.stdout).toMatch(/, 1 failing/);
    expect(bad.status).toBe(1);
  });
});
