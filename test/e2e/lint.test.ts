// `prodguard lint` end to end through the built binary, on fixture repositories with every file
// type: exact findings on the dangerous one, none on its harmless twin, each output format, exit
// codes, suppressions and baselines.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lint/', import.meta.url));

function lintJson(cwd: string, args: string[] = []) {
  const result = runCli(['lint', '--format', 'json', ...args], { cwd });
  return {
    ...result,
    body: JSON.parse(result.stdout) as { findings: { file: string; line: number; column: number; rule: string; severity: string; message: string }[] },
  };
}

describe('prodguard lint', () => {
  it('finds exactly the dangerous steps of every file type', () => {
    const { status, body } = lintJson(join(FIXTURES, 'dangerous'));
    expect(status).toBe(1);
    expect(body.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`)).toEqual([
      '.env.development:1 dotenv/test-env-points-at-remote-database block',
      '.env.test:3 dotenv/test-env-points-at-remote-database block',
      '.env.test:4 dotenv/escape-hatch warn',
      '.github/workflows/deploy.yml:4 dotenv/escape-hatch confirm',
      '.github/workflows/deploy.yml:16 database/reset-tasks block',
      '.github/workflows/deploy.yml:19 filesystem/rm-unset-variable block',
      '.github/workflows/deploy.yml:21 sql/truncate block',
      '.github/workflows/deploy.yml:23 dotenv/escape-hatch confirm',
      '.gitlab-ci.yml:3 dotenv/escape-hatch confirm',
      '.gitlab-ci.yml:13 filesystem/rm-data-directory confirm',
      '.gitlab-ci.yml:20 dotenv/escape-hatch confirm',
      '.gitlab-ci.yml:27 database/reset-tasks block',
      '.gitlab/ci/db.yml:2 database/dropdb block',
      '.travis.yml:9 database/test-suite-against-remote block',
      '.travis.yml:12 filesystem/rm-root block',
      'Dockerfile:6 filesystem/rm-unset-variable block',
      'Dockerfile:7 filesystem/rm-data-directory confirm',
      'Makefile:8 filesystem/rm-root block',
      'Makefile:12 database/reset-tasks block',
      'Procfile:2 database/reset-tasks block',
      'db/migrate/001_drop_users.sql:2 sql/drop-objects confirm',
      'db/migrate/001_drop_users.sql:3 sql/delete-update-all-rows confirm',
      'orchestrator.conf.json:4 topology/cross-region-promotion confirm',
      'package.json:5 sql/drop-objects confirm',
      'scripts/cleanup.sh:1 filesystem/rm-unset-variable block',
      'scripts/reseed-replica:3 filesystem/rm-data-directory confirm',
    ]);
  });

  it('points into YAML block scalars at the right line and column', () => {
    const { body } = lintJson(join(FIXTURES, 'dangerous'));
    const truncate = body.findings.find((f) => f.rule === 'sql/truncate')!;
    const workflow = readFileSync(join(FIXTURES, 'dangerous', '.github/workflows/deploy.yml'), 'utf8').split('\n');
    expect(workflow[truncate.line - 1]!.slice(truncate.column - 1)).toMatch(/^psql "\$DATABASE_URL" -c 'TRUNCATE users'/);
    const reset = body.findings.find((f) => f.rule === 'database/reset-tasks' && f.file.startsWith('.github'))!;
    expect(workflow[reset.line - 1]!.slice(reset.column - 1)).toMatch(/^bundle exec rake db:schema:load/);
  });

  it('finds nothing in the harmless twin and exits 0', () => {
    const { status, body } = lintJson(join(FIXTURES, 'harmless'));
    expect(body.findings).toEqual([]);
    expect(status).toBe(0);
  });

  it('never prints a password found in a file', () => {
    const result = runCli(['lint'], { cwd: join(FIXTURES, 'dangerous') });
    expect(result.stdout).toContain('postgres://ci:***@db-prod.internal.example.com');
    expect(result.stdout).not.toMatch(/postgres:\/\/ci:(?!\*\*\*)[^@]+@/);
  });

  it('--fail-on block ignores lower findings for the exit code', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deploy.sh'), '#!/bin/bash\nrm -rf /var/lib/postgresql/15/main\n');
    expect(runCli(['lint', '--fail-on', 'block'], { cwd: dir }).status).toBe(0);
    expect(runCli(['lint'], { cwd: dir }).status).toBe(1);
  });

  it('prints SARIF 2.1.0 and GitHub annotations (default under GITHUB_ACTIONS)', () => {
    const cwd = join(FIXTURES, 'dangerous');
    const sarif = JSON.parse(runCli(['lint', '--format', 'sarif'], { cwd }).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(26);
    const github = runCli(['lint', 'Procfile'], { cwd, env: cleanEnv({ GITHUB_ACTIONS: 'true' }) });
    expect(github.stdout).toMatch(/^::error file=Procfile,line=2,col=10,[^:]*title=database\/reset-tasks::/m);
  });

  it('honours a suppression with a reason, and reports one without a reason or unused', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'reseed.sh'),
      [
        '#!/bin/bash',
        '# prodguard-disable-next-line filesystem/rm-data-directory -- this script only runs on the replica, checked above',
        'rm -rf /var/lib/postgresql/15/main',
        '# prodguard-disable-next-line filesystem/rm-data-directory',
        'rm -rf /var/lib/mysql',
        '# prodguard-disable-next-line filesystem/rm-root -- nothing here',
        'ls',
        '',
      ].join('\n'),
    );
    const { body } = lintJson(dir);
    expect(body.findings.map((f) => `${f.line} ${f.rule}`).sort()).toEqual(
      ['4 lint/suppression-without-reason', '5 filesystem/rm-data-directory', '6 lint/unused-suppression'].sort(),
    );
  });

  it('adopts a repository with a baseline: only new findings are reported', () => {
    const dir = tempDir();
    cpSync(join(FIXTURES, 'dangerous', 'scripts'), join(dir, 'scripts'), { recursive: true });
    expect(runCli(['lint', '--write-baseline', 'prodguard-baseline.json'], { cwd: dir }).status).toBe(0);
    expect(lintJson(dir, ['--baseline', 'prodguard-baseline.json']).body.findings).toEqual([]);
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'wipe.sh'), '#!/bin/sh\nrm -rf "$DIR"/*\n');
    const after = lintJson(dir, ['--baseline', 'prodguard-baseline.json']);
    expect(after.body.findings.map((f) => `${f.file} ${f.rule}`)).toEqual(['bin/wipe.sh filesystem/rm-unset-variable']);
    expect(after.status).toBe(1);
  });

  it('a file that does not parse is a finding, not a crash', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.sh'), '#!/bin/bash\nif true; then\n  echo "unterminated\n');
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'job: [unclosed\n');
    const { status, body } = lintJson(dir);
    expect(body.findings.map((f) => `${f.file} ${f.rule}`).sort()).toEqual(['.gitlab-ci.yml lint/parse-error', 'broken.sh lint/parse-error']);
    expect(status).toBe(1);
  });

  it('knows variables an earlier GitHub Actions step wrote to $GITHUB_ENV', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github', 'workflows', 'build.yml'),
      [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: rm -rf "$DIR/"',
        '      - run: |',
        '          echo "DIR=out" >> "$GITHUB_ENV"',
        '          echo "FROM=$X" >> $GITHUB_ENV',
        '          printf \'P=%s\\n\' "$(pwd)" >> "$GITHUB_ENV"',
        '          cat >> "$GITHUB_ENV" <<EOF',
        '          H=$HOME/h',
        '          EOF',
        '          echo "OUT=o" >> "$GITHUB_OUTPUT"',
        '      - run: rm -rf "$DIR/" "$FROM/" "$P/" "$H/"',
        '      - run: rm -rf "$OUT/"',
        '',
      ].join('\n'),
    );
    const { body } = lintJson(dir);
    expect(body.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['6:14 filesystem/rm-unset-variable', '16:14 filesystem/rm-unset-variable']);
  });

  it('gives a GitLab job the variables of the templates it extends', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '.gitlab-ci.yml'),
      [
        '.base:',
        '  variables:',
        '    DIR: out',
        '  before_script:',
        '    - rm -rf "$DIR/"',
        'job:',
        '  extends: .base',
        '  before_script:',
        '    - !reference [.base, before_script]',
        '  script:',
        '    - rm -rf "$NOT_SET_ANYWHERE/"',
        '',
      ].join('\n'),
    );
    // DIR comes from .base; the variable nobody sets is still reported.
    const { body } = lintJson(dir);
    expect(body.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['11:7 filesystem/rm-unset-variable']);
  });

  it('points a finding in a RUN <<EOF bash heredoc at its line in the body', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'Dockerfile'),
      ['FROM alpine', 'ARG VERSION=1', 'ENV APP=/srv/app', '', 'RUN <<EOF bash', 'rm -rf "$CLEAN_DIR/"', 'EOF', ''].join('\n'),
    );
    const { body } = lintJson(dir);
    expect(body.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['6:1 filesystem/rm-unset-variable']);
  });

  it('ends spans in CRLF block scalars at the last character, not past the \\r', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github', 'workflows', 'crlf.yml'),
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          rm -rf "$D/"',
        '      - run: rm -rf "$E/"',
        '',
      ].join('\r\n'),
    );
    const result = runCli(['lint', '--format', 'json'], { cwd: dir });
    const findings = (JSON.parse(result.stdout) as { findings: { line: number; column: number; endColumn?: number }[] }).findings;
    // `rm -rf "$D/"` is 12 characters: columns 11–22 and 14–25, so the exclusive ends are 23 and 26.
    expect(findings.map((f) => [f.line, f.column, f.endColumn])).toEqual([
      [7, 11, 23],
      [8, 14, 26],
    ]);
  });

  it('a baseline or file that cannot be written or read is one line and exit 2, never a stack', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deploy.sh'), '#!/bin/sh\nrm -rf /var/lib/mysql\n');
    const oneLine = (result: { status: number | null; stderr: string; stdout: string }, pattern: RegExp) => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(pattern);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    };
    oneLine(
      runCli(['lint', '--write-baseline', '/nonexistent/dir/x.json', '.'], { cwd: dir }),
      /^prodguard: cannot write the baseline \/nonexistent\/dir\/x\.json: no such file or directory \(.+\)$/,
    );
    oneLine(runCli(['lint', '--write-baseline', '.', '.'], { cwd: dir }), /^prodguard: cannot write the baseline \.: it is a directory/);
    oneLine(runCli(['lint', '--baseline', 'missing.json'], { cwd: dir }), /^prodguard: cannot read the baseline missing\.json: no such file or directory/);
    oneLine(runCli(['lint', '--baseline', '.'], { cwd: dir }), /^prodguard: cannot read the baseline \.: it is a directory/);
    writeFileSync(join(dir, 'bad.json'), '{');
    oneLine(runCli(['lint', '--baseline', 'bad.json'], { cwd: dir }), /^prodguard: bad\.json: not JSON/);
  });

  it('a named file that cannot be read is one line and exit 2', () => {
    // /proc/self/mem exists but reading it from the start fails (EIO), even for root (Linux, as
    // on every machine this project runs on; tests run as root, so a chmod 000 file would read).
    expect(process.platform, 'this test needs Linux /proc').toBe('linux');
    const result = runCli(['lint', '/proc/self/mem']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(/^prodguard: cannot read .*proc\/self\/mem: input\/output error \(.+\)$/);
  });

  it('usage errors are one line and exit 2', () => {
    const bad = runCli(['lint', '--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format "xml" is not one of text, json, sarif, github');
    const missing = runCli(['lint', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
