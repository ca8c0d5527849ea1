// Task runners read like `make TARGET` and `npm run X` (issue 11, class 5): `just RECIPE` runs the
// justfile's recipe and its dependencies, `task NAME` the Taskfile's task, `run-s`/`run-p`/
// `npm-run-all`, `turbo run` and `nx run` the package.json scripts they name, `node --run X` the
// script X; `node --test` is a test run. The CLI reads the files; the message names the task.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const PROD = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.prod.example.com', DATABASE_URL: 'postgres://app:pw@db1.prod.example.com/app' });
const WORKSTATION = cleanEnv();
/** travis-2018: a workstation whose DATABASE_URL still points at an unexplained remote database. */
const REMOTE_DB = cleanEnv({ DATABASE_URL: 'postgres://app:pw@ec2-54-83-12-200.compute-1.amazonaws.com:5432/d8f7abc1' });

interface Verdict {
  verdict: string;
  findings: { rule: string; message: string }[];
}

function check(line: string, cwd: string, env = PROD): Verdict {
  const result = runCli(['check', '--json', '--no-probe', '-c', line], { cwd, env });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Verdict;
}

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const dir = project({
  justfile: [
    'db := "orders"',
    '',
    '# the first recipe runs when none is named',
    'default: compile',
    '',
    'compile:',
    '    cargo build --release',
    '',
    'alias zap := purge',
    '',
    '@purge name=db: halt',
    '    -echo "purging {{name}}"',
    '    dropdb {{name}}',
    '',
    'halt:',
    '    systemctl stop app',
    '',
    'restore: && wipe-data',
    '    echo restoring',
    '',
    'wipe-data:',
    '    rm -rf /var/lib/postgresql/15/main',
    '',
    'inline:',
    '    #!/usr/bin/env bash',
    '    set -euo pipefail',
    '    psql "$DATABASE_URL" -c "TRUNCATE accounts CASCADE"',
    '',
  ].join('\n'),
  'Taskfile.yml': [
    "version: '3'",
    'vars:',
    '  DB: ledger',
    'tasks:',
    '  default:',
    '    cmds: [task: vet]',
    '  vet: go vet ./...',
    '  rebuild:',
    '    deps: [halt]',
    '    cmds:',
    '      - echo rebuilding',
    '      - task: drop',
    '  halt: systemctl stop app',
    '  drop:',
    '    aliases: [d]',
    '    cmds:',
    '      - cmd: dropdb {{.DB}}',
    '  compile:',
    '    cmds: [go build ./...]',
    '',
  ].join('\n'),
  'package.json': JSON.stringify({ scripts: { 'db:drop': 'dropdb ledger', 'db:seed': 'echo seeding', compile: 'tsc -p .', test: 'vitest run' } }),
});

describe('justfiles and Taskfiles (built binary)', () => {
  it.each([
    ['just purge', 'database/dropdb', 'just purge'],
    ['just zap', 'database/dropdb', 'just zap'],
    ['just purge accounts', 'database/dropdb', 'just purge'],
    ['just inline', 'sql/truncate', ''],
    ['just restore', 'filesystem/rm-data-directory', 'just restore (runs wipe-data)'],
    ['just --justfile justfile purge', 'database/dropdb', 'just purge'],
    ['task rebuild', 'database/dropdb', 'task rebuild (runs drop)'],
    ['task -d . drop', 'database/dropdb', 'Taskfile.yml'],
    ['task d', 'database/dropdb', 'task d'],
  ])('%s is judged by what its task runs', (line, rule, via) => {
    const result = check(line, dir);
    expect(['confirm', 'block']).toContain(result.verdict);
    expect(result.findings.find((f) => f.rule === rule)?.message).toContain(via);
  });

  it('stops nothing that only lists, prints or builds', () => {
    for (const line of ['just', 'just compile', 'just --list', 'just -n purge', 'task', 'task vet', 'task --list', 'task compile', 'just missing']) {
      expect({ line, verdict: check(line, dir).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});

describe('package.json scripts by name (built binary)', () => {
  it.each([
    ['npx run-s compile db:drop', 'npm run db:drop'],
    ['npm-run-all -p "db:*"', 'npm run db:drop'],
    ['turbo run db:drop --filter=api', 'npm run db:drop'],
    ['nx run-many -t compile,db:drop', 'npm run db:drop'],
    ['node --run db:drop', 'npm run db:drop'],
  ])('%s runs the script it names', (line, via) => {
    const result = check(line, dir);
    expect(result.verdict).toBe('block');
    expect(result.findings.find((f) => f.rule === 'database/dropdb')?.message).toContain(via);
  });

  it('keeps builds at allow', () => {
    for (const line of ['run-s compile', 'turbo run compile', 'turbo compile', 'nx run web:compile', 'npx turbo prune api']) {
      expect({ line, verdict: check(line, dir).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});

describe('test runs without a test program in the line (built binary)', () => {
  it.each([
    'node --test',
    'node --test-reporter=spec --test test/',
    'turbo run test --filter=api',
    'npx nx run api:test',
    'hatch run test',
    'just test-unit',
    'task test',
  ])('%s is a test run', (line) => {
    const result = check(line, dir, REMOTE_DB);
    expect(result.verdict).toBe('confirm');
    expect(result.findings.some((f) => f.rule === 'database/test-suite-against-remote')).toBe(true);
  });

  it('is not interrupted without a remote database', () => {
    for (const line of ['node --test', 'turbo run test', 'hatch run test']) {
      expect({ line, verdict: check(line, dir, WORKSTATION).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});

describe('tasks kept in pyproject.toml and mise.toml (built binary)', () => {
  const python = project({
    'pyproject.toml': [
      '[project]',
      'name = "shop"',
      '',
      '[tool.pdm.scripts]',
      'lint = "ruff check ."',
      'wipe = { shell = "dropdb shop" }',
      'fresh = { composite = ["lint", "wipe"] }',
      '',
      '[tool.hatch.envs.default.scripts]',
      'purge = ["echo purging", "psql \\"$DATABASE_URL\\" -c \\"TRUNCATE orders\\""]',
      'fmt = "ruff format ."',
      '',
      '[tool.hatch.envs.ops.scripts]',
      'nuke = "dropdb shop"',
      '',
      '[tool.poe.tasks]',
      'clean = "rm -rf dist"',
      'reset = ["clean", { shell = "dropdb shop" }]',
      '',
    ].join('\n'),
    'mise.toml': [
      '[tasks.build]',
      'run = "cargo build"',
      '',
      '[tasks.reset]',
      'depends = ["stop"]',
      'run = ["echo reset", "dropdb shop"]',
      '',
      '[tasks.stop]',
      'run = "systemctl stop shop"',
      '',
    ].join('\n'),
  });

  it.each([
    ['pdm run wipe', 'database/dropdb'],
    ['pdm wipe', 'database/dropdb'],
    ['pdm run fresh', 'database/dropdb'],
    ['hatch run purge', 'sql/truncate'],
    ['hatch run ops:nuke', 'database/dropdb'],
    ['poe reset', 'database/dropdb'],
    ['mise run reset', 'database/dropdb'],
    ['mise tasks run reset', 'database/dropdb'],
  ])('%s is judged by what its task runs', (line, rule) => {
    const result = check(line, python);
    expect(result.verdict).toBe('block');
    expect(result.findings.some((f) => f.rule === rule)).toBe(true);
  });

  it('keeps everyday tasks at allow', () => {
    for (const line of ['pdm run lint', 'pdm install', 'hatch run fmt', 'poe clean', 'mise run build', 'mise install', 'pdm run missing']) {
      expect({ line, verdict: check(line, python).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});
