// Redis server-side scripts (`redis-cli EVAL "…" numkeys key… arg…`): the commands a Lua script
// runs through `redis.call` / `redis.pcall` (Valkey: `server.call`), read with luaparse (Lua 5.1,
// as Redis embeds it), so `EVAL "return redis.call('FLUSHALL')" 0` is judged as FLUSHALL.
// Pure: script text in, commands out (an argument that is not a literal, KEYS[n] or ARGV[n] with a
// literal n is undefined: its value is known only when the script runs).

import { createRequire } from 'node:module';

interface LuaNode {
  type: string;
  [key: string]: unknown;
}

type LuaParse = (code: string, options: Record<string, unknown>) => LuaNode;

let parse: LuaParse | undefined;

/** luaparse loads on the first script: a line without EVAL never pays for it. */
function luaParse(): LuaParse {
  parse ??= (createRequire(import.meta.url)('luaparse') as { parse: LuaParse }).parse;
  return parse;
}

/** Each `redis.call(CMD, …)` of the script, in source order; undefined when the script does not parse. */
export function redisCallsInLua(script: string, keys: readonly string[], argv: readonly string[]): (string | undefined)[][] | undefined {
  let ast: LuaNode;
  try {
    ast = luaParse()(script, { luaVersion: '5.1', encodingMode: 'x-user-defined', comments: false, scope: false });
  } catch {
    return undefined;
  }
  const calls: (string | undefined)[][] = [];
  const value = (node: LuaNode): string | undefined => {
    if (node.type === 'StringLiteral') return typeof node.value === 'string' ? node.value : undefined;
    if (node.type === 'NumericLiteral') return String(node.value);
    if (node.type === 'IndexExpression') {
      const base = node.base as LuaNode;
      const index = node.index as LuaNode;
      if (base.type === 'Identifier' && index.type === 'NumericLiteral') {
        const list = base.name === 'KEYS' ? keys : base.name === 'ARGV' ? argv : undefined;
        return list?.[Number(index.value) - 1];
      }
    }
    return undefined;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const lua = node as LuaNode;
    if (lua.type === 'CallExpression' || lua.type === 'StringCallExpression') {
      const base = lua.base as LuaNode;
      const owner = base.type === 'MemberExpression' ? (base.base as LuaNode) : undefined;
      const method = base.type === 'MemberExpression' ? (base.identifier as LuaNode).name : undefined;
      if (owner?.type === 'Identifier' && (owner.name === 'redis' || owner.name === 'server') && (method === 'call' || method === 'pcall')) {
        const args = (lua.arguments as LuaNode[] | undefined) ?? [];
        if (args.length > 0) calls.push(args.map(value));
      }
    }
    for (const [key, child] of Object.entries(lua)) if (key !== 'type') visit(child);
  };
  visit(ast);
  return calls;
}
