// Each coding agent's documented hook shapes: the events prodguard reads and the answers it gives
// for every verdict (Gemini CLI cannot ask, so a confirmation becomes a deny that says why).
import { describe, expect, it } from 'vitest';
import { dataDirectoryFinding } from '../helpers/findings.js';
import { agentHookOutput, HookInputError, parseAgentEvent } from '../../src/shell/agent.js';

const finding = dataDirectoryFinding;

describe('Gemini CLI BeforeTool', () => {
  it('reads run_shell_command events and ignores other tools and events', () => {
    expect(parseAgentEvent('gemini', '{"hook_event_name":"BeforeTool","cwd":"/srv","tool_name":"run_shell_command","tool_input":{"command":"ls"}}')).toEqual({
      cwd: '/srv',
      command: 'ls',
    });
    expect(parseAgentEvent('gemini', '{"hook_event_name":"BeforeTool","tool_name":"read_file","tool_input":{"absolute_path":"/x"}}')).toEqual({});
    expect(parseAgentEvent('gemini', '{"hook_event_name":"AfterTool","tool_name":"run_shell_command","tool_input":{"command":"rm -rf /"}}')).toEqual({});
    for (const bad of ['', '[]', '{}', '{"tool_name":"run_shell_command"}', '{"tool_name":"run_shell_command","tool_input":{"command":1}}']) {
      expect(() => parseAgentEvent('gemini', bad), bad).toThrow(HookInputError);
    }
  });

  it('answers deny with a reason for block and confirm, a system message for warn, {} for allow', () => {
    expect(agentHookOutput('gemini', { verdict: 'block', findings: [finding('block')] })).toEqual({
      decision: 'deny',
      reason: expect.stringContaining('filesystem/rm-data-directory'),
    });
    expect(agentHookOutput('gemini', { verdict: 'confirm', findings: [finding('confirm')] })).toEqual({
      decision: 'deny',
      reason: expect.stringMatching(/db1.*cannot ask the person/s),
    });
    expect(agentHookOutput('gemini', { verdict: 'warn', findings: [finding('warn')] })).toEqual({
      systemMessage: expect.stringContaining('prodguard warning'),
    });
    expect(agentHookOutput('gemini', { verdict: 'allow', findings: [] })).toEqual({});
  });
});

describe('Cursor beforeShellExecution', () => {
  it('reads the command and cwd', () => {
    expect(
      parseAgentEvent(
        'cursor',
        '{"hook_event_name":"beforeShellExecution","conversation_id":"c","generation_id":"g","workspace_roots":["/srv"],"command":"ls","cwd":"/srv"}',
      ),
    ).toEqual({ cwd: '/srv', command: 'ls' });
    expect(() => parseAgentEvent('cursor', '{"hook_event_name":"beforeShellExecution"}')).toThrow(HookInputError);
  });

  it('answers permission deny, ask, allow with messages for the user and the agent', () => {
    expect(agentHookOutput('cursor', { verdict: 'block', findings: [finding('block')] })).toMatchObject({
      permission: 'deny',
      user_message: expect.stringContaining('gitlab-2017'),
    });
    expect(agentHookOutput('cursor', { verdict: 'confirm', findings: [finding('confirm')] })).toMatchObject({
      permission: 'ask',
      agent_message: expect.stringContaining('db1'),
    });
    expect(agentHookOutput('cursor', { verdict: 'warn', findings: [finding('warn')] })).toMatchObject({
      permission: 'allow',
      user_message: expect.stringContaining('prodguard warning'),
    });
    expect(agentHookOutput('cursor', { verdict: 'allow', findings: [] })).toEqual({ permission: 'allow' });
    expect(agentHookOutput('cursor', { verdict: 'confirm', findings: [], undecidable: 'unterminated quote' })).toMatchObject({ permission: 'ask' });
  });
});
