// Pure: merge each layer's rule settings into the severities in effect, once the rules are known.
// - The system policy's severities are floors no later layer may go below, and its locked rules
//   are not changed by any later layer (teams: "this rule is on for everyone").
// - An untrusted repository config may only raise a severity: `off` and lower severities are
//   ignored and said (a repository's `.prodguard.yml` once turned `rm -rf /` into ALLOW).
// - Otherwise a higher layer's severity for an environment replaces a lower one's.

import { severityRank, type Environment, type Severity } from '../types.js';
import type { Config, RuleOverride, SeverityMap } from './schema.js';

interface RuleLike {
  id: string;
  severity: SeverityMap;
}

function severityIn(map: SeverityMap, environment: Environment | 'default'): Severity {
  return map[environment] ?? map.default ?? 'allow';
}

export interface MergedRules {
  rules: Record<string, RuleOverride>;
  ignored: string[];
  /** Rule ids a layer named that no rule has, with the file (a typo protects nothing). */
  unknown: { id: string; file: string; kind: string }[];
}

export function mergeRuleLayers(config: Pick<Config, 'ruleLayers' | 'lockedRules'>, rules: readonly RuleLike[]): MergedRules {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const out: Record<string, RuleOverride> = {};
  const ignored: string[] = [];
  const unknown: MergedRules['unknown'] = [];
  const floors = new Map<string, SeverityMap>();
  const locked = new Set(config.lockedRules);
  for (const layer of config.ruleLayers) {
    const refused: string[] = [];
    for (const [id, override] of Object.entries(layer.rules)) {
      const rule = byId.get(id);
      if (!rule) {
        unknown.push({ id, file: layer.file, kind: layer.kind });
        continue;
      }
      if (layer.kind !== 'policy' && locked.has(id)) {
        refused.push(`rules.${id} (locked by the system policy)`);
        continue;
      }
      const current = out[id]?.severity;
      const effective: SeverityMap = current === 'off' ? {} : { ...rule.severity, ...(current ?? {}) };
      const floor = floors.get(id);
      if (override.severity === 'off') {
        if (!layer.trusted) refused.push(`rules.${id}: off`);
        else if (floor) refused.push(`rules.${id}: off (the system policy sets a minimum)`);
        else out[id] = { severity: 'off' };
        continue;
      }
      const next: SeverityMap = current === 'off' ? { ...rule.severity } : { ...(current ?? {}) };
      for (const [environment, severity] of Object.entries(override.severity ?? {}) as [Environment | 'default', Severity][]) {
        const before = severityIn(effective, environment);
        const minimum = floor ? severityIn(floor, environment) : 'allow';
        if (!layer.trusted && severityRank(severity) < severityRank(before)) {
          refused.push(`rules.${id}.severity.${environment}: ${severity} (below ${before})`);
          continue;
        }
        if (severityRank(severity) < severityRank(minimum)) {
          refused.push(`rules.${id}.severity.${environment}: ${severity} (the system policy's minimum is ${minimum})`);
          continue;
        }
        next[environment] = severity;
      }
      if (layer.kind === 'policy') floors.set(id, { ...rule.severity, ...(override.severity ?? {}) });
      out[id] = { severity: next };
    }
    if (refused.length > 0) {
      const why = layer.trusted ? '' : '; an untrusted repository config may only tighten: run "prodguard trust" to accept it';
      ignored.push(`${layer.file}: ${refused.join(', ')} ignored${why}`);
    }
  }
  // A severity key that names a narrower environment than a floor's `default` must still respect it.
  for (const [id, floor] of floors) {
    const current = out[id]?.severity;
    if (!current || current === 'off') continue;
    for (const environment of Object.keys(current) as (Environment | 'default')[]) {
      const minimum = severityIn(floor, environment);
      if (severityRank(current[environment]!) < severityRank(minimum)) current[environment] = minimum;
    }
  }
  return { rules: out, ignored, unknown };
}
