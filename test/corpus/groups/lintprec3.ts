// A view or index rebuilt with CASCADE takes only more views with it (lemmy's migrations rebuild
// `user_view` that way): no stored rows are lost. What CASCADE reaches through a type, domain,
// function or schema still is (see sqlclass.ts).
import type { CorpusGroup } from '../cases.js';

const PROD = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const psql = (url: string, sql: string): string => `psql "${url}" -c "${sql.replace(/(["$`\\])/g, '\\$1')}"`;

export const groups: CorpusGroup[] = [
  {
    name: 'lintprec3: derived objects dropped with CASCADE lose no data',
    cases: [
      { line: psql(PROD, 'DROP VIEW user_view CASCADE'), expect: 'allow' },
      { line: psql(PROD, 'DROP MATERIALIZED VIEW IF EXISTS post_stats CASCADE'), expect: 'allow' },
      { line: psql(PROD, 'DROP INDEX idx_post_url CASCADE'), expect: 'allow' },
      // Still flagged: a table, or a type whose columns go with it.
      { line: psql(PROD, 'DROP TABLE users CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP TYPE community_visibility CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
    ],
  },
  {
    // PostgreSQL's home holds more than clusters: only version folders and `data` are cluster data
    // by name (survey3: supabase's image keeps extension files in /var/lib/postgresql/extension).
    name: 'lead: what in /var/lib/postgresql is a cluster by its name',
    cases: [
      { line: 'cp x.sql /var/lib/postgresql/extension/x--1.0.sql', hostname: 'db1.prod.example.com', expect: 'allow' },
      { line: 'cp pgsodium_getkey.sh /var/lib/postgresql/extension/pgsodium_getkey', hostname: 'db1.prod.example.com', expect: 'allow' },
      { line: 'rm -rf /var/lib/postgresql/1*/main', hostname: 'db1.prod.example.com', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/postgresql/?/main', hostname: 'db1.prod.example.com', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      {
        line: 'cp backup/PG_VERSION /var/lib/postgresql/data/PG_VERSION',
        hostname: 'db1.prod.example.com',
        expect: 'confirm',
        rule: 'filesystem/replace-data-files',
      },
    ],
  },
];
