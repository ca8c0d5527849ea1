// SQL, MongoDB and Redis classes that used to get through (issue 11, class 8), and the harmless
// look-alikes that must stay as they were.
import type { CorpusGroup } from '../cases.js';

const PROD = 'postgres://app:s3cret@db.prod.example.com:5432/app';
const LOCAL = 'postgres://postgres:postgres@localhost:5432/app_dev';
const psql = (url: string, sql: string): string => `psql "${url}" -c "${sql.replace(/(["$`\\])/g, '\\$1')}"`;
const mongo = (js: string): string => `mongosh "mongodb://app:s3cret@mongo.prod.example.com/app" --eval '${js}'`;

export const groups: CorpusGroup[] = [
  {
    name: 'sqlclass: DROP … CASCADE and DROP OWNED destroy what depends on them',
    cases: [
      { line: psql(PROD, 'DROP OWNED BY app CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP OWNED BY app'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP EXTENSION postgis CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP TYPE mood CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP DOMAIN us_postal_code CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP SCHEMA reporting CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP FUNCTION touch_updated_at() CASCADE'), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, 'DROP EXTENSION pg_cron'), expect: 'confirm', rule: 'sql/drop-extension' },
      // Harmless look-alikes.
      { line: psql(PROD, 'DROP TYPE mood'), expect: 'allow' },
      { line: psql(LOCAL, 'DROP TABLE IF EXISTS tmp_x'), expect: 'allow' },
      { line: psql(LOCAL, 'DROP EXTENSION postgis CASCADE'), expect: 'allow' },
      { line: psql(PROD, 'REASSIGN OWNED BY old_app TO app'), expect: 'allow' },
    ],
  },
  {
    name: 'sqlclass: MERGE … THEN DELETE and always-true WHERE clauses delete in bulk',
    cases: [
      { line: psql(PROD, 'MERGE INTO users u USING old_users o ON u.id = o.id WHEN MATCHED THEN DELETE'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, 'DELETE FROM users WHERE id IS NOT NULL'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, 'DELETE FROM users WHERE email = email'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, 'DELETE FROM users WHERE 1 IN (1)'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, 'DELETE FROM users WHERE NOT false'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, 'UPDATE users SET plan = 0 WHERE active OR NOT active'), expect: 'block', rule: 'sql/delete-update-all-rows' },
      // Harmless look-alikes: real filters stay as they were.
      { line: psql(PROD, 'DELETE FROM users WHERE deleted_at IS NOT NULL'), expect: 'warn', rule: 'sql/delete-update-blast-radius' },
      { line: psql(LOCAL, 'DELETE FROM sessions WHERE expires_at < now()'), expect: 'allow' },
      { line: psql(PROD, 'MERGE INTO users u USING (VALUES (42)) v(id) ON u.id = v.id WHEN MATCHED THEN DELETE'), expect: 'warn' },
    ],
  },
  {
    name: 'sqlclass: SQL run from text (dblink, query_to_xml, EXECUTE format) is judged',
    cases: [
      { line: psql(PROD, "SELECT dblink_exec('dbname=app', 'DROP TABLE users')"), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, "SELECT * FROM dblink('dbname=app', 'DELETE FROM users') AS t(x int)"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, "SELECT query_to_xml('DELETE FROM users', true, true, '')"), expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: psql(PROD, "DO $$BEGIN EXECUTE format('DROP TABLE %I', 'users'); END$$"), expect: 'block', rule: 'sql/drop-objects' },
      { line: psql(PROD, "DO $$BEGIN EXECUTE format('TRUNCATE %s', tbl); END$$"), expect: 'block', rule: 'sql/truncate' },
      { line: psql(PROD, 'SELECT dblink_exec(conn, sql_text)'), expect: 'confirm', rule: 'sql/unjudgeable-sql' },
      // Harmless look-alikes.
      { line: psql(PROD, "SELECT * FROM dblink('dbname=app', 'SELECT id FROM users') AS t(id int)"), expect: 'allow' },
      { line: psql(PROD, "SELECT query_to_xml('SELECT * FROM users', true, true, '')"), expect: 'allow' },
    ],
  },
  {
    name: 'sqlclass: MySQL through mysqlsh and DELIMITER bodies',
    cases: [
      { line: `mysqlsh --sql mysql://app:s3cret@db.prod.example.com/app -e 'DESCRIBE users'`, expect: 'allow' },
      { line: `mysqlsh --sql mysql://app:s3cret@db.prod.example.com/app -e 'SHOW TABLES'`, expect: 'allow' },
      { line: `mysqlsh --sql mysql://app:s3cret@db.prod.example.com/app -e 'DELETE FROM users'`, expect: 'block', rule: 'sql/delete-update-all-rows' },
      {
        line: "mysql -h db.prod.example.com app <<'SQL'\nDELIMITER //\nCREATE PROCEDURE purge() BEGIN DELETE FROM users; END //\nDELIMITER ;\nCALL purge();\nSQL",
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      {
        line: "mysql -h db.prod.example.com app <<'SQL'\nDELIMITER //\nCREATE PROCEDURE one(IN i INT) BEGIN DELETE FROM users WHERE id = i; END //\nDELIMITER ;\nSQL",
        expect: 'allow',
      },
    ],
  },
  {
    name: 'sqlclass: mongosh filters that match every document',
    cases: [
      { line: mongo('db.users.deleteMany({$where: "true"})'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('db.users.deleteMany({$where: "1 == 1"})'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('db.users.deleteMany({$where: function () { return true }})'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('const f = {}; db.users.deleteMany(f)'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('db.users.deleteMany({_id: {$exists: true}})'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('db.users.deleteMany({_id: {$ne: null}})'), expect: 'block', rule: 'sql/mongo-drop' },
      { line: mongo('db.users["deleteMany"]({})'), expect: 'block', rule: 'sql/mongo-drop' },
      // Harmless look-alikes.
      { line: mongo('db.users.deleteMany({status: "inactive"})'), expect: 'allow' },
      { line: mongo('db.users.deleteMany({$where: "this.age > 130"})'), expect: 'allow' },
      { line: mongo('let f = {}; f = {status: "inactive"}; db.users.deleteMany(f)'), expect: 'allow' },
    ],
  },
  {
    name: 'sqlclass: Redis keys deleted in bulk through xargs',
    cases: [
      {
        line: "redis-cli -h redis.prod.internal --scan --pattern 'session:*' | xargs redis-cli -h redis.prod.internal DEL",
        expect: 'confirm',
        rule: 'database/redis-bulk-delete',
      },
      {
        line: "redis-cli --scan --pattern 'session:*' | xargs redis-cli UNLINK",
        hostname: 'cache-prod-1',
        expect: 'confirm',
        rule: 'database/redis-bulk-delete',
      },
      // Harmless look-alikes.
      { line: 'redis-cli -h redis.prod.internal DEL session:42', expect: 'allow' },
      { line: "redis-cli --scan --pattern 'session:*' | xargs redis-cli DEL", expect: 'allow' },
      { line: 'redis-cli -h redis.prod.internal EVAL "return redis.call(\'GET\', KEYS[1])" 1 k', expect: 'allow' },
    ],
  },
];
