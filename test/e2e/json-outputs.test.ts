// JSON outputs as programs read them: `explain RULE --json` carries everything the text shows
// (with every example and where it is judged), and the JSON outputs whose shape DESIGN.md leaves
// open carry `schemaVersion`. `lint --format json` keeps the exact shape DESIGN.md fixes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const json = (args: string[], options: Parameters<typeof runCli>[1] = {}) => {
  const result = runCli(args, options);
  return { ...result, body: JSON.parse(result.stdout) as Record<string, unknown> };
};

describe('prodguard explain RULE --json', () => {
  it('prints the rule: match, severity in effect, why, fix, incident, every example with its environment, and its page', () => {
    const { status, body } = json(['explain', 'database/dropdb', '--json']);
    expect(status).toBe(0);
    expect(body).toMatchObject({
      schemaVersion: 1,
      id: 'database/dropdb',
      incident: 'gitlab-2017',
      logic: 'match',
      match: expect.objectContaining({ commands: expect.arrayContaining(['dropdb']) }),
      severity: expect.objectContaining({ production: 'block' }),
      defaultSeverity: expect.objectContaining({ production: 'block' }),
      from: 'built-in',
      doc: 'docs/rules/database/dropdb.md',
    });
    expect(body.why).toEqual(expect.any(String));
    expect(body.fix).toEqual(expect.any(String));
    const examples = body.examples as { flag: Record<string, unknown>[]; pass: Record<string, unknown>[] };
    // The text form shows four of each; JSON has them all, each with where it is judged.
    expect(examples.flag.length).toBeGreaterThan(4);
    expect(examples.flag).toContainEqual(expect.objectContaining({ line: 'sudo -u postgres dropdb app', hostname: 'db-prod-1', severity: 'block' }));
    expect(examples.pass.length).toBeGreaterThan(0);
  });

  it('redacts the passwords in example lines, like every output', () => {
    const { stdout } = json(['explain', 'database/dropdb', '--json']);
    expect(stdout).toContain('pg.staging.example.com');
    expect(stdout).not.toMatch(/admin:pw@/);
  });

  it('shows a rule turned off by the config as "off"', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'off.yml'), 'rules:\n  filesystem/rm-root: off\n');
    const { body } = json(['explain', 'filesystem/rm-root', '--json', '--config', join(dir, 'off.yml')], { env: cleanEnv() });
    expect(body.severity).toBe('off');
    expect(body.defaultSeverity).toEqual({ default: 'block' });
  });

  it('an unknown rule is a JSON error (exit 2)', () => {
    const { status, body } = json(['explain', 'no/such-rule', '--json']);
    expect(status).toBe(2);
    expect(body).toEqual({ schemaVersion: 1, error: expect.objectContaining({ code: 'usage', message: expect.stringContaining('no rule "no/such-rule"') }) });
  });
});

describe('schemaVersion', () => {
  it('check --json, hook json, rules --json and status --json carry schemaVersion 1', () => {
    expect(json(['check', '--json', '--no-probe', '-c', 'ls']).body.schemaVersion).toBe(1);
    expect(json(['hook', 'json'], { input: JSON.stringify({ command: 'rm -rf /' }) }).body).toMatchObject({ schemaVersion: 1, verdict: 'block' });
    expect(json(['rules', '--json']).body.schemaVersion).toBe(1);
    expect(json(['status', '--json']).body.schemaVersion).toBe(1);
  });

  it('lint --format json keeps the shape DESIGN.md fixes: {"findings": […]} and nothing added', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'deploy.sh'), 'rm -rf /\n');
    const { body } = json(['lint', '--format', 'json'], { cwd });
    expect(Object.keys(body)).toEqual(['findings']);
  });
});
