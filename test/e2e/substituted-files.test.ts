// Lists a command substitution reads from a file (issue 11, fan-out): `for d in $(cat FILE)`,
// `$(< FILE)`, backticks, `rm -rf $(cat FILE)`, and a Makefile given on standard input (`make -f -
// TARGET <<EOF`). The CLI reads FILE as it reads item files for `xargs -a FILE`, and the
// substitution's output is that file's text, split into words as bash splits it.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, checkLine, tempDir } from '../helpers/cli.js';

const PROD = cleanEnv({ PRODGUARD_HOSTNAME: 'db1.prod.example.com' });

function verdict(line: string, cwd: string): { verdict: string; rules: string[] } {
  return checkLine(line, { cwd, env: PROD });
}

describe('lists a substitution reads from a file (built binary)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'targets.list'), '/srv/www/cache\n/var/lib/postgresql/15/main\n');
  writeFileSync(join(dir, 'tmpdirs.list'), 'build\n.cache\n');

  it.each([
    'for d in $(cat targets.list); do rm -rf "$d"; done',
    'for d in $(< targets.list); do sudo rm -rf -- "$d"; done',
    'for d in `cat targets.list`; do rm -rf $d; done',
    'rm -rf $(cat targets.list)',
    'old=$(< targets.list); rm -rf $old',
    "make -f - purge <<'EOF'\npurge:\n\trm -rf /var/lib/postgresql/15/main\nEOF",
  ])('%s deletes the data directory the line reads', (line) => {
    const result = verdict(line, dir);
    expect(result.verdict).toBe('confirm');
    expect(result.rules).toContain('filesystem/rm-data-directory');
  });

  it.each([
    'for d in $(cat tmpdirs.list); do rm -rf "$d"; done',
    'for f in $(ls *.txt); do wc -l "$f"; done',
    'for d in $(cat targets.list); do du -sh "$d"; done',
    'for d in $(cat missing.list); do rm -rf "$d"; done',
    "make -f - build <<'EOF'\nbuild:\n\tcc -o app main.c\nEOF",
  ])('%s stays allowed', (line) => {
    expect(verdict(line, dir).verdict).toBe('allow');
  });
});
