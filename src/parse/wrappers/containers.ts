// Commands run inside a pod or a container: kubectl/oc exec, docker/podman exec and compose.

import type { ExecutionHost } from '../../types.js';
import { scanOptions, optionValue } from '../options.js';
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

export const docker: Unwrapper = (inv) => {
  let args = inv.args;
  let via = 'docker';
  if (inv.name === 'docker' && args[0]?.value === 'compose') {
    args = args.slice(1);
    via = 'docker compose';
  }
  const scan = scanOptions(args, optionsOf(inv.name, { stopAtPositional: true }));
  if (args[scan.rest]?.value !== 'exec') return [];
  const after = args.slice(scan.rest + 1);
  const inner = scanOptions(after, optionsOf('docker exec', { stopAtPositional: true }));
  const container = after[inner.rest];
  if (!container) return [];
  const env: Record<string, string> = {};
  for (const option of inner.options) {
    const match = option.value && /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option.value);
    if ((option.flag === '-e' || option.flag === '--env') && match) env[match[1]!] = match[2]!;
  }
  const daemon = dockerDaemonHost(optionValue(scan, '-H', '--host') ?? inv.env.DOCKER_HOST, optionValue(scan, '--context') ?? inv.env.DOCKER_CONTEXT);
  const host: ExecutionHost = { kind: 'container', runtime: 'docker', name: container.value, ...(daemon ? { daemon } : {}) };
  return command(`${via} exec ${container.value}`, after.slice(inner.rest + 1), { host, env, assigned: { ...env }, envUnknown: true, cwd: '' });
};
