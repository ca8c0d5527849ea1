// Data replaced without rm (issue 11, classes 7 and 8): online schema-change tools judged as the
// ALTER they run, loaders that drop or empty before loading, Redis SWAPDB, pg_rewind on a
// production host — and their harmless twins (dry runs, plain loads, SELECT).
import type { CorpusGroup } from '../cases.js';

const PROD = 'db1.prod.example.com';
const PROD_DATABASE = { DATABASE_URL: 'postgres://app:s3cret@db1.prod.example.com:5432/app' };

export const groups: CorpusGroup[] = [
  {
    name: 'online schema changes are the ALTER they run, on the server they name',
    cases: [
      {
        line: 'gh-ost --host=mysql-main.prod.example.com --database=billing --table=invoices --alter="DROP COLUMN pdf_blob" --allow-on-master --execute',
        hostname: PROD,
        env: PROD_DATABASE,
        expect: 'confirm',
        rule: 'sql/alter-table-destructive',
      },
      {
        line: 'gh-ost -host mysql-replica-3.prod.example.com -database billing -table invoices -alter "MODIFY amount INT" -execute',
        expect: 'confirm',
        rule: 'sql/alter-table-destructive',
      },
      {
        line: 'pt-online-schema-change --execute --alter "DROP COLUMN pdf_blob" --chunk-size 500 h=mysql-main.prod.example.com,D=billing,t=invoices',
        hostname: PROD,
        expect: 'confirm',
        rule: 'sql/alter-table-destructive',
      },
      // Without --execute: a plan, nothing changes.
      {
        line: 'gh-ost --host=mysql-main.prod.example.com --database=billing --table=invoices --alter="DROP COLUMN pdf_blob" --verbose',
        hostname: PROD,
        env: PROD_DATABASE,
        expect: 'allow',
      },
      {
        line: 'pt-online-schema-change --dry-run --alter "DROP COLUMN pdf_blob" h=mysql-main.prod.example.com,D=billing,t=invoices',
        hostname: PROD,
        expect: 'allow',
      },
      {
        line: 'gh-ost --host=mysql-main.prod.example.com --database=billing --table=invoices --alter="ADD COLUMN paid_at DATETIME NULL" --execute',
        expect: 'allow',
      },
    ],
  },
  {
    name: 'loaders that drop or empty what they load into',
    cases: [
      {
        line: 'myloader --host mysql-main.prod.example.com --database billing --directory /backups/2024-05-01 --overwrite-tables --threads 4',
        expect: 'block',
        rule: 'database/mysql-load-overwrite',
      },
      { line: 'myloader -o -d /srv/backup/billing -B billing', hostname: PROD, expect: 'block', rule: 'database/mysql-load-overwrite' },
      { line: 'mysqlimport --local --delete --host=mysql-main.prod.example.com billing invoices.csv', expect: 'block', rule: 'database/mysqlimport-delete' },
      {
        line: 'mongoimport --host mongo-main.prod.example.com --db billing --collection invoices --drop --jsonArray --file invoices.json',
        expect: 'block',
        rule: 'database/mongorestore-drop',
      },
      {
        line: 'mongoimport --uri "mongodb+srv://svc:pw@cluster0.prod.example.net/billing" --collection invoices --drop invoices.json',
        expect: 'block',
        rule: 'database/mongorestore-drop',
      },
      // Plain loads add rows and documents: nothing is dropped.
      { line: 'myloader --host mysql-main.prod.example.com --database billing_restore --directory /backups/2024-05-01', expect: 'allow' },
      { line: 'mongoimport --host mongo-main.prod.example.com --db billing --collection invoices --mode upsert --file invoices.json', expect: 'allow' },
      { line: 'mysqlimport --local --host=mysql-main.prod.example.com billing invoices.csv', expect: 'allow' },
    ],
  },
  {
    name: 'Redis SWAPDB and pg_rewind on production',
    cases: [
      { line: 'redis-cli -n 0 swapdb 0 2', hostname: PROD, expect: 'confirm', rule: 'database/redis-swapdb' },
      { line: 'redis-cli -h sessions.prod.example.com -p 6380 SWAPDB 2 0', expect: 'confirm', rule: 'database/redis-swapdb' },
      { line: 'redis-cli -n 1 SELECT 2', hostname: PROD, expect: 'allow' },
      { line: 'redis-cli -h sessions.prod.example.com INFO keyspace', expect: 'allow' },
      {
        line: 'sudo -iu postgres /usr/lib/postgresql/16/bin/pg_rewind --target-pgdata /var/lib/postgresql/16/main --source-server "host=pg-b port=5432 user=rewind" --progress',
        hostname: PROD,
        expect: 'confirm',
        rule: 'replication/pg-rewind',
      },
      { line: 'pg_rewind --dry-run -D /var/lib/postgresql/16/main --source-server "host=pg-b user=rewind"', hostname: PROD, expect: 'allow' },
      { line: 'pg_rewind --help', hostname: PROD, expect: 'allow' },
    ],
  },
];
