// Commands run inside a pod or a container: kubectl/oc exec, docker/podman exec and compose.

import type { ExecutionHost } from '../../types.js';
import { scanOptions, optionValue, type OptionScan } from '../options.js';
import { type Unwrapper, command, optionsOf } from './step.js';

export const kubectl: Unwrapper = (inv) => {
  const scan = scanOptions(inv.args, optionsOf(inv.name, { stopAtPositional: false }));
  const sub = scan.positionals.map((i) => inv.args[i]!.value);
  if (sub[0] === 'cnpg') return cnpgPsql(inv, scan, 1);
  // `kubectl debug node/NAME|POD … -- CMD` and `kubectl run NAME … -- CMD` run CMD in the
  // cluster (a node debug pod mounts the node's / at /host: `-- chroot /host rm …` is the node's).
  if (sub[0] !== 'exec' && sub[0] !== 'debug' && sub[0] !== 'run') return [];
  const dashDash = inv.args.findIndex((w) => w.value === '--');
  if (sub[0] !== 'exec' && dashDash === -1) return [];
  const target = sub[1] ?? '';
  const context = optionValue(scan, '--context');
  const words = dashDash !== -1 ? inv.args.slice(dashDash + 1) : inv.args.slice(scan.positionals[2] ?? inv.args.length);
  const namespace = optionValue(scan, '--namespace', '-n');
  const host: ExecutionHost = {
    kind: 'container',
    runtime: 'kubectl',
    name: target,
    ...(context ? { kubeContext: context } : {}),
    ...(namespace ? { kubeNamespace: namespace } : {}),
  };
  return command(`${inv.name} ${sub[0]} ${target}`, words, { host, env: {}, assigned: {}, envUnknown: true, cwd: '' });
};

/**
 * CloudNativePG's plugin: `kubectl cnpg psql CLUSTER [--replica] [-- PSQL_ARGS]` (or
 * `kubectl-cnpg psql …`) runs psql as `postgres` in the cluster's primary pod, through kubectl
 * exec (cloudnative-pg docs, kubectl-plugin "Launching psql"): the SQL is judged like `kubectl
 * exec POD -- psql …`, on the cluster's context and namespace. `first` is where the plugin's own
 * subcommand stands among the positionals.
 */
function cnpgPsql(inv: Parameters<Unwrapper>[0], scan: ReturnType<typeof scanOptions>, first: number): ReturnType<Unwrapper> {
  const psql = scan.positionals[first];
  const cluster = scan.positionals[first + 1];
  if (psql === undefined || cluster === undefined || inv.args[psql]!.value !== 'psql') return [];
  const dashDash = inv.args.findIndex((w) => w.value === '--');
  const context = optionValue(scan, '--context');
  const namespace = optionValue(scan, '--namespace', '-n');
  const name = inv.args[cluster]!.value;
  const host: ExecutionHost = {
    kind: 'container',
    runtime: 'kubectl',
    name,
    ...(context ? { kubeContext: context } : {}),
    ...(namespace ? { kubeNamespace: namespace } : {}),
  };
  const words = [inv.args[psql]!, ...(dashDash !== -1 ? inv.args.slice(dashDash + 1) : [])];
  return command(`${inv.name === 'kubectl-cnpg' ? 'kubectl-cnpg' : `${inv.name} cnpg`} psql ${name}`, words, {
    host,
    env: {},
    assigned: {},
    envUnknown: true,
    cwd: '',
  });
}

/** `kubectl-cnpg psql CLUSTER -- …`: the plugin run directly. */
export const kubectlCnpg: Unwrapper = (inv) => cnpgPsql(inv, scanOptions(inv.args, optionsOf('kubectl', { stopAtPositional: false })), 0);

/** Contexts that are this machine's own daemon (Docker Desktop, colima, OrbStack). */
const LOCAL_DOCKER_CONTEXTS = new Set(['default', 'desktop-linux', 'colima', 'orbstack', 'rancher-desktop']);

/** The host a docker daemon runs on, when it is not this machine: `ssh://deploy@prod-web-1`, `tcp://10.0.0.5:2376`, a context name. */
function dockerDaemonHost(address: string | undefined, context: string | undefined): string | undefined {
  if (address && !address.startsWith('unix://') && !address.startsWith('npipe://')) {
    return (
      address
        .replace(/^[a-z]+:\/\//, '')
        .replace(/^[^@]*@/, '')
        .replace(/:\d+$/, '')
        .replace(/\/.*$/, '') || undefined
    );
  }
  if (context && !LOCAL_DOCKER_CONTEXTS.has(context)) return context;
  return undefined;
}

/** The compose project a line names: `-p`, the `-f` files, else COMPOSE_PROJECT_NAME / COMPOSE_FILE. */
function composeProject(scan: OptionScan, env: Readonly<Record<string, string>>): string | undefined {
  const project = optionValue(scan, '-p', '--project-name') ?? env.COMPOSE_PROJECT_NAME;
  const files = scan.options.filter((o) => (o.flag === '-f' || o.flag === '--file') && o.value).map((o) => o.value!);
  const named = [project, ...(files.length > 0 ? files : (env.COMPOSE_FILE ?? '').split(/[:;]/))].filter((word): word is string => !!word);
  return named.length > 0 ? named.join(', ') : undefined;
}

export const docker: Unwrapper = (inv) => {
  let args = inv.args;
  let via = 'docker';
  if (inv.name === 'docker' && args[0]?.value === 'compose') {
    args = args.slice(1);
    via = 'docker compose';
  }
  const compose = via === 'docker compose';
  const scan = scanOptions(args, optionsOf(compose ? 'docker compose' : inv.name, { stopAtPositional: true }));
  const sub = args[scan.rest]?.value;
  // `docker compose run SERVICE CMD` starts a new container of the service and runs CMD in it.
  if (sub !== 'exec' && !(compose && sub === 'run')) return [];
  const after = args.slice(scan.rest + 1);
  const inner = scanOptions(after, optionsOf(sub === 'run' ? 'docker compose run' : 'docker exec', { stopAtPositional: true }));
  const container = after[inner.rest];
  if (!container) return [];
  const env: Record<string, string> = {};
  for (const option of inner.options) {
    if ((option.flag !== '-e' && option.flag !== '--env') || !option.value) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option.value);
    if (match) env[match[1]!] = match[2]!;
    // `-e DATABASE_URL` passes this shell's value into the container (Travis 2018 in a container).
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(option.value) && inv.env[option.value] !== undefined) env[option.value] = inv.env[option.value]!;
  }
  const daemon = dockerDaemonHost(optionValue(scan, '-H', '--host') ?? inv.env.DOCKER_HOST, optionValue(scan, '--context') ?? inv.env.DOCKER_CONTEXT);
  // A compose file or project named for production (`-f docker-compose.prod.yml`, `-p shop-production`)
  // says whose service this is: the container is named with it.
  const project = compose ? composeProject(scan, inv.env) : undefined;
  const name = project ? `${container.value} (${project})` : container.value;
  const host: ExecutionHost = { kind: 'container', runtime: 'docker', name, ...(daemon ? { daemon } : {}) };
  return command(`${via} ${sub} ${name}`, after.slice(inner.rest + 1), { host, env, assigned: { ...env }, envUnknown: true, cwd: '' });
};
