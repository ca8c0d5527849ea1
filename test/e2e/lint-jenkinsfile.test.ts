// `prodguard lint` on Jenkinsfiles: each `sh` step is judged with the environment its
// `environment { }` blocks and `withEnv` give it, and the stage it sits in as a hint. Groovy the
// grammar cannot read is a notice, never a finding.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { withGrammarGapsBridged } from '../../src/lint/groovy/parser.js';
import { classifyPath } from '../../src/lint/discover.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lint/jenkins/', import.meta.url));

interface Report {
  findings: { file: string; line: number; column: number; rule: string; severity: string; message: string }[];
  notices?: { file: string; line: number; message: string }[];
}

function lintJson(): Report {
  const result = runCli(['lint', '--format', 'json'], { cwd: FIXTURES });
  expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  return JSON.parse(result.stdout) as Report;
}

describe('lint: Jenkinsfile sh steps', () => {
  it('finds Jenkinsfiles by name', () => {
    expect(classifyPath('Jenkinsfile')).toBe('jenkinsfile');
    expect(classifyPath('ci/Jenkinsfile.release')).toBe('jenkinsfile');
    expect(classifyPath('pipelines/deploy.jenkinsfile')).toBe('jenkinsfile');
    expect(classifyPath('src/Main.groovy')).toBeUndefined();
  });

  it('judges the production stage, not the test stage, with credentials and withEnv as the environment', () => {
    const body = lintJson();
    expect(body.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([
      // psql "$DATABASE_URL" where DATABASE_URL = credentials('prod-database-url'), in a '''…''' step
      'Jenkinsfile:29:11 block sql/truncate',
      // "rm -rf \${DEPLOY_ROOT}/": `\$` hands the shell its own variable, which nothing sets
      'Jenkinsfile:31:21 block filesystem/rm-unset-variable',
      // sh label: …, script: """…""" in the stage named for production
      'Jenkinsfile:33:11 block database/reset-tasks',
      // withEnv(['PGHOST=db1.staging.example.com', …]) { sh 'dropdb app' }
      'deploy.jenkinsfile:5:11 confirm database/dropdb',
    ]);
    const messages = body.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('db1.staging.example.com');
    // The test stage's schema load and the `bat` step (Windows) are not judged as production.
    expect(body.findings.some((f) => f.line === 15)).toBe(false);
  });

  it('says once where the grammar could not read a file, instead of reporting valid Groovy as an error', () => {
    const body = lintJson();
    expect(body.findings.some((f) => f.rule === 'lint/parse-error')).toBe(false);
    expect(body.notices?.map((n) => `${n.file}:${n.line}`)).toEqual(['Jenkinsfile.broken:7']);
  });

  it('bridges Groovy the grammar lacks without moving any offset or touching strings', () => {
    const source = "def a = env.X ?: ''\ndef b = env.Y?.trim()\ndef m = [:]\nsh 'echo ?: [:] \\'\\' a?.b'\n// x?.y ''\n";
    const bridged = withGrammarGapsBridged(source);
    expect(bridged).toHaveLength(source.length);
    expect(bridged.split('\n')).toEqual(['def a = env.X || ""', 'def b = env.Y .trim()', 'def m = [ ]', "sh 'echo ?: [:] \\'\\' a?.b'", "// x?.y ''", '']);
  });
});

describe('lint: Groovy that real Jenkinsfiles use and the grammar lacks', () => {
  it('reads sh steps inside try/catch/finally and for-in, after untyped methods, slashy regexes and step results', () => {
    const result = runCli(['lint', '--format', 'json'], { cwd: fileURLToPath(new URL('../fixtures/lint/jenkins-gaps/', import.meta.url)) });
    const body = JSON.parse(result.stdout) as Report;
    expect(body.findings.map((f) => `${f.line} ${f.severity} ${f.rule}`)).toEqual([
      // in `try { }` (jenkinsci/docker lost its test steps there): a project's test task in the
      // production stage, as `npm test` there is, and the dropdb
      '16 block database/test-suite-against-remote',
      '17 block database/dropdb',
      // in `finally { }`
      '22 block sql/drop-objects',
      // in `for (def host in …) { }`
      '25 block filesystem/rm-root',
    ]);
    expect(body.notices ?? []).toEqual([]);
  });

  it('bridges try/catch, return/throw, untyped parameters and slashy regexes at the same length', () => {
    const source = [
      'def f(a, b = [:]) {',
      '  def out = readJSON text: a',
      '  try { sh "x" } catch (err) { throw err }',
      "  if (b ==~ /^[a-f\"]+$/) { return 'y' }",
      '}',
      'def g(String typed) { typed }',
    ].join('\n');
    const bridged = withGrammarGapsBridged(source);
    expect(bridged).toHaveLength(source.length);
    expect(bridged.split('\n')).toEqual([
      'def f(          ) {',
      '            readJSON text: a',
      '  ;   { sh "x" } ;           {       err }',
      '  if (b ==~ "^[a-f ]+ ") {        \'y\' }',
      '}',
      'def g(String typed) { typed }',
    ]);
  });
});
