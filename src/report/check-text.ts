// Text report for check/run: the verdict, each finding with its rule, incident, why and fix, and
// how each target was classified. Colour only here, and only on a terminal without NO_COLOR.

import type { Severity } from '../types.js';
import type { CheckReport } from './check-json.js';
import { plainRedactor } from '../util/redact.js';

/** The few styles the text report uses. Without colour no styling library is loaded at all. */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
}

const plain: Painter = { bold: (text) => text, dim: (text) => text, severity: (_severity, text) => text };

/** Colours when the output is a terminal (asked only when the environment allows colour: the
 *  question can cost a module load) and NO_COLOR/TERM=dumb do not say otherwise, or FORCE_COLOR. */
export async function colourFor(isTerminal: () => boolean, env: NodeJS.ProcessEnv): Promise<Painter> {
  const enabled = Boolean(env.FORCE_COLOR) || (!('NO_COLOR' in env) && env.TERM !== 'dumb' && isTerminal());
  if (!enabled) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  const styles: Record<Severity, (text: string) => string> = { block: chalk.bold.red, confirm: chalk.bold.yellow, warn: chalk.yellow, allow: chalk.green };
  return { bold: chalk.bold, dim: chalk.dim, severity: (severity, text) => styles[severity](text) };
}

const LABEL: Record<Severity, string> = { allow: 'ALLOW', warn: 'WARN', confirm: 'CONFIRM', block: 'BLOCK' };

export function paint(painter: Painter, severity: Severity, text: string): string {
  return painter.severity(severity, text);
}

export function renderCheckText(report: CheckReport, chalk: Painter, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`prodguard: ${paint(chalk, report.verdict, LABEL[report.verdict])}${report.findings.length === 0 ? ' — nothing here matches a rule' : ''}`);
  for (const finding of report.findings) {
    lines.push(`  ${paint(chalk, finding.severity, finding.severity.padEnd(7))} ${chalk.bold(finding.rule)}  ${finding.message}`);
    lines.push(`          ${chalk.dim(`incident: ${finding.incident} — run \`prodguard explain ${finding.rule}\``)}`);
    lines.push(`          ${chalk.dim('fix:')} ${finding.fix}`);
  }
  for (const item of report.overridden ?? []) lines.push(`  ${chalk.dim(`overridden: ${item.rule}=${item.target}`)}`);
  if (options.verbose || report.findings.length > 0) {
    for (const target of report.targets) {
      if (target.kind === 'host' && report.findings.every((f) => f.targetKind !== 'host')) continue;
      // A target read from a client's connection file says which file and which server.
      const read = target.from ? ` (${target.host ?? 'local socket'} from ${target.from})` : '';
      lines.push(chalk.dim(`  target ${target.kind} ${target.name}${read} → ${target.environment} (${target.evidence.join('; ')})`));
    }
  }
  for (const note of report.notes ?? []) lines.push(chalk.dim(`  note: ${note}`));
  if (report.config && report.config.files.length > 0) lines.push(chalk.dim(`  config: ${report.config.files.join(', ')}`));
  return `${(report.redactor ?? plainRedactor).text(lines.join('\n'))}\n`;
}
