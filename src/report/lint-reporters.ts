// The lint reporters, in one map (after knip's reporters): the command picks one by
// `--format`. `github` is the default inside GitHub Actions.

import { renderLintCompact } from './lint-compact.js';
import { renderLintGithub } from './lint-github.js';
import { renderLintJson } from './lint-json.js';
import type { LintReporter } from './lint-options.js';
import { renderLintSarif } from './lint-sarif.js';
import { renderLintText } from './lint-text.js';

export type { LintReportOptions, LintReporter, RuleDoc } from './lint-options.js';

export const LINT_REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'compact'] as const;
export type LintReportFormat = (typeof LINT_REPORT_FORMATS)[number];

export const lintReporters: Readonly<Record<LintReportFormat, LintReporter>> = {
  text: renderLintText,
  json: renderLintJson,
  sarif: renderLintSarif,
  github: renderLintGithub,
  compact: renderLintCompact,
};

export function isLintReportFormat(value: string): value is LintReportFormat {
  return (LINT_REPORT_FORMATS as readonly string[]).includes(value);
}

/** `github` when running in GitHub Actions (`GITHUB_ACTIONS=true`), else `text`. */
export function defaultLintFormat(env: Readonly<Record<string, string | undefined>>): LintReportFormat {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

/** Colour only on a terminal, never when NO_COLOR is set to a non-empty value (no-color.org);
 *  FORCE_COLOR (non-empty, not "0") forces it. */
export function shouldColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}
