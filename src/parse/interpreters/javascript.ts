// JavaScript given to `node -e`, `node -p`, `bun -e`, `deno eval` or a heredoc: parsed with acorn
// (a real parser, already a dependency for mongosh scripts), so a call inside a string or a
// comment is not a call. Code that does not parse is not run by node either: no effects.

import { createRequire } from 'node:module';
import { environmentReference, type CodeEffect } from './effects.js';
import { effectsOfCall, type Argument } from './calls.js';
import { databaseEffects, serverCommandEffects, type DriverCall, type DriverValue } from './databases.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic walks index children by key
type JsNode = any;
let parse: ((code: string, options: object) => JsNode) | undefined;

/** acorn loads only when a line runs JavaScript, synchronously (the walk is synchronous). */
function parser(): (code: string, options: object) => JsNode {
  parse ??= (createRequire(import.meta.url)('acorn') as { parse: (code: string, options: object) => JsNode }).parse;
  return parse;
}

/** A module as the sink tables name it: `node:fs/promises` → `fs.promises`. */
function moduleName(source: string): string {
  return source.replace(/^node:/, '').replace(/^fs\/promises$/, 'fs.promises');
}

/** Local names bound to a module or one of its members: `const { execSync: x } = require('child_process')`. */
type Aliases = ReadonlyMap<string, string>;

function chainOf(node: JsNode, aliases: Aliases = new Map()): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return aliases.get(node.name) ?? node.name;
  if (node.type === 'MemberExpression') {
    const object = chainOf(node.object, aliases);
    const property = node.computed ? (node.property.type === 'Literal' ? String(node.property.value) : undefined) : node.property.name;
    return object && property ? `${object}.${property}` : property;
  }
  // require('child_process').execSync, (await import('fs')).rmSync
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
    return moduleName(String(node.arguments[0].value));
  }
  if (node.type === 'AwaitExpression') return chainOf(node.argument, aliases);
  if (node.type === 'ImportExpression' && node.source.type === 'Literal') return moduleName(String(node.source.value));
  return undefined;
}

/**
 * Names the code binds to a module or its members before calling them: `const cp = require('cp')`,
 * `const { execSync: x, rm } = require(…)`, `import('fs').then((f) => …)`. A name bound twice is not known.
 */
function aliasesOf(ast: JsNode): Map<string, string> {
  const aliases = new Map<string, string>();
  const seen = new Set<string>();
  const bind = (name: string, chain: string | undefined) => {
    if (seen.has(name) || chain === undefined) aliases.delete(name);
    else aliases.set(name, chain);
    seen.add(name);
  };
  const isModule = (node: JsNode): boolean =>
    (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') ||
    node?.type === 'ImportExpression' ||
    (node?.type === 'AwaitExpression' && isModule(node.argument)) ||
    (node?.type === 'MemberExpression' && isModule(node.object));
  const bindPattern = (pattern: JsNode, chain: string | undefined) => {
    if (pattern?.type === 'Identifier') bind(pattern.name, chain);
    else if (pattern?.type === 'ObjectPattern') {
      for (const property of pattern.properties) {
        const key = property.type === 'Property' && !property.computed ? (property.key.name ?? property.key.value) : undefined;
        const value = property.type === 'Property' ? (property.value.type === 'AssignmentPattern' ? property.value.left : property.value) : undefined;
        if (value?.type === 'Identifier') bind(value.name, chain && key !== undefined ? `${chain}.${key}` : undefined);
      }
    }
  };
  const visit = (node: JsNode): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'VariableDeclarator' && isModule(node.init)) bindPattern(node.id, chainOf(node.init));
    // import('fs').then((f) => f.rm(…)), require('fs/promises').then…: the callback's parameter is the module.
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      node.callee.property.name === 'then' &&
      isModule(node.callee.object) &&
      ['ArrowFunctionExpression', 'FunctionExpression'].includes(node.arguments[0]?.type)
    ) {
      bindPattern(node.arguments[0].params[0], chainOf(node.callee.object));
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  };
  visit(ast);
  return aliases;
}

function stringOf(node: JsNode): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis.map((q: JsNode) => q.value.cooked).join('');
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = stringOf(node.left);
    const right = stringOf(node.right);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

function argumentOf(node: JsNode): Argument {
  const value = stringOf(node);
  if (value !== undefined) return { kind: 'string', value };
  if (node.type === 'ArrayExpression') {
    // `execFileSync("psql", [process.env.DATABASE_URL, "-c", …])`: the environment's value, filled in by the caller.
    const values = node.elements.map((element: JsNode) => {
      const text = stringOf(element);
      if (text !== undefined) return text;
      const env = environmentName(element);
      return env === undefined ? undefined : environmentReference(env);
    });
    return values.every((v: string | undefined) => v !== undefined) ? { kind: 'list', values } : { kind: 'dynamic' };
  }
  if (node.type === 'ObjectExpression') {
    const recursive = node.properties.some((p: JsNode) => p.key?.name === 'recursive' && p.value?.value === true);
    const shell = node.properties.some((p: JsNode) => p.key?.name === 'shell' && p.value?.value === true);
    return { kind: 'keyword', name: recursive ? 'recursive' : shell ? 'shell' : 'options', value: 'true' };
  }
  return { kind: 'dynamic' };
}

/** The variable `process.env.X`, `process.env['X']` or `Bun.env.X` reads. */
function environmentName(node: JsNode): string | undefined {
  const chain = node?.type === 'MemberExpression' ? chainOf(node) : undefined;
  return chain === undefined ? undefined : /^(?:process|Bun)\.env\.(.+)$/.exec(chain)?.[1];
}

/** `process.env.X`, `process.env['X']`, `Bun.env.X`, `Deno.env.get('X')`: the environment's value. */
function driverValueOf(node: JsNode, aliases: Aliases): DriverValue {
  const value = stringOf(node);
  if (value !== undefined) return { kind: 'string', value };
  const chain = node?.type === 'MemberExpression' ? chainOf(node, aliases) : undefined;
  const env = chain === undefined ? undefined : /^(?:process|Bun)\.env\.(.+)$/.exec(chain)?.[1];
  if (env !== undefined) return { kind: 'env', name: env };
  if (node?.type === 'CallExpression' && chainOf(node.callee, aliases) === 'Deno.env.get') {
    const name = stringOf(node.arguments[0]);
    if (name !== undefined) return { kind: 'env', name };
  }
  return { kind: 'dynamic' };
}

/** A call as the driver tables read it: an options object's properties are its keywords. */
function driverCallOf(chain: string, node: JsNode, aliases: Aliases, code: string): DriverCall {
  const positional: DriverValue[] = [];
  const keywords: Record<string, DriverValue> = {};
  for (const argument of node.arguments) {
    if (argument.type !== 'ObjectExpression') {
      positional.push(driverValueOf(argument, aliases));
      continue;
    }
    for (const property of argument.properties) {
      const key = property.type === 'Property' && !property.computed ? (property.key.name ?? property.key.value) : undefined;
      if (typeof key === 'string') keywords[key] = driverValueOf(property.value, aliases);
    }
  }
  const [first] = node.arguments;
  const list = first?.type === 'ArrayExpression' ? first.elements.map(stringOf) : undefined;
  return {
    chain,
    method: node.callee.type === 'MemberExpression',
    positional,
    keywords,
    ...(first ? { argumentText: code.slice(first.start, node.arguments.at(-1).end) } : {}),
    ...(list && list.length > 0 && list.every((word: string | undefined) => word !== undefined) ? { listArgument: list } : {}),
  };
}

export function analyzeJavaScript(code: string): CodeEffect[] {
  let ast: JsNode;
  try {
    ast = parser()(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
    });
  } catch {
    try {
      ast = parser()(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
    } catch {
      return [];
    }
  }
  const effects: CodeEffect[] = [];
  const aliases = aliasesOf(ast);
  const driverCalls: DriverCall[] = [];
  const visit = (node: JsNode): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      // The call as written (`f.rmSync`), else through what its names are bound to (`x` → execSync).
      const written = chainOf(node.callee);
      const aliased = chainOf(node.callee, aliases);
      if (aliased) driverCalls.push(driverCallOf(aliased, node, aliases, code));
      const args: Argument[] = node.arguments.map(argumentOf);
      let chain = written;
      let found = written ? effectsOfCall('javascript', written, args, 0) : [];
      if (found.length === 0 && aliased && aliased !== written) {
        chain = aliased;
        found = effectsOfCall('javascript', aliased, args, 0);
      }
      if (chain) {
        // fs.rmSync(path) without { recursive: true } removes a file, not a tree.
        const recursive = args.some((a) => a.kind === 'keyword' && a.name === 'recursive');
        if (!recursive && /(^|\.)(rm|rmSync|rmdir|rmdirSync)$/.test(chain))
          found = found.map((e) => (e.kind === 'argv' && e.words[0] === 'rm' ? { ...e, words: ['rm', '-f', ...e.words.slice(2)] } : e));
        if (/(^|\.)(eval|Function|runInThisContext|runInNewContext)$/.test(chain)) {
          const code = args[args.length - 1];
          found = code?.kind === 'string' ? analyzeJavaScript(code.value) : code ? [{ kind: 'dynamic', sink: chain }] : [];
        }
        effects.push(...found);
      }
    }
    // zx / Bun shell: $`rm -rf /`
    if (node.type === 'TaggedTemplateExpression' && ['$', 'Bun.$', 'sh', 'shell'].includes(chainOf(node.tag) ?? '')) {
      effects.push(
        node.quasi.expressions.length === 0
          ? { kind: 'shell', text: node.quasi.quasis.map((q: JsNode) => q.value.cooked).join(''), sink: '$``' }
          : { kind: 'dynamic', sink: '$``' },
      );
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  };
  visit(ast);
  effects.push(...databaseEffects('javascript', driverCalls));
  effects.push(...serverCommandEffects('javascript', driverCalls));
  return effects;
}

/**
 * The servers a mongosh script connects to itself: `new Mongo("mongodb://HOST")`,
 * `Mongo("HOST:PORT")`, `connect("HOST/db")` with a literal string. `mongosh --nodb --eval '…'`
 * names no server on its command line; these are the servers its calls reach. As URLs.
 */
export function mongoConnectionsIn(code: string): string[] {
  let program: JsNode;
  try {
    program = parser()(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch {
    return [];
  }
  const urls: string[] = [];
  const visit = (node: JsNode): void => {
    if (!node || typeof node.type !== 'string') return;
    if (
      (node.type === 'NewExpression' || node.type === 'CallExpression') &&
      node.callee?.type === 'Identifier' &&
      ['Mongo', 'connect'].includes(node.callee.name)
    ) {
      const first = node.arguments?.[0];
      const value =
        first?.type === 'Literal' && typeof first.value === 'string'
          ? first.value
          : first?.type === 'TemplateLiteral' && first.expressions.length === 0
            ? first.quasis[0]?.value.cooked
            : undefined;
      if (value) urls.push(/^mongodb(\+srv)?:\/\//i.test(value) ? value : `mongodb://${value}`);
    }
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child === 'object') visit(child);
    }
  };
  visit(program);
  return [...new Set(urls)];
}
