// Ansible lines whose hosts come from the line itself (issue 14): a `-i host1,host2,` list is
// Ansible's inventory (`all` is those hosts), `--limit` keeps only the hosts it also matches,
// and a playbook run shows when it reaches production.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'ansible -i LIST and --limit select the hosts that decide',
    cases: [
      {
        line: "ansible all -i db1.prod.example.com, -m shell -a 'rm -rf /var/lib/mysql'",
        hostname: 'dev-laptop',
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: "ansible all -i db1.prod.example.com,web-stg-1, -l web-stg-1 -m shell -a 'rm -rf /var/lib/mysql'",
        hostname: 'dev-laptop',
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: "ansible 'db*' -i db1.prod.example.com,db2.prod.example.com, -m file -a 'state=absent path=/var/lib/postgresql'",
        hostname: 'dev-laptop',
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: 'ansible-playbook -i db1.prod.example.com,web-stg-1, site.yml', hostname: 'dev-laptop', expect: 'warn', rule: 'host/ansible-run-production' },
      { line: 'ansible-playbook -i db1.prod.example.com,web-stg-1, site.yml --limit web-stg-1', hostname: 'dev-laptop', expect: 'allow' },
      { line: 'ansible-playbook -i db1.prod.example.com, site.yml --check --diff', hostname: 'dev-laptop', expect: 'allow' },
      { line: 'ansible-playbook -i inventories/staging/hosts site.yml', hostname: 'dev-laptop', expect: 'allow' },
    ],
  },
  {
    name: 'CloudNativePG kubectl plugin: destroying an instance, promoting, fencing, judged on the kube context',
    cases: [
      { line: 'kubectl cnpg destroy pg-main 2', kubeContext: 'prod-eu', expect: 'block', rule: 'kubernetes/cnpg-destroy-instance' },
      { line: 'kubectl-cnpg destroy pg-main 2 -n data', kubeContext: 'prod-eu', expect: 'block', rule: 'kubernetes/cnpg-destroy-instance' },
      { line: 'kubectl cnpg destroy pg-main 2', kubeContext: 'ctx-7f3a', expect: 'confirm', rule: 'kubernetes/cnpg-destroy-instance' },
      { line: 'kubectl cnpg destroy pg-main 2 --keep-pvc', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl cnpg destroy pg-main 2', kubeContext: 'kind-dev', expect: 'allow' },
      { line: 'kubectl cnpg promote pg-main 2', kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/cnpg-promote-fence-hibernate' },
      { line: "kubectl cnpg fencing on pg-main '*'", kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/cnpg-promote-fence-hibernate' },
      { line: 'kubectl cnpg hibernate on pg-main', kubeContext: 'prod-eu', expect: 'confirm', rule: 'kubernetes/cnpg-promote-fence-hibernate' },
      { line: 'kubectl cnpg status pg-main', kubeContext: 'prod-eu', expect: 'allow' },
      { line: 'kubectl cnpg fencing off pg-main "*"', kubeContext: 'prod-eu', expect: 'allow' },
      // `kubectl cnpg psql CLUSTER -- ARGS` is psql in the cluster's primary pod: its SQL is judged there.
      { line: "kubectl cnpg psql pg-main -- app -c 'DROP TABLE users'", kubeContext: 'prod-eu', expect: 'block', rule: 'sql/drop-objects' },
      { line: "kubectl-cnpg psql pg-main -- -d app -c 'TRUNCATE users'", kubeContext: 'prod-eu', expect: 'block', rule: 'sql/truncate' },
      { line: "kubectl cnpg psql pg-main -- app -c 'SELECT count(*) FROM users'", kubeContext: 'prod-eu', expect: 'allow' },
    ],
  },
];
