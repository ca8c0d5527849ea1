// The built binary as agents and shells call it: `hook claude-code` and `hook json` with stdin,
// `init` printing code each shell accepts, `prompt --format` for the snippet's cache.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { shellMissing } from './helpers.js';

function event(command: unknown, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ session_id: 'abc', cwd: '/tmp', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, ...extra });
}

describe('prodguard hook claude-code', () => {
  it('denies a blocked command, naming the rule, the incident and the fix', () => {
    const result = runCli(['hook', 'claude-code'], { input: event('rm -rf /') });
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    expect(output.hookSpecificOutput.permissionDecisionReason).toMatch(/\[filesystem\/rm-root\].*incident general; fix: /);
  });

  it('asks the person when prodguard would ask for the target name', () => {
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.cluster.gitlab.com' });
    const result = runCli(['hook', 'claude-code'], { input: event('sudo -u postgres rm -rf /var/lib/postgresql/15/main'), env });
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.hookSpecificOutput).toMatchObject({ permissionDecision: 'ask' });
    expect(output.hookSpecificOutput.permissionDecisionReason).toContain('db1.cluster.gitlab.com');
  });

  it('judges in the cwd of the event (its .prodguard.yml, its .env)', () => {
    const project = tempDir();
    writeFileSync(join(project, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["db1.*"]\n');
    const env = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.cluster.gitlab.com' });
    // The line's verdict depends on the project's config alone: `dropdb app` on a host that only
    // the config names as production. (A data directory's removal is judged by its state on this
    // machine's disk since issue 9 — a stopped cluster asks, a running primary denies — so it no
    // longer shows the config's effect by itself.)
    const result = runCli(['hook', 'claude-code'], { input: event('dropdb app', { cwd: project }), env });
    expect(JSON.parse(result.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    const elsewhere = runCli(['hook', 'claude-code'], { input: event('dropdb app', { cwd: tempDir() }), env });
    expect(JSON.parse(elsewhere.stdout).hookSpecificOutput?.permissionDecision).not.toBe('deny');
    const directory = runCli(['hook', 'claude-code'], { input: event('rm -rf /var/lib/postgresql/15/main', { cwd: project }), env });
    expect(['ask', 'deny']).toContain(JSON.parse(directory.stdout).hookSpecificOutput.permissionDecision);
  });

  it('leaves harmless commands and other tools to Claude Code', () => {
    expect(runCli(['hook', 'claude-code'], { input: event('ls -la') })).toMatchObject({ status: 0, stdout: '{}\n' });
    const read = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/etc/passwd' } });
    expect(runCli(['hook', 'claude-code'], { input: read })).toMatchObject({ status: 0, stdout: '{}\n' });
  });

  it('fails closed on malformed input: exit 2 and one line on stderr (a block in Claude Code)', () => {
    for (const input of ['not json', '{"tool_name":"Bash","tool_input":{}}', '']) {
      const result = runCli(['hook', 'claude-code'], { input });
      expect(result.status, input).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('fail closed');
    }
  });

  it('never prints a password', () => {
    const env = cleanEnv({ DATABASE_URL: 'postgres://app:hunter2@db.prod.example.com/app' });
    const result = runCli(['hook', 'claude-code', '--no-probe'], { input: event('bundle exec rspec'), env });
    expect(JSON.parse(result.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    expect(result.stdout).not.toContain('hunter2');
  });
});

describe('prodguard hook json', () => {
  it('answers like check --json, with the verdict as exit code', () => {
    const result = runCli(['hook', 'json'], { input: JSON.stringify({ command: 'rm -rf /', cwd: '/tmp' }) });
    expect(result.status).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'block', findings: [{ rule: 'filesystem/rm-root', severity: 'block' }] });
    const harmless = runCli(['hook', 'json'], { input: JSON.stringify({ command: 'ls' }) });
    expect(harmless.status).toBe(0);
    expect(JSON.parse(harmless.stdout)).toMatchObject({ verdict: 'allow', findings: [] });
    const withEnv = runCli(['hook', 'json', '--no-probe'], {
      input: JSON.stringify({ command: 'bundle exec rspec', env: { DATABASE_URL: 'postgres://db.prod.example.com/app' } }),
    });
    expect(JSON.parse(withEnv.stdout).verdict).toBe('block');
    expect(runCli(['hook', 'json'], { input: '{"cmd":"ls"}' }).status).toBe(2);
  });
});

describe('prodguard init and prompt', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`init ${shell} prints code ${shell} accepts`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot check the ${shell} snippet: ${missing}`);
      expect(missing).toBeUndefined();
      const result = runCli(['init', shell]);
      expect(result.status, result.stderr).toBe(0);
      const file = join(tempDir(), `snippet.${shell}`);
      writeFileSync(file, result.stdout);
      const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      expect(result.stdout).not.toContain('Every line is checked');
    });
  }

  it('init refuses other shells with one line', () => {
    const result = runCli(['init', 'tcsh']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prompt shows production, unexplained remote targets and nothing for local work', () => {
    const prod = runCli(['prompt'], { env: cleanEnv({ DATABASE_URL: 'postgres://app:hunter2@db.prod.example.com/app' }) });
    expect(prod).toMatchObject({ status: 0, stdout: 'PROD db.prod../app\n' });
    const remote = runCli(['prompt', '--format', 'bash'], { env: cleanEnv({ DATABASE_URL: 'postgres://10.20.0.5/core', LANG: 'en_US.UTF-8' }) });
    expect(remote.stdout).toContain("__prodguard_label='REMOTE?'");
    expect(remote.stdout).toContain("__prodguard_name='10.20.0.5/core'");
    expect(remote.stdout).toContain("__prodguard_color=''");
    const local = runCli(['prompt'], { env: cleanEnv({ DATABASE_URL: 'postgres://localhost/app_dev' }) });
    expect(local).toMatchObject({ status: 0, stdout: '' });
    const host = tempDir();
    mkdirSync(join(host, 'p'));
    writeFileSync(join(host, 'p', '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["ws-*"]\n');
    const configured = runCli(['prompt', '--format', 'fish'], { cwd: join(host, 'p') });
    expect(configured.stdout).toContain("set -g __prodguard_label 'PROD'");
  });
});
