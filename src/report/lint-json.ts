// `--format json`: the contract in DESIGN.md, {"findings": [{"file", "line", "column", "rule",
// "severity", "message"}]}, with optional endLine, endColumn and help after them. The source
// line is never printed (it may hold a secret); messages go through redaction as a last guard.

import { redact } from '../util/redact.js';
import type { LintFinding } from '../lint/types.js';
import type { LintReportOptions } from './lint-options.js';

export function renderLintJson(findings: readonly LintFinding[], options: LintReportOptions = {}): string {
  const out = findings.map((f) => {
    const item: Record<string, unknown> = {
      file: f.file,
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      message: redact(f.message),
    };
    if (f.endLine !== undefined) item.endLine = f.endLine;
    if (f.endColumn !== undefined) item.endColumn = f.endColumn;
    if (f.help !== undefined) item.help = redact(f.help);
    return item;
  });
  const notices = (options.notices ?? []).map((n) => ({ file: n.file, line: n.line, message: redact(n.message), ...(n.kind ? { kind: n.kind } : {}) }));
  return JSON.stringify(notices.length > 0 ? { findings: out, notices } : { findings: out }, null, 2) + '\n';
}
