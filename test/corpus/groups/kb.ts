// A tool's options that take a value are read from the knowledge base (src/knowledge/tools.ts),
// one table per tool for every rule: the value is never taken for the tool's verb or operand, so
// a global option before the verb does not hide what the command does.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'global options with values before the verb do not hide it',
    cases: [
      { line: 'kubectl --as admin --context prod-cluster delete namespace payments', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl --request-timeout 5s scale deploy web --replicas 0 --context prod-cluster', expect: 'confirm', rule: 'kubernetes/scale-to-zero' },
      // Every kubectl rule reads the same table: --cascade takes a value for delete-pods as for delete-all-namespaces.
      { line: 'kubectl delete --cascade orphan pods --all --context prod-cluster', expect: 'confirm', rule: 'kubernetes/delete-all-pods' },
      { line: 'helm --kube-context prod-cluster uninstall api', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'git -C /srv/app push --force origin main', expect: 'confirm', rule: 'git/force-push-main' },
      { line: 'docker -c prod-ctx volume rm pgdata', expect: 'confirm', rule: 'host/docker-volume-removal' },
      { line: 'terraform -chdir=infra apply -auto-approve', expect: 'warn', rule: 'cloud/terraform-auto-approve' },
      // The value of an option is not the verb: a context named `delete` deletes nothing.
      { line: 'kubectl --context delete get pods', expect: 'allow' },
    ],
  },
];
