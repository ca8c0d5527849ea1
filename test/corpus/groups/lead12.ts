// The lead's cases from the twelfth stop: SQLite's own SQL sent through sqlite3 and litecli
// (PRAGMA, VACUUM, INSERT OR REPLACE, AUTOINCREMENT, STRICT tables, `.backup`) is read, not "SQL
// prodguard cannot judge"; what it destroys on a production file is still stopped. The must-pass
// lines are shaped like real maintenance scripts' (WAL checkpoints before a copy, integrity
// checks, busy timeouts, upserts of a cache).
import type { CorpusGroup } from '../cases.js';

const PROD_FILE = '/srv/app/storage/production.sqlite3';

export const groups: CorpusGroup[] = [
  {
    name: "lead12: SQLite's own SQL through sqlite3 and litecli",
    cases: [
      { line: 'sqlite3 app.db "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;"', expect: 'allow' },
      { line: 'sqlite3 state.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>/dev/null || true', expect: 'allow' },
      { line: "sqlite3 -batch backup.db 'PRAGMA integrity_check;'", expect: 'allow' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA busy_timeout = 5000;" ".backup '/var/backups/app.sqlite3'"`, expect: 'allow' },
      { line: "sqlite3 cache.db \"INSERT OR REPLACE INTO kv (k, v) VALUES ('etag', 'abc');\"", expect: 'allow' },
      { line: 'sqlite3 -batch asn.db "INSERT OR IGNORE INTO asn VALUES (1, \'x\');"', expect: 'allow' },
      { line: 'sqlite3 cache.db "REPLACE INTO kv VALUES (1, 2)"', expect: 'allow' },
      {
        line: 'sqlite3 data.db "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, ts INTEGER) WITHOUT ROWID, STRICT;"',
        expect: 'allow',
      },
      { line: 'sqlite3 search.db "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, body)"', expect: 'allow' },
      { line: "sqlite3 app.db \"BEGIN IMMEDIATE; UPDATE jobs SET state = 'queued' WHERE state = 'running'; COMMIT;\"", expect: 'allow' },
      { line: 'sqlite3 db.sqlite3 "VACUUM;"', expect: 'allow' },
      { line: 'sqlite3 db.sqlite3 "VACUUM INTO \'/tmp/snapshot.db\'"', expect: 'allow' },
      { line: 'sqlite3 app.db "ANALYZE; REINDEX;"', expect: 'allow' },
      { line: 'sqlite3 app.db "ATTACH DATABASE \'old.db\' AS old; SELECT count(*) FROM old.users;"', expect: 'allow' },
      { line: 'sqlite3 -cmd "PRAGMA busy_timeout=8000" app.db "SELECT 1"', expect: 'allow' },
      { line: 'litecli -e "PRAGMA table_info(users)" app.db', expect: 'allow' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA foreign_keys=OFF; DELETE FROM users;"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `sqlite3 ${PROD_FILE} "UPDATE OR IGNORE users SET admin = 0"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: `sqlite3 ${PROD_FILE} "PRAGMA journal_mode=WAL; DROP TABLE IF EXISTS orders;"`, expect: 'block', rule: 'sql/drop-objects' },
      { line: `sqlite3 ${PROD_FILE} "BEGIN EXCLUSIVE; DELETE FROM sessions; COMMIT;"`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'sudo docker exec postgres16 psql -U postgres -c "\\l+ app_test"', expect: 'allow' },
      // What SQLite does not read either stays unjudgeable (a warn), never allowed.
      { line: 'sqlite3 app.db "PRAGMA x; FROB THE TABLE"', expect: 'warn', rule: 'sql/unjudgeable-sql' },
    ],
  },
];
