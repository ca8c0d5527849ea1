// Connection targets named by libpq keyword/value strings, services and MySQL login paths. The
// corpus judges lines without files, so what counts here is what the line itself says: the
// connection string's own host, and the service or login path name as a name hint (the files
// themselves are tested in test/targets/connection-files.test.ts and test/e2e/connection-files.test.ts).
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'connection strings, services and login paths name the target',
    cases: [
      { line: "psql 'host=db1.prod.example.com dbname=app' -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "psql 'host=localhost dbname=app_dev' -c 'DROP TABLE users'", expect: 'allow' },
      { line: "psql \"host='db.prod.example.com' port=5433 user=app\" -c 'TRUNCATE users'", expect: 'block', rule: 'sql/truncate' },
      { line: "psql service=prod -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "psql 'postgres:///?service=production' -c 'TRUNCATE users'", expect: 'block', rule: 'sql/truncate' },
      { line: "mysql --login-path=prod -e 'DROP DATABASE app'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "mysql --login-path=dev -e 'DROP DATABASE app_dev'", expect: 'warn', rule: 'sql/drop-objects' },
      { line: 'mysqldump --login-path=prod app > app.sql', expect: 'allow' },
    ],
  },
];
