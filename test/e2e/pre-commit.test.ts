// The pre-commit hook as users get it: `pre-commit try-repo` clones this repository, installs the
// hook the way pre-commit installs any node hook (npm install, npm pack, npm install -g the
// tarball) and runs it on a staged file. Needs the `pre-commit` program (Debian: apt-get install
// pre-commit; .ci/run installs it) and the npm registry for dependencies.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function preCommitMissing(): string | undefined {
  const probe = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'the `pre-commit` program is not installed (apt-get install pre-commit, or pipx install pre-commit)';
}

describe('pre-commit try-repo', () => {
  it('installs the prodguard-lint hook through pre-commit and stops a commit whose Makefile drops a table', () => {
    const missing = preCommitMissing();
    // Not counted passing without pre-commit: the test fails and says why.
    if (missing) throw new Error(`cannot run: ${missing}`);

    const repo = tempDir('prodguard-precommit-');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(join(repo, 'Makefile'), 'reset:\n\tpsql "$$DATABASE_URL" -c "DROP TABLE users"\n');
    mkdirSync(join(repo, 'docs'));
    writeFileSync(join(repo, 'docs', 'notes.txt'), 'rm -rf / is only text here\n');
    git('add', '.');

    const env = { ...process.env, PRE_COMMIT_HOME: tempDir('prodguard-precommit-home-'), NO_COLOR: '1' };
    const run = spawnSync('pre-commit', ['try-repo', ROOT, 'prodguard-lint', '--all-files'], { cwd: repo, env, encoding: 'utf8', timeout: 540_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).not.toMatch(/An unexpected error has occurred/);
    expect(output).toMatch(/prodguard lint\.+Failed/);
    expect(output).toMatch(/Makefile\n\s+2:2\s+confirm\b.*sql\/drop-objects/);
    expect(output).not.toMatch(/notes\.txt/);
    expect(run.status).toBe(1);
  }, 600_000);
});
