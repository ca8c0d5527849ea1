// `env $(cat .env.production | xargs) CMD` and `export $(grep -v '^#' FILE | xargs)`: the CLI reads
// FILE (a regular file only) and judges the command with its variables; a file it cannot read
// leaves the line judged as before.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

describe('env files loaded through $(cat FILE | xargs) (built binary)', () => {
  it('judges the command with the file variables, and never shows the password', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env.production'), '# production\nDATABASE_URL=postgres://app:hunter2-secret@db.prod.example.com/app\n');
    const viaEnv = runCli(['check', '--no-probe', '-c', 'env $(cat .env.production | xargs) bundle exec rake db:reset'], { cwd: dir });
    expect(viaEnv.status).toBe(4);
    expect(viaEnv.stdout).toContain('BLOCK');
    expect(viaEnv.stdout + viaEnv.stderr).not.toContain('hunter2-secret');
    const viaExport = runCli(['check', '--no-probe', '-c', "export $(grep -v '^#' .env.production | xargs) && bundle exec rspec"], { cwd: dir });
    expect(viaExport.status).toBe(4);
    expect(viaExport.stdout + viaExport.stderr).not.toContain('hunter2-secret');
  });

  it('a missing file changes nothing', () => {
    const dir = tempDir();
    const result = runCli(['check', '--no-probe', '-c', 'export $(cat .env.production | xargs) && bundle exec rspec'], { cwd: dir });
    expect(result.stdout).toContain('ALLOW');
  });
});
