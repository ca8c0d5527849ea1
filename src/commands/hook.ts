// `prodguard hook claude-code` and `prodguard hook json`: coding agents ask before running a
// shell command. Claude Code sends a PreToolUse event on stdin and reads a decision on stdout;
// exit 2 is a block in Claude Code, so malformed input and prodguard's own failures exit 2 with
// one line on stderr: fail closed — an agent can wait for a person, a production database cannot
// wait for a restore. The generic mode answers like `check --json`.

import { EXIT, ProdguardError, UndecidableError, UsageError } from '../errors.js';
import { judge, loadSetup } from './judge.js';
import { exitCodeFor, reportOf } from './check.js';
import { renderCheckJson } from '../report/check-json.js';
import { AGENTS, agentHookOutput, HookInputError, parseAgentEvent, parseGenericRequest, type AgentName } from '../shell/agent.js';
import { redact } from '../util/redact.js';
import { readStdin, writeStderr, writeStdout } from '../util/stdio.js';

export interface HookOptions {
  config?: string;
  probe?: boolean;
}

export async function runHook(agent: string, options: HookOptions): Promise<number> {
  if (agent !== 'json' && !(AGENTS as readonly string[]).includes(agent))
    throw new UsageError(`unknown agent "${agent}": use ${AGENTS.join(', ')} or json`, 'e.g. prodguard hook claude-code');
  try {
    const input = await readStdin();
    return agent === 'json' ? await generic(input, options) : await agentHook(agent as AgentName, input, options);
  } catch (error) {
    if (error instanceof HookInputError) {
      writeStderr(`prodguard hook ${agent}: ${error.message.replace(/\s*\n\s*/g, ' ')}; refusing (fail closed)\n`);
      return EXIT.usage;
    }
    if (error instanceof ProdguardError) {
      writeStderr(`prodguard hook ${agent}: ${redact(error.message)}${error.hint ? ` (${redact(error.hint)})` : ''}; refusing (fail closed)\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? error.message : String(error);
    writeStderr(`prodguard hook ${agent}: internal error (${redact(detail.split('\n')[0]!)}); refusing (fail closed) — please report it\n`);
    return EXIT.usage;
  }
}

async function agentHook(agent: AgentName, input: string, options: HookOptions): Promise<number> {
  const event = parseAgentEvent(agent, input);
  if (event.command === undefined) {
    writeStdout(`${JSON.stringify(agentHookOutput(agent, { verdict: 'allow', findings: [] }))}\n`);
    return EXIT.ok;
  }
  let output: Record<string, unknown>;
  const cwd = event.cwd ?? process.cwd();
  // Under config files: the fast path's table for them, written after (src/fast-path/remember.ts).
  const remember = options.config ? undefined : await import('../fast-path/remember.js');
  const key = remember?.configKeyBefore(cwd, process.env);
  try {
    const judgement = await judge({
      source: event.command,
      cwd,
      env: process.env,
      ...(options.config ? { configFile: options.config } : {}),
      noProbe: options.probe === false,
      overrides: [],
    });
    if (remember && key) await remember.rememberConfigTable(key, judgement, cwd, process.env, () => loadSetup({ cwd, env: process.env }));
    output = agentHookOutput(agent, { verdict: judgement.verdict, findings: judgement.decision.standing });
  } catch (error) {
    if (!(error instanceof UndecidableError)) throw error;
    output = agentHookOutput(agent, { verdict: 'confirm', findings: [], undecidable: error.message });
  }
  writeStdout(`${JSON.stringify(redactOutput(output))}\n`);
  return EXIT.ok;
}

async function generic(input: string, options: HookOptions): Promise<number> {
  const request = parseGenericRequest(input);
  const judgement = await judge({
    source: request.command,
    cwd: request.cwd ?? process.cwd(),
    env: request.env ? { ...process.env, ...request.env } : process.env,
    ...(options.config ? { configFile: options.config } : {}),
    noProbe: options.probe === false,
    overrides: [],
  });
  writeStdout(renderCheckJson(reportOf(judgement)));
  return exitCodeFor(judgement.verdict);
}

function redactOutput(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(redact(JSON.stringify(value))) as Record<string, unknown>;
}
