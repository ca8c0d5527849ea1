// Options shared by the lint reporters. Reporters are pure: they turn findings into a string.

import type { LintFinding, LintNotice } from '../lint/types.js';

export interface RuleDoc {
  title?: string;
  help?: string;
  helpUri?: string;
  /** The rule's documentation page (SARIF help.markdown). */
  markdown?: string;
  incident?: string;
}

export interface LintReportOptions {
  /** Colour in the text reporter; decide at the edge with `shouldColor`. */
  color?: boolean;
  /** How many files were scanned, for the text summary. */
  filesScanned?: number;
  /** prodguard's version, for SARIF `tool.driver.version`. */
  toolVersion?: string;
  /** Rule documentation by id, for SARIF rules and help lines. */
  rules?: Readonly<Record<string, RuleDoc>>;
  /** Files not fully checked (JSON `notices`; the text format prints them on stderr). */
  notices?: readonly LintNotice[];
  /** The error that stopped the run (SARIF: a failed invocation); the findings are then empty. */
  failure?: LintFailure;
}

export interface LintFailure {
  message: string;
  hint?: string;
  /** The file the error is about, relative to the directory lint ran in. */
  file?: string;
}

export type LintReporter = (findings: readonly LintFinding[], options?: LintReportOptions) => string;
