// `prodguard lint` on shapes from a twelfth, held-out survey of real repositories (bagisto,
// dalibo/ldap2pg, huginn, wallabag): see bench/lint-survey12.md.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey12-shapes');
const keys = findingKeys;

describe('a library an image build sources by its image path', () => {
  // bagisto's docker/production: built from the folder above the Dockerfile's, `COPY
  // shared/db/${DB_ENGINE}/ /usr/local/share/bagisto/db/`, and build-install.sh (run by a RUN)
  // sources db/engine.sh, whose db_build_init empties /var/lib/mysql before the image's initdb.
  it("is an image build in the functions only the build calls; the ones the container's start calls still ask", () => {
    const body = lintCopy('build-library');
    expect(keys(body)).toEqual([
      'production/shared/db/mariadb/engine.sh:13 filesystem/rm-data-directory confirm',
      'production/shared/db/mysql/engine.sh:13 filesystem/rm-data-directory confirm',
    ]);
  });
});

describe("bash's /dev/tcp and /dev/udp", () => {
  // dalibo/ldap2pg's Makefile: `bash -c "echo -n > /dev/tcp/$${PGHOST}/5432"`, a port check.
  it('open a socket, whatever the host; an LVM volume is still a device', () => {
    const body = lintCopy('dev-tcp');
    expect(keys(body)).toEqual(['Makefile:8 filesystem/redirect-to-device confirm']);
  });
});

describe("a socket in a database's data directory", () => {
  // huginn's upgrade-mysql: a temporary mysqld on `$DATADIR/.upgrade-mysql57.sock`, removed on exit.
  it('is no database file; the redo log beside it still is', () => {
    const body = lintCopy('data-dir-socket');
    expect(keys(body)).toEqual(['upgrade-mysql:10 filesystem/rm-data-directory confirm']);
  });
});

describe('a URL in an env file with a % that is not percent-encoding', () => {
  // wallabag's .env.test: `DATABASE_URL=sqlite:///%kernel.project_dir%/data/db/wallabag_test.sqlite`.
  it('is read, not a parse error; a production host in the same file is still found', () => {
    const body = lintCopy('dotenv-percent');
    expect(keys(body)).toEqual(['.env.test:3 dotenv/test-env-points-at-remote-database block']);
  });
});

describe('an extension that keeps no data, dropped with CASCADE', () => {
  // deliveryhero's pg-repack-scheduler chart: `DROP EXTENSION IF EXISTS pg_repack CASCADE` around each run.
  it('takes nothing stored with it; postgis still does', () => {
    const body = lintCopy('stateless-extension');
    expect(keys(body)).toEqual(['run_pg_repack.sh:11 sql/drop-objects confirm']);
  });
});

describe("a container's start library, copied to a folder the image's ENV names", () => {
  // sameersbn/docker-postgresql (survey 11): `COPY runtime/ ${PG_APP_HOME}/`, the entrypoint
  // sources `${PG_APP_HOME}/functions`, which removes a stale postmaster.pid and, unless the
  // container is a standby, recovery.conf, before it starts the server.
  it('configures the server it starts; emptying the data directory still asks', () => {
    const body = lintCopy('start-library');
    expect(keys(body)).toEqual(['runtime/functions:18 filesystem/rm-data-directory confirm']);
  });
});

describe('a make variable whose name alone says staging or production', () => {
  // apache/solr-operator: `DOCS_STAGING = docs/build/staging` made `go test` in another recipe
  // "a test suite against staging".
  it('says so of the recipes that expand it, not of every recipe', () => {
    const body = lintCopy('make-named-variable');
    expect(keys(body)).toEqual(['Makefile:14 database/test-suite-against-remote block']);
  });
});

describe('an ssh destination only known where the script runs', () => {
  // sourcegraph/deploy-sourcegraph-docker's migrate.sh: `ssh -t "${dst_host}" "… docker-compose down --volumes"`.
  it('is named * in the message, as other unknown words are, and still asks', () => {
    const body = lintCopy('ssh-unknown-host');
    expect(keys(body)).toEqual(['migrate.sh:3 host/docker-prune-volumes confirm']);
    expect(body.findings[0]!.message).toContain('on * (unknown-remote: * is a remote host');
  });
});

describe('a path variable tested non-empty before the delete', () => {
  // influxdata-docker's influxdb 2.9 entrypoint: `if [ -n "${ENGINE_PATH}" ] && [ "${ENGINE_PATH}" != "/" ]; then rm -rf "${ENGINE_PATH}/"*`.
  it('cannot be empty there (SC2115 is answered); after ||, under -z, or with no test it still can; assignments under the test still count', () => {
    const body = lintCopy('non-empty-guard');
    expect(keys(body)).toEqual([
      'cleanup.sh:8 filesystem/rm-unset-variable block',
      'cleanup.sh:9 filesystem/rm-unset-variable block',
      'cleanup.sh:10 filesystem/rm-unset-variable block',
      'cleanup.sh:18 database/dropdb confirm',
    ]);
  });
});

describe('a URL whose host is only known where the script runs', () => {
  // percona-docker's clustercheckcron: `curl http://$DISCOVERY_SERVICE/v2/keys/… -XDELETE` said "deletes on v2".
  it('names no host from its path', () => {
    const body = lintCopy('url-unknown-host');
    expect(keys(body)).toEqual(['clustercheckcron:3 http/delete-request warn']);
    expect(body.findings[0]!.message).toContain('deletes on * over HTTP');
  });
});

describe("a container's start script pointing its own server at a primary", () => {
  // percona-docker's ps-entry.sh: `RESET SLAVE; CHANGE MASTER TO MASTER_HOST='${MASTER_HOST}' …` on the server it started.
  it('sets up the server it started; a production server it names still asks', () => {
    const body = lintCopy('replica-entrypoint');
    expect(keys(body)).toEqual(['ps-entry.sh:9 sql/replication-change confirm']);
  });
});

describe('a data directory moved aside under a name ending in _tmp', () => {
  // percona-docker's pre-bootstrap: `mv "${PATRONI_POSTGRESQL_DATA_DIR}" "${PATRONI_POSTGRESQL_DATA_DIR}_tmp"`;
  // the same move written as paths (`mv …/main …/main_tmp`) was a confirm and a warn.
  it("is the rules' own way out, not a replacement; emptying the directory still asks", () => {
    const body = lintCopy('pgdata-aside');
    expect(keys(body)).toEqual(['pre-bootstrap.sh:10 filesystem/rm-data-directory confirm']);
  });
});
