// `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other viewers.
// block and confirm map to `error`, warn to `warning`; prodguard's own severity is kept in
// `properties.severity`. Locations are relative to %SRCROOT% (the directory lint ran in).
// Columns count UTF-16 code units (`columnKind`), endColumn is exclusive, as SARIF defines.
// What went wrong with the run itself is in the log too, where viewers look for it: files not
// fully checked are `warning` notifications of a successful invocation; an error that stopped
// the run (an unreadable file, a bad config) is an `error` notification of a failed one.

import { redact } from '../util/redact.js';
import { fingerprint } from '../lint/suppress.js';
import type { LintFinding, LintNotice, LintSeverity } from '../lint/types.js';
import { severityRank } from '../types.js';
import type { LintFailure, LintReportOptions, RuleDoc } from './lint-options.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: LintSeverity): 'error' | 'warning' {
  return severity === 'warn' ? 'warning' : 'error';
}

/** A relative path as a URI reference (`dir/my file.sh` → `dir/my%20file.sh`). */
function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export function renderLintSarif(findings: readonly LintFinding[], options: LintReportOptions = {}): string {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const highest = new Map<string, LintSeverity>();
  for (const f of findings) {
    const prev = highest.get(f.rule);
    if (!prev || severityRank(f.severity) > severityRank(prev)) highest.set(f.rule, f.severity);
  }
  const rules = ruleIds.map((id) => {
    const doc: RuleDoc = options.rules?.[id] ?? {};
    const firstHelp = findings.find((f) => f.rule === id && f.help)?.help;
    const rule: Record<string, unknown> = {
      id,
      shortDescription: { text: doc.title ?? id },
      defaultConfiguration: { level: level(highest.get(id) ?? 'warn') },
    };
    const help = doc.help ?? firstHelp;
    if (help) rule.help = { text: redact(help), ...(doc.markdown ? { markdown: redact(doc.markdown) } : {}) };
    if (doc.helpUri) rule.helpUri = doc.helpUri;
    if (doc.incident) rule.properties = { incident: doc.incident };
    return rule;
  });
  const results = findings.map((f) => {
    const region: Record<string, number> = { startLine: f.line, startColumn: f.column };
    if (f.endLine !== undefined) region.endLine = f.endLine;
    if (f.endColumn !== undefined) region.endColumn = f.endColumn;
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: level(f.severity),
      message: { text: redact(f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
            region,
          },
        },
      ],
      partialFingerprints: { 'prodguard/v1': fingerprint(f) },
      properties: { severity: f.severity },
    };
    return result;
  });
  const driver: Record<string, unknown> = { name: 'prodguard', rules };
  if (options.toolVersion) driver.version = options.toolVersion;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver }, invocations: [invocation(options.notices ?? [], options.failure)], columnKind: 'utf16CodeUnits', results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function fileLocation(file: string, line?: number): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' },
      ...(line !== undefined && line > 0 ? { region: { startLine: line } } : {}),
    },
  };
}

/** SARIF `invocation`: whether the run completed, and what it could not check. */
function invocation(notices: readonly LintNotice[], failure: LintFailure | undefined): Record<string, unknown> {
  const notifications = notices.map((notice) => ({
    level: 'warning',
    message: { text: redact(notice.message) },
    locations: [fileLocation(notice.file, notice.line)],
    descriptor: { id: notice.kind === 'config' ? 'prodguard/config-not-applied' : 'prodguard/not-fully-checked' },
  }));
  if (failure) {
    notifications.push({
      level: 'error',
      message: { text: redact(failure.hint ? `${failure.message} (${failure.hint})` : failure.message) },
      locations: failure.file ? [fileLocation(failure.file)] : [],
      descriptor: { id: 'prodguard/run-failed' },
    });
  }
  return { executionSuccessful: failure === undefined, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) };
}
