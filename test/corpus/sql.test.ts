// SQL corpus: each statement judged against four targets — production, an unexplained remote
// host (the Travis URL), staging and local — through `psql URL -c SQL`, all rules, as `check
// --sql` would. Destructive statements are obfuscated with comments, case and quoting; harmless
// ones carry keywords inside strings and comments.
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/engine/check-line.js';
import { builtinRules } from '../helpers/rules.js';
import { sqlFactsForTest } from '../helpers/sql.js';
import type { Severity } from '../../src/types.js';
import { quoteArgv } from '../../src/util/shell-quote.js';

const rules = await builtinRules();
const sqlFor = await sqlFactsForTest();

const TARGETS = {
  production: 'postgres://app:pw@db.prod.example.com:5432/app',
  'unknown-remote': 'postgres://app:pw@ec2-54-83-12-200.compute-1.amazonaws.com:5432/d8f7abc1',
  staging: 'postgres://app:pw@db.staging.example.com:5432/app',
  local: 'postgres://postgres@localhost:5432/app_dev',
} as const;
type Target = keyof typeof TARGETS;

/** [sql, verdict on production, unknown-remote, staging, local] */
const CASES: [string, Severity, Severity, Severity, Severity][] = [
  // Destructive: DROP, TRUNCATE, DELETE/UPDATE of every row.
  ['DROP TABLE users', 'block', 'confirm', 'confirm', 'allow'],
  ['drop table if exists "Users" cascade', 'block', 'confirm', 'confirm', 'allow'],
  ['/* harmless */ DrOp/**/TaBlE users', 'block', 'confirm', 'confirm', 'allow'],
  ['DROP SCHEMA public CASCADE', 'block', 'confirm', 'confirm', 'allow'],
  ['DROP DATABASE app', 'block', 'confirm', 'confirm', 'allow'],
  ['TRUNCATE users', 'block', 'confirm', 'confirm', 'allow'],
  ['truncate table users, builds restart identity cascade', 'block', 'confirm', 'confirm', 'allow'],
  ['-- clean up\nTRUNCATE sessions;', 'block', 'confirm', 'confirm', 'allow'],
  ['DELETE FROM users', 'block', 'confirm', 'confirm', 'allow'],
  ['delete from users where true', 'block', 'confirm', 'confirm', 'allow'],
  ['DELETE FROM users WHERE 1 = 1', 'block', 'confirm', 'confirm', 'allow'],
  ["DELETE FROM users WHERE 'a' = 'a'", 'block', 'confirm', 'confirm', 'allow'],
  ['DELETE FROM users WHERE id = id', 'block', 'confirm', 'confirm', 'allow'],
  ['DELETE FROM users WHERE id IN (SELECT id FROM users)', 'block', 'confirm', 'confirm', 'allow'],
  ['DELETE FROM users WHERE deleted OR true', 'block', 'confirm', 'confirm', 'allow'],
  ['UPDATE accounts SET balance = 0', 'block', 'confirm', 'confirm', 'allow'],
  ['update accounts set balance = 0 where 2 > 1', 'block', 'confirm', 'confirm', 'allow'],
  // Judged statement by statement: a transaction does not hide a TRUNCATE.
  ['BEGIN; SELECT 1; TRUNCATE users; COMMIT;', 'block', 'confirm', 'confirm', 'allow'],
  ['SELECT 1; DROP TABLE audit_log;', 'block', 'confirm', 'confirm', 'allow'],
  ["DO $$ BEGIN EXECUTE 'TRUNCATE users'; END $$", 'block', 'confirm', 'confirm', 'allow'],
  // Schema changes that destroy column data.
  ['ALTER TABLE users DROP COLUMN email', 'confirm', 'confirm', 'warn', 'allow'],
  ['ALTER TABLE users ALTER COLUMN id TYPE bigint', 'confirm', 'confirm', 'warn', 'allow'],
  // Replication and topology (github-2018).
  ['SELECT pg_promote()', 'confirm', 'confirm', 'confirm', 'warn'],
  ["SELECT pg_drop_replication_slot('standby_1')", 'confirm', 'confirm', 'confirm', 'warn'],
  // DELETE with a WHERE: warned on production (the blast radius estimate escalates it when probed).
  ['DELETE FROM users WHERE id = 42', 'warn', 'allow', 'allow', 'allow'],
  ["UPDATE users SET email = 'x' WHERE id = 7", 'warn', 'allow', 'allow', 'allow'],
  // Harmless, with keywords in strings and comments.
  ['SELECT * FROM users WHERE id = 1', 'allow', 'allow', 'allow', 'allow'],
  ["SELECT 'DROP TABLE users'", 'allow', 'allow', 'allow', 'allow'],
  ["INSERT INTO audit (note) VALUES ('TRUNCATE users; DELETE FROM x')", 'allow', 'allow', 'allow', 'allow'],
  ['-- DROP TABLE users\nSELECT now()', 'allow', 'allow', 'allow', 'allow'],
  ['/* TRUNCATE users */ SELECT 1', 'allow', 'allow', 'allow', 'allow'],
  ['SELECT $$DROP TABLE users$$', 'allow', 'allow', 'allow', 'allow'],
  ['CREATE TABLE truncate_log (id int)', 'allow', 'allow', 'allow', 'allow'],
  ['ALTER TABLE users ADD COLUMN nickname text', 'allow', 'allow', 'allow', 'allow'],
  ['EXPLAIN DELETE FROM users', 'allow', 'allow', 'allow', 'allow'],
  ['SELECT pg_is_in_recovery()', 'allow', 'allow', 'allow', 'allow'],
  ['BEGIN; SELECT count(*) FROM users; ROLLBACK;', 'allow', 'allow', 'allow', 'allow'],
  // Undone within the same input: a rolled-back transaction, a table created then dropped.
  ['BEGIN; DELETE FROM users; ROLLBACK;', 'allow', 'allow', 'allow', 'allow'],
  ['CREATE TABLE scratch (x int); DROP TABLE scratch;', 'allow', 'allow', 'allow', 'allow'],
  ['CREATE TEMP TABLE tmp AS SELECT 1; TRUNCATE tmp;', 'allow', 'allow', 'allow', 'allow'],
  ['BEGIN; DELETE FROM users; COMMIT;', 'block', 'confirm', 'confirm', 'allow'],
  ['BEGIN; SAVEPOINT a; DELETE FROM users; ROLLBACK TO SAVEPOINT a; DELETE FROM users; COMMIT;', 'block', 'confirm', 'confirm', 'allow'],
  ['CREATE TABLE scratch (x int); DROP TABLE users;', 'block', 'confirm', 'confirm', 'allow'],
  // Text nothing can parse is never allowed on production or remote targets.
  ['DELEET FROM users', 'confirm', 'confirm', 'warn', 'warn'],
];

const ORDER: Target[] = ['production', 'unknown-remote', 'staging', 'local'];

describe('SQL corpus across environments', () => {
  for (const [sql, ...verdicts] of CASES) {
    ORDER.forEach((target, index) => {
      it(`${verdicts[index]} on ${target}: ${sql.replace(/\n/g, ' ')}`, () => {
        const analysis = checkLine(quoteArgv(['psql', TARGETS[target], '-c', sql]), {
          rules,
          env: { HOME: '/home/dev' },
          cwd: '/home/dev/project',
          hostname: 'workstation',
          sqlFor,
        });
        expect(analysis.errors).toEqual([]);
        expect(analysis.verdict, JSON.stringify(analysis.findings.map((f) => [f.rule, f.severity]))).toBe(verdicts[index]);
      });
    });
  }
});
