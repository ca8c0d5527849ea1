// Fleet runners that run one function on many hosts: SaltStack's `salt TARGET FUNCTION ARGS…`
// (from the master, over its minions) and `salt-ssh TARGET FUNCTION ARGS…` (over ssh, from a
// roster). What each execution function does on the minions is data here: a shell line
// (`cmd.run 'rm -rf /var/lib/postgresql'` runs it with the minion's shell), or the command line
// it amounts to (`file.remove PATH` is `rm -rf PATH`, `service.stop NAME` is `systemctl stop
// NAME`). The wrapper (parse/wrappers/remote.ts) judges that line on the targeted hosts, as
// `ansible -m shell -a …` and `pdsh -w … CMD` are judged (GitLab 2017: the command was right,
// the host was wrong — and a fleet runner makes every host the host).
//
// Sources: docs.saltproject.io — salt(1), salt-ssh(1) (targeting options -E -L -G -N -C -I -R
// -S, `-r/--raw-shell`), execution modules cmdmod (run, run_all, run_stdout, run_stderr, shell,
// run_bg, retcode), file.remove, service.stop/restart, system.reboot/poweroff/shutdown/halt,
// postgres.db_remove, mysql.db_remove.

import { table } from '../util/dict.js';

/**
 * What a Salt execution function runs on each minion: `shell-line` — its first argument (or
 * `cmd=`) is a shell line; otherwise a command line template over its positional arguments
 * (`{0}` the first), judged as what it does.
 */
export type SaltFunction = { kind: 'shell-line' } | { kind: 'command'; template: string };

const shellLine: SaltFunction = { kind: 'shell-line' };
const as = (template: string): SaltFunction => ({ kind: 'command', template });

export const SALT_FUNCTIONS: Readonly<Record<string, SaltFunction>> = table({
  'cmd.run': shellLine,
  'cmd.run_all': shellLine,
  'cmd.run_stdout': shellLine,
  'cmd.run_stderr': shellLine,
  'cmd.run_bg': shellLine,
  'cmd.run_chroot': shellLine,
  'cmd.shell': shellLine,
  'cmd.retcode': shellLine,
  'cmd.exec_code': shellLine,
  // file.remove deletes a file or a whole directory tree (shutil.rmtree).
  'file.remove': as('rm -rf {0}'),
  'file.truncate': as('truncate -s {1} {0}'),
  'service.stop': as('systemctl stop {0}'),
  'service.restart': as('systemctl restart {0}'),
  'service.disable': as('systemctl disable --now {0}'),
  'system.reboot': as('reboot'),
  'system.poweroff': as('poweroff'),
  'system.shutdown': as('shutdown -h now'),
  'system.halt': as('halt'),
  'postgres.db_remove': as('dropdb {0}'),
  'mysql.db_remove': as('mysqladmin -f drop {0}'),
});

/** Salt's targeting options: the target operand is then not a host glob but a grain, list, … */
export const SALT_TARGETING: Readonly<Record<string, string>> = table({
  '-E': 'minions whose id matches the regular expression',
  '--pcre': 'minions whose id matches the regular expression',
  '-G': 'minions with the grain',
  '--grain': 'minions with the grain',
  '-P': 'minions with the grain matching',
  '--grain-pcre': 'minions with the grain matching',
  '-N': 'minions of the nodegroup',
  '--nodegroup': 'minions of the nodegroup',
  '-C': 'minions matching the compound target',
  '--compound': 'minions matching the compound target',
  '-I': 'minions with the pillar value',
  '--pillar': 'minions with the pillar value',
  '-R': 'minions of the range',
  '--range': 'minions of the range',
  '-S': 'minions in the network',
  '--ipcidr': 'minions in the network',
});

/** `-L`/`--list`: the target operand is a comma-separated list of minion ids. */
export const SALT_LIST_FLAGS: readonly string[] = ['-L', '--list'];

/** salt-ssh `-r`/`--raw`/`--raw-shell`: the words after the target are a shell line, not a function. */
export const SALT_RAW_FLAGS: readonly string[] = ['-r', '--raw', '--raw-shell'];

/** Modes that run nothing on the minions (documentation, a test run of states is still a run). */
export const SALT_DRY_FLAGS: readonly string[] = ['-d', '--doc', '--documentation', '-h', '--help', '--version', '--versions-report'];

/**
 * A glob target that matches every minion: the whole fleet the master (or roster) manages,
 * production hosts among them.
 */
export function isWholeFleet(pattern: string): boolean {
  return /^\*+$/.test(pattern.trim());
}
