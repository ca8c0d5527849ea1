// Commands run on another host (mosh, gcloud/az ssh, ansible ad-hoc, parallel ssh) are judged
// like `ssh HOST 'CMD'`: on that host, whose name says its environment (GitLab 2017). Their
// harmless look-alikes stay at allow.
import type { CorpusGroup } from '../cases.js';

const WORKSTATION = 'dev-laptop';
const PROD_ENV = { DATABASE_URL: 'postgres://app:s3cret@db.prod.example.com:5432/app', RAILS_ENV: 'production' };
const TEST_ENV = { DATABASE_URL: 'postgres://postgres@localhost:5432/app_test', RAILS_ENV: 'test' };

export const groups: CorpusGroup[] = [
  {
    name: 'remote shells: a command run on a production host is judged there',
    cases: [
      { line: 'mosh db1.prod.example.com -- rm -rf /var/lib/postgresql', hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'mosh --ssh="ssh -p 2222" deploy@db1 rm -rf /var/lib/mysql', hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      {
        line: "gcloud compute ssh db-prod-1 --command 'rm -rf /var/lib/postgresql/15/main'",
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: 'gcloud compute ssh db-prod-1 --zone us-east1-b --command="sudo rm -rf /var/lib/postgresql"',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: "gcloud compute ssh postgres@db-prod-1 -- 'dropdb app'", hostname: WORKSTATION, expect: 'block', rule: 'database/dropdb' },
      {
        line: 'az ssh vm -g rg-prod -n db-prod-1 -- sudo rm -rf /var/lib/postgresql',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: "ansible prod-db -m shell -a 'rm -rf /var/lib/postgresql/data'", hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'ansible all -i production -m command -a "dropdb app"', hostname: WORKSTATION, expect: 'block', rule: 'database/dropdb' },
      { line: 'ansible dbservers -a "dropdb app"', hostname: WORKSTATION, expect: 'confirm', rule: 'database/dropdb' },
      {
        line: "ansible prod-db -b -m ansible.builtin.file -a 'path=/var/lib/postgresql/15/main state=absent'",
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: "ansible prod-db -m shell -a 'chdir=/var/lib/postgresql/15 rm -rf main'",
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: "pssh -h prod-hosts.txt 'sudo rm -rf /var/lib/postgresql'", hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "pdsh -w db[1-3].prod.example.com 'rm -rf /var/lib/mysql'", hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'clush -w db1,db2 sudo rm -rf /var/lib/mysql', hostname: WORKSTATION, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "parallel-ssh -H db1.prod.example.com 'redis-cli FLUSHALL'", hostname: WORKSTATION, expect: 'block', rule: 'database/redis-flush' },
    ],
  },
  {
    name: 'remote shells: everyday remote work stays at allow',
    cases: [
      { line: "gcloud compute ssh dev-vm --command 'ls'", hostname: WORKSTATION, expect: 'allow' },
      { line: 'gcloud compute ssh db-prod-1 --zone us-east1-b', hostname: WORKSTATION, expect: 'allow' },
      { line: "gcloud compute ssh web-prod-1 --command 'sudo systemctl status nginx'", hostname: WORKSTATION, expect: 'allow' },
      { line: 'gcloud compute instances list --filter=name~prod', hostname: WORKSTATION, expect: 'allow' },
      { line: 'ansible all -m ping', hostname: WORKSTATION, expect: 'allow' },
      { line: 'ansible all -i production -a uptime', hostname: WORKSTATION, expect: 'allow' },
      { line: "ansible prod-db -m shell -a 'df -h /var/lib/postgresql'", hostname: WORKSTATION, expect: 'allow' },
      { line: "ansible prod-db --check -m shell -a 'rm -rf /var/lib/postgresql/data'", hostname: WORKSTATION, expect: 'allow' },
      { line: "ansible web -m copy -a 'src=nginx.conf dest=/etc/nginx/nginx.conf'", hostname: WORKSTATION, expect: 'allow' },
      { line: 'mosh db1.prod.example.com', hostname: WORKSTATION, expect: 'allow' },
      { line: 'mosh dev-box -- tmux attach', hostname: WORKSTATION, expect: 'allow' },
      { line: 'pssh -h hosts.txt -i uptime', hostname: WORKSTATION, expect: 'allow' },
      { line: "pdsh -w web[1-4] 'systemctl status nginx'", hostname: WORKSTATION, expect: 'allow' },
      { line: 'clush -a -b df -h', hostname: WORKSTATION, expect: 'allow' },
    ],
  },
  {
    name: 'rsync with deletion is judged on the host that loses files',
    cases: [
      { line: 'rsync -a --delete ./empty/ db1.prod.example.com:/var/lib/postgresql/', hostname: WORKSTATION, expect: 'block', rule: 'filesystem/rsync-delete' },
      {
        line: 'rsync -a --delete-after /tmp/empty/ postgres@db1:/var/lib/postgresql/15/main/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete',
      },
      // A deploy from a local folder warns (the lead's decision, issue 11).
      { line: 'rsync -av --delete build/ deploy@web-prod-1:/srv/www/', hostname: WORKSTATION, expect: 'warn', rule: 'filesystem/rsync-deploy-delete' },
      {
        line: 'rsync -az --del -e "ssh -p 2222" dist/ web-prod-1:/srv/www/',
        hostname: WORKSTATION,
        expect: 'warn',
        rule: 'filesystem/rsync-deploy-delete',
      },
      {
        line: 'rsync -a --delete ./empty/ rsync://files.prod.example.com/uploads/',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      { line: 'rsync -a --delete ./empty/ db1.prod.example.com:/', hostname: WORKSTATION, expect: 'block', rule: 'filesystem/rsync-delete' },
      { line: 'rsync -a --delete dist/ /srv/www/app/', hostname: 'web1.prod.example.com', expect: 'confirm', rule: 'filesystem/rsync-delete-production' },
    ],
  },
  {
    name: 'rsync without deletion, dry runs and local mirrors stay at allow',
    cases: [
      { line: 'rsync -a src/ backup:/srv/backup/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync -av build/ deploy@web-prod-1:/srv/www/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync -avn --delete build/ deploy@web-prod-1:/srv/www/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync --delete build/ dist/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync -a --delete build/ web1:/srv/www/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync -a --delete db1.prod.example.com:/srv/reports/ ./reports/', hostname: WORKSTATION, expect: 'allow' },
      { line: 'rsync -a --delete /var/lib/postgresql/15/main/ backup-host:/srv/pg-copy/', hostname: 'db1.prod.example.com', expect: 'allow' },
    ],
  },
  {
    name: 'env files loaded with $(cat FILE | xargs) count like the file sourced',
    cases: [
      {
        line: 'env $(cat .env.production | xargs) bundle exec rake db:reset',
        envFiles: { '.env.production': PROD_ENV },
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/reset-tasks',
      },
      {
        line: 'export $(cat .env.production | xargs) && bundle exec rspec',
        envFiles: { '.env.production': PROD_ENV },
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
      {
        line: "export $(grep -v '^#' .env.prod | xargs) && rails db:schema:load",
        envFiles: { '.env.prod': PROD_ENV },
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/reset-tasks',
      },
      {
        line: "export $(grep -v '^#' .env.prod | xargs -d '\\n'); npm test",
        envFiles: { '.env.prod': PROD_ENV },
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
      {
        line: 'export $(xargs < .env.prod) && rake db:reset',
        envFiles: { '.env.prod': PROD_ENV },
        hostname: WORKSTATION,
        expect: 'block',
        rule: 'database/reset-tasks',
      },
    ],
  },
  {
    name: 'env files loaded with $(cat FILE | xargs): a local or missing file changes nothing',
    cases: [
      { line: 'env $(cat .env.test | xargs) bundle exec rake db:reset', envFiles: { '.env.test': TEST_ENV }, hostname: WORKSTATION, expect: 'allow' },
      { line: 'export $(cat .env.test | xargs) && bundle exec rspec', envFiles: { '.env.test': TEST_ENV }, hostname: WORKSTATION, expect: 'allow' },
      { line: 'export $(cat .env.missing | xargs) && npm test', hostname: WORKSTATION, expect: 'allow' },
      { line: 'export $(cat .env.production | xargs) && echo loaded', envFiles: { '.env.production': PROD_ENV }, hostname: WORKSTATION, expect: 'allow' },
    ],
  },
];
