// The one-shot fast path through the built binary: a harmless line is answered as the full path
// answers it, and every config layer that could add a rule (repository, user, system policy) sends
// the line to the full path, whose rules then judge it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { ALLOW_TEXT } from '../../src/fast-path/answer.js';
import { renderCheckText } from '../../src/report/check-text.js';
import { claudeHookOutput } from '../../src/shell/agent.js';
import { plainRedactor } from '../../src/util/redact.js';

const plain = { bold: (text: string) => text, dim: (text: string) => text, severity: (_severity: unknown, text: string) => text };

/** A rule folder with one rule for `deploy`, a word no built-in rule starts from. */
function ruleFolder(dir: string): string {
  const folder = join(dir, 'my-rules');
  mkdirSync(join(folder, 'team'), { recursive: true });
  writeFileSync(
    join(folder, 'team', 'no-deploy.yaml'),
    'title: Deploy on Friday\nincident: general\nseverity: { default: warn }\nmatch: { commands: [deploy], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [deploy], pass: [ls] }\n',
  );
  return folder;
}

function event(command: string, cwd?: string): string {
  return JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, ...(cwd ? { cwd } : {}) });
}

describe('the one-shot fast path', () => {
  it('prints what the full path prints for a line no rule matches', () => {
    expect(
      renderCheckText(
        { verdict: 'allow', findings: [], targets: [], overridden: [], notes: [], warnings: [], config: { files: [], ignored: [] }, redactor: plainRedactor },
        plain,
      ),
    ).toBe(ALLOW_TEXT);
    expect(claudeHookOutput({ verdict: 'allow', findings: [] })).toEqual({});
    const result = runCli(['check', '-c', 'ls -la | grep src']);
    expect(result).toEqual({ status: 0, stdout: ALLOW_TEXT, stderr: '' });
    const hook = runCli(['hook', 'claude-code'], { input: event('git status && npm ci') });
    expect(hook).toEqual({ status: 0, stdout: '{}\n', stderr: '' });
  });

  it('leaves a line that does not parse, and malformed hook input, to the full path', () => {
    const result = runCli(['check', '-c', "ls 'unfinished"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unterminated single quote');
    const hook = runCli(['hook', 'claude-code'], { input: '{"tool_name": "Bash"' });
    expect(hook.status).toBe(2);
    expect(hook.stderr).toContain('stdin is not JSON');
  });

  it('honours a rule from a repository config, found upward from the working directory or the event’s cwd', () => {
    const dir = tempDir();
    ruleFolder(dir);
    writeFileSync(join(dir, '.prodguard.yml'), 'rule-directories: [my-rules]\n');
    const inside = join(dir, 'src', 'deep');
    mkdirSync(inside, { recursive: true });
    expect(runCli(['check', '-c', 'deploy now']).stdout).toBe(ALLOW_TEXT);
    const result = runCli(['check', '-c', 'deploy now'], { cwd: inside });
    expect(result.stdout).toContain('team/no-deploy');
    const hook = runCli(['hook', 'claude-code'], { input: event('deploy now', inside) });
    expect(JSON.parse(hook.stdout)).toMatchObject({ systemMessage: expect.stringContaining('team/no-deploy') });
  });

  it('honours a rule from the user config and from the system policy', () => {
    const dir = tempDir();
    const folder = ruleFolder(dir);
    const configHome = join(dir, 'config');
    mkdirSync(join(configHome, 'prodguard'), { recursive: true });
    writeFileSync(join(configHome, 'prodguard', 'config.yml'), `rule-directories: [${JSON.stringify(folder)}]\n`);
    expect(runCli(['check', '-c', 'deploy now'], { env: cleanEnv({ XDG_CONFIG_HOME: configHome }) }).stdout).toContain('team/no-deploy');
    const policy = join(dir, 'policy.yml');
    writeFileSync(policy, `rule-directories: [${JSON.stringify(folder)}]\n`);
    expect(runCli(['check', '-c', 'deploy now'], { env: cleanEnv({ PRODGUARD_POLICY: policy }) }).stdout).toContain('team/no-deploy');
  });
});
