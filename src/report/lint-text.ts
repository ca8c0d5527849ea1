// `--format text`: findings grouped by file, each with a one-line code frame and a caret, then
// a summary line. Colour only here, and only when asked (the edge decides with `shouldColor`,
// honouring NO_COLOR and non-TTY output). Source lines are redacted before printing.

import { Chalk, type ChalkInstance } from 'chalk';
import { redact } from '../util/redact.js';
import type { LintFinding, LintSeverity } from '../lint/types.js';
import type { LintReportOptions } from './lint-options.js';

const SEVERITY_ORDER: readonly LintSeverity[] = ['block', 'confirm', 'warn'];

function paint(chalk: ChalkInstance, severity: LintSeverity, text: string): string {
  if (severity === 'block') return chalk.red.bold(text);
  if (severity === 'confirm') return chalk.magenta(text);
  return chalk.yellow(text);
}

/** The caret line under a source line: tabs copied so the caret lines up in a terminal. */
function caretLine(source: string, column: number, width: number): string {
  let pad = '';
  for (let k = 0; k < column - 1 && k < source.length; k++) pad += source[k] === '\t' ? '\t' : ' ';
  return pad + '^'.repeat(Math.max(1, width));
}

function frame(f: LintFinding): { source: string; column: number; width: number } | undefined {
  if (f.source === undefined) return undefined;
  const source = redact(f.source.replace(/\r$/, ''));
  let column = f.column;
  if (source !== f.source) {
    // Redaction shortened the line: move the caret by what it did before the column.
    const before = redact(f.source.slice(0, f.column - 1));
    column = source.startsWith(before) ? before.length + 1 : Math.min(f.column, source.length + 1);
  }
  let width = 1;
  if (f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line) && source === f.source) {
    width = f.endColumn - f.column;
  }
  return { source, column, width: Math.min(width, Math.max(1, source.length - column + 1)) };
}

export function renderLintText(findings: readonly LintFinding[], options: LintReportOptions = {}): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const files = options.filesScanned;
  const scanned = files === undefined ? '' : ` in ${files} file${files === 1 ? '' : 's'} scanned`;
  if (findings.length === 0) return `${chalk.green('✔')} No findings${scanned}\n`;

  const byFile = new Map<string, LintFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(chalk.underline(file));
    for (const f of list) {
      const position = `${f.line}:${f.column}`;
      lines.push(`  ${chalk.dim(position)}  ${paint(chalk, f.severity, f.severity)}  ${redact(f.message)}  ${chalk.dim(f.rule)}`);
      const fr = frame(f);
      if (fr) {
        const gutter = String(f.line);
        lines.push(`    ${chalk.dim(`${gutter} |`)} ${fr.source}`);
        lines.push(`    ${chalk.dim(`${' '.repeat(gutter.length)} |`)} ${paint(chalk, f.severity, caretLine(fr.source, fr.column, fr.width))}`);
      }
      const help = f.help ?? options.rules?.[f.rule]?.help;
      if (help) lines.push(`    ${chalk.cyan('help:')} ${redact(help)}`);
    }
    lines.push('');
  }
  const counts = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const worst = SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s))!;
  const total = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  const inFiles = `in ${byFile.size} file${byFile.size === 1 ? '' : 's'}`;
  lines.push(paint(chalk, worst, `✖ ${total} (${counts}) ${inFiles}`) + (files === undefined ? '' : `, ${files} scanned`));
  return lines.join('\n') + '\n';
}
