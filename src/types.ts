// Shared types for every stage of the pipeline:
// input → parse → targets → classify → rules → decision → act/report.
// A module imports only from stages before it and from this file.

/** Where a target sits. `unknown-remote` is remote and unexplained: treated close to production
 *  for destructive work, because the Travis CI 2018 database URL had no "prod" in it. */
export type Environment = 'production' | 'staging' | 'development' | 'test' | 'local' | 'unknown-remote' | 'unknown';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'staging', 'development', 'test', 'local', 'unknown-remote', 'unknown'];

export type Severity = 'allow' | 'warn' | 'confirm' | 'block';
export const SEVERITIES: readonly Severity[] = ['allow', 'warn', 'confirm', 'block'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** A range of an expanded word's value that came from an expansion not known here. */
export interface UnknownSpan {
  start: number;
  end: number;
  /** The expansion as written (`${NAME}`, `$(cat f)`). */
  text: string;
}

/** One word of a command after quote removal and expansion. */
export interface ExpandedWord {
  /** The value the command would receive (quotes removed, variables expanded). */
  value: string;
  /** The word as written in the source. */
  text: string;
  /** Part of the value could not be known here (command substitution, `$@`, a remote variable). */
  dynamic: boolean;
  /** Variables that expanded to nothing because they are unset (bash treats them as empty). */
  unsetVariables: string[];
  /** Every variable the word references, set or not (e.g. PGDATA). */
  variables: string[];
  /** The word holds an unquoted glob (`*`, `?`, `[…]`). */
  glob: boolean;
  /**
   * The word is `$(cat FILE | xargs)` (or `grep -v '^#' FILE | xargs`, `xargs < FILE`): it expands
   * to FILE's `NAME=value` lines. `env`/`export` read them as assignments once the edge read FILE.
   */
  envFile?: string;
  /**
   * The commands whose output the word holds, for the command and process substitutions the line
   * cannot resolve (`$(curl -s URL)`, `<(kubectl completion bash)`): their names, `?` for one
   * whose name is not known. What they are says whether running that output is code nobody read.
   */
  producers?: string[];
  /** The word is one substitution and nothing else (`$(tool)`, `"$(tool)"`): a `/` in its value
   *  is the substitution's text, not a path. */
  wholeSubstitution?: boolean;
  /** The word is the ids of these processes (`$(pgrep -f postgres)`, `$(cat …/mysqld.pid)`, a
   *  pipe from one into xargs): a `kill` of it is a pkill by name. */
  processIds?: string[];
  /** A process substitution whose output the line shows (`<(echo 'rm -rf /')`): that text, which
   *  `source <(…)`/`bash <(…)` run. */
  processOutput?: string;
  /** Part of the value is text the line computes from other text (`${x:1:3}` of a value it cannot
   *  know, `${!name}`, a variable holding a decoder's output): as a command word, nobody can tell
   *  what program runs. An environment variable's plain value (`$EDITOR`) is not computed. */
  computed?: boolean;
  /**
   * Where the value holds a variable whose value is not known here — unset (empty in the value) or
   * a remote shell's (its text in the value) — as ranges of `value` with the expansion as written.
   * Only on a word that was not split. The SQL stage reads `psql -c "CREATE DATABASE $NAME"` with a
   * placeholder there (parse/sql/placeholders.ts). A command substitution is not one: its output
   * can be a whole list (`WHERE id IN ($(paste -sd, ids.txt))`, atlassian-2022).
   */
  unknownSpans?: readonly UnknownSpan[];
  /** Variables holding a command's output the line cannot run (`dir=$(mktemp -d)`) that the value
   *  took, with the substitution's text they stand for there. Text that is read again as code
   *  (`trap "rm -rf $dir" 0`) names the variable, not the substitution: the output is not run twice. */
  heldOutputs?: readonly { name: string; value: string; producers: readonly string[] }[];
  /** Offsets into the top-level source, [pos, end). */
  pos: number;
  end: number;
}

/**
 * The hosts an `ansible PATTERN` or `ansible-playbook` line selects, as written: the pattern (a
 * playbook's plays name their own, read from `playbooks` at the edge; `all` stands for them when
 * they cannot be read), `-i INVENTORY` (a file, a folder or a `host1,host2,` list), `--limit`
 * (Ansible's subset: only hosts it also matches), from `cwd`.
 */
export interface AnsibleSelection {
  pattern: string;
  inventory?: string;
  limit?: string;
  /** ansible-playbook: the playbook files, as written. */
  playbooks?: string[];
  /** `-e NAME=VALUE` / `-e '{"NAME": "VALUE"}'`: what a play's `hosts: web:&{{ env }}` becomes. */
  extraVars?: Record<string, string>;
  cwd: string;
}

/** Where a command runs: this machine, or another one we can name. */
export type ExecutionHost =
  | { kind: 'local' }
  | {
      kind: 'ssh';
      destination: string;
      user?: string;
      /** `ansible PATTERN [-i INVENTORY]`: the whole pattern and inventory, run from `cwd`, so the
       *  targets stage can expand groups against the inventory (issue 14). */
      ansible?: AnsibleSelection;
      /** A fleet runner's target that matches every host it manages (`salt '*'`): why it counts
       *  as production — the fleet holds the production hosts. */
      wholeFleet?: string;
    }
  | {
      kind: 'container';
      /** heroku, kamal, fly, cf, railway: a deployed app (parse/wrappers/app-consoles.ts). */
      runtime: 'docker' | 'kubectl' | 'heroku' | 'kamal' | 'fly' | 'cf' | 'railway';
      name: string;
      kubeContext?: string;
      /** kubectl exec: `-n NS` / `--namespace NS`, the namespace the pod is in. */
      kubeNamespace?: string;
      /** docker: the daemon's host when DOCKER_HOST, `-H` or `--context` name a remote one. */
      daemon?: string;
    };

/** A task's shell text as its runner would hand it to the shell (package.json script, make recipe). */
export interface TaskScript {
  text: string;
  /** Variables the runner sets for it (make exports, npm_*). */
  env: Record<string, string>;
  /** Of those, the ones whose value is not known (`$(shell …)` in make). */
  unknownEnv: string[];
}

/** A Makefile as make would run it: each target's prerequisites and recipe lines, expanded. */
export interface MakeDefinition {
  /** The target `make` alone builds: `.DEFAULT_GOAL`, else the first ordinary target. */
  defaultGoal?: string;
  targets: Record<string, { prerequisites: string[]; recipes: TaskScript[] }>;
}

/**
 * A file of named tasks a task runner reads (a justfile, a Taskfile): each task's shell lines,
 * the tasks it runs first and after, and its parameters (just's `recipe ARG`).
 */
export interface TaskBook {
  /** The task the runner alone runs (just: the first recipe; task: `default`). */
  defaultTask?: string;
  tasks: Record<
    string,
    {
      before: string[];
      after: string[];
      parameters: { name: string; default?: string; variadic: boolean }[];
      recipes: TaskScript[];
    }
  >;
}

/**
 * Files a line runs that the edge has read (issue 11): shell scripts (`bash FILE`, `./FILE`,
 * `source FILE`, `bash < FILE`), package.json scripts (`npm run X`) and Makefiles (`make X`).
 * A path the edge could not read is absent: the line is then judged as it was before.
 */
export interface ReadFiles {
  /** Shell scripts and files on standard input, by absolute path. */
  scripts: Readonly<Record<string, string>>;
  /** The `scripts` of a package.json, by the package.json's absolute path. */
  packageScripts: Readonly<Record<string, Readonly<Record<string, TaskScript>>>>;
  /** By the Makefile's absolute path. */
  makefiles: Readonly<Record<string, MakeDefinition>>;
  /** Justfiles, Taskfiles, pyproject.toml and mise.toml tasks, by `READER:absolute path` (parse/task-files.ts). */
  taskBooks: Readonly<Record<string, TaskBook>>;
}

/** A file the parse stage would like the edge to read. */
export interface FileWanted {
  kind: 'script' | 'package.json' | 'composer.json' | 'makefile' | 'justfile' | 'taskfile' | 'pdm' | 'hatch' | 'poe' | 'mise';
  path: string;
  /** The file's text when the line itself holds it (`make -f - <<EOF`): parsed, not read from disk. */
  text?: string;
}

/** What the command would read on standard input, when the line says so. */
export interface StdinSource {
  kind: 'heredoc' | 'herestring' | 'file' | 'pipe';
  /** Heredoc or herestring body, when known. */
  text?: string;
  /** File path for `< file`. */
  path?: string;
  /** For a pipe: the words the previous command is known to write (echo's arguments, find's
   *  paths as `ROOT/*`), which `xargs` turns into arguments. */
  items?: string[];
  /** For a pipe from one command whose output the line does not show: that command's words
   *  (`gcloud container clusters list --filter NAME` before `| xargs gcloud … delete`). */
  producer?: string[];
  /** For a pipe from a group (`(crontab -l; echo '…')`): text known to be among what it writes,
   *  with other output the line does not show. Not the whole input: `text` stays undefined. */
  known?: string;
  /** For a pipe: a decoder's output whose input the line does not show (`curl … | base64 -d`). */
  decoded?: boolean;
  /** For a pipe: the output is the ids of these processes (`pgrep -f postgres`, `cat mysqld.pid`). */
  processes?: string[];
}

/** One simple command the line would run, after unwrapping wrappers such as sudo, env, bash -c. */
import type { PortForward } from './knowledge/port-forwards.js';

export interface Invocation {
  /** Basename of the command after unwrapping (`/usr/bin/rm` → `rm`). Empty when it is dynamic. */
  name: string;
  /** Variables a test around the command showed non-empty (`if [ -n "$X" ]`, `[[ -d $X ]] &&`):
   *  where the command runs they are not the empty word. */
  nonEmpty?: readonly string[];
  /** The command word as resolved (`/usr/bin/rm`). */
  command: ExpandedWord;
  args: ExpandedWord[];
  /** The environment the command sees: process env, shell assignments, inline `VAR=value`. */
  env: Readonly<Record<string, string>>;
  /** Names assigned inline or earlier in the line (they beat the process environment). */
  assigned: Readonly<Record<string, string>>;
  /** Variables whose values are unknown in this context (remote shells, lint). */
  envUnknown: boolean;
  /** Working directory the command would run in, when known. */
  cwd: string;
  host: ExecutionHost;
  /** Wrappers that were unwrapped to reach this command, outermost first (`sudo`, `bash -c`). */
  via: string[];
  stdin?: StdinSource;
  /**
   * The name of where a runner loaded the command's environment from, when its content cannot be
   * read: an env file the edge did not read (`dotenv -e .env.production`), a secret store's
   * environment (`infisical run --env=prod`, `chamber exec payments-prod`), an encrypted file
   * (`sops exec-env secrets/prod.enc.env`). The name says which environment the secrets are for.
   */
  secretsFrom?: string;
  /** What earlier commands of the line switched: `kubectl config use-context X`, `terraform workspace select X`. */
  session?: { kubeContext?: string; terraformWorkspace?: string; gitBranch?: string; forwards?: readonly PortForward[] };
  /** Offsets into the top-level source of the outermost command this came from. */
  pos: number;
  end: number;
}

export type TargetKind = 'database' | 'app' | 'host' | 'kube' | 'cloud' | 'workspace';

/** Something an invocation would touch, before classification. */
export interface Target {
  kind: TargetKind;
  /** Where we learned about it: `DATABASE_URL`, `argument`, `ssh destination`, `hostname`, … */
  source: string;
  /** The name a person types to confirm (database name, host name, context name). */
  name: string;
  host?: string;
  port?: number;
  database?: string;
  /** Database engine or cloud provider (`postgres`, `mysql`, `redis`, `mongodb`, `aws`, …). */
  engine?: string;
  /** A connection URL with any password removed. */
  url?: string;
  /** A connection URL with the password still in it: only for probing, never printed. */
  secretUrl?: string;
  /** Unix socket, SQLite file, or similar: certainly on this machine. */
  socket?: boolean;
  /** For app targets: the framework variable's value (`production`). */
  value?: string;
  /** The value is a CI secret or expression whose real value is not known here. */
  unresolved?: boolean;
  /** What is only known where it runs, when not the target's name (`dropdb ${OPTS} shop`: $OPTS). */
  unresolvedBy?: string;
  /**
   * A database reached through a Unix socket or localhost lives on the host the client runs on:
   * this machine, the ssh destination, the pod of `kubectl exec`, the daemon host of `docker exec`.
   * That host's environment is the database's (GitLab 2017: `dropdb` over db1's socket).
   */
  onHost?: Target;
  /** An Ansible pattern's hosts, as the inventory expands it: the most dangerous decides. */
  members?: Target[];
  /** What a line-named inventory (`-i FILE`, ansible.cfg) says this host is, with its evidence. */
  inventoryEnvironment?: { environment: Environment; evidence: string };
  /** A Kubernetes context as its kubeconfig describes it (issue 14): every name here is evidence. */
  kube?: { cluster?: string; server?: string; namespace?: string; file?: string };
  /** A client connection file the target was read from: `service "main" in ~/.pg_service.conf`. */
  from?: string;
  /** The name that file gives the target (a pg_service section, a MySQL login path): a name hint too. */
  alias?: string;
  /**
   * A libpq host list (`host=a,b`, `postgresql://a,b/db`, `PGHOST=a,b`): libpq tries each in turn.
   * Target resolution turns it into one target per host; the most dangerous decides.
   */
  hostList?: { host: string; port?: number; secretUrl?: string }[];
}

export interface ClassifiedTarget extends Target {
  environment: Environment;
  /** Why this environment: `config environments.production.hosts "db1.*"`, `name token "prod"`, … */
  evidence: string[];
  /** What the database said about itself, when probed (issue 3). */
  probe?: ProbeResult;
}

export interface ProbeResult {
  status: 'ok' | 'unreachable' | 'error' | 'skipped';
  /** `prodguard.environment` setting, or Rails' ar_internal_metadata environment. */
  marker?: string;
  markerSource?: 'prodguard.environment' | 'ar_internal_metadata';
  inRecovery?: boolean;
  detail?: string;
  elapsedMs?: number;
}

export interface Finding {
  rule: string;
  title: string;
  severity: Severity;
  message: string;
  incident: string;
  /** Name of the target the finding is about: what a person types to confirm. */
  target: string;
  targetKind?: TargetKind;
  environment?: Environment;
  why: string;
  fix: string;
  /** Offsets into the source line, for lint and for pointing at the command. */
  pos?: number;
  end?: number;
}

export type Verdict = Severity;

/**
 * What the disk says about a path a command deletes (GitLab 2017), gathered at the edge by
 * probe/data-directory.ts and read by path classification and the decision. Keyed by the
 * absolute path the command names (for a glob, the known location it reaches).
 */
export interface DataDirectoryFact {
  /** False when the path is not there: nothing to delete. */
  exists?: boolean;
  /** We could not look inside (permission denied): nothing is known beyond the name. */
  unreadable?: boolean;
  /** The engine whose markers were found (PG_VERSION, ibdata1, WiredTiger, …). */
  engine?: string;
  /** The directory holding the markers and how the path relates to it. */
  root?: string;
  /** `owned`: we may not look inside, but a database's system user owns it (postgres, 0700). */
  relation?: 'is' | 'inside' | 'holds' | 'owned';
  /** A server process uses it (a live pid in postmaster.pid, a non-empty mongod.lock). */
  running: boolean;
  role: 'primary' | 'replica' | 'unknown';
  evidence: string[];
}
