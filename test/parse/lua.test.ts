// Redis EVAL scripts: the commands a Lua script calls, read with a real Lua parser.
import { describe, expect, it } from 'vitest';
import { redisCallsInLua } from '../../src/parse/lua.js';

describe('redis.call in EVAL scripts', () => {
  it('lists each call with its literal arguments, KEYS and ARGV filled in', () => {
    const script = "local n = redis.call('DEL', KEYS[1], KEYS[2])\nif n > 0 then return redis.pcall(\"FLUSHDB\", ARGV[1]) end\nreturn server.call('GET', x)";
    expect(redisCallsInLua(script, ['a', 'b'], ['async'])).toEqual([
      ['DEL', 'a', 'b'],
      ['FLUSHDB', 'async'],
      ['GET', undefined],
    ]);
  });

  it('ignores other calls and strings that only mention a command', () => {
    expect(redisCallsInLua('local s = \'redis.call("FLUSHALL")\'; return string.upper(s)', [], [])).toEqual([]);
  });

  it('says nothing for a script that does not parse', () => {
    expect(redisCallsInLua('return redis.call(', [], [])).toBeUndefined();
  });
});
