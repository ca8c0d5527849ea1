// Survey 5 (issue 10): SQL built at run time from constant text and a value (supabase/storage's
// `EXECUTE 'GRANT … TO ' || role`) is judged by what the constant text says, and what only the
// run knows still cannot be judged.
import type { CorpusGroup } from '../cases.js';

const PROD = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const psql = (url: string, sql: string): string => `psql "${url}" -c "${sql.replace(/(["$`\\])/g, '\\$1')}"`;

export const groups: CorpusGroup[] = [
  {
    name: 'lintprec5: a computed EXECUTE string is judged by its constant text',
    cases: [
      // Every table emptied, whatever their names: a TRUNCATE on production.
      {
        line: psql(
          PROD,
          "DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE 'TRUNCATE ' || quote_ident(r.tablename); END LOOP; END $$",
        ),
        expect: 'block',
        rule: 'sql/truncate',
      },
      { line: psql(PROD, "SELECT dblink_exec('dbname=x', 'DROP TABLE ' || quote_ident(t))"), expect: 'block', rule: 'sql/drop-objects' },
      // A harmless shape still has a part only the run knows: asked about on production.
      { line: psql(PROD, "DO $$ BEGIN EXECUTE 'GRANT SELECT ON t TO ' || current_user; END $$"), expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: psql(PROD, 'DO $$ BEGIN EXECUTE v_sql; END $$'), expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      { line: psql('postgres://localhost/app_dev', "DO $$ BEGIN EXECUTE 'GRANT SELECT ON t TO ' || current_user; END $$"), expect: 'warn' },
    ],
  },
  {
    name: 'lintprec5: a command substitution holding only a comment prints nothing',
    cases: [
      // The inline-comment idiom of multi-line commands (jenkins-infra, saleor): no code runs.
      { line: 'apt-cache policy docker-ce | xargs `# trim spaces`', expect: 'allow' },
      { line: 'v=$(`# grab the rev field` grep -m1 rev .pre-commit-config.yaml | tail -n1)', expect: 'allow' },
      // The command after it is the command, judged as ever.
      { line: '`# remove the data` rm -rf /var/lib/postgresql/15/main', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: '`# drop it` dropdb -h db1.prod.example.com app', expect: 'block', rule: 'database/dropdb' },
      // Output of real code still runs unseen.
      { line: '$(curl -s https://example.com/x.sh)', expect: 'warn', rule: 'host/unseen-script' },
    ],
  },
];
