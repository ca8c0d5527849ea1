// Edge orchestration shared by check, run and the client wrappers: load config and rules, plan,
// gather only the facts the line needs (files, probes), then run the pure core.

import type { Invocation, ProbeResult, Target } from '../types.js';
import { ConfigError, UndecidableError } from '../errors.js';
import { loadConfig, stateDirectory } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { loadRules, loadRulesFromDirectory } from '../rules/load.js';
import { mergeRuleLayers } from '../config/merge-rules.js';
import { UsageError } from '../errors.js';
import type { Rule } from '../rules/schema.js';
import { plan, analyze, databasesToProbe, type Analysis, type Plan } from '../engine/analyze.js';
import { gatherFacts, homeOf, plainEnv } from '../context/gather.js';
import { targetKey, type BlastRadius, type DataDirectoryFact, type EvaluationContext, type InvocationSql } from '../rules/evaluate.js';
import { resolveTargets } from '../targets/resolve.js';
import { classifyTarget } from '../classify/classify.js';
import type { Override } from '../decide/decide.js';
import type { TargetFacts } from '../targets/facts.js';
import { classifyPath } from '../targets/paths.js';
import { scanOptions } from '../parse/options.js';
import { secretsOfInvocations } from '../parse/secrets.js';
import { createRedactor, type Redactor } from '../util/redact.js';
import { envFilesNamedBy } from '../parse/wrappers/env-runners.js';
import { rsyncSourcesToInspect } from '../parse/wrappers/rsync.js';
import { bucketMirrorSourcesToInspect } from '../parse/wrappers/bucket-mirror.js';
import { usersNamedBy } from '../parse/wrappers/users.js';
import { emptyDirectoriesAmong, lookUpUserHomes, readNamedEnvFiles, readRunFiles } from '../context/gather.js';
import { filesWanted } from '../parse/scripts.js';
import { asPowerShellLine } from '../parse/interpreters/powershell.js';
import type { ReadFiles } from '../types.js';
import { nearNames } from '../util/near-names.js';

/** A script that runs a script that runs a script…: read this many levels, then judge as is. */
const MAX_READ_ROUNDS = 6;
/** At most this many files are read for one line. */
const MAX_READ_FILES = 64;
import { inspectDataDirectory } from '../probe/data-directory.js';
import { dataEngines } from '../knowledge/data-directories.js';

export interface JudgeOptions {
  source: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  configFile?: string;
  noProbe: boolean;
  overrides: readonly Override[];
}

export interface Judgement extends Analysis {
  plan: Plan;
  config: Config;
  rules: Rule[];
  facts: TargetFacts;
  probes: Map<string, ProbeResult>;
  /** Why the probe was not run, for the output ("--no-probe", "disabled in config"). */
  probeNote?: string;
  /** Redaction for this line: the patterns plus the secrets the line itself carries. */
  redactor: Redactor;
}

const DELETING_COMMANDS = new Set(['rm', 'shred', 'unlink', 'rmdir', 'srm', 'wipe', 'find']);

export async function loadSetup(options: { configFile?: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<{ config: Config; rules: Rule[] }> {
  const config = await loadConfig({ ...(options.configFile ? { file: options.configFile } : {}), cwd: options.cwd, env: options.env });
  // A rule folder the person named with --config is fatal when broken; one found in a user or
  // repository config is ignored with a line, so the hook still judges the line with the rest.
  const explicit = config.ruleLayers.some((layer) => layer.kind === 'explicit');
  const rules = explicit ? await loadRules(config.ruleDirectories) : await loadRules([]);
  if (!explicit) {
    const ids = new Map(rules.map((rule, index) => [rule.id, index]));
    for (const dir of config.ruleDirectories) {
      try {
        for (const rule of await loadRulesFromDirectory(dir)) {
          const at = ids.get(rule.id);
          if (at === undefined) ids.set(rule.id, rules.push(rule) - 1);
          else rules[at] = rule;
        }
      } catch (error) {
        config.ignored.push(`rule folder ignored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  // An untrusted repository's rule folder may add rules, never replace one (that would loosen it).
  const known = new Set(rules.map((rule) => rule.id));
  for (const dir of config.untrustedRuleDirectories) {
    let added: Rule[];
    try {
      added = await loadRulesFromDirectory(dir);
    } catch (error) {
      config.ignored.push(`rule folder ignored: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const replacing = added.filter((rule) => known.has(rule.id)).map((rule) => rule.id);
    if (replacing.length > 0) config.ignored.push(`${dir}: ${replacing.join(', ')} ignored (an untrusted repository config may add rules, not replace them)`);
    rules.push(...added.filter((rule) => !known.has(rule.id)));
  }
  const merged = mergeRuleLayers(config, rules);
  // A severity override for a rule that does not exist is a typo that silently protects nothing:
  // fatal in a file the person named or in the system policy, one ignored line elsewhere.
  const fatal = merged.unknown.find((entry) => entry.kind === 'explicit' || entry.kind === 'policy');
  if (fatal) throw new ConfigError(`${fatal.file}: rules.${fatal.id}: no rule has this id`, 'run "prodguard rules" for the list');
  for (const entry of merged.unknown) {
    const near = nearRuleIds(entry.id, rules);
    config.ignored.push(
      `${entry.file}: rules.${entry.id} ignored: no rule has this id (${near.length > 0 ? `did you mean ${near.join(', ')}?` : 'run "prodguard rules" for the list'})`,
    );
  }
  config.rules = merged.rules;
  config.ignored.push(...merged.ignored);
  return { config, rules };
}

/** Rule ids a typo was probably meant to be: the closest by spelling, else those holding its last part. */
export function nearRuleIds(typed: string, rules: readonly Rule[]): string[] {
  const ids = rules.map((rule) => rule.id);
  const near = nearNames(typed, ids);
  if (near.length > 0) return near;
  const last = (typed.split('/').pop() ?? typed).toLowerCase();
  return last ? ids.filter((id) => id.includes(last)).slice(0, 3) : [];
}

export function describeParseError(source: string, pos: number, message: string): string {
  const before = source.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `cannot parse the command line at ${line}:${column}: ${message}`;
}

export async function judge(options: JudgeOptions): Promise<Judgement> {
  const { config, rules } = await loadSetup(options);
  // `--override RULE=TARGET` with a rule id that does not exist is a typo, as in a config file.
  const ids = new Set(rules.map((rule) => rule.id));
  const typo = options.overrides.find((override) => !ids.has(override.rule));
  if (typo) {
    const near = nearRuleIds(typo.rule, rules);
    throw new UsageError(
      `--override ${typo.rule}=…: no rule has the id "${typo.rule}"`,
      near.length > 0 ? `did you mean ${near.slice(0, 3).join(', ')}?` : 'run "prodguard rules" for the list',
    );
  }
  const env = plainEnv(options.env);
  const home = homeOf(options.env);
  let planned = plan(options.source, { env, cwd: options.cwd, home }, rules);
  // `sudo -u postgres psql`, `su - deploy -c …`: the command runs with that user's home (their
  // ~/.pg_service.conf, ~/.my.cnf), which the user database knows, not a guess by name.
  let userHomes: Record<string, string> = {};
  const emptyDirectories: string[] = [];
  // Env files the line names (`dotenv -e prod.env -- npm test`) change what the command sees, and
  // scripts, package.json scripts and Makefiles it runs (`bash x.sh`, `npm run X`, `make X`) are
  // what it does: read them and judge the line again. What they run may name more files, so
  // repeat, a bounded number of times.
  let envFiles: Record<string, Record<string, string>> = {};
  const read: ReadFiles = { scripts: {}, packageScripts: {}, makefiles: {}, taskBooks: {} };
  const tried = new Set<string>();
  for (let round = 0; round < MAX_READ_ROUNDS && tried.size < MAX_READ_FILES; round++) {
    const named = [...new Set(planned.invocations.flatMap(envFilesNamedBy))].filter((path) => !tried.has(`env:${path}`));
    for (const path of named) tried.add(`env:${path}`);
    if (named.length > 0) envFiles = { ...envFiles, ...(await readNamedEnvFiles(named)) };
    const fresh = await readRunFiles(planned.invocations.flatMap(filesWanted).slice(0, MAX_READ_FILES), read, tried);
    const users = [...new Set(planned.invocations.flatMap(usersNamedBy))].filter((user) => !tried.has(`user:${user}`));
    for (const user of users) tried.add(`user:${user}`);
    if (users.length > 0) userHomes = { ...userHomes, ...lookUpUserHomes(users) };
    // `rsync --delete empty/ DEST/`, `aws s3 sync --delete empty/ s3://b`: an empty source wipes
    // DEST; only the disk knows (not --no-probe).
    const inspect = (inv: (typeof planned.invocations)[number]) => [...rsyncSourcesToInspect(inv), ...bucketMirrorSourcesToInspect(inv)];
    const sources = options.noProbe ? [] : [...new Set(planned.invocations.flatMap(inspect))].filter((path) => !tried.has(`dir:${path}`));
    for (const path of sources) tried.add(`dir:${path}`);
    const empty = emptyDirectoriesAmong(sources);
    emptyDirectories.push(...empty);
    if (named.length === 0 && fresh === 0 && users.length === 0 && empty.length === 0) break;
    planned = plan(options.source, { env, cwd: options.cwd, home, envFiles, read, userHomes, emptyDirectories }, rules);
  }
  const firstError = planned.errors[0];
  // PowerShell typed at its own prompt, which the shell grammar cannot read: read as pwsh would.
  const powershell = firstError ? asPowerShellLine(options.source) : undefined;
  if (powershell !== undefined) {
    const replanned = plan(powershell, { env, cwd: options.cwd, home, envFiles, read, userHomes, emptyDirectories }, rules);
    if (replanned.errors.length === 0) planned = replanned;
  }
  const redactor = createRedactor(secretsOfInvocations(planned.invocations));
  if (planned.errors.length > 0 && firstError) {
    // Fail closed: a line prodguard cannot parse is a line it cannot judge.
    throw new UndecidableError(
      describeParseError(options.source, firstError.pos, firstError.message),
      'fix the quoting or finish the command; prodguard runs nothing it cannot judge',
    );
  }
  const facts = await gatherFacts(planned, options.cwd, options.env);
  if (Object.keys(config.inventoryGroups).length > 0) facts.ansibleGroups = config.inventoryGroups;
  const stateDir = stateDirectory(options.env);

  const probes = new Map<string, ProbeResult>();
  let probeNote: string | undefined;
  const toProbe = databasesToProbe(planned.invocations, rules, facts);
  if (toProbe.length > 0) {
    if (options.noProbe) probeNote = 'databases were not probed (--no-probe)';
    else if (!config.probe.enabled) probeNote = 'databases were not probed (probe.enabled is false in the config)';
    else await probeAll(toProbe, config, stateDir, probes);
  }

  // The SQL layer (and PostgreSQL's parser) load only for lines that run a database client.
  const sql = planned.needs.sql ? await (await import('./sql-facts.js')).gatherSql(planned.invocations) : undefined;
  const context: EvaluationContext = {
    rules,
    config,
    facts,
    probes,
    // --no-probe: judged by names alone, the disk is not looked at either.
    ...(options.noProbe ? {} : { dataDirectories: inspectDataDirectories(planned.invocations, home, config.dataDirectories) }),
    redactor,
    ...(sql ? { sql } : {}),
  };
  if (sql && !options.noProbe && config.probe.enabled) {
    context.blastRadius = await estimateBlastRadius(planned.invocations, sql, context);
  }
  const analysis = analyze(planned.invocations, context, home, options.overrides);
  return { ...analysis, plan: planned, config, rules, facts, probes, redactor, ...(probeNote ? { probeNote } : {}) };
}

/** Probe PostgreSQL targets (cached per target), filling `probes` by target key. */
export async function probeAll(targets: Target[], config: Config, stateDir: string, probes: Map<string, ProbeResult>): Promise<void> {
  const [{ probePostgres }, { readProbeCache, writeProbeCache }] = await Promise.all([import('../probe/postgres.js'), import('../probe/cache.js')]);
  const ttl = config.probe.cacheSeconds * 1000;
  await Promise.all(
    targets.map(async (target) => {
      const url = target.secretUrl ?? urlFor(target);
      const key = targetKey(target);
      const now = Date.now();
      const cached = ttl > 0 ? readProbeCache(stateDir, url, now, ttl) : undefined;
      if (cached) {
        probes.set(key, cached);
        return;
      }
      const result = await probePostgres(url, { timeoutMs: config.probe.timeoutMs });
      probes.set(key, result);
      if (ttl > 0) writeProbeCache(stateDir, url, result, now);
    }),
  );
}

/**
 * Atlassian 2022: for DELETE/UPDATE with a WHERE on production, EXPLAIN (never ANALYZE) estimates
 * the rows touched against the table's size, so the confirmation can say "≈12,300 of 12,350 rows".
 */
async function estimateBlastRadius(
  invocations: readonly Invocation[],
  sql: ReadonlyMap<Invocation, InvocationSql>,
  context: EvaluationContext,
): Promise<Map<string, BlastRadius>> {
  const radius = new Map<string, BlastRadius>();
  const jobs: Promise<void>[] = [];
  for (const inv of invocations) {
    const statements = (sql.get(inv)?.statements ?? []).filter(
      (s) => (s.kind === 'delete' || s.kind === 'update') && (s.where === 'present' || s.where === 'computed') && s.tables.length > 0,
    );
    if (statements.length === 0) continue;
    for (const target of resolveTargets(inv, 'database', context.facts)) {
      if (target.engine !== 'postgres') continue;
      const classified = classifyTarget(target, context.config, context.probes?.get(targetKey(target)));
      if (classified.environment !== 'production') continue;
      const url = target.secretUrl ?? urlFor(target);
      for (const statement of statements) {
        jobs.push(
          (async () => {
            const { estimateAffectedRows, formatBlastRadius } = await import('../probe/explain.js');
            const estimate = await estimateAffectedRows(url, statement.text, statement.tables[0]!, { timeoutMs: context.config.probe.timeoutMs });
            if ('error' in estimate || estimate.tableRows === null || estimate.share === null) return;
            radius.set(`${targetKey(target)}|${statement.text}`, {
              estimatedRows: estimate.estimatedRows,
              tableRows: estimate.tableRows,
              share: estimate.share,
              text: formatBlastRadius(estimate),
            });
          })(),
        );
      }
    }
  }
  await Promise.all(jobs);
  return radius;
}

function urlFor(target: Target): string {
  const host = target.host && !target.host.startsWith('/') ? target.host : 'localhost';
  return `postgres://${host}${target.port ? `:${target.port}` : ''}/${encodeURIComponent(target.database ?? 'postgres')}`;
}

/**
 * GitLab 2017: before removing a data directory, look at it — is it one at all (markers on disk,
 * wherever it lives), is a server running on it, is it a primary? Each local path a deleting
 * command names is looked at: its markers, the directories above it, and, for a directory, up to
 * two levels below. Keyed by the path classification names (`dataDirectory`, else `onDisk`).
 */
function inspectDataDirectories(invocations: readonly Invocation[], home: string, configured: Config['dataDirectories']): Map<string, DataDirectoryFact> {
  const facts = new Map<string, DataDirectoryFact>();
  const engines = dataEngines(configured);
  for (const inv of invocations) {
    if (inv.host.kind !== 'local' || !DELETING_COMMANDS.has(inv.name)) continue;
    for (const index of scanOptions(inv.args, {}).positionals) {
      const path = classifyPath(inv.args[index]!, { cwd: inv.cwd, home, env: inv.env, locations: configured.locations });
      if (!['data-directory', 'data-directory-leftover', 'other'].includes(path.class)) continue;
      const keys = new Set([path.dataDirectory, path.onDisk].filter((key): key is string => key !== undefined && key.startsWith('/')));
      for (const key of keys) {
        if (facts.has(key)) continue;
        const { exists, unreadable, engine, root, relation, running, role, evidence } = inspectDataDirectory(key, undefined, undefined, engines);
        facts.set(key, {
          exists,
          running,
          role,
          evidence,
          ...(unreadable ? { unreadable } : {}),
          ...(engine ? { engine } : {}),
          ...(root ? { root } : {}),
          ...(relation ? { relation } : {}),
        });
      }
    }
  }
  return facts;
}
