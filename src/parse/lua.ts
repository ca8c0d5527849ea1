// Redis server-side scripts (`redis-cli EVAL "…" numkeys key… arg…`): the commands a Lua script
// runs through `redis.call` / `redis.pcall` (Valkey: `server.call`), read with luaparse (Lua 5.1,
// as Redis embeds it), so `EVAL "return redis.call('FLUSHALL')" 0` is judged as FLUSHALL.
// Pure: script text in, commands out (an argument that is not a literal, KEYS[n] or ARGV[n] with a
// literal n is undefined: its value is known only when the script runs).

import { createRequire } from 'node:module';

/** A luaparse syntax-tree node. */
export interface LuaNode {
  type: string;
  [key: string]: unknown;
}

type LuaParse = (code: string, options: Record<string, unknown>) => LuaNode;

let parse: LuaParse | undefined;

/** luaparse loads on the first Lua a line holds: a line without Lua never pays for it. */
function luaParse(): LuaParse {
  parse ??= (createRequire(import.meta.url)('luaparse') as { parse: LuaParse }).parse;
  return parse;
}

/**
 * Every call in the code (`f(…)` and `f "…"`), in source order, nested calls after the call that
 * holds them; undefined when the code does not parse (Lua would not run it either). Redis EVAL
 * scripts are Lua 5.1 (as Redis embeds it); `lua -e` code is read as 5.3.
 */
export function luaCalls(code: string, luaVersion: '5.1' | '5.3'): LuaNode[] | undefined {
  let ast: LuaNode;
  try {
    ast = luaParse()(code, { luaVersion, encodingMode: 'x-user-defined', comments: false, scope: false });
  } catch {
    return undefined;
  }
  const calls: LuaNode[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const lua = node as LuaNode;
    if (lua.type === 'CallExpression' || lua.type === 'StringCallExpression') calls.push(lua);
    for (const [key, child] of Object.entries(lua)) if (key !== 'type') visit(child);
  };
  visit(ast);
  return calls;
}

/** Each `redis.call(CMD, …)` of the script, in source order; undefined when the script does not parse. */
export function redisCallsInLua(script: string, keys: readonly string[], argv: readonly string[]): (string | undefined)[][] | undefined {
  const found = luaCalls(script, '5.1');
  if (!found) return undefined;
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
  const calls: (string | undefined)[][] = [];
  for (const call of found) {
    const base = call.base as LuaNode;
    const owner = base.type === 'MemberExpression' ? (base.base as LuaNode) : undefined;
    const method = base.type === 'MemberExpression' ? (base.identifier as LuaNode).name : undefined;
    if (owner?.type === 'Identifier' && (owner.name === 'redis' || owner.name === 'server') && (method === 'call' || method === 'pcall')) {
      const args = (call.arguments as LuaNode[] | undefined) ?? [];
      if (args.length > 0) calls.push(args.map(value));
    }
  }
  return calls;
}
