// The GitHub Action (action.yml) as a runner executes it: its lint step's script runs in real
// bash with the variables GitHub sets (RUNNER_TEMP, GITHUB_OUTPUT), against the built prodguard.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default?: string }>;
};

function runLintStep(workspace: string, failOn: string) {
  const step = action.runs.steps.find((candidate) => candidate.id === 'lint')!;
  const temp = tempDir('prodguard-action-temp-');
  const outputFile = join(temp, 'github-output');
  writeFileSync(outputFile, '');
  const result = spawnSync('bash', ['-e', '-c', step.run!], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: temp,
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTIONS: 'true',
      PRODGUARD_PATHS: '.',
      PRODGUARD_FAIL_ON: failOn,
      PRODGUARD_BIN: join(ROOT, 'bin', 'prodguard.js'),
      PRODGUARD_STATE_DIR: join(temp, 'state'),
    },
  });
  const sarifPath = /^sarif=(.*)$/m.exec(readFileSync(outputFile, 'utf8'))?.[1];
  return { ...result, sarifPath };
}

describe('action.yml', () => {
  it('is a composite action that uploads its SARIF report to code scanning even when lint fails', () => {
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.lint.outputs.sarif }}');
    expect(upload?.if).toMatch(/always\(\)/);
    expect(action.inputs['fail-on']?.default).toBe('warn');
  });

  it('fails the step on a Makefile that drops a production table and writes a SARIF report naming the rule', () => {
    const workspace = tempDir('prodguard-action-ws-');
    writeFileSync(join(workspace, 'Makefile'), 'reset:\n\tpsql "$$DATABASE_URL" -c "DROP TABLE users"\n');
    const run = runLintStep(workspace, 'warn');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^::(error|warning) file=Makefile,line=2/m);
    const sarif = JSON.parse(readFileSync(run.sarifPath!, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toContain('sql/drop-objects');
  });

  it('passes with fail-on never and still writes the report', () => {
    const workspace = tempDir('prodguard-action-ws-');
    writeFileSync(join(workspace, 'Makefile'), 'reset:\n\tpsql "$$DATABASE_URL" -c "DROP TABLE users"\n');
    const run = runLintStep(workspace, 'never');
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(run.sarifPath!, 'utf8')).toMatch(/"ruleId"/);
  });

  it('passes on a clean repository', () => {
    const workspace = tempDir('prodguard-action-ws-');
    writeFileSync(join(workspace, 'Makefile'), 'test:\n\tnpm test\n');
    const run = runLintStep(workspace, 'warn');
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
