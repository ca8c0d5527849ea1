// What bash would run, prodguard judges (issue 11): a script the line runs (`bash FILE`, `./FILE`,
// `source FILE`, `ssh HOST 'bash -s' < FILE`), a package.json script (`npm run X`) and a Makefile
// recipe (`make X`) are read by the CLI and their lines judged as if typed. The message names
// the file. Harmless scripts and tasks stay at allow.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const PROD = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.prod.example.com' });

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

describe('scripts the line runs (built binary)', () => {
  const dir = project({
    'cleanup.sh': '#!/bin/bash\nset -euo pipefail\necho "cleaning"\nrm -rf /var/lib/postgresql/15/main\n',
    'wipe.sh': '#!/bin/sh\nrm -rf "$1"\n',
    'tidy.sh': '#!/bin/sh\nrm -rf ./tmp ./log/*.log\n',
    'self.sh': '#!/bin/sh\n[ -n "$1" ] && ./self.sh\nbash self.sh\necho done\n',
    'manage.py': '#!/usr/bin/env python3\nimport sys\n',
  });
  chmodSync(join(dir, 'cleanup.sh'), 0o755);
  chmodSync(join(dir, 'self.sh'), 0o755);

  it.each([
    ['bash cleanup.sh', 'via bash cleanup.sh'],
    ['sh -x cleanup.sh', 'via sh cleanup.sh'],
    ['./cleanup.sh', 'via ./cleanup.sh'],
    ['source cleanup.sh', 'via source cleanup.sh'],
    ['. ./cleanup.sh', 'via . ./cleanup.sh'],
    ['bash < cleanup.sh', 'via bash < cleanup.sh'],
    ["ssh db1.prod.example.com 'bash -s' < cleanup.sh", 'via ssh db1.prod.example.com → bash < cleanup.sh'],
    ['ssh db1.prod.example.com bash < cleanup.sh', 'via ssh db1.prod.example.com → bash < cleanup.sh'],
    ['sudo bash cleanup.sh', 'cleanup.sh'],
    ['bash wipe.sh /var/lib/postgresql', 'via bash wipe.sh'],
  ])('%s is judged by what the script runs', (line, via) => {
    const result = check(line, dir);
    expect(result.verdict).toBe('confirm'); // a data directory on a production host: the typed host name;
    const finding = result.findings.find((f) => f.rule === 'filesystem/rm-data-directory');
    expect(finding?.message).toContain(via);
  });

  it('leaves harmless scripts, missing scripts, Python scripts and self-calling scripts alone', () => {
    for (const line of ['bash tidy.sh', 'bash missing.sh', './manage.py check', './self.sh x', 'cat cleanup.sh', 'bash /dev/stdin']) {
      expect({ line, verdict: check(line, dir).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});

describe('package.json scripts and Makefile recipes (built binary)', () => {
  const dir = project({
    'package.json': JSON.stringify({
      scripts: {
        'db:reset': 'rails db:drop db:create',
        'db:wipe': 'prisma migrate reset --force',
        predeploy: 'rm -rf /var/lib/mysql',
        deploy: 'echo deploy',
        test: 'vitest run',
        build: 'tsc -p . && rm -rf dist/tmp',
        reset: 'npm run db:wipe',
      },
    }),
    Makefile: [
      'DATA_DIR = /var/lib/postgresql/15/main',
      '.PHONY: build clean deploy',
      'build:',
      '\tgo build ./...',
      'clean:',
      '\t@echo cleaning',
      '\t-rm -rf $(DATA_DIR)',
      'deploy: clean',
      '\t./deploy.sh',
      '',
    ].join('\n'),
    'other.mk': 'all:\n\trm -rf /var/lib/mysql\n',
    'rails.mk': 'reset:\n\tbundle exec rails db:reset\n',
  });

  it.each([
    ['npm run db:reset', 'database/reset-tasks', 'package.json: "rails db:drop db:create"'],
    ['npm run-script db:wipe', 'database/framework-reset-tasks', 'package.json: "prisma migrate reset --force"'],
    ['yarn db:wipe', 'database/framework-reset-tasks', 'package.json'],
    ['yarn run db:wipe', 'database/framework-reset-tasks', 'package.json'],
    ['pnpm db:wipe', 'database/framework-reset-tasks', 'package.json'],
    ['bun run db:wipe', 'database/framework-reset-tasks', 'package.json'],
    ['npm run reset', 'database/framework-reset-tasks', 'package.json'],
    ['npm run deploy', 'filesystem/rm-data-directory', 'npm run predeploy'],
    ['make clean', 'filesystem/rm-data-directory', 'make clean (Makefile recipe line 2)'],
    ['make deploy', 'filesystem/rm-data-directory', 'make deploy (prerequisite clean)'],
    ['make -f other.mk', 'filesystem/rm-data-directory', 'other.mk'],
  ])('%s is judged by what it runs', (line, rule, via) => {
    const result = check(line, dir);
    expect(result.verdict).toBe(rule === 'filesystem/rm-data-directory' ? 'confirm' : 'block');
    expect(result.findings.find((f) => f.rule === rule)?.message).toContain(via);
  });

  it('gives the recipes the variables set on the make command line', () => {
    const workstation = cleanEnv();
    expect(check('make -f rails.mk reset', dir, workstation).verdict).toBe('allow');
    const result = check('make -f rails.mk reset RAILS_ENV=production', dir, workstation);
    expect(result.verdict).toBe('block');
    expect(result.findings.find((f) => f.rule === 'database/reset-tasks')?.message).toContain('make reset (rails.mk recipe line 1)');
  });

  it('finds the Makefile of make -C DIR', () => {
    const result = check(`make -C ${dir} clean`, tempDir());
    expect(result.verdict).toBe('confirm');
  });

  it('everyday tasks on a workstation stay at allow', () => {
    const workstation = cleanEnv();
    for (const line of ['npm test', 'npm run build', 'yarn build', 'make build', 'make', 'make -n clean', 'yarn add lodash', 'npm run missing']) {
      expect({ line, verdict: check(line, dir, workstation).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});

describe('a workspace package and composer.json scripts (built binary)', () => {
  const dir = project({
    'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'], scripts: { build: 'tsc -b' } }),
    'composer.json': JSON.stringify({
      scripts: {
        'db-reset': ['@putenv APP_ENV=production', '@php artisan migrate:fresh --force'],
        fresh: '@db-reset',
        'post-install-cmd': ['Illuminate\\Foundation\\ComposerScripts::postInstall'],
        lint: 'phpcs src',
      },
    }),
  });
  mkdirSync(join(dir, 'packages', 'db'), { recursive: true });
  writeFileSync(
    join(dir, 'packages', 'db', 'package.json'),
    JSON.stringify({ name: '@app/db', scripts: { reset: 'prisma migrate reset --force', build: 'tsc' } }),
  );

  it.each([
    ['yarn workspace @app/db run reset', 'database/framework-reset-tasks', 'packages/db/package.json: "prisma migrate reset --force"'],
    ['yarn workspace @app/db reset', 'database/framework-reset-tasks', 'packages/db/package.json'],
    ['npm run reset -w @app/db', 'database/framework-reset-tasks', 'packages/db/package.json'],
    ['npm run reset --workspace=packages/db', 'database/framework-reset-tasks', 'packages/db/package.json'],
    ['pnpm --filter @app/db run reset', 'database/framework-reset-tasks', 'packages/db/package.json'],
    ['pnpm -F ./packages/db reset', 'database/framework-reset-tasks', 'packages/db/package.json'],
    ['composer run-script db-reset', 'database/framework-reset-tasks', 'composer.json: "export APP_ENV=production'],
    ['composer db-reset', 'database/framework-reset-tasks', 'composer.json'],
    ['composer run fresh', 'database/framework-reset-tasks', 'composer.json'],
  ])('%s is judged by the script it runs', (line, rule, via) => {
    const result = check(line, dir, cleanEnv({ PRODGUARD_HOSTNAME: 'web-prod-1', DATABASE_URL: 'postgres://app@db.prod.example.com/app' }));
    expect(result.verdict).toBe('block');
    expect(result.findings.find((f) => f.rule === rule)?.message).toContain(via);
  });

  it("a recursive run of every package's reset script asks on production (one of them resets the database)", () => {
    // `-r` selections are not read script by script; the task's name says what it does.
    const result = check('pnpm -r run reset', dir, cleanEnv({ PRODGUARD_HOSTNAME: 'web-prod-1', DATABASE_URL: 'postgres://app@db.prod.example.com/app' }));
    expect(result.verdict).toBe('confirm');
    expect(result.findings.map((f) => f.rule)).toContain('database/destructive-project-task');
  });

  it('everyday workspace and Composer commands stay at allow', () => {
    const production = cleanEnv({ PRODGUARD_HOSTNAME: 'web-prod-1', DATABASE_URL: 'postgres://app@db.prod.example.com/app' });
    for (const line of [
      'yarn workspace @app/db run build',
      'yarn workspace @app/db add lodash',
      'npm run build -w @app/db',
      'composer install',
      'composer lint',
      'composer run-script post-install-cmd',
      'composer require monolog/monolog',
    ]) {
      expect({ line, verdict: check(line, dir, production).verdict }).toEqual({ line, verdict: 'allow' });
    }
  });
});
