// `prodguard lint` on shapes from a ninth, held-out survey of real repositories (ory/hydra,
// killbill, Mailu, pg_auto_failover, openstack/kolla, …): see bench/lint-survey9.md.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey9-shapes');
const keys = findingKeys;

describe('one migration split into numbered files', () => {
  // ory/hydra's `migrate gen`: `<timestamp><step>_<name>.<engine>.up.sql`, one statement a file.
  it('a table one step copied whole (with its LEFT JOINed rows) may be dropped by a later step; another migration, an inner join or a table made again empty still ask', () => {
    const body = lintCopy('split-migration');
    expect(keys(body)).toEqual([
      // Dropped and made again empty: no step copied it.
      'migrations/20211019000001000004_merge_requests.mysql.up.sql:2 sql/drop-objects confirm',
      // An inner join copies only the users with an account.
      'migrations/20220101000000000001_inner_copy.postgres.up.sql:2 sql/drop-objects confirm',
      // Copied by a migration of another day: rows written since would be lost.
      'migrations/20230103000000000000_later_drop.postgres.up.sql:2 sql/drop-objects confirm',
    ]);
  });
});

describe('the idempotent first creation of a table', () => {
  // killbill's Flyway migrations: `DROP TABLE IF EXISTS t; CREATE TABLE t (…)` of a new table.
  it('is silent for a table no earlier migration of the history named; the first file, a table of the history and a bare drop still ask', () => {
    const body = lintCopy('new-table-reset');
    expect(keys(body)).toEqual([
      'migration/V20160101000000__first.sql:2 sql/drop-objects confirm',
      'migration/V20190101000000__reset_accounts.sql:2 sql/drop-objects confirm',
      'migration/V20190101000000__reset_accounts.sql:5 sql/drop-objects confirm',
    ]);
  });
});

describe('YAML the parser cannot read', () => {
  it('a Jinja template and an under-indented flow sequence Compose accepts are notices; an unclosed one is still an error', () => {
    const body = lintCopy('yaml-not-read');
    expect(keys(body)).toEqual(['.github/workflows/ci.yml:8 lint/parse-error warn']);
    expect((body.notices ?? []).map((notice) => `${notice.file}:${notice.line}`)).toEqual(['docker-compose.yml:5', 'flavors/docker-compose.yml:1']);
    expect(body.notices?.[1]?.message).toContain('template markup');
  });
});

describe('scripts an image ships', () => {
  // wal-g's test images: `ENV MYSQLDATA=/var/lib/mysql`, and a COPY of their test functions.
  it("see the image's ENV: the data directory asks, not an unset `/*`; an empty ENV is given at run time; the build context copied whole is no shipping", () => {
    const body = lintCopy('image-shipped');
    expect(keys(body)).toEqual([
      'docker/mysql/funcs.sh:5 filesystem/rm-data-directory confirm',
      // `ENV BACKUP_DIR ''`: given at docker run, unknown here; unset, the path is /*.
      'docker/mysql/funcs.sh:8 filesystem/rm-unset-variable block',
      'scripts/clean.sh:3 filesystem/rm-unset-variable block',
    ]);
  });
});

describe('what a container starts through supervisord', () => {
  // docker-mailserver: CMD supervisord; `[program:x] command=/usr/local/bin/start-mailserver.sh`,
  // which sources /usr/local/bin/helpers/index.sh, which sources utils.sh (`chown -R … /var/mail`).
  it("a program's script and the files it sources are container start scripts; a shipped script nothing starts still blocks", () => {
    const body = lintCopy('supervisord');
    expect(keys(body)).toEqual(['target/scripts/setup-host.sh:3 filesystem/chmod-chown-recursive-root block']);
  });
});

describe('a folder the script made in a data directory', () => {
  // percona-server-mongodb-operator's physical restore entrypoint (survey 6).
  it('moving files into it or removing from it replaces no data; after mkdir -p (a folder maybe there already) it still asks', () => {
    const body = lintCopy('own-folder');
    expect(keys(body)).toEqual(['restore-entry.sh:11 filesystem/replace-data-files confirm']);
  });
});

describe('a table copied in two halves', () => {
  // hatchet's v1_0_22: `WHERE xmin::text::bigint < snapshot_xmin`, then the rest under a lock.
  it('complementary comparisons of a system column copy every row; a nullable column or the same side twice still ask', () => {
    const body = lintCopy('copy-halves');
    expect(keys(body)).toEqual([
      'migrations/20250603000000_archive.sql:6 sql/drop-objects confirm',
      'migrations/20250603000000_archive.sql:11 sql/drop-objects confirm',
    ]);
  });
});

describe('the text of an unknown output split into words', () => {
  it('is no option cluster: `-d".")-alpine` hands docker no password, and nothing is hidden from the report', () => {
    const body = lintCopy('split-placeholder');
    expect(keys(body)).toEqual(['engine/snapshot.sh:6 host/zfs-destroy warn']);
    expect(JSON.stringify(body)).not.toContain('***');
  });
});

describe('a ZFS dataset the script made', () => {
  // postgres-ai/database-lab-engine's snapshot script.
  it('destroying the clone and snapshot it made is silent; the pool’s own dataset still warns', () => {
    const body = lintCopy('own-dataset');
    expect(keys(body)).toEqual(['snapshot.sh:13 host/zfs-destroy warn']);
  });
});

describe('a container the script started', () => {
  // postgres-ai/database-lab-engine: `docker run --name dblab_promote` on a clone, then promote.
  it('promoting the server in it is no failover; a container it did not start still warns', () => {
    const body = lintCopy('own-container');
    expect(keys(body)).toEqual(['promote.sh:6 replication/failover warn']);
  });
});
