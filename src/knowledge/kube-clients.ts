// What Kubernetes clients' own options are, written once: which take a value, and which name the
// namespace, so that the namespace a command acts in is read wherever it stands. kubectl, helm and
// their plugins parse with Go's pflag (interspersed options; `-n prod`, `-nprod`, `-n=prod`,
// `--namespace prod`, `--namespace=prod` are all the namespace), so a production namespace decides
// (issue 14: `kubectl -n production delete pod x` on a context named `main`).

import type { OptionSpec } from '../parse/options.js';

/** Long options (without dashes) that take a value, across kubectl's global flags and common subcommand flags. */
const KUBECTL_LONG_WITH_VALUE = [
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

/**
 * Each client's option spec. Short letters with a value: kubectl `-n` namespace, `-s` server,
 * `-f` file, `-l` selector, `-o` output, `-c` container, `-k` kustomize dir, `-L` label columns,
 * `-v` log level (`-p` is not here: `logs -p` is a switch, `patch -p` a value); helm `-n`, `-f`,
 * `-o`; helmfile `-n`, `-e` environment, `-f`, `-l`; k9s `-n`, `-c`.
 */
const SPECS: Record<string, OptionSpec> = {
  kubectl: { shortWithValue: 'nsflockLv', longWithValue: KUBECTL_LONG_WITH_VALUE, pflag: true },
  oc: { shortWithValue: 'nsflockLv', longWithValue: KUBECTL_LONG_WITH_VALUE, pflag: true },
  helm: { shortWithValue: 'nfo', longWithValue: HELM_LONG_WITH_VALUE, pflag: true },
  helmfile: { shortWithValue: 'nefl', longWithValue: [...HELM_LONG_WITH_VALUE, 'environment', 'file', 'selector'], pflag: true },
  k9s: { shortWithValue: 'nc', longWithValue: ['context', 'kubeconfig', 'namespace', 'cluster', 'command'], pflag: true },
  argocd: { longWithValue: ['kube-context', 'server', 'auth-token', 'config', 'app-namespace'], pflag: true },
  kustomize: { longWithValue: ['output'], pflag: true },
};

/** The kube clients by name (besides `kubectl-*` plugins). */
export const KUBE_CLIENT_NAMES: readonly string[] = Object.keys(SPECS);

/** The option spec of a kube client (`kubectl-*` plugins read kubectl's global flags). */
export function kubeClientOptionSpec(name: string): OptionSpec | undefined {
  return SPECS[name] ?? (name.startsWith('kubectl-') ? SPECS.kubectl : undefined);
}

/** kubectl, oc, helm…, and `kubectl-cnpg`-style plugins run directly (they read kubectl's kubeconfig and flags). */
export function isKubeClient(name: string): boolean {
  return kubeClientOptionSpec(name) !== undefined;
}

/** The options that name the namespace a client acts in. */
export const NAMESPACE_OPTIONS = ['--namespace', '-n'] as const;
