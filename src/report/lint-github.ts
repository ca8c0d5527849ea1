// `--format github`: GitHub Actions workflow commands, one annotation per finding:
// `::error file=F,line=L,col=C,title=RULE::MESSAGE`. block and confirm are errors, warn a
// warning. Escaping follows the runner's toolkit (actions/toolkit, core/src/command.ts):
// data escapes %, CR and LF; property values also escape ':' and ','.

import { redact } from '../util/redact.js';
import type { LintFinding } from '../lint/types.js';
import type { LintReportOptions } from './lint-options.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderLintGithub(findings: readonly LintFinding[], options: LintReportOptions = {}): string {
  return findings
    .map((f) => {
      const command = f.severity === 'warn' ? 'warning' : 'error';
      const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(f.rule)}`].join(',');
      const help = f.help ?? options.rules?.[f.rule]?.help;
      const message = redact(help ? `${f.message}\nhelp: ${help}` : f.message);
      return `::${command} ${props}::${escapeData(message)}\n`;
    })
    .join('');
}
