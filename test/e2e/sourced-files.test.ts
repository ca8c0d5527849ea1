// `source prod.env && …`: the CLI reads the sourced file (a regular file only) and the commands
// after it see its variables; the host of a local socket is PRODGUARD_HOSTNAME.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

describe('sourced env files (built binary)', () => {
  it('judges the commands after `source FILE` with its variables, and never shows the password', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'prod.env'), 'export DATABASE_URL=postgres://app:hunter2-secret@db.prod.example.com/app\n');
    const result = runCli(['check', '--no-probe', '-c', 'source prod.env && bundle exec rake db:reset'], { cwd: dir });
    expect(result.status).toBe(4);
    expect(result.stdout).toContain('BLOCK');
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
    const after = runCli(['check', '--no-probe', '-c', 'npm test; . ./prod.env'], { cwd: dir });
    expect(after.stdout).toContain('ALLOW');
  });

  it('does not read a device or FIFO named by source, and does not hang', () => {
    const result = runCli(['check', '--no-probe', '-c', 'source /dev/stdin; npm test'], { input: '' });
    expect(result.stdout).toContain('ALLOW');
  });

  it('a local socket on a production host is production', () => {
    const result = runCli(['check', '--no-probe', '-c', "psql -c 'TRUNCATE users'"], { env: cleanEnv({ PRODGUARD_HOSTNAME: 'db1-prod' }) });
    expect(result.stdout).toContain('local socket on host db1-prod (production)');
    expect(result.status).toBe(4);
  });
});
