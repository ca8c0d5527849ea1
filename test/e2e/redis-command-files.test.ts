// Redis commands read from a file (issue 11): `redis-cli -h HOST < FILE` and `nc HOST 6379 < FILE`
// send each line of FILE to the server as a command. The CLI reads FILE at the edge (a regular
// text file, as it reads the scripts a line runs) and judges each line as the redis-cli command it
// is. A missing file leaves the line judged as before.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, checkLine, tempDir } from '../helpers/cli.js';

const WORKSTATION = cleanEnv({ PRODGUARD_HOSTNAME: 'ws-4417' });

function verdict(line: string, cwd: string): { verdict: string; rules: string[] } {
  return checkLine(line, { cwd, env: WORKSTATION });
}

describe('Redis commands read from a file (built binary)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'reset.redis'), '# start over\nSELECT 4\nFLUSHDB ASYNC\n');
  writeFileSync(join(dir, 'raw.resp'), '*1\r\n$8\r\nFLUSHALL\r\n');
  writeFileSync(join(dir, 'look.redis'), 'INFO keyspace\nGET feature:checkout\nTTL session:42\n');

  it.each([
    'redis-cli -h sessions.prod.example.com < reset.redis',
    'redis-cli -u redis://default:pw@sessions.prod.example.com:6379 --no-auth-warning < reset.redis',
    'nc sessions.prod.example.com 6379 < raw.resp',
  ])('%s flushes the production server', (line) => {
    const result = verdict(line, dir);
    expect(result.verdict).toBe('block');
    expect(result.rules).toContain('database/redis-flush');
  });

  it.each([
    'redis-cli -h sessions.prod.example.com < look.redis',
    'redis-cli -h localhost < reset.redis',
    'redis-cli -h sessions.prod.example.com < missing.redis',
    'nc sessions.prod.example.com 6379 < look.redis',
  ])('%s stays allowed', (line) => {
    expect(verdict(line, dir).verdict).toBe('allow');
  });
});
