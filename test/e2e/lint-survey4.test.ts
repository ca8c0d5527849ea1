// `prodguard lint` on shapes from a fourth, held-out survey of real repositories (awslabs/data-on-eks,
// eksctl-io/eksctl, chef/bento, actions/runner-images, documenso, sqitch, gh-ost): a CI job's
// teardown of what it created, Packer image builds, column type changes PostgreSQL makes without
// a rewrite, jobs on GitHub's throwaway runners, and vendored code.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey4-shapes');
const keys = findingKeys;

describe('lint precision on a fourth survey', () => {
  it('a CI job deleting the cluster, stack, workspace or topic it created earlier is a teardown (warn); another delete still asks', () => {
    const body = lintCopy('teardown');
    expect(keys(body)).toEqual([
      '.github/workflows/destroy.yml:10 cloud/terraform-destroy confirm',
      '.github/workflows/e2e.yml:15 cloud/terraform-auto-approve warn',
      '.github/workflows/e2e.yml:19 cloud/terraform-destroy warn',
      '.github/workflows/e2e.yml:20 cloud/cloud-resource-delete warn',
      '.github/workflows/e2e.yml:21 cloud/cloud-resource-delete warn',
      '.github/workflows/e2e.yml:22 cloud/cloud-resource-delete confirm',
      'Makefile:3 cloud/cloud-resource-delete warn',
      // A Kafka topic the script created is its own to delete; another topic still asks.
      'scripts/kafka-perf.sh:5 database/service-data-delete-flagged warn',
      'scripts/kafka-perf.sh:6 database/service-data-delete-flagged confirm',
    ]);
    expect(body.findings[4]!.message).toContain('created earlier in this file (a teardown)');
    // `eksctl delete cluster --name X` deletes X, not a resource called "cluster".
    expect(body.findings[6]!.message).toContain('deletes integration-test-dev and what it holds');
  });

  it('Packer: inline lines and the scripts a template runs are an image build; uploads and remote databases are still judged', () => {
    const body = lintCopy('packer');
    expect(body.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      // Uploaded by a `file` provisioner, run later on machines booted from the image.
      'files/rotate-db.sh:3:1 filesystem/rm-data-directory',
      // An inline line reaching a production database, pointed at inside the template's string.
      'templates/build.pkr.hcl:27:8 database/dropdb',
    ]);
    expect(body.findings[1]!.severity).toBe('block');
    expect(body.notices ?? []).toEqual([]);
  });

  it('Packer: the same scripts linted without their template are judged as ordinary scripts', () => {
    const rules = lintCopy('packer', ['scripts', 'legacy/scripts']).findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
    expect(rules).toEqual([
      'legacy/scripts/log_cleanup.sh:3 filesystem/rm-system-directory',
      // minimize.sh:2 removes one named sudoers drop-in (/etc/sudoers.d/_packer_env): routine (issue 11).
      'legacy/scripts/minimize.sh:3 filesystem/rm-system-file',
      'scripts/ubuntu/cleanup_ubuntu.sh:3 filesystem/rm-system-directory',
      'scripts/ubuntu/cleanup_ubuntu.sh:4 filesystem/rm-system-directory',
    ]);
  });

  it('ALTER COLUMN … TYPE that keeps every value of a declared column (limit removed, varchar or numeric widened) is not reported; narrowing or an unknown old type is', () => {
    expect(keys(lintCopy('retype'))).toEqual([
      'prisma/migrations/20240101000000_widen/migration.sql:11 sql/alter-table-destructive warn',
      'prisma/migrations/20240101000000_widen/migration.sql:14 sql/alter-table-destructive warn',
      'prisma/migrations/20240101000000_widen/migration.sql:17 sql/alter-table-destructive warn',
    ]);
  });

  it("a GitHub-hosted runner's own files are throwaway (warn at most); a self-hosted runner's are not, and ssh reaches another host", () => {
    const { findings } = lintCopy('runners');
    // (rm-data-directory's severity on a production host is the rule's business: only its presence is asserted.)
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      '.github/workflows/build.yml:10 filesystem/rm-system-directory',
      '.github/workflows/build.yml:11 filesystem/rm-system-directory',
      '.github/workflows/build.yml:12 filesystem/rm-data-directory',
      '.github/workflows/build.yml:16 filesystem/rm-system-directory',
      'Dockerfile:4 filesystem/rm-data-directory',
    ]);
    expect(findings.slice(0, 2).map((f) => f.severity)).toEqual(['warn', 'warn']);
    expect(findings[0]!.message).toContain('a GitHub-hosted runner, discarded after the job');
    expect(findings[2]!.severity).not.toBe('warn');
    expect(findings[3]!.severity).toBe('block');
  });

  it('vendored dependencies are not walked into; named on the command line they are linted', () => {
    expect(keys(lintCopy('vendored'))).toEqual([]);
    const named = lintCopy('vendored', ['vendor']);
    // `rm /bin/golangci-lint` removes a tool, not a program the system boots with (survey 8).
    expect(named.findings.map((f) => f.rule)).toEqual(['filesystem/rm-system-directory']);
  });

  it('a word holding a variable the file does not set is shown as written, and names the bucket it holds', () => {
    const { findings } = lintCopy('unset-url');
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 cloud/s3-sync-delete-between-buckets', '5 filesystem/rm-unset-variable']);
    expect(findings[0]!.message).toContain('aws s3 sync --delete "s3://$ARTIFACTS_S3_BUCKET/${refName}/" "s3://$ARTIFACTS_S3_BUCKET/latest/"');
    expect(findings[0]!.message).toContain('deletes every object in $ARTIFACTS_S3_BUCKET');
    expect(findings[0]!.message).not.toContain('s3:///');
    expect(findings[1]!.message).toContain('rm -rf "$BUILD_DIR/" removes /');
  });

  it('Jenkinsfile: the steps of every switch case are read, after a def (a, b) = … assignment, with no notice', () => {
    const body = lintCopy('jenkins');
    expect(keys(body)).toEqual(['Jenkinsfile:11 database/dropdb block']);
    expect(body.notices ?? []).toEqual([]);
  });
});
