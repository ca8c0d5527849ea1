// `prodguard lint` on shapes taken from real repositories (citus, orchestrator, wal-g, patroni,
// discourse_docker …): what a migration tool runs is judged, regression-test SQL, extension
// upgrade scripts and test folders are not, and psql scripts are read as PostgreSQL.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers/cli.js';

const SHAPES = fileURLToPath(new URL('../fixtures/lint/survey-shapes/', import.meta.url));

interface Report {
  findings: { file: string; line: number; rule: string; severity: string; message: string }[];
  notices?: { file: string; message: string }[];
}

function lintJson(cwd: string, args: string[] = []) {
  const result = runCli(['lint', '--format', 'json', ...args], { cwd });
  return { ...result, body: JSON.parse(result.stdout) as Report };
}

const keys = (body: Report) => body.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

describe('lint precision on real shapes', () => {
  it('judges SQL a migration tool runs, and only that, in a folder walk', () => {
    const { body } = lintJson(join(SHAPES, 'sql'));
    expect(keys(body)).toEqual(['db/migrations/20240101_drop_legacy.sql:2 sql/drop-objects', 'flyway/V2__drop_audit.sql:2 sql/truncate']);
  });

  it('reads a psql script named on the command line as PostgreSQL: meta-commands and :vars are no errors', () => {
    const { body } = lintJson(join(SHAPES, 'sql'), ['src/test/regress/sql/multi_drop.sql']);
    expect(body.findings.map((f) => f.rule)).toEqual(['sql/drop-objects', 'sql/delete-update-all-rows']);
    expect(body.findings.map((f) => f.message).join('\n')).not.toMatch(/MySQL|does not parse/);
  });

  it('lint.sql.migrations names more migration folders; lint.ignore and --exclude leave files out', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'schema'), { recursive: true });
    writeFileSync(join(dir, 'schema', '0001.sql'), 'DROP TABLE old_orders;\n');
    writeFileSync(join(dir, 'deploy.sh'), '#!/bin/sh\nrm -rf /\n');
    expect(keys(lintJson(dir).body)).toEqual(['deploy.sh:2 filesystem/rm-root']);
    writeFileSync(join(dir, '.prodguard.yml'), 'lint:\n  ignore: ["deploy.sh"]\n  sql:\n    dialect: postgres\n    migrations: ["schema/*.sql"]\n');
    expect(keys(lintJson(dir).body)).toEqual(['schema/0001.sql:1 sql/drop-objects']);
    expect(keys(lintJson(dir, ['--exclude', 'schema/**']).body)).toEqual([]);
  });

  it('a bad lint config is one clear line', () => {
    const dir = tempDir();
    // A config named with --config is checked strictly (a repository's own file that is
    // malformed is reported as ignored, as for every other key).
    writeFileSync(join(dir, 'bad.yml'), 'lint:\n  sql:\n    dialect: oracle\n');
    const result = runCli(['lint', '--config', 'bad.yml', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/lint\.sql\.dialect: must be one of auto, postgres, mysql/);
  });

  it('valid shell the parser cannot read is one notice per file, not a finding; templates are not linted', () => {
    const { body, status } = lintJson(join(SHAPES, 'shell'));
    // Dockerfile.tt (ERB) is not read as a Dockerfile; make variables the Makefile does not set
    // are unknown (so `> ${CACHE_FILE}` parses) and `rm -rf ${CACHE_FOLDER}/*` stays the SC2115 hazard.
    // Dockerfile RUN changes a fresh image layer: rm -rf /var/www/*, chown -R, find -delete are
    // not judged there; the SC2115 shape still is.
    expect(keys(body)).toEqual(['Dockerfile:7 filesystem/rm-unset-variable', 'Makefile:4 filesystem/rm-unset-variable']);
    expect(body.notices).toEqual([{ file: 'xzgrep', line: 8, message: expect.stringContaining('not checked') }]);
    expect(status).toBe(1);
    const text = runCli(['lint', '.'], { cwd: join(SHAPES, 'shell') });
    expect(text.stderr).toMatch(/1 file\(s\) not fully checked.*xzgrep:8/);
  });

  it('a variable the file does not set is unknown, not empty; the SC2115 shape stays flagged', () => {
    const { body } = lintJson(join(SHAPES, 'vars'));
    expect(keys(body)).toEqual(['reset-db.sh:3 database/dropdb', 'reset-db.sh:4 filesystem/rm-unset-variable', 'reset-db.sh:5 filesystem/rm-unset-variable']);
    const dropdb = body.findings[0]!.message;
    expect(dropdb).toContain('drops the database $DB');
    expect(dropdb).not.toMatch(/database -U|-U is a remote host/);
  });

  it('stale pid files, sockets and broken links are not data; vagrant VMs and sample configs are not production', () => {
    const { body } = lintJson(join(SHAPES, 'runtime'));
    // Only the real hazard: everything under PostgreSQL's data directory.
    expect(keys(body)).toEqual(['init-container:6 filesystem/find-delete-data-directory']);
  });

  it('a CI test job (named for tests, or with service containers) is judged as test, never confirm or block', () => {
    const { body } = lintJson(join(SHAPES, 'ci'));
    expect(body.findings.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual(['6 filesystem/rm-data-directory warn']);
    expect(body.findings[0]!.message).toContain('(test)');
  });

  it('a folder walk skips autoconf-generated configure scripts; naming one lints it', () => {
    expect(keys(lintJson(join(SHAPES, 'generated')).body)).toEqual([]);
    expect(keys(lintJson(join(SHAPES, 'generated'), ['configure']).body)).toEqual(['configure:4 filesystem/rm-root']);
  });
  it('a script or SQL prodguard cannot see is a notice outside production, a finding in a production file', () => {
    const { body } = lintJson(join(SHAPES, 'unseen'), ['install-tools.sh', 'deploy-prod.sh']);
    // curl | sh on a build machine, sourcing init scripts, psql -c "$(cat …)" on localhost: not hazards.
    expect(keys(body)).toEqual(['deploy-prod.sh:4 host/unseen-script']);
    expect(body.notices).toEqual([{ file: 'install-tools.sh', line: 4, message: expect.stringContaining('not checked: a script prodguard cannot read') }]);
  });

  it('paths built from variables the caller sets are unknown; find over an empty start deletes nothing', () => {
    const { body } = lintJson(join(SHAPES, 'unseen'), ['restore.sh']);
    // `rm -f "$wal_dir"` (wal_dir=$DATA_DIR/pg_wal) is not `/pg_wal`; `find "$DIST_ROOT" -exec rm`
    // is not `rm -rf /*`; `chmod -R … ${REPOS_DIR}/` is not chmod on /; `-xtype l` is broken
    // links. The SC2115 removal stays.
    expect(keys(body)).toEqual(['restore.sh:8 filesystem/rm-unset-variable']);
  });

  it('a script a Dockerfile runs while it builds is an image build; the entrypoint is not', () => {
    const { body } = lintJson(join(SHAPES, 'image'));
    expect(keys(body)).toEqual(['scripts/entrypoint.sh:3 filesystem/rm-data-directory']);
    // Named alone, with no Dockerfile to say how it runs, the build script is judged as a script.
    expect(keys(lintJson(join(SHAPES, 'image'), ['build_scripts/slim.sh']).body)).toEqual(['build_scripts/slim.sh:3 filesystem/rm-system-directory']);
  });

  it('an Orchestrator config that locates instances without regions cannot promote across one', () => {
    const { body } = lintJson(join(SHAPES, 'topology'));
    expect(keys(body)).toEqual(['orchestrator.conf.json:4 topology/cross-region-promotion']);
  });
  it('reads composite actions, CircleCI, compose services and GitLab include: local files through the same rules', () => {
    const { body } = lintJson(join(SHAPES, 'sources'));
    // CircleCI: the test job (service containers) resets its own database, the deploy job in a
    // production context does not; a reusable command is judged too. Compose: entrypoint and
    // command run as one line (`sh -c 'dropdb …'`), and `$$` in a healthcheck is a plain `$`.
    // GitLab: ci/jobs/deploy.yml is a pipeline file because .gitlab-ci.yml includes it.
    expect(keys(body)).toEqual([
      '.circleci/config.yml:5 filesystem/rm-unset-variable',
      '.circleci/config.yml:20 database/reset-tasks',
      '.github/actions/cleanup/action.yml:10 filesystem/rm-unset-variable',
      'ci/jobs/deploy.yml:6 database/reset-tasks',
      'docker-compose.yml:12 database/dropdb',
    ]);
    expect(body.notices ?? []).toEqual([]);
  });
});
