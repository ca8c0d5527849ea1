// Types of the `lint` stage: files found in a repository, the shell snippets and facts
// extracted from them, and the findings that reporters print.
// Imports only the shared pipeline types.

import type { Severity } from '../types.js';

/** A lint finding is never `allow`: an allowed command is simply not reported. */
export type LintSeverity = Exclude<Severity, 'allow'>;

/** 1-based line and column (column counts UTF-16 code units, like editors and SARIF). */
export interface Position {
  line: number;
  column: number;
}

/** A finding made without the shell engine (dotenv, topology config, parse errors, suppressions). */
export interface LintProblem {
  line: number;
  column: number;
  rule: string;
  severity: LintSeverity;
  message: string;
}

/** What reporters print. Paths are relative to the current directory, with forward slashes. */
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  /** Optional end of the span; `endColumn` is exclusive (SARIF convention). */
  endLine?: number;
  endColumn?: number;
  rule: string;
  severity: LintSeverity;
  message: string;
  /** One line on how to fix it. */
  help?: string;
  /** The text of line `line` of the file, for the code frame and the baseline fingerprint. */
  source?: string;
}

export type LintFileFormat =
  | 'shell'
  | 'github-actions'
  | 'gitlab-ci'
  | 'travis'
  | 'makefile'
  | 'package-json'
  | 'dockerfile'
  | 'procfile'
  | 'dotenv'
  | 'sql'
  | 'orchestrator'
  | 'github-action'
  | 'compose'
  | 'circleci'
  | 'jenkinsfile'
  | 'packer';

export const LINT_FILE_FORMATS: readonly LintFileFormat[] = [
  'shell',
  'github-actions',
  'gitlab-ci',
  'travis',
  'makefile',
  'package-json',
  'dockerfile',
  'procfile',
  'dotenv',
  'sql',
  'orchestrator',
  'github-action',
  'compose',
  'circleci',
  'jenkinsfile',
  'packer',
];

export interface DiscoveredFile {
  /** Relative to the cwd given to discovery, forward slashes. */
  path: string;
  format: LintFileFormat;
  /** Named on the command line (scanned even if ignored or unrecognised by name). */
  explicit: boolean;
  /** SQL a migration tool runs, judged by its path inside the repository (so `lint db/migrations`
   *  and `lint .` from inside that folder agree with `lint .` at the top). */
  migration?: boolean;
}

export type HintEnvironment = 'production' | 'staging' | 'development' | 'test' | 'local';

/** Evidence in a file about which environment its commands run against. */
export interface EnvironmentHint {
  environment: HintEnvironment;
  /** Human-readable, secrets redacted: `environment: production`, `secret PROD_DATABASE_URL`. */
  evidence: string;
  line: number;
}

export type Locate = (offset: number) => Position;

export interface ShellSnippet {
  /** Shell source to hand to the engine. */
  text: string;
  /** Map an offset in `text` back to the original file's 1-based line/column. */
  locate: Locate;
  /** Variables this file sets for the snippet (CI env blocks, make exports, Dockerfile ENV/ARG). */
  env: Record<string, string>;
  /**
   * Variables that are set when the snippet runs but whose value is not known here: secrets
   * and `${{ … }}` expressions (and their placeholders), CI-provided variables the snippet
   * references (`CI_PROJECT_DIR`, `GITHUB_WORKSPACE`, `npm_package_name`), `$(shell …)` in make.
   * Each has an `env` entry holding source text (the expression, `${CI_PROJECT_DIR}`), never a
   * real value, so an engine that only reads `env` sees them as set and non-empty.
   */
  unknownEnv: string[];
  hints: EnvironmentHint[];
  /** Where in the file the snippet came from, e.g. `jobs.deploy.steps[2].run`. */
  origin: string;
  /** A Dockerfile `RUN` or a Packer provisioner: it changes a fresh image, not a live server's files. */
  imageBuild?: boolean;
  /** A job on a machine made for it and discarded after it (a GitHub-hosted runner): its own files
   *  and local databases hold nothing that outlives the job. */
  throwawayMachine?: boolean;
}

/** A file lint could not read in full: valid input the parser does not handle (a template, a
 *  shape the shell parser lacks). Reported once per run, never as a finding per line. */
export interface LintNotice {
  file: string;
  line: number;
  message: string;
  /** `config`: a part of `.prodguard.yml` that was not applied; otherwise a file not fully checked. */
  kind?: 'config';
}

export interface SqlSource {
  text: string;
  locate: Locate;
}

export interface Extracted {
  snippets: ShellSnippet[];
  problems: LintProblem[];
  /** Parts of valid input the extractor could not read (a grammar gap): a notice, never a finding. */
  notices?: { line: number; message: string }[];
}

export interface ExtractedFile extends Extracted {
  /** Set for SQL files: the lead's SQL layer analyses the whole text. */
  sql?: SqlSource;
}
