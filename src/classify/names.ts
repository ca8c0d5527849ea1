// The one answer to "which environment does this name say?", for every command: check and run
// classify hosts, databases, contexts and framework variables with it; lint reads CI job names,
// secret names and env files with it; status, the prompt and the hooks go through classifyTarget,
// which calls it. Two word lists drifted apart before (`db-prod1`, `qa-db`, `deployProd` were
// judged differently by check and lint), so there is exactly one list and one tokeniser.

import type { Environment } from '../types.js';

/** Environments a name can point at (a name never says "unknown"). */
export type NamedEnvironment = Exclude<Environment, 'unknown' | 'unknown-remote'>;

/** Most dangerous first: a name with both `prod` and `test` tokens is production. */
const NAME_TOKENS: readonly [NamedEnvironment, readonly string[]][] = [
  ['production', ['prod', 'production', 'prd', 'live', 'prodn']],
  ['staging', ['staging', 'stage', 'stg', 'preprod', 'uat', 'preproduction']],
  ['test', ['test', 'testing', 'tests', 'tst', 'ci', 'qa']],
  ['development', ['dev', 'development', 'develop', 'devel', 'sandbox']],
  ['local', ['local', 'localhost']],
];

/**
 * Split a name into lower-case tokens the way a person reads it: separators (`db-prod.eu`,
 * `PROD_DATABASE_URL`), camelCase (`deployProd`, `PRODDatabase`) and trailing digits
 * (`db-prod1`, `stg02`) all end a token.
 */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((token) => token.replace(/\d+$/, ''))
    .filter((token) => token !== '');
}

export interface NameOptions {
  /**
   * Whether `live` means production. True for hosts, databases and values; false for variable
   * names, where LIVE_RELOAD or LIVE_PREVIEW say nothing about production.
   */
  live?: boolean;
}

/** The most dangerous environment a name's tokens point at, and the token that says so. */
export function environmentFromName(name: string, options: NameOptions = {}): { environment: NamedEnvironment; token: string } | undefined {
  const tokens = new Set(nameTokens(name));
  if (options.live === false) tokens.delete('live');
  for (const [environment, words] of NAME_TOKENS) {
    const token = words.find((word) => tokens.has(word));
    if (token) return { environment, token };
  }
  return undefined;
}

/**
 * Variables whose value names the environment a framework or tool runs in. check reads them as
 * app targets, lint as hints of a job's environment, the prompt shows them.
 */
export const ENVIRONMENT_VARIABLES: readonly string[] = [
  'RAILS_ENV',
  'RACK_ENV',
  'APP_ENV',
  'NODE_ENV',
  'MIX_ENV',
  'FLASK_ENV',
  'DJANGO_ENV',
  // Django names its settings module, not an environment: `shop.settings.production` says it.
  'DJANGO_SETTINGS_MODULE',
  'ASPNETCORE_ENVIRONMENT',
  'SPRING_PROFILES_ACTIVE',
  'DEPLOY_ENV',
  'ENVIRONMENT',
  'STAGE',
  'ENV',
  'DEPLOY_ENVIRONMENT',
  'DEPLOYMENT_ENVIRONMENT',
  'TARGET_ENV',
  'APP_ENVIRONMENT',
  'DOTNET_ENVIRONMENT',
  'LARAVEL_ENV',
  'YII_ENV',
  'HANAMI_ENV',
  'SYMFONY_ENV',
  'GO_ENV',
  'PYTHON_ENV',
  'KUBE_CONTEXT',
  'AWS_PROFILE',
  'TF_WORKSPACE',
];

const LISTED = new Set(ENVIRONMENT_VARIABLES);
/** `*_ENV` variables that hold a path or a tool's own setting, not an environment name. */
const NOT_ENVIRONMENTS = new Set(['VIRTUAL_ENV', 'CONDA_DEFAULT_ENV', 'PIPENV_VENV_IN_PROJECT', 'BASH_ENV', 'RUBY_ENV_FILE']);
/** Prefixes of `*_ENV` variables that name a tool's own environments: tox's and nox's are Python
 *  virtualenvs (`TOX_SKIP_ENV=py37`, ceph-build's `TOX_RUN_ENV`), not a deployment. */
const NOT_ENVIRONMENT_PREFIXES: readonly string[] = ['TOX_', 'NOX_'];

/** True for a variable whose value names an environment: the list above, or `*_ENV`/`*_ENVIRONMENT`. */
export function isEnvironmentVariable(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_ENVIRONMENTS.has(upper) || NOT_ENVIRONMENT_PREFIXES.some((prefix) => upper.startsWith(prefix))) return false;
  return LISTED.has(upper) || /(^|_)(ENV|ENVIRONMENT)$/.test(upper);
}
