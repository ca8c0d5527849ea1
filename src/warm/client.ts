// The one-shot process's side of the warm checker (./protocol.ts), bundled into
// dist/bundle/fast.cjs: bin/prodguard.js asks it when the fast path could not answer, before it
// loads the engine. Every failure — no server, a server of another build, a folder someone else
// could write, a slow or broken answer — means "judge here", never "allow".

import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectoryOf } from '../config/locations.js';
import { homeDirectory, hostName } from '../util/machine.js';
import { isTerminal, writeStderr, writeStdout } from '../util/stdio.js';
import {
  decodeResponse,
  encodeMessage,
  mayStartServer,
  PID_FILE,
  privateFolder,
  REQUEST_SUFFIX,
  RESPONSE_SUFFIX,
  servedArgs,
  serverFolderFor,
  warmDirectory,
  warmDisabled,
  warmKey,
  type WarmRequest,
} from './protocol.js';

/** answered: written and exit code set; absent: no server runs for this build (start one);
 *  unavailable: judge here and start nothing. */
export type WarmOutcome = 'answered' | 'absent' | 'unavailable';

/** A probe of a slow database is the longest a judgement waits; past this the process judges
 *  alone (and a server stuck on something else is left to its idle exit). */
const ANSWER_TIMEOUT_MS = 30_000;
/** Between two looks for the answer: from 0.1 ms, growing to 2 ms — a warm judgement takes a few
 *  milliseconds, and each look costs the process instructions. */
const FIRST_POLL_MS = 0.1;
const LAST_POLL_MS = 2;
/** How often (in looks) to make sure the server is still there. */
const LIVENESS_EVERY = 50;

interface WarmPlace {
  /** The private folder of all servers (warm/). */
  directory: string;
  /** This build's server's folder (warm/KEY). */
  folder: string;
  uid: number;
}

/** Where this build's server works for this user, host and Node; undefined when nowhere can. */
export function warmPlace(bundle: string, env: NodeJS.ProcessEnv): WarmPlace | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const stat = statSync(bundle, { throwIfNoEntry: false });
  if (!stat) return undefined;
  const key = warmKey({ bundleSize: stat.size, bundleMtimeMs: stat.mtimeMs, nodeVersion: process.version, uid, hostname: hostName() });
  const stateDirectory = stateDirectoryOf(env, homeDirectory);
  return { directory: warmDirectory(stateDirectory), folder: serverFolderFor(stateDirectory, key), uid };
}

/** The request for this process: its arguments, folder, environment, event and descriptors. */
function requestOf(args: string[]): WarmRequest {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  const request: WarmRequest = { args, cwd: process.cwd(), env, terminals: [isTerminal(1), isTerminal(2)] };
  if (args[0] === 'hook') {
    // The fast path may have read the event already; either way the engine gets it if it must judge.
    const holder = globalThis as { __prodguardStdin?: string };
    holder.__prodguardStdin ??= readFileSync(0, 'utf8');
    request.stdin = holder.__prodguardStdin;
  }
  return request;
}

/** Remove a file that may be gone already. unlink, not rmSync: rmSync loads Node's rimraf, ~3 M
 *  instructions in a one-shot process (measured with valgrind). */
function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* gone already, or the server's sweep removes it */
  }
}

/** Whether process `pid` (the server) is still there. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ask this build's server to answer the process's command line (synchronous: no event loop, no
 *  module beyond fs). */
export function askWarm(bundle: string): WarmOutcome {
  const args = process.argv.slice(2);
  if (warmDisabled(process.env) || !servedArgs(args)) return 'unavailable';
  const place = warmPlace(bundle, process.env);
  if (!place) return 'unavailable';
  const directory = statSync(place.directory, { throwIfNoEntry: false });
  if (!directory) return 'absent';
  // Files another user could write might be theirs, answering "allow".
  if (!privateFolder(directory, place.uid)) return 'unavailable';
  let pid: number;
  try {
    pid = Number(readFileSync(join(place.folder, PID_FILE), 'utf8').trim());
  } catch {
    return 'absent';
  }
  if (!(pid > 0) || !alive(pid)) return 'absent';
  const id = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const requestFile = join(place.folder, `${id}${REQUEST_SUFFIX}`);
  const responseFile = join(place.folder, `${id}${RESPONSE_SUFFIX}`);
  try {
    const aside = join(place.folder, `${id}.tmp`);
    writeFileSync(aside, encodeMessage(requestOf(args)), { mode: 0o600 });
    renameSync(aside, requestFile);
  } catch {
    return 'unavailable';
  }
  const text = awaitAnswer(responseFile, pid);
  if (text === undefined) {
    removeFile(requestFile);
    return 'unavailable';
  }
  const response = decodeResponse(text);
  if (!response || 'cold' in response) return 'unavailable';
  for (const [fd, written] of response.output) (fd === 1 ? writeStdout : writeStderr)(written);
  // PRODGUARD_TRACE_WARM=1 says which process judged (as PRODGUARD_TRACE_IMPORTS says what loaded).
  if (process.env.PRODGUARD_TRACE_WARM) writeStderr(`prodguard: answered by the warm checker (pid ${pid})\n`);
  process.exitCode = response.exitCode;
  return 'answered';
}

/** The answer's text once the server wrote it; undefined on timeout or when the server is gone. */
function awaitAnswer(responseFile: string, pid: number): string | undefined {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  let pause = FIRST_POLL_MS;
  for (let look = 1; ; look++) {
    // Renamed into place whole: once it is there, it is all there.
    if (statSync(responseFile, { throwIfNoEntry: false })) {
      try {
        const text = readFileSync(responseFile, 'utf8');
        removeFile(responseFile);
        return text;
      } catch {
        return undefined;
      }
    }
    if (look % LIVENESS_EVERY === 0 && (!alive(pid) || Date.now() > deadline)) return undefined;
    Atomics.wait(sleeper, 0, 0, pause);
    pause = Math.min(LAST_POLL_MS, pause * 1.4);
  }
}

/**
 * Start this build's server in the background after the process had to judge alone, so the next
 * one need not. Detached with no descriptors: the caller's shell, pipe or agent never waits for
 * it; it ends itself when idle (src/commands/serve-one-shot.ts).
 */
export function startWarm(bin: string, bundle: string): void {
  if (!mayStartServer(process.env) || !servedArgs(process.argv.slice(2))) return;
  const place = warmPlace(bundle, process.env);
  if (!place) return;
  try {
    mkdirSync(place.directory, { recursive: true, mode: 0o700 });
    if (!privateFolder(statSync(place.directory), place.uid)) return;
    const { spawn } = process.getBuiltinModule('node:child_process');
    spawn(process.execPath, [bin, 'serve-one-shot', '--folder', place.folder, '--bundle', bundle], {
      detached: true,
      stdio: 'ignore',
      cwd: '/',
      env: process.env,
    }).unref();
  } catch {
    // No server: the next process judges alone, as this one did.
  }
}
