// Everyday CLI conventions through the built binary: quiet on a closed pipe, -v, the audit log
// read back with `prodguard log`, and lint's compact format.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runCli, tempDir } from '../helpers/cli.js';

describe('closed pipes', () => {
  it.each([['rules'], ['rules --json'], ['explain filesystem/rm-root'], ['--help']])('`prodguard %s | head -1` prints no stack trace', (args) => {
    const result = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} ${args} | head -1 >/dev/null; echo "status=$?"`], {
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('status=0');
  });
});

describe('version', () => {
  it('answers -v, -V and --version alike', () => {
    const outputs = ['-v', '-V', '--version'].map((flag) => runCli([flag]));
    for (const output of outputs) {
      expect(output.status).toBe(0);
      expect(output.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    }
    expect(new Set(outputs.map((output) => output.stdout)).size).toBe(1);
  });
});

describe('prodguard log', () => {
  it('shows refusals newest first, filters them, and never shows a password', () => {
    const env = cleanEnv();
    expect(runCli(['run', '--', 'rm', '-rf', '/'], { env }).status).toBe(4);
    expect(runCli(['run', '-c', 'PGPASSWORD=Hunter2-Secret dropdb -h db.prod.example.com app', '--no-probe'], { env }).status).toBe(4);

    const all = runCli(['log'], { env });
    expect(all.status).toBe(0);
    expect(all.stdout).not.toContain('Hunter2-Secret');
    const dropdbAt = all.stdout.indexOf('database/dropdb');
    const rmAt = all.stdout.indexOf('filesystem/rm-root');
    expect(dropdbAt).toBeGreaterThanOrEqual(0);
    expect(rmAt).toBeGreaterThan(dropdbAt);

    const json = runCli(['log', '--json', '--rule', 'filesystem/rm-root'], { env });
    const entries = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'refused', verdict: 'block', command: 'rm -rf /' });

    expect(runCli(['log', '--json', '--since', '1h', '--verdict', 'block'], { env }).stdout.trim().split('\n')).toHaveLength(2);
    expect(runCli(['log', '--json', '--since', '2999-01-01'], { env }).stdout).toBe('');
    expect(runCli(['log', '--json', '--limit', '1'], { env }).stdout).toContain('database/dropdb');
  });

  it('says there is no log yet, and rejects a bad filter in one line', () => {
    const empty = runCli(['log']);
    expect(empty.status).toBe(0);
    expect(empty.stderr).toMatch(/no audit log yet/);
    const bad = runCli(['log', '--since', 'yesterdayish']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--since "yesterdayish" is neither a duration nor a date/);
  });
});

describe('lint --format compact', () => {
  it('prints file:line:col: severity rule message, one line per finding', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deploy.sh'), '#!/bin/sh\necho start\nrm -rf "$BUILD_DIR/"\n');
    const result = runCli(['lint', '--format', 'compact', '.'], { cwd: dir });
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^deploy\.sh:\d+:\d+: (warn|confirm|block) [a-z-]+\/[a-z0-9-]+ \S/);
    expect(lines.some((line) => line.startsWith('deploy.sh:3:'))).toBe(true);
  });
});
