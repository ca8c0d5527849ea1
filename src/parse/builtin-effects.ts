// Builtins that change what later commands of the line see: cd, source, export/declare, set --,
// shift, unset, and context switches (`kubectl config use-context`, `terraform workspace select`).

import type { ExpandedWord } from '../types.js';
import { envFilePath } from './wrappers/env-runners.js';
import { scanOptions, optionValue } from './options.js';
import { toolOptions } from '../knowledge/tools.js';
import { type PortForward, cloudSqlProxyForwards, sshForwards, ssmForwards } from '../knowledge/port-forwards.js';
import { parseDestination } from './wrappers/remote.js';
import { branchSwitchedTo } from './git-branch.js';
import { basename, resolvePath } from './posix-path.js';
import { echoOutput, printfOutput, printfWords } from './printf.js';
import { type ExtractOptions, MAX_LIST_LENGTH, UNKNOWN_VALUE, type WalkState, assignArray, setVariables, unshare } from './walk-state.js';

/** Builtins that change what later commands see: cd, export, unset, declare. */
export function applyBuiltinEffects(
  name: string,
  args: ExpandedWord[],
  assignments: { name: string; value: string }[],
  state: WalkState,
  commandScope: WalkState,
  envFiles: ExtractOptions['envFiles'],
): void {
  const values = args.map((arg) => arg.value);
  const command = basename(name);
  if ((command === 'kubectl' || command === 'oc') && values[0] === 'config' && values[1] === 'use-context' && values[2]) {
    state.session = { ...state.session, kubeContext: values[2] };
  } else if ((command === 'kubectx' || command === 'kctx') && values[0] && !values[0].startsWith('-')) {
    state.session = { ...state.session, kubeContext: values[0] };
  } else if (['terraform', 'tofu'].includes(command) && values[0] === 'workspace' && ['select', 'new'].includes(values[1] ?? '') && values[2]) {
    state.session = { ...state.session, terraformWorkspace: values[2] };
  } else if (command === 'git') {
    // `git checkout main && … git push -f`: the branch later pushes without a refspec push.
    const branch = branchSwitchedTo(args);
    if (branch) state.session = { ...state.session, gitBranch: branch };
  }
  // A tunnel opened earlier in the line (`ssh -L 5433:db1.prod:5432 bastion -N &`): later clients
  // of localhost:5433 reach the far server.
  const forwards = portForwardsOpenedBy(command, args);
  if (forwards.length > 0) state.session = { ...state.session, forwards: [...(state.session?.forwards ?? []), ...forwards] };
  switch (name) {
    case 'pushd':
    case 'cd': {
      const target = args.find((arg) => !arg.value.startsWith('-') || arg.value === '-');
      const dir = target ? target.value : (commandScope.vars.HOME ?? state.home);
      // An absolute cd works even where the starting directory is unknown (`ssh db1 'cd /x && …'`).
      if (target?.dynamic || dir === '-' || (state.cwd === '' && !dir.startsWith('/'))) return;
      state.cwd = resolvePath(state.cwd || '/', dir);
      return;
    }
    case 'source':
    case '.': {
      // The edge read the sourced file (as dotenv); its variables hold for the rest of the line.
      // Whether they are exported (`export X=`, `set -a`) is not tracked: count them as exported.
      const file = args[0];
      if (!file || file.dynamic || (state.cwd === '' && !file.value.startsWith('/'))) return;
      const vars = envFiles?.[envFilePath(state.cwd, file.value)];
      if (vars) setVariables(state, { ...vars });
      return;
    }
    case 'export':
    case 'declare':
    case 'typeset':
    case 'local':
    case 'readonly':
      for (const { name: variable, value } of assignments) {
        setVariables(state, { [variable]: value });
      }
      // `export $(grep -v '^#' .env.production | xargs)`: the file's variables, when the edge read it.
      for (const arg of args) {
        if (arg.envFile === undefined || (state.cwd === '' && !arg.envFile.startsWith('/'))) continue;
        const vars = envFiles?.[envFilePath(state.cwd, arg.envFile)];
        if (vars) setVariables(state, { ...vars });
      }
      return;
    case 'set': {
      // `set -- a b` (or `set a b`): the positional parameters become the words after it.
      const dashDash = values.indexOf('--');
      const start = dashDash !== -1 ? dashDash + 1 : values.length > 0 && !/^[-+]/.test(values[0]!) ? 0 : -1;
      if (start === -1) return;
      if (args.length - start > MAX_LIST_LENGTH) delete state.positional;
      else state.positional = args.slice(start).map((arg) => (arg.dynamic ? UNKNOWN_VALUE : arg.value));
      return;
    }
    case 'shift': {
      const count = values[0] === undefined ? 1 : /^\d+$/.test(values[0]) ? Number(values[0]) : undefined;
      if (state.positional) {
        if (count === undefined) delete state.positional;
        else state.positional = state.positional.slice(count);
      }
      return;
    }
    case 'unset':
      for (const arg of args) {
        if (arg.value.startsWith('-')) continue;
        unshare(state);
        delete state.vars[arg.value];
        delete state.assigned[arg.value];
      }
      return;
  }
}

/** `read`'s options that take a value (bash's read builtin: -a ARRAY -d DELIM -i TEXT -n N -N N -p PROMPT -t SECS -u FD). */
const READ_OPTIONS_WITH_VALUE = new Set(['-a', '-d', '-i', '-n', '-N', '-p', '-t', '-u']);

/** The variables `read [OPTS] NAME…` sets (`REPLY` when none is named); undefined for `read -a` (an array). */
export function readTargets(args: readonly string[]): string[] | undefined {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '-a') return undefined;
    if (READ_OPTIONS_WITH_VALUE.has(word)) {
      i++;
      continue;
    }
    if (/^-[a-zA-Z]+$/.test(word)) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return undefined;
    names.push(word);
  }
  return names.length > 0 ? names : ['REPLY'];
}

/** What `read NAME…` stores from one input line: a field per name, the last name the rest. */
export function readValues(names: readonly string[], line: string): Record<string, string> {
  const fields = line.trim().split(/\s+/);
  const values: Record<string, string> = {};
  names.forEach((name, index) => {
    values[name] = index === names.length - 1 ? fields.slice(index).join(' ') : (fields[index] ?? '');
  });
  return values;
}

/** `mapfile`/`readarray` options that take a value (bash's mapfile builtin). */
const MAPFILE_OPTIONS_WITH_VALUE = new Set(['-d', '-n', '-O', '-s', '-u', '-C', '-c']);

/**
 * Builtins that set a variable from text rather than an assignment: `printf -v NAME FORMAT ARGS`
 * (what printf would print) and `mapfile`/`readarray [-t] NAME` (standard input's lines, when
 * the line shows them). Elements keep no trailing newline even without `-t`: the cautious
 * reading, since `rm -rf ${A[0]}` unquoted drops it anyway. Anything not known is unknown.
 */
export function applyValueBuiltins(name: string, args: readonly ExpandedWord[], stdinText: string | undefined, state: WalkState): void {
  if (name === 'printf') {
    const first = args[0]?.value;
    const target = first === '-v' ? args[1]?.value : first?.startsWith('-v') ? first.slice(2) : undefined;
    if (!target || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) return;
    const rest = args.slice(first === '-v' ? 2 : 1);
    const start = rest[0]?.value === '--' ? 1 : 0;
    const [format, ...values] = rest.slice(start);
    const known = format && ![format, ...values].some((word) => word.dynamic);
    const output = known
      ? printfOutput(
          format.value,
          values.map((word) => word.value),
        )
      : undefined;
    // Output not known here leaves the variable as it was: an rm of it is judged as unset.
    if (output !== undefined) setVariables(state, { [target]: output });
    return;
  }
  if (name !== 'mapfile' && name !== 'readarray') return;
  let array = 'MAPFILE';
  let delimiter = '\n';
  let exact = true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    if (MAPFILE_OPTIONS_WITH_VALUE.has(word)) {
      if (word === '-d') delimiter = args[i + 1]?.value || '\0';
      else exact = false; // a count, an origin, a file descriptor or a callback: not followed here
      i++;
    } else if (/^-[a-zA-Z]+$/.test(word)) {
      if (word !== '-t') exact = false;
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) array = word;
    else return;
  }
  const elements =
    exact && stdinText !== undefined ? stdinText.split(delimiter).filter((element, index, all) => index < all.length - 1 || element !== '') : undefined;
  assignArray(state, array, elements, false);
}

/**
 * What a command writes to standard output when the line shows it: `echo WORDS`, `printf FORMAT
 * ARGS` and `cat` of a heredoc or herestring. Undefined otherwise.
 */
export function shownOutput(name: string, args: readonly ExpandedWord[], stdinText: string | undefined): string | undefined {
  if (args.some((word) => word.dynamic)) return undefined;
  const values = args.map((word) => word.value);
  if (name === 'echo') return echoOutput(values);
  if (name === 'printf') return printfWords(values);
  if (name === 'cat' && values.length === 0) return stdinText;
  return undefined;
}

/** The tunnels a command opens (knowledge/port-forwards.ts). */
function portForwardsOpenedBy(command: string, args: readonly ExpandedWord[]): PortForward[] {
  if (command === 'ssh' || command === 'autossh') {
    const scan = scanOptions(args, { ...toolOptions('ssh'), stopAtPositional: true });
    const destination = args[scan.rest];
    const specs = scan.options.filter((option) => option.flag === '-L' && option.value).map((option) => option.value!);
    return specs.length > 0 ? sshForwards(specs, destination ? parseDestination(destination.value).host : undefined) : [];
  }
  if (command === 'cloud-sql-proxy' || command === 'cloud_sql_proxy') return cloudSqlProxyForwards(args.map((arg) => arg.value));
  if (command === 'aws' && args.some((arg) => arg.value === 'start-session')) {
    const scan = scanOptions(args, { longWithValue: ['parameters', 'document-name', 'target', 'profile', 'region'] });
    if (!/PortForwardingSessionToRemoteHost/i.test(optionValue(scan, '--document-name') ?? '')) return [];
    return ssmForwards(optionValue(scan, '--parameters'));
  }
  return [];
}
