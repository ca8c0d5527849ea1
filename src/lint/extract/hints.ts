// Evidence of the environment a CI job, Makefile target or env file runs against, from names
// and values a person chose: `environment: production`, a secret named PROD_DATABASE_URL,
// RAILS_ENV=production (issue 5: "the environment is inferred from the file").

import type { EnvironmentHint, HintEnvironment } from '../types.js';
import { environmentFromName, isEnvironmentVariable, nameTokens } from '../../classify/names.js';

/**
 * The environment a name points at, by the one classifier check uses too
 * (src/classify/names.ts). `live` counts only for hosts and values (a variable named
 * LIVE_RELOAD is not about production).
 */
export function environmentOfName(name: string, options: { live?: boolean } = {}): HintEnvironment | undefined {
  return environmentFromName(name, { live: options.live === true })?.environment;
}

export { nameTokens, isEnvironmentVariable };

export interface EnvEntry {
  key: string;
  value: string;
  line: number;
  /** Column of the key, when known. */
  column?: number;
}

/** Hints from variables set for a job or file. Values that are expressions are not read. */
export function hintsFromEnv(entries: readonly EnvEntry[]): EnvironmentHint[] {
  const hints: EnvironmentHint[] = [];
  for (const { key, value, line } of entries) {
    if (isEnvironmentVariable(key) && !value.includes('${{') && !value.includes('$')) {
      const env = environmentOfName(value, { live: true });
      if (env) hints.push({ environment: env, evidence: `${key}=${value}`, line });
      continue;
    }
    const env = environmentOfName(key);
    if (env === 'production' || env === 'staging') hints.push({ environment: env, evidence: `variable ${key}`, line });
  }
  return hints;
}

/** A hint from an `environment:` key (GitHub Actions, GitLab CI) or a stage name. */
export function hintFromEnvironmentName(name: string, line: number, evidencePrefix = 'environment: '): EnvironmentHint | undefined {
  if (name.includes('${{')) return undefined;
  const env = environmentOfName(name, { live: true });
  return env ? { environment: env, evidence: `${evidencePrefix}${name}`, line } : undefined;
}

/** A hint from a secret or variable referenced by name (`secrets.PROD_DATABASE_URL`). */
export function hintFromReference(kind: string, name: string, line: number): EnvironmentHint | undefined {
  const env = environmentOfName(name);
  return env === 'production' || env === 'staging' ? { environment: env, evidence: `${kind} ${name}`, line } : undefined;
}

/** Only production or staging from a file's own name (`deploy-prod.sh`); directories such as
 *  `test/` say nothing about what a script touches. */
export function hintFromFileName(path: string): EnvironmentHint | undefined {
  const base = path.split('/').pop() ?? path;
  const env = environmentOfName(base);
  return env === 'production' || env === 'staging' ? { environment: env, evidence: `file name ${base}`, line: 1 } : undefined;
}

export function dedupeHints(hints: readonly EnvironmentHint[]): EnvironmentHint[] {
  const seen = new Set<string>();
  return hints.filter((h) => {
    const key = `${h.environment}\0${h.evidence}\0${h.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
