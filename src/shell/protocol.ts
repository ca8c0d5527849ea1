// The contract between the shell snippets and prodguard: hook-check's exit codes, and the warm
// checker's request/response framing over a FIFO pair. Internal (the snippet and the binary come
// from the same install), but kept in one place so both sides agree: the scripts receive these
// values as settings (src/shell/render.ts) and never write them themselves. Pure.

import { isShellName, type ShellName } from './adapters.js';

/**
 * `prodguard hook-check` exit codes. Anything else (1 internal error, 2 bad usage, 127 not found,
 * a signal) means the guard itself failed: the snippet prints one line and runs the line.
 */
export const HOOK_EXIT = {
  /** Run the line. */
  run: 0,
  /** Do not run it (blocked, wrong name typed, no terminal to ask on). */
  refused: 4,
  /** The line does not parse: run it and let the shell report its own syntax error, or ask for
   *  the next line of an unfinished command. */
  unparsed: 5,
  /** A stale production shell was confirmed afresh (restart its clock), and the line runs. */
  staleConfirmedRun: 8,
  /** A stale production shell was confirmed afresh, but the line itself was refused. */
  staleConfirmedRefused: 9,
} as const;

export const REQUEST_MAGIC = 'prodguard-1';
export const REQUEST_END = '\x04';

export interface WarmRequest {
  id: string;
  shell: ShellName;
  cwd: string;
  /** Epoch seconds since the shell has pointed at production, when it does. */
  since?: number;
  line: string;
  /** `alias:name=value` and `function:text` definitions the line refers to. */
  definitions: string[];
  env: Record<string, string>;
}

/** The warm checker's answers; the shell scripts get these names as settings. */
export const WARM_ACTIONS = { run: 'run', refuse: 'refuse', unparsed: 'unparsed', cold: 'cold' } as const;

export type WarmAction = keyof typeof WARM_ACTIONS;

/**
 * Split a byte stream into requests: NUL-terminated fields — magic, id, shell, cwd, since, line,
 * the number of definitions, the definitions, then `env -0` output, then a `\x04` field.
 * Returns the complete requests and the unconsumed rest.
 */
export function takeRequests(buffer: string): { requests: (WarmRequest | { error: string; id: string })[]; rest: string } {
  const requests: (WarmRequest | { error: string; id: string })[] = [];
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf(`\0${REQUEST_END}\0`);
    if (end === -1) break;
    const fields = rest.slice(0, end).split('\0');
    rest = rest.slice(end + 3);
    const start = fields.indexOf(REQUEST_MAGIC);
    if (start === -1) continue;
    requests.push(parseFields(fields.slice(start)));
  }
  return { requests, rest };
}

function parseFields(fields: string[]): WarmRequest | { error: string; id: string } {
  const [, id = '', shell = '', cwd = '', since = '', line = '', count = '0'] = fields;
  const definitionCount = Number(count);
  if (!isShellName(shell) || !Number.isInteger(definitionCount) || definitionCount < 0) return { error: 'malformed request', id };
  const definitions = fields.slice(7, 7 + definitionCount);
  const env: Record<string, string> = {};
  for (const entry of fields.slice(7 + definitionCount)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  const sinceNumber = since === '' ? undefined : Number(since);
  return { id, shell, cwd, line, definitions, env, ...(sinceNumber !== undefined && Number.isFinite(sinceNumber) ? { since: sinceNumber } : {}) };
}

export function formatResponse(id: string, action: WarmAction, text: string): string {
  return `${id}\n${action}\n${text.replaceAll(REQUEST_END, '')}${REQUEST_END}`;
}
