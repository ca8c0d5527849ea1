// Data-directory locations and markers in config (issue 8: "known data-directory locations and
// markers become data too, and configurable"): `data-directories:` adds to the built-in ones in
// every layer — system policy, user, an untrusted repository too (adding only tightens) — and
// check, lint, status and the disk probe all read the merged list.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/schema.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const PRODUCTION_HOST = { PRODGUARD_HOSTNAME: 'db1.prod.example.com' };

function check(line: string, cwd: string, env: Record<string, string>, probe = false) {
  const result = runCli(['check', '--json', ...(probe ? [] : ['--no-probe']), '-c', line], { cwd, env });
  return {
    status: result.status,
    stderr: result.stderr,
    body: JSON.parse(result.stdout) as { verdict: string; findings: { rule: string; message: string }[] },
  };
}

describe('data-directories in .prodguard.yml', () => {
  it('accepts absolute locations (globs allowed) and marker names, and says what is wrong with the rest', () => {
    const good = validateConfig(
      { 'data-directories': { locations: ['/srv/orders-db/', '/srv/pg-*', '~/pgdata'], markers: ['.orders-db', 'meta/*.lock'] } },
      'x',
    );
    expect(good.errors).toEqual([]);
    expect(good.config.dataDirectories).toEqual({ locations: ['/srv/orders-db', '/srv/pg-*', '~/pgdata'], markers: ['.orders-db', 'meta/*.lock'] });
    const bad = validateConfig({ 'data-directories': { locations: ['srv/db', '/', '/*', '/srv/../etc'], markers: ['/abs', '*', 'a/*/b'], paths: [] } }, 'x');
    expect(bad.errors).toEqual([
      'data-directories.paths: unknown key (expected one of locations, markers)',
      'data-directories.locations[0]: "srv/db" must be an absolute path (/srv/pg) or start with ~/',
      'data-directories.locations[1]: "/" would make every path a data directory',
      'data-directories.locations[2]: "/*" would make every path a data directory',
      'data-directories.locations[3]: "/srv/../etc" must not hold ".."',
      'data-directories.markers[0]: "/abs" must be a file name inside the data directory (PG_VERSION, global/pg_control, *.db)',
      'data-directories.markers[1]: "*" would make every directory a data directory',
      'data-directories.markers[2]: "a/*/b" may hold a glob in its last segment only',
    ]);
    expect(validateConfig({ 'data-directories': ['/srv'] }, 'x').errors[0]).toMatch(/^data-directories: must be a map with locations, markers/);
  });

  it('every layer adds locations — system policy, user, an untrusted repository — and status lists them', () => {
    const env = cleanEnv(PRODUCTION_HOST);
    const policy = join(env.HOME!, 'policy.yml');
    writeFileSync(policy, 'data-directories:\n  locations: [/srv/policy-db]\n');
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), 'data-directories:\n  locations: ["/srv/user-*"]\n');
    const repo = tempDir();
    // Untrusted (never `prodguard trust`ed): a location only tightens, so it counts.
    writeFileSync(join(repo, '.prodguard.yml'), 'data-directories:\n  locations: [/srv/repo-db]\n  markers: [.repo-marker]\n');
    const withPolicy = { ...env, PRODGUARD_POLICY: policy };
    // A configured location is judged as a built-in one is, on the same host.
    const builtIn = check('rm -rf /var/lib/postgresql/15/main', repo, withPolicy).body.verdict;
    expect(['confirm', 'block']).toContain(builtIn);
    for (const [line, under] of [
      ['rm -rf /srv/policy-db', '/srv/policy-db'],
      ['rm -rf /srv/user-orders/base', '/srv/user-orders'],
      ['rm -rf /srv/repo-db', '/srv/repo-db'],
    ] as const) {
      const { body } = check(line, repo, withPolicy);
      expect(body.verdict, line).toBe(builtIn);
      expect(body.findings[0], line).toMatchObject({ rule: 'filesystem/rm-data-directory' });
      expect(body.findings[0]!.message, line).toContain(`is under ${under}`);
    }
    // Built-in locations stay whatever a layer says, and a path no layer names stays allowed.
    expect(check('rm -rf /var/lib/postgresql/15/main', tempDir(), env).body.verdict).toBe(builtIn);
    expect(check('rm -rf /srv/other', repo, withPolicy).body.verdict).toBe('allow');
    const status = runCli(['status', '--json', '--no-probe'], { cwd: repo, env: withPolicy });
    expect(JSON.parse(status.stdout).config.dataDirectories).toEqual({
      locations: ['/srv/policy-db', '/srv/user-*', '/srv/repo-db'],
      markers: ['.repo-marker'],
    });
    const text = runCli(['status', '--no-probe'], { cwd: repo, env: withPolicy });
    expect(text.stdout).toContain('data directories added by config: /srv/policy-db, /srv/user-*, /srv/repo-db; markers .repo-marker');
    // explain says it for the rules about data-directory paths, and only for those.
    const explain = runCli(['explain', 'filesystem/replace-data-files'], { cwd: repo, env: withPolicy });
    expect(explain.stdout).toContain('data directories added by config: /srv/policy-db, /srv/user-*, /srv/repo-db; markers .repo-marker');
    const json = JSON.parse(runCli(['explain', '--json', 'filesystem/rm-data-directory'], { cwd: repo, env: withPolicy }).stdout);
    expect(json.dataDirectories.locations).toEqual(['/srv/policy-db', '/srv/user-*', '/srv/repo-db']);
    expect(runCli(['explain', 'filesystem/rm-root'], { cwd: repo, env: withPolicy }).stdout).not.toContain('data directories added');
  });

  it('a location a config extends counts, and ~/ is the home folder', () => {
    const env = cleanEnv(PRODUCTION_HOST);
    const repo = tempDir();
    writeFileSync(join(repo, 'team.yml'), 'data-directories:\n  locations: ["~/pgdata"]\n');
    writeFileSync(join(repo, '.prodguard.yml'), 'extends: [./team.yml]\n');
    const { body } = check(`cp x ${join(env.HOME!, 'pgdata', 'base', '1')}`, repo, env);
    expect(body.findings.map((finding) => finding.rule)).toEqual(['filesystem/replace-data-files']);
  });

  it('lint judges a script against the configured locations', () => {
    const repo = tempDir();
    writeFileSync(join(repo, '.prodguard.yml'), 'data-directories:\n  locations: ["/srv/pg-*"]\n');
    writeFileSync(join(repo, 'restore.sh'), '#!/bin/sh\ncp backup/PG_VERSION /srv/pg-orders/PG_VERSION\nrm -rf /srv/pg-orders/base\nrm -rf /srv/app/tmp\n');
    const result = runCli(['lint', '--format', 'json'], { cwd: repo });
    const findings = (JSON.parse(result.stdout) as { findings: { line: number; rule: string }[] }).findings;
    expect(findings.map(({ line, rule }) => `${line} ${rule}`)).toEqual(['2 filesystem/replace-data-files', '3 filesystem/rm-data-directory']);
  });

  it('a configured marker makes a directory a data directory wherever it lives (the disk is looked at)', () => {
    const env = cleanEnv(PRODUCTION_HOST);
    const repo = tempDir();
    const site = tempDir();
    mkdirSync(join(site, 'orders', 'tables'), { recursive: true });
    writeFileSync(join(site, 'orders', '.orders-db'), '');
    writeFileSync(join(repo, '.prodguard.yml'), 'data-directories:\n  markers: [.orders-db]\n');
    for (const path of [join(site, 'orders'), join(site, 'orders', 'tables'), site]) {
      const { body } = check(`rm -rf ${path}`, repo, env, true);
      expect(
        body.findings.map((finding) => finding.rule),
        path,
      ).toEqual(['filesystem/rm-data-directory']);
      expect(body.findings[0]!.message, path).toContain('.orders-db');
    }
    // Without the config the same directory is an ordinary folder.
    expect(check(`rm -rf ${join(site, 'orders')}`, tempDir(), env, true).body.verdict).toBe('allow');
  });
});
