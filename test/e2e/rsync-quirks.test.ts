// rsync as it really behaves, through the built binary and a real disk: a daemon URL is another
// host, a pull deletes in its local destination, and a source that is an empty directory
// (looked at when the line is checked) makes `--delete` delete everything in the destination.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

function check(line: string, hostname: string, cwd: string, extra: string[] = []) {
  const result = runCli(['check', '--json', ...extra, '-c', line], { env: cleanEnv({ PRODGUARD_HOSTNAME: hostname }), cwd });
  const body = JSON.parse(result.stdout || '{}');
  return { ...result, body, rules: (body.findings ?? []).map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`) };
}

function workspace() {
  const dir = tempDir();
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, 'release'));
  writeFileSync(join(dir, 'release', 'index.html'), '<h1>hi</h1>\n');
  const data = join(dir, 'srv', 'pg', '15', 'main');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'PG_VERSION'), '15\n');
  return { dir, data };
}

describe('rsync quirks', () => {
  it('rsync://HOST/MODULE is another host, not a local path named "rsync:"', () => {
    const { dir } = workspace();
    const result = check('rsync -a --delete release/ rsync://backup-1/pgdata/', 'ws-4417', dir);
    expect(result.body.verdict).toBe('allow');
    expect(JSON.stringify(result.body)).not.toContain('rsync:/backup-1');
    // A deploy of a folder with files warns (the lead's decision, issue 11)…
    const prod = check('rsync -a --delete release/ rsync://files.prod.example.com/pgdata/', 'ws-4417', dir);
    expect(prod.rules).toEqual(['filesystem/rsync-deploy-delete warn']);
  });

  it('a deploy from a folder found empty on disk is no deploy: it deletes everything there', () => {
    const { dir } = workspace();
    mkdirSync(join(dir, 'build'));
    const prod = check('rsync -avz --delete build/ deploy@web1.prod.example.com:/srv/app/public/', 'ws-4417', dir);
    expect(prod.rules).toEqual(['filesystem/rsync-delete-production confirm']);
    writeFileSync(join(dir, 'build', 'index.html'), '<h1>hi</h1>\n');
    const deploy = check('rsync -avz --delete build/ deploy@web1.prod.example.com:/srv/app/public/', 'ws-4417', dir);
    expect(deploy.rules).toEqual(['filesystem/rsync-deploy-delete warn']);
  });

  it('a pull with --delete on a production host deletes there: typed confirmation', () => {
    const { dir } = workspace();
    const result = check('rsync -a --delete build-1:/srv/release/ /srv/www/', 'web1.prod.example.com', dir);
    expect(result.body.verdict).toBe('confirm');
    expect(result.rules).toEqual(['filesystem/rsync-delete-production confirm']);
    expect(result.body.findings[0].target).toBe('web1.prod.example.com');
    expect(check('rsync -a --delete build-1:/srv/release/ /srv/www/', 'ws-4417', dir).body.verdict).toBe('allow');
  });

  it('an empty source directory wipes the destination: judged as rm -rf DEST/*', () => {
    const { dir, data } = workspace();
    const wipe = check(`rsync -a --delete empty/ ${data}/`, 'ws-4417', dir);
    expect(wipe.rules).toContain('filesystem/rm-data-directory confirm');
    expect(wipe.body.findings.find((f: { rule: string }) => f.rule === 'filesystem/rm-data-directory').message).toContain(
      `rm -rf ${data}/* deletes database files`,
    );
    expect(wipe.body.findings.find((f: { rule: string }) => f.rule === 'filesystem/rm-data-directory').message).toContain(
      'via rsync --delete from the empty empty/',
    );
    expect(check('rsync -a --delete empty/ /', 'ws-4417', dir).rules).toContain('filesystem/rm-root block');
    // A source with files in it, a dry run, the directory itself (no trailing slash), or
    // --no-probe (the disk is not read): no wipe.
    expect(check(`rsync -a --delete release/ ${data}/`, 'ws-4417', dir).rules).not.toContain('filesystem/rm-data-directory confirm');
    expect(check('rsync -an --delete empty/ /', 'ws-4417', dir).body.verdict).toBe('allow');
    expect(check('rsync -a --delete empty /', 'ws-4417', dir).rules).not.toContain('filesystem/rm-root block');
    expect(check('rsync -a --delete empty/ /', 'ws-4417', dir, ['--no-probe']).rules).not.toContain('filesystem/rm-root block');
  });

  it('an empty source into another host wipes the directory on that host', () => {
    const { dir } = workspace();
    const result = check('rsync -a --delete empty/ db1.prod.example.com:/var/lib/postgresql/15/main/', 'ws-4417', dir);
    expect(result.body.verdict).toBe('block');
    expect(result.rules).toContain('filesystem/rm-data-directory confirm');
    expect(result.body.findings.find((f: { rule: string }) => f.rule === 'filesystem/rm-data-directory').target).toBe('db1.prod.example.com');
  });
});
