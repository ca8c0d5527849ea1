// `prodguard serve-one-shot` (internal): the warm checker of the one-shot processes (`check -c`,
// the agent hooks; src/warm/protocol.ts says why and how they talk). One per user, host and
// build, in its own private folder of the state directory. Each request is run by the same
// `main` a process would run, one at a time, inside the client's world: its environment
// (replaced in place, so what libuv reads — HOME, TZ — follows), its working folder, its agent
// event on standard input and its descriptors' kinds (colour); what the command writes is kept
// and sent back in order with the exit code. It ends when idle, when its build is replaced, or
// when its folder or pid file is taken away.

import { watch, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { main } from '../cli.js';
import { hostName } from '../util/machine.js';
import { capturingOutput } from '../util/stdio.js';
import { claimPidLock } from '../util/pid-lock.js';
import {
  decodeRequest,
  encodeMessage,
  PID_FILE,
  privateFolder,
  REQUEST_SUFFIX,
  RESPONSE_SUFFIX,
  warmKey,
  type WarmRequest,
  type WarmResponse,
} from '../warm/protocol.js';

const IDLE_EXIT_MS = 15 * 60 * 1000;
/** A safety net under fs.watch (a missed event must not leave a client waiting), and how often
 *  the server looks at its build, pid file and idleness. */
const SWEEP_MS = 1000;
/** An answer its client gave up on (it timed out or died) is removed after this. */
const STALE_MS = 60 * 1000;

const WARM_UP_ROUNDS = 8;
const WARM_UP_LINES = ['rm -rf ./build', 'psql -h db1.example.com -c "DELETE FROM users"', 'kubectl delete namespace app && git push -f origin main'];

export interface ServeOneShotOptions {
  folder?: string;
  bundle?: string;
}

/** The key of the build at `bundle` as it is on disk now (undefined when it is gone). */
function currentKey(bundle: string): string | undefined {
  const stat = statSync(bundle, { throwIfNoEntry: false });
  const uid = process.getuid?.();
  if (!stat || uid === undefined) return undefined;
  return warmKey({ bundleSize: stat.size, bundleMtimeMs: stat.mtimeMs, nodeVersion: process.version, uid, hostname: hostName() });
}

export async function runServeOneShot(options: ServeOneShotOptions): Promise<number> {
  const { folder, bundle } = options;
  if (!folder || !bundle) return 2;
  const key = currentKey(bundle);
  // The client named the folder after the build it saw; a server of any other build stays out.
  if (key === undefined || basename(folder) !== key) return 2;
  const uid = process.getuid!();
  const parent = statSync(dirname(folder), { throwIfNoEntry: false });
  if (!parent || !privateFolder(parent, uid)) return 2;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const pidFile = join(folder, PID_FILE);
  if (!claimPidLock(pidFile)) return 0;

  let lastUsed = Date.now();
  let queue = Promise.resolve();
  const queued = new Set<string>();
  const stop = () => {
    try {
      // Only what this server made: another may have taken the folder over after a stale lock.
      if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) rmSync(folder, { recursive: true, force: true });
    } catch {
      /* already gone */
    }
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, stop);

  // Warm the engine before the first request: the rules, and a judgement's code paths run often
  // enough for V8 to optimise them (the first judgements cost ~20 ms of CPU each, later ones 2–5).
  for (let round = 0; round < WARM_UP_ROUNDS; round++)
    for (const line of WARM_UP_LINES) await answer({ args: ['check', '--no-probe', '-c', line], cwd: '/', env: {}, terminals: [false, false] });

  const take = (name: string) => {
    if (!name.endsWith(REQUEST_SUFFIX) || queued.has(name)) return;
    queued.add(name);
    queue = queue.then(async () => {
      lastUsed = Date.now();
      const file = join(folder, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
        rmSync(file);
      } catch {
        return; // its client gave up and removed it
      } finally {
        queued.delete(name);
      }
      const request = decodeRequest(text);
      const current = currentKey(bundle) === key;
      const response: WarmResponse = request && current ? await answer(request) : { cold: true };
      const id = name.slice(0, -REQUEST_SUFFIX.length);
      try {
        const aside = join(folder, `${id}.out`);
        writeFileSync(aside, encodeMessage(response), { mode: 0o600 });
        renameSync(aside, join(folder, `${id}${RESPONSE_SUFFIX}`));
      } catch {
        stop(); // the folder is gone
      }
      if (!current) stop();
    });
  };
  const sweep = () => {
    let names: string[];
    try {
      names = readdirSync(folder);
      if (readFileSync(pidFile, 'utf8').trim() !== String(process.pid)) stop();
    } catch {
      return stop();
    }
    const now = Date.now();
    for (const name of names) {
      if (name.endsWith(REQUEST_SUFFIX)) take(name);
      else if (name.endsWith(RESPONSE_SUFFIX) || name.endsWith('.tmp') || name.endsWith('.out')) {
        const stat = statSync(join(folder, name), { throwIfNoEntry: false });
        if (stat && now - stat.mtimeMs > STALE_MS) rmSync(join(folder, name), { force: true });
      }
    }
    if (now - lastUsed > IDLE_EXIT_MS || currentKey(bundle) !== key) stop();
  };
  const watcher = watch(folder, (_event, name) => {
    if (typeof name === 'string') take(name);
  });
  watcher.on('error', stop);
  sweep();
  setInterval(sweep, SWEEP_MS);
  await new Promise<void>(() => undefined); // until stop() ends the process
  return 0;
}

/** Run one client's command line as its own process would, in its environment and folder. */
export async function answer(request: WarmRequest): Promise<WarmResponse> {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  try {
    process.chdir(request.cwd);
  } catch {
    return { cold: true }; // a folder this process cannot enter: the client judges there itself
  }
  replaceEnvironment(request.env);
  if (request.stdin !== undefined) (globalThis as { __prodguardStdin?: string }).__prodguardStdin = request.stdin;
  process.exitCode = undefined;
  try {
    const output = await capturingOutput(request.terminals, () => main(['node', 'prodguard', ...request.args]));
    return { output, exitCode: Number(process.exitCode ?? 0) };
  } catch {
    return { cold: true };
  } finally {
    process.exitCode = undefined;
    delete (globalThis as { __prodguardStdin?: string }).__prodguardStdin;
    replaceEnvironment(savedEnv);
    process.chdir(savedCwd);
  }
}

/** Make process.env hold exactly `env`, in place: assigning a new object would leave the real
 *  environment (what libuv and child processes read) as it was. */
function replaceEnvironment(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined && process.env[name] !== value) process.env[name] = value;
}
