// `prodguard serve` (internal): the warm checker for one shell. A cold `prodguard hook-check`
// costs a Node start plus loading the engine (~100 ms); this process keeps the engine loaded and
// answers the shell over a FIFO pair (BASE.req / BASE.res) in a few milliseconds. It only
// judges: anything that needs the person (a typed confirmation, a stale production shell) is
// answered "cold", and the shell runs `prodguard hook-check`, which owns the terminal — a
// background process must not read the terminal. It exits when its shell is gone, or idle.

import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { loadSetup } from './judge.js';
import { auditLine, blockedText, evaluateLine, findingsText, unparsedText } from './hook-check.js';
import { formatResponse, takeRequests, type WarmAction, type WarmRequest } from '../shell/protocol.js';
import { isStale } from '../shell/segment.js';
import { redact } from '../util/redact.js';
import { claimPidLock } from '../util/pid-lock.js';

const SHELL_POLL_MS = 2000;
const IDLE_EXIT_MS = 8 * 3600 * 1000;

export interface ServeOptions {
  base?: string;
  shellPid?: string;
}

export async function runServe(options: ServeOptions): Promise<number> {
  const base = options.base;
  const shellPid = Number(options.shellPid);
  if (!base || !Number.isInteger(shellPid) || shellPid <= 0) return 2;
  if (!claimLock(base)) return 0;
  const files = { req: `${base}.req`, res: `${base}.res`, pid: `${base}.pid`, lock: `${base}.lock` };
  const cleanup = () => {
    for (const file of Object.values(files)) rmSync(file, { force: true });
  };
  try {
    for (const fifo of [files.req, files.res]) {
      rmSync(fifo, { force: true });
      const made = spawnSync('mkfifo', ['-m', '600', fifo]);
      if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed`);
    }
  } catch {
    cleanup();
    return 1;
  }
  // Both ends opened read-write: opening never blocks, and the shell's opens never block while
  // this process lives.
  const requestFd = openSync(files.req, 'r+');
  const responseFd = openSync(files.res, 'r+');
  // Ready: the shell sends requests only once the pid file exists. (A FIFO nobody holds open
  // drops what is written to it, so it must be open before the shell may write.)
  writeFileSync(`${files.pid}.${process.pid}`, `${process.pid}\n`, { mode: 0o600 });
  renameSync(`${files.pid}.${process.pid}`, files.pid);
  let lastUsed = Date.now();
  const exit = () => {
    cleanup();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, exit);
  setInterval(() => {
    try {
      process.kill(shellPid, 0);
    } catch {
      exit();
    }
    if (Date.now() - lastUsed > IDLE_EXIT_MS) exit();
  }, SHELL_POLL_MS).unref();
  // Keep the event loop alive on the stream; warm the engine before the first request.
  await loadSetup({ cwd: process.cwd(), env: process.env }).catch(() => undefined);

  let buffer = '';
  let queue = Promise.resolve();
  // A socket, not fs.createReadStream: libuv then polls the FIFO instead of parking a thread
  // pool thread in a blocking read(), which would keep process.exit() waiting forever.
  const stream = new Socket({ fd: requestFd, readable: true, writable: false });
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const { requests, rest } = takeRequests(buffer);
    buffer = rest;
    for (const request of requests) {
      queue = queue.then(async () => {
        lastUsed = Date.now();
        let response: string;
        if ('error' in request) response = formatResponse(request.id, 'cold', '');
        else {
          try {
            const { action, text } = await answer(request);
            response = formatResponse(request.id, action, text);
          } catch {
            response = formatResponse(request.id, 'cold', '');
          }
        }
        try {
          writeSync(responseFd, response);
        } catch {
          exit();
        }
      });
    }
  });
  await new Promise<void>((resolve) => stream.on('close', resolve));
  closeSync(responseFd);
  cleanup();
  return 0;
}

const ECHO_PREFIX = 'echo:';

/** Judge without a terminal: allow/warn run, block refuses, the rest goes cold. */
export async function answer(request: WarmRequest): Promise<{ action: WarmAction; text: string }> {
  const env = request.env;
  if (request.since !== undefined) {
    const { config } = await loadSetup({ cwd: request.cwd, env });
    if (isStale(request.since, Math.floor(Date.now() / 1000), config.staleShellHours)) return { action: 'cold', text: '' };
  }
  // bash sends the prompt and line it cleared from the screen as an `echo:` entry: shown again
  // above anything said about the line (src/commands/hook-check.ts does the same on the cold path).
  const echoEntry = request.definitions.find((entry) => entry.startsWith(ECHO_PREFIX));
  const definitions = request.definitions.filter((entry) => !entry.startsWith(ECHO_PREFIX));
  const shown = (text: string) => (echoEntry === undefined || text === '' ? text : `${redact(echoEntry.slice(ECHO_PREFIX.length))}\n${text}`);
  const input = { shell: request.shell, line: request.line, definitions, cwd: request.cwd, env };
  const result = await evaluateLine(input);
  if (result.kind === 'unparsed') return { action: 'unparsed', text: shown(unparsedText(request.shell, result)) };
  const { judgement } = result;
  if (judgement.verdict === 'allow') return { action: 'run', text: '' };
  if (judgement.verdict === 'confirm') return { action: 'cold', text: '' };
  // The shell prints this on the person's terminal: colour as that terminal would get it.
  const text = shown(await findingsText(judgement, () => true, env));
  if (judgement.verdict === 'warn') return { action: 'run', text };
  const problem = auditLine(
    judgement,
    input,
    { action: 'refused', reason: 'blocked' },
    judgement.decision.standing.filter((finding) => finding.severity === 'block'),
  );
  return { action: 'refuse', text: `${text}${problem ? `${redact(problem)}\n` : ''}${blockedText(judgement, result.source)}` };
}

/** One server per shell: BASE.lock holds the pid of the one that runs. */
function claimLock(base: string): boolean {
  return claimPidLock(`${base}.lock`);
}
