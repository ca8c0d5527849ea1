// The one-shot fast path (issue 13): `check -c LINE` and the agent hooks start one Node process
// per command, and loading the engine (the bundle, its rules, the judgement) is most of what they
// cost beyond `node -e 0`. A line the shell hook's prefilter proves harmless gets "allow" from
// every rule set it was derived from, so it is answered here, from a small bundle
// (dist/bundle/fast.cjs: this module and the prefilter's test; the shell parser in
// dist/bundle/shell-parser.cjs, loaded only for a line the prefilter passes) before the engine
// loads. Everything else — a line the prefilter sends on, a line that does not parse, config
// files the full path has not written a table for (./config-cache.ts), JSON output, a terminal that may get colour, an option
// this path does not know — goes to the full path, which answers exactly as before.
// bin/prodguard.js asks `answerFast` first; `false` means "not answered, nothing written".

import { fstatSync, readFileSync } from 'node:fs';
import { lookupConfigTable, tableFingerprint, type ConfigCacheEntry } from './config-cache.js';
import { dirname, join, resolve } from 'node:path';
import { needsCheck } from '../shell/needs-check.js';
import { agentHookOutput, AGENTS, parseAgentEvent, type AgentName } from '../shell/agent.js';
import { homeDirectory } from '../util/machine.js';
import { writeStdout } from '../util/stdio.js';
import type { FastPathTable } from './table.js';
// The config files src/config/load.ts reads, from the one list both use.
import { DEFAULT_POLICY_FILE, present as isPresent, REPOSITORY_CONFIG_NAMES, USER_CONFIG_NAMES } from '../config/locations.js';

/** What `check` prints for a line no rule matches (src/report/check-text.ts, without colour). */
export const ALLOW_TEXT = 'prodguard: ALLOW — nothing here matches a rule\n';

/** Whether `line` is allowed by the built-in rules, proven without the engine: it parses, and the
 *  prefilter finds no word any rule (or any fact the gather stage reads) could start from. */
export function provablyHarmless(line: string, table: FastPathTable, parseErrorCount: (line: string) => number): boolean {
  if (line.trim() === '' || needsCheck(line, table.prefilter, 'bash')) return false;
  return parseErrorCount(line) === 0;
}

/** Whether only the built-in rules apply here: no system policy, user config or repository config
 *  (src/config/load.ts's search: PRODGUARD_POLICY or /etc/prodguard/policy.yml, the user's
 *  config folder, `.prodguard.yml`/`.yaml` in `cwd` and every folder above it). */
export function builtinRulesOnly(cwd: string, env: NodeJS.ProcessEnv, present: (path: string) => boolean = isPresent): boolean {
  if (env.PRODGUARD_POLICY || present(DEFAULT_POLICY_FILE)) return false;
  // Without HOME the config folder is the user database's: not worth a module load here.
  const configHome = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  if (configHome === undefined) return false;
  if (USER_CONFIG_NAMES.some((name) => present(join(configHome, 'prodguard', name)))) return false;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (REPOSITORY_CONFIG_NAMES.some((name) => present(join(dir, name)))) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** Whether the text report could be coloured (src/report/check-text.ts's colourFor): then the
 *  full path answers, since only it knows whether the character device is a terminal. */
function mayColour(env: NodeJS.ProcessEnv, isCharacterDevice: (fd: number) => boolean): boolean {
  if (env.FORCE_COLOR) return true;
  return !('NO_COLOR' in env) && env.TERM !== 'dumb' && isCharacterDevice(1);
}

/** A path `check` prints as it is: nothing a redaction could touch, no separator it could read. */
const PLAIN_PATH = /^[\w./+-]+$/;

/** The table and `config:` files for a line run in `cwd`: the built-in table when no config file
 *  is there, else the one the full path wrote down for these files as they are now
 *  (./config-cache.ts); undefined when there is none. */
function tableFor(cwd: string, table: FastPathTable, io: FastIo): { table: FastPathTable; files: string[] } | undefined {
  if (builtinRulesOnly(cwd, io.env, io.present)) return { table, files: [] };
  const entry = (io.lookup ?? ((at, env, base) => lookupConfigTable(at, env, base, homeDirectory)))(cwd, io.env, table.fingerprint ?? tableFingerprint(table));
  if (!entry || !entry.files.every((file) => PLAIN_PATH.test(file))) return undefined;
  return { table: entry.table ?? table, files: entry.files };
}

export interface FastIo {
  /** The shell parser's verdict (src/fast-path/parser.ts), loaded on first use. */
  parseErrorCount: (line: string) => number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readStdin: () => string;
  write: (text: string) => void;
  isCharacterDevice: (fd: number) => boolean;
  present?: (path: string) => boolean;
  /** The config cache's entry for `cwd` (tests give their own). */
  lookup?: (cwd: string, env: NodeJS.ProcessEnv, base: string) => ConfigCacheEntry | undefined;
}

/** Answer `args` (process.argv after the script) when the fast path can; the exit code when it
 *  did, undefined when the full path must (nothing was written then). */
export function answerFast(args: readonly string[], table: FastPathTable, io: FastIo): number | undefined {
  const [command, ...rest] = args;
  const options = rest.filter((arg) => arg !== '--no-probe');
  // --no-probe changes only what a matched rule may learn; a line no rule can match is the same.
  if (rest.length - options.length > 1) return undefined;
  if (command === 'check') {
    if (options.length !== 2 || options[0] !== '-c') return undefined;
    const line = options[1]!;
    // A value commander might read as an option, or an empty line: the full path says what it is.
    if (line.startsWith('-') || mayColour(io.env, io.isCharacterDevice)) return undefined;
    const found = tableFor(io.cwd, table, io);
    if (!found || !provablyHarmless(line, found.table, io.parseErrorCount)) return undefined;
    io.write(found.files.length > 0 ? `${ALLOW_TEXT}  config: ${found.files.join(', ')}\n` : ALLOW_TEXT);
    return 0;
  }
  if (command === 'hook') {
    if (options.length !== 1 || !(AGENTS as readonly string[]).includes(options[0]!)) return undefined;
    const agent = options[0] as AgentName;
    let event;
    try {
      event = parseAgentEvent(agent, io.readStdin());
    } catch {
      return undefined; // malformed input: the full path refuses it with its own message
    }
    if (event.command !== undefined) {
      const found = tableFor(event.cwd ?? io.cwd, table, io);
      if (!found || !provablyHarmless(event.command, found.table, io.parseErrorCount)) return undefined;
    }
    io.write(`${JSON.stringify(agentHookOutput(agent, { verdict: 'allow', findings: [] }))}\n`);
    return 0;
  }
  return undefined;
}

/** The edge bin/prodguard.js calls: real descriptors, and standard input handed on to the full
 *  path (src/util/stdio.ts readStdin) when this one does not answer. */
export function answerProcess(table: FastPathTable, parseErrorCount: (line: string) => number): boolean {
  const io: FastIo = {
    parseErrorCount,
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => {
      const text = readFileSync(0, 'utf8');
      (globalThis as { __prodguardStdin?: string }).__prodguardStdin = text;
      return text;
    },
    write: writeStdout,
    isCharacterDevice: (fd) => {
      try {
        return fstatSync(fd).isCharacterDevice();
      } catch {
        return false;
      }
    },
  };
  const code = answerFast(process.argv.slice(2), table, io);
  if (code === undefined) return false;
  process.exitCode = code;
  return true;
}
