// Lists read from a file (issue 11, fan-out): `xargs -a FILE`, `cat FILE | xargs …`, `xargs … <
// FILE`, `while read d; …; done < FILE`, `mapfile -t a < FILE`. The CLI reads FILE (a regular
// text file, as it reads scripts the line runs) and judges each line of it as the argument or
// the variable it becomes. A missing file leaves the line judged as before.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, checkLine, tempDir } from '../helpers/cli.js';

const PROD = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.prod.example.com' });

function verdict(line: string, cwd: string): { verdict: string; rules: string[] } {
  return checkLine(line, { cwd, env: PROD });
}

describe('lists read from a file (built binary)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'dirs.txt'), '/var/lib/postgresql/15/main\n/var/lib/mysql\n');
  writeFileSync(join(dir, 'builds.txt'), 'dist\ncoverage\n');

  it.each([
    "xargs -a dirs.txt -d '\\n' -r rm -rf",
    'xargs --arg-file=dirs.txt rm -rf',
    'cat dirs.txt | xargs rm -rf',
    'xargs rm -rf < dirs.txt',
    'cat dirs.txt | while IFS= read -r d; do sudo rm -rf "$d"; done',
    'while read -r d; do rm -rf "$d"; done < dirs.txt',
    'mapfile -t dirs < dirs.txt; rm -rf "${dirs[@]}"',
  ])('%s deletes the data directories the file lists', (line) => {
    const result = verdict(line, dir);
    expect(result.verdict).toBe('confirm');
    expect(result.rules).toContain('filesystem/rm-data-directory');
  });

  it.each([
    'cat builds.txt | xargs rm -rf',
    'xargs -a builds.txt rm -rf',
    'while read -r d; do rm -rf "$d"; done < builds.txt',
    'xargs -a dirs.txt ls -ld',
    'cat dirs.txt | xargs du -sh',
    'cat missing.txt | xargs rm -rf',
  ])('%s stays allowed', (line) => {
    expect(verdict(line, dir).verdict).toBe('allow');
  });
});
