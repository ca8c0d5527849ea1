// Pieces shared by the CI extractors (GitHub Actions, GitLab CI, Travis CI).

import type { Document } from 'yaml';
import type { LineIndex, MappedText } from '../positions.js';
import type { EnvEntry } from './hints.js';
import { deref, isMap, keyString, nodeStart, pairsOf, scalarString } from './yaml-source.js';
import { dict } from '../../util/dict.js';

export interface EnvBlock {
  entries: EnvEntry[];
  /** Keys whose value is an expression or secret resolved only when the job runs. */
  unknown: string[];
}

/** A YAML mapping of variables (`env:`, `variables:`); GitLab's `{value: …}` form included. */
export function readEnvMap(node: unknown, doc: Document.Parsed, index: LineIndex): EnvBlock {
  const block: EnvBlock = { entries: [], unknown: [] };
  const map = deref(node, doc);
  if (!isMap(map)) return block;
  for (const pair of pairsOf(map, doc)) {
    const key = keyString(pair);
    if (!key) continue;
    let valueNode: unknown = pair.value;
    const resolved = deref(valueNode, doc);
    if (isMap(resolved)) valueNode = pairsOf(resolved, doc).find((p) => keyString(p) === 'value')?.value;
    const value = scalarString(valueNode, doc) ?? '';
    const { line, column } = index.position(nodeStart(pair.key));
    block.entries.push({ key, value, line, column });
    if (value.includes('${{')) block.unknown.push(key);
  }
  return block;
}

export function envRecord(...blocks: readonly EnvBlock[]): { env: Record<string, string>; unknown: string[] } {
  const env = dict<string>();
  const unknown = new Set<string>();
  for (const block of blocks) {
    for (const e of block.entries) {
      env[e.key] = e.value;
      unknown.delete(e.key);
    }
    for (const u of block.unknown) unknown.add(u);
  }
  return { env, unknown: [...unknown] };
}

/**
 * Variables the platform sets for every job (CI_*, GITHUB_*, npm_*): when a snippet references
 * one it does not set itself, it gets an env entry holding its own reference (`${CI_PROJECT_DIR}`)
 * and is listed as unknown, so the engine sees it as set, not as empty.
 */
export function addPlatformVariables(text: string, env: Record<string, string>, unknown: Set<string>, isPlatformVariable: (name: string) => boolean): void {
  for (const name of referencedVariables(text)) {
    if (name in env || !isPlatformVariable(name)) continue;
    env[name] = '${' + name + '}';
    unknown.add(name);
  }
}

/** Names of variables a snippet references (`$X`, `${X}`), for marking CI-provided ones as set. */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  return [...names];
}

export interface ExpressionPlaceholder {
  /** The shell variable the expression was replaced with (`${_secrets_PROD_DB____}`). */
  variable: string;
  expression: string;
  /** Offset of the expression in the snippet text. */
  offset: number;
}

/**
 * Replace each GitHub Actions `${{ … }}` with a shell variable reference of exactly the same
 * length, so offsets and columns stay right, and the engine sees a value that is set but unknown.
 */
export function replaceExpressions(mapped: MappedText): { mapped: MappedText; placeholders: ExpressionPlaceholder[] } {
  const placeholders: ExpressionPlaceholder[] = [];
  const text = mapped.text.replace(/\$\{\{([\s\S]*?)\}\}/g, (expression: string, inner: string, offset: number) => {
    const width = expression.length - 3;
    const name = ('_' + inner.trim().replace(/[^A-Za-z0-9_]/g, '_')).slice(0, width).padEnd(width, '_');
    placeholders.push({ variable: name, expression, offset });
    return '${' + name + '}';
  });
  return { mapped: { text, offsets: mapped.offsets }, placeholders };
}

/** `secrets.X` and `vars.X` named inside expressions, with their offsets in `text`. */
export function expressionReferences(text: string): { kind: 'secret' | 'variable'; name: string; offset: number }[] {
  const refs: { kind: 'secret' | 'variable'; name: string; offset: number }[] = [];
  for (const m of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    for (const r of m[1]!.matchAll(/\b(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      refs.push({ kind: r[1] === 'secrets' ? 'secret' : 'variable', name: r[2]!, offset: m.index + 3 + r.index });
    }
  }
  return refs;
}
