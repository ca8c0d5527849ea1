// Text report for check/run: the verdict, each finding with its rule, incident, why and fix, and
// how each target was classified. Colour only here, and only on a terminal without NO_COLOR.

import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../types.js';
import type { CheckReport } from './check-json.js';
import { redact } from '../util/redact.js';

export function colourFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): ChalkInstance {
  const enabled = Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  return new Chalk({ level: enabled || env.FORCE_COLOR ? 1 : 0 });
}

const LABEL: Record<Severity, string> = { allow: 'ALLOW', warn: 'WARN', confirm: 'CONFIRM', block: 'BLOCK' };

export function paint(chalk: ChalkInstance, severity: Severity, text: string): string {
  switch (severity) {
    case 'block':
      return chalk.bold.red(text);
    case 'confirm':
      return chalk.bold.yellow(text);
    case 'warn':
      return chalk.yellow(text);
    default:
      return chalk.green(text);
  }
}

export function renderCheckText(report: CheckReport, chalk: ChalkInstance, options: { verbose?: boolean } = {}): string {
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
      lines.push(chalk.dim(`  target ${target.kind} ${target.name} → ${target.environment} (${target.evidence.join('; ')})`));
    }
  }
  for (const note of report.notes ?? []) lines.push(chalk.dim(`  note: ${note}`));
  return `${redact(lines.join('\n'))}\n`;
}
