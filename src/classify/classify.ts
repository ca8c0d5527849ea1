// Each target gets an environment and the evidence for it, in this order (DESIGN.md): the user's
// config globs, the database's own marker, naming heuristics, locality. Anything remote and
// unexplained is `unknown-remote` — the Travis CI 2018 URL had no "prod" in it.

import type { ClassifiedTarget, Environment, ProbeResult, Target } from '../types.js';
import { patternSourceKey, type Config, type ConfiguredEnvironment, type EnvironmentPatterns } from '../config/schema.js';
import { matchesAnyGlob } from '../util/glob.js';
import { environmentFromName } from './names.js';
import { dict, own } from '../util/dict.js';

export { environmentFromName, nameTokens, isEnvironmentVariable, ENVIRONMENT_VARIABLES } from './names.js';

/** Single-label service names CI and docker compose give their databases: on this machine's network. */
const LOCAL_SERVICE_NAMES = new Set(['postgres', 'postgresql', 'db', 'database', 'mysql', 'mariadb', 'redis', 'mongo', 'mongodb', 'pg', 'cache', 'localhost']);
const LOCAL_KUBE_CONTEXTS = [
  /^minikube$/,
  /^kind-/,
  /^docker-desktop$/,
  /^docker-for-desktop$/,
  /^k3d-/,
  /^rancher-desktop$/,
  /^colima/,
  /^orbstack$/,
  /^microk8s$/,
];

export function isLocalAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    h === '0.0.0.0' ||
    h.startsWith('/') ||
    h === 'host.docker.internal'
  );
}

/**
 * For paths (Terraform folders) the deepest folder that names an environment wins:
 * terragrunt's `live/staging/db` is staging, though `live` alone would say production.
 */
export function environmentFromPath(path: string): { environment: Environment; token: string } | undefined {
  const segments = path.split('/').filter(Boolean).reverse();
  for (const segment of segments) {
    const named = environmentFromName(segment.replace(/\.(tfvars|json|hcl|tfbackend)$/, ''));
    if (named) return named;
  }
  return undefined;
}

function configPatterns(target: Target): { key: keyof EnvironmentPatterns; values: string[] }[] {
  switch (target.kind) {
    case 'database': {
      const values = [target.database, target.host, target.host && target.database ? `${target.host}/${target.database}` : undefined].filter(
        (v): v is string => !!v,
      );
      return [
        { key: 'databases', values },
        { key: 'hosts', values: target.host ? [target.host] : [] },
      ];
    }
    case 'host':
      return [{ key: 'hosts', values: [target.name] }];
    case 'kube': {
      // A context, its cluster, and the API server's host (an inventory may list it) are all names for it.
      const server = target.kube?.server ? serverHost(target.kube.server) : undefined;
      return [
        { key: 'kube-contexts', values: [target.name, ...(target.kube?.cluster ? [target.kube.cluster] : [])] },
        { key: 'hosts', values: server ? [server] : [] },
      ];
    }
    case 'cloud':
      return [{ key: 'cloud', values: [target.name] }];
    case 'workspace':
      return [{ key: 'workspaces', values: [target.name] }];
    case 'app':
      return [];
  }
}

function fromConfig(target: Target, config: Config): { environment: Environment; evidence: string } | undefined {
  // Most dangerous environment first: a name matched by both production and staging globs is production.
  const order: ConfiguredEnvironment[] = ['production', 'staging', 'test', 'development', 'local'];
  for (const environment of order) {
    const patterns = config.environments[environment];
    if (!patterns) continue;
    for (const { key, values } of configPatterns(target)) {
      for (const value of values) {
        const glob = matchesAnyGlob(value, patterns[key]);
        if (!glob) continue;
        // A pattern an inventory supplied says which group of which file (issue 14).
        const inventory = key === 'hosts' ? own(config.hostEvidence, glob) : undefined;
        if (inventory) return { environment, evidence: glob === value ? inventory : `${value} matches: ${inventory}` };
        const context =
          target.kind === 'kube' && value !== target.name ? ` (kube context ${target.name}${target.kube?.file ? `, kubeconfig ${target.kube.file}` : ''})` : '';
        const file = config.patternSources?.[patternSourceKey(environment, key, glob)] ?? config.source;
        return { environment, evidence: `config ${file}: environments.${environment}.${key} "${glob}" matches ${value}${context}` };
      }
    }
  }
  return undefined;
}

const MARKER_ENVIRONMENTS: Record<string, Environment> = dict({
  production: 'production',
  prod: 'production',
  staging: 'staging',
  development: 'development',
  dev: 'development',
  test: 'test',
  local: 'local',
});

function fromProbe(probe: ProbeResult | undefined): { environment: Environment; evidence: string } | undefined {
  if (!probe || probe.status !== 'ok' || !probe.marker) return undefined;
  const environment = MARKER_ENVIRONMENTS[probe.marker.toLowerCase()] ?? environmentFromName(probe.marker)?.environment;
  if (!environment) return undefined;
  return { environment, evidence: `the database says ${probe.markerSource ?? 'prodguard.environment'} = ${probe.marker}` };
}

function namesOf(target: Target): string[] {
  switch (target.kind) {
    case 'database':
      // A pg_service section or MySQL login path name (`prod`) is a name the person chose too.
      // A SQLite file's path is read by fromNames on its own terms.
      if (target.engine === 'sqlite') return [];
      return [target.host, target.database, target.alias].filter((v): v is string => !!v && !v.startsWith('/'));
    case 'workspace':
      return [workspaceName(target)];
    case 'app':
      return [target.value ?? target.name];
    default:
      return [target.name];
  }
}

/** For a working directory, ignore /home/<user>: a user named "dev" says nothing about infra. */
function workspaceName(target: Target): string {
  if (target.source !== 'working directory') return target.name;
  return target.name.replace(/^\/(home|Users)\/[^/]+/, '').replace(/^\/root/, '');
}

function fromLocality(target: Target): { environment: Environment; evidence: string } {
  switch (target.kind) {
    case 'database': {
      if (target.unresolved) return { environment: 'unknown', evidence: `${target.unresolvedBy ?? target.name} is only known where it runs` };
      if (target.socket)
        return { environment: 'local', evidence: target.engine === 'sqlite' ? 'a SQLite file on this machine' : 'a Unix socket on this machine' };
      const host = target.host ?? 'localhost';
      if (isLocalAddress(host)) return { environment: 'local', evidence: `${host} is this machine` };
      if (LOCAL_SERVICE_NAMES.has(host.toLowerCase())) return { environment: 'local', evidence: `"${host}" is a CI/compose service name` };
      return { environment: 'unknown-remote', evidence: `${host} is a remote host with nothing saying what it is` };
    }
    case 'host':
      if (target.source === 'this host') return { environment: 'local', evidence: `this machine (${target.name}) has no environment configured` };
      if (target.source === 'docker exec' || target.source === 'podman exec') return { environment: 'local', evidence: 'a container on this machine' };
      if (target.source === 'docker context') return { environment: 'unknown-remote', evidence: `docker context ${target.name} has nothing saying what it is` };
      if (isLocalAddress(target.name)) return { environment: 'local', evidence: `${target.name} is this machine` };
      return { environment: 'unknown-remote', evidence: `${target.name} is a remote host with nothing saying what it is` };
    case 'kube': {
      // Say which kubeconfig holds the context, as every other kube evidence does: two files may
      // both define `minikube`, and only one of them is the one kubectl used.
      const file = target.kube?.file ? ` (kubeconfig ${target.kube.file})` : '';
      if (LOCAL_KUBE_CONTEXTS.some((pattern) => pattern.test(target.name)))
        return { environment: 'local', evidence: `${file ? `kube context ${target.name}${file}: ` : ''}${target.name} is a local cluster` };
      if (target.source === '--server' || target.source === '--kube-apiserver') {
        if (isLocalAddress(target.name)) return { environment: 'local', evidence: `API server ${target.name} is this machine` };
        return { environment: 'unknown-remote', evidence: `API server ${target.name} has nothing saying what it is` };
      }
      if (target.unresolved && target.source.startsWith('kubeconfig '))
        return {
          environment: 'unknown-remote',
          evidence: `${target.source} names no current-context prodguard could read, and nothing else says what it is`,
        };
      return { environment: 'unknown-remote', evidence: `kube context ${target.name}${file} has nothing saying what it is` };
    }
    case 'cloud':
      // `supabase db reset --db-url postgres://…@localhost:54322/…`: the local stack.
      if (isLocalAddress(target.name)) return { environment: 'local', evidence: `${target.name} is this machine` };
      return { environment: 'unknown-remote', evidence: `${target.engine ?? 'cloud'} resource ${target.name} has nothing saying what it is` };
    case 'workspace':
    case 'app':
      return { environment: 'unknown', evidence: `${target.source} ${target.name} says nothing about the environment` };
  }
}

export function classifyTarget(target: Target, config: Config, probe?: ProbeResult): ClassifiedTarget {
  const evidence: string[] = [];
  const withProbe = probe ? { probe } : {};
  const configured = fromConfig(target, config);
  if (configured) return { ...target, environment: configured.environment, evidence: [configured.evidence], ...withProbe };
  const marked = fromProbe(probe);
  if (marked) return { ...target, environment: marked.environment, evidence: [marked.evidence], ...withProbe };
  if (probe && probe.status !== 'skipped') evidence.push(describeProbe(probe));
  if (target.members) return fromMembers(target, config, evidence, withProbe);
  // A line's own inventory file (`-i FILE`, ansible.cfg) is the repository's word: it may make a
  // host production or staging, never less guarded than its name or "unknown remote" says.
  const fromInventory = target.inventoryEnvironment;
  if (fromInventory && DANGER[fromInventory.environment] > DANGER['unknown-remote'])
    return { ...target, environment: fromInventory.environment, evidence: [fromInventory.evidence, ...evidence], ...withProbe };
  const own = fromNames(target) ?? fromLocality(target);
  const host = target.onHost ? fromHost(target, target.onHost, config) : undefined;
  const chosen = host && DANGER[host.environment] > DANGER[own.environment] ? host : own;
  return { ...target, environment: chosen.environment, evidence: [chosen.evidence, ...evidence], ...withProbe };
}

/**
 * An Ansible pattern is as dangerous as its most dangerous host (`ansible dbservers` on a group
 * holding one production host is production), and never less than its own name says: an
 * inventory that defines `prod-db` as a group of lab hosts does not make `ansible prod-db` safe.
 */
function fromMembers(target: Target, config: Config, evidence: string[], withProbe: { probe?: ProbeResult }): ClassifiedTarget {
  const { members = [], ...pattern } = target;
  let chosen: { environment: Environment; evidence: string } | undefined;
  for (const member of members) {
    const classified = classifyTarget(member, config);
    if (!chosen || DANGER[classified.environment] > DANGER[chosen.environment])
      chosen = { environment: classified.environment, evidence: `${member.name}: ${classified.evidence.join('; ')}` };
  }
  // The name's own words, without the terms it excludes (`all:!production` is not production).
  const included = (target.name.includes(',') ? target.name.split(',') : target.name.split(':')).filter((term) => !term.startsWith('!'));
  const named = environmentFromName(included.join(' ').replace(/&/g, ''));
  if (named && (!chosen || DANGER[named.environment] > DANGER[chosen.environment]))
    chosen = { environment: named.environment, evidence: `name ${target.name} has the token "${named.token}"` };
  const inventory = target.source.replace(/^ansible pattern \((.*)\)$/, '$1') || 'the inventory';
  const hosts = `${members.length} host${members.length === 1 ? '' : 's'}`;
  const reach =
    target.source === 'ansible pattern names'
      ? `ansible pattern ${target.name} names ${hosts} (no inventory read lists them)`
      : members.length === 0
        ? `ansible pattern ${target.name} reaches no host in ${inventory} (ansible: "no hosts matched")`
        : `ansible pattern ${target.name} reaches ${hosts} in ${inventory}`;
  const decided = chosen ?? { environment: 'unknown-remote' as Environment, evidence: members.length === 0 ? 'nothing runs' : 'none of them is known' };
  return { ...pattern, environment: decided.environment, evidence: [`${reach}; ${decided.evidence}`, ...evidence], ...withProbe };
}

/** How much a mistake costs, for choosing between what a database's name and its host say. */
const DANGER: Record<Environment, number> = { production: 6, staging: 5, 'unknown-remote': 4, unknown: 3, development: 2, test: 2, local: 1 };

function serverHost(server: string): string | undefined {
  try {
    return new URL(server).hostname.replace(/^\[(.*)\]$/, '$1') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A kube context is named four ways — context, cluster, API server, namespace — and the most
 * dangerous says what it is: `gke_acme_europe-west1_main` on https://prod-k8s.acme.internal is
 * production. The evidence names the kubeconfig file and the context.
 */
function fromKubeconfig(target: Target): { environment: Environment; evidence: string } | undefined {
  const kube = target.kube;
  if (!kube) return undefined;
  const where =
    target.source === '--namespace'
      ? `kube namespace ${target.name} (no kube context known)`
      : `kube context ${target.name}${kube.file ? ` (kubeconfig ${kube.file})` : ''}`;
  const host = kube.server ? serverHost(kube.server) : undefined;
  const candidates: [string | undefined, string][] = [
    [target.name, `name ${target.name}`],
    [kube.cluster, `cluster ${kube.cluster}`],
    [host, `cluster server ${kube.server}`],
    [kube.namespace, `namespace ${kube.namespace}`],
  ];
  let chosen: { environment: Environment; evidence: string } | undefined;
  for (const [name, what] of candidates) {
    const named = name ? environmentFromName(name) : undefined;
    if (named && (!chosen || DANGER[named.environment] > DANGER[chosen.environment]))
      chosen = { environment: named.environment, evidence: `${where}: ${what} has the token "${named.token}"` };
  }
  if (chosen) return chosen;
  if (host && isLocalAddress(host)) return { environment: 'local', evidence: `${where}: cluster server ${kube.server} is this machine` };
  return undefined;
}

function fromNames(target: Target): { environment: Environment; evidence: string } | undefined {
  if (target.kind === 'kube' && target.kube) return fromKubeconfig(target);
  // A SQLite file is named by its path: Rails' `storage/production.sqlite3`, `/srv/app-prod/app.db`.
  // Only a production or staging name counts: `db/development.sqlite3` stays the local file it is.
  if (target.kind === 'database' && target.engine === 'sqlite' && target.database) {
    const named = environmentFromPath(target.database.replace(/\.(sqlite3?|db3?|s3db|sl3)$/i, ''));
    if (named && (named.environment === 'production' || named.environment === 'staging'))
      return { environment: named.environment, evidence: `SQLite file ${target.database} has the token "${named.token}"` };
  }
  for (const name of namesOf(target)) {
    const named = target.kind === 'workspace' ? environmentFromPath(name) : environmentFromName(name);
    if (named) return { environment: named.environment, evidence: `name ${name} has the token "${named.token}"` };
  }
  return undefined;
}

/** A database on a socket or localhost is as production as the host it is on (GitLab 2017). */
function fromHost(target: Target, host: Target, config: Config): { environment: Environment; evidence: string } {
  const classified = classifyTarget(host, config);
  const where = host.kind === 'kube' ? `in kube ${host.source === '--namespace' ? 'namespace' : 'context'} ${host.name}` : `on host ${host.name}`;
  const reached = target.socket ? 'local socket' : `${target.host ?? 'localhost'}`;
  return { environment: classified.environment, evidence: [`${reached} ${where} (${classified.environment})`, ...classified.evidence].join('; ') };
}

export function describeProbe(probe: ProbeResult): string {
  switch (probe.status) {
    case 'ok':
      return `probe: no environment marker${probe.inRecovery === undefined ? '' : probe.inRecovery ? ' (a replica)' : ' (a primary)'}`;
    case 'unreachable':
      return `probe: unreachable${probe.detail ? ` (${probe.detail})` : ''}, judged by its name`;
    case 'error':
      return `probe failed${probe.detail ? ` (${probe.detail})` : ''}, judged by its name`;
    case 'skipped':
      return 'probe skipped';
  }
}
