// Edge orchestration shared by check, run and the client wrappers: load config and rules, plan,
// gather only the facts the line needs (files, probes), then run the pure core.

import type { Invocation, ProbeResult, Target } from '../types.js';
import { UndecidableError } from '../errors.js';
import { loadConfig, stateDirectory } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { loadRules } from '../rules/load.js';
import type { Rule } from '../rules/schema.js';
import { plan, analyze, databasesToProbe, type Analysis, type Plan } from '../engine/analyze.js';
import { gatherFacts, homeOf, plainEnv } from '../context/gather.js';
import { targetKey, type DataDirectoryFact, type EvaluationContext } from '../rules/evaluate.js';
import type { Override } from '../decide/decide.js';
import type { TargetFacts } from '../targets/resolve.js';
import { classifyPath } from '../targets/paths.js';
import { scanOptions } from '../parse/options.js';
import { gatherSql } from './sql-facts.js';
import { inspectDataDirectory } from '../probe/data-directory.js';

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
}

const DELETING_COMMANDS = new Set(['rm', 'shred', 'unlink', 'rmdir', 'srm', 'wipe', 'find']);

export async function loadSetup(options: { configFile?: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<{ config: Config; rules: Rule[] }> {
  const config = await loadConfig({ ...(options.configFile ? { file: options.configFile } : {}), cwd: options.cwd, env: options.env });
  const rules = await loadRules(config.ruleDirectories);
  return { config, rules };
}

export function describeParseError(source: string, pos: number, message: string): string {
  const before = source.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `cannot parse the command line at ${line}:${column}: ${message}`;
}

export async function judge(options: JudgeOptions): Promise<Judgement> {
  const { config, rules } = await loadSetup(options);
  const env = plainEnv(options.env);
  const home = homeOf(options.env);
  const planned = plan(options.source, { env, cwd: options.cwd, home }, rules);
  const firstError = planned.errors[0];
  if (firstError) {
    // Fail closed: a line prodguard cannot parse is a line it cannot judge.
    throw new UndecidableError(describeParseError(options.source, firstError.pos, firstError.message), 'fix the quoting or finish the command; prodguard runs nothing it cannot judge');
  }
  const facts = await gatherFacts(planned, options.cwd, options.env);
  const stateDir = stateDirectory(options.env);

  const probes = new Map<string, ProbeResult>();
  let probeNote: string | undefined;
  const toProbe = databasesToProbe(planned.invocations, rules, facts);
  if (toProbe.length > 0) {
    if (options.noProbe) probeNote = 'databases were not probed (--no-probe)';
    else if (!config.probe.enabled) probeNote = 'databases were not probed (probe.enabled is false in the config)';
    else await probeAll(toProbe, config, stateDir, probes);
  }

  const sql = planned.needs.sql ? await gatherSql(planned.invocations) : undefined;
  const context: EvaluationContext = {
    rules,
    config,
    facts,
    probes,
    dataDirectories: inspectDataDirectories(planned.invocations, home),
    ...(sql ? { sql: sql.facts } : {}),
  };
  if (sql?.unjudgeable) throw new UndecidableError(sql.unjudgeable, 'prodguard runs no SQL it cannot parse; check the statement');
  const analysis = analyze(planned.invocations, context, home, options.overrides);
  return { ...analysis, plan: planned, config, rules, facts, probes, ...(probeNote ? { probeNote } : {}) };
}

async function probeAll(targets: Target[], config: Config, stateDir: string, probes: Map<string, ProbeResult>): Promise<void> {
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

function urlFor(target: Target): string {
  const host = target.host && !target.host.startsWith('/') ? target.host : 'localhost';
  return `postgres://${host}${target.port ? `:${target.port}` : ''}/${encodeURIComponent(target.database ?? 'postgres')}`;
}

/** GitLab 2017: before removing a data directory, look at it — is it a running primary? */
function inspectDataDirectories(invocations: readonly Invocation[], home: string): Map<string, DataDirectoryFact> {
  const facts = new Map<string, DataDirectoryFact>();
  for (const inv of invocations) {
    if (inv.host.kind !== 'local' || !DELETING_COMMANDS.has(inv.name)) continue;
    for (const index of scanOptions(inv.args, {}).positionals) {
      const path = classifyPath(inv.args[index]!, { cwd: inv.cwd, home, env: inv.env });
      if (path.class !== 'data-directory' || !path.dataDirectory || facts.has(path.dataDirectory)) continue;
      facts.set(path.dataDirectory, { running: false, role: 'unknown', evidence: [] });
      const report = inspectDataDirectory(path.dataDirectory);
      if (report.isPostgresDataDirectory) facts.set(path.dataDirectory, { running: report.running, role: report.role, evidence: report.evidence });
    }
  }
  return facts;
}
