// check and lint answer "which environment is this?" with one classifier: the same names and the
// same environment variables give the same environment whichever command reads them.

import { describe, expect, it } from 'vitest';
import { classifyTarget, environmentFromName, ENVIRONMENT_VARIABLES } from '../../src/classify/classify.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { plan } from '../../src/engine/analyze.js';
import { resolveTargets } from '../../src/targets/resolve.js';
import { hintFromEnvironmentName, hintsFromEnv } from '../../src/lint/extract/hints.js';
import { builtinRules } from '../helpers/rules.js';

const NAMES: [string, string | undefined][] = [
  ['db-prod1', 'production'],
  ['deployProd', 'production'],
  ['PRODDatabase', 'production'],
  ['db1.prod.eu-west-1.rds.amazonaws.com', 'production'],
  ['prd-api', 'production'],
  ['live-db', 'production'],
  ['qa-db', 'test'],
  ['ci-runner', 'test'],
  ['db-stg02', 'staging'],
  ['preprodCluster', 'staging'],
  ['uat', 'staging'],
  ['devBox', 'development'],
  ['sandbox-3', 'development'],
  ['localhost', 'local'],
  ['product-db', undefined],
  ['reproduce', undefined],
  ['db-primary', undefined],
];

describe('one classifier for names', () => {
  it.each(NAMES)('%s → %s for check (a host) and for lint (a job environment)', (name, expected) => {
    expect(environmentFromName(name)?.environment).toBe(expected);
    const host = classifyTarget({ kind: 'host', source: 'ssh destination', name }, DEFAULT_CONFIG);
    const hint = hintFromEnvironmentName(name, 1);
    if (expected === undefined) {
      expect(host.environment).toBe('unknown-remote');
      expect(hint).toBeUndefined();
    } else {
      expect(host.environment).toBe(expected);
      expect(hint?.environment).toBe(expected);
    }
  });
});

const VALUES: [string, string][] = [
  ['production', 'production'],
  ['prod1', 'production'],
  ['staging', 'staging'],
  ['qa', 'test'],
  ['development', 'development'],
];

describe('one list of environment variables', () => {
  const variables = [...ENVIRONMENT_VARIABLES, 'MY_APP_ENV', 'SERVICE_ENVIRONMENT'];
  it('has every variable either command read before', () => {
    for (const name of ['RAILS_ENV', 'NODE_ENV', 'STAGE', 'ENV', 'TF_WORKSPACE', 'AWS_PROFILE', 'SPRING_PROFILES_ACTIVE', 'LARAVEL_ENV']) {
      expect(ENVIRONMENT_VARIABLES).toContain(name);
    }
  });

  for (const variable of variables) {
    it.each(VALUES)(`${variable}=%s → %s for check and for lint`, async (value, expected) => {
      const rules = await builtinRules();
      const planned = plan('rake db:reset', { env: { [variable]: value }, cwd: '/srv/app', home: '/root' }, rules);
      const app = resolveTargets(planned.invocations[0]!, 'app', { hostname: 'workstation', envFiles: {} }).find((target) => target.value === value);
      expect(app, `check sees ${variable} as an app environment`).toBeDefined();
      expect(classifyTarget(app!, DEFAULT_CONFIG).environment).toBe(expected);
      const hints = hintsFromEnv([{ key: variable, value, line: 1 }]);
      expect(hints.map((hint) => hint.environment)).toEqual([expected]);
    });
  }

  it('VIRTUAL_ENV and friends hold paths, not environments, for both', async () => {
    const rules = await builtinRules();
    const planned = plan('rake db:reset', { env: { VIRTUAL_ENV: '/home/prod/.venv' }, cwd: '/srv/app', home: '/root' }, rules);
    expect(resolveTargets(planned.invocations[0]!, 'app', { hostname: 'workstation', envFiles: {} })).toEqual([]);
    expect(hintsFromEnv([{ key: 'VIRTUAL_ENV', value: '/home/prod/.venv', line: 1 }])).toEqual([]);
  });
});

describe('env file kinds use the same classifier', () => {
  it.each([
    ['.env.test', 'test'],
    ['.env.qa', 'test'],
    ['.env.ci', 'test'],
    ['.env.testing.local', 'test'],
    ['.env.production', 'production'],
    ['.env.prod1', 'production'],
    ['.env.development', 'development'],
    ['.env.local', 'development'],
    ['.env.staging', 'other'],
    ['.env', 'other'],
  ])('%s is a %s env file', async (path, kind) => {
    const { dotenvKind } = await import('../../src/lint/extract/dotenv.js');
    expect(dotenvKind(path)).toBe(kind);
  });
});
