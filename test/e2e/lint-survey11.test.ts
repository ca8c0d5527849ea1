// `prodguard lint` on shapes from an eleventh, held-out survey of real repositories
// (scylla-operator, mydumper, CircleCI's heroku orb, rubygems.org, clickhouse-operator, gogs):
// see bench/lint-survey11.md.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey11-shapes');
const keys = findingKeys;

describe("a Makefile's canned recipe named for production", () => {
  // scylla-operator: `define generate-manager-manifests-prod` made every recipe production.
  it('is no environment for the whole file', () => {
    const body = lintCopy('make-macro');
    expect(keys(body)).toEqual(['Makefile:10 cloud/sync-delete-remote confirm']);
  });
});

describe("CircleCI's parameters", () => {
  // mydumper: `cmake . <<parameters.CMAKED>>`, read as a heredoc with no end.
  it('are values set before the shell runs, with or without spaces; the SQL around them is still judged', () => {
    const body = lintCopy('circleci-parameters');
    expect(keys(body)).toEqual(['.circleci/config.yml:13 sql/drop-objects confirm']);
  });
});

describe("a force push to a platform's deploy remote", () => {
  // CircleCI-Public/heroku-orb: `git push -f "https://heroku:…@git.heroku.com/APP.git" BRANCH:main`.
  it("is a deploy, not a rewrite of others' history; the project's own origin still asks", () => {
    const body = lintCopy('paas-remote');
    expect(keys(body)).toEqual(['deploy.sh:7 git/force-push-main confirm']);
  });
});

describe('tables dropped in a database the file created', () => {
  // rubygems.org's load-pg-dump: dropdb, createdb, migrate, then DROP TABLE of what it loads.
  it('are its own (a warn); the dropdb and another database still ask', () => {
    const body = lintCopy('own-database');
    expect(keys(body)).toEqual(['load-dump.sh:4 database/dropdb confirm', 'load-dump.sh:6 sql/drop-objects warn', 'load-dump.sh:8 sql/drop-objects confirm']);
  });
});

describe('a variable whose name holds DATA only inside a word', () => {
  // clickhouse-operator: `cp -r …/metadata/* "${DST_METADATA_DIR}"`.
  it('names no data directory; MYSQL_DATA_DIR still does', () => {
    const body = lintCopy('metadata-dir');
    expect(keys(body)).toEqual(['release.sh:8 filesystem/replace-data-files confirm']);
  });
});

describe("find's name test that no data directory's glob can meet", () => {
  // gogs' backup rotator: `find "$BACKUP_PATH/" -type f -name "gogs-backup-*.zip" -exec rm {} +`.
  it('deletes no database files; a name tables are kept in still does', () => {
    const body = lintCopy('find-named-archives');
    expect(keys(body)).toEqual(['rotate.sh:5 filesystem/rm-data-directory confirm']);
  });
});

describe('a sync with deletion back into the bucket a folder was fetched from', () => {
  // scylla-operator's helm-publish: `gsutil rsync -d BUCKET LOCAL`, add a chart, `gsutil rsync -d LOCAL BUCKET`.
  it('deletes only what the file removed from its copy (a warn); another folder still asks', () => {
    const body = lintCopy('sync-round-trip');
    expect(keys(body)).toEqual(['Makefile:6 cloud/sync-delete-remote warn', 'Makefile:10 cloud/sync-delete-remote confirm']);
  });
});

describe("ProxySQL's admin interface", () => {
  // sysown/proxysql's docker scenarios: `echo "DELETE FROM mysql_servers;" | mysql -u admin -h $i -P6032`.
  it("is the proxy's configuration, not a database's rows; the MySQL servers behind it still are", () => {
    const body = lintCopy('proxysql-admin');
    expect(keys(body)).toEqual(['configure.sh:9 sql/delete-update-all-rows confirm']);
  });
});

describe("a standby's recovery.conf", () => {
  // sameersbn/docker-postgresql: `sed -i "s|host=[^ ']*|host=…|" ${PG_DATADIR}/recovery.conf`.
  it('is configuration kept in the data directory; its data files are not', () => {
    const body = lintCopy('recovery-conf');
    expect(keys(body)).toEqual(['functions:7 filesystem/rewrite-data-files warn']);
  });
});

describe('SQL with dollar-quoted bodies that does not parse', () => {
  // liberapay's sql/migrations.sql: an English first line, then functions quoted `AS $$ … $$`.
  it("is PostgreSQL's: one syntax error, not also a dialect nobody can tell", () => {
    const body = lintCopy('dollar-quoted');
    expect(keys(body)).toEqual(['sql/migrations/0001_init.sql:1 lint/parse-error warn', 'sql/migrations/0001_init.sql:14 sql/drop-objects confirm']);
  });
});

describe('a variable assigned a name with an unknown part', () => {
  // buildkite's delete.sh (survey 10's leftover): `stack_name="buildkite-aws-stack-test-${os}-${BUILDKITE_BUILD_NUMBER}"`.
  it('keeps its known text, so the name says test; a name with nothing known still asks', () => {
    const body = lintCopy('assigned-shape');
    expect(keys(body)).toEqual(['delete.sh:10 cloud/cloud-resource-delete warn', 'delete.sh:13 cloud/cloud-resource-delete confirm']);
  });
});
