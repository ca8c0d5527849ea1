// `check` judges a data directory by its state on disk (issue 9, GitLab 2017): the built binary
// on real temporary directories holding markers. A live pid is this test's own process.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const PROD = 'db1.prod.example.com';
const WORKSTATION = 'ws-4417';

function cluster(files: Record<string, string> = {}): string {
  const dir = join(tempDir(), 'data', 'pg');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'PG_VERSION'), '15\n');
  mkdirSync(join(dir, 'pg_wal'));
  mkdirSync(join(dir, 'log'));
  writeFileSync(join(dir, 'log', 'postgresql-2024-01-01.log'), 'LOG: ready\n');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const RUNNING = { 'postmaster.pid': `${process.pid}\n/data/pg\n1700000000\n5432\n/tmp\n*\n1 2\nready   \n` };

function check(line: string, hostname: string, extra: string[] = []): { verdict: string; rule?: string; target?: string; message: string } {
  const result = runCli(['check', '--json', ...extra, '-c', line], { env: cleanEnv({ PRODGUARD_HOSTNAME: hostname }) });
  const body = JSON.parse(result.stdout);
  return { verdict: body.verdict, rule: body.findings[0]?.rule, target: body.findings[0]?.target, message: body.findings[0]?.message ?? '' };
}

describe('check: a data directory by its state', () => {
  it('a running primary wherever it lives: block, with the evidence', () => {
    const dir = cluster(RUNNING);
    for (const host of [PROD, WORKSTATION]) {
      const r = check(`rm -rf ${dir}`, host);
      expect(r, host).toMatchObject({ verdict: 'block', rule: 'filesystem/rm-data-directory' });
      expect(r.message).toContain('running primary');
      expect(r.message).toContain(`server process ${process.pid} is running`);
    }
  });

  it('a stopped server or a standby on production: confirm by typing this host’s name', () => {
    for (const dir of [cluster(), cluster({ 'standby.signal': '' }), cluster({ ...RUNNING, 'standby.signal': '' })]) {
      const r = check(`rm -rf ${dir}`, PROD);
      expect(r, dir).toMatchObject({ verdict: 'confirm', rule: 'filesystem/rm-data-directory', target: PROD });
    }
    expect(check(`rm -rf ${cluster({ 'standby.signal': '' })}`, PROD).message).toContain('stopped replica');
  });

  it('its WAL: block even when stopped; its logs: warn on production, allow on a workstation', () => {
    const dir = cluster();
    expect(check(`rm -rf ${dir}/pg_wal/*`, PROD)).toMatchObject({ verdict: 'block', rule: 'filesystem/rm-data-directory' });
    expect(check(`rm -rf ${dir}/pg_wal`, WORKSTATION)).toMatchObject({ verdict: 'block' });
    expect(check(`rm -f ${dir}/log/postgresql-2024-01-01.log`, PROD)).toMatchObject({ verdict: 'warn', rule: 'filesystem/rm-data-directory-leftover' });
    expect(check(`rm -rf ${dir}/log/*`, WORKSTATION).verdict).toBe('allow');
  });

  it('a copy moved aside: warn on production, allow on a workstation — unless a server runs on it', () => {
    const old = join(cluster(), '..', 'pg.old');
    mkdirSync(old);
    writeFileSync(join(old, 'PG_VERSION'), '15\n');
    expect(check(`rm -rf ${old}`, PROD)).toMatchObject({ verdict: 'warn', rule: 'filesystem/rm-data-directory-leftover' });
    expect(check(`rm -rf ${old}`, WORKSTATION).verdict).toBe('allow');
    writeFileSync(join(old, 'postmaster.pid'), RUNNING['postmaster.pid']);
    expect(check(`rm -rf ${old}`, PROD)).toMatchObject({ verdict: 'block', rule: 'filesystem/rm-data-directory' });
  });

  it('a known location that is not there: nothing to delete, warn at most', () => {
    const missing = join(tempDir(), 'pgdata');
    expect(check(`rm -rf ${missing}`, PROD)).toMatchObject({ verdict: 'warn', rule: 'filesystem/rm-data-directory' });
    expect(check(`rm -rf ${missing}`, PROD).message).toContain('does not exist on this host');
    expect(check(`rm -rf ${missing}`, PROD, ['--no-probe']).verdict).toBe('confirm'); // the name alone: the typed host name
  });

  it('a data-directory name with no database files in it: confirm at most', () => {
    const empty = join(tempDir(), 'pgdata');
    mkdirSync(empty);
    expect(check(`rm -rf ${empty}`, PROD)).toMatchObject({ verdict: 'confirm', rule: 'filesystem/rm-data-directory' });
  });

  it('--no-probe does not look at the disk: a cluster outside the known places is not seen', () => {
    const dir = cluster(RUNNING);
    expect(check(`rm -rf ${dir}`, PROD, ['--no-probe']).verdict).toBe('allow');
  });
});
