// What the command line of every tool other than a database client means, written once: which of
// its options take a value (database clients are in commands.ts). Rule matching reads it to tell a
// tool's operands from its options' values (`kubectl --context prod delete ns x`: `prod` is the
// context, `delete` the verb), so a rule names only the words it is about; before, every rule
// repeated the options of the tools it named (`options-with-values`), and the copies differed
// between rules about the same tool. The wrappers (parse/wrappers.ts) read the same tables to
// find where their own options end and the command they run begins (`sudo -u app rm …`), and
// `COMMAND_RUNNERS` lists the wrappers that need nothing more than that.
//
// Adding a tool, a wrapper of the `nohup CMD…` kind, or an option is one entry here. An option
// missing from the table is read as a flag: its value then counts as an operand, so a rule may
// miss (`kubectl --as x delete`) or a wrapper run the wrong word.

import { CLOUD_CLI_TOOL_OPTIONS } from './cloud-clis.js';
import { KUBE_CLIENT_TOOL_OPTIONS } from './kube-clients.js';
import { SERVICE_TOOL_OPTIONS } from './service-endpoints.js';
import { table } from '../util/dict.js';

export interface ToolOptions {
  /** Short option letters that take a value, attached (`-nprod`) or as the next word (`-n prod`). */
  shortWithValue?: string;
  /** Long options (without dashes) that take a value (`context` for `--context NAME`). */
  longWithValue?: readonly string[];
  /** Single-dash long options that take a value, as find and terraform write them (`-chdir`). */
  singleDashWithValue?: readonly string[];
  /** `-0`, `-10` are options of this tool (`xargs -0`, `nice -10`), never a positional word. */
  digitOptions?: boolean;
  /** Go's pflag (kubectl, helm): `-n=prod` is `-n` with the value `prod`, not `=prod`. */
  pflag?: boolean;
}

function options(shortWithValue: string, longWithValue: readonly string[] = [], singleDashWithValue: readonly string[] = []): ToolOptions {
  return {
    ...(shortWithValue ? { shortWithValue } : {}),
    ...(longWithValue.length > 0 ? { longWithValue } : {}),
    ...(singleDashWithValue.length > 0 ? { singleDashWithValue } : {}),
  };
}

function withDigitOptions(table: ToolOptions): ToolOptions {
  return { ...table, digitOptions: true };
}

/** The same table under several names: each name is one tool to the rules. */
function each(names: readonly string[], table: ToolOptions): Record<string, ToolOptions> {
  return Object.fromEntries(names.map((name) => [name, table]));
}

// Rails-style task runners and the framework consoles the reset rules name: the environment and
// settings they run with. The same table serves `python manage.py …`, `php artisan …` and the
// other runners named by the interpreter that runs them.
const TASK_RUNNER = ['environment', 'settings', 'database', 'knexfile', 'env', 'em', 'connection'];
const FRAMEWORK_CLI = ['env', 'schema', 'database', 'settings', 'config', 'dataSource', 'repo'];
// Package managers' options that pick a project (npm --prefix/-w, pnpm -C/--filter, yarn --cwd):
// `npm --prefix api test`, `pnpm -C api test` run api's tests.
const PACKAGE_PROJECT = ['prefix', 'cwd', 'filter', 'workspace'];
// Migration tools (flyway, liquibase, alembic, dbmate, goose, migrate, sequelize): the database
// and the files they migrate with. flyway writes its options with one dash (`-url=…`).
const MIGRATION_TOOL = options(
  'udcx',
  // dbmate's --env-file and --migrations-dir, liquibase's --defaults-file and alembic's --name.
  [
    'url',
    'username',
    'password',
    'changelog-file',
    'database',
    'path',
    'dir',
    'config',
    'host',
    'port',
    'db',
    'nsInclude',
    'uri',
    'env-file',
    'migrations-dir',
    'defaults-file',
    'defaultsFile',
    'name',
  ],
  // goose writes its options with one dash too (`goose -dir migrations postgres URL reset`).
  // golang-migrate: `migrate -source file://db/migrations -database URL down -all`.
  ['url', 'user', 'password', 'schemas', 'locations', 'configFiles', 'configFile', 'environment', 'database', 'path', 'dir', 'table', 'certfile', 'source'],
);
const IPTABLES = options('tADIRNEpsdiojgmc', [
  'table',
  'append',
  'delete',
  'insert',
  'replace',
  'new-chain',
  'rename-chain',
  'protocol',
  'source',
  'destination',
  'in-interface',
  'out-interface',
  'jump',
  'goto',
  'match',
  'set-counters',
  'dport',
  'sport',
  'dports',
  'sports',
  'state',
  'ctstate',
  'to-destination',
  'to-source',
  'to-ports',
  'comment',
  'uid-owner',
  'limit',
  'limit-burst',
  'log-prefix',
  'reject-with',
  'icmp-type',
  'set-mark',
  'mark',
]);
// mkfs and its family (mkfs.ext4, mke2fs, mkswap, mkfs.xfs…), blkdiscard and shred.
const FILESYSTEM_MAKER = options('tLbnsOEmNUdol', ['type', 'label', 'block-size', 'iterations', 'size', 'uuid', 'offset', 'length']);
// Tools that write a file's bytes or size in place (truncate, fallocate, tee, pg_resetwal).
const FILE_WRITER = options('srolcemOxu', ['size', 'reference', 'offset', 'length']);
// Backup tools (kopia): the repository and what `forget`/`prune` keeps.
const BACKUP = options('ro', ['repo', 'option', 'password-file', 'cache-dir', 'keep-last', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-within']);
// docker and podman global options (-H, --context…) and those of rm, volume, system prune and
// compose down. Not -f: it is --force for prune and --file for compose (a rule about a compose
// file names it with a `*.yml` pattern).
const CONTAINER = options('Hcpt', [
  'host',
  'context',
  'config',
  'file',
  'project-name',
  'project-directory',
  'env-file',
  'profile',
  'filter',
  'timeout',
  'rmi',
  'log-level',
]);
// Service managers and database server controls: `pg_ctl -D DIR -m MODE stop`, pg_ctlcluster,
// systemctl and service (mysqladmin is a database client: its table is in commands.ts).
const SERVER_CONTROL = options('DmlothuPS', ['pgdata', 'mode', 'log', 'options', 'timeout', 'host', 'user', 'port', 'socket', 'signal']);
// systemctl(1): `-s KILL` (the signal of `kill`), `-t TYPE`, `-p PROP`, `-H HOST`, `-M MACHINE`.
const SYSTEMCTL = options('tpsoHMn', [
  'type',
  'property',
  'signal',
  'kill-whom',
  'kill-value',
  'output',
  'host',
  'machine',
  'lines',
  'state',
  'root',
  'image',
  'what',
  'job-mode',
  'when',
  'preset-mode',
  'message',
  'timestamp',
  'drop-in',
]);
// rsync's popt table (options.c): the options with a value the rules meet.
const RSYNC = options('efTBM', [
  'rsh',
  'info',
  'debug',
  'exclude',
  'include',
  'filter',
  'exclude-from',
  'include-from',
  'files-from',
  'backup-dir',
  'suffix',
  'chmod',
  'chown',
  'log-file',
  'password-file',
  'rsync-path',
  'bwlimit',
  'partial-dir',
  'temp-dir',
  'timeout',
  'port',
  'compare-dest',
  'copy-dest',
  'link-dest',
  'max-delete',
]);

// HTTPie's options that take a value (`http --help`, 3.x; xh and curlie accept the same):
// `http -a user:pw DELETE URL` names the method after the credentials.
const HTTPIE_OPTIONS = options('aApsoF', [
  'auth',
  'auth-type',
  'print',
  'style',
  'output',
  'session',
  'session-read-only',
  'verify',
  'cert',
  'cert-key',
  'cert-key-pass',
  'ssl',
  'ciphers',
  'proxy',
  'timeout',
  'max-redirects',
  'max-headers',
  'pretty',
  'format-options',
  'response-charset',
  'response-mime',
  'boundary',
  'default-scheme',
  'unix-socket',
  'bearer',
  'http-version',
]);

// curl's options that take a value (curl --help all, 8.x): `-XDELETE` is the method DELETE, and
// `-H 'Host: x'` a header, never a URL.
const CURL = options('AbcCdDeEFHKmoPQrTtuUwxXyYz', [
  'request',
  'url',
  'data',
  'data-raw',
  'data-binary',
  'data-urlencode',
  'data-ascii',
  'json',
  'header',
  'proxy-header',
  'user',
  'proxy-user',
  'output',
  'output-dir',
  'user-agent',
  'cookie',
  'cookie-jar',
  'cert',
  'key',
  'cacert',
  'capath',
  'config',
  'max-time',
  'connect-timeout',
  'retry',
  'retry-delay',
  'retry-max-time',
  'form',
  'form-string',
  'proxy',
  'referer',
  'resolve',
  'connect-to',
  'write-out',
  'upload-file',
  'range',
  'oauth2-bearer',
  'aws-sigv4',
  'unix-socket',
  'abstract-unix-socket',
  'interface',
  'dump-header',
  'variable',
  'limit-rate',
  'max-filesize',
  'continue-at',
  'trace',
  'trace-ascii',
  'stderr',
  'netrc-file',
  'pass',
]);
// wget's options that take a value, as it writes them (`--method=DELETE`, `-O file`).
const WGET = options('OoaeiBtTwPUQY', [
  'method',
  'body-data',
  'body-file',
  'post-data',
  'post-file',
  'header',
  'output-document',
  'output-file',
  'append-output',
  'user',
  'password',
  'http-user',
  'http-password',
  'user-agent',
  'directory-prefix',
  'input-file',
  'tries',
  'timeout',
  'wait',
  'load-cookies',
  'save-cookies',
  'certificate',
  'private-key',
  'ca-certificate',
  'execute',
]);

// ---- Wrappers: commands that run another command (parse/wrappers.ts reads where their options
// end). Sources: each tool's getopt string or man page (sudo(8), env(1), xargs(1), ssh(1)…).
// A subcommand's own options are under `TOOL SUBCOMMAND` (`docker exec`, `heroku run`).

/** Connection, privilege and vault options ansible and ansible-playbook both take a value for. */
const ANSIBLE_SHARED_OPTIONS = [
  'user',
  'connection',
  'timeout',
  'private-key',
  'key-file',
  'ssh-common-args',
  'sftp-extra-args',
  'scp-extra-args',
  'ssh-extra-args',
  'become-method',
  'become-user',
  'become-password-file',
  'connection-password-file',
  'vault-id',
  'vault-password-file',
  'vault-pass-file',
];

const PSSH = options('hHlpoetOxX', ['hosts', 'host', 'user', 'par', 'outdir', 'errdir', 'timeout', 'option', 'extra-args', 'extra-arg']);
const SHELL = options('oO', ['rcfile', 'init-file']);

/** Wrappers whose first operand is the command they run, with nothing else to read: `nohup CMD…`. */
export const COMMAND_RUNNERS: readonly string[] = [
  'builtin',
  'exec',
  'nohup',
  'setsid',
  'nice',
  'nsenter',
  'pkexec',
  'systemd-run',
  'ionice',
  'stdbuf',
  'time',
  'chronic',
  'unbuffer',
  'caffeinate',
  'sshpass',
  'strace',
  'busybox',
  'be',
  // Namespaces, sandboxes and proxies that run their operands as they are.
  'unshare',
  'firejail',
  'torsocks',
  'proxychains',
  'proxychains4',
  'numactl',
  // Node's package-manager shim: `corepack pnpm run X` is `pnpm run X` at the pinned version.
  'corepack',
];

/**
 * Runners that take operands of their own before the command: `taskset [-c] MASK CMD…`, `chrt
 * [-i] PRIORITY CMD…` (scheduling). With `-p` they act on a running process and run nothing.
 */
export const RUNNERS_AFTER_OPERANDS: Readonly<Record<string, { operands: number; noCommand: readonly string[] }>> = table({
  taskset: { operands: 1, noCommand: ['-p', '--pid'] },
  chrt: { operands: 1, noCommand: ['-p', '--pid', '-m', '--max'] },
});

/**
 * ssh accounts whose forced command is a tool (`command="dokku …"` in authorized_keys): `ssh
 * dokku@HOST apps:destroy APP` runs `dokku apps:destroy APP` on HOST, not a shell line.
 * Source: dokku.com/docs/deployment/remote-commands.
 */
export const SSH_FORCED_COMMANDS: Readonly<Record<string, string>> = table({
  dokku: 'dokku',
});

/**
 * Task runners that chain several of their own tasks in one call: `mix do ecto.drop, ecto.create`
 * (Elixir; `+` separates them since 1.14), `lein do clean, test` (Leiningen). Each task is its own
 * run of the tool (`mix ecto.drop`), judged as such. Sources: `mix help do`, `lein help do`.
 */
export const TASK_CHAINS: Readonly<Record<string, { word: string; separators: readonly string[] }>> = table({
  mix: { word: 'do', separators: [',', '+'] },
  lein: { word: 'do', separators: [','] },
});

/**
 * Programs that are another command under a different name, with the options they always apply:
 * `rimraf DIR` (npm's rm -rf, run through npx, pnpm dlx, bunx) is `rm -rf DIR`.
 */
export const COMMAND_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = table({
  rimraf: ['rm', '-rf'],
  // kubecolor colours kubectl's output and passes every argument to it.
  kubecolor: ['kubectl'],
  'del-cli': ['rm', '-rf'],
  // GitLab Omnibus's wrappers run psql on its bundled PostgreSQL's socket (GitLab 2017's db1):
  // `gitlab-psql -d gitlabhq_production -c '…'` is psql there.
  'gitlab-psql': ['psql'],
  'gitlab-geo-psql': ['psql'],
});

const WRAPPER_OPTIONS: Readonly<Record<string, ToolOptions>> = table({
  sudo: options('ugCDhprtUTR', ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout', 'chroot']),
  doas: options('uC'),
  env: options('uCS', ['unset', 'chdir', 'split-string', 'default-signal', 'ignore-signal', 'block-signal']),
  timeout: options('sk', ['signal', 'kill-after']),
  xargs: withDigitOptions(
    options('adEIiJLlnPs', ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var']),
  ),
  ...each(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash'], SHELL),
  ...each(['su', 'runuser'], options('cgGsuw', ['command', 'group', 'supp-group', 'shell', 'user', 'whitelist-environment', 'session-command'])),
  exec: options('a'),
  // BSD-style `nice -10 cmd` is an adjustment, not a command.
  nice: withDigitOptions(options('n', ['adjustment'])),
  chroot: options('', ['userspec', 'groups']),
  nsenter: options('tSGrwTnmuipUC', ['target', 'setuid', 'setgid', 'root', 'wd']),
  // unshare(1): the namespace options take an optional =file; these take a value.
  unshare: options('SGRw', ['setuid', 'setgid', 'root', 'wd', 'propagation', 'map-user', 'map-group', 'map-users', 'map-groups', 'setgroups']),
  numactl: options('CNmpi', ['physcpubind', 'cpunodebind', 'membind', 'preferred', 'interleave']),
  pkexec: options('', ['user']),
  'systemd-run': options('pEMuH', [
    'unit',
    'property',
    'description',
    'slice',
    'uid',
    'gid',
    'working-directory',
    'setenv',
    'machine',
    'host',
    'on-calendar',
    'on-active',
    'timer-property',
  ]),
  screen: options('SpTtcehsL'),
  // The options of tmux's new-session, new-window, split-window, respawn-pane and run-shell.
  'tmux new-session': options('sncFtxyeSlpcTL'),
  // tmux send-keys [-lRMX] [-N count] [-t target-pane] key…
  'tmux send-keys': options('Nt'),
  ionice: options('cnp', ['class', 'classdata', 'pid']),
  taskset: options(''),
  chrt: options('TPD', ['sched-runtime', 'sched-period', 'sched-deadline']),
  stdbuf: options('ioe', ['input', 'output', 'error']),
  time: options('fo', ['format', 'output']),
  caffeinate: options('tw'),
  sshpass: options('pfdP'),
  strace: options('eoOpPsSuUX'),
  watch: options('nqd', ['interval', 'differences']),
  flock: options('wEc', ['timeout', 'conflict-exit-code', 'command']),
  script: options('cEIOTBm', ['command', 'echo', 'log-in', 'log-out', 'log-timing', 'logging-format']),
  'docker exec': options('euw', ['env', 'env-file', 'user', 'workdir', 'detach-keys', 'index']),
  // docker compose's own options (before its subcommand) and those of `compose run` (docs.docker.com).
  'docker compose': options('fpcH', ['file', 'project-name', 'project-directory', 'env-file', 'profile', 'ansi', 'progress', 'parallel', 'host', 'context']),
  'docker compose run': options('euwlvp', [
    'env',
    'env-from-file',
    'user',
    'workdir',
    'label',
    'volume',
    'publish',
    'name',
    'entrypoint',
    'cap-add',
    'cap-drop',
    'pull',
  ]),
  'heroku run': options('aresx', ['app', 'remote', 'env', 'size', 'type']),
  'aws-vault exec': options('d', ['duration', 'region', 'mfa-token']),
  uv: options('', ['with', 'python', 'package', 'env-file']),
  foreman: options('efd', ['env', 'procfile', 'root']),
  dotenv: options('evcf', ['env-file']),
  'dotenvx run': options('f', ['env-file', 'env', 'convention']),
  'op run': options('', ['env-file', 'account']),
  // Secret stores that set the command's environment (parse/wrappers/env-runners.ts).
  'infisical run': options('e', ['env', 'path', 'projectId', 'token', 'domain', 'command', 'tags', 'watch-interval']),
  'sops exec-env': options('', ['user', 'input-type', 'output-type', 'filename', 'config']),
  'sops exec-file': options('', ['user', 'input-type', 'output-type', 'filename', 'config']),
  envchain: options('', []),
  summon: options('pfeD', ['provider', 'environment', 'up']),
  // env-cmd (v10): `-f FILE`, `-e ENV[,ENV]` from the rc file (`-r`, default .env-cmdrc[.json]).
  'env-cmd': options('fer', ['file', 'environments', 'rc-file']),
  // doppler run: the project and config whose secrets become the command's environment.
  'doppler run': options('pc', ['project', 'config', 'token', 'scope', 'mount', 'mount-format', 'mount-template', 'fallback', 'command', 'name-transformer']),
  // Remote shells: OpenSSH reads options again after the destination (`ssh db1 -t cmd`).
  ssh: withDigitOptions(options('BbcDEeFIiJLlmOopQRSWw')),
  // scp's getopt string (scp.c): `-P port`, `-i identity`, `-J jump`, `-o option`, `-S program`…
  scp: withDigitOptions(options('cDFiJlMoPSX')),
  mosh: options('p', ['client', 'server', 'ssh', 'port', 'predict', 'bind-server', 'family', 'experimental-remote-ip', 'predict-overwrite']),
  // ansible's value options (ansible --help): its own, then those it shares with ansible-playbook.
  ansible: options('aBefilMmPtucT', [
    'args',
    'background',
    'extra-vars',
    'forks',
    'inventory',
    'inventory-file',
    'limit',
    'module-path',
    'module-name',
    'poll',
    'tree',
    'playbook-dir',
    'task-timeout',
    ...ANSIBLE_SHARED_OPTIONS,
  ]),
  // ansible-playbook's value options (ansible-playbook --help): the ad-hoc ones and the play ones.
  'ansible-playbook': options('efilMtucT', [
    'extra-vars',
    'forks',
    'inventory',
    'inventory-file',
    'limit',
    'module-path',
    'tags',
    'skip-tags',
    'start-at-task',
    ...ANSIBLE_SHARED_OPTIONS,
  ]),
  ...each(['pssh', 'parallel-ssh'], PSSH),
  // salt(1) and salt-ssh(1): timeouts, batches, config, output, returners, eauth, roster and key
  // (knowledge/fleet-runners.ts says what the functions run).
  ...each(
    ['salt', 'salt-ssh', 'salt-call'],
    options('tbcla', [
      'timeout',
      'batch-size',
      'batch',
      'batch-wait',
      'config-dir',
      'log-level',
      'log-file',
      'log-file-level',
      'out',
      'output',
      'out-indent',
      'output-indent',
      'out-file',
      'output-file',
      'auth',
      'eauth',
      'external-auth',
      'return',
      'return_config',
      'return_kwargs',
      'module-executors',
      'subset',
      'args-separator',
      'delimiter',
      'roster',
      'roster-file',
      'priv',
      'user',
      'passwd',
      'ssh-option',
      'thin-extra-modules',
      'extra-filerefs',
      'saltfile',
      'state-output',
      'state-verbose',
    ]),
  ),
  pdsh: options('wxgXlRftuM'),
  mussh: options('hHcCiolpmtsJPL'),
  // knife's common options (`knife ssh --help`): attribute, user, identity, config, server.
  knife: options('aCxiPpcsuEV', [
    'attribute',
    'concurrency',
    'ssh-user',
    'ssh-password',
    'ssh-port',
    'ssh-identity-file',
    'identity-file',
    'config',
    'server-url',
    'user',
    'key',
    'environment',
    'ssh-gateway',
  ]),
  fab: options('HiRSrfc', [
    'hosts',
    'identity',
    'roles',
    'ssh-config',
    'search-root',
    'config',
    'collection',
    'prompt-for-login-password',
    'connect-timeout',
    'command-timeout',
  ]),
  // Deploy tools that run a command on hosts: Puppet Bolt (`bolt command run CMD --targets
  // HOSTS`), pyinfra (`pyinfra INVENTORY exec -- CMD`), Deployer (`dep run CMD SELECTOR`).
  bolt: options('tunpi', [
    'targets',
    'nodes',
    'query',
    'rerun',
    'user',
    'password',
    'private-key',
    'run-as',
    'sudo-password',
    'inventoryfile',
    'project',
    'concurrency',
    'transport',
    'connect-timeout',
    'env-var',
    'log-level',
    'format',
    'modulepath',
  ]),
  pyinfra: options('', [
    'user',
    'port',
    'key',
    'key-password',
    'password',
    'sudo-user',
    'su-user',
    'parallel',
    'limit',
    'data',
    'group-data',
    'config',
    'chdir',
    'shell-executable',
  ]),
  dep: options('f', ['file', 'option', 'hosts', 'roles', 'revision', 'branch', 'tag', 'log']),
  clush: options('wxgXlftuoRsO', [
    'nodes',
    'exclude',
    'group',
    'user',
    'fanout',
    'connect_timeout',
    'command_timeout',
    'options',
    'worker',
    'groupsource',
    'hostfile',
    'option',
    'dest',
    'pick',
    'topology',
    'color',
    'diff',
  ]),
});

/**
 * Package managers that run a package.json script (`npm run X`, `npm test`, `yarn X`, `pnpm X`,
 * `bun run X`): how their options read, which subcommands run a script, and which options say
 * whose package.json (parse/scripts.ts reads the script; the shell prefilter sends the
 * subcommands on). Sources: npm's config docs (`-C` is `--prefix`, `-w` `--workspace`), yarn's
 * and bun's `--cwd`, pnpm's `-C`/`--dir` and `--filter`/`-F` (pnpm's `-w` is
 * `--workspace-root`, a switch).
 */
export interface PackageScriptRunner {
  options: ToolOptions;
  /** Subcommands that run the script named after them. */
  run: readonly string[];
  /** Subcommands that run a script of their own (`npm test`, `npm t`, `npm start`). */
  aliases: Readonly<Record<string, string>>;
  /** A bare script name runs it (`yarn build`), unless it is one of the runner's own commands. */
  bareName: boolean;
  /** The script's arguments are the words after `--` (npm), not every word after its name. */
  argsAfterDashDash: boolean;
  /** Runs `preX` and `postX` around `X` (npm, Yarn 1). */
  lifecycle: boolean;
  /** Options naming the package's folder. */
  directory: readonly string[];
  /** Options picking packages of a workspace: which package.json runs is then not known. */
  filter: readonly string[];
  /** Options naming ONE package of a workspace, by name or folder (`npm -w @app/db`, `pnpm -F
   *  ./packages/db`), and the subcommand that does (`yarn workspace @app/db run reset`). A name
   *  is looked for in the folders workspaces conventionally live in (WORKSPACE_FOLDERS). */
  workspace: { options: readonly string[]; subcommand?: string };
  /** The file holding the scripts: package.json, or composer.json for Composer. */
  manifest: 'package.json' | 'composer.json';
}

/** Where a monorepo's packages live, for a package named in `yarn workspace NAME` (the folder is
 *  the name's last part: `@app/db` → packages/db, apps/db, …, or db at the root). */
export const WORKSPACE_FOLDERS: readonly string[] = ['packages', 'apps', 'services', 'libs', 'modules', 'workspaces', '.'];

const NPM_RUN = ['run', 'run-script', 'rum', 'urn'];
const YARN_LIKE = {
  run: ['run', 'run-script'],
  aliases: {},
  argsAfterDashDash: false,
  directory: ['--cwd', '--dir', '-C'],
  filter: [],
  manifest: 'package.json' as const,
};

export const PACKAGE_SCRIPT_RUNNERS: Readonly<Record<string, PackageScriptRunner>> = table({
  npm: {
    options: options('Cw', [...PACKAGE_PROJECT, 'script-shell']),
    run: NPM_RUN,
    aliases: { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' },
    bareName: false,
    argsAfterDashDash: true,
    lifecycle: true,
    directory: ['--prefix', '-C'],
    // `--workspaces`/`-ws` run the script in every package: which ones is not known.
    filter: ['--workspaces', '-ws'],
    workspace: { options: ['--workspace', '-w'] },
    manifest: 'package.json',
  },
  yarn: {
    ...YARN_LIKE,
    options: options('Cw', [...PACKAGE_PROJECT, 'dir']),
    bareName: true,
    lifecycle: true,
    workspace: { options: [], subcommand: 'workspace' },
  },
  pnpm: {
    ...YARN_LIKE,
    options: options('CF', ['prefix', 'cwd', 'filter', 'dir']),
    // `-r`/`--recursive` runs it in every package.
    filter: ['--recursive', '-r'],
    bareName: true,
    lifecycle: false,
    workspace: { options: ['--filter', '-F'] },
  },
  bun: { ...YARN_LIKE, options: options('Cw', [...PACKAGE_PROJECT, 'dir']), bareName: false, lifecycle: false, workspace: { options: ['--filter'] } },
  // Composer (https://getcomposer.org/doc/articles/scripts.md): `composer run-script NAME`,
  // `composer run NAME` or `composer NAME` runs composer.json's script; `-d` names the folder.
  composer: {
    options: options('d', ['working-dir']),
    run: ['run-script', 'run'],
    aliases: {},
    bareName: true,
    argsAfterDashDash: false,
    lifecycle: false,
    directory: ['--working-dir', '-d'],
    filter: [],
    workspace: { options: [] },
    manifest: 'composer.json',
  },
});

/**
 * Programs that run a project's own named tasks (`make db-reset`, `npm run db:drop`, `just
 * reset-db`, `cap production db:drop`): what a task does is the project's, but where it acts is
 * often said in its arguments — `ENV=production`, `STAGE=prod`, a bare `production`, `--env prod`
 * (targets/resolve.ts reads them as the app's environment).
 */
export const PROJECT_TASK_RUNNERS: Readonly<Record<string, { environmentOptions?: readonly string[] }>> = table({
  ...Object.fromEntries(
    [
      'make',
      'gmake',
      'just',
      'task',
      'go-task',
      'invoke',
      'inv',
      'fab',
      'mage',
      'cap',
      'rake',
      'rails',
      'npm',
      'yarn',
      'pnpm',
      'bun',
      'composer',
      'pdm',
      'hatch',
      'poe',
      'mise',
    ].map((name) => [name, {}]),
  ),
  // A playbook's inventory says whose hosts it runs on (`-i inventories/production`); `-e
  // env=production` is read as any `NAME=value` argument is.
  'ansible-playbook': { environmentOptions: ['-i', '--inventory', '--inventory-file'] },
});

/** The make programs whose Makefile recipes are read (the shell hook's prefilter sends them on). */
export const MAKE_PROGRAMS: readonly string[] = ['make', 'gmake'];

/** GNU make's options (`make --help`): those with a value, the folder and file options, and the
 *  modes in which it runs no recipe (it prints or answers a question). */
export const MAKE = {
  options: options('CfIloW', [
    'directory',
    'file',
    'makefile',
    'include-dir',
    'load-average',
    'old-file',
    'assume-old',
    'what-if',
    'new-file',
    'assume-new',
    'eval',
    'jobs',
  ]),
  directory: ['-C', '--directory'],
  file: ['-f', '--file', '--makefile'],
  noRun: ['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-p', '--print-data-base', '-v', '--version', '-h', '--help'],
} as const;

/**
 * Task runners that read a file of named tasks, each a list of shell lines with tasks it needs
 * first (parse/task-files.ts reads them as make's recipes are read): `just RECIPE` (a justfile),
 * `task NAME` (go-task's Taskfile.yml). Sources: `just --help` (1.x) and go-task's CLI reference
 * (v3): which options take a value, which name the folder or the file, and the modes in which
 * nothing runs (they list, print or answer a question).
 */
export interface TaskFileRunner {
  /** Which reader reads the file (context/gather.ts): the pyproject.toml tables differ by tool. */
  format: 'justfile' | 'taskfile' | 'pdm' | 'hatch' | 'poe' | 'mise';
  /** The names the runner looks for, in its order. */
  files: readonly string[];
  options: ToolOptions;
  directory: readonly string[];
  file: readonly string[];
  noRun: readonly string[];
  /** Words that come before the task's name (`pdm run`, `mise run`); none: the name comes first. */
  subcommands?: readonly string[];
  /** With subcommands, a bare name runs the task too (`pdm test`), unless it is one of these. */
  ownCommands?: readonly string[];
  /** Only the first name is a task; the words after it are its arguments (pdm, hatch, poe, mise). */
  oneTask?: boolean;
}

/** pyproject.toml (PEP 621) holds the scripts of pdm, hatch and poethepoet. */
const PYPROJECT = ['pyproject.toml'];

export const TASK_FILE_RUNNERS: Readonly<Record<string, TaskFileRunner>> = table({
  just: {
    format: 'justfile',
    files: ['justfile', 'Justfile', '.justfile', 'JUSTFILE'],
    options: options('df', [
      'justfile',
      'working-directory',
      'set',
      'dotenv-filename',
      'dotenv-path',
      'shell',
      'shell-arg',
      'color',
      'dump-format',
      'list-heading',
      'list-prefix',
      'chooser',
      'command',
      'completions',
      'show',
      'usage',
      'timestamp-format',
      'alias-style',
      'justfile-names',
    ]),
    directory: ['-d', '--working-directory'],
    file: ['-f', '--justfile'],
    noRun: [
      '-l',
      '--list',
      '-n',
      '--dry-run',
      '-s',
      '--show',
      '--summary',
      '--dump',
      '--evaluate',
      '--variables',
      '--fmt',
      '--init',
      '--edit',
      '-e',
      '--choose',
      '--groups',
      '--completions',
      '--usage',
      '-h',
      '--help',
      '-V',
      '--version',
    ],
  },
  task: {
    format: 'taskfile',
    files: [
      'Taskfile.yml',
      'taskfile.yml',
      'Taskfile.yaml',
      'taskfile.yaml',
      'Taskfile.dist.yml',
      'taskfile.dist.yml',
      'Taskfile.dist.yaml',
      'taskfile.dist.yaml',
    ],
    options: options('dtoCI', ['dir', 'taskfile', 'output', 'concurrency', 'interval', 'sort', 'output-group-begin', 'output-group-end', 'entrypoint']),
    directory: ['-d', '--dir'],
    file: ['-t', '--taskfile', '--entrypoint'],
    noRun: ['-l', '--list', '-a', '--list-all', '-n', '--dry', '--summary', '--status', '--init', '-i', '-h', '--help', '--version', '--json'],
  },
  // `pdm run NAME` / `pdm NAME`: [tool.pdm.scripts] (https://pdm-project.org/latest/usage/scripts/).
  pdm: {
    format: 'pdm',
    files: PYPROJECT,
    options: options('pgL', ['project', 'global', 'venv', 'lockfile']),
    directory: ['-p', '--project'],
    file: [],
    noRun: ['-l', '--list', '-j', '--json', '-h', '--help'],
    subcommands: ['run'],
    ownCommands: [
      'add',
      'build',
      'cache',
      'completion',
      'config',
      'export',
      'fix',
      'import',
      'info',
      'init',
      'install',
      'list',
      'lock',
      'outdated',
      'publish',
      'py',
      'python',
      'remove',
      'search',
      'self',
      'show',
      'sync',
      'update',
      'use',
      'venv',
      'plugin',
    ],
    oneTask: true,
  },
  // `hatch run [ENV:]NAME`: [tool.hatch.envs.ENV.scripts] or hatch.toml's [envs.ENV.scripts].
  hatch: {
    format: 'hatch',
    files: ['hatch.toml', ...PYPROJECT],
    options: options('epd', ['env', 'project', 'data-dir', 'cache-dir', 'config']),
    directory: [],
    file: [],
    noRun: ['-h', '--help'],
    subcommands: ['run'],
    oneTask: true,
  },
  // `poe NAME`: [tool.poe.tasks] (https://poethepoet.natn.io/).
  poe: {
    format: 'poe',
    files: PYPROJECT,
    options: options('Ce', ['directory', 'root', 'executor']),
    directory: ['-C', '--directory', '--root'],
    file: [],
    noRun: ['-d', '--dry-run', '-h', '--help', '--version'],
    oneTask: true,
  },
  // `mise run NAME` (`mise r`, `mise tasks run`): [tasks.NAME] of mise.toml (https://mise.jdx.dev/tasks/).
  mise: {
    format: 'mise',
    files: ['mise.toml', '.mise.toml', 'mise.local.toml', '.mise.local.toml', '.config/mise.toml', '.config/mise/config.toml', 'mise/config.toml'],
    options: options('CEjt', ['cd', 'env', 'jobs', 'tool', 'output', 'timings']),
    directory: ['-C', '--cd'],
    file: [],
    noRun: ['-n', '--dry-run', '-h', '--help'],
    subcommands: ['run', 'r', 'tasks'],
    oneTask: true,
  },
});

/**
 * Programs that run package.json scripts by name (parse/runners.ts turns each into `npm run
 * NAME`): npm-run-all's `run-s`/`run-p`/`npm-run-all` (names may be globs, `db:*`), turbo's
 * `turbo run TASK` (and `turbo TASK`), nx's `nx run PROJECT:TARGET`, `nx TARGET PROJECT`,
 * `nx run-many -t TARGET`. Options with a value are listed so their values are not taken for names.
 */
export interface ScriptNameRunner {
  /** Words after which the names come (`turbo run`); none: the names follow the program. */
  subcommands: readonly string[];
  /** A bare name runs the task too (`turbo build`, `nx test api`), unless it is a subcommand of the tool's own. */
  bareName: boolean;
  /** Tool commands that are not tasks (`turbo prune`, `nx graph`). */
  ownCommands: readonly string[];
  /** Options whose value names tasks (`nx run-many -t test lint`). */
  taskOptions: readonly string[];
  /** `nx run api:test`: the task is the part after the project. */
  projectPrefix: boolean;
  options: ToolOptions;
}

export const SCRIPT_NAME_RUNNERS: Readonly<Record<string, ScriptNameRunner>> = table({
  ...Object.fromEntries(
    ['run-s', 'run-p', 'npm-run-all', 'npm-run-all2'].map((name): [string, ScriptNameRunner] => [
      name,
      { subcommands: [], bareName: true, ownCommands: [], taskOptions: [], projectPrefix: false, options: options('', ['npm-path', 'max-parallel']) },
    ]),
  ),
  turbo: {
    subcommands: ['run'],
    bareName: true,
    ownCommands: [
      'prune',
      'login',
      'logout',
      'link',
      'unlink',
      'gen',
      'generate',
      'daemon',
      'telemetry',
      'info',
      'ls',
      'query',
      'watch',
      'scan',
      'bin',
      'boundaries',
      'devtools',
      'docs',
      'completion',
      'help',
    ],
    taskOptions: [],
    projectPrefix: false,
    options: options('F', [
      'filter',
      'concurrency',
      'cache-dir',
      'cwd',
      'env-mode',
      'graph',
      'log-order',
      'output-logs',
      'profile',
      'scope',
      'team',
      'token',
      'api',
      'cache',
      'log-prefix',
      'heap',
      'ui',
      'affected-base',
    ]),
  },
  nx: {
    subcommands: ['run', 'run-many', 'affected'],
    bareName: true,
    ownCommands: [
      'graph',
      'dep-graph',
      'init',
      'add',
      'generate',
      'g',
      'migrate',
      'repair',
      'report',
      'list',
      'format',
      'format:check',
      'format:write',
      'reset',
      'daemon',
      'show',
      'release',
      'connect',
      'login',
      'logout',
      'watch',
      'sync',
      'view-logs',
      'import',
      'exec',
      'help',
    ],
    taskOptions: ['-t', '--target', '--targets'],
    projectPrefix: true,
    options: options('tcp', [
      'target',
      'targets',
      'configuration',
      'projects',
      'exclude',
      'parallel',
      'base',
      'head',
      'files',
      'output-style',
      'runner',
      'nxBail',
      'batch',
    ]),
  },
});

/**
 * Migration tools that name their target database in an option or a word (issue 11, class 6):
 * the database is that URL, judged as any other (a production host stops the command).
 * - `options`: `-url=URL` / `--url URL` forms (flyway, liquibase, atlas, dbmate, golang-migrate).
 * - `properties`: `-Dflyway.url=URL` system properties of the build plugins (mvn, gradle).
 * - `keyValues`: `-x db_url=URL` (alembic's -x arguments read by env.py; the keys env.py
 *   templates and tutorials use).
 * - `targetWords`: sqitch's target URIs (`db:pg://host/db`, https://sqitch.org/docs/manual/sqitch-target/).
 * - `anyWord`: goose's `goose DRIVER DBSTRING COMMAND`: a word that parses as a connection.
 */
export interface MigrationDatabaseOptions {
  options?: readonly string[];
  properties?: readonly string[];
  keyValues?: { option: string; keys: readonly string[] };
  targetWords?: boolean;
  anyWord?: boolean;
  /**
   * Options naming the settings file (or the named environment) the tool reads its database from
   * (`flyway -configFiles=conf/prod.conf`, `liquibase --defaults-file=liquibase.prod.properties`,
   * `alembic -c alembic.production.ini`): the file is not read, but a name that says an
   * environment says which database.
   */
  settingsFiles?: readonly string[];
}

const BUILD_PLUGIN_PROPERTIES = ['-Dflyway.url', '-Pflyway.url', '-Dliquibase.url', '-Dliquibase.command.url', '-Pliquibase.url'];

export const MIGRATION_DATABASE_OPTIONS: Readonly<Record<string, MigrationDatabaseOptions>> = table({
  flyway: { options: ['-url'], settingsFiles: ['-configFiles', '-configFile', '-environment'] },
  liquibase: { options: ['--url', '--database-url', '--reference-url'], settingsFiles: ['--defaults-file', '--defaultsFile'] },
  migrate: { options: ['-database', '--database'] },
  dbmate: { options: ['--url', '-u'], settingsFiles: ['--env-file'] },
  atlas: { options: ['-u', '--url'] },
  goose: { anyWord: true },
  // Ruby Sequel: `sequel -m DIR -M 0 postgres://…` names the database as a word.
  sequel: { anyWord: true },
  yoyo: { options: ['--database', '-d'] },
  diesel: { options: ['--database-url'] },
  sqlx: { options: ['--database-url', '-D'] },
  sqitch: { options: ['--target', '-t'], targetWords: true },
  alembic: {
    settingsFiles: ['-c', '--config', '--name'],
    keyValues: { option: '-x', keys: ['db_url', 'dburl', 'database_url', 'url', 'sqlalchemy.url', 'db', 'dsn'] },
  },
  // `mvn flyway:clean -Dflyway.url=…`, `./gradlew flywayClean -Pflyway.url=…`: the plugins' properties.
  ...Object.fromEntries(
    ['mvn', 'mvnw', 'gradle', 'gradlew'].map((name): [string, MigrationDatabaseOptions] => [name, { properties: BUILD_PLUGIN_PROPERTIES }]),
  ),
});

/** Every tool other than a database client whose options prodguard reads, by command name. */
/**
 * Test runners that are programs of their own (not a subcommand of go, cargo, npm…). They load
 * `.env.test` themselves (dotenv-rails, jest setups, pytest-dotenv), which is what the app's
 * environment is for them (targets/environment-databases.ts).
 */
export const TEST_RUNNER_PROGRAMS: readonly string[] = [
  'rspec',
  'jest',
  'vitest',
  'mocha',
  'pytest',
  'py.test',
  'ava',
  'cucumber',
  'cucumber-js',
  'jasmine',
  'tap',
  'testcafe',
  'phpunit',
  'pest',
  'behave',
  'tox',
  'nox',
];

export const TOOL_OPTIONS: Readonly<Record<string, ToolOptions>> = table({
  ...WRAPPER_OPTIONS,
  // kubectl, oc, helm, …: one table with what their options name (kube-clients.ts).
  ...KUBE_CLIENT_TOOL_OPTIONS,
  // aws, gcloud, az, heroku, fly, …: one table with what their options name (cloud-clis.ts).
  ...CLOUD_CLI_TOOL_OPTIONS,
  // etcdctl, kafka-topics, rabbitmqctl, vault, consul, …: the server each names (service-endpoints.ts).
  ...SERVICE_TOOL_OPTIONS,
  ...each(['terraform', 'tofu'], options('', [], ['chdir', 'var-file', 'var', 'target', 'state', 'backend-config', 'lock-timeout', 'parallelism', 'replace'])),
  // Terragrunt's own options are long ones (`--terragrunt-working-dir live/prod/db`, 0.7x+ `--working-dir`).
  terragrunt: options(
    '',
    ['terragrunt-working-dir', 'working-dir', 'terragrunt-config', 'config', 'terragrunt-source', 'source', 'terragrunt-iam-role', 'iam-assume-role'],
    ['chdir', 'var-file', 'var', 'target', 'state', 'backend-config', 'lock-timeout', 'parallelism', 'replace'],
  ),
  prisma: options('dcr', ['schema', 'knexfile', 'env', 'config', 'specific', 'cwd', 'database', 'settings', 'dataSource', 'repo']),
  knex: options('e', ['schema', 'knexfile', 'env', 'config', 'specific', 'cwd', 'environment', 'settings', 'database', 'em', 'connection']),
  'drizzle-kit': options('', ['schema', 'knexfile', 'env', 'config', 'specific', 'cwd']),
  ...each(['php', 'python', 'python3', 'manage.py'], options('dcreCw', [...FRAMEWORK_CLI, ...TASK_RUNNER, ...PACKAGE_PROJECT])),
  ...each(['artisan', 'mix'], options('dcrCw', [...FRAMEWORK_CLI, ...PACKAGE_PROJECT])),
  // Laravel's `migrate:rollback --step 50` takes the count as the next word too.
  php: options('dcreCw', [...FRAMEWORK_CLI, ...TASK_RUNNER, ...PACKAGE_PROJECT, 'step']),
  artisan: options('dcrCw', [...FRAMEWORK_CLI, ...PACKAGE_PROJECT, 'step']),
  'django-admin': options('dcre', [...FRAMEWORK_CLI, ...TASK_RUNNER]),
  // `flask --app wsgi db downgrade base`: --app/-A names the application, not a command word.
  flask: options('Ae', ['app', 'env-file']),
  ...each(['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'], options('dcr', FRAMEWORK_CLI)),
  ...each(['sequelize', 'sequelize-cli'], {
    shortWithValue: `dcr${MIGRATION_TOOL.shortWithValue!.replace(/[dcr]/g, '')}`,
    longWithValue: [...new Set([...FRAMEWORK_CLI, ...MIGRATION_TOOL.longWithValue!])],
    singleDashWithValue: MIGRATION_TOOL.singleDashWithValue!,
  }),
  ...each(['flyway', 'liquibase', 'alembic', 'dbmate', 'goose', 'migrate'], MIGRATION_TOOL),
  ...each(['rails', 'rake'], options('eCw', [...TASK_RUNNER, ...PACKAGE_PROJECT])),
  ...each(['console', 'gitlab-rake', 'gitlab-ctl', 'gitlab-backup'], options('e', TASK_RUNNER)),
  ...each([...TEST_RUNNER_PROGRAMS, 'go', 'cargo', 'dotnet', 'deno', 'gradle', 'gradlew', 'mvn'], options('Cw', PACKAGE_PROJECT)),
  // npm, yarn, pnpm, bun and make: the script runners below.
  ...Object.fromEntries(Object.entries(PACKAGE_SCRIPT_RUNNERS).map(([name, runner]) => [name, runner.options])),
  ...each(MAKE_PROGRAMS, MAKE.options),
  // just, task, run-s, turbo, nx: the task runners above.
  ...Object.fromEntries(Object.entries(TASK_FILE_RUNNERS).map(([name, runner]) => [name, runner.options])),
  ...Object.fromEntries(Object.entries(SCRIPT_NAME_RUNNERS).map(([name, runner]) => [name, runner.options])),
  ...each(['chmod', 'chown', 'chgrp'], options('', ['reference', 'from'])),
  // find's tests and actions with a value (`-type f`, `-mtime +7`): their values are not starting points.
  find: options(
    '',
    [],
    [
      'type',
      'maxdepth',
      'mindepth',
      'perm',
      'fstype',
      'xtype',
      'printf',
      'fprint',
      'context',
      'name',
      'iname',
      'path',
      'ipath',
      'regex',
      'iregex',
      'mtime',
      'mmin',
      'atime',
      'amin',
      'ctime',
      'cmin',
      'newer',
      'size',
      'user',
      'group',
    ],
  ),
  ...each(
    ['mkfs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.msdos', 'mkfs.exfat', 'mkfs.ntfs', 'mkfs.f2fs'],
    FILESYSTEM_MAKER,
  ),
  ...each(['mke2fs', 'mkswap', 'blkdiscard', 'shred'], FILESYSTEM_MAKER),
  ...each(['truncate', 'tee', '(redirect)', 'pg_resetwal', 'pg_resetxlog', 'fallocate'], FILE_WRITER),
  // Firewalls (rules/host/firewall-*.yaml). iptables: the options with a chain, a table or a
  // match's value; -P takes none, so `-P INPUT DROP` leaves the chain and the target as its two
  // words; -F/-L/-Z/-X take an optional chain, read as a word. Source: iptables(8),
  // iptables-extensions(8). nft: -f file, -I include path, -D define (nft(8)).
  ...each(['iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft'], IPTABLES),
  nft: options('fID', ['file', 'includepath', 'define']),
  // Ruby Sequel's bin/sequel: -m migrations dir, -M target version, -e env, -c code, -r require…
  sequel: options('ceIlLmMrS'),
  // Users (rules/host/userdel-database-user.yaml): userdel -R/-P chroot or prefix, deluser --conf.
  userdel: options('RP', ['root', 'prefix']),
  deluser: options('c', ['conf', 'backup-to']),
  // Package managers (rules/host/remove-database-package.yaml): apt's -o option, -c config,
  // -t release; yum/dnf's --setopt, -c, --enablerepo…; zypper's global --root/-R.
  ...each(['apt-get', 'apt'], options('oct', ['option', 'config-file', 'target-release'])),
  ...each(
    ['yum', 'dnf', 'microdnf'],
    options('cdexR', ['config', 'setopt', 'enablerepo', 'disablerepo', 'exclude', 'installroot', 'releasever', 'repo', 'repoid']),
  ),
  zypper: options('cDR', ['config', 'root', 'reposd-path', 'cache-dir']),
  rsync: RSYNC,
  git: options('Cco', ['git-dir', 'work-tree', 'push-option', 'repo', 'receive-pack', 'exec', 'signed']),
  // restic, borg, borg2: cloud-clis.ts (the repository they act on).
  // Replication managers: repmgr's connection and config options (`repmgr -h db1 -U repmgr -d
  // repmgr standby clone`), stolonctl's cluster and store (`stolonctl --cluster-name prod init`).
  // Sources: repmgr.org/docs (repmgr --help), github.com/sorintlab/stolon doc/stolonctl.
  // patronictl's global and verb options (`patronictl -c /etc/patroni.yml restart CLUSTER`).
  patronictl: options('cdk', [
    'config-file',
    'dcs-url',
    'dcs',
    'insecure',
    'candidate',
    'leader',
    'master',
    'primary',
    'scheduled',
    'group',
    'member',
    'role',
    'pending',
    'format',
    'set',
    'pg',
    'apply',
    'replace',
  ]),
  repmgr: options('fhpUdSL', [
    'config-file',
    'host',
    'port',
    'username',
    'dbname',
    'superuser',
    'log-level',
    'node-id',
    'node-name',
    'upstream-node-id',
    'pg_bindir',
    'replication-user',
    'wal-keep-segments',
    'copy-external-config-files',
    'remote-user',
    'siblings-follow',
  ]),
  stolonctl: options('', [
    'cluster-name',
    'store-backend',
    'store-endpoints',
    'store-prefix',
    'store-cert-file',
    'store-key',
    'store-ca-file',
    'kube-context',
    'kube-namespace',
    'kube-resource-kind',
    'kubeconfig',
    'log-level',
    'patch',
    'file',
    'metrics-listen-address',
  ]),
  // velero: kube-clients.ts (the cluster it acts on).
  kopia: BACKUP,
  // nerdctl: containerd's Docker-compatible CLI, the same command line.
  ...each(['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'], CONTAINER),
  ...each(['pg_ctl', 'pg_ctlcluster', 'service'], SERVER_CONTROL),
  systemctl: SYSTEMCTL,
  // tar's archive (-f), directory (-C) and list files; sed's script (-e) and script file (-f):
  // `tar --remove-files -czf /backup/pg.tgz DIR` names DIR, not the archive, as what it removes.
  ...each(
    ['tar', 'bsdtar'],
    options('fCTXbgHKNV', [
      'file',
      'directory',
      'files-from',
      'exclude-from',
      'exclude',
      'blocking-factor',
      'listed-incremental',
      'format',
      'newer',
      'transform',
      'use-compress-program',
    ]),
  ),
  ...each(['sed', 'gsed'], options('efl', ['expression', 'file', 'line-length'])),
  // killall(1), pkill(1) and pgrep(1): the signal (`-9`, `-s KILL`) and the user/group/terminal filters
  // take values, so `killall -s KILL postgres` names postgres, not KILL.
  killall: withDigitOptions(options('sSuoyZ', ['signal', 'user', 'older-than', 'younger-than', 'context'])),
  pkill: withDigitOptions(options('gGPstuUF', ['signal', 'group', 'parent', 'session', 'terminal', 'euid', 'uid', 'pidfile', 'ns', 'nslist'])),
  pgrep: options('dgGPstuUF', ['delimiter', 'group', 'parent', 'session', 'terminal', 'euid', 'uid', 'pidfile', 'ns', 'nslist']),
  curl: CURL,
  wget: WGET,
  ...each(['http', 'https', 'xh', 'xhs', 'curlie'], HTTPIE_OPTIONS),
});

/**
 * HTTP clients: which option names the request's method and which words are its URL (every
 * operand, and the options listed). The URL's host is what a request touches
 * (targets/resolve.ts), judged like any other host name: `curl -X DELETE
 * https://es.prod.example.com:9200/logs-*` deletes production indices.
 */
export interface HttpClient {
  method: readonly string[];
  url: readonly string[];
  /** HTTPie's grammar (`http [METHOD] URL [ITEM…]`): an optional method word, then one URL, then
   *  request items (`name=value`, `Header:value`) that are never URLs. */
  methodWord?: true;
}

const HTTPIE: HttpClient = { method: [], url: [], methodWord: true };

export const HTTP_CLIENTS: Readonly<Record<string, HttpClient>> = table({
  curl: { method: ['-X', '--request'], url: ['--url'] },
  wget: { method: ['--method'], url: [] },
  // HTTPie and the clients that copy its command line (xh, curlie).
  http: HTTPIE,
  https: HTTPIE,
  xh: HTTPIE,
  xhs: HTTPIE,
  curlie: HTTPIE,
});

/** Terraform's (and OpenTofu's, Terragrunt's) options whose value names the workspace it acts in:
 *  a var file or folder named `prod…` says production as much as the workspace does. */
export const WORKSPACE_OPTIONS: readonly string[] = [
  '-var-file',
  '-chdir',
  '-backend-config',
  '--terragrunt-working-dir',
  '--working-dir',
  '--terragrunt-config',
];

/** The options of a tool other than a database client, if prodguard knows them. */
export function toolOptions(name: string): ToolOptions | undefined {
  return Object.hasOwn(TOOL_OPTIONS, name) ? TOOL_OPTIONS[name] : undefined;
}
