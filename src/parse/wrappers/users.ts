// Running a command as another user: sudo, doas, su, runuser. Who runs it decides whose dot files a
// client reads (~/.pg_service.conf, ~/.my.cnf) and what environment it sees.

import type { Invocation } from '../../types.js';
import { scanOptions, hasFlag, optionValue, type OptionSpec } from '../options.js';
import { homeOfUser } from '../expand.js';
import { type Unwrapper, type UserHomes, command, optionsOf, script, takeAssignments } from './step.js';

/** What a user-switching wrapper does before it runs its command. */
export interface UserSwitch {
  user: string;
  /** `reset`: only `kept` survives of the caller's environment (sudo's env_reset, `su -l`). */
  environment: 'reset' | 'keep';
  /** Variable names that survive a reset; a trailing `*` is a prefix (`LC_*`). */
  kept: readonly string[];
  /** HOME (and USER, LOGNAME) become the user's. */
  setHome: boolean;
  /** The command starts in this directory: the user's home for a login shell, or `sudo -D DIR`. */
  cwd?: { home: true } | { dir: string };
  /** Where the command starts in the words (sudo), or the script it runs (`su -c`). */
  rest: { words: number } | { script: string } | undefined;
}

/**
 * sudoers' default `env_reset` keeps only these of the caller's variables (plugins/sudoers/env.c,
 * initial_keepenv_table and initial_checkenv_table): DATABASE_URL, PGHOST, PGSERVICE,
 * PGSERVICEFILE, MYSQL_HOST… are gone, and HOME is the target user's.
 */
const SUDO_KEPT_VARIABLES = [
  'COLORS',
  'DISPLAY',
  'HOSTNAME',
  'KRB5CCNAME',
  'LS_COLORS',
  'PATH',
  'PS1',
  'PS2',
  'XAUTHORITY',
  'XAUTHORIZATION',
  'XDG_CURRENT_DESKTOP',
  'COLORTERM',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'LINGUAS',
  'TERM',
  'TZ',
];
/** `su -l`/`su -` clears everything but these (util-linux su-common.c, modify_environment). */
const SU_LOGIN_KEPT_VARIABLES = ['TERM', 'COLORTERM', 'NO_COLOR'];

const SUDO_SPEC: OptionSpec = optionsOf('sudo', { stopAtPositional: true });
// su and runuser read the same options (util-linux su-common.c).
const SU_SPEC: OptionSpec = optionsOf('su', { stopAtPositional: false });

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

/** The user switch a `sudo`, `su` or `runuser` invocation makes; undefined for other commands. */
export function userSwitchOf(inv: Invocation): UserSwitch | undefined {
  if (inv.name === 'sudo') {
    const scan = scanOptions(inv.args, SUDO_SPEC);
    // These modes list, validate or edit: they run no command.
    if (hasFlag(scan, '-l', '--list', '-v', '--validate', '-V', '--version', '-e', '--edit', '-K', '--remove-timestamp')) return undefined;
    const login = hasFlag(scan, '-i', '--login');
    // `-E`/`--preserve-env` turns env_reset off (sudoers.c), but a login shell resets anyway;
    // `--preserve-env=A,B` keeps those besides the defaults.
    const preserveAll = scan.options.some((option) => (option.flag === '-E' || option.flag === '--preserve-env') && option.value === undefined);
    const preserved = scan.options
      .filter((option) => option.flag === '--preserve-env' && option.value !== undefined)
      .flatMap((option) => splitList(option.value));
    const chdir = optionValue(scan, '-D', '--chdir');
    const reset = login || !preserveAll;
    return {
      user: optionValue(scan, '-u', '--user') ?? 'root',
      environment: reset ? 'reset' : 'keep',
      kept: [...SUDO_KEPT_VARIABLES, ...preserved.filter((name) => name !== 'HOME')],
      // env_reset sets HOME unless it was kept; -H and -i set it always (env.c, rebuild_env).
      setHome: (reset && !preserved.includes('HOME')) || login || hasFlag(scan, '-H', '--set-home'),
      ...(chdir ? { cwd: { dir: chdir } } : login ? { cwd: { home: true } } : {}),
      rest: { words: scan.rest },
    };
  }
  if (inv.name === 'su' || inv.name === 'runuser') {
    const scan = scanOptions(inv.args, SU_SPEC);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // `su -l USER`, `su - USER`: a login shell, started in USER's home with a cleared environment.
    const login = hasFlag(scan, '-l', '--login') || positionals[0] === '-';
    const preserve = !login && hasFlag(scan, '-m', '-p', '--preserve-environment');
    const text = optionValue(scan, '-c', '--command');
    const dashDash = inv.args.findIndex((w) => w.value === '--');
    let rest: UserSwitch['rest'];
    if (text !== undefined) rest = { script: text };
    else if (inv.name === 'runuser' && dashDash !== -1) rest = { words: dashDash + 1 };
    else if (inv.name === 'runuser' && hasFlag(scan, '-u', '--user') && scan.positionals[0] !== undefined) rest = { words: scan.positionals[0] };
    const user = optionValue(scan, '-u', '--user') ?? positionals.find((word) => word !== '-') ?? 'root';
    return {
      user,
      environment: login ? 'reset' : 'keep',
      kept: [...SU_LOGIN_KEPT_VARIABLES, ...splitList(optionValue(scan, '-w', '--whitelist-environment'))],
      setHome: !preserve,
      ...(login ? { cwd: { home: true } } : {}),
      rest,
    };
  }
  return undefined;
}

/** The users a line's wrappers switch to, for the edge to look up their homes. */
export function usersNamedBy(inv: Invocation): string[] {
  const change = userSwitchOf(inv);
  return change && !inv.envUnknown && inv.host.kind === 'local' ? [change.user] : [];
}

function keptBy(names: readonly string[], variable: string): boolean {
  return names.some((name) => (name.endsWith('*') ? variable.startsWith(name.slice(0, -1)) : name === variable));
}

/** The environment the switched-to command sees, and where it starts. */
function switchedEnvironment(
  inv: Invocation,
  change: UserSwitch,
  userHomes: UserHomes,
): { env: Record<string, string>; assigned: Record<string, string>; cwd?: string } {
  const home = userHomes[change.user] ?? homeOfUser(change.user, inv.env.HOME ?? '/root');
  const keep = (vars: Readonly<Record<string, string>>) =>
    change.environment === 'keep' ? { ...vars } : Object.fromEntries(Object.entries(vars).filter(([name]) => keptBy(change.kept, name)));
  const env = keep(inv.env);
  const assigned = keep(inv.assigned);
  if (change.setHome) {
    env.HOME = home;
    assigned.HOME = home;
    if (change.user !== 'root' || change.environment === 'reset') env.USER = env.LOGNAME = change.user;
  }
  const cwd = change.cwd && ('dir' in change.cwd ? change.cwd.dir : home);
  return { env, assigned, ...(cwd ? { cwd } : {}) };
}

export const sudo: Unwrapper = (inv, _envFiles, userHomes) => {
  const change = userSwitchOf(inv);
  if (!change || !change.rest || !('words' in change.rest)) return [];
  // In a remote shell (`ssh db1 sudo -u postgres …`) the environment is unknown anyway.
  const switched = inv.envUnknown ? { env: { ...inv.env }, assigned: { ...inv.assigned } } : switchedEnvironment(inv, change, userHomes);
  // `sudo VAR=value cmd`: sudo sets these after the reset.
  const { env, assigned, rest } = takeAssignments({ ...inv, env: switched.env, assigned: switched.assigned }, inv.args.slice(change.rest.words));
  const cwd = 'cwd' in switched ? switched.cwd : undefined;
  // `sudo -s <<< 'rm …'`, `sudo -i < fix.sh`: with no command, -s/-i start a shell, which runs
  // its standard input.
  if (rest.length === 0 && inv.stdin?.text !== undefined && startsShell(inv))
    return script(`sudo ${startsShell(inv)}`, inv.stdin.text, { env, assigned, ...(cwd ? { cwd } : {}) });
  return command(change.user !== 'root' || hasUserOption(inv) ? `sudo -u ${change.user}` : 'sudo', rest, { env, assigned, ...(cwd ? { cwd } : {}) });
};

/** `-s`/`--shell` or `-i`/`--login` among sudo's own options (before its command). */
function startsShell(inv: Invocation): string | undefined {
  const scan = scanOptions(inv.args, SUDO_SPEC);
  return scan.options.map((option) => option.flag).find((flag) => ['-s', '--shell', '-i', '--login'].includes(flag));
}

function hasUserOption(inv: Invocation): boolean {
  return optionValue(scanOptions(inv.args, SUDO_SPEC), '-u', '--user') !== undefined;
}

export const doas: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf('doas', { stopAtPositional: true }));
  return command('doas', inv.args.slice(scan.rest));
};

/** `su [-] [USER] -c STRING`, `su -l USER -c STRING`, `runuser -u USER -- CMD`. */
export const su: Unwrapper = (inv, _envFiles, userHomes) => {
  const change = userSwitchOf(inv);
  if (!change?.rest) return [];
  const switched = inv.envUnknown ? { env: { ...inv.env }, assigned: { ...inv.assigned } } : switchedEnvironment(inv, change, userHomes);
  const cwd = 'cwd' in switched ? switched.cwd : undefined;
  const extra = { env: switched.env, assigned: switched.assigned, ...(cwd ? { cwd } : {}) };
  if ('script' in change.rest) return script(`${inv.name} -c`, change.rest.script, extra);
  return command(inv.name, inv.args.slice(change.rest.words), extra);
};
