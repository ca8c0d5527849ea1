// Lint one file with the same rule engine that guards a shell, in a lint context: variables are
// what the file sets, the environment comes from the file's own words (`environment: production`,
// secrets named for production) and is otherwise unknown. Pure: text in, findings out.

import { posix } from 'node:path';
import { DATA_ENGINES } from '../knowledge/data-directories.js';
import type { Environment, Finding } from '../types.js';
import type { Config } from '../config/schema.js';
import type { Rule } from '../rules/schema.js';
import type { InvocationSql } from '../rules/evaluate.js';
import { evaluateStatements } from '../rules/evaluate.js';
import { findingsFromMatches } from '../decide/steps.js';
import { createRedactor } from '../util/redact.js';
import type { Invocation } from '../types.js';
import { checkLine } from '../engine/check-line.js';
import { analyzeSql } from '../parse/sql/analyze.js';
import { withoutSelfUndone, type MigrationTables } from '../engine/sql-facts.js';
import { lexPg, type PgToken } from '../parse/sql/pg-lexer.js';
import { extractFile } from './extract/index.js';
import { problemToFinding } from './findings.js';
import { LineIndex } from './positions.js';
import { migrationHistory, scopeMatcher, type ScopeMatcher } from './scope.js';
import type { ColumnType } from '../parse/sql/statement.js';
import { CREATING_WORDS, createsKubeCluster } from '../knowledge/cloud-clis.js';
import { ciSets, type CiSystem } from '../knowledge/ci-variables.js';
import { addPlatformVariables, referencedVariables } from './extract/ci-common.js';
import { serviceItems } from '../knowledge/service-endpoints.js';
import { cloudTargets, workspaceTargets } from '../targets/cloud.js';
import type { DiscoveredFile, LintFinding, LintNotice, Locate, ShellSnippet } from './types.js';
import { table } from '../util/dict.js';
import { environmentFromName } from '../classify/names.js';
import { commandOptionSpec, scanOptions } from '../parse/options.js';

export interface LintContext {
  rules: readonly Rule[];
  config: Config;
  /** Absolute folder the paths are relative to (the repository). */
  root: string;
  /** SQL facts for invocations (needs the SQL parser loaded), or undefined to skip SQL. */
  sqlFor?: (invocations: readonly Invocation[]) => ReadonlyMap<Invocation, InvocationSql>;
  sqlParserLoaded: boolean;
  /** Whether the shell itself accepts this text (`bash -n`), asked at the edge. A snippet the
   *  parser rejects but the shell accepts is a notice, not a finding. */
  shellAccepts?: (text: string) => boolean;
  /** Where notices go (files not fully checked). */
  notices?: LintNotice[];
  /** Files a Dockerfile runs while it builds its image (see extract/image-scripts.ts). */
  imageBuildFiles?: ReadonlySet<string>;
  /** Line ranges of a file that only an image build runs: the functions of a sourced library
   *  that a build script calls and a container's start scripts do not. */
  imageBuildLines?: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Scripts a container starts with (a Dockerfile's ENTRYPOINT or CMD), each with its image's
   *  volumes (see extract/image-scripts.ts). */
  containerStartFiles?: ReadonlyMap<string, readonly string[]>;
  /** Scripts an image COPYs in, with the image's ENV: set where the script runs, unless it sets them. */
  imageEnv?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Scripts a CI runs, with the CI (ci-run-scripts.ts): the variables it sets for every job are set there. */
  ciRunFiles?: ReadonlyMap<string, CiSystem>;
  /** Column types the migrations linted so far declared, by migration history (scope.ts
   *  migrationHistory) then `table.column`. Files are linted in path order, a history's own order,
   *  so a migration that widens a column an earlier file created (lemmy's `varchar(20)` →
   *  `varchar(255)`) is known to rewrite nothing. The caller owns it for one run. */
  migrationColumns?: Map<string, Map<string, ColumnType>>;
  /** Tables the previous migration of a history copied whole (INSERT … SELECT with no WHERE), by
   *  history and engine (migrationStep): ory's migrations split a SQLite table rebuild into one
   *  statement per file (create, copy, drop, rename), so the drop's file follows the copy's. */
  migrationCopies?: Map<string, Set<string>>;
  /** Tables a migration of a history renamed aside and copied whole, for every later migration of
   *  that history and engine (withoutSelfUndone's `retired`). */
  migrationRetired?: Map<string, Set<string>>;
  /** The split migration (splitMigration) the last file of a history and engine belonged to, with
   *  every table its files copied whole so far. */
  migrationSplits?: Map<string, { migration: string; copies: Set<string> }>;
  /** The tables the migrations of each history named so far (withoutSelfUndone's `history`). */
  migrationTables?: Map<string, MigrationTables>;
}

/** Rules a Dockerfile `RUN` (a Packer provisioner, a job on a GitHub-hosted runner) does not answer
 *  to on its own machine: it changes a fresh image layer (`rm -rf /var/www/*`, `chown -R postgres
 *  /var/log`), not a live server. Database and cloud commands
 *  still reach their targets, and an unset variable in `rm -rf "$X/"` (SC2115) still breaks the
 *  build, so those stay. A stage the file calls production (`FROM … AS production`,
 *  `ENV RAILS_ENV=production`) keeps every rule: its image is what production runs. */
const IMAGE_BUILD_SILENCED = /^filesystem\/(?!rm-unset-variable$)/;

/** Rules about a host's system files (`chown -R app /etc /usr/bin`, `rm -rf /etc/nginx/conf.d`)
 *  that a container's start script does not answer to: it changes the container's copy of the
 *  image, rebuilt from the image on the next start. Data directories, devices, the root and an
 *  unset variable's `/` keep their rules: volumes and devices outlive the container. */
const CONTAINER_COPY_RULES: ReadonlySet<string> = new Set([
  'filesystem/chmod-chown-recursive-root',
  'filesystem/rm-system-directory',
  'filesystem/rm-system-file',
  'filesystem/overwrite-system-file',
  'filesystem/move-system-file',
]);

/** A pid file (`postmaster.pid`, `mysqld.pid`): in a container's start script, before the server
 *  starts, one left in the data directory is stale (no server runs in a container before its
 *  entrypoint starts one), and removing it is what the images' own entrypoints do. */
const PID_FILE = /^[\w.@-]+\.pid$/;

/** PostgreSQL's standby signals (standby.signal, recovery.conf): the server's role, which a
 *  container's start script sets from the container's environment. */
const ROLE_SIGNALS: ReadonlySet<string> = new Set(DATA_ENGINES.find((spec) => spec.engine === 'postgresql')?.standbySignals ?? []);

/** Whether every path the command behind `finding` removes is a pid file or a role signal, or
 *  every path it overwrites is a role signal: a container's start script sets up the server it
 *  is about to start (sameersbn/docker-postgresql writes recovery.conf when REPLICATION_MODE is
 *  slave and removes it otherwise, and removes a stale postmaster.pid). Its settings and data
 *  keep their rules. */
function touchesOnlyStartFiles(finding: Finding, invocations: readonly Invocation[]): boolean {
  const removes = finding.rule === 'filesystem/rm-data-directory';
  if (!removes && finding.rule !== 'filesystem/overwrite-data-files') return false;
  const paths = invocations
    .filter((inv) => inv.pos === finding.pos && inv.end === finding.end)
    .flatMap((inv) => inv.args)
    .filter((arg) => !arg.value.startsWith('-'));
  const startFile = (name: string) => ROLE_SIGNALS.has(name) || (removes && PID_FILE.test(name));
  return paths.length > 0 && paths.every((arg) => !arg.glob && !arg.dynamic && startFile(posix.basename(arg.value)));
}

/** Whether the command behind `finding` names a path that holds, or lies in, one of `volumes`. */
function reachesVolume(finding: Finding, invocations: readonly Invocation[], volumes: readonly string[]): boolean {
  const paths = invocations
    .filter((inv) => inv.pos === finding.pos && inv.end === finding.end)
    .flatMap((inv) => inv.args)
    .map((arg) => (arg.value.startsWith('/') ? posix.normalize(arg.value).replace(/(.)\/+$/, '$1') : ''))
    .filter(Boolean);
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer === '/' ? '/' : `${outer}/`);
  return paths.some((path) => volumes.some((volume) => within(path, volume) || within(volume, path)));
}

/** A database command an image build runs against the image's own server (`pg_dropcluster
 *  --stop 16 main` after the package created a default cluster, `dropdb` on localhost) changes
 *  the layer being built; one that reaches another host is still judged by its target. */
const IMAGE_LOCAL_DATABASE = /^(database|sql)\//;

/** Rules that say "prodguard cannot see this" (a script read from a pipe, SQL that does not
 *  parse). At run time they stop what cannot be judged; in a repository, outside production,
 *  they are a file not fully checked — a notice, not a hazard. */
const NOT_SEEN_RULES: ReadonlySet<string> = new Set(['host/unseen-script', 'host/decoded-script', 'sql/unjudgeable-sql']);
const SERVER_ENVIRONMENTS: ReadonlySet<string> = new Set(['production', 'staging']);

/** `chmod -R … ${X}/` with X not set by the file: SC2115 is a removal's hazard; for chmod the
 *  variable is simply set where the script runs. */
function fromUnsetVariableOnly(finding: Finding, invocations: readonly Invocation[]): boolean {
  if (finding.rule !== 'filesystem/chmod-chown-recursive-root') return false;
  const at = invocations.filter((inv) => inv.pos === finding.pos && inv.end === finding.end && ['chmod', 'chown', 'chgrp'].includes(inv.name));
  const rootish = at.flatMap((inv) => inv.args).filter((arg) => /^\/+\*?$/.test(arg.value));
  return rootish.length > 0 && rootish.every((arg) => arg.unsetVariables.length > 0);
}

/** `if [ -n "$X" ]; then rm -rf "$X/"*; fi` (influxdata-docker's 2.9 entrypoint): every variable
 *  that would leave `/*` was tested non-empty around the command, so SC2115's empty word cannot
 *  happen there. */
function testedNonEmptyFirst(finding: Finding, invocations: readonly Invocation[]): boolean {
  if (finding.rule !== 'filesystem/rm-unset-variable') return false;
  const at = invocations.filter((inv) => inv.pos === finding.pos && inv.end === finding.end);
  const unset = at.flatMap((inv) => inv.args.flatMap((arg) => arg.unsetVariables.map((name) => ({ name, inv }))));
  return unset.length > 0 && unset.every(({ name, inv }) => inv.nonEmpty?.includes(name) === true);
}

/** `rm -rf $PGDATA/*` after `source "$DIR/setenv.sh"` (crunchy-containers' start.sh): the file
 *  sourced earlier, which lint does not read, may set the variable. Still a hazard where it does
 *  not (SC2115), so a warn that names the file, not a block that says the variable is unset. */
function afterSourcedFile(finding: Finding, invocations: readonly Invocation[], locate: Locate): Finding {
  if (finding.rule !== 'filesystem/rm-unset-variable' || finding.severity === 'warn' || finding.severity === 'allow') return finding;
  const sourced = invocations
    .filter((inv) => (inv.name === 'source' || inv.name === '.') && (inv.pos ?? Infinity) < (finding.pos ?? 0) && inv.args.length > 0)
    .at(-1);
  if (!sourced) return finding;
  const file = sourced.args[0]!;
  const what = file.unsetVariables.length > 0 && file.text ? file.text : file.value;
  return { ...finding, severity: 'warn', message: `${finding.message}, unless ${what} (sourced on line ${locate(sourced.pos ?? 0).line}) sets it` };
}

/** Deletes that may be the teardown of what the same file created earlier (a CI job that creates
 *  an e2e cluster or stack and deletes it at its end). */
const TEARDOWN_RULES: ReadonlySet<string> = new Set(['cloud/cloud-resource-delete', 'cloud/terraform-destroy', 'cloud/paas-destroy']);
/** Targets that name an account or a default, not a resource: the same for a create and any delete. */
const ACCOUNT_SOURCE = /profile|account|project|^AWS_|^CLOUDSDK|^GOOGLE|^ARM_/i;

/** What the invocations of one snippet create, as `program\0name` with the offset it happens at. */
function creations(invocations: readonly Invocation[]): { key: string; pos: number }[] {
  const created: { key: string; pos: number }[] = [];
  for (const inv of invocations) {
    const service = serviceItems(
      inv.name,
      inv.args.map((arg) => arg.value),
    );
    if (service?.created) for (const item of service.items) created.push({ key: `${inv.name}\0item\0${item}`, pos: inv.pos ?? 0 });
    const kubeconfig = inv.env.KUBECONFIG;
    if (
      kubeconfig &&
      createsKubeCluster(
        inv.name,
        inv.args.map((arg) => arg.value),
      )
    )
      created.push({ key: `kubeconfig\0${kubeconfig}`, pos: inv.pos ?? 0 });
    // `mkdir DIR` (not -p: that one is content with a folder already there) makes a new, empty folder.
    if (inv.name === 'mkdir' && !inv.args.some((arg) => /^-(-parents$|[^-]*p)/.test(arg.value)))
      for (const arg of inv.args)
        if (arg.value.startsWith('/') && !arg.dynamic && !arg.glob)
          created.push({ key: `dir\0${posix.normalize(arg.value).replace(/(.)\/+$/, '$1')}`, pos: inv.pos ?? 0 });
    // `initdb -D DIR`, `pg_ctl initdb -D DIR`, `mysqld --initialize --datadir=DIR`: a new, empty
    // cluster of the file's own. Kept as the value reads (`${RUNNER_TEMP}/pgdata`): the same text
    // later is the same folder.
    const initialized = initializedDataDirectory(inv);
    if (initialized) created.push({ key: `datadir\0${posix.normalize(initialized).replace(/(.)\/+$/, '$1')}`, pos: inv.pos ?? 0 });
    // `mdadm --create /dev/md0 … DEVICES`: a new array, empty until the file formats it.
    if (inv.name === 'mdadm') {
      const at = inv.args.findIndex((arg) => arg.value === '--create' || arg.value === '-C');
      const device = at >= 0 ? inv.args[at + 1] : undefined;
      if (device && device.value.startsWith('/dev/') && !device.glob) created.push({ key: `device\0${device.value}`, pos: inv.pos ?? 0 });
    }
    // `docker run --name X`: a container the file started (and its server a new instance).
    if ((inv.name === 'docker' || inv.name === 'podman') && inv.args[0]?.value === 'run') {
      const at = inv.args.findIndex((arg) => arg.value === '--name' || arg.value.startsWith('--name='));
      const name = at === -1 ? undefined : inv.args[at]!.value.startsWith('--name=') ? inv.args[at]!.value.slice(7) : inv.args[at + 1]?.value;
      if (name && !inv.args[at + (inv.args[at]!.value.startsWith('--name=') ? 0 : 1)]?.dynamic) created.push({ key: `container\0${name}`, pos: inv.pos ?? 0 });
    }
    // `zfs clone SNAP NAME`, `zfs create NAME`, `zfs snapshot POOL@NAME`: a dataset or snapshot of the file's own.
    if (inv.name === 'zfs' && ['create', 'clone', 'snapshot'].includes(inv.args[0]?.value ?? '')) {
      const operands = zfsOperands(inv.args.slice(1));
      const made = inv.args[0]!.value === 'clone' ? operands.slice(1) : operands;
      for (const name of made) created.push({ key: `zfs\0${name}`, pos: inv.pos ?? 0 });
    }
    // `gsutil rsync -d gs://b/x ./x`, `aws s3 sync s3://b ./x`: a folder fetched from a bucket.
    const sync = syncEnds(inv);
    if (sync && /^[a-z0-9]+:\/\//i.test(sync.from) && !/^[a-z0-9]+:\/\//i.test(sync.to))
      created.push({ key: `fetched\0${sync.to}\0${sync.from}`, pos: inv.pos ?? 0 });
    // `createdb NAME`: a new, empty database of the file's own (rubygems' load-pg-dump drops and
    // creates it, runs the migrations, then drops the tables it is about to load).
    if (inv.name === 'createdb') {
      const name = databaseNamed(inv);
      if (name) created.push({ key: `database\0${name}`, pos: inv.pos ?? 0 });
    }
    const words = CREATING_WORDS[inv.name];
    if (!words || !inv.args.some((arg) => words.includes(arg.value))) continue;
    for (const target of [...cloudTargets(inv), ...workspaceTargets(inv, { hostname: LINT_HOSTNAME, envFiles: {} })]) {
      // `${{` alone is a piece of a split GitHub expression (`${{ env.A }}` unquoted): every
      // expression starts so, and it names no one resource.
      if (
        target.name &&
        /[A-Za-z0-9]/.test(target.name) &&
        !ACCOUNT_SOURCE.test(target.source) &&
        target.source !== 'current account or project' &&
        target.source !== 'default AWS account'
      )
        created.push({ key: `${inv.name}\0${target.name}`, pos: inv.pos ?? 0 });
    }
  }
  return created;
}

const SYNC_WORDS: Readonly<Record<string, string>> = { gsutil: 'rsync', gcloud: 'rsync', aws: 'sync', rclone: 'sync', azcopy: 'sync', mc: 'mirror' };

/** The source and destination of a sync (its last two words, as written when they are
 *  variables, without a trailing slash), or undefined. */
function syncEnds(inv: Invocation): { from: string; to: string } | undefined {
  const word = SYNC_WORDS[inv.name];
  const at = word ? inv.args.findIndex((arg) => arg.value === word) : -1;
  if (at === -1) return undefined;
  const operands = inv.args.slice(at + 1).filter((arg) => !arg.value.startsWith('-'));
  if (operands.length < 2) return undefined;
  const shown = (arg: (typeof operands)[number]) => (arg.dynamic ? arg.text : arg.value).replace(/(.)\/+$/, '$1');
  return { from: shown(operands.at(-2)!), to: shown(operands.at(-1)!) };
}

/** A sync with deletion back into the bucket a folder was fetched from earlier in the same file
 *  (scylla-operator's helm-publish: `gsutil rsync -d BUCKET LOCAL`, add the new chart, `gsutil
 *  rsync -d LOCAL BUCKET`) deletes only what the file itself removed from its copy: a warn. */
const SYNC_DELETE_RULES: ReadonlySet<string> = new Set(['cloud/sync-delete-remote', 'cloud/bucket-deploy-delete', 'cloud/s3-sync-delete']);
function syncsBackFetched(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): Finding {
  if (!SYNC_DELETE_RULES.has(finding.rule) || finding.severity === 'warn' || finding.severity === 'allow') return finding;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end);
  const sync = inv ? syncEnds(inv) : undefined;
  const at = sync ? created.get(`fetched\0${sync.from}\0${sync.to}`) : undefined;
  if (at === undefined || at >= (finding.pos ?? 0)) return finding;
  return { ...finding, severity: 'warn', message: `${finding.message}; the folder is a copy this file fetched from there earlier` };
}

/** The database a PostgreSQL client names (`-d X`, `--dbname=X`, else its first operand), as
 *  written when it is a variable (`$pg_database`: the same text later is the same database), or
 *  undefined. A connection string is not a name. */
function databaseNamed(inv: Invocation): string | undefined {
  if (inv.name !== 'createdb' && inv.name !== 'psql') return undefined;
  const scan = scanOptions(inv.args, commandOptionSpec(inv.name));
  const option = inv.name === 'psql' ? scan.options.find((o) => o.flag === '-d' || o.flag === '--dbname') : undefined;
  let word = option ? inv.args[option.index] : scan.positionals[0] !== undefined ? inv.args[scan.positionals[0]] : undefined;
  // `-d NAME` and `--dbname NAME`: the value is the next word; `-dNAME`, `--dbname=NAME`: this one.
  if (option && word && (word.value === option.flag || word.value === '--dbname')) word = inv.args[option.index + 1];
  else if (option) return undefined;
  if (!word || /[:/=@]/.test(word.value)) return undefined;
  return word.dynamic ? word.text : word.value;
}

/** A DROP, DELETE or TRUNCATE through psql in a database the same file made earlier with
 *  `createdb` touches the file's own new database: a warn, as for a table it created. */
function inOwnDatabase(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): Finding {
  if (!TABLE_DATA_RULES.has(finding.rule) || finding.severity === 'warn' || finding.severity === 'allow') return finding;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && candidate.name === 'psql');
  const name = inv ? databaseNamed(inv) : undefined;
  const at = name !== undefined ? created.get(`database\0${name}`) : undefined;
  if (at === undefined || at >= (finding.pos ?? 0)) return finding;
  return { ...finding, severity: 'warn', message: `${finding.message}; a database this file created earlier (its own)` };
}

/** A delete of a cluster, stack or workspace the file created earlier is its teardown: a warn
 *  (it still deletes), not a confirmation of someone else's resource. */
function asTeardown(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): Finding {
  if (finding.severity === 'warn' || finding.severity === 'allow') return finding;
  if (SERVICE_TEARDOWN_RULES.has(finding.rule)) return asServiceTeardown(finding, invocations, created);
  if (!TEARDOWN_RULES.has(finding.rule)) {
    const filter = finding.rule.startsWith('cloud/') ? testNamedFilter(invocations, finding) : undefined;
    return filter
      ? { ...finding, severity: 'warn', message: `${finding.message}; the names come from a list filtered to ${filter}, named for tests` }
      : finding;
  }
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end);
  const at = inv ? created.get(`${inv.name}\0${finding.target}`) : undefined;
  if (at !== undefined && at < (finding.pos ?? 0))
    return { ...finding, severity: 'warn', message: `${finding.message}; created earlier in this file (a teardown)` };
  const fedByXargs = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && candidate.via.at(-1) === 'xargs');
  const listed = fedByXargs ? filteredListOfOwn(fedByXargs.name, invocations, finding, created) : undefined;
  if (listed)
    return { ...finding, severity: 'warn', message: `${finding.message}; the names a list filtered to ${listed} gives, which this file creates (a teardown)` };
  const filter = fedByXargs ? testNamedFilter(invocations, finding) : undefined;
  return filter ? { ...finding, severity: 'warn', message: `${finding.message}; the names come from a list filtered to ${filter}, named for tests` } : finding;
}

/** Options of a listing command that narrow the names it prints (`--log-group-name-prefix X`,
 *  `--filter X`, `--name-prefix=X`). */
const LIST_FILTER_OPTION = /^--[a-z-]*(prefix|filter)$/;

/**
 * `aws s3api list-buckets … | grep -E 'stack-test-.*-bucket' | xargs -I% aws s3 rb s3://% --force`
 * (buildkite's CI clean-up of its own test stacks' leftovers): xargs deletes only the names the
 * pipeline before it kept, and a `grep` (not `-v`) or a listing's prefix/filter option narrowed
 * them to names whose words say test or development. The filter, or undefined: a pipeline that
 * also keeps names said production, or none said anything, keeps its finding.
 */
function testNamedFilter(invocations: readonly Invocation[], finding: Finding): string | undefined {
  let at = invocations.findIndex((candidate) => candidate.name === 'xargs' && candidate.pos === finding.pos && candidate.stdin?.kind === 'pipe');
  const filters: string[] = [];
  for (let hops = 0; at > 0 && hops < 8; hops++) {
    // The stage before: the nearest earlier invocation of the program the pipe's producer names.
    const producer = invocations[at]!.stdin?.producer?.[0];
    if (invocations[at]!.stdin?.kind !== 'pipe' || !producer) break;
    let before = at - 1;
    while (before >= 0 && invocations[before]!.name !== posix.basename(producer)) before--;
    if (before < 0) break;
    at = before;
    const stage = invocations[at]!;
    const words = stage.args.map((arg) => arg.value);
    if (stage.name === 'grep' || stage.name === 'egrep') {
      if (words.some((word) => /^-[A-Za-z]*v/.test(word) || word === '--invert-match')) continue;
      const e = words.findIndex((word) => word === '-e' || word === '--regexp');
      const pattern = e >= 0 ? words[e + 1] : words.find((word) => !word.startsWith('-'));
      if (pattern) filters.push(pattern);
    } else {
      words.forEach((word, i) => {
        const [name, inline] = word.split(/=(.*)/s);
        if (LIST_FILTER_OPTION.test(name!)) {
          const value = inline ?? words[i + 1];
          if (value) filters.push(value);
        }
      });
    }
  }
  const said = filters.map((filter) => ({ filter, environment: environmentFromName(filter, { live: true })?.environment }));
  if (said.some((s) => s.environment === 'production' || s.environment === 'staging')) return undefined;
  return said.find((s) => s.environment === 'test' || s.environment === 'development')?.filter;
}

/** `gcloud container clusters list --filter $NAME-$SUFFIX … | xargs -r gcloud container clusters
 *  delete`: the delete gets the names a list filtered to one the file creates (percona's e2e
 *  Jenkinsfiles clear a failed attempt's cluster before creating it again, and after the last
 *  attempt). The name, when the producer is the same program's list filtered to a name this
 *  file creates, before or after in the same step: the retry loop clears its own leftover. */
function filteredListOfOwn(program: string, invocations: readonly Invocation[], finding: Finding, created: ReadonlyMap<string, number>): string | undefined {
  const xargs = invocations.find((candidate) => candidate.name === 'xargs' && candidate.pos === finding.pos && candidate.stdin?.producer);
  const [producer, ...words] = xargs?.stdin?.producer ?? [];
  if (producer !== program || !words.includes('list')) return undefined;
  const at = words.findIndex((word) => word === '--filter' || word.startsWith('--filter='));
  if (at < 0) return undefined;
  const filter = (words[at]!.startsWith('--filter=') ? words[at]!.slice('--filter='.length) : words[at + 1]) ?? '';
  // `--filter name=X`, `--filter "name:X"` or the bare name.
  const name = filter.replace(/^name\s*[=:~]\s*/, '').replace(/^['"]|['"]$/g, '');
  return name && /[A-Za-z0-9]/.test(name) && created.has(`${program}\0${name}`) ? name : undefined;
}

/** Data-service deletes whose items (`--topic T`) a create earlier in the file named. */
const SERVICE_TEARDOWN_RULES: ReadonlySet<string> = new Set(['database/service-data-delete-flagged']);

/** `kafka-topics --create --topic T` … later `kafka-topics --delete --topic T`: the file's own topic. */
function asServiceTeardown(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): Finding {
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && serviceItems(candidate.name, []));
  const named = inv
    ? serviceItems(
        inv.name,
        inv.args.map((arg) => arg.value),
      )!.items
    : [];
  const ownItems = named.length > 0 && named.every((item) => (created.get(`${inv!.name}\0item\0${item}`) ?? Infinity) < (finding.pos ?? 0));
  return ownItems ? { ...finding, severity: 'warn', message: `${finding.message}; created earlier in this file (a teardown)` } : finding;
}

/** A kube command whose kubeconfig is the one a cluster create earlier in the file wrote
 *  (percona's e2e Jenkinsfiles: `export KUBECONFIG=/tmp/$CLUSTER_NAME-…`, `gcloud container clusters
 *  create $CLUSTER_NAME-…`, and at the end `kubectl delete pods --all -n $ns` under the same
 *  KUBECONFIG before deleting the cluster) acts inside the file's own new cluster: nothing there
 *  was anyone else's. A `--context`/`--kubeconfig` on the command, or a context switched earlier
 *  in the line, points elsewhere and keeps the finding. */
function inOwnCluster(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): boolean {
  if (finding.targetKind !== 'kube') return false;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && candidate.env.KUBECONFIG);
  if (!inv || ('kubeContext' in inv.host && inv.host.kubeContext) || inv.session?.kubeContext) return false;
  if (inv.args.some((arg) => /^--(context|kubeconfig|cluster|server)(=|$)/.test(arg.value))) return false;
  const at = created.get(`kubeconfig\0${inv.env.KUBECONFIG}`);
  return at !== undefined && at < (finding.pos ?? 0);
}

/**
 * A data-directory finding about a folder the file made with `mkdir` earlier, or something in it:
 * psmdb's restore entrypoint does `mkdir /data/db/pbm-restore-logs` and then moves its logs
 * there. For mv and cp the destination (the last word) is what they replace; for rm every path
 * they remove must be in such a folder.
 */
const OWN_FOLDER_RULES: ReadonlySet<string> = new Set(['filesystem/replace-data-files', 'filesystem/rm-data-directory']);

function inOwnFolder(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): boolean {
  if (!OWN_FOLDER_RULES.has(finding.rule)) return false;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end);
  if (!inv) return false;
  const operands = inv.args.filter((arg) => !arg.value.startsWith('-'));
  const named = finding.rule === 'filesystem/replace-data-files' ? operands.slice(-1) : operands;
  const own = (arg: Invocation['args'][number]): boolean => {
    if (!arg.value.startsWith('/') || arg.dynamic) return false;
    const path = posix.normalize(arg.value).replace(/(.)\/+$/, '$1');
    for (let dir = path; dir !== '/' && dir !== '.'; dir = posix.dirname(dir)) {
      const at = created.get(`dir\0${dir}`);
      if (at !== undefined && at < (finding.pos ?? 0)) return true;
    }
    return false;
  };
  return named.length > 0 && named.every(own);
}

/** The data directory a database's own initialiser makes (`initdb -D DIR`, `initdb DIR`,
 *  `pg_ctl initdb -D DIR`, `mysqld --initialize-insecure --datadir=DIR`); initdb refuses a
 *  folder that is not empty, so what is in it afterwards is the file's own. */
function initializedDataDirectory(inv: Invocation): string | undefined {
  const words = inv.args.map((arg) => arg.value);
  const option = (short: string | undefined, long: string): string | undefined => {
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
      if (word === long || (short && word === short)) return words[i + 1];
      if (short && word.startsWith(short) && word.length > short.length && !word.startsWith('--')) return word.slice(short.length);
    }
    return undefined;
  };
  const pick = (dir: string | undefined) => (dir && !inv.args.some((arg) => arg.glob) ? dir : undefined);
  if (inv.name === 'initdb') return pick(option('-D', '--pgdata') ?? words.find((word, i) => !word.startsWith('-') && !/^-[A-Za-z]$/.test(words[i - 1] ?? '')));
  if (inv.name === 'pg_ctl' && words.some((word) => word === 'initdb' || word === 'init')) return pick(option('-D', '--pgdata'));
  if ((inv.name === 'mysqld' || inv.name === 'mariadbd') && words.some((word) => /^--initialize(-insecure)?$/.test(word)))
    return pick(option(undefined, '--datadir'));
  return undefined;
}

/** A file written (`> DIR/file`, truncated or made) in a data directory the file initialised
 *  earlier (action-setup-postgres: `initdb --pgdata="$PGDATA"`, then `cat > "$PGDATA/pg_service.conf"`):
 *  the cluster is new and its own. Removals keep their finding: an entrypoint may run initdb only
 *  when the folder is empty, and remove what an older run left. */
function writesOwnDataDirectory(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): boolean {
  if (finding.rule !== 'filesystem/overwrite-data-files') return false;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && candidate.name === '(redirect)');
  const path = inv?.args[0];
  if (!path || path.glob) return false;
  // A variable's unknown part (`PGDATA="$RUNNER_TEMP/pgdata"`) is `*` in initdb's words.
  const normalized = posix.normalize(path.value.replaceAll('\u0000dynamic', '*'));
  for (let dir = posix.dirname(normalized); dir !== '/' && dir !== '.'; dir = posix.dirname(dir)) {
    const at = created.get(`datadir\0${dir}`);
    if (at !== undefined && at < (finding.pos ?? 0)) return true;
  }
  return false;
}

/** `mkfs.ext4 -F /dev/md0` after `mdadm --create /dev/md0 …` (buildkite's instance-storage
 *  script puts the instance's NVMe drives in a new RAID 0 and formats it): the array is the
 *  file's own and new; formatting it loses nothing. A format of the member drives still asks. */
function formatsOwnDevice(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): boolean {
  if (finding.rule !== 'filesystem/format-device') return false;
  const inv = invocations.find(
    (candidate) => candidate.pos === finding.pos && candidate.end === finding.end && /^mkfs(\.|$)|^mke2fs$|^mkswap$/.test(candidate.name),
  );
  const devices = inv?.args.filter((arg) => arg.value.startsWith('/dev/')) ?? [];
  return (
    devices.length > 0 &&
    devices.every((arg) => {
      const at = created.get(`device\0${arg.value}`);
      return at !== undefined && at < (finding.pos ?? 0);
    })
  );
}

/** zfs's operands: words that are no option, without the value of `-o prop=value`. */
function zfsOperands(args: readonly Invocation['args'][number][]): string[] {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.value;
    if (value === '-o' || value === '-V' || value === '-b') i++;
    else if (!value.startsWith('-')) operands.push(value);
  }
  return operands;
}

/** `zfs destroy` of a dataset or snapshot the file made earlier (database-lab-engine's snapshot
 *  script clones a snapshot, works on the clone and destroys both when it is done). */
function destroysOwnDataset(finding: Finding, invocations: readonly Invocation[], created: ReadonlyMap<string, number>): boolean {
  if (finding.rule !== 'host/zfs-destroy') return false;
  const inv = invocations.find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end && candidate.name === 'zfs');
  if (inv?.args[0]?.value !== 'destroy') return false;
  const operands = zfsOperands(inv.args.slice(1));
  return (
    operands.length > 0 &&
    operands.every((name) => {
      const at = created.get(`zfs\0${name}`);
      return at !== undefined && at < (finding.pos ?? 0);
    })
  );
}

/** A promotion of the server in a container the file started earlier (database-lab-engine runs
 *  `docker run --name dblab_promote` on a clone of a replica's data, then promotes it there):
 *  a new instance becoming writable, not a failover of a topology someone runs. */
function promotesOwnContainer(finding: Finding, created: ReadonlyMap<string, number>): boolean {
  if (finding.rule !== 'replication/failover' || finding.targetKind !== 'host') return false;
  const at = created.get(`container\0${finding.target}`);
  return at !== undefined && at < (finding.pos ?? 0);
}

/** SQL findings about a table's rows or the table itself. */
const TABLE_DATA_RULES: ReadonlySet<string> = new Set(['sql/delete-update-all-rows', 'sql/truncate', 'sql/drop-objects']);
const TABLE_DATA_KINDS: ReadonlySet<string> = new Set(['update', 'delete', 'truncate', 'drop-table']);

/** Tables the SQL of these invocations creates (`psql -c "CREATE TABLE t …"`), lower-cased, with
 *  the offset it happens at. `CREATE TABLE IF NOT EXISTS` may find a table that was there with
 *  its data, so it creates nothing here. */
function tablesCreated(sql: ReadonlyMap<Invocation, InvocationSql> | undefined): { table: string; pos: number }[] {
  const created: { table: string; pos: number }[] = [];
  for (const [inv, facts] of sql ?? []) {
    for (const fact of facts.statements) {
      if (fact.kind !== 'create' || !/^\s*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(?!IF\s+NOT\s+EXISTS\b)/i.test(fact.text))
        continue;
      for (const table of fact.tables) created.push({ table: table.toLowerCase(), pos: inv.pos ?? 0 });
    }
  }
  return created;
}

/** An UPDATE, DELETE, TRUNCATE or DROP of tables the same file created earlier (a setup script
 *  that creates a table, loads it, then backfills a column of every row) touches the script's
 *  own rows: a warn, like a CI job's teardown, not a confirmation about someone else's data. */
function onOwnTables(finding: Finding, sql: ReadonlyMap<Invocation, InvocationSql> | undefined, created: ReadonlyMap<string, number>): Finding {
  if (!TABLE_DATA_RULES.has(finding.rule) || finding.severity === 'warn' || finding.severity === 'allow') return finding;
  const inv = [...(sql?.keys() ?? [])].find((candidate) => candidate.pos === finding.pos && candidate.end === finding.end);
  const touched = inv ? (sql?.get(inv)?.statements ?? []).filter((fact) => TABLE_DATA_KINDS.has(fact.kind)) : [];
  const own = (table: string) => {
    const at = created.get(`table\0${table.toLowerCase()}`);
    return at !== undefined && at < (finding.pos ?? 0);
  };
  if (touched.length === 0 || !touched.every((fact) => fact.tables.length > 0 && fact.tables.every(own))) return finding;
  return { ...finding, severity: 'warn', message: `${finding.message}; a table this file created earlier (its own rows)` };
}

/** A job on a GitHub-hosted runner changes a virtual machine made for it and discarded after it
 *  (freeing disk space: `sudo rm -rf /usr/share/dotnet /etc/mysql`): a filesystem finding on that
 *  machine itself is a warn at most, like one in a test job. A host reached over ssh is not the runner,
 *  and `rm -rf "$X/"` with X unset (SC2115) keeps its severity: it is a bug wherever it runs. */
function onThrowawayMachine(finding: Finding, snippet: ShellSnippet): Finding {
  if (!snippet.throwawayMachine || !IMAGE_BUILD_SILENCED.test(finding.rule) || finding.severity === 'warn' || finding.severity === 'allow') return finding;
  if (finding.targetKind === 'host' && finding.target !== LINT_HOSTNAME) return finding;
  return { ...finding, severity: 'warn', message: `${finding.message} (a GitHub-hosted runner, discarded after the job)` };
}

/** Template markup (Go/Jinja `{{ }}` `{% %}`, ERB `<% %>`): the file is not its base format yet. */
const TEMPLATE_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|<%[\s\S]*?%>/;

/** The machine a CI job or script runs on: nothing says what it is (no environment token). */
const LINT_HOSTNAME = 'build-runner';
const LINT_HOME = '/home/runner';

function toLintFinding(file: string, index: LineIndex, locate: Locate, finding: Finding, fallbackOffset: number): LintFinding | undefined {
  if (finding.severity === 'allow') return undefined;
  const start = locate(finding.pos ?? fallbackOffset);
  const end = finding.end !== undefined ? locate(finding.end) : undefined;
  return {
    file,
    line: start.line,
    column: start.column,
    ...(end && end.line === start.line && end.column > start.column ? { endLine: end.line, endColumn: end.column } : {}),
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    help: finding.fix,
    source: index.lineText(start.line),
  };
}

/** `lint/parse-error` at a place in the file: shell or SQL prodguard cannot judge. */
function parseErrorFinding(file: DiscoveredFile, index: LineIndex, at: { line: number; column: number }, message: string, help: string): LintFinding {
  return { file: file.path, line: at.line, column: at.column, rule: 'lint/parse-error', severity: 'warn', message, help, source: index.lineText(at.line) };
}

function lintSnippet(
  file: DiscoveredFile,
  index: LineIndex,
  snippet: ShellSnippet,
  context: LintContext,
  secrets: string[],
  created: Map<string, number>,
): LintFinding[] {
  const hints = snippet.hints.map((hint) => ({ environment: hint.environment as Environment, evidence: hint.evidence }));
  const ci = context.ciRunFiles?.get(file.path);
  if (ci) {
    // `rm -rf $WORKSPACE/*` in a script a Jenkins job runs: the job's checkout, never empty.
    const unknown = new Set(snippet.unknownEnv);
    snippet = { ...snippet, env: { ...snippet.env } };
    addPlatformVariables(snippet.text, snippet.env, unknown, (name) => ciSets(ci, name));
    snippet.unknownEnv = [...unknown];
  }
  const image = context.imageEnv?.get(file.path);
  if (image) {
    // `rm -rf "${MYSQLDATA}"/*` in a script a test image ships with `ENV MYSQLDATA=/var/lib/mysql`.
    const unknown = new Set(snippet.unknownEnv);
    snippet = { ...snippet, env: { ...snippet.env } };
    for (const name of referencedVariables(snippet.text))
      if (!(name in snippet.env) && image[name] !== undefined) {
        snippet.env[name] = image[name];
        unknown.delete(name);
      }
    snippet.unknownEnv = [...unknown];
  }
  // The SQL each invocation runs, kept to tell a table the file created from one it did not.
  let sql: ReadonlyMap<Invocation, InvocationSql> | undefined;
  const sqlFor = context.sqlFor
    ? (invocations: readonly Invocation[]) => {
        sql = context.sqlFor?.(invocations);
        return sql ?? new Map();
      }
    : undefined;
  const directory = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
  const cwd = file.format === 'shell' || file.format === 'makefile' ? `${context.root}/${directory}`.replace(/\/+$/, '') : context.root;
  const analysis = checkLine(snippet.text, {
    rules: context.rules,
    config: context.config,
    // $PWD is the folder the script runs in: a path under it (`PGHOST=$PWD/target`, a dev
    // cluster's socket) is on the machine that runs the file, not an unknown remote.
    env: { HOME: LINT_HOME, PWD: cwd, ...snippet.env },
    cwd,
    home: LINT_HOME,
    hostname: LINT_HOSTNAME,
    unsetMeansUnknown: true,
    hints,
    ...(sqlFor ? { sqlFor } : {}),
  });
  // Passwords written in the file (`mysql -pX`) never reach a report: the file's redactor hides them.
  secrets.push(...analysis.secrets);
  const findings: LintFinding[] = [];
  for (const error of analysis.errors.slice(0, 1)) {
    const at = snippet.locate(error.pos);
    if (context.notices && (TEMPLATE_MARKUP.test(snippet.text) || context.shellAccepts?.(snippet.text))) {
      context.notices.push({
        file: file.path,
        line: at.line,
        message: `not checked: the shell accepts this but prodguard's parser does not (${error.message})`,
      });
      continue;
    }
    findings.push(
      parseErrorFinding(file, index, at, `shell that does not parse: ${error.message}`, 'fix the syntax; prodguard cannot judge what it cannot parse'),
    );
  }
  const imageLayerOnly =
    (snippet.imageBuild === true || context.imageBuildFiles?.has(file.path) === true) && !snippet.hints.some((hint) => hint.environment === 'production');
  const serverHinted = snippet.hints.some((hint) => SERVER_ENVIRONMENTS.has(hint.environment));
  // Creations earlier in the file count from this snippet's start; this snippet's own by offset.
  const createdHere = new Map([...created].map(([key]) => [key, -1]));
  for (const { key, pos } of creations(analysis.invocations)) if (!createdHere.has(key)) createdHere.set(key, pos);
  for (const { table, pos } of tablesCreated(sql)) if (!createdHere.has(`table\0${table}`)) createdHere.set(`table\0${table}`, pos);
  for (const raw of analysis.findings) {
    const finding = onThrowawayMachine(
      syncsBackFetched(
        inOwnDatabase(onOwnTables(asTeardown(raw, analysis.invocations, createdHere), sql, createdHere), analysis.invocations, createdHere),
        analysis.invocations,
        createdHere,
      ),
      snippet,
    );
    // Only the machine being built is throwaway: `ssh db1 rm -rf …` from it reaches another host.
    const onThisMachine = finding.targetKind !== 'host' || finding.target === LINT_HOSTNAME;
    const buildLines = context.imageBuildLines?.get(file.path);
    const inBuildFunction =
      buildLines !== undefined &&
      !snippet.hints.some((hint) => hint.environment === 'production') &&
      buildLines.some(([from, to]) => {
        const line = snippet.locate(finding.pos ?? 0).line;
        return line >= from && line <= to;
      });
    if (
      (imageLayerOnly || inBuildFunction) &&
      ((IMAGE_BUILD_SILENCED.test(finding.rule) && onThisMachine) || (finding.environment === 'local' && IMAGE_LOCAL_DATABASE.test(finding.rule)))
    )
      continue;
    if (fromUnsetVariableOnly(finding, analysis.invocations)) continue;
    if (testedNonEmptyFirst(finding, analysis.invocations)) continue;
    if (inOwnCluster(finding, analysis.invocations, createdHere)) continue;
    if (inOwnFolder(finding, analysis.invocations, createdHere)) continue;
    if (writesOwnDataDirectory(finding, analysis.invocations, createdHere)) continue;
    if (formatsOwnDevice(finding, analysis.invocations, createdHere)) continue;
    if (destroysOwnDataset(finding, analysis.invocations, createdHere)) continue;
    if (promotesOwnContainer(finding, createdHere)) continue;
    const containerVolumes = context.containerStartFiles?.get(file.path);
    if (containerVolumes && CONTAINER_COPY_RULES.has(finding.rule) && onThisMachine && !reachesVolume(finding, analysis.invocations, containerVolumes))
      continue;
    if (containerVolumes && onThisMachine && touchesOnlyStartFiles(finding, analysis.invocations)) continue;
    // A container's start script pointing its own server at a primary (percona-docker's
    // ps-entry.sh: RESET SLAVE; CHANGE MASTER TO MASTER_HOST='${MASTER_HOST}' …) sets up the
    // server it started; a server elsewhere keeps the rule.
    if (containerVolumes && finding.rule === 'sql/replication-change' && finding.environment === 'local') continue;
    if (NOT_SEEN_RULES.has(finding.rule) && !SERVER_ENVIRONMENTS.has(finding.environment ?? 'unknown') && !serverHinted) {
      const at = snippet.locate(finding.pos ?? 0);
      context.notices?.push({ file: file.path, line: at.line, message: `not checked: ${finding.message}` });
      continue;
    }
    const converted = toLintFinding(file.path, index, snippet.locate, afterSourcedFile(finding, analysis.invocations, snippet.locate), 0);
    if (converted) findings.push(converted);
  }
  for (const key of createdHere.keys()) created.set(key, -1);
  return findings;
}

/** psql meta-commands (`\set`, `\i`, `\copy`, `\.`) and interpolations (`:var`, `:'var'`). */
const PSQL_META_LINE = /^[ \t]*\\.*$/gm;
const PSQL_VARIABLE = /(?<![:\w]):(['"]?)([A-Za-z_]\w*)\1/g;

/** A psql script read as PostgreSQL: meta-command lines blanked and `:vars` turned into a
 *  literal or name of the same length, so offsets (and so line numbers) stay the file's. */
export function psqlAsSql(text: string): { text: string; psql: boolean } {
  let psql = false;
  // COPY … FROM stdin data runs to the `\.` line: it is data, not SQL.
  let out = text.replace(/(FROM\s+stdin[^;]*;)([\s\S]*?)^\\\.[ \t]*$/gim, (_m, head: string, data: string) => {
    psql = true;
    return head + data.replace(/[^\n]/g, ' ') + '  ';
  });
  out = out.replace(PSQL_META_LINE, (line) => {
    psql = true;
    return ' '.repeat(line.length);
  });
  // psql interpolates no variable inside a comment or a quoted string (`-- {"name":"s"}`).
  // Lexed only when a `:name` is there at all: most SQL files have none.
  let quoted: PgToken[] | undefined;
  const lexed = out;
  out = out.replace(PSQL_VARIABLE, (match: string, quote: string, name: string, offset: number) => {
    quoted ??= lexPg(lexed, true).filter((token) => token.type === 'comment' || token.type === 'string' || token.type === 'dollar');
    if (quoted.some((token) => offset >= token.pos && offset < token.end)) return match;
    psql = true;
    return quote === "'" ? `'${'x'.repeat(name.length)}'` : quote === '"' ? `"${name}"` : `_${name}`;
  });
  return { text: out, psql };
}

/** One matcher per config: compiling the migration globs costs more than linting a small
 *  migration, and a run lints hundreds of them with the same config. */
const migrationMatchers = new WeakMap<Config, ScopeMatcher>();
function migrationMatcher(config: Config): ScopeMatcher {
  let matcher = migrationMatchers.get(config);
  if (!matcher) {
    matcher = scopeMatcher({ migrations: config.lint?.sql.migrations ?? [] });
    migrationMatchers.set(config, matcher);
  }
  return matcher;
}

/** Template markup in SQL (Go `{{ index .Options "Namespace" }}.users` in gobuffalo/pop and
 *  supabase auth migrations, Jinja `{% if %}`, ERB `<%= %>`, Flyway's and Liquibase's
 *  placeholders `${tableName}` in conductor's migrations): a value becomes a name of the same
 *  length and control markup becomes spaces, so the statements around it are still judged and
 *  line numbers stay the file's. */
export function templateAsSql(text: string): { text: string; templated: boolean; restore: (sql: string) => string } {
  const values = new Map<string, string>();
  const out = text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|<%[\s\S]*?%>|\$\{[A-Za-z_][\w.:-]*\}/g, (markup) => {
    if (!(markup.startsWith('{{') || markup.startsWith('<%=') || markup.startsWith('${')) || markup.includes('\n')) return markup.replace(/[^\n]/g, ' ');
    const name = `_${'x'.repeat(markup.length - 1)}`;
    if (!values.has(name)) values.set(name, markup);
    return name;
  });
  // Messages quote the statement as the file has it, markup and all.
  const restore = (sql: string) => (values.size === 0 ? sql : sql.replace(/(?<!\w)_x+/g, (name) => values.get(name) ?? name));
  return { text: out, templated: out !== text, restore };
}

/** An UPDATE of every row inside a migration is the backfill step of an expand/contract change
 *  (the very fix sql/alter-table-destructive recommends): it rewrites, it does not lose, so it
 *  warns (long locks on a big table) rather than asks. A DELETE of every row keeps its severity. */
function asMigrationStep(finding: Finding, updates: ReadonlySet<number | undefined>): Finding {
  if (finding.rule !== 'sql/delete-update-all-rows' || !updates.has(finding.pos) || finding.severity === 'warn') return finding;
  return { ...finding, severity: 'warn', message: `${finding.message}: a backfill in a migration (it locks every row while it runs)` };
}

/** Where one file holds both directions (goose `-- +goose Down`, sql-migrate `-- +migrate Down`,
 *  dbmate `-- migrate:down`), the down part runs only to roll the up part back: like a separate
 *  `down.sql` (scope.ts isDownMigration) it is not judged. Lines stay where they were. */
const DOWN_SECTION =
  /^--[ \t]*(?:\+goose[ \t]+Down|\+migrate[ \t]+Down|migrate:down)\b[\s\S]*?(?=^--[ \t]*(?:\+goose[ \t]+Up|\+migrate[ \t]+Up|migrate:up)\b|(?![\s\S]))/gim;

export function withoutDownSections(text: string): string {
  return text.replace(DOWN_SECTION, (section) => section.replace(/[^\n]/g, ' '));
}

/** SQL kept for another engine (`db/clickhouse/migrations/`, `sqlite/`): PostgreSQL's and MySQL's
 *  parsers judge what they can read of it, and what they cannot is that engine's syntax (umami's
 *  ClickHouse migrations), a file not fully checked rather than an error. */
const OTHER_ENGINE_PATH =
  /(^|\/)(clickhouse|sqlite3?|mssql|sqlserver|tsql|oracle|snowflake|bigquery|redshift|duckdb|cockroach(db)?|cassandra|spanner)(\/|[._-])/i;

/** SQL Server's T-SQL, from what only it writes: a `GO` batch separator on its own line (sqlcmd,
 *  SSMS, DbUp), `[dbo].` bracket-quoted schema names, `DECLARE @name` variables (MySQL's DECLARE
 *  takes no `@`). bitwarden's DbUp scripts (`util/Migrator/DbScripts/`) are all three. */
const SQL_SERVER_TEXT = /^[ \t]*GO[ \t]*(?:--.*)?$|\[dbo\]\.|\bDECLARE\s+@\w/im;

/** The engine a migration file is written for, from its name (`x.sqlite3.up.sql`, `x.mysql.sql`):
 *  one history may hold a sequence per engine, each run on its own. */
const ENGINE_IN_NAME = /\.(sqlite3?|mysql|postgres(?:ql)?|cockroach(?:db)?|mssql|sqlserver)\.(?:[^/]*\.)?sql$/i;

/** The engine a folder or file name says (`db/migration_postgres/`, `mysql-persistence/`,
 *  `migrations/postgresql/`): the one named nearest the file. */
const DIALECT_WORDS: Readonly<Record<string, 'postgres' | 'mysql'>> = table({
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  pgsql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
});
export function dialectInPath(path: string): 'postgres' | 'mysql' | undefined {
  const words = path.toLowerCase().split(/[/._-]+/);
  for (let at = words.length - 1; at >= 0; at--) {
    const dialect = DIALECT_WORDS[words[at] as string];
    if (dialect) return dialect;
  }
  return undefined;
}

/** Key of the sequence of migrations `path` belongs to: its history and engine. */
function migrationStep(path: string): string {
  return `${migrationHistory(path)}\0${ENGINE_IN_NAME.exec(path)?.[1]?.toLowerCase() ?? ''}`;
}

/**
 * One migration split into numbered files: ory's `migrate gen` writes `<timestamp><step>_<name>`
 * (`20211019000001000003_merge_authentication_request_tables.postgres.up.sql`), one statement per
 * file. The files share their timestamp and name, were written together and run together: no row
 * is written between them, so a table one step copied whole is still whole at a later step.
 * Undefined for a file whose number is a plain timestamp (14 digits or fewer).
 */
export function splitMigration(path: string): string | undefined {
  const name = /(?:^|\/)(\d{14})\d+_([^/]+?)(?:\.(?:sqlite3?|mysql|postgres(?:ql)?|cockroach(?:db)?|mssql|sqlserver))?(?:\.up)?\.sql$/i.exec(path);
  return name ? `${name[1]}_${name[2]!.toLowerCase()}` : undefined;
}

/** The column types known to earlier migrations of the history `path` belongs to. */
function historyColumns(context: LintContext, path: string): Map<string, ColumnType> | undefined {
  if (!context.migrationColumns) return undefined;
  const history = migrationHistory(path);
  let columns = context.migrationColumns.get(history);
  if (!columns) {
    columns = new Map();
    context.migrationColumns.set(history, columns);
  }
  return columns;
}

function lintSql(file: DiscoveredFile, index: LineIndex, raw: string, locate: Locate, context: LintContext): LintFinding[] {
  if (!context.sqlParserLoaded) return [];
  const template = templateAsSql((file.migration ?? migrationMatcher(context.config).isMigration(file.path)) ? withoutDownSections(raw) : raw);
  const { text, psql } = psqlAsSql(template.text);
  const configured = context.config.lint?.sql.dialect ?? 'auto';
  const analysis = analyzeSql(text, configured !== 'auto' ? configured : psql ? 'postgres' : (dialectInPath(file.path) ?? 'auto'));
  const migration = file.migration ?? migrationMatcher(context.config).isMigration(file.path);
  // A migration runs wherever it is deployed: production unless the file says otherwise.
  // Copies carry from one migration to the next of its sequence only: rows written after an
  // older copy would be lost with the table.
  const step = migration && context.migrationCopies ? migrationStep(file.path) : undefined;
  const copies = new Set(step ? context.migrationCopies?.get(step) : undefined);
  const carried = new Set(copies);
  const split = step ? splitMigration(file.path) : undefined;
  const group = step && split ? context.migrationSplits?.get(step) : undefined;
  for (const table of group?.migration === split ? (group?.copies ?? []) : []) copies.add(table);
  let retired = step ? context.migrationRetired?.get(step) : undefined;
  if (step && !retired && context.migrationRetired) context.migrationRetired.set(step, (retired = new Set()));
  const history = migration ? migrationHistory(file.path) : undefined;
  let tables = history !== undefined ? context.migrationTables?.get(history) : undefined;
  if (history !== undefined && !tables && context.migrationTables) context.migrationTables.set(history, (tables = { files: 0, tables: new Set() }));
  const kept = withoutSelfUndone(analysis.statements, migration ? historyColumns(context, file.path) : undefined, copies, retired, tables);
  if (step) context.migrationCopies?.set(step, new Set([...copies].filter((table) => !carried.has(table))));
  if (step && split) context.migrationSplits?.set(step, { migration: split, copies: new Set(copies) });
  else if (step) context.migrationSplits?.delete(step);
  const statements = kept.map((statement) => ({
    kind: statement.kind,
    where: statement.where,
    text: template.restore(statement.text),
    tables: statement.tables,
    pos: statement.pos,
    end: statement.end,
    ...(statement.whereReason ? { whereReason: statement.whereReason } : {}),
  }));
  const matches = evaluateStatements(statements, context.rules, context.config, 'unknown', 'a migration runs wherever it is deployed');
  const updates = new Set(statements.filter((statement) => statement.kind === 'update').map((statement) => statement.pos));
  const findings = findingsFromMatches(matches, [], { config: context.config })
    .findings.map((finding) => (migration ? asMigrationStep(finding, updates) : finding))
    .map((finding) => toLintFinding(file.path, index, locate, finding, 0))
    .filter((finding): finding is LintFinding => finding !== undefined);
  // SQL no migration tool runs (a fixture, a regression test) is judged for what it says, but
  // a statement the parser cannot read there is not worth a finding.
  // EXECUTE of a computed string (`'GRANT … TO ' || role`) is valid SQL: what its constant parts
  // say was judged above, the rest is known only when the migration runs. A file not fully
  // checked (one notice), not an error in it.
  const runtime = migration ? analysis.errors.filter((error) => error.runtime) : [];
  const first = runtime[0];
  if (first && context.notices) {
    const more = runtime.length > 1 ? ` (and ${runtime.length - 1} more in this file)` : '';
    context.notices.push({ file: file.path, line: locate(first.pos).line, message: `not checked: ${first.message}${more}` });
  }
  for (const error of migration ? analysis.errors.filter((candidate) => !candidate.runtime || !context.notices) : []) {
    const at = locate(error.pos);
    // A template the renderer has not filled in yet may hold SQL only its output makes whole:
    // the file was not fully checked (a notice), it is not wrong.
    const sqlServer = !OTHER_ENGINE_PATH.test(file.path) && SQL_SERVER_TEXT.test(raw);
    if ((template.templated || OTHER_ENGINE_PATH.test(file.path) || sqlServer) && context.notices) {
      const what = template.templated ? 'SQL template markup' : sqlServer ? "SQL Server's T-SQL" : "another engine's SQL";
      context.notices.push({ file: file.path, line: at.line, message: `not checked: ${what} prodguard cannot read (${error.message})` });
      break;
    }
    findings.push(
      parseErrorFinding(file, index, at, `SQL that does not parse: ${error.message}`, 'fix the SQL; prodguard never treats SQL it cannot parse as harmless'),
    );
  }
  return findings;
}

export function lintFile(file: DiscoveredFile, text: string, context: LintContext): LintFinding[] {
  const index = new LineIndex(text);
  const extracted = extractFile(file, text);
  for (const notice of extracted.notices ?? []) context.notices?.push({ file: file.path, ...notice });
  const findings = extracted.problems.map((problem) => problemToFinding(file.path, index, problem, context.rules));
  const secrets: string[] = [];
  const created = new Map<string, number>();
  for (const snippet of extracted.snippets) findings.push(...lintSnippet(file, index, snippet, context, secrets, created));
  if (extracted.sql) findings.push(...lintSql(file, index, extracted.sql.text, extracted.sql.locate, context));
  // A shared step (GitLab `default: before_script`, a YAML anchor) reaches several jobs: report
  // each place in the file once.
  const seen = new Set<string>();
  // One redactor per file: this file's secrets, and no other file's, are hidden in its findings.
  const redactor = createRedactor(secrets);
  return findings
    .map((finding) => redactor.deep(finding))
    .filter((finding) => {
      const key = `${finding.line}:${finding.rule}:${finding.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
