// `prodguard lint` on shapes from a tenth, held-out survey of real repositories (bitwarden/server,
// Flagsmith, openstatus, buildkite's elastic-ci-stack, action-setup-postgres, …) and survey 9's
// openstack/kolla trap: see bench/lint-survey10.md.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey10-shapes');
const keys = findingKeys;

describe("a trap's string that names a variable holding a command's output", () => {
  // openstack/kolla's pre-commit hook: `tmpdir=$(mktemp -d …) || exit 1`, `trap "rm -rf $TOPLEVEL/$tmpdir" 0`.
  it('runs the output the variable holds, not the substitution again; what the string says itself, and output nobody read, are still judged', () => {
    const body = lintCopy('trap-held-output');
    expect(keys(body)).toEqual(['tools/cleanup.sh:4 filesystem/rm-data-directory confirm']);
    expect((body.notices ?? []).map((notice) => `${notice.file}:${notice.line}`)).toEqual(['tools/cleanup.sh:7']);
  });
});

describe("SQL Server's T-SQL", () => {
  // bitwarden's DbUp scripts: `GO` batches, `[dbo].` names, `DECLARE @x`.
  it('is a file not fully checked (a notice), not parse errors; a syntax error in other SQL is still one', () => {
    const body = lintCopy('tsql');
    expect(keys(body)).toEqual(['util/Migrator/DbScripts/2024-11-01_00_BrokenMigration.sql:3 lint/parse-error warn']);
    const notices = body.notices ?? [];
    expect(notices.map((notice) => `${notice.file}:${notice.line}`)).toEqual([
      'util/Migrator/DbScripts/2024-08-26_00_DataMigration.sql:2',
      'util/Migrator/DbScripts/2024-10-04_01_AddMigrationRecordTable.sql:1',
    ]);
    expect(notices[0]?.message).toContain("SQL Server's T-SQL");
  });
});

describe("a test env file's URLs", () => {
  // openstatus: `SCREENSHOT_SERVICE_URL=http://your.endpoint`, `UPSTASH_REDIS_REST_URL=https://test.upstash.io`.
  it("judges only a data store's URL, and not one on a host named for tests", () => {
    const body = lintCopy('env-file-urls');
    expect(keys(body)).toEqual(['.env.test:7 dotenv/test-env-points-at-remote-database confirm']);
  });
});

describe('a test job in a workflow file named for production', () => {
  // Flagsmith's frontend-deploy-production.yml: `run-unit-tests` on ubuntu-latest, before the deploy.
  it("works where its own name says; a job with production's environment, or no test name, keeps the file's", () => {
    const body = lintCopy('unit-job-in-deploy-workflow');
    expect(keys(body)).toEqual([
      '.github/workflows/frontend-deploy-production.yml:17 database/test-suite-against-remote block',
      '.github/workflows/frontend-deploy-production.yml:23 database/test-suite-against-remote block',
    ]);
  });
});

describe('a data directory the file initialised', () => {
  // ikalnytskyi/action-setup-postgres: `initdb --pgdata="$PGDATA"`, then `cat > "$PGDATA/pg_service.conf"`.
  it("takes the file's writes; another cluster's files and a removal inside it still ask", () => {
    const body = lintCopy('own-data-directory');
    expect(keys(body)).toEqual(['setup-postgres.sh:11 filesystem/overwrite-data-files confirm', 'setup-postgres.sh:12 filesystem/rm-data-directory confirm']);
  });
});

describe('deletes of the names a filter named for tests keeps', () => {
  // buildkite's elastic-ci-stack cleanup: `list-buckets | grep -E 'stack-test-…' | xargs -I% aws s3 rb s3://% --force`.
  it('warn; a filter that keeps production names, or an inverted one, still asks', () => {
    const body = lintCopy('filtered-cleanup');
    expect(keys(body)).toEqual([
      'cleanup.sh:6 cloud/cloud-resource-delete warn',
      'cleanup.sh:6 cloud/s3-recursive-delete warn',
      'cleanup.sh:8 cloud/cloud-resource-delete warn',
      'cleanup.sh:12 cloud/cloud-resource-delete confirm',
      'cleanup.sh:15 cloud/cloud-resource-delete confirm',
    ]);
  });
});

describe('a RAID array the file created', () => {
  // buildkite's bk-mount-instance-storage.sh: `mdadm --create /dev/md0 … $devices`, `mkfs.ext4 -F /dev/md0`.
  it('is formatted silently; another device still asks', () => {
    const body = lintCopy('own-array');
    expect(keys(body)).toEqual(['mount-instance-storage.sh:6 filesystem/format-device confirm']);
  });
});

describe('a preview app a workflow makes and destroys', () => {
  // openstatus: `APP_NAME: openstatus-api-preview-${{ github.ref_name }}`, `flyctl apps create|destroy ${{ env.APP_NAME }}`.
  it("reads `${{ env.X }}` as X's value, one word, and its destroy as the file's teardown; another app still asks", () => {
    const body = lintCopy('preview-app');
    expect(keys(body)).toEqual([
      '.github/workflows/api-preview.yml:23 cloud/paas-destroy warn',
      '.github/workflows/api-preview.yml:25 cloud/paas-destroy confirm',
    ]);
    expect(body.findings[0]?.message).toContain('openstatus-api-preview-${{github.ref_name}}');
  });
});

describe('a migration that checks the counts of two tables before dropping one', () => {
  // formbricks: `IF (SELECT COUNT(*) FROM "ApiKey") != (SELECT COUNT(*) FROM "ApiKeyNew") THEN RAISE EXCEPTION`, then `DROP TABLE "ApiKey"`.
  it('drops a table whose rows the kept one holds; a check whose other table goes too, and a drop no check covers, still ask', () => {
    const body = lintCopy('count-check');
    expect(keys(body)).toEqual([
      'prisma/migrations/20250401000000_drop_sessions/migration.sql:8 sql/drop-objects confirm',
      'prisma/migrations/20250401000000_drop_sessions/migration.sql:9 sql/drop-objects confirm',
      'prisma/migrations/20250401000000_drop_sessions/migration.sql:10 sql/drop-objects confirm',
    ]);
  });
});
