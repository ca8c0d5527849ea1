// `prodguard lint` on shapes from an eighth survey of real repositories (percona's operators,
// nextcloud/all-in-one, memos, authelia, ceph-build, …), and the false classes surveys 6 and 7 left.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey8-shapes');
const keys = findingKeys;

describe('a Kubernetes cluster the file created', () => {
  // percona's e2e Jenkinsfiles: createCluster, shutdownCluster.
  it('emptying namespaces under the KUBECONFIG its create wrote is silent; another context or kubeconfig still asks', () => {
    const body = lintCopy('own-cluster');
    expect(keys(body)).toEqual([
      // A retry clears its own leftover: the list is filtered to the name the file creates.
      'Jenkinsfile:4 cloud/cloud-resource-delete warn',
      // Filtered to a name the file never creates.
      'Jenkinsfile:6 cloud/cloud-resource-delete confirm',
      // --context names another cluster than the one the file created.
      'Jenkinsfile:17 kubernetes/delete-all-pods confirm',
      'Jenkinsfile:17 kubernetes/delete-pods warn',
      // The cluster's own teardown (survey 6).
      'Jenkinsfile:18 cloud/cloud-resource-delete warn',
      // A kubeconfig no create in the file wrote.
      'Jenkinsfile:25 kubernetes/delete-all-pods warn',
    ]);
    expect(body.findings[0]?.message).toContain('the names a list filtered to ${CLUSTER_NAME}-${CLUSTER_SUFFIX} gives, which this file creates (a teardown)');
  });
});

describe('a variable a `while read` loop reads', () => {
  it('holds each line of input the line does not show, not nothing; a variable nothing sets still blocks', () => {
    const body = lintCopy('read-loop');
    expect(keys(body)).toEqual(['restore.sh:11 filesystem/rm-unset-variable block']);
  });
});

describe("the server's configuration files in its data directory", () => {
  it('sed -i of postgresql.conf or a new component .cnf are settings, not data; the data and a delete still ask', () => {
    const body = lintCopy('data-directory-config');
    expect(keys(body)).toEqual(['scripts/start.sh:6 filesystem/rewrite-data-files warn', 'scripts/start.sh:7 filesystem/rm-data-directory confirm']);
  });
});

describe('scratch tables of a table rebuild', () => {
  it("clearing the rebuild's own scratch name, a backup copied back, a renamed-aside table copied whole and a copy `FROM user` are no loss; a reset and a filtered copy still ask", () => {
    const body = lintCopy('scratch-tables');
    expect(keys(body)).toEqual([
      // Only the rows with a username reached webauthn_devices.
      'migrations/mysql/V0004__cleanup.sql:2 sql/drop-objects confirm',
      // `sessions` is kept at the end: its old rows are gone.
      'migrations/sqlite/0002__user_role.sql:29 sql/drop-objects confirm',
    ]);
  });
});

describe("a runner's programs", () => {
  it("a package's program in /usr/bin is no system file; `runs-on: [one hosted label]` is that runner; `${{ env.X }}` of a workflow variable is its value", () => {
    const body = lintCopy('runner-programs');
    expect(keys(body)).toEqual([
      '.github/workflows/e2e.yml:19 filesystem/rm-system-directory warn',
      // sudo is how anyone becomes root on that machine.
      '.github/workflows/e2e.yml:25 filesystem/rm-system-file confirm',
    ]);
  });
});

describe('scripts a CI runs', () => {
  it('the variables the CI sets for every job are set in a script a Jenkins Job Builder job includes or a workflow runs; a script run by hand still blocks', () => {
    const body = lintCopy('ci-run-scripts');
    expect(keys(body)).toEqual(['tools/reset.sh:3 filesystem/rm-unset-variable block']);
  });
});

describe('valid input read whole', () => {
  it("make's automatic variables of a static pattern rule over a reference are unknown, not its text", () => {
    expect(keys(lintCopy('make-static-pattern'))).toEqual(['Makefile:8 filesystem/rm-unset-variable block']);
  });

  it("a MySQL routine's BEGIN … END body without DELIMITER lines is one statement, its body judged", () => {
    expect(keys(lintCopy('mysql-routine-body'))).toEqual(['migrations/mysql/V0007__consistency.up.sql:7 sql/delete-update-all-rows warn']);
  });
});
