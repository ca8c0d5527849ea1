// Coding agents other than Claude Code, in their documented hook formats, and `prodguard
// install/uninstall AGENT` writing the hook into each agent's settings file.
//   Gemini CLI: BeforeTool hook in settings.json; input {tool_name, tool_input, cwd,
//     hook_event_name}; output {decision: "deny", reason} (docs/hooks/reference.md).
//   Cursor: beforeShellExecution hook in hooks.json; input {command, cwd, hook_event_name, …};
//     output {permission: allow|deny|ask, user_message, agent_message}.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const geminiEvent = (command: string, tool = 'run_shell_command') =>
  JSON.stringify({
    session_id: 's1',
    transcript_path: '/tmp/t.json',
    cwd: '/tmp',
    hook_event_name: 'BeforeTool',
    timestamp: '2026-11-28T20:00:00Z',
    tool_name: tool,
    tool_input: { command },
  });
const cursorEvent = (command: string) =>
  JSON.stringify({ hook_event_name: 'beforeShellExecution', conversation_id: 'c1', generation_id: 'g1', workspace_roots: ['/tmp'], command, cwd: '/tmp' });

describe('prodguard hook gemini (BeforeTool)', () => {
  it('denies rm -rf / with a reason naming the rule', () => {
    const result = runCli(['hook', 'gemini'], { input: geminiEvent('rm -rf /') });
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { decision: string; reason: string };
    expect(output.decision).toBe('deny');
    expect(output.reason).toMatch(/filesystem\/rm-root/);
  });

  it('lets a harmless command and other tools through with {}', () => {
    expect(JSON.parse(runCli(['hook', 'gemini'], { input: geminiEvent('ls -la') }).stdout)).toEqual({});
    expect(JSON.parse(runCli(['hook', 'gemini'], { input: geminiEvent('', 'read_file') }).stdout)).toEqual({});
  });

  it('fails closed with exit 2 (Gemini: block, stderr is the reason) on malformed input', () => {
    const result = runCli(['hook', 'gemini'], { input: '{"tool_name": "run_shell_command"}' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/tool_input/);
  });
});

describe('prodguard hook cursor (beforeShellExecution)', () => {
  it('denies rm -rf / for the user and the agent', () => {
    const output = JSON.parse(runCli(['hook', 'cursor'], { input: cursorEvent('rm -rf /') }).stdout) as Record<string, string>;
    expect(output.permission).toBe('deny');
    expect(output.user_message).toMatch(/filesystem\/rm-root/);
    expect(output.agent_message).toMatch(/filesystem\/rm-root/);
  });

  it('allows a harmless command', () => {
    expect(JSON.parse(runCli(['hook', 'cursor'], { input: cursorEvent('git status') }).stdout)).toEqual({ permission: 'allow' });
  });
});

describe('prodguard install / uninstall AGENT', () => {
  it('writes the Claude Code PreToolUse hook once, keeps the rest of the file, and removes only its own entry', () => {
    const home = tempDir();
    const env = cleanEnv({}, home);
    const file = join(home, '.claude', 'settings.json');
    mkdirSync(join(home, '.claude'));
    const other = { matcher: 'Write', hooks: [{ type: 'command', command: 'my-formatter' }] };
    writeFileSync(file, JSON.stringify({ model: 'opus', hooks: { PreToolUse: [other] } }));
    expect(runCli(['install', 'claude-code'], { env }).stdout).toMatch(/installed the claude-code hook/);
    expect(runCli(['install', 'claude-code'], { env }).status).toBe(0);
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { model: string; hooks: { PreToolUse: unknown[] } };
    expect(settings.model).toBe('opus');
    expect(settings.hooks.PreToolUse).toEqual([
      other,
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'prodguard hook claude-code', timeout: 30, onFailure: 'block' }] },
    ]);
    expect(runCli(['uninstall', 'claude-code'], { env }).stdout).toMatch(/removed/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'opus', hooks: { PreToolUse: [other] } });
  });

  it('upgrades a Claude Code entry written without a timeout to one that times out after 30 s and blocks on failure', () => {
    const home = tempDir();
    const env = cleanEnv({}, home);
    const file = join(home, '.claude', 'settings.json');
    mkdirSync(join(home, '.claude'));
    const old = { matcher: 'Bash', hooks: [{ type: 'command', command: 'prodguard hook claude-code' }] };
    writeFileSync(file, JSON.stringify({ hooks: { PreToolUse: [old] } }));
    expect(runCli(['install', 'claude-code'], { env }).stdout).toMatch(/already in .*up to date/);
    const [entry, ...rest] = (JSON.parse(readFileSync(file, 'utf8')) as { hooks: { PreToolUse: { hooks: Record<string, unknown>[] }[] } }).hooks.PreToolUse;
    expect(rest).toEqual([]);
    // Claude Code's command hook fields: timeout in seconds (default 600), onFailure "block".
    expect(entry!.hooks).toEqual([{ type: 'command', command: 'prodguard hook claude-code', timeout: 30, onFailure: 'block' }]);
  });

  it('writes project settings with --project for Gemini CLI and Cursor in their own shapes', () => {
    const project = tempDir();
    const env = cleanEnv();
    expect(runCli(['install', 'gemini', '--project'], { env, cwd: project }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.gemini', 'settings.json'), 'utf8'))).toEqual({
      hooks: { BeforeTool: [{ matcher: 'run_shell_command', hooks: [{ type: 'command', command: 'prodguard hook gemini', name: 'prodguard' }] }] },
    });
    expect(runCli(['install', 'cursor', '--project'], { env, cwd: project }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.cursor', 'hooks.json'), 'utf8'))).toEqual({
      version: 1,
      hooks: { beforeShellExecution: [{ command: 'prodguard hook cursor' }] },
    });
    expect(runCli(['uninstall', 'cursor', '--project'], { env, cwd: project }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.cursor', 'hooks.json'), 'utf8'))).toEqual({ version: 1, hooks: {} });
  });

  it('refuses to touch a settings file it cannot read, in one line', () => {
    const home = tempDir();
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude', 'settings.json'), '{ not json');
    const result = runCli(['install', 'claude-code'], { env: cleanEnv({}, home) });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/settings\.json is not valid JSON/);
    expect(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')).toBe('{ not json');
    expect(existsSync(join(home, '.claude', 'settings.json.tmp'))).toBe(false);
  });

  it('names the agents it knows when given another', () => {
    const result = runCli(['install', 'vim']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/claude-code, gemini, cursor/);
  });
});
