// `--format compact`: one line per finding, `file:line:col: severity rule message`, the shape
// editors' problem matchers and grep expect (ESLint's and ShellCheck's gcc-style output).
// Messages go through redaction as a last guard, like every reporter.

import { redact } from '../util/redact.js';
import type { LintFinding } from '../lint/types.js';
import type { LintReportOptions } from './lint-options.js';

export function renderLintCompact(findings: readonly LintFinding[], _options: LintReportOptions = {}): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${redact(f.message).replace(/\s*\n\s*/g, ' ')}\n`).join('');
}
