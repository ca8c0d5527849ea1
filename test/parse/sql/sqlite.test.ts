import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../../src/parse/sql/load.js';
import { analyzeSqliteSql } from '../../../src/parse/sql/sqlite.js';

beforeAll(async () => {
  await loadSqlParser();
});

// Statements as real maintenance scripts and apps send them to sqlite3 (sqlite.org/lang.html).
const CASES: { sql: string; kinds: string[]; tables?: string[][]; errors?: number }[] = [
  { sql: 'PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;', kinds: ['set', 'set'] },
  { sql: 'PRAGMA wal_checkpoint(TRUNCATE);', kinds: ['set'] },
  { sql: 'PRAGMA integrity_check', kinds: ['set'] },
  { sql: "INSERT OR REPLACE INTO kv (k, v) VALUES ('a', 'b')", kinds: ['insert'], tables: [['kv']] },
  { sql: 'REPLACE INTO kv VALUES (1, 2)', kinds: ['insert'], tables: [['kv']] },
  { sql: 'UPDATE OR IGNORE users SET admin = 0', kinds: ['update'], tables: [['users']] },
  { sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT) WITHOUT ROWID, STRICT', kinds: ['create'] },
  { sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, strict_mode TEXT) STRICT', kinds: ['create'] },
  { sql: 'CREATE VIRTUAL TABLE IF NOT EXISTS main.docs USING fts5(title, body)', kinds: ['create'], tables: [['main.docs']] },
  { sql: 'BEGIN IMMEDIATE; DELETE FROM sessions; COMMIT;', kinds: ['transaction', 'delete', 'transaction'] },
  { sql: "VACUUM INTO '/tmp/x.db'; ANALYZE; REINDEX;", kinds: ['other', 'other', 'other'] },
  { sql: "ATTACH DATABASE 'old.db' AS old; DETACH old;", kinds: ['other', 'other'] },
  // PostgreSQL's grammar stays the judge of what it reads: the DELETE keeps its missing WHERE.
  { sql: 'PRAGMA foreign_keys=OFF; DELETE FROM users; DROP TABLE orders;', kinds: ['set', 'delete', 'drop-table'] },
  // What neither reads is an error, never a harmless statement.
  { sql: 'PRAGMA x; FROB THE TABLE', kinds: ['set'], errors: 1 },
];

describe('SQLite SQL (sqlite3, litecli)', () => {
  for (const c of CASES)
    it(c.sql, () => {
      const result = analyzeSqliteSql(c.sql);
      expect(result.statements.map((statement) => statement.kind)).toEqual(c.kinds);
      if (c.tables) expect(result.statements.map((statement) => statement.tables)).toEqual(c.tables);
      expect(result.errors).toHaveLength(c.errors ?? 0);
      // Messages quote what was written, at its own offsets.
      for (const statement of result.statements) expect(c.sql.slice(statement.pos, statement.end)).toContain(statement.text);
    });

  it('reads text PostgreSQL accepts whole exactly as PostgreSQL does', () => {
    const sql = "DELETE FROM users WHERE id = 1; UPDATE t SET a = 'x'";
    const result = analyzeSqliteSql(sql);
    expect(result.statements.map((statement) => [statement.kind, statement.where])).toEqual([
      ['delete', 'present'],
      ['update', 'none'],
    ]);
  });

  it('keeps a missing WHERE of a statement with SQLite-only words', () => {
    const [statement] = analyzeSqliteSql('INSERT OR IGNORE INTO a SELECT * FROM b; DELETE FROM b').statements.slice(1);
    expect(statement).toMatchObject({ kind: 'delete', where: 'none', tables: ['b'], text: 'DELETE FROM b' });
  });
});
