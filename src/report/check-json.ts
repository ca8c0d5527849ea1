// `check --json`: the contract in DESIGN.md — {verdict, findings[{rule, severity, message,
// incident, target}], targets[{kind, source, host, database, environment, evidence}]} — plus more
// fields. Every string is redacted by the input's redactor.

import type { ClassifiedTarget, Finding, Severity } from '../types.js';
import { plainRedactor, type Redactor } from '../util/redact.js';
import { describeProbe } from '../classify/classify.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export interface CheckReport {
  verdict: Severity;
  findings: Finding[];
  targets: ClassifiedTarget[];
  overridden?: { rule: string; target: string }[];
  notes?: string[];
  /** Files read to judge the line that could not be used (a kubeconfig that is not YAML), one line each. */
  warnings?: string[];
  /** The config files in effect, and what of them was ignored (untrusted loosening, bad files). */
  config?: { files: string[]; ignored: string[] };
  /** The redactor of the input judged (its own secrets plus the shared patterns). */
  redactor?: Redactor;
}

/** A classified target as JSON (check --json, status --json): the contract's fields and more. */
export function targetJson(target: ClassifiedTarget): Record<string, unknown> {
  return {
    kind: target.kind,
    source: target.source,
    host: target.host ?? null,
    database: target.database ?? null,
    name: target.name,
    environment: target.environment,
    evidence: target.evidence,
    ...(target.url ? { url: target.url } : {}),
    ...(target.kube ? { kube: target.kube } : {}),
    ...(target.from ? { from: target.from } : {}),
    ...(target.probe ? { probe: { ...target.probe, summary: describeProbe(target.probe) } } : {}),
  };
}

/** The evidence of the target a finding is about (what made it production). */
export function evidenceOf(finding: Finding, targets: readonly ClassifiedTarget[]): string[] {
  const target = targets.find((candidate) => candidate.name === finding.target && (!finding.targetKind || candidate.kind === finding.targetKind));
  return target?.evidence ?? [];
}

export function renderCheckJson(report: CheckReport): string {
  const body = {
    schemaVersion: JSON_SCHEMA_VERSION,
    verdict: report.verdict,
    findings: report.findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      incident: finding.incident,
      target: finding.target,
      targetKind: finding.targetKind ?? null,
      environment: finding.environment ?? null,
      title: finding.title,
      why: finding.why,
      fix: finding.fix,
      // Why the target is what it is (an inventory's group and file, a kubeconfig's context), so
      // a consumer of one finding need not join it with targets.
      evidence: evidenceOf(finding, report.targets),
    })),
    targets: report.targets.map(targetJson),
    overridden: report.overridden ?? [],
    notes: report.notes ?? [],
    warnings: report.warnings ?? [],
    config: report.config ?? { files: [], ignored: [] },
  };
  return `${JSON.stringify((report.redactor ?? plainRedactor).deep(body), null, 2)}\n`;
}
