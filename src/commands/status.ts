// `prodguard status`: what this shell points at — databases from DATABASE_URL & friends and .env
// files, framework environments, this host, the kube context, cloud profiles — and how each was
// classified, with what each probe found (Travis 2018: show loudly when a shell points at production).

import type { ClassifiedTarget, Invocation } from '../types.js';
import { loadSetup } from './judge.js';
import { gatherFacts, plainEnv } from '../context/gather.js';
import { stateDirectory } from '../config/load.js';
import { resolveTargets } from '../targets/resolve.js';
import { classifyTarget, describeProbe } from '../classify/classify.js';
import { probeAll } from './judge.js';
import { targetJson } from '../report/check-json.js';
import type { ProbeResult } from '../types.js';
import type { Config } from '../config/schema.js';
import { targetKey } from '../rules/evaluate.js';
import { redactDeep } from '../util/redact.js';
import type { Plan } from '../engine/analyze.js';
import { JSON_SCHEMA_VERSION } from '../report/json-schema-version.js';

export async function statusTargets(
  options: { config?: string; probe?: boolean },
  into?: { config?: Config; warnings?: string[] },
): Promise<ClassifiedTarget[]> {
  const cwd = process.cwd();
  const { config } = await loadSetup({ ...(options.config ? { configFile: options.config } : {}), cwd, env: process.env });
  const env = plainEnv(process.env);
  const word = { value: 'status', text: 'status', dynamic: false, unsetVariables: [], variables: [], glob: false, pos: 0, end: 0 };
  const shell: Invocation = {
    name: 'status',
    command: word,
    args: [],
    env,
    assigned: {},
    envUnknown: false,
    cwd,
    host: { kind: 'local' },
    via: [],
    pos: 0,
    end: 0,
  };
  const kube: Invocation = { ...shell, name: 'kubectl' };
  const plan: Plan = { invocations: [shell, kube], errors: [], needs: { envFiles: true, kubeconfig: true, terraform: false, sql: false } };
  if (into) into.config = config;
  const facts = await gatherFacts(plan, cwd, process.env);
  if (into) into.warnings = facts.warnings ?? [];
  const raw = [
    ...resolveTargets(shell, 'database', facts),
    ...resolveTargets(shell, 'app', facts),
    ...resolveTargets(shell, 'host', facts),
    ...resolveTargets(kube, 'kube', facts),
    ...(env.AWS_PROFILE ? [{ kind: 'cloud' as const, engine: 'aws', source: 'AWS_PROFILE', name: env.AWS_PROFILE }] : []),
    ...(env.CLOUDSDK_CORE_PROJECT ? [{ kind: 'cloud' as const, engine: 'gcp', source: 'CLOUDSDK_CORE_PROJECT', name: env.CLOUDSDK_CORE_PROJECT }] : []),
  ];
  const probes = new Map<string, ProbeResult>();
  if (options.probe !== false && config.probe.enabled) {
    const postgres = raw.filter((target) => target.kind === 'database' && target.engine === 'postgres' && target.secretUrl);
    await probeAll(postgres, config, stateDirectory(process.env), probes);
  }
  return raw.map((target) => classifyTarget(target, config, target.kind === 'database' ? probes.get(targetKey(target)) : undefined));
}

export async function runStatus(options: { json?: boolean; config?: string; probe?: boolean }): Promise<number> {
  const loaded: { config?: Config; warnings?: string[] } = {};
  const targets = await statusTargets(options, loaded);
  const configInEffect = {
    files: loaded.config?.files ?? [],
    ignored: loaded.config?.ignored ?? [],
    notes: loaded.config?.notes ?? [],
    dataDirectories: loaded.config?.dataDirectories ?? { locations: [], markers: [] },
  };
  if (options.json) {
    const body = targets.map(targetJson);
    const warnings = loaded.warnings ?? [];
    for (const line of warnings) process.stderr.write(`prodguard: ${redactDeep(line)}\n`);
    process.stdout.write(`${JSON.stringify(redactDeep({ schemaVersion: JSON_SCHEMA_VERSION, targets: body, warnings, config: configInEffect }), null, 2)}\n`);
    return 0;
  }
  const { colourFor, paint } = await import('../report/check-text.js');
  const chalk = await colourFor(() => Boolean(process.stdout.isTTY), process.env);
  const lines = targets.map((target) => {
    const danger =
      target.environment === 'production' ? 'block' : target.environment === 'unknown-remote' || target.environment === 'staging' ? 'confirm' : 'allow';
    const label = paint(chalk, danger, target.environment.toUpperCase().padEnd(14));
    const where = target.url ?? target.name;
    const probe = target.probe ? chalk.dim(` [${describeProbe(target.probe)}]`) : '';
    return `${label} ${target.kind.padEnd(9)} ${where}  ${chalk.dim(`from ${target.source}: ${target.evidence.join('; ')}`)}${probe}`;
  });
  lines.push(chalk.dim(`config: ${configInEffect.files.length > 0 ? configInEffect.files.join(', ') : 'none (built-in rules only)'}`));
  const { locations, markers } = configInEffect.dataDirectories;
  if (locations.length + markers.length > 0) {
    const parts = [...(locations.length > 0 ? [locations.join(', ')] : []), ...(markers.length > 0 ? [`markers ${markers.join(', ')}`] : [])];
    lines.push(chalk.dim(`data directories added by config: ${parts.join('; ')}`));
  }
  // Notes (a host range capped) are said here, where the person looks at the config, not on every line checked.
  for (const note of configInEffect.notes) lines.push(chalk.dim(`note: ${note}`));
  for (const line of [...configInEffect.ignored, ...(loaded.warnings ?? [])]) process.stderr.write(`prodguard: ${redactDeep(line)}\n`);
  process.stdout.write(`${redactDeep(lines).join('\n')}\n`);
  return 0;
}
