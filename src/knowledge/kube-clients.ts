// What Kubernetes clients' own options are, written once: which take a value, and which name the
// namespace, so that the namespace a command acts in is read wherever it stands. kubectl, helm and
// their plugins parse with Go's pflag (interspersed options; `-n prod`, `-nprod`, `-n=prod`,
// `--namespace prod`, `--namespace=prod` are all the namespace), so a production namespace decides
// (issue 14: `kubectl -n production delete pod x` on a context named `main`).

// Type only: tools.ts builds TOOL_OPTIONS from this table.
import type { ToolOptions } from './tools.js';
import { dict, table } from '../util/dict.js';

/** Long options (without dashes) that take a value, across kubectl's global flags and common subcommand flags. */
const KUBECTL_LONG_WITH_VALUE = [
  // The value options of the verbs the rules judge (delete, drain, scale, patch, apply).
  'grace-period',
  'timeout',
  'cascade',
  'type',
  'prune-allowlist',
  'field-manager',
  'replicas',
  'current-replicas',
  'context',
  'kubeconfig',
  'namespace',
  'cluster',
  'server',
  'user',
  'as',
  'as-group',
  'as-uid',
  'token',
  'username',
  'password',
  'request-timeout',
  'certificate-authority',
  'client-certificate',
  'client-key',
  'cache-dir',
  'tls-server-name',
  'filename',
  'selector',
  'output',
  'container',
  'kustomize',
  'field-selector',
  'label-columns',
  'pod-running-timeout',
];

const HELM_LONG_WITH_VALUE = [
  // kubectl's global options and verb options, as rule matching has always read them for helm.
  ...['context', 'cluster', 'server', 'user', 'as', 'as-group', 'token', 'request-timeout', 'tls-server-name'],
  ...['selector', 'filename', 'kustomize', 'grace-period', 'field-selector', 'cascade', 'type', 'prune-allowlist', 'field-manager'],
  ...['replicas', 'current-replicas', 'environment'],
  'kube-context',
  'kubeconfig',
  'namespace',
  'kube-apiserver',
  'kube-as-user',
  'kube-as-group',
  'kube-ca-file',
  'kube-token',
  'kube-tls-server-name',
  'registry-config',
  'repository-cache',
  'repository-config',
  'values',
  'set',
  'set-string',
  'set-file',
  'set-json',
  'version',
  'repo',
  'output',
  'timeout',
];

/** What a kube client's options name: the context, the kubeconfig, the cluster, the API server
 *  and the namespace it acts in (as written; the first is how a target's source is shown). */
export interface KubeTargetOptions {
  context: readonly string[];
  kubeconfig: readonly string[];
  cluster: readonly string[];
  server: readonly string[];
  namespace: readonly string[];
  /** Options naming the deployment environment the tool selects (helmfile `-e production`): with
   *  no context known, a name that says production is where the command acts. */
  environment?: readonly string[];
}

export interface KubeClientSpec {
  options: ToolOptions;
  targets: KubeTargetOptions;
}

/** How a kube target that is a namespace alone (no context known) says where its name came from:
 *  the namespace a client acts in (`-n prod`), or the one a delete removes. */
export const NAMESPACE_SOURCES = ['--namespace', 'the namespace deleted'] as const;

/** Whether a kube target is a namespace alone, not a context (reports say which). */
export function isNamespaceOnly(target: { source: string }): boolean {
  return (NAMESPACE_SOURCES as readonly string[]).includes(target.source);
}

/** The options that name the namespace a client acts in. */
export const NAMESPACE_OPTIONS = ['--namespace', '-n'] as const;

const KUBECTL_TARGETS: KubeTargetOptions = {
  context: ['--context', '--kube-context'],
  kubeconfig: ['--kubeconfig'],
  cluster: ['--cluster'],
  server: ['--server', '-s'],
  namespace: NAMESPACE_OPTIONS,
};
// helm names the context and the API server its own way (--kube-context, --kube-apiserver).
const HELM_TARGETS: KubeTargetOptions = { ...KUBECTL_TARGETS, context: ['--kube-context', '--context'], server: ['--kube-apiserver'] };

/**
 * Each client's options. Short letters with a value: kubectl `-n` namespace, `-s` server,
 * `-f` file, `-l` selector, `-o` output, `-c` container, `-k` kustomize dir, `-L` label columns,
 * `-v` log level (`-p` is not here: `logs -p` is a switch, `patch -p` a value); helm `-n`, `-f`,
 * `-o` (and `-s`, `-l`, `-k`, `-e` as rule matching has read them); helmfile `-n`, `-e`
 * environment, `-f`, `-l`; k9s `-n`, `-c`.
 */
const SPECS: Record<string, KubeClientSpec> = dict({
  kubectl: { options: { shortWithValue: 'nsflockLv', longWithValue: KUBECTL_LONG_WITH_VALUE, pflag: true }, targets: KUBECTL_TARGETS },
  oc: { options: { shortWithValue: 'nsflockLv', longWithValue: KUBECTL_LONG_WITH_VALUE, pflag: true }, targets: KUBECTL_TARGETS },
  helm: { options: { shortWithValue: 'nfoslke', longWithValue: HELM_LONG_WITH_VALUE, pflag: true }, targets: HELM_TARGETS },
  helmfile: {
    options: { shortWithValue: 'neflsko', longWithValue: [...HELM_LONG_WITH_VALUE, 'file', 'namespace'], pflag: true },
    // helmfile's context has been shown as `--context`, its server read as helm's.
    // `-e production` selects helmfile.yaml's environment, which picks the releases' values and
    // usually their kubeContext (helmfile.readthedocs.io, "Environment").
    targets: { ...HELM_TARGETS, context: ['--context', '--kube-context'], environment: ['--environment', '-e'] },
  },
  k9s: {
    options: { shortWithValue: 'nc', longWithValue: ['context', 'kubeconfig', 'namespace', 'cluster', 'command'], pflag: true },
    targets: KUBECTL_TARGETS,
  },
  argocd: { options: { longWithValue: ['kube-context', 'server', 'auth-token', 'config', 'app-namespace'], pflag: true }, targets: KUBECTL_TARGETS },
  kustomize: { options: { longWithValue: ['output'], pflag: true }, targets: KUBECTL_TARGETS },
  // Flux and Velero act on the cluster of their context (`flux delete … --context prod-eu`,
  // `velero backup delete --all --confirm` against the current one): Velero names it
  // `--kubecontext`. Sources: fluxcd.io/flux/cmd, velero.io/docs (global flags).
  flux: {
    options: {
      shortWithValue: 'n',
      longWithValue: ['context', 'kubeconfig', 'namespace', 'timeout', 'label-selector', 'cluster', 'server', 'token', 'user', 'as', 'kind'],
      pflag: true,
    },
    targets: KUBECTL_TARGETS,
  },
  velero: {
    options: {
      shortWithValue: 'nlo',
      longWithValue: [
        'kubecontext',
        'kubeconfig',
        'namespace',
        'selector',
        'include-namespaces',
        'exclude-namespaces',
        'include-resources',
        'exclude-resources',
        'ttl',
        'from-backup',
        'from-schedule',
        'schedule',
        'storage-location',
        'volume-snapshot-locations',
        'output',
        'features',
        'namespace-mappings',
      ],
      pflag: true,
    },
    targets: { ...KUBECTL_TARGETS, context: ['--kubecontext'] },
  },
});

/** The kube clients by name (besides `kubectl-*` plugins). */
export const KUBE_CLIENT_NAMES: readonly string[] = Object.keys(SPECS);

/** Every kube client's option table, for TOOL_OPTIONS. */
export const KUBE_CLIENT_TOOL_OPTIONS: Readonly<Record<string, ToolOptions>> = table(
  Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, spec.options])),
);

/** A kube client's entry (`kubectl-*` plugins read kubectl's global flags). */
export function kubeClient(name: string): KubeClientSpec | undefined {
  return Object.hasOwn(SPECS, name) ? SPECS[name] : name.startsWith('kubectl-') ? SPECS.kubectl : undefined;
}

/** The option spec of a kube client (`kubectl-*` plugins read kubectl's global flags). */
export function kubeClientOptionSpec(name: string): ToolOptions | undefined {
  return kubeClient(name)?.options;
}

/** kubectl, oc, helm…, and `kubectl-cnpg`-style plugins run directly (they read kubectl's kubeconfig and flags). */
export function isKubeClient(name: string): boolean {
  return kubeClient(name) !== undefined;
}
