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
];
