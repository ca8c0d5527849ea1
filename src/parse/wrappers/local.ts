// Wrappers that run the next command on this host: builtins, timeout, xargs, find -exec, shells,
// eval, watch, flock, script, package runners, and redis-cli's stdin and EVAL scripts.

import type { ExpandedWord, Invocation } from '../../types.js';
import { scanOptions, hasFlag, optionValue, clientOptionSpec, type OptionSpec } from '../options.js';
import { redisCallsInLua } from '../lua.js';
import { mongoConnectionsIn } from '../interpreters/javascript.js';
import { RAW_SOCKET_CLIENTS, MEMCACHED_PORTS, REDIS_PORTS, SOCAT_TCP_ADDRESS } from '../../knowledge/raw-sockets.js';
import { PACKAGE_BINARIES } from '../../knowledge/package-binaries.js';
import { STDIN_CONSOLES } from '../../knowledge/consoles.js';
import { toolOptions } from '../../knowledge/tools.js';
import { killByName } from '../process-ids.js';
import { findStartingPoints, findVisits } from '../find-expression.js';
import { type UnwrapStep, type Unwrapper, command, optionsOf, positionalValues, script, stdinName } from './step.js';

export const commandBuiltin: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { stopAtPositional: true });
  // `command -v rm` only looks the name up.
  if (hasFlag(scan, '-v', '-V')) return [];
  return command('command', inv.args.slice(scan.rest));
};

export const timeout: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf('timeout', { stopAtPositional: true }));
  return command('timeout', inv.args.slice(scan.rest + 1));
};

export const xargs: Unwrapper = (original) => {
  // `-i` and `--replace` take their value only when attached (default `{}`); BSD's `-J R` is `-I R`.
  const inv = {
    ...original,
    args: original.args.map((w) =>
      w.value === '-i' ? { ...w, value: '-i{}' } : w.value === '--replace' || w.value === '--replace=' ? { ...w, value: '--replace={}' } : w,
    ),
  };
  const scan = scanOptions(inv.args, optionsOf('xargs', { stopAtPositional: true }));
  const replace = optionValue(scan, '-I', '--replace', '-i', '-J');
  let words = inv.args.slice(scan.rest);
  if (words.length === 0) return [];
  // xargs appends what it reads from standard input: the piped words when the line shows them
  // (`echo /srv | xargs rm -rf`), else "everything here" (`ls | xargs rm -rf`).
  const template = words[0]!;
  // `-0`/`--null` and `-d X` split the input on that character only: `echo 'rm -rf /' | xargs -0
  // sh -c` hands the whole line to sh as one word.
  const delimiter = scan.options.some((o) => o.flag === '-0' || o.flag === '--null') ? '\0' : optionValue(scan, '-d', '--delimiter');
  const text = inv.stdin?.text;
  const items =
    delimiter !== undefined && text !== undefined
      ? text.split(delimiter === '\\n' ? '\n' : delimiter).filter((item, index, all) => item !== '' || index < all.length - 1)
      : (inv.stdin?.items ?? (text !== undefined ? text.split(/\s+/).filter(Boolean) : ['*']));
  const fromStdin = items.map((item): ExpandedWord => ({
    ...template,
    value: item,
    text: '(standard input)',
    dynamic: false,
    glob: item.includes('*'),
    unsetVariables: [],
    variables: [],
    // `pgrep mysqld | xargs kill -9`: the ids of a named process (the kill wrapper's pkill).
    ...(inv.stdin?.processes !== undefined ? { processIds: inv.stdin.processes } : {}),
  }));
  if (replace) {
    // With a replacement string xargs reads whole lines: `echo 'rm -rf /' | xargs -I{} bash -c {}`.
    const lines = inv.stdin?.text !== undefined ? inv.stdin.text.split('\n').filter(Boolean) : items;
    words = words.flatMap((w) => (w.value.includes(replace) ? lines.map((item) => ({ ...w, value: w.value.replaceAll(replace, item), glob: true })) : [w]));
  } else words = [...words, ...fromStdin];
  return command('xargs', words, { stdin: { kind: 'pipe' } });
};

/** `kill -9 $(pgrep -f postgres)`, `pgrep mysqld | xargs kill`: ids of named processes are the
 *  pkill by name they amount to (rules/host/stop-database-server.yaml names the servers). */
export const kill: Unwrapper = (inv) => {
  const named = inv.args.filter((word) => word.processIds !== undefined);
  if (named.length === 0) return [];
  const shown = [...new Set(named.map((word) => word.text))].join(' ');
  const words = killByName(
    inv.command,
    inv.args.filter((word) => word.processIds === undefined),
    named.flatMap((word) => word.processIds!),
    shown,
  );
  return words !== undefined ? command(`kill ${shown}`, words) : [];
};

export const find: Unwrapper = (inv) => {
  const values = inv.args.map((word) => word.value);
  const { roots, expression, emptyOnly } = findStartingPoints(values);
  if (emptyOnly) return [];
  let index = expression;
  const steps: UnwrapStep[] = [];
  for (; index < inv.args.length; index++) {
    const action = inv.args[index]!.value;
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(action)) continue;
    const words: ExpandedWord[] = [];
    for (index++; index < inv.args.length; index++) {
      const word = inv.args[index]!;
      if (word.value === ';' || word.value === '+') break;
      if (word.value.includes('{}')) {
        // `{}` is each path find visits: something below each starting point, or the names its
        // expression keeps there.
        for (const root of roots)
          for (const below of findVisits(root, values, expression)) words.push({ ...word, value: word.value.replaceAll('{}', below), glob: true });
      } else words.push(word);
    }
    // find visits everything below its starting points: `find / -exec rm {} \;` removes the
    // whole tree, so a removal it runs is judged as a recursive one.
    const recursive = ['rm', 'shred', 'unlink'].includes(words[0]?.value.replace(/^.*\//, '') ?? '') && words.some((w) => w.glob);
    if (recursive) words.splice(1, 0, { ...words[0]!, value: '-r', text: '(find walks the tree)', dynamic: false, glob: false });
    steps.push(...command(`find ${action}`, words));
  }
  return steps;
};

/** sh/bash/zsh: `-c STRING` runs a script; with no script and a heredoc, stdin is the script. */
export const shell: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: true }));
  const name = inv.name;
  if (hasFlag(scan, '-c')) {
    const text = inv.args[scan.rest];
    if (!text) return [];
    // `sh -c 'rm -rf "$1"' _ /var/lib/postgresql`: the words after the script are $0, $1, …
    const positional = inv.args.slice(scan.rest + 1);
    const params: Record<string, string> = {};
    positional.forEach((word, index) => {
      if (!word.dynamic && index < 10) params[String(index)] = word.value;
    });
    const extra =
      positional.length > 0
        ? { env: { ...inv.env, ...params }, assigned: { ...inv.assigned, ...params }, positional: positionalValues(positional.slice(1)) }
        : {};
    return script(`${name} -c`, text.value, extra);
  }
  if (scan.rest >= inv.args.length || hasFlag(scan, '-s')) {
    if (inv.stdin?.text !== undefined) return script(`${name} ${stdinName(inv.stdin)}`, inv.stdin.text);
  }
  return [];
};

export const evalBuiltin: Unwrapper = (inv) => (inv.args.length > 0 ? script('eval', inv.args.map((w) => w.value).join(' '), { sameShell: true }) : []);

/** `watch [-n N] CMD…` runs its arguments through `sh -c`. */
export const watch: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf('watch', { stopAtPositional: true }));
  const words = inv.args.slice(scan.rest);
  return words.length > 0 ? script('watch', words.map((w) => w.value).join(' ')) : [];
};

/** `flock FILE CMD…` or `flock FILE -c STRING`. */
export const flock: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf('flock', { stopAtPositional: true }));
  const text = optionValue(scan, '-c', '--command');
  if (text !== undefined) return script('flock -c', text);
  return command('flock', inv.args.slice(scan.rest + 1));
};

/** Runners that take a command after their own words: `bundle exec rspec`, `npx jest`, `dotenv -e .env.prod -- rails db:reset`. */
export function subcommandRunner(subcommands: readonly string[], spec: OptionSpec = {}): Unwrapper {
  return (inv) => {
    // The runner's own options may come first: `pnpm --filter api exec prisma …`, `yarn --cwd api exec`.
    const at = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: true })).rest;
    const first = inv.args[at]?.value;
    if (first === undefined || !subcommands.includes(first)) return [];
    const scan = scanOptions(inv.args.slice(at + 1), { ...spec, stopAtPositional: true });
    return command(`${inv.name} ${first}`, packageBinary(inv.args.slice(at + 1 + scan.rest)));
  };
}

/** `prisma@5`, `@scope/tool@latest`, `aws-cdk`: a package spec runs the package's binary (its
 *  name without the version, or the binary the package names: knowledge/package-binaries.ts). */
function packageBinary(words: ExpandedWord[]): ExpandedWord[] {
  const [first, ...rest] = words;
  if (!first || first.dynamic) return words;
  const name = /^(@?[^@\s]+)@[^@/\s]+$/.exec(first.value)?.[1] ?? first.value;
  const binary = Object.hasOwn(PACKAGE_BINARIES, name) ? PACKAGE_BINARIES[name]! : name;
  return binary === first.value ? words : [{ ...first, value: binary }, ...rest];
}

export const npx: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, { shortWithValue: 'pc', longWithValue: ['package', 'call'], stopAtPositional: true });
  const text = optionValue(scan, '-c', '--call');
  if (text !== undefined) return script(`${inv.name} -c`, text);
  return command(inv.name, packageBinary(inv.args.slice(scan.rest)));
};

/** `script [-q] -c STRING [FILE]` runs STRING with a shell. */
export const scriptCommand: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf('script', { stopAtPositional: false }));
  const text = optionValue(scan, '-c', '--command');
  return text !== undefined ? script('script -c', text) : [];
};

/**
 * redis-cli reads commands from standard input when none is given: they run like arguments.
 * `EVAL SCRIPT NUMKEYS KEY… ARG…` runs the commands its Lua script calls (src/parse/lua.ts).
 */
export const redisCli: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  const first = scan.positionals[0];
  // `redis-cli --cluster call HOST:PORT CMD ARGS…` runs CMD on every node of HOST's cluster.
  const cluster = inv.args.findIndex((arg) => arg.value === '--cluster' || arg.value === '--cluster=call');
  const clusterCall = cluster >= 0 && (inv.args[cluster]!.value === '--cluster=call' || inv.args[cluster + 1]?.value.toLowerCase() === 'call');
  if (clusterCall && first !== undefined && scan.positionals.length > 1) {
    const node = inv.args[first]!;
    const colon = node.value.lastIndexOf(':');
    const host = colon > 0 ? node.value.slice(0, colon) : node.value;
    const port = colon > 0 ? node.value.slice(colon + 1) : '6379';
    const as = (value: string): ExpandedWord => ({ ...node, value, text: value, glob: false });
    const commandWords = scan.positionals.slice(1).map((index) => inv.args[index]!);
    return command(`${inv.name} --cluster call`, [inv.command, as('-h'), as(host), as('-p'), as(port), ...commandWords]);
  }
  if (first !== undefined && /^eval(_ro)?$/i.test(inv.args[first]!.value)) return redisEval(inv, first);
  if (inv.stdin?.text === undefined) return [];
  if (scan.positionals.length > 0) return [];
  const options = inv.args;
  // `--pipe` sends the input as it is: inline commands or the RESP protocol (redis-cli's mass
  // insertion); without it, one command a line.
  const lines = options.some((arg) => arg.value === '--pipe')
    ? redisCommandsIn(inv.stdin.text)
    : inv.stdin.text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.split(/\s+/));
  // Keys deleted by a list of DEL lines (`redis-cli --pipe < delete_keys.txt`) are the bulk
  // deletion `--scan | xargs redis-cli DEL` is: the list, not the line, says which keys.
  const deletions = lines.filter((words) => /^(del|unlink)$/i.test(words[0] ?? '')).length;
  const source = inv.stdin.kind === 'file' && inv.stdin.path ? inv.stdin.path : 'standard input';
  return lines.flatMap((line) => {
    const words = line.map((value): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] }));
    const bulk = deletions > 1 && /^(del|unlink)$/i.test(line[0] ?? '');
    return command(bulk ? `${KEYS_LISTED_BY} ${source}` : `${inv.name} <<stdin`, [inv.command, ...options, ...words]);
  });
};

/** How a deletion over listed keys is reached (rules/database/redis-bulk-delete.yaml names it). */
const EVAL_OVER_LISTING = 'EVAL over KEYS/SCAN';
const LISTING_COMMANDS = new Set(['KEYS', 'SCAN', 'HKEYS', 'SMEMBERS', 'ZRANGE']);
/** How keys a substitution lists reach a deletion (rules/database/redis-bulk-delete.yaml names it). */
export const KEYS_LISTED_BY = 'keys listed by';
const REDIS_CLIENTS = new Set(['redis-cli', 'valkey-cli', 'keydb-cli']);

/** `redis-cli -h HOST KEYS 'session:*'`, `redis-cli --scan --pattern 'cache:*'`: a command that
 *  prints keys, which `redis-cli DEL $(…)` deletes as `… | xargs redis-cli DEL` does. */
export function listsRedisKeys(words: readonly string[]): boolean {
  const [name, ...values] = words;
  if (name === undefined || !REDIS_CLIENTS.has(name)) return false;
  const args = values.map((value): ExpandedWord => ({ value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [], pos: 0, end: 0 }));
  const scan = scanOptions(args, clientOptionSpec(name) ?? {});
  if (hasFlag(scan, '--scan')) return true;
  const first = scan.positionals[0];
  return first !== undefined && LISTING_COMMANDS.has(values[first]!.toUpperCase());
}
const DELETING_COMMANDS = new Set(['DEL', 'UNLINK']);

function redisEval(inv: Invocation, at: number): UnwrapStep[] {
  const script = inv.args[at + 1];
  if (!script || script.dynamic) return [];
  const numKeys = Number(inv.args[at + 2]?.value);
  const rest = inv.args.slice(at + 3).map((w) => w.value);
  const keys = Number.isInteger(numKeys) && numKeys >= 0 ? rest.slice(0, numKeys) : [];
  const argv = Number.isInteger(numKeys) && numKeys >= 0 ? rest.slice(numKeys) : [];
  const options = inv.args.slice(0, at);
  const calls = redisCallsInLua(script.value, keys, argv) ?? [];
  // A script that lists keys (KEYS, SCAN) and deletes keys it does not name deletes what the
  // listing returned: `for _,k in ipairs(redis.call('KEYS','*')) do redis.call('DEL',k) end` is
  // `--scan | xargs redis-cli DEL` run inside the server.
  const lists = calls.some((call) => LISTING_COMMANDS.has(call[0]?.toUpperCase() ?? ''));
  return calls.flatMap((call) =>
    command(
      lists && DELETING_COMMANDS.has(call[0]?.toUpperCase() ?? '') && call.slice(1).some((value) => value === undefined)
        ? EVAL_OVER_LISTING
        : `${inv.name} EVAL`,
      [
        inv.command,
        ...options,
        ...call.map((value): ExpandedWord => ({
          ...script,
          value: value ?? '',
          text: value ?? '(known when the script runs)',
          dynamic: value === undefined,
          glob: false,
          unsetVariables: [],
          variables: [],
        })),
      ],
    ),
  );
}

/**
 * The Redis commands in text sent to a Redis port: inline commands one per line, and RESP arrays
 * (`*1\r\n$8\r\nFLUSHALL\r\n`), whose bulk strings make one command. `\r` (typed or escaped)
 * ends a line as the server reads it.
 */
export function redisCommandsIn(text: string): string[][] {
  const lines = text
    .replace(/\\r/g, '\n')
    .replace(/\\n/g, '\n')
    .split(/\r?\n|\r/)
    .map((line) => line.trim());
  const commands: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) continue;
    const array = /^\*(\d+)$/.exec(line);
    if (array) {
      const words: string[] = [];
      for (let n = Number(array[1]); n > 0 && i + 1 < lines.length; n--) {
        if (lines[i + 1]!.startsWith('$')) i++;
        words.push(lines[++i] ?? '');
      }
      if (words.length > 0) commands.push(words);
      continue;
    }
    commands.push(line.split(/\s+/));
  }
  return commands;
}

/** `printf 'FLUSHALL\r\n' | nc cache.prod 6379`, `socat - TCP:cache.prod:6379 < cmds`: the text
 *  sent to a Redis port runs as redis-cli commands on that host (knowledge/raw-sockets.ts). */
export const rawSocket: Unwrapper = (inv) => {
  const client = Object.hasOwn(RAW_SOCKET_CLIENTS, inv.name) ? RAW_SOCKET_CLIENTS[inv.name] : undefined;
  const text = inv.stdin?.text ?? inv.stdin?.known;
  if (!client || text === undefined) return [];
  const scan = scanOptions(inv.args, client.options);
  const operands = scan.positionals.map((index) => inv.args[index]!.value);
  let host: string | undefined;
  let port: string | undefined;
  if (client.addressWords) {
    const address = operands.find((word) => SOCAT_TCP_ADDRESS.test(word));
    const parts = address?.split(',')[0]!.split(':');
    host = parts?.[1];
    port = parts?.[2];
  } else [host, port] = operands;
  if (!host || !port) return [];
  const as = (value: string): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  if (MEMCACHED_PORTS.has(port)) {
    const flushes = redisCommandsIn(text).some((words) => words[0]?.toLowerCase() === 'flush_all');
    return flushes ? command(`${inv.name} ${host}:${port}`, [as('memcflush'), as(`--servers=${host}:${port}`)]) : [];
  }
  if (!REDIS_PORTS.has(port)) return [];
  return redisCommandsIn(text).flatMap((words) =>
    command(`${inv.name} ${host}:${port}`, [as('redis-cli'), as('-h'), as(host!), as('-p'), as(port!), ...words.map(as)]),
  );
};

/** `mongosh --nodb --eval 'new Mongo("mongodb://db1.prod").getDB("app").dropDatabase()'`: the
 *  script connects by itself; it runs as `mongosh URL --eval SCRIPT` against each server it names. */
export const mongoShell: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  const scripts = scan.options.filter((option) => option.flag === '--eval' && option.value !== undefined).map((option) => option.value!);
  if (scripts.length === 0 || inv.args.some((arg) => arg.dynamic)) return [];
  const as = (value: string): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  return scripts.flatMap((code) =>
    mongoConnectionsIn(code).flatMap((url) => command(`${inv.name} --eval (connects to ${url})`, [inv.command, as(url), as('--eval'), as(code)])),
  );
};

/**
 * A console given its commands on standard input (knowledge/consoles.ts): each statement (a line,
 * or `;`-separated) is the console's command line with its own options kept, so `echo 'deleteall
 * /kafka' | zkCli.sh -server zk1` is `zkCli.sh -server zk1 deleteall /kafka`. With words of its
 * own after the options, the console runs those instead and the input is not its commands.
 */
export const stdinConsole: Unwrapper = (inv) => {
  const spec = Object.hasOwn(STDIN_CONSOLES, inv.name) ? STDIN_CONSOLES[inv.name]! : undefined;
  const text = inv.stdin?.text;
  if (!spec || text === undefined) return [];
  const lead = spec.subcommand === undefined ? 0 : 1;
  if (spec.subcommand !== undefined && inv.args[0]?.value !== spec.subcommand) return [];
  const own = inv.args.slice(lead);
  const scan = scanOptions(own, toolOptions(inv.name) ?? {});
  if (scan.positionals.length > 0) return [];
  const as = (value: string): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  const via = `${inv.name}${spec.subcommand ? ` ${spec.subcommand}` : ''} (standard input)`;
  return text
    .split(/[\n;]/)
    .map((statement) => consoleWords(statement))
    .filter((words) => words.length > 0 && !words[0]!.startsWith('#'))
    .map((words): UnwrapStep => ({ kind: 'command', via, words: [inv.command, ...inv.args.slice(0, lead), ...own, ...words.map(as)] }));
};

/** A console statement's words: split at blanks, quotes removed (`clearrange "" \\xff`). */
function consoleWords(statement: string): string[] {
  const words: string[] = [];
  for (const match of statement.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}
