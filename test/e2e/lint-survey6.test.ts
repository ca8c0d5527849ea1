// `prodguard lint` on shapes from a sixth survey of real repositories (ory/kratos, usememos/memos,
// riverqueue/river, percona operators, dokku, …).
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey6-shapes');
const keys = findingKeys;

describe('lint precision on a sixth survey', () => {
  it('a table rebuilt (every row copied to a new table, then the old one dropped) loses nothing; partial copies still ask', () => {
    const body = lintCopy('table-rebuild');
    expect(keys(body)).toEqual([
      // An inner join leaves the rows without a match behind.
      'migrations/0003_partial_copies.sql:3 sql/drop-objects confirm',
      // A WHERE keeps only some rows.
      'migrations/0003_partial_copies.sql:6 sql/drop-objects confirm',
      // The copy went to a table the same file drops afterwards.
      'migrations/0003_partial_copies.sql:9 sql/drop-objects confirm',
    ]);
  });
});

describe('a table rebuild split into one statement per migration', () => {
  it('the drop in the migration right after the copy loses nothing; a drop in a later migration still asks', () => {
    const body = lintCopy('split-rebuild');
    expect(keys(body).filter((key) => key.includes('drop-objects'))).toEqual([
      'persistence/migrations/20210102000000000000_flows_drop.sqlite3.up.sql:1 sql/drop-objects confirm',
    ]);
  });
});

describe('lint leaves test doubles and copied modules out of a folder walk', () => {
  it('stub migrations (a copy the tests run) and a module copied under its import path are not linted', () => {
    const body = lintCopy('doubles-and-copies');
    expect(keys(body)).toEqual(['persistence/sql/migrations/20200812124254_add_session_token.up.sql:1 sql/delete-update-all-rows confirm']);
  });

  it('named on the command line, the copied module is linted', () => {
    const body = lintCopy('doubles-and-copies', ['licenses/go-licenses/github.com/hashicorp/go-multierror/.circleci/config.yml']);
    expect(keys(body)).toEqual(['licenses/go-licenses/github.com/hashicorp/go-multierror/.circleci/config.yml:7 filesystem/rm-data-directory warn']);
  });
});

describe('lint reads a cloud resource the file creates as its own', () => {
  it('two different GitHub expressions are not one resource: the delete of another cluster still asks', () => {
    const body = lintCopy('expression-names');
    expect(keys(body)).toEqual(['.github/workflows/e2e.yml:8 cloud/cloud-resource-delete confirm']);
  });

  it('a cluster the Jenkinsfile creates under a name from variables is deleted as its teardown (warn); another cluster still asks', () => {
    const body = lintCopy('gcloud-teardown');
    expect(keys(body)).toEqual(['Jenkinsfile:14 cloud/cloud-resource-delete warn', 'Jenkinsfile:15 cloud/cloud-resource-delete confirm']);
    // Named as written, never as the "-" left when the variables are taken as empty.
    expect(body.findings[0]!.message).toContain('deletes ${CLUSTER_NAME}-${CLUSTER_SUFFIX} and what it holds');
    expect(body.findings[0]!.message).toContain('created earlier in this file (a teardown)');
    expect(body.findings[1]!.message).toContain('deletes shared-${CLUSTER_SUFFIX}');
  });
});
