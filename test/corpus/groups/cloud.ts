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
      // A production site is deployed exactly so (issue 11): warn; an empty folder is read from the disk (test/e2e/bucket-mirror.test.ts).
      { line: 'aws s3 sync ./dist s3://acme-prod-site --delete', expect: 'warn', rule: 'cloud/s3-sync-delete' },
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
      // The same for Cloud Storage: a bucket → local sync removes local files; a source bucket is only read.
      { line: 'gsutil -m rsync -d -r gs://prod-backups ./restore', expect: 'allow' },
      { line: 'gsutil rsync -d -r gs://prod-backups gs://dr-copy', expect: 'confirm', rule: 'cloud/sync-delete-remote' },
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
      {
        line: 'kubectl apply --prune --all -f k8s/ -n shop',
        kubeContext: 'gke_acme-production_us-east1_main',
        expect: 'confirm',
        rule: 'kubernetes/patch-prune',
      },
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
  {
    name: 'cloud deletes: at least confirm, block when the name or profile says production',
    cases: [
      { line: 'aws cloudformation delete-stack --stack-name prod-api', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'aws s3api delete-bucket --bucket prod-assets', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'aws s3 rb s3://prod-assets --force', expect: 'block', rule: 'cloud/s3-recursive-delete' },
      { line: 'aws dynamodb delete-table --table-name prod-orders', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'aws dynamodb delete-table --table-name orders', expect: 'confirm', rule: 'cloud/cloud-resource-delete' },
      { line: 'aws rds delete-db-instance --db-instance-identifier prod-db --skip-final-snapshot', expect: 'block', rule: 'cloud/rds-delete' },
      { line: 'az group delete -n prod-rg --yes', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'gcloud projects delete acme-prod', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'gcloud sql instances delete prod-db', expect: 'block', rule: 'cloud/gcloud-sql-delete' },
      { line: 'pulumi destroy --stack prod --yes', expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'pulumi stack rm acme/production --force --yes', expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'terraform destroy', terraformWorkspace: 'production', expect: 'block', rule: 'cloud/terraform-destroy' },
      { line: 'doctl databases delete 9cc10173-e9ea --force', expect: 'confirm', rule: 'cloud/iac-destroy' },
      { line: 'doctl databases delete 9cc10173-e9ea --context acme-prod --force', expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'heroku apps:destroy --app acme-production --confirm acme-production', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'heroku apps:destroy acme-production', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'heroku apps:destroy --app myapp-staging', expect: 'confirm', rule: 'cloud/paas-destroy' },
      { line: 'heroku pg:reset', expect: 'confirm', rule: 'cloud/heroku-pg-reset' },
      { line: 'heroku pg:reset DATABASE --confirm acme-prod', expect: 'block', rule: 'cloud/heroku-pg-reset' },
      { line: 'flyctl apps destroy acme-prod', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'fly apps destroy myapp -y', expect: 'confirm', rule: 'cloud/paas-destroy' },
      { line: 'fly volumes destroy vol_1g7n2 -a acme-production -y', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'supabase db reset --linked', expect: 'confirm', rule: 'cloud/paas-destroy' },
      { line: 'neonctl branches delete main', expect: 'confirm', rule: 'cloud/paas-destroy' },
      { line: 'neonctl branches delete production --project-id shiny-sun-123456', expect: 'block', rule: 'cloud/paas-destroy' },
    ],
  },
  {
    name: 'cloud look-alikes stay at allow',
    cases: [
      { line: 'aws s3 ls', expect: 'allow' },
      { line: 'aws s3 ls s3://prod-assets --recursive', expect: 'allow' },
      { line: 'aws cloudformation describe-stacks', expect: 'allow' },
      { line: 'aws dynamodb describe-table --table-name prod-orders', expect: 'allow' },
      { line: 'gcloud projects list', expect: 'allow' },
      { line: 'gcloud sql instances list --project acme-prod', expect: 'allow' },
      { line: 'pulumi preview', expect: 'allow' },
      { line: 'pulumi stack select prod', expect: 'allow' },
      { line: 'terraform plan', terraformWorkspace: 'production', expect: 'allow' },
      { line: 'supabase db reset', expect: 'allow' },
      { line: 'supabase db push --linked', expect: 'allow' },
      { line: 'fly deploy -a acme-prod', expect: 'allow' },
      { line: 'fly status -a acme-prod', expect: 'allow' },
      { line: 'neonctl branches list --project-id shiny-sun-123456', expect: 'allow' },
      { line: 'heroku pg:backups:capture --app acme-production', expect: 'allow' },
      { line: 'doctl databases list', expect: 'allow' },
    ],
  },
  {
    name: 'git push: force and delete of a branch the line does not name, or of main',
    cases: [
      { line: 'git push -f', expect: 'warn', rule: 'git/force-push-unnamed-branch' },
      { line: 'git push --force origin', expect: 'warn', rule: 'git/force-push-unnamed-branch' },
      // A mirror push onto the default remote deletes every branch the clone lacks (git/mirror-push-remote, adv10).
      { line: 'git push --mirror', expect: 'confirm', rule: 'git/mirror-push-remote' },
      { line: 'git push upstream +HEAD:main', expect: 'confirm', rule: 'git/force-push-refspec' },
      { line: 'git push --delete origin main', expect: 'confirm', rule: 'git/delete-remote-main' },
      { line: 'git push origin :master', expect: 'confirm', rule: 'git/delete-remote-main-refspec' },
      { line: 'git push --force-with-lease', expect: 'allow' },
      { line: 'git push -f origin feature/login', expect: 'allow' },
      { line: 'git push --delete origin feature/login', expect: 'allow' },
      { line: 'git push -u origin HEAD', expect: 'allow' },
    ],
  },
];
