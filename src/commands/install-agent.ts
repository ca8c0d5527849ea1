// `prodguard install AGENT` / `prodguard uninstall AGENT`: write prodguard's hook into a coding
// agent's own settings file, user-wide (default) or for one project (--project). Idempotent:
// a second install replaces prodguard's entry instead of adding another; every other key and
// hook in the file stays as it was.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { AGENTS, type AgentName } from '../shell/agent.js';
import { JSON_SCHEMA_VERSION } from '../report/json-schema-version.js';

export interface InstallOptions {
  project?: boolean;
  json?: boolean;
}

interface AgentSettings {
  /** Settings file relative to the home folder (user) or the project folder (--project). */
  file: string;
  /** Where the hook list sits in the file, and what one prodguard entry looks like. */
  event: string;
  entry: (command: string) => Record<string, unknown>;
  /** Keys a fresh file needs besides the hooks (Cursor's hooks.json has a version). */
  base?: Record<string, unknown>;
}

/** Seconds Claude Code lets `prodguard hook claude-code` run before it gives up on it. */
export const CLAUDE_HOOK_TIMEOUT_SECONDS = 30;

const SETTINGS: Record<AgentName, AgentSettings> = {
  'claude-code': {
    file: '.claude/settings.json',
    event: 'PreToolUse',
    // Claude Code waits 600 s for a command hook by default, and a hook that times out, cannot
    // start or exits with another code than 0/2 lets the tool call through. A judgement takes
    // well under a second and every database probe is bounded (1.5 s, EXPLAIN 3 s), so 30 s only
    // ends a hook that hangs; onFailure "block" (Claude Code 2.1.295+) turns that failure into a
    // refusal, the safe side. prodguard's own errors already exit 2, which blocks.
    entry: (command) => ({
      matcher: 'Bash',
      hooks: [{ type: 'command', command, timeout: CLAUDE_HOOK_TIMEOUT_SECONDS, onFailure: 'block' }],
    }),
  },
  gemini: {
    file: '.gemini/settings.json',
    event: 'BeforeTool',
    entry: (command) => ({ matcher: 'run_shell_command', hooks: [{ type: 'command', command, name: 'prodguard' }] }),
  },
  cursor: {
    file: '.cursor/hooks.json',
    event: 'beforeShellExecution',
    entry: (command) => ({ command }),
    base: { version: 1 },
  },
};

function agentOf(name: string): AgentName {
  if ((AGENTS as readonly string[]).includes(name)) return name as AgentName;
  throw new UsageError(`unknown agent "${name}": use ${AGENTS.join(', ')}`, 'e.g. prodguard install claude-code');
}

/** An entry prodguard wrote: its command (or one of its hooks' commands) is `prodguard hook …`. */
function isOurs(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const record = entry as { command?: unknown; hooks?: unknown };
  if (typeof record.command === 'string' && /^prodguard hook\b/.test(record.command)) return true;
  return Array.isArray(record.hooks) && record.hooks.some(isOurs);
}

function readSettings(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      'fix the file by hand, then run the command again; prodguard never overwrites a file it cannot read',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${file} must hold a JSON object`, 'fix the file by hand, then run the command again');
  return parsed as Record<string, unknown>;
}

function writeSettings(file: string, settings: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temporary, file);
}

export function settingsFile(agent: AgentName, project: boolean, cwd: string, home: string): string {
  return join(project ? cwd : home, SETTINGS[agent].file);
}

/** Install or remove prodguard's hook; returns what changed, for the message. */
export function updateAgentSettings(agent: AgentName, file: string, install: boolean): 'installed' | 'updated' | 'removed' | 'absent' {
  const spec = SETTINGS[agent];
  const settings = readSettings(file);
  const hooks =
    typeof settings.hooks === 'object' && settings.hooks !== null && !Array.isArray(settings.hooks) ? (settings.hooks as Record<string, unknown>) : {};
  const current = Array.isArray(hooks[spec.event]) ? (hooks[spec.event] as unknown[]) : [];
  const others = current.filter((entry) => !isOurs(entry));
  const had = others.length !== current.length;
  if (!install) {
    if (!had) return 'absent';
    const rest = { ...hooks, [spec.event]: others };
    if (others.length === 0) delete rest[spec.event];
    writeSettings(file, { ...settings, hooks: rest });
    return 'removed';
  }
  const entry = spec.entry(`prodguard hook ${agent}`);
  writeSettings(file, { ...(spec.base ?? {}), ...settings, hooks: { ...hooks, [spec.event]: [...others, entry] } });
  return had ? 'updated' : 'installed';
}

export function runInstallAgent(name: string, install: boolean, options: InstallOptions): number {
  const agent = agentOf(name);
  const file = settingsFile(agent, options.project === true, process.cwd(), process.env.HOME || homedir());
  const outcome = updateAgentSettings(agent, file, install);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, agent, file, outcome })}\n`);
    return EXIT.ok;
  }
  const messages = {
    installed: `prodguard: installed the ${agent} hook in ${file}`,
    updated: `prodguard: the ${agent} hook was already in ${file}; it is up to date`,
    removed: `prodguard: removed the ${agent} hook from ${file}`,
    absent: `prodguard: no prodguard hook in ${file}; nothing to remove`,
  };
  process.stdout.write(`${messages[outcome]}\n`);
  return EXIT.ok;
}
