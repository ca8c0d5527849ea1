// `--format text`: findings grouped by file, each with a one-line code frame and a caret, then
// a summary line. Colour only here, and only when asked (the edge decides with `shouldColor`,
// honouring NO_COLOR and non-TTY output). Source lines are redacted before printing.

import { redact } from '../util/redact.js';
import type { LintFinding, LintSeverity } from '../lint/types.js';
import type { LintReportOptions } from './lint-options.js';

const SEVERITY_ORDER: readonly LintSeverity[] = ['block', 'confirm', 'warn'];

/**
 * The ANSI codes (open, close) of the styles this report uses: the 16-colour ones chalk writes at
 * level 1. They are written here rather than by chalk because chalk probes colour support when
 * it loads (node:tty, node:os and the environment), and the lint command's module graph loads
 * this file for every run: `--format json`, SARIF and annotations paid for that probe too.
 */
const STYLES = {
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  magenta: ['\u001b[35m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
} as const;

type Style = keyof typeof STYLES;
type Paint = (styles: readonly Style[], text: string) => string;

/**
 * `text` in `styles` (outermost first), byte for byte what chalk 5 writes at level 1 for
 * `red.bold(text)`: a closing code already inside re-opens its style, and each line break closes
 * and re-opens them all. Without colour, the text as it is.
 */
function painter(color: boolean): Paint {
  if (!color) return (_styles, text) => text;
  return (styles, text) => {
    if (!text) return text;
    const open = styles.map((name) => STYLES[name][0]).join('');
    const close = [...styles]
      .reverse()
      .map((name) => STYLES[name][1])
      .join('');
    let out = text;
    if (out.includes('\u001b')) {
      for (const name of [...styles].reverse()) out = out.split(STYLES[name][1]).join(STYLES[name][1] + STYLES[name][0]);
    }
    if (out.includes('\n')) out = out.replace(/\r?\n/g, (lineBreak) => close + lineBreak + open);
    return open + out + close;
  };
}

function paint(style: Paint, severity: LintSeverity, text: string): string {
  if (severity === 'block') return style(['red', 'bold'], text);
  if (severity === 'confirm') return style(['magenta'], text);
  return style(['yellow'], text);
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
  const style = painter(options.color === true);
  const files = options.filesScanned;
  const scanned = files === undefined ? '' : ` in ${files} file${files === 1 ? '' : 's'} scanned`;
  if (findings.length === 0) return `${style(['green'], '✔')} No findings${scanned}\n`;

  const byFile = new Map<string, LintFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(style(['underline'], file));
    for (const f of list) {
      const position = `${f.line}:${f.column}`;
      lines.push(`  ${style(['dim'], position)}  ${paint(style, f.severity, f.severity)}  ${redact(f.message)}  ${style(['dim'], f.rule)}`);
      const fr = frame(f);
      if (fr) {
        const gutter = String(f.line);
        lines.push(`    ${style(['dim'], `${gutter} |`)} ${fr.source}`);
        lines.push(`    ${style(['dim'], `${' '.repeat(gutter.length)} |`)} ${paint(style, f.severity, caretLine(fr.source, fr.column, fr.width))}`);
      }
      const help = f.help ?? options.rules?.[f.rule]?.help;
      if (help) lines.push(`    ${style(['cyan'], 'help:')} ${redact(help)}`);
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
  lines.push(paint(style, worst, `✖ ${total} (${counts}) ${inFiles}`) + (files === undefined ? '' : `, ${files} scanned`));
  return lines.join('\n') + '\n';
}
