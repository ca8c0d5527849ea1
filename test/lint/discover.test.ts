import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyExplicit, classifyPath, discoverFiles, hasShellShebang } from '../../src/lint/discover.js';
import { FIXTURES } from './helpers.js';
import { isDownMigration, migrationHistory, scopeMatcher } from '../../src/lint/scope.js';

describe('classifyPath', () => {
  it.each([
    ['.github/workflows/deploy.yml', 'github-actions'],
    ['.github/workflows/ci.yaml', 'github-actions'],
    ['.github/dependabot.yml', undefined],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['.gitlab/ci/db.yml', 'gitlab-ci'],
    ['.travis.yml', 'travis'],
    ['Makefile', 'makefile'],
    ['makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['build/rules.mk', 'makefile'],
    ['package.json', 'package-json'],
    ['Dockerfile', 'dockerfile'],
    ['docker/api.Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['Procfile', 'procfile'],
    ['.env', 'dotenv'],
    ['.env.test.local', 'dotenv'],
    ['.envrc', 'shell'],
    ['db/migrate/001.sql', 'sql'],
    ['orchestrator.conf.json', 'orchestrator'],
    ['orchestrator-east.conf.json', 'orchestrator'],
    ['orchestrator.json', 'orchestrator'],
    ['scripts/a.sh', 'shell'],
    ['scripts/a.bash', 'shell'],
    ['scripts/a.zsh', 'shell'],
    ['README.md', undefined],
    ['src/index.ts', undefined],
  ])('%s → %s', (p, format) => {
    expect(classifyPath(p)).toBe(format);
  });

  it('recognises shell shebangs', () => {
    for (const s of ['#!/bin/sh\n', '#!/bin/bash -e\n', '#! /usr/bin/env bash\n', '#!/usr/bin/env -S bash -eu\n', '#!/bin/dash', '#!/usr/bin/ksh']) {
      expect(hasShellShebang(s), s).toBe(true);
    }
    for (const s of ['#!/usr/bin/env python3\n', '#!/usr/bin/node', 'echo hi', '']) expect(hasShellShebang(s), s).toBe(false);
  });

  it('classifies explicitly named files by name, then content, then as shell', () => {
    expect(classifyExplicit('deploy/steps', '#!/bin/bash\n')).toBe('shell');
    expect(classifyExplicit('ci/pipeline.yml', 'on: push\njobs:\n  a: {}\n')).toBe('github-actions');
    expect(classifyExplicit('ci/pipeline.yml', 'build:\n  script: make\n')).toBe('gitlab-ci');
    expect(classifyExplicit('notes.txt', 'rm -rf /')).toBe('shell');
  });
});

describe('discoverFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'prodguard-discover-'));
    await cp(path.join(FIXTURES, 'dangerous'), dir, { recursive: true });
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'hook.sh'), 'rm -rf /\n');
    await mkdir(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(dir, 'node_modules', 'pkg', 'evil.sh'), 'rm -rf /\n');
    await mkdir(path.join(dir, 'ignored'));
    await writeFile(path.join(dir, 'ignored', 'evil.sh'), 'rm -rf /\n');
    await writeFile(path.join(dir, 'build.log'), 'rm -rf /\n');
    await writeFile(path.join(dir, 'sub', 'local-drop.sh'), 'rm -rf /\n');
    await writeFile(path.join(dir, 'scripts', 'tool.py'), '#!/bin/sh\n');
    await writeFile(path.join(dir, 'scripts', 'binary'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    await chmod(path.join(dir, 'scripts', 'binary'), 0o755);
    await symlink(path.join(dir, 'scripts'), path.join(dir, 'loop'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks the tree, honours nested .gitignore files and skips node_modules and .git', async () => {
    const files = await discoverFiles([], dir);
    expect(files.map((f) => `${f.path} ${f.format}`)).toEqual([
      '.env.development dotenv',
      '.env.test dotenv',
      '.github/workflows/deploy.yml github-actions',
      '.gitlab-ci.yml gitlab-ci',
      '.gitlab/ci/db.yml gitlab-ci',
      '.travis.yml travis',
      'Dockerfile dockerfile',
      'Makefile makefile',
      'Procfile procfile',
      'db/migrate/001_drop_users.sql sql',
      'orchestrator.conf.json orchestrator',
      'package.json package-json',
      'scripts/cleanup.sh shell',
      'scripts/reseed-replica shell',
      'sub/local-keep.sh shell',
    ]);
    expect(files.every((f) => !f.explicit)).toBe(true);
  });

  it('returns paths relative to cwd with forward slashes, for subdirectory roots too', async () => {
    const files = await discoverFiles(['scripts', 'sub'], dir);
    expect(files.map((f) => f.path)).toEqual(['scripts/cleanup.sh', 'scripts/reseed-replica', 'sub/local-keep.sh']);
    const fromSub = await discoverFiles(['.'], path.join(dir, 'sub'));
    expect(fromSub.map((f) => f.path)).toEqual(['local-keep.sh']);
  });

  it('always scans an explicitly named file, even an ignored one', async () => {
    const files = await discoverFiles(['ignored/evil.sh', 'build.log', 'Makefile'], dir);
    expect(files).toEqual([
      { path: 'Makefile', format: 'makefile', explicit: true },
      { path: 'build.log', format: 'shell', explicit: true },
      { path: 'ignored/evil.sh', format: 'shell', explicit: true },
    ]);
  });

  it('fails clearly on a path that does not exist', async () => {
    await expect(discoverFiles(['nope'], dir)).rejects.toThrow('nope: no such file or directory');
  });
});

describe('which files a folder walk lints (new sources, down migrations)', () => {
  it('classifies composite actions, CircleCI configs and compose files', () => {
    expect(classifyPath('.github/actions/setup/action.yml')).toBe('github-action');
    expect(classifyPath('.circleci/config.yml')).toBe('circleci');
    expect(classifyPath('docker-compose.yml')).toBe('compose');
    expect(classifyPath('deploy/docker-compose.prod.yaml')).toBe('compose');
    expect(classifyPath('compose.yaml')).toBe('compose');
    expect(classifyPath('config.yml')).toBeUndefined();
  });

  it('leaves down migrations out of the walk: they undo their up migration', () => {
    const scope = scopeMatcher();
    expect(scope.includes('db/migrations/0001_users.up.sql', 'sql')).toBe(true);
    for (const down of [
      'db/migrations/0001_users.down.sql',
      'backend/migrations/0001_create-users_down.sql',
      'migrations/2024-01-01-000000_users/down.sql',
      'db/migration/U2__drop_audit.sql',
    ]) {
      expect(isDownMigration(down)).toBe(true);
      expect(scope.includes(down, 'sql')).toBe(false);
    }
    expect(isDownMigration('migrations/0003_breakdown.sql')).toBe(false);
  });

  it('takes SQL in a migrations folder for a migration only where its path gives the order tools run it in', () => {
    const scope = scopeMatcher();
    for (const ordered of [
      'db/migrate/20240101120000_add_users.sql',
      'migrations/2019-02-26-002946_create_user/up.sql',
      'migrations/tenant/0002-storage-schema.sql',
      'src/main/resources/db/migration/V3__audit.sql',
      'alembic/versions/ae1027a6acf_add_users.sql',
      'sqitch/deploy/users.sql',
      'prisma/migrations/20240101_init/migration.sql',
    ])
      expect(scope.isMigration(ordered)).toBe(true);
    // A migration tool's own queries, kept in its `migration` package.
    for (const tool of ['apps/cli/pkg/migration/queries/drop.sql', 'internal/migrations/queries/list.sql', 'migrations/schema.sql'])
      expect(scope.isMigration(tool)).toBe(false);
    // One history per ordered folder: its files share what earlier ones declared.
    expect(migrationHistory('api/migrations/2019-02-26_create_user/up.sql')).toBe('api/migrations');
    expect(migrationHistory('db/migrate/20240101_x.sql')).toBe('db/migrate');
    expect(migrationHistory('sqitch/deploy/users.sql')).toBe('sqitch/deploy');
    // The config can still name such a file.
    expect(scopeMatcher({ migrations: ['**/queries/*.sql'] }).isMigration('apps/cli/pkg/migration/queries/drop.sql')).toBe(true);
  });
});
