// One function maps findings to a verdict: the highest severity wins (allow < warn < confirm <
// block). Overrides name a rule and a target; nothing else lowers a verdict.

import type { Finding, Severity } from '../types.js';
import { maxSeverity } from '../types.js';

export interface Override {
  rule: string;
  target: string;
}

export interface Decision {
  verdict: Severity;
  /** Findings that still stand after overrides. */
  standing: Finding[];
  /** Findings an override named, with the override that covered each. */
  overridden: { finding: Finding; override: Override }[];
}

export function parseOverride(text: string): Override | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return undefined;
  return { rule: text.slice(0, eq).trim(), target: text.slice(eq + 1).trim() };
}

export function decide(findings: readonly Finding[], overrides: readonly Override[] = []): Decision {
  const standing: Finding[] = [];
  const overridden: Decision['overridden'] = [];
  for (const finding of findings) {
    const override = overrides.find((o) => o.rule === finding.rule && o.target === finding.target);
    if (override && finding.severity !== 'allow') overridden.push({ finding, override });
    else standing.push(finding);
  }
  const verdict = standing.reduce<Severity>((worst, finding) => maxSeverity(worst, finding.severity), 'allow');
  return { verdict, standing, overridden };
}

/** The distinct names a person must type to confirm, in finding order. */
export function namesToConfirm(findings: readonly Finding[]): string[] {
  const names: string[] = [];
  for (const finding of findings) {
    if (finding.severity === 'confirm' && !names.includes(finding.target)) names.push(finding.target);
  }
  return names;
}
