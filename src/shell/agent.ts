// Coding agents (issue 4): a PreToolUse hook answers before the agent runs a shell command. An
// agent cannot type a target's name, so confirm becomes "ask the person" and block becomes
// "deny, with the reason" — the reason names the rule, the incident and the fix, because the
// agent reads it and should change course. Pure: parsed input and a verdict in, the JSON out.

import type { Finding, Severity } from '../types.js';

export class HookInputError extends Error {}

export interface ClaudeEvent {
  toolName: string;
  command?: string;
  cwd?: string;
  eventName?: string;
}

/** Read a Claude Code hook event. Malformed input throws HookInputError (the caller fails closed). */
export function parseClaudeEvent(text: string): ClaudeEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`stdin is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(raw)) throw new HookInputError('stdin must be a JSON object (a Claude Code hook event)');
  const toolName = raw.tool_name;
  if (typeof toolName !== 'string' || toolName === '') throw new HookInputError('the event has no "tool_name"');
  const eventName = raw.hook_event_name;
  if (eventName !== undefined && typeof eventName !== 'string') throw new HookInputError('"hook_event_name" must be a string');
  const cwd = raw.cwd;
  if (cwd !== undefined && typeof cwd !== 'string') throw new HookInputError('"cwd" must be a string');
  const event: ClaudeEvent = { toolName, ...(eventName ? { eventName } : {}), ...(cwd ? { cwd } : {}) };
  if (toolName !== 'Bash') return event;
  const input = raw.tool_input;
  if (!isObject(input) || typeof input.command !== 'string') throw new HookInputError('a Bash event needs "tool_input": {"command": "…"}');
  return { ...event, command: input.command };
}

export interface GenericRequest {
  command: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** `prodguard hook json`: {"command", "cwd"?, "env"?}. */
export function parseGenericRequest(text: string): GenericRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`stdin is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(raw) || typeof raw.command !== 'string') throw new HookInputError('stdin must be {"command": "…", "cwd": "…"}');
  if (raw.command.trim() === '') throw new HookInputError('"command" is empty');
  if (raw.cwd !== undefined && typeof raw.cwd !== 'string') throw new HookInputError('"cwd" must be a string');
  let env: Record<string, string> | undefined;
  if (raw.env !== undefined) {
    if (!isObject(raw.env) || Object.values(raw.env).some((value) => typeof value !== 'string')) throw new HookInputError('"env" must map names to strings');
    env = raw.env as Record<string, string>;
  }
  return { command: raw.command, ...(raw.cwd ? { cwd: raw.cwd } : {}), ...(env ? { env } : {}) };
}

export interface AgentVerdict {
  verdict: Severity;
  findings: readonly Finding[];
  /** The line could not be parsed: nobody can say what it would touch. */
  undecidable?: string;
}

/** What a Claude Code PreToolUse hook prints. `{}` leaves the decision to Claude Code's own rules. */
export function claudeHookOutput(result: AgentVerdict): Record<string, unknown> {
  if (result.undecidable) {
    return decision('ask', `prodguard cannot judge this command (${result.undecidable}); approve it only if you know what it touches.`);
  }
  const standing = (severity: Severity) => result.findings.filter((finding) => finding.severity === severity);
  if (result.verdict === 'block') {
    return decision(
      'deny',
      `prodguard blocked this command. ${standing('block').map(describe).join(' ')} Do not retry it in another form; ask the person to run it themselves if it is really needed.`,
    );
  }
  if (result.verdict === 'confirm') {
    const names = [...new Set(standing('confirm').map((finding) => finding.target))];
    return decision(
      'ask',
      `prodguard: this touches ${names.join(', ')}. ${standing('confirm').map(describe).join(' ')} Approve only if you mean ${names.join(', ')}.`,
    );
  }
  if (result.verdict === 'warn') {
    // Not "allow": that would skip the person's own permission rules. Say it, decide nothing.
    return { systemMessage: `prodguard warning: ${standing('warn').map(describe).join(' ')}` };
  }
  return {};
}

function decision(permissionDecision: 'deny' | 'ask', reason: string): Record<string, unknown> {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision, permissionDecisionReason: reason } };
}

function describe(finding: Finding): string {
  return `[${finding.rule}] ${finding.message} (incident ${finding.incident}; fix: ${finding.fix})`;
}

/**
 * Other coding agents, each in its documented hook format. An agent event names the shell
 * command it is about to run; prodguard answers in that agent's own output shape.
 * - Gemini CLI: a BeforeTool hook (settings.json); input {tool_name: "run_shell_command",
 *   tool_input: {command}, cwd, hook_event_name}; output {decision: "deny", reason} or {}.
 *   Gemini has no "ask": a command that needs a typed confirmation is denied with the reason,
 *   so the agent hands it to the person.
 * - Cursor: a beforeShellExecution hook (hooks.json); input {command, cwd, hook_event_name};
 *   output {permission: "allow" | "deny" | "ask", user_message, agent_message}.
 */
export type AgentName = 'claude-code' | 'gemini' | 'cursor';
export const AGENTS: readonly AgentName[] = ['claude-code', 'gemini', 'cursor'];

export interface AgentEvent {
  /** The shell command the agent is about to run; undefined when the event is not about one. */
  command?: string;
  cwd?: string;
}

export function parseAgentEvent(agent: AgentName, text: string): AgentEvent {
  if (agent === 'claude-code') {
    const event = parseClaudeEvent(text);
    if (event.eventName !== undefined && event.eventName !== 'PreToolUse') return {};
    return { ...(event.command !== undefined ? { command: event.command } : {}), ...(event.cwd ? { cwd: event.cwd } : {}) };
  }
  const raw = parseObject(text, agent);
  const cwd = raw.cwd;
  if (cwd !== undefined && typeof cwd !== 'string') throw new HookInputError('"cwd" must be a string');
  const where = cwd ? { cwd } : {};
  if (agent === 'gemini') {
    if (raw.hook_event_name !== undefined && raw.hook_event_name !== 'BeforeTool') return {};
    if (typeof raw.tool_name !== 'string' || raw.tool_name === '') throw new HookInputError('the event has no "tool_name"');
    if (raw.tool_name !== 'run_shell_command') return where;
    const input = raw.tool_input;
    if (!isObject(input) || typeof input.command !== 'string') throw new HookInputError('a run_shell_command event needs "tool_input": {"command": "…"}');
    return { ...where, command: input.command };
  }
  if (raw.hook_event_name !== undefined && raw.hook_event_name !== 'beforeShellExecution') return {};
  if (typeof raw.command !== 'string') throw new HookInputError('a beforeShellExecution event needs "command"');
  return { ...where, command: raw.command };
}

/** What the agent's hook prints for a verdict, in that agent's documented shape. */
export function agentHookOutput(agent: AgentName, result: AgentVerdict): Record<string, unknown> {
  if (agent === 'claude-code') return claudeHookOutput(result);
  const claude = claudeHookOutput(result);
  const specific = claude.hookSpecificOutput as { permissionDecision?: 'deny' | 'ask'; permissionDecisionReason?: string } | undefined;
  const warning = typeof claude.systemMessage === 'string' ? claude.systemMessage : undefined;
  if (agent === 'gemini') {
    if (specific?.permissionDecision === 'deny') return { decision: 'deny', reason: specific.permissionDecisionReason };
    if (specific?.permissionDecision === 'ask') {
      return {
        decision: 'deny',
        reason: `${specific.permissionDecisionReason} Gemini CLI hooks cannot ask the person, so prodguard refused it: ask them to run it themselves with \`prodguard run\`.`,
      };
    }
    return warning ? { systemMessage: warning } : {};
  }
  if (specific?.permissionDecision) {
    return { permission: specific.permissionDecision, user_message: specific.permissionDecisionReason, agent_message: specific.permissionDecisionReason };
  }
  return warning ? { permission: 'allow', user_message: warning, agent_message: warning } : { permission: 'allow' };
}

function parseObject(text: string, agent: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`stdin is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(raw)) throw new HookInputError(`stdin must be a JSON object (a ${agent} hook event)`);
  return raw;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
