// Issue 11: the classes the peers' suites still got through — single-object deletes in a
// bucket, a remote host's data volume, a command word built by a substitution, remote code run
// unseen, SQL tautologies and privilege grants — with the everyday look-alikes that stay quiet.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1.prod.example.com';

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
];
