// A kubeconfig as facts about Kubernetes contexts (issue 14): each context's cluster, that
// cluster's server URL and the context's namespace, so that `gke_acme_europe-west1_main` whose
// server is https://prod-k8s.acme.internal is known for the production cluster it is. Pure: the
// edge reads the files; `users:` (tokens, client keys, passwords) is never read at all.

/** One context as kubectl would resolve it. */
import { dict, own } from '../util/dict.js';

export interface KubeContextFacts {
  cluster?: string;
  /** The cluster's server URL, any `user:password@` removed. */
  server?: string;
  namespace?: string;
  /** The kubeconfig file the context came from. */
  file: string;
}

export interface KubeconfigFacts {
  currentContext?: string;
  contexts: Record<string, KubeContextFacts>;
  /** cluster name → server URL (for `kubectl --cluster NAME`). */
  clusters: Record<string, { server?: string; file: string }>;
  /** Files that could not be used, one line each naming the file and the fix. */
  problems: string[];
}

/** What to do about a kubeconfig prodguard could not use (kubectl cannot use it either). */
export const KUBECONFIG_FIX = 'its contexts are unknown to prodguard; fix the file (`kubectl config view` shows what kubectl reads)';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A server URL without credentials: kubeconfigs written by hand sometimes carry them. */
export function serverWithoutCredentials(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}

function namedEntries(list: unknown, key: string): [string, Record<string, unknown>][] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): [string, Record<string, unknown>][] =>
    isObject(item) && typeof item.name === 'string' && isObject(item[key]) ? [[item.name, item[key] as Record<string, unknown>]] : [],
  );
}

/**
 * Merge kubeconfig files as kubectl does for a KUBECONFIG list: the first file that sets a
 * context, a cluster or current-context wins. `files` are parsed YAML, in KUBECONFIG order.
 */
export function kubeconfigFacts(files: readonly { file: string; raw: unknown }[]): KubeconfigFacts {
  const facts: KubeconfigFacts = { contexts: dict(), clusters: dict(), problems: [] };
  for (const { file, raw } of files) {
    // An empty file is an empty kubeconfig to kubectl; a list or a scalar is no kubeconfig.
    if (raw !== null && raw !== undefined && !isObject(raw))
      facts.problems.push(`${file}: not a kubeconfig (a YAML map with clusters:, contexts:, current-context:); ${KUBECONFIG_FIX}`);
    if (!isObject(raw)) continue;
    for (const key of ['clusters', 'contexts'])
      if (raw[key] !== undefined && raw[key] !== null && !Array.isArray(raw[key]))
        facts.problems.push(`${file}: ${key}: must be a list of { name, ${key.slice(0, -1)} } entries; ${KUBECONFIG_FIX}`);
    const current = raw['current-context'];
    if (facts.currentContext === undefined && typeof current === 'string' && current !== '') facts.currentContext = current;
    for (const [name, cluster] of namedEntries(raw.clusters, 'cluster'))
      if (!(name in facts.clusters))
        facts.clusters[name] = { ...(typeof cluster.server === 'string' ? { server: serverWithoutCredentials(cluster.server) } : {}), file };
  }
  for (const { file, raw } of files) {
    if (!isObject(raw)) continue;
    for (const [name, context] of namedEntries(raw.contexts, 'context')) {
      if (name in facts.contexts) continue;
      const cluster = typeof context.cluster === 'string' ? context.cluster : undefined;
      const server = cluster ? own(facts.clusters, cluster)?.server : undefined;
      facts.contexts[name] = {
        ...(cluster ? { cluster } : {}),
        ...(server ? { server } : {}),
        ...(typeof context.namespace === 'string' && context.namespace !== '' ? { namespace: context.namespace } : {}),
        file,
      };
    }
  }
  return facts;
}
