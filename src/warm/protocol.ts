// The one-shot warm checker (issue 13): `check -c` and the agent hooks start one Node process per
// command, and a line the fast path cannot prove harmless used to load the whole engine in that
// process (about 2.4× `node -e 0`). A background `prodguard serve-one-shot` keeps the engine
// loaded; the one-shot process, still a plain Node start plus the small fast-path bundle, hands
// it the command line, working folder, environment and standard input through a private folder
// and prints what it answers — byte for byte what the same process would have printed, since the
// server runs the same `main` with the client's environment, folder and descriptors' kinds.
// Nothing about the judgement moves to the server's side: when it cannot be reached, is of
// another build, or does not answer, the process judges as before (never "run anyway").
//
// The exchange is files, not a socket: loading Node's net and stream modules costs a one-shot
// process more (about 20 M instructions, measured) than the whole fast path. The client writes
// ID.req (written aside and renamed, so it is never read half-written), the server sees it through
// fs.watch, removes it, and writes ID.res the same way; the client waits on it with short sleeps,
// and checks the server's pid now and then, so a server that died is never waited for.
//
// This module holds the pure parts both sides share: which command lines the server takes, the
// folder of a build's server, and the messages (JSON).

import { join } from 'node:path';

/** Both of a process's output descriptors: whether each is a terminal (colour depends on it). */
export type Terminals = readonly [stdout: boolean, stderr: boolean];

export interface WarmRequest {
  /** process.argv after the script: `check … -c LINE` or `hook AGENT`. */
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** The agent's event, read by the one-shot process (hooks only). */
  stdin?: string;
  terminals: Terminals;
}

/** What the command wrote, in order, by descriptor (1 standard output, 2 standard error). */
export type WrittenOutput = Array<[fd: 1 | 2, text: string]>;

export type WarmResponse = { output: WrittenOutput; exitCode: number } | { cold: true };

/** `PRODGUARD_WARM=0` turns the warm checker off: every one-shot process judges alone. */
export function warmDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.PRODGUARD_WARM === '0';
}

/** Whether to start a server after judging alone: not where processes are one-off by nature
 *  (CI jobs, whose runners may wait for every child to end), and not when turned off. */
export function mayStartServer(env: NodeJS.ProcessEnv): boolean {
  return !warmDisabled(env) && !env.CI;
}

const AGENT_NAMES = new Set(['claude-code', 'gemini', 'cursor', 'json']);
const CHECK_FLAGS = new Set(['--json', '--no-probe']);
const CHECK_VALUES = new Set(['-c', '--sql', '--url']);

/**
 * The command lines the server answers: the one-shot hot paths, `check -c LINE` and `check --sql
 * SQL [--url URL]` (with `--json` and `--no-probe`; the server keeps PostgreSQL's parser loaded)
 * and `hook AGENT` (with `--no-probe`). Anything else — `run`, which owns the terminal for a typed
 * confirmation, `--config`, help, a value commander could read as an option — stays in the
 * process, which says what it is.
 */
export function servedArgs(args: readonly string[]): boolean {
  const [command, ...rest] = args;
  if (command === 'check') {
    const values = new Map<string, string>();
    for (let index = 0; index < rest.length; index++) {
      const arg = rest[index]!;
      if (CHECK_FLAGS.has(arg)) continue;
      if (!CHECK_VALUES.has(arg) || values.has(arg) || index + 1 >= rest.length) return false;
      values.set(arg, rest[++index]!);
    }
    if (![...values.values()].every((value) => value.trim() !== '' && !value.startsWith('-'))) return false;
    return values.has('-c') !== values.has('--sql') && (values.has('--sql') || !values.has('--url'));
  }
  if (command === 'hook') {
    const options = rest.filter((arg) => arg !== '--no-probe');
    return options.length === 1 && rest.length - options.length <= 1 && AGENT_NAMES.has(options[0]!);
  }
  return false;
}

/** What identifies a build and the machine it judges for: a server of another build, Node, user
 *  or host (a container sharing the home folder) is never asked. */
export interface BuildIdentity {
  bundleSize: number;
  bundleMtimeMs: number;
  nodeVersion: string;
  uid: number;
  hostname: string;
}

/** FNV-1a, 32 bits, twice with different seeds: a short name without loading crypto. */
export function warmKey(identity: BuildIdentity): string {
  const text = [identity.bundleSize, identity.bundleMtimeMs, identity.nodeVersion, identity.uid, identity.hostname].join('\0');
  const hash = (seed: number) => {
    let value = seed;
    for (let index = 0; index < text.length; index++) {
      value ^= text.charCodeAt(index);
      value = Math.imul(value, 0x01000193);
    }
    return (value >>> 0).toString(16).padStart(8, '0');
  };
  return `${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
}

/** The folder of the servers (both sides check it is private to the user). */
export function warmDirectory(stateDirectory: string): string {
  return join(stateDirectory, 'warm');
}

/** The folder of the server for `key`: its pid file, and the requests and responses. */
export function serverFolderFor(stateDirectory: string, key: string): string {
  return join(warmDirectory(stateDirectory), key);
}

/** The server's pid file in its folder (also its lock: one server per folder). */
export const PID_FILE = 'pid';
export const REQUEST_SUFFIX = '.req';
export const RESPONSE_SUFFIX = '.res';

/** A folder only its owner can use: owned by `uid`, nothing for group or others. */
export function privateFolder(stat: { uid: number; mode: number; isDirectory(): boolean }, uid: number): boolean {
  return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0;
}

export function encodeMessage(message: WarmRequest | WarmResponse): string {
  return JSON.stringify(message);
}

/** The request in `text`, or undefined when it is not one (the server then answers cold). */
export function decodeRequest(text: string): WarmRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const request = value as Partial<WarmRequest>;
  const strings = (items: unknown): items is string[] => Array.isArray(items) && items.every((item) => typeof item === 'string');
  if (!strings(request.args) || typeof request.cwd !== 'string' || typeof request.env !== 'object' || request.env === null) return undefined;
  if (!Object.values(request.env).every((item) => typeof item === 'string')) return undefined;
  if (request.stdin !== undefined && typeof request.stdin !== 'string') return undefined;
  const terminals = request.terminals;
  if (!Array.isArray(terminals) || terminals.length !== 2 || !terminals.every((item) => typeof item === 'boolean')) return undefined;
  if (!servedArgs(request.args)) return undefined;
  return {
    args: request.args,
    cwd: request.cwd,
    env: request.env,
    ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
    terminals: [terminals[0], terminals[1]],
  };
}

/** The response in `text`, or undefined when it is not one (the client then judges alone). */
export function decodeResponse(text: string): WarmResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const response = value as Record<string, unknown>;
  if (response.cold === true) return { cold: true };
  const output = response.output;
  const written = (item: unknown): item is [1 | 2, string] =>
    Array.isArray(item) && item.length === 2 && (item[0] === 1 || item[0] === 2) && typeof item[1] === 'string';
  if (!Array.isArray(output) || !output.every(written)) return undefined;
  if (typeof response.exitCode !== 'number' || !Number.isInteger(response.exitCode)) return undefined;
  return { output, exitCode: response.exitCode };
}
