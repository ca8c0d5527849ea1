// The host a command runs on or reaches: this machine, an ssh destination, a docker daemon, a
// replication topology, an Ansible pattern. A database on a socket or loopback is on its host.

import type { AnsibleSelection, Invocation, Target } from '../types.js';
import { scanOptions, optionValue, type OptionScan } from '../parse/options.js';
import { ansibleSelection, hostList } from '../parse/wrappers/remote.js';
import { expandAnsiblePattern, splitAnsiblePattern } from '../config/inventory.js';
import { type TargetFacts, ansibleInventoryKey } from './facts.js';
import { kubeconfigOf, withKubeconfig } from './kube.js';
import { endpointHosts, serviceEndpoint } from '../knowledge/service-endpoints.js';
import { DEFAULT_PORTS, type PortForward } from '../knowledge/port-forwards.js';
import { SERVICE_DATA_ROOTS } from '../knowledge/data-directories.js';
import { resolvePath } from '../parse/posix-path.js';
import { toolOptions } from '../knowledge/tools.js';

// ---------------------------------------------------------------------------------------------
// Hosts, Kubernetes, cloud, Terraform.

/** `docker -H ssh://deploy@prod-web-1 …`, DOCKER_HOST, `--context production`: the daemon's host. */
function dockerDaemonTarget(inv: Invocation): Target | undefined {
  if (!['docker', 'docker-compose', 'podman', 'nerdctl'].includes(inv.name)) return undefined;
  const scan = scanOptions(inv.args, { shortWithValue: 'Hc', longWithValue: ['host', 'context', 'config', 'log-level'], stopAtPositional: true });
  const context = optionValue(scan, '--context', '-c') ?? inv.env.DOCKER_CONTEXT;
  const address = optionValue(scan, '-H', '--host') ?? inv.env.DOCKER_HOST;
  if (address && !address.startsWith('unix://') && !address.startsWith('npipe://')) {
    const host = address
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^[^@]*@/, '')
      .replace(/:\d+$/, '')
      .replace(/\/.*$/, '');
    const source = optionValue(scan, '-H', '--host') ? 'docker -H' : 'DOCKER_HOST';
    return { kind: 'host', source, name: host, host };
  }
  if (context && context !== 'default' && context !== 'desktop-linux' && context !== 'colima' && context !== 'orbstack') {
    return { kind: 'host', source: 'docker context', name: context, host: context };
  }
  return undefined;
}

/**
 * GitHub 2018: a failover is run from a laptop or a bastion, against a cluster it names —
 * orchestrator's instance (`-i`, `-a`, `-d`) or API, patroni's config file, DCS or cluster name.
 */
export function topologyTargets(inv: Invocation): Target[] {
  const hostOf = (value: string) =>
    value
      .replace(/^[a-z+]+:\/\//, '')
      .replace(/^[^@/]*@/, '')
      .replace(/[:/].*$/, '');
  const targets: Target[] = [];
  if (inv.name === 'orchestrator-client' || inv.name === 'orchestrator') {
    const scan = scanOptions(inv.args, {
      shortWithValue: 'cidaosb',
      longWithValue: ['instance', 'destination', 'alias', 'owner', 'reason', 'duration', 'pattern', 'config'],
    });
    for (const flag of ['-i', '--instance', '-d', '--destination', '-a', '--alias']) {
      const value = optionValue(scan, flag);
      if (value) targets.push({ kind: 'host', source: `orchestrator ${flag}`, name: hostOf(value), host: hostOf(value) });
    }
    const api = inv.env.ORCHESTRATOR_API;
    if (api) targets.push({ kind: 'host', source: 'ORCHESTRATOR_API', name: hostOf(api), host: hostOf(api) });
  } else if (inv.name === 'patronictl') {
    const scan = scanOptions(inv.args, toolOptions('patronictl') ?? {});
    const config = optionValue(scan, '-c', '--config-file') ?? inv.env.PATRONICTL_CONFIG_FILE;
    if (config) targets.push({ kind: 'host', source: 'patroni config', name: config.replace(/^.*\//, '').replace(/\.ya?ml$/, ''), host: config });
    const dcs = optionValue(scan, '-d', '--dcs-url', '--dcs');
    if (dcs) targets.push({ kind: 'host', source: 'patroni DCS', name: hostOf(dcs), host: hostOf(dcs) });
    const cluster = scan.positionals.map((i) => inv.args[i]!.value)[1];
    if (cluster) targets.push({ kind: 'host', source: 'patroni cluster', name: cluster, host: cluster });
  } else if (inv.name === 'repmgr') {
    const scan = scanOptions(inv.args, toolOptions('repmgr') ?? {});
    const host = optionValue(scan, '-h', '--host') ?? /(?:^|\s)host=([^\s']+)/.exec(optionValue(scan, '-d', '--dbname') ?? '')?.[1];
    if (host) targets.push({ kind: 'host', source: 'repmgr --host', name: host, host });
  } else if (inv.name === 'stolonctl') {
    // stolon names its cluster and the store that holds its state (etcd, consul, kubernetes).
    const scan = scanOptions(inv.args, toolOptions('stolonctl') ?? {});
    const cluster = optionValue(scan, '--cluster-name') ?? inv.env.STOLONCTL_CLUSTER_NAME;
    if (cluster) targets.push({ kind: 'host', source: 'stolon cluster', name: cluster, host: cluster });
    const endpoints = optionValue(scan, '--store-endpoints') ?? inv.env.STOLONCTL_STORE_ENDPOINTS;
    for (const value of endpoints?.split(',') ?? []) targets.push({ kind: 'host', source: 'stolon store', name: hostOf(value), host: hostOf(value) });
    const context = optionValue(scan, '--kube-context');
    if (context) targets.push({ kind: 'host', source: 'stolon kube context', name: context, host: context });
  }
  return targets;
}

/**
 * The servers a data service's admin CLI names (`etcdctl --endpoints=…`, `kafka-topics
 * --bootstrap-server …`, VAULT_ADDR): the command acts there, not on the host it runs on. A
 * loopback endpoint is this host (or the ssh destination), as is a CLI that names none.
 */
export function serviceEndpointTargets(inv: Invocation, facts: TargetFacts): Target[] {
  const spec = serviceEndpoint(inv.name);
  if (!spec) return [];
  const scan = scanOptions(inv.args, spec.options);
  const flag = spec.servers.find((option) => optionValue(scan, option));
  const operand = flag || !spec.serverOperand ? undefined : serverOperand(inv, scan, spec.serverOperand);
  const variable = flag || operand ? undefined : spec.variables.find((name) => inv.env[name]);
  const value = flag ? optionValue(scan, flag)! : (operand ?? (variable ? inv.env[variable]! : undefined));
  if (value === undefined) return [];
  const source = `${spec.service} ${flag ?? (operand ? 'address' : variable)}`;
  return endpointHosts(value).map((host) => (isLoopback(host) ? hostTarget(inv, facts) : { kind: 'host', source, name: host, host }));
}

function serverOperand(inv: Invocation, scan: OptionScan, where: { index: number; minOperands: number }): string | undefined {
  if (scan.positionals.length < where.minOperands) return undefined;
  return inv.args[scan.positionals.at(where.index)!]?.value || undefined;
}

/** A SQLite file under a service data root (knowledge/data-directories.ts) is the host's data. */
function isServiceData(path: string | undefined, cwd: string): boolean {
  if (!path) return false;
  const absolute = resolvePath(cwd || '/', path);
  return SERVICE_DATA_ROOTS.some((root) => absolute === root || absolute.startsWith(`${root}/`));
}

/** A database on a Unix socket or a loopback address is on the host the client runs on — or, on
 *  a port a tunnel of the same line listens on, on the tunnel's far server; so is a SQLite file a
 *  service keeps under /srv or /var/lib. A project's `db/dev.sqlite3` is not. */
export function onItsHost(target: Target, inv: Invocation, facts: TargetFacts): Target {
  if (target.unresolved) return target;
  if (target.engine === 'sqlite') return isServiceData(target.database, inv.cwd) ? { ...target, onHost: socketHost(inv, facts) } : target;
  if (!target.socket && !isLoopback(target.host ?? 'localhost')) return target;
  const tunnel = target.socket ? undefined : tunnelTo(target, inv);
  if (tunnel) return { ...target, onHost: { kind: 'host', source: tunnel.source, name: tunnel.host, host: tunnel.host } };
  return { ...target, onHost: socketHost(inv, facts) };
}

function tunnelTo(target: Target, inv: Invocation): PortForward | undefined {
  const forwards = inv.session?.forwards;
  if (!forwards || forwards.length === 0) return undefined;
  const port = target.port ?? (target.engine ? DEFAULT_PORTS[target.engine] : undefined);
  return port === undefined ? undefined : forwards.findLast((forward) => forward.port === String(port));
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.startsWith('/') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}

/** The machine a client's localhost is: `kubectl exec` is inside the cluster of its context,
 *  `docker exec` on the daemon's host (this machine unless DOCKER_HOST/-H/--context say otherwise). */
function socketHost(inv: Invocation, facts: TargetFacts): Target {
  const host = inv.host;
  if (host.kind === 'container' && host.runtime === 'kubectl') {
    const context = host.kubeContext ?? facts.kubeCurrentContext;
    if (context)
      return withKubeconfig(
        [{ kind: 'kube', source: host.kubeContext ? '--context' : 'kubeconfig current-context', name: context }],
        inv,
        facts,
        kubeconfigOf(inv, facts),
      )[0]!;
    const inNamespace = withKubeconfig([], inv, facts, undefined)[0];
    if (inNamespace) return inNamespace;
    return { kind: 'host', source: 'pod', name: host.name, host: host.name };
  }
  if (host.kind === 'container' && host.runtime === 'docker') {
    if (host.daemon) return { kind: 'host', source: 'docker daemon', name: host.daemon, host: host.daemon };
    return { kind: 'host', source: 'this host', name: facts.hostname, host: facts.hostname };
  }
  if (host.kind === 'container') return { kind: 'host', source: `${host.runtime} app`, name: host.name, host: host.name };
  return hostTarget(inv, facts);
}

export function hostTarget(inv: Invocation, facts: TargetFacts): Target {
  switch (inv.host.kind) {
    case 'local': {
      // `ansible-playbook -i inventories/ site.yml` runs here but acts on the inventory's hosts.
      const selection = ansibleSelection(inv);
      const selected = selection
        ? (ansiblePatternTarget(selection, facts) ?? { kind: 'host', source: 'ansible pattern', name: selection.pattern, host: selection.pattern })
        : undefined;
      return selected ?? dockerDaemonTarget(inv) ?? { kind: 'host', source: 'this host', name: facts.hostname, host: facts.hostname };
    }
    case 'ssh': {
      // `salt '*'`: every host the fleet runner manages, production among them.
      const wholeFleet = inv.host.wholeFleet ? { inventoryEnvironment: { environment: 'production' as const, evidence: inv.host.wholeFleet } } : {};
      return (
        ansiblePatternTarget(inv.host.ansible, facts) ??
        ansibleNamesTarget(inv.host.ansible) ?? {
          kind: 'host',
          source: 'ssh destination',
          name: inv.host.destination,
          host: inv.host.destination,
          ...wholeFleet,
        }
      );
    }
    case 'container': {
      const pod: Target = { kind: 'host', source: `${inv.host.runtime} exec`, name: inv.host.name, host: inv.host.name };
      // A pod named with its namespace is as production as that namespace (and its context):
      // `kubectl exec -n production db-0 -- rm …`. Without `-n` the pod stays a remote host of
      // its own, as the corpus has it (gitlab-2017 cases: confirm, the operator types its name).
      const cluster = inv.host.runtime === 'kubectl' && inv.host.kubeNamespace ? socketHost(inv, facts) : undefined;
      if (cluster?.kind === 'kube') return { ...pod, onHost: cluster };
      // A container is as production as the machine its daemon runs on: `docker compose exec web
      // php artisan migrate:fresh` on a production host resets production.
      if (inv.host.runtime === 'docker') return { ...pod, onHost: socketHost(inv, facts) };
      return pod;
    }
  }
}

/** Ansible's implicit localhost: a play may name it without any inventory listing it. */
const IMPLICIT_LOCALHOST = new Set(['localhost', '127.0.0.1', '::1']);

/** At most this many play patterns name a playbook's target; the rest are counted. */
const MAX_NAMED_PATTERNS = 4;

/** At most this many of a pattern's hosts are judged one by one (the first production one decides). */
const MAX_PATTERN_HOSTS = 200;

/**
 * `ansible dbservers -a …`: the pattern expanded against the inventories prodguard can read — the
 * line's `-i FILE` (or ansible.cfg's), and the config's — so the group's hosts decide, not the
 * group's name read as one unknown host. Undefined when no inventory knows any of its terms.
 */
function ansiblePatternTarget(ansible: AnsibleSelection | undefined, facts: TargetFacts): Target | undefined {
  if (!ansible) return undefined;
  const lineInventory = facts.ansibleInventories?.[ansibleInventoryKey(ansible.cwd, ansible.inventory)];
  const groups: Record<string, string[]> = {};
  const files = new Set<string>();
  const add = (group: string, hosts: readonly string[], file: string) => {
    const into = (groups[group] ??= []);
    for (const host of hosts) if (!into.includes(host)) into.push(host);
    if (hosts.length > 0) files.add(file);
  };
  if (lineInventory) for (const [group, hosts] of Object.entries(lineInventory.groups)) add(group, hosts, lineInventory.file);
  // `-i db1,db2,` is Ansible's host_list inventory: those hosts are `all` (and `ungrouped`).
  if (ansible.inventory?.includes(',')) {
    const listed = hostList(ansible.inventory);
    for (const group of ['all', 'ungrouped']) add(group, listed, `-i ${ansible.inventory}`);
  }
  for (const [group, { hosts, file }] of Object.entries(facts.ansibleGroups ?? {})) add(group, hosts, file);
  // A playbook's plays each name their hosts; read at the edge, else `all` stands for them.
  const plays = playbookPatterns(ansible, facts);
  const patterns = plays ?? [ansible.pattern];
  const expansions = patterns.map((pattern) => expandAnsiblePattern(pattern, groups));
  // No inventory read: the line's names are all there is to judge (`all` is no host list).
  if (Object.keys(groups).length === 0) return undefined;
  if (expansions.every((expanded) => expanded === undefined) && !plays) return undefined;
  // A name typed on the line that the inventory lacks stays a host to judge (over, never under).
  // A play's term naming nothing in the inventory read matches nothing, as in Ansible (plays
  // name groups an inventory may not have: debops' `debops_service_*`), but the implicit localhost.
  const known = new Set(groups.all ?? Object.values(groups).flat());
  const reached = [
    ...new Set(
      expansions.flatMap((expanded, index) =>
        plays
          ? (expanded?.hosts ?? splitAnsiblePattern(patterns[index]!)).filter((host) => known.has(host) || IMPLICIT_LOCALHOST.has(host))
          : (expanded?.hosts ?? []),
      ),
    ),
  ];
  // `--limit` keeps only the hosts it also matches (Ansible's subset). A limit matching none of
  // them selects nothing (Ansible: "no hosts matched"); a `@retry-file` narrows nothing.
  const limitPattern = ansible.limit && !ansible.limit.startsWith('@') ? ansible.limit : undefined;
  const limited = limitPattern === undefined ? undefined : (expandAnsiblePattern(limitPattern, groups)?.hosts ?? []);
  const selected = limited ? reached.filter((host) => limited.includes(host)) : reached;
  // The target is named by its patterns (a few: debops' site.yml has sixty plays).
  const pattern =
    patterns.length <= MAX_NAMED_PATTERNS
      ? patterns.join(', ')
      : `${patterns.slice(0, MAX_NAMED_PATTERNS).join(', ')} and ${patterns.length - MAX_NAMED_PATTERNS} more plays' hosts`;
  const members: Target[] = selected.slice(0, MAX_PATTERN_HOSTS).map((host) => {
    const fromLine = lineInventory?.environments[host];
    return { kind: 'host', source: `ansible pattern ${pattern}`, name: host, host, ...(fromLine ? { inventoryEnvironment: fromLine } : {}) };
  });
  return {
    kind: 'host',
    source: `ansible pattern (${[...files].join(', ')})`,
    name: limited ? `${pattern} --limit ${ansible.limit}` : pattern,
    host: pattern,
    members,
  };
}

/** How a pattern's target is sourced when no inventory was read: its names are its hosts. */
export const ANSIBLE_NAMES_SOURCE = 'ansible pattern names';

/**
 * `ansible db1.prod.example.com,web-stg-1 -a …` with no inventory prodguard can read: the names
 * in the pattern (and `-i production`, whose name may say the environment, or `-i a,b,`'s hosts)
 * are the hosts, judged together as one run; the most dangerous decides. One name: that host.
 */
function ansibleNamesTarget(ansible: AnsibleSelection | undefined): Target | undefined {
  if (!ansible) return undefined;
  const names = splitAnsiblePattern(ansible.pattern)
    .map((name) => name.replace(/^&/, ''))
    .filter((name) => !name.startsWith('!'));
  const inventory = ansible.inventory === undefined ? [] : ansible.inventory.includes(',') ? hostList(ansible.inventory) : [`inventory ${ansible.inventory}`];
  const hosts = [...new Set([...names, ...inventory])];
  if (hosts.length <= 1) return undefined;
  const members: Target[] = hosts.slice(0, MAX_PATTERN_HOSTS).map((host) => ({ kind: 'host', source: `ansible pattern ${ansible.pattern}`, name: host, host }));
  return { kind: 'host', source: ANSIBLE_NAMES_SOURCE, name: ansible.pattern, host: ansible.pattern, members };
}

/** The host patterns of the plays an `ansible-playbook` line runs, when every playbook was read. */
function playbookPatterns(ansible: AnsibleSelection, facts: TargetFacts): string[] | undefined {
  if (!ansible.playbooks || ansible.playbooks.length === 0) return undefined;
  const read = ansible.playbooks.map((playbook) => facts.ansiblePlaybooks?.[ansibleInventoryKey(ansible.cwd, playbook)]);
  if (read.some((playbook) => playbook === undefined)) return undefined;
  const patterns = [...new Set(read.flatMap((playbook) => playbook!.patterns.map((pattern) => withExtraVars(pattern, ansible.extraVars ?? {}))))];
  return patterns.length > 0 ? patterns : undefined;
}

/**
 * A play's pattern with the line's extra vars put in (`web:&{{ env }}` with `-e env=staging` is
 * `web:&staging`, Trellis' form). What is still a template is only known when Ansible runs: all.
 */
function withExtraVars(pattern: string, vars: Readonly<Record<string, string>>): string {
  const filled = pattern.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
  return filled.includes('{{') || filled.includes('{%') ? 'all' : filled;
}
