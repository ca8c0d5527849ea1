// Survey 4 (issue 10): column type changes PostgreSQL makes without a rewrite or a lost value
// (documenso's Prisma migrations), eksctl naming the cluster after the word `cluster`, and
// `aws s3 sync … --acl public-read` whose destination is the last bucket, not the ACL.
import type { CorpusGroup } from '../cases.js';

const PROD = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const psql = (url: string, sql: string): string => `psql "${url}" -c "${sql.replace(/(["$`\\])/g, '\\$1')}"`;

export const groups: CorpusGroup[] = [
  {
    name: 'lintprec4: a column type change that keeps every value is not asked about',
    cases: [
      { line: psql(PROD, 'CREATE TABLE u (bio varchar(200)); ALTER TABLE u ALTER COLUMN bio TYPE text'), expect: 'allow' },
      { line: psql(PROD, 'CREATE TABLE u (bio varchar(200)); ALTER TABLE u ALTER COLUMN bio SET DATA TYPE varchar'), expect: 'allow' },
      {
        line: psql(PROD, 'CREATE TABLE t (a varchar(20), n numeric(10,2)); ALTER TABLE t ALTER COLUMN a TYPE varchar(64), ALTER COLUMN n TYPE numeric(14,2)'),
        expect: 'allow',
      },
      // Still asked: narrowing, a conversion, a type whose storage changes.
      {
        line: psql(PROD, 'CREATE TABLE t (a varchar(20)); ALTER TABLE t ALTER COLUMN a TYPE varchar(8)'),
        expect: 'confirm',
        rule: 'sql/alter-table-destructive',
      },
      { line: psql(PROD, 'ALTER TABLE users ALTER COLUMN bio TYPE text USING substr(bio, 1, 10)'), expect: 'confirm', rule: 'sql/alter-table-destructive' },
      { line: psql(PROD, 'ALTER TABLE users ALTER COLUMN id TYPE bigint'), expect: 'confirm', rule: 'sql/alter-table-destructive' },
      { line: psql(PROD, 'ALTER TABLE users ALTER COLUMN name TYPE varchar(40)'), expect: 'confirm', rule: 'sql/alter-table-destructive' },
      // The old type unknown: an integer becoming text rewrites every row.
      { line: psql(PROD, 'ALTER TABLE documents ALTER COLUMN folder_id TYPE text'), expect: 'confirm', rule: 'sql/alter-table-destructive' },
    ],
  },
  {
    name: 'lintprec4: cloud deletes name the resource, not its kind or an option value',
    cases: [
      { line: 'eksctl delete cluster --name=integration-test-dev', expect: 'warn', rule: 'cloud/cloud-resource-delete' },
      { line: 'eksctl delete cluster --name prod-eu', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'eksctl delete cluster prod-eu --wait', expect: 'block', rule: 'cloud/cloud-resource-delete' },
      { line: 'aws s3 sync --delete s3://build-artifacts/latest/ s3://prod-releases/latest/ --acl public-read', expect: 'block' },
    ],
  },
];
