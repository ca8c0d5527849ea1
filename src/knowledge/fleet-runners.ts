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
// postgres.db_remove/user_remove, mysql.db_remove, redis.flushall/flushdb, pkg.remove/purge,
// user.delete, lvm.lvremove, disk.format, dockermod.remove_volume.

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
  'postgres.user_remove': as('dropuser {0}'),
  'redis.flushall': as('redis-cli FLUSHALL'),
  'redis.flushdb': as('redis-cli FLUSHDB'),
  'pkg.remove': as('apt-get remove -y {0}'),
  'pkg.purge': as('apt-get purge -y {0}'),
  'user.delete': as('userdel {0}'),
  // lvm.lvremove LVNAME VGNAME; disk.format DEVICE (mkfs); dockermod's remove_volume NAME.
  'lvm.lvremove': as('lvremove -f {1}/{0}'),
  'disk.format': as('mkfs {0}'),
  'docker.remove_volume': as('docker volume rm {0}'),
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

/**
 * Ansible modules whose arguments describe a change that amounts to a command line (`ansible db
 * -m postgresql_db -a "name=app state=absent"` is `dropdb app` on each host: configuration
 * management deletes without a literal rm). Each action applies when every `when` argument holds
 * one of its values (case-insensitive; TRUE_WORDS for a boolean); its template is rendered by
 * renderModuleTemplate. Sources: docs.ansible.com — community.postgresql (postgresql_db,
 * postgresql_table, postgresql_query, postgresql_user), community.mysql (mysql_db, mysql_query,
 * mysql_user), community.general (redis, filesystem, lvol), community.docker.docker_volume,
 * ansible.builtin (service, systemd, file, user, package, apt, yum, dnf). Salt's SALT_FUNCTIONS
 * templates are rendered the same way, their positional arguments named `0`, `1`, ….
 */
export interface AnsibleModuleAction {
  when: Readonly<Record<string, readonly string[]>>;
  template: string;
}

/** Ansible's true booleans (`force=yes`, `remove=true`). */
export const TRUE_WORDS: readonly string[] = ['yes', 'true', 'y', 'on', '1'];

const PG_CONNECTION = '[-h {login_host}] [-p {port|login_port}] [-U {login_user}]';
const PG_DATABASE = '[-d {db|login_db|database}]';
const MYSQL_CONNECTION = '[-h {login_host}] [-P {login_port}] [-u {login_user}]';
const REDIS_CONNECTION = '[-h {login_host}] [-p {login_port}]';
const ABSENT = { state: ['absent'] };

const SERVICE_ACTIONS: readonly AnsibleModuleAction[] = [
  { when: { state: ['stopped'] }, template: 'systemctl stop {name}' },
  { when: { state: ['restarted'] }, template: 'systemctl restart {name}' },
];

export const ANSIBLE_MODULE_ACTIONS: Readonly<Record<string, readonly AnsibleModuleAction[]>> = table({
  // `-m service -a 'name=postgresql state=stopped'` is `systemctl stop postgresql`; `-m file …
  // state=absent` removes the path, a whole tree included.
  service: SERVICE_ACTIONS,
  systemd: SERVICE_ACTIONS,
  systemd_service: SERVICE_ACTIONS,
  file: [{ when: ABSENT, template: 'rm -rf {path|dest|name}' }],
  postgresql_db: [{ when: ABSENT, template: `dropdb ${PG_CONNECTION} {name|db|datname}` }],
  postgresql_table: [
    { when: ABSENT, template: `psql ${PG_CONNECTION} ${PG_DATABASE} -c 'DROP TABLE {name|table!identifier}'` },
    { when: { truncate: TRUE_WORDS }, template: `psql ${PG_CONNECTION} ${PG_DATABASE} -c 'TRUNCATE {name|table!identifier}'` },
  ],
  postgresql_query: [
    { when: {}, template: `psql ${PG_CONNECTION} ${PG_DATABASE} -c {query}` },
    { when: {}, template: `psql ${PG_CONNECTION} ${PG_DATABASE} -f {path_to_script}` },
  ],
  postgresql_user: [{ when: ABSENT, template: `dropuser ${PG_CONNECTION} {name|user}` }],
  mysql_db: [{ when: ABSENT, template: `mysqladmin -f ${MYSQL_CONNECTION} drop {name|db}` }],
  mysql_query: [{ when: {}, template: `mysql ${MYSQL_CONNECTION} [{login_db}] -e {query}` }],
  mysql_user: [{ when: ABSENT, template: `mysql ${MYSQL_CONNECTION} -e 'DROP USER {name|user!identifier}'` }],
  redis: [
    { when: { command: ['flush'], flush_mode: ['all'] }, template: `redis-cli ${REDIS_CONNECTION} FLUSHALL` },
    { when: { command: ['flush'], flush_mode: ['db'] }, template: `redis-cli ${REDIS_CONNECTION} [-n {db}] FLUSHDB` },
  ],
  // Without force, filesystem refuses a device that already holds one.
  filesystem: [{ when: { force: TRUE_WORDS }, template: 'mkfs -t {fstype|type} {dev|device}' }],
  lvol: [{ when: ABSENT, template: 'lvremove -f {vg}/{lv}' }],
  docker_volume: [{ when: ABSENT, template: 'docker volume rm {name|volume_name}' }],
  user: [
    { when: { state: ['absent'], remove: TRUE_WORDS }, template: 'userdel -r {name|user}' },
    { when: ABSENT, template: 'userdel {name|user}' },
  ],
  ...Object.fromEntries(
    ['package', 'apt', 'yum', 'dnf'].map((name) => [
      name,
      [
        { when: { state: ['absent', 'removed'], purge: TRUE_WORDS }, template: 'apt-get purge -y {name|pkg}' },
        { when: { state: ['absent', 'removed'] }, template: 'apt-get remove -y {name|pkg}' },
      ],
    ]),
  ),
});

/**
 * A module action's command line for these arguments, or undefined. `{a|b}` is the first of the
 * arguments given (quoted for the shell); `{a!identifier}` is written into quoted SQL, so only a
 * plain name (letters, digits, `_`, `.`, `$`) is; `[…]` is left out when an argument in it is
 * missing. A required argument missing: no command.
 */
export function renderModuleTemplate(template: string, args: Readonly<Record<string, string>>, quote: (value: string) => string): string | undefined {
  const value = (names: string): string | undefined => {
    const [alternatives, filter] = names.split('!');
    const given = alternatives!
      .split('|')
      .map((name) => (Object.hasOwn(args, name) ? args[name] : undefined))
      .find((candidate) => candidate !== undefined && candidate !== '');
    if (given === undefined) return undefined;
    if (filter === 'identifier') return /^[A-Za-z_][\w.$]*$/.test(given) ? given : undefined;
    return quote(given);
  };
  const fill = (text: string): string | undefined => {
    let missing = false;
    const filled = text.replace(/\{([^}]+)\}/g, (_whole, names: string) => value(names) ?? ((missing = true), ''));
    return missing ? undefined : filled;
  };
  const withOptional = template.replace(/\[([^\]]+)\]/g, (_whole, inner: string) => fill(inner) ?? '');
  return fill(withOptional)?.replace(/\s+/g, ' ').trim();
}

/** Whether a module action applies to these arguments. */
export function moduleActionApplies(action: AnsibleModuleAction, args: Readonly<Record<string, string>>): boolean {
  return Object.entries(action.when).every(([key, values]) => {
    const given = Object.hasOwn(args, key) ? args[key]!.toLowerCase() : undefined;
    return given !== undefined && values.includes(given);
  });
}
