// fish lines become POSIX lines that run the same commands with the same words, for the parser.
import { describe, expect, it } from 'vitest';
import { fishToPosix } from '../../src/shell/fish.js';
import { parseShell } from '../../src/parse/shell.js';

const cases: [string, string][] = [
  ['rm -rf /var/lib/postgresql/15/main', 'rm -rf /var/lib/postgresql/15/main'],
  ['rm -rf (pwd)/data', 'rm -rf "$(pwd)"/data'],
  ['for f in (ls); rm $f; end', ': f in "$(ls)" ; rm ${f} ; :'],
  ['set -gx DATABASE_URL postgres://db.prod/app; and rails db:reset', 'export DATABASE_URL=postgres://db.prod/app ; rails db:reset'],
  ['set -l dir /srv/data; rm -rf $dir', 'dir=/srv/data ; rm -rf ${dir}'],
  ['set -e FOO', 'unset FOO'],
  ['if test -d x; rm -rf x; else if true; echo; end', 'test -d x ; rm -rf x ; true ; echo ; :'],
  ["echo 'it\\'s' \"a \\$b $c\"", "echo 'it'\\''s' \"a \\$b ${c}\""],
  ['echo `x` !', 'echo \\`x\\` \\!'],
  ['begin; rm x; end | less', ': ; rm x ; : | less'],
  ['rm x 2>/dev/null &| less', 'rm x 2> /dev/null | less'],
  ['not test -e y; or dropdb app', 'test -e y ; dropdb app'],
  ['echo "$(date)" $HOME[1]', 'echo "$(date)" ${HOME}'],
  ['function nuke\n  rm -rf /data $argv\nend\nnuke', ':\nrm -rf /data ${argv}\n:\nnuke'],
  ['echo x # rm -rf /', 'echo x'],
];

describe('fish to POSIX', () => {
  for (const [fish, posix] of cases) {
    it(JSON.stringify(fish), () => {
      const result = fishToPosix(fish);
      expect(result.errors).toEqual([]);
      expect(result.text).toBe(posix);
      expect(parseShell(result.text).errors).toEqual([]);
    });
  }

  it('reports what it cannot read', () => {
    expect(fishToPosix("echo 'x").errors).toEqual(['unterminated single quote']);
    expect(fishToPosix('echo "x').errors).toEqual(['unterminated double quote']);
    expect(fishToPosix('echo (date').errors).toEqual(['unterminated command substitution']);
  });
});
