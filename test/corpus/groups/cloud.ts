// Cloud and cluster lines (issue 11, class 9): what deletes data in a bucket, a stack or a
// cluster, judged by which way it goes and what it names — and the everyday look-alikes
// (deploys, restarts, listings) that must stay quiet.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'aws s3 sync --delete is judged by its direction',
    cases: [
      // Local → bucket: the static-site deploy. Only objects the build no longer has go.
      { line: 'aws s3 sync ./dist s3://my-site --delete', expect: 'warn', rule: 'cloud/s3-sync-delete' },
      { line: 'aws s3 sync build/ s3://www.example.com --delete --cache-control max-age=60', expect: 'warn', rule: 'cloud/s3-sync-delete' },
      { line: 'aws s3 sync ./dist s3://acme-prod-site --delete', expect: 'confirm', rule: 'cloud/s3-sync-delete' },
      // Bucket → bucket: a backup or replica copy; the destination is what gets emptied.
      { line: 'aws s3 sync s3://uploads s3://uploads-backup --delete', expect: 'confirm', rule: 'cloud/s3-sync-delete-between-buckets' },
      { line: 'aws s3 sync s3://uploads s3://prod-backups --delete', expect: 'block', rule: 'cloud/s3-sync-delete-between-buckets' },
      // Bucket → local: a local removal, judged on the local directory.
      { line: 'aws s3 sync s3://prod-backups ./local --delete', expect: 'allow' },
      {
        line: 'aws s3 sync s3://prod-backups /var/lib/postgresql/15/main --delete',
        hostname: 'db1.prod.example.com',
        expect: 'block',
        rule: 'filesystem/rsync-delete',
      },
      { line: 'aws s3 sync s3://site-backup ~ --delete', expect: 'confirm', rule: 'filesystem/rsync-delete' },
      { line: 'aws s3 sync ./dist s3://acme-prod-site --exclude "*.map"', expect: 'allow' },
      { line: 'aws s3 sync ./dist s3://acme-prod-site --delete --dryrun', expect: 'allow' },
    ],
  },
  {
    name: 'routine Kubernetes work on production stays quiet',
    cases: [
      {
        line: 'kubectl delete pod api-7c9d8-xk2lp -n payments',
        kubeContext: 'gke_acme-production_us-east1_main',
        expect: 'warn',
        rule: 'kubernetes/delete-pods',
      },
      { line: 'kubectl --context prod-eu delete pod web-1', expect: 'warn', rule: 'kubernetes/delete-pods' },
      { line: 'kubectl rollout restart deployment/api -n payments', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl scale --replicas=3 deployment/api', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl get pods -A', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl delete pods --field-selector=status.phase=Failed -A', kubeContext: 'prod-eu', expect: 'warn', rule: 'kubernetes/delete-pods' },
    ],
  },
  {
    name: 'Kubernetes: the cluster named by --cluster, --server or --kubeconfig is the target',
    cases: [
      { line: 'kubectl --cluster prod-eu delete namespace payments', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl --cluster=prod-eu delete namespace payments', kubeContext: 'kind-dev', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl --server https://api.k8s.prod.acme.io delete deploy api', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl --kubeconfig ~/.kube/prod-eu.yaml delete namespace payments', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl --cluster kind-dev delete namespace payments', expect: 'allow' },
      { line: 'kubectl apply --prune --all -f k8s/ -n shop', kubeContext: 'gke_acme-production_us-east1_main', expect: 'confirm', rule: 'kubernetes/patch-prune' },
      { line: 'kubectl apply --prune -l app=web -f manifests/', kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/patch-prune' },
      { line: 'kubectl apply -f k8s/ -n shop', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl delete deploy --all -A', kubeContext: 'prod-eu', expect: 'block', rule: 'kubernetes/delete-all-namespaces' },
      { line: 'kubectl delete pvc --all --all-namespaces', kubeContext: 'prod-eu', expect: 'block', rule: 'kubernetes/delete-all-namespaces' },
      { line: 'kubectl delete deploy --all -A', kubeContext: 'kind-dev', expect: 'allow' },
      { line: 'kubectl scale --replicas=0 statefulset/db', kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/scale-to-zero' },
      {
        line: 'kubectl patch sts db --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":0}]\'',
        kubeContext: 'prod-eu',
        expect: 'confirm',
        rule: 'kubernetes/patch-prune',
      },
      { line: 'helm uninstall redis -n cache', kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'helm delete redis --kube-context production-us', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'helm history redis -n cache', kubeContext: 'prod-eu', expect: 'allow' },
    ],
  },
];
