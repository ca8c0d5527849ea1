// The namespace a Kubernetes command acts in decides like its context (issue 14): every way
// pflag lets kubectl and helm write it, before or after the subcommand, and `kubectl exec -n`.
// The context here (`main`) says nothing; the namespace says production.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'a production namespace decides (kubectl, helm, kubectl exec)',
    cases: [
      { line: 'kubectl -n production delete deployment api', kubeContext: 'main', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl -nproduction delete deployment api', kubeContext: 'main', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl -n=production delete deployment api', kubeContext: 'main', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl delete deployment api --namespace=prod', kubeContext: 'main', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl delete deployment api --namespace live', kubeContext: 'main', expect: 'confirm', rule: 'kubernetes/delete-production' },
      // No context known at all (in-cluster config, CI): the namespace alone still decides.
      { line: 'kubectl delete deployment api -n production', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'helm -n production uninstall api', kubeContext: 'main', expect: 'confirm' },
      { line: 'helm uninstall api -n=prod', expect: 'confirm' },
      {
        line: 'kubectl exec -n production pg-0 -- rm -rf /var/lib/postgresql/data',
        kubeContext: 'main',
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: 'kubectl exec pg-0 -n=prod -- rm -rf /var/lib/postgresql/data', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'a namespace that names no environment changes nothing',
    cases: [
      { line: 'kubectl -n kube-system delete pod coredns-5d78c9869d-abcde', expect: 'allow' },
      { line: 'kubectl -n dev delete deployment api', expect: 'allow' },
      { line: 'kubectl logs -p -n default api-0', expect: 'allow' },
    ],
  },
];
