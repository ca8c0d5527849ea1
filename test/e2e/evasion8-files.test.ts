// Files a line runs or reads its items from (issue 11, classes 3–5): `node scripts/nuke.js` and
// `python3 tools/wipe.py` run the script the directory holds, and `npm run X` whose script is
// `node FILE` runs it too; GNU parallel's `:::: FILE` and `-a FILE` take their items from FILE's
// lines. The CLI reads those files (as it reads shell scripts) and judges what they show; a file
// it cannot read leaves the line judged on its words.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, checkLine, tempDir } from '../helpers/cli.js';

const PROD = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.prod.example.com', DATABASE_URL: 'postgres://app:pw@db1.prod.example.com/app' });

function verdict(line: string, cwd: string): { verdict: string; rules: string[] } {
  return checkLine(line, { cwd, env: PROD });
}

describe('script files and argument files the line names (built binary)', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'db:nuke': 'node scripts/nuke.js', build: 'node scripts/build.js' } }));
  writeFileSync(
    join(dir, 'scripts', 'nuke.js'),
    `const { execSync } = require('child_process');\nexecSync('psql "$DATABASE_URL" -c "TRUNCATE users, orders CASCADE"');\n`,
  );
  writeFileSync(join(dir, 'scripts', 'purge.mjs'), `import { execSync } from 'node:child_process';\nexecSync('dropdb app');\n`);
  writeFileSync(
    join(dir, 'scripts', 'build.js'),
    `const fs = require('fs');\nfs.rmSync('dist', { recursive: true, force: true });\nrequire('child_process').execSync('tsc -p tsconfig.build.json');\n`,
  );
  writeFileSync(
    join(dir, 'scripts', 'wipe.py'),
    'import os, psycopg\nconn = psycopg.connect(os.environ["DATABASE_URL"])\nconn.execute("TRUNCATE users CASCADE")\n',
  );
  writeFileSync(
    join(dir, 'scripts', 'tool.py'),
    'import subprocess, sys, shutil\nshutil.rmtree("build", ignore_errors=True)\nsubprocess.run(sys.argv[1:], check=True)\n',
  );
  writeFileSync(join(dir, 'dirs.txt'), '/var/lib/postgresql/15/main\n/var/lib/mysql\n');
  writeFileSync(join(dir, 'builds.txt'), 'dist\ncoverage\n');

  it.each([
    ['node scripts/nuke.js', 'sql/truncate'],
    ['node --env-file=.env scripts/nuke.js', 'sql/truncate'],
    ['node scripts/purge.mjs', 'database/dropdb'],
    ['npm run db:nuke', 'sql/truncate'],
    ['npm --prefix . run db:nuke', 'sql/truncate'],
    ['python3 scripts/wipe.py', 'sql/truncate'],
    ['parallel rm -rf :::: dirs.txt', 'filesystem/rm-data-directory'],
    ['parallel -a dirs.txt rm -rf', 'filesystem/rm-data-directory'],
    ['parallel --arg-file=dirs.txt rm -rf {}', 'filesystem/rm-data-directory'],
  ])('%s is judged on what the file holds', (line, rule) => {
    const result = verdict(line, dir);
    expect(['confirm', 'block']).toContain(result.verdict);
    expect(result.rules).toContain(rule);
  });

  it.each([
    'node scripts/build.js',
    'npm run build',
    'python3 scripts/tool.py make all',
    'parallel rm -rf :::: builds.txt',
    'parallel -a dirs.txt du -sh',
    'parallel rm -rf :::: missing.txt',
    'node missing.js',
  ])('%s stays allowed', (line) => {
    expect(verdict(line, dir).verdict).toBe('allow');
  });
});
