// Lua given to `lua -e`, `luajit -e` or a heredoc: parsed with luaparse (a real parser, already a
// dependency for Redis EVAL scripts), so `os.execute("rm -rf /")` is judged as the shell line it
// runs and `os.remove(path)` as the rm it is. Code that does not parse is not run by lua either.

import type { CodeEffect } from './effects.js';
import { effectsOfCall, type Argument } from './calls.js';
import { luaCalls, type LuaNode } from '../lua.js';

/** `os.execute`, `io.popen`: the dotted name a call is made through. */
function chainOf(node: LuaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression') {
    const base = chainOf(node.base as LuaNode);
    const name = (node.identifier as LuaNode).name as string;
    return base ? `${base}.${name}` : name;
  }
  if (node.type === 'IndexExpression' && (node.index as LuaNode).type === 'StringLiteral') {
    const base = chainOf(node.base as LuaNode);
    const name = stringOf(node.index as LuaNode);
    return base && name !== undefined ? `${base}.${name}` : undefined;
  }
  return undefined;
}

/** A literal string, or literals joined with `..`. */
function stringOf(node: LuaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral')
    return typeof node.value === 'string' ? node.value : ((node.raw as string | undefined)?.replace(/^(['"])(.*)\1$/s, '$2') ?? undefined);
  if (node.type === 'BinaryExpression' && node.operator === '..') {
    const left = stringOf(node.left as LuaNode);
    const right = stringOf(node.right as LuaNode);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

function argumentsOf(call: LuaNode): Argument[] {
  // `os.execute "rm -rf /"`: a call with one string and no parentheses.
  const nodes = call.type === 'StringCallExpression' ? [call.argument as LuaNode] : ((call.arguments as LuaNode[] | undefined) ?? []);
  return nodes.map((node) => {
    const value = stringOf(node);
    return value !== undefined ? { kind: 'string', value } : { kind: 'dynamic' };
  });
}

export function analyzeLua(code: string): CodeEffect[] {
  const effects: CodeEffect[] = [];
  for (const call of luaCalls(code, '5.3') ?? []) {
    const chain = chainOf(call.base as LuaNode);
    if (!chain) continue;
    const args = argumentsOf(call);
    // load("…")() / loadstring: more Lua, judged as such.
    if ((chain === 'load' || chain === 'loadstring') && args[0]) {
      effects.push(...(args[0].kind === 'string' ? analyzeLua(args[0].value) : [{ kind: 'dynamic' as const, sink: chain }]));
    } else effects.push(...effectsOfCall('lua', chain, args, 0));
  }
  return effects;
}
