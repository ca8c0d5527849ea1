// Pure parts of the shell integration: alias expansion, the prompt segment, stale shells, the
// warm checker's framing, and what coding agents are told.
import { describe, expect, it } from 'vitest';
import { dataDirectoryFinding } from '../helpers/findings.js';
import { expandAliases } from '../../src/shell/aliases.js';
import { formatAge, isStale, promptSegment, sanitizePromptText, segmentAssignments, shortName } from '../../src/shell/segment.js';
import { formatResponse, takeRequests } from '../../src/shell/protocol.js';
import { claudeHookOutput, HookInputError, parseClaudeEvent, parseGenericRequest } from '../../src/shell/agent.js';
import { sourceFor } from '../../src/commands/hook-check.js';
import type { ClassifiedTarget } from '../../src/types.js';

describe('aliases', () => {
  const aliases = new Map([
    ['ll', 'ls -la'],
    ['ls', 'ls -F'],
    ['nuke', 'rm -rf /var/lib/postgresql'],
  ]);
  it('expands every command position the way the shell would, once per alias', () => {
    expect(expandAliases('ll; nuke', aliases)).toBe('ls -F -la; rm -rf /var/lib/postgresql');
    expect(expandAliases('x=1 nuke && echo nuke', aliases)).toBe('x=1 rm -rf /var/lib/postgresql && echo nuke');
    expect(expandAliases('if true; then nuke; fi', aliases)).toBe('if true; then rm -rf /var/lib/postgresql; fi');
    expect(expandAliases('echo $(nuke x)', aliases)).toBe('echo $(rm -rf /var/lib/postgresql x)');
    expect(expandAliases('ls', aliases)).toBe('ls -F');
  });
  it('leaves quoted or escaped names alone (the shell does too)', () => {
    expect(expandAliases('"nuke"', aliases)).toBe('"nuke"');
    expect(expandAliases('\\nuke', aliases)).toBe('\\nuke');
  });
  it('sends function definitions ahead of the line, and expands fish abbreviations', () => {
    expect(sourceFor({ shell: 'bash', line: 'wipe', definitions: ['function:wipe () \n{ \n    rm -rf /data\n}'] }).source).toBe(
      'wipe () \n{ \n    rm -rf /data\n}\nwipe',
    );
    expect(sourceFor({ shell: 'zsh', line: 'nuke x', definitions: ['alias:nuke=rm -rf'] }).source).toBe('rm -rf x');
    expect(sourceFor({ shell: 'fish', line: 'nuke (pwd)', definitions: ['alias:nuke=rm -rf'] }).source).toBe('rm -rf "$(pwd)"');
  });
});

function target(environment: ClassifiedTarget['environment'], extra: Partial<ClassifiedTarget> = {}): ClassifiedTarget {
  return { kind: 'host', source: 'hostname', name: 'db1.cluster.gitlab.com', environment, evidence: [], ...extra };
}

describe('prompt segment', () => {
  it('shows the most dangerous environment and its target', () => {
    expect(promptSegment([target('local')], { color: true, unicode: true }).label).toBe('');
    const prod = promptSegment([target('production'), target('staging', { name: 'stg' })], { color: true, unicode: true });
    expect(prod).toMatchObject({ level: 'prod', label: 'PROD', name: 'db1.cluster…', color: '1;31', names: ['db1.cluster.gitlab.com'] });
    const database = target('unknown-remote', { kind: 'database', source: 'DATABASE_URL', name: 'core', host: '10.20.0.5', database: 'core' });
    expect(promptSegment([database], { color: false, unicode: false })).toMatchObject({ label: 'REMOTE?', name: '10.20.0.5/core', color: '', names: ['core'] });
    const two = promptSegment([target('production'), target('production', { kind: 'kube', name: 'prod-eu' })], { color: true, unicode: false });
    expect(two.name).toBe('db1.cluster.. +1');
  });
  it('keeps prompt code out of names, and quotes what it hands the shell', () => {
    expect(sanitizePromptText('db$(reboot)`x`%F')).toBe('db??reboot??x??F');
    expect(shortName('a-very-long-database-name-indeed', false)).toBe('a-very-long-database-n..');
    const segment = promptSegment([target('production', { name: "it's" })], { color: false, unicode: false });
    expect(segmentAssignments(segment, 'bash')).toContain("__prodguard_name='it?s'");
    expect(segmentAssignments({ ...segment, identity: "a'b\\c" }, 'fish')).toContain("set -g __prodguard_ident 'a\\'b\\\\c'");
  });
  it('tells the age, and when a production shell is stale', () => {
    expect([formatAge(30), formatAge(600), formatAge(5 * 3600), formatAge(3 * 86400)]).toEqual(['30s', '10m', '5h', '3d']);
    expect(isStale(1000, 1000 + 12 * 3600, 12)).toBe(true);
    expect(isStale(1000, 1000 + 12 * 3600 - 1, 12)).toBe(false);
    expect(isStale(undefined, 5, 0)).toBe(false);
    expect(isStale(5, 5, 0)).toBe(true);
  });
});

describe('warm checker framing', () => {
  it('splits requests, keeps partial ones for later, and reads the environment', () => {
    const request = ['prodguard-1', '7-1', 'bash', '/srv', '1700000000', 'rm -rf x', '1', 'alias:ll=ls -la', 'HOME=/root', 'A=b=c', '\x04', ''].join('\0');
    const { requests, rest } = takeRequests(`${request}prodguard-1\0 8-2`);
    expect(rest).toBe('prodguard-1\0 8-2');
    expect(requests).toEqual([
      { id: '7-1', shell: 'bash', cwd: '/srv', since: 1700000000, line: 'rm -rf x', definitions: ['alias:ll=ls -la'], env: { HOME: '/root', A: 'b=c' } },
    ]);
    expect(takeRequests(['prodguard-1', '9', 'tcsh', '/', '', 'x', '0', '\x04', ''].join('\0')).requests[0]).toEqual({ error: 'malformed request', id: '9' });
    expect(formatResponse('7-1', 'refuse', 'no\x04')).toBe('7-1\nrefuse\nno\x04');
  });
});

const finding = dataDirectoryFinding;

describe('coding agents', () => {
  it('reads a Claude Code PreToolUse event and refuses malformed ones', () => {
    expect(parseClaudeEvent('{"session_id":"s","cwd":"/srv","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}')).toEqual({
      toolName: 'Bash',
      eventName: 'PreToolUse',
      cwd: '/srv',
      command: 'ls',
    });
    expect(parseClaudeEvent('{"tool_name":"Read","tool_input":{"file_path":"/x"}}')).toEqual({ toolName: 'Read' });
    for (const bad of [
      '',
      'nope',
      '[]',
      '{}',
      '{"tool_name":"Bash"}',
      '{"tool_name":"Bash","tool_input":{"command":3}}',
      '{"tool_name":"Bash","cwd":1,"tool_input":{"command":"ls"}}',
    ]) {
      expect(() => parseClaudeEvent(bad), bad).toThrow(HookInputError);
    }
    expect(parseGenericRequest('{"command":"ls","cwd":"/","env":{"A":"1"}}')).toEqual({ command: 'ls', cwd: '/', env: { A: '1' } });
    expect(() => parseGenericRequest('{"command":""}')).toThrow(HookInputError);
    expect(() => parseGenericRequest('{"command":"ls","env":{"A":1}}')).toThrow(HookInputError);
  });

  it('maps block to deny with rule, incident and fix; confirm to ask; warn and allow to no decision', () => {
    const deny = claudeHookOutput({ verdict: 'block', findings: [finding('block')] }) as { hookSpecificOutput: Record<string, string> };
    expect(deny.hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    expect(deny.hookSpecificOutput.permissionDecisionReason).toContain('[filesystem/rm-data-directory]');
    expect(deny.hookSpecificOutput.permissionDecisionReason).toContain('incident gitlab-2017');
    expect(deny.hookSpecificOutput.permissionDecisionReason).toContain('fix: move the directory aside');
    const ask = claudeHookOutput({ verdict: 'confirm', findings: [finding('confirm')] }) as { hookSpecificOutput: Record<string, string> };
    expect(ask.hookSpecificOutput).toMatchObject({ permissionDecision: 'ask' });
    expect(ask.hookSpecificOutput.permissionDecisionReason).toContain('this touches db1');
    expect(claudeHookOutput({ verdict: 'warn', findings: [finding('warn')] })).toEqual({ systemMessage: expect.stringContaining('prodguard warning') });
    expect(claudeHookOutput({ verdict: 'allow', findings: [] })).toEqual({});
    expect(claudeHookOutput({ verdict: 'confirm', findings: [], undecidable: 'cannot parse' })).toMatchObject({
      hookSpecificOutput: { permissionDecision: 'ask' },
    });
  });
});

describe('the override hint after a refusal', () => {
  it('suggests the line bash -c can run: an alias expanded, not the alias name', async () => {
    const { evaluateLine, blockedText } = await import('../../src/commands/hook-check.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const home = mkdtempSync(`${tmpdir()}/prodguard-hint-`);
    const result = await evaluateLine({
      shell: 'bash',
      line: 'nuke /usr',
      definitions: ['alias:nuke=rm -rf'],
      cwd: home,
      env: { HOME: home, PRODGUARD_STATE_DIR: `${home}/state` },
    });
    expect(result.kind).toBe('judged');
    if (result.kind !== 'judged') return;
    expect(result.judgement.verdict).toBe('block');
    const hint = blockedText(result.judgement, result.source);
    expect(hint).toContain("-c 'rm -rf /usr'");
    expect(hint).not.toContain('nuke');
  });
});
