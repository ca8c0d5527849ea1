// The lead's cases from the fifth stop: misses of a fresh adversarial pass (218 dangerous lines in
// shapes the corpus did not hold, /tmp/adv5), closed class by class, with their harmless twins.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_URL = 'postgres://app:pw@db.prod.example.com:5432/app';

export const groups: CorpusGroup[] = [
  {
    name: 'lead5: an interpreter reading its program from a pipe, a file or /dev/stdin',
    cases: [
      { line: `echo 'import shutil; shutil.rmtree("/var/lib/mysql")' | python3`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `printf 'require("fs").rmSync("/", {recursive: true})' | node`, hostname: PROD_HOST, expect: 'block', rule: 'filesystem/rm-root' },
      { line: `echo 'print(1)' | python3`, hostname: PROD_HOST, expect: 'allow' },
      { line: `source /dev/stdin <<< 'rm -rf /var/lib/mysql'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `bash /dev/stdin <<< 'rm -rf /'`, expect: 'block', rule: 'filesystem/rm-root' },
      { line: `source /dev/stdin <<< 'echo hi'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: "lead5: Python's import aliases",
    cases: [
      { line: `python3 -c "import shutil as s; s.rmtree('/var/lib/mysql')"`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `python3 -c "from shutil import rmtree as r; r('/')"`, expect: 'block', rule: 'filesystem/rm-root' },
      { line: `python3 -c "from os import system; system('rm -rf /')"`, expect: 'block', rule: 'filesystem/rm-root' },
      { line: `python3 -c "import os as o; o.system('ls -la')"`, hostname: PROD_HOST, expect: 'allow' },
      { line: `python3 -c "import json as j; print(j.dumps(1))"`, hostname: PROD_HOST, expect: 'allow' },
      // Perl's glob as a list operator, without parentheses.
      { line: `perl -e 'unlink glob "/var/lib/mysql/*"'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `perl -e 'print glob "/tmp/*"'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'lead5: migrations back to nothing through flask and golang-migrate; keys and secrets',
    cases: [
      { line: 'flask db downgrade base', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/schema-rollback-to-zero' },
      { line: 'flask db downgrade -1', env: { DATABASE_URL: PROD_URL }, expect: 'confirm', rule: 'database/migration-rollback-production' },
      {
        line: 'migrate -database "$DATABASE_URL" -path db/migrations down -all',
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'database/schema-rollback-to-zero',
      },
      { line: 'migrate -database "$DATABASE_URL" -path db/migrations up', env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
      {
        line: 'aws kms schedule-key-deletion --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --pending-window-in-days 7',
        env: { AWS_PROFILE: 'production' },
        expect: 'block',
        rule: 'cloud/cloud-resource-delete',
      },
      {
        line: 'aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery',
        env: { AWS_PROFILE: 'production' },
        expect: 'block',
        rule: 'cloud/cloud-resource-delete',
      },
      { line: 'aws secretsmanager get-secret-value --secret-id prod/db', env: { AWS_PROFILE: 'production' }, expect: 'allow' },
      { line: 'etcdctl del "" --prefix', hostname: PROD_HOST, expect: 'block', rule: 'database/etcd-delete-prefix' },
      { line: 'etcdctl get "" --prefix --keys-only', hostname: PROD_HOST, expect: 'allow' },
    ],
  },
];
