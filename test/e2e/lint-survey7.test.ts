// `prodguard lint` on shapes from a seventh survey of real repositories (Netflix/dispatch,
// kartoza/docker-pg-backup, …).
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey7-shapes');
const keys = findingKeys;

describe('lint precision on a seventh survey', () => {
  it("a table in a schema the migration created (through a function called with the schema's name) is its own; others still ask", () => {
    const body = lintCopy('schema-clone');
    expect(keys(body)).toEqual([
      // DROP SCHEMA IF EXISTS <dest> CASCADE, once per call: a schema of that name would be lost.
      'migrations/0001_tenants.sql:6 sql/drop-objects confirm',
      'migrations/0001_tenants.sql:6 sql/drop-objects confirm',
      // public was there before the migration.
      'migrations/0001_tenants.sql:24 sql/drop-objects confirm',
      // CREATE SCHEMA IF NOT EXISTS may find the schema there, with its tables.
      'migrations/0001_tenants.sql:27 sql/drop-objects confirm',
    ]);
    expect(body.findings.map((f) => f.message).join('\n')).toContain('DROP SCHEMA IF EXISTS tenant_default CASCADE');
  });
});

describe("a container's start script changes the container's copy of its image", () => {
  it('chown -R of system folders in the ENTRYPOINT script is silent; one reaching a volume, or in another script, still blocks', () => {
    const body = lintCopy('container-start');
    expect(keys(body)).toEqual([
      // Not the image's ENTRYPOINT or CMD: it runs on whatever machine calls it.
      'scripts/restore-host.sh:3 filesystem/chmod-chown-recursive-root block',
      // /var holds the image's volume /var/backups, which outlives the container.
      'scripts/start.sh:6 filesystem/chmod-chown-recursive-root block',
    ]);
  });
});

describe("a file the database server never keeps at its data directory's top is not its data", () => {
  it("scripts and scratch files an entrypoint puts in /var/lib/mysql are silent; the server's files and a database's folder still ask", () => {
    const body = lintCopy('data-directory-scratch');
    expect(keys(body)).toEqual([
      'build/init-entrypoint.sh:9 filesystem/rm-data-directory confirm',
      'build/init-entrypoint.sh:10 filesystem/replace-data-files confirm',
      // `shop` may be a database's folder.
      'build/init-entrypoint.sh:11 filesystem/rm-data-directory confirm',
    ]);
  });
});

describe('the engine a migration folder names, and Flyway placeholders', () => {
  it('MySQL in migration_mysql/ with a JSON comment parses; a ${placeholder} table is still judged', () => {
    const body = lintCopy('dialect-in-path');
    expect(keys(body)).toEqual([
      'db/migration_mysql/V3__drop_old_runs.sql:1 sql/drop-objects confirm',
      'db/migration_postgres/R__payload_schema.sql:10 sql/drop-objects confirm',
    ]);
    expect(body.findings[1]?.message).toContain('DROP TABLE ${tableName}_old');
  });
});

describe('a variable a sourced file may set', () => {
  it('rm -rf $X/* after sourcing a settings file is a warn naming that file; with nothing sourced it blocks', () => {
    const body = lintCopy('sourced-settings');
    expect(keys(body)).toEqual(['bin/clean.sh:3 filesystem/rm-unset-variable block', 'bin/start.sh:5 filesystem/rm-unset-variable warn']);
    expect(body.findings[1]?.message).toContain('unless "${CRUNCHY_DIR}/bin/postgres/setenv.sh" (sourced on line 2) sets it');
  });
});

describe('dropdb after connection options held in a variable', () => {
  it('names the database it drops, not the variable that holds the options', () => {
    const body = lintCopy('unknown-connection-options');
    expect(keys(body)).toEqual([
      'scripts/restore.sh:2 database/dropdb confirm',
      'scripts/restore.sh:3 database/dropdb confirm',
      'scripts/restore.sh:4 database/dropdb confirm',
    ]);
    const messages = body.findings.map((f) => f.message);
    expect(messages[0]).toContain('drops the database shop (unknown: $PG_CONN_PARAMETERS is only known where it runs)');
    expect(messages[1]).toContain('drops the database $1');
    expect(messages[2]).toContain('drops the database $DB');
  });
});

describe('migrations are read in version order', () => {
  it("Flyway's V12 widening a column V8 created rewrites nothing; a narrowing still warns", () => {
    const body = lintCopy('version-order');
    expect(keys(body)).toEqual(['db/migration/V13__narrow.sql:1 sql/alter-table-destructive warn']);
  });
});
