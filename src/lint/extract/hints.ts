// Evidence of the environment a CI job, Makefile target or env file runs against, from names
// and values a person chose: `environment: production`, a secret named PROD_DATABASE_URL,
// RAILS_ENV=production (issue 5: "the environment is inferred from the file").

import type { EnvironmentHint, HintEnvironment } from '../types.js';

/** Split an identifier into lower-case tokens: `PROD_DATABASE_URL`, `deployProd`, `db-prd.x`. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

const PRODUCTION = new Set(['prod', 'production', 'prd']);
const STAGING = new Set(['staging', 'stg', 'stage', 'preprod', 'uat']);
const DEVELOPMENT = new Set(['dev', 'development', 'develop', 'local']);
const TEST = new Set(['test', 'testing', 'tests', 'ci']);

/**
 * The environment a name points at, by its tokens. `live` counts only for hosts and values
 * (a variable named LIVE_RELOAD is not about production).
 */
export function environmentOfName(name: string, options: { live?: boolean } = {}): HintEnvironment | undefined {
  const tokens = nameTokens(name);
  if (tokens.some((t) => PRODUCTION.has(t) || (options.live === true && t === 'live'))) return 'production';
  if (tokens.some((t) => STAGING.has(t))) return 'staging';
  if (tokens.some((t) => DEVELOPMENT.has(t))) return 'development';
  if (tokens.some((t) => TEST.has(t))) return 'test';
  return undefined;
}

/** Variables whose value names the environment a framework or tool runs in. */
const ENVIRONMENT_VARIABLES = new Set([
  'RAILS_ENV', 'RACK_ENV', 'NODE_ENV', 'APP_ENV', 'MIX_ENV', 'FLASK_ENV', 'DJANGO_ENV', 'ENVIRONMENT', 'ENV',
  'STAGE', 'DEPLOY_ENV', 'DEPLOY_ENVIRONMENT', 'DEPLOYMENT_ENVIRONMENT', 'TARGET_ENV', 'APP_ENVIRONMENT',
  'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'SPRING_PROFILES_ACTIVE', 'LARAVEL_ENV', 'SYMFONY_ENV',
  'GO_ENV', 'PYTHON_ENV', 'KUBE_CONTEXT', 'AWS_PROFILE', 'TF_WORKSPACE',
]);

export function isEnvironmentVariable(name: string): boolean {
  return ENVIRONMENT_VARIABLES.has(name.toUpperCase()) || /(^|_)(ENV|ENVIRONMENT)$/i.test(name);
}

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
