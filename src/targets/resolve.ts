// What an invocation would touch: databases (from client arguments, URLs, DATABASE_URL and
// friends, PG*/MYSQL_* variables, .env files the app would load), framework environments
// (RAILS_ENV…), the host it runs on, a Kubernetes context, cloud resources, a Terraform
// workspace. Pure: the invocation and facts gathered at the edge in, targets out.
// This module dispatches by kind; each kind's resolution lives in its own module beside it.

import type { Invocation, Target, TargetKind } from '../types.js';
import { scanOptions, optionValue } from '../parse/options.js';
import { CLIENTS, clientSpec } from '../knowledge/commands.js';
import { HTTP_CLIENTS, PROJECT_TASK_RUNNERS, toolOptions } from '../knowledge/tools.js';
import { ENVIRONMENT_VARIABLES, environmentFromName, isEnvironmentVariable } from '../classify/names.js';
import { clientDatabaseTargets, injectedClientTarget, migrationToolTarget, unresolvedClientTarget } from './client-databases.js';
import { cloudTargets, workspaceTargets } from './cloud.js';
import { appEnvironment, describeSource, environmentDatabaseTargets, everyHost, serviceLookup } from './environment-databases.js';
import type { TargetFacts } from './facts.js';
import { hostTarget, onItsHost, serviceEndpointTargets, topologyTargets } from './hosts.js';
import { kubeTargets } from './kube.js';

/** The framework variables the prompt watches; which variables name an environment is decided
 *  once, by the classifier's vocabulary (src/classify/names.ts), for check and lint alike. */
export const APP_ENVIRONMENT_VARIABLES = ENVIRONMENT_VARIABLES;

/** Every database client whose arguments name a target (the shell hook's prefilter needs the list). */
export const DATABASE_CLIENTS: readonly string[] = Object.keys(CLIENTS);

export function isDatabaseClient(name: string): boolean {
  return clientSpec(name) !== undefined;
}

export function resolveTargets(inv: Invocation, kind: TargetKind, facts: TargetFacts): Target[] {
  switch (kind) {
    case 'database': {
      const named = migrationToolTarget(inv);
      if (named) return [named];
      // An HTTP request touches the service its URL names (an Elasticsearch cluster, an admin API).
      if (Object.hasOwn(HTTP_CLIENTS, inv.name)) return httpEndpointTargets(inv).map((target) => onItsHost(target, inv, facts));
      if (isDatabaseClient(inv.name)) {
        const unresolved = (facts.unsetMeansUnknown ? unresolvedClientTarget(inv) : undefined) ?? injectedClientTarget(inv);
        return unresolved
          ? [unresolved]
          : clientDatabaseTargets(inv, facts)
              .flatMap(everyHost)
              .map((target) => onItsHost(target, inv, facts));
      }
      return environmentDatabaseTargets(appEnvironment(inv, facts), serviceLookup(inv, facts))
        .flatMap(everyHost)
        .map((target) => onItsHost(target, inv, facts));
    }
    case 'app':
      return appTargets(inv, facts);
    case 'host': {
      // A service CLI that names its server acts there; otherwise on the host the line runs on.
      const endpoints = serviceEndpointTargets(inv, facts);
      return [...(endpoints.length > 0 ? endpoints : [hostTarget(inv, facts)]), ...topologyTargets(inv)];
    }
    case 'kube':
      return kubeTargets(inv, facts);
    case 'cloud':
      return cloudTargets(inv);
    case 'workspace':
      return workspaceTargets(inv, facts);
  }
}

// ---------------------------------------------------------------------------------------------
// Framework environments: RAILS_ENV=production says where an app points even without a URL.

function appTargets(inv: Invocation, facts: TargetFacts): Target[] {
  const { vars, origin } = appEnvironment(inv, facts);
  const targets: Target[] = [];
  const listed = new Set(ENVIRONMENT_VARIABLES);
  const variables = [
    ...ENVIRONMENT_VARIABLES,
    ...Object.keys(vars)
      .filter((name) => !listed.has(name) && isEnvironmentVariable(name))
      .sort(),
  ];
  for (const variable of variables) {
    const value = vars[variable];
    if (!value) continue;
    targets.push({ kind: 'app', source: describeSource(variable, origin[variable]), name: value, value });
  }
  // Secrets loaded from a source nobody could read (`infisical run --env=prod`, `dotenv -e
  // .env.production` with the file not read, `chamber exec payments-prod`): its name says whose.
  // A source whose name says nothing (`direnv exec . npm test`) adds no target.
  if (inv.secretsFrom !== undefined && environmentFromName(inv.secretsFrom))
    targets.push({ kind: 'app', source: 'the secrets of', name: inv.secretsFrom, value: inv.secretsFrom });
  // `php artisan migrate:fresh --env=production`, `sequelize db:drop --env production`,
  // `manage.py flush --settings=app.settings.production`.
  for (let index = 0; index < inv.args.length; index++) {
    const match = /^--(env|environment|settings|stage)(?:=(.*))?$/.exec(inv.args[index]!.value);
    if (!match) continue;
    const value = match[2] ?? inv.args[index + 1]?.value;
    if (value && !value.startsWith('-')) targets.push({ kind: 'app', source: `--${match[1]}`, name: value, value });
  }
  // `dbt run --target prod`: the profile's output the run writes to.
  if (inv.name === 'dbt') {
    const scan = scanOptions(inv.args, {
      shortWithValue: 'tsm',
      longWithValue: ['target', 'select', 'models', 'exclude', 'vars', 'profile', 'profiles-dir', 'project-dir', 'args'],
    });
    const target = optionValue(scan, '-t', '--target');
    if (target) targets.push({ kind: 'app', source: 'dbt --target', name: target, value: target });
  }
  // `rails db:reset -e production`.
  if (['rails', 'rake'].includes(inv.name)) {
    const scan = scanOptions(inv.args, { shortWithValue: 'e', longWithValue: ['environment'] });
    const flag = optionValue(scan, '-e', '--environment');
    if (flag) targets.push({ kind: 'app', source: `${inv.name} --environment`, name: flag, value: flag });
  }
  if (Object.hasOwn(PROJECT_TASK_RUNNERS, inv.name)) targets.push(...taskEnvironmentTargets(inv, PROJECT_TASK_RUNNERS[inv.name]!.environmentOptions ?? []));
  return targets;
}

/**
 * Where a project task is told to act: `rake … RAILS_ENV=production`, `make db-reset
 * ENV=production`, `task db:drop STAGE=prod` (a variable that names an environment, given as an
 * argument), and a bare environment word (`just reset-db production`, `cap production db:drop`) —
 * the whole word, so `production-report` or `prod.css` says nothing.
 */
function taskEnvironmentTargets(inv: Invocation, environmentOptions: readonly string[]): Target[] {
  const targets: Target[] = [];
  // An option whose value names where the task runs (`ansible-playbook -i inventories/production`).
  const scan = environmentOptions.length > 0 ? scanOptions(inv.args, toolOptions(inv.name) ?? {}) : undefined;
  for (const option of environmentOptions) {
    const given = optionValue(scan!, option);
    if (given && environmentFromName(given)) targets.push({ kind: 'app', source: `${inv.name} ${option}`, name: given, value: given });
  }
  for (const arg of inv.args) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(arg.value);
    if (assignment) {
      if (isEnvironmentVariable(assignment[1]!))
        targets.push({ kind: 'app', source: `${inv.name} argument ${assignment[1]}`, name: assignment[2]!, value: assignment[2]! });
      continue;
    }
    const named = environmentFromName(arg.value);
    if (named && named.token === arg.value.toLowerCase()) targets.push({ kind: 'app', source: `${inv.name} argument`, name: arg.value, value: arg.value });
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// HTTP requests: the host of each URL the client is given (knowledge/tools.ts HTTP_CLIENTS).

/** HTTPie's one URL: the first operand, or the second when the first is a method word. */
function httpieUrl(operands: readonly string[]): string[] {
  const first = /^[A-Za-z]+$/.test(operands[0] ?? '') && operands.length > 1 ? 1 : 0;
  const url = operands[first];
  // `:3000/api` is HTTPie's shorthand for localhost.
  return url === undefined ? [] : [url.startsWith(':') ? `localhost${url}` : url];
}

function httpEndpointTargets(inv: Invocation): Target[] {
  const client = HTTP_CLIENTS[inv.name]!;
  const scan = scanOptions(inv.args, toolOptions(inv.name) ?? {});
  const operands = scan.positionals.map((index) => inv.args[index]!.value);
  const urls = [
    ...(client.methodWord ? httpieUrl(operands) : operands),
    ...scan.options.filter((option) => client.url.includes(option.flag) && option.value).map((option) => option.value!),
  ];
  const targets: Target[] = [];
  for (const url of urls) {
    // curl reads a URL without a scheme as http:// (`curl -X DELETE prod-es:9200/_all`).
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
    let host: string;
    try {
      host = new URL(withScheme).hostname.replace(/^\[|\]$/g, '');
    } catch {
      continue;
    }
    // `http://$DISCOVERY_SERVICE/v2/keys/…` with the host only known where it runs reads
    // `http:///v2/keys/…`, which a URL parser takes for host v2: the host is not known here.
    if (!/^file:/i.test(withScheme) && /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?[/?#]/i.test(withScheme)) host = '*';
    if (!host || targets.some((target) => target.host === host)) continue;
    targets.push({ kind: 'database', engine: 'http', source: `${inv.name} URL`, name: host, host });
  }
  return targets;
}
