// Escape hatches: variables that switch off another tool's protection against destroying a
// production database. Set for a whole CI job or in an env file, they disarm that protection
// for every command, the test suite included (travis-2018: the suite's database cleaner
// truncated production).

import type { EnvEntry } from './hints.js';
import type { LintProblem, LintSeverity } from '../types.js';
import { dict } from '../../util/dict.js';

export interface EscapeHatch {
  name: string;
  value: string;
  /** What it switches off. */
  disables: string;
}

const KNOWN: Record<string, string> = dict({
  DISABLE_DATABASE_ENVIRONMENT_CHECK: "Rails' refusal to run db:drop, db:reset, db:schema:load or db:purge against a protected (production) database",
  DATABASE_CLEANER_ALLOW_PRODUCTION: "DatabaseCleaner's refusal to clean a database in a production environment",
  DATABASE_CLEANER_ALLOW_REMOTE_DATABASE_URL: "DatabaseCleaner's refusal to clean a remote DATABASE_URL",
  SAFETY_ASSURED: "strong_migrations' checks for dangerous migrations",
});

/**
 * The escape hatches set in an environment. These tools test only that the variable is set
 * (`ENV["DISABLE_DATABASE_ENVIRONMENT_CHECK"]` in Rails, likewise DatabaseCleaner and
 * strong_migrations), so any value counts, even `0` or `false`.
 */
export function escapeHatchesIn(env: Readonly<Record<string, string>>): EscapeHatch[] {
  const found: EscapeHatch[] = [];
  for (const [name, value] of Object.entries(env)) {
    const known = KNOWN[name];
    if (known) found.push({ name, value, disables: known });
    else if (name.startsWith('DATABASE_CLEANER_ALLOW_')) found.push({ name, value, disables: 'a DatabaseCleaner safeguard' });
  }
  return found;
}

/** `dotenv/escape-hatch` problems for variables set for a whole job or file. */
export function escapeHatchProblems(entries: readonly EnvEntry[], scope: string, severity: LintSeverity): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const entry of entries) {
    for (const hatch of escapeHatchesIn({ [entry.key]: entry.value })) {
      problems.push({
        rule: 'dotenv/escape-hatch',
        severity,
        line: entry.line,
        column: entry.column ?? 1,
        message: `${hatch.name} is set for ${scope}: it switches off ${hatch.disables} for every command there (any value counts, even "false")`,
      });
    }
  }
  return problems;
}
