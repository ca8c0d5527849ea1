// Kubernetes: the context, cluster and namespace a kube client acts in, from its options, the
// line's earlier context switches, and the kubeconfig in effect.

import type { Invocation, Target } from '../types.js';
import { scanOptions, optionValue } from '../parse/options.js';
import type { KubeconfigFacts } from '../parse/kubeconfig.js';
import { kubeClient, type KubeTargetOptions } from '../knowledge/kube-clients.js';
import { environmentFromName } from '../classify/names.js';
import { type TargetFacts, resolveFile } from './facts.js';
import { own } from '../util/dict.js';

/** A kube client's own options, read once per use with its spec (pflag: `-n=prod` too). */
function kubeScan(inv: Invocation): ReturnType<typeof scanOptions> | undefined {
  const spec = kubeClient(inv.name)?.options;
  return spec ? scanOptions(inv.args, spec) : undefined;
}

/** The value of the option naming `role` (knowledge/kube-clients.ts), and that option's name. */
function roleValue(inv: Invocation, scan: ReturnType<typeof scanOptions> | undefined, role: keyof KubeTargetOptions): string | undefined {
  const options = kubeClient(inv.name)?.targets[role];
  return scan && options ? optionValue(scan, ...options) : undefined;
}

/**
 * A kube target with what its kubeconfig says about the context: cluster, server, namespace and
 * the file (issue 14). `--cluster NAME` replaces the context's cluster as kubectl does; with no
 * context at all the cluster itself is the target.
 */
export function withKubeconfig(targets: Target[], inv: Invocation, facts: TargetFacts, config: KubeconfigFacts | undefined): Target[] {
  const scan = kubeScan(inv);
  const clusterFlag = roleValue(inv, scan, 'cluster');
  // `kubectl exec -n NS POD -- CMD`: the inner command carries the namespace on its host.
  const namespaceFlag = roleValue(inv, scan, 'namespace') || (inv.host.kind === 'container' ? inv.host.kubeNamespace : undefined);
  if (targets.length === 0 && clusterFlag) {
    const cluster = own(config?.clusters, clusterFlag);
    return [
      {
        kind: 'kube',
        source: '--cluster',
        name: clusterFlag,
        kube: {
          cluster: clusterFlag,
          ...(cluster?.server ? { server: cluster.server } : {}),
          ...(namespaceFlag ? { namespace: namespaceFlag } : {}),
          ...(cluster ? { file: cluster.file } : {}),
        },
      },
    ];
  }
  // No context known (no kubeconfig, in-cluster config): a namespace that names an environment
  // still says where the command acts; one that names none adds nothing.
  if (targets.length === 0 && namespaceFlag && environmentFromName(namespaceFlag))
    return [{ kind: 'kube', source: '--namespace', name: namespaceFlag, kube: { namespace: namespaceFlag } }];
  // helmfile's environment (`-e production`) likewise, when no context says more.
  const environmentFlag = roleValue(inv, scan, 'environment');
  if (targets.length === 0 && environmentFlag && environmentFromName(environmentFlag))
    return [{ kind: 'kube', source: '--environment', name: environmentFlag }];
  return targets.map((target) => {
    if (target.kind !== 'kube' || target.unresolved) return target;
    const context = own(config?.contexts, target.name);
    const cluster = clusterFlag ?? context?.cluster;
    const server = clusterFlag ? own(config?.clusters, clusterFlag)?.server : context?.server;
    const namespace = namespaceFlag || context?.namespace;
    if (!context && !clusterFlag && !namespaceFlag) return target;
    return {
      ...target,
      kube: {
        ...(cluster ? { cluster } : {}),
        ...(server ? { server } : {}),
        ...(namespace ? { namespace } : {}),
        ...(context ? { file: context.file } : {}),
      },
    };
  });
}

/** The kubeconfig a kube client reads: `--kubeconfig F` / `KUBECONFIG=F` on the line, else the one in effect. */
export function kubeconfigOf(inv: Invocation, facts: TargetFacts): KubeconfigFacts | undefined {
  const scan = kubeScan(inv);
  const file = roleValue(inv, scan, 'kubeconfig') ?? inv.assigned.KUBECONFIG?.split(':')[0];
  return file ? facts.kubeconfigFiles?.[resolveFile(inv.cwd, file)] : facts.kubeconfig;
}

export function kubeTargets(inv: Invocation, facts: TargetFacts): Target[] {
  return withKubeconfig(kubeTargetsByName(inv, facts), inv, facts, kubeconfigOf(inv, facts));
}

function kubeTargetsByName(inv: Invocation, facts: TargetFacts): Target[] {
  if (inv.host.kind === 'container' && inv.host.runtime === 'kubectl') {
    if (inv.host.kubeContext) return [{ kind: 'kube', source: '--context', name: inv.host.kubeContext }];
    return facts.kubeCurrentContext ? [{ kind: 'kube', source: 'kubeconfig current-context', name: facts.kubeCurrentContext }] : [];
  }
  const scan = kubeScan(inv);
  if (!scan) return [];
  const targets = kubeClient(inv.name)!.targets;
  // `--cluster NAME` and `--server URL` pick the cluster itself, overriding the context's: what
  // they name is touched whatever the context says, so they are targets beside it (issue 11).
  const overrides: Target[] = [];
  const cluster = roleValue(inv, scan, 'cluster');
  if (cluster) overrides.push({ kind: 'kube', source: targets.cluster[0]!, name: cluster });
  const server = roleValue(inv, scan, 'server');
  if (server) {
    const host = server
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[:/].*$/, '')
      .replace(/^\[(.*)\]$/, '$1');
    if (host) overrides.push({ kind: 'kube', source: targets.server[0]!, name: host });
  }
  return [...contextTargets(inv, scan, facts), ...overrides];
}

/** How a context is named when its kubeconfig file does not say it: `current context of F`. */
export const KUBECONFIG_CURRENT_CONTEXT_OF = 'current context of ';

/** The context a kube client uses: named on the line, switched to earlier in it, from a kubeconfig it names, or kubeconfig's current-context. */
function contextTargets(inv: Invocation, scan: ReturnType<typeof scanOptions>, facts: TargetFacts): Target[] {
  const flag = roleValue(inv, scan, 'context');
  if (flag) return [{ kind: 'kube', source: kubeClient(inv.name)!.targets.context[0]!, name: flag }];
  // `kubectl config use-context prod && kubectl delete …`: the line itself switched context.
  if (inv.session?.kubeContext) return [{ kind: 'kube', source: 'context switched earlier in the line', name: inv.session.kubeContext }];
  const file = roleValue(inv, scan, 'kubeconfig') ?? inv.assigned.KUBECONFIG?.split(':')[0];
  if (file) {
    const fromFile = facts.kubeconfigContexts?.[resolveFile(inv.cwd, file)];
    // A file that names no current-context (or cannot be read) is not a context's name: say whose
    // context it is (the file's name still counts: `prod-eu.yaml` is production).
    return fromFile
      ? [{ kind: 'kube', source: `current-context of ${file}`, name: fromFile }]
      : [{ kind: 'kube', source: `kubeconfig ${file}`, name: `${KUBECONFIG_CURRENT_CONTEXT_OF}${file}`, unresolved: true }];
  }
  const current = facts.kubeCurrentContext;
  return current ? [{ kind: 'kube', source: 'kubeconfig current-context', name: current }] : [];
}
