// JavaScript given to `node -e`, `node -p`, `bun -e`, `deno eval` or a heredoc: parsed with acorn
// (a real parser, already a dependency for mongosh scripts), so a call inside a string or a
// comment is not a call. Code that does not parse is not run by node either: no effects.

import { createRequire } from 'node:module';
import type { CodeEffect } from './effects.js';
import { effectsOfCall, type Argument } from './calls.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic walks index children by key
type JsNode = any;
let parse: ((code: string, options: object) => JsNode) | undefined;

/** acorn loads only when a line runs JavaScript, synchronously (the walk is synchronous). */
function parser(): (code: string, options: object) => JsNode {
  parse ??= (createRequire(import.meta.url)('acorn') as { parse: (code: string, options: object) => JsNode }).parse;
  return parse;
}

function chainOf(node: JsNode): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') {
    const object = chainOf(node.object);
    const property = node.computed ? (node.property.type === 'Literal' ? String(node.property.value) : undefined) : node.property.name;
    return object && property ? `${object}.${property}` : property;
  }
  // require('child_process').execSync, (await import('fs')).rmSync
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
    return String(node.arguments[0].value).replace(/^node:/, '');
  }
  if (node.type === 'AwaitExpression') return chainOf(node.argument);
  if (node.type === 'ImportExpression' && node.source.type === 'Literal') return String(node.source.value).replace(/^node:/, '');
  return undefined;
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
    const values = node.elements.map(stringOf);
    return values.every((v: string | undefined) => v !== undefined) ? { kind: 'list', values } : { kind: 'dynamic' };
  }
  if (node.type === 'ObjectExpression') {
    const recursive = node.properties.some((p: JsNode) => p.key?.name === 'recursive' && p.value?.value === true);
    const shell = node.properties.some((p: JsNode) => p.key?.name === 'shell' && p.value?.value === true);
    return { kind: 'keyword', name: recursive ? 'recursive' : shell ? 'shell' : 'options', value: 'true' };
  }
  return { kind: 'dynamic' };
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
  const visit = (node: JsNode): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const chain = chainOf(node.callee);
      if (chain) {
        const args: Argument[] = node.arguments.map(argumentOf);
        let found = effectsOfCall('javascript', chain, args, 0);
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
  return effects;
}
