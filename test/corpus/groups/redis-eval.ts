// Redis server-side scripts: EVAL runs what its Lua script calls.
import type { CorpusGroup } from '../cases.js';

const PROD = 'redis://:s3cret@cache.prod.example.com:6379/0';

export const groups: CorpusGroup[] = [
  {
    name: 'redis EVAL: the commands a Lua script calls are judged',
    cases: [
      { line: `redis-cli -u ${PROD} EVAL "return redis.call('FLUSHALL')" 0`, expect: 'block', rule: 'database/redis-flush' },
      {
        line: `redis-cli -u ${PROD} eval "redis.call('set', KEYS[1], 1); return redis.pcall('flushdb')" 1 lock`,
        expect: 'block',
        rule: 'database/redis-flush',
      },
      { line: 'redis-cli -h cache.prod.example.com EVAL "return redis.call(\'FLUSHALL\')" 0', expect: 'block', rule: 'database/redis-flush' },
      { line: `redis-cli -u ${PROD} EVAL "return redis.call('GET', KEYS[1])" 1 session:42`, expect: 'allow' },
      { line: 'redis-cli EVAL "return redis.call(\'FLUSHALL\')" 0', expect: 'allow' },
    ],
  },
];
