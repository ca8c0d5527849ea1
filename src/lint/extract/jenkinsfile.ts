// Jenkinsfile (declarative and scripted pipelines): each `sh` step is a shell snippet —
// `sh 'cmd'`, `sh """…"""`, `sh(script: '…', returnStdout: true)`, `sh label: 'x', script: '…'`.
// Its environment is what the enclosing `environment { }` blocks (pipeline and stage) and
// `withEnv([…]) { }` calls set; `credentials('id')` is a secret whose value is unknown. Hints:
// a stage named for production or tests, RAILS_ENV=production, a credential named for production.
//
// Groovy reads a double-quoted string before the shell does: `"psql ${env.DB}"` and `"$DB"`
// are Groovy interpolations (Jenkins exposes environment variables and parameters as
// globals), so they become shell references to that variable, or to a placeholder whose value
// is unknown when the expression is anything else. In single quotes `$DB` is the shell's.
// A step whose script is not a literal (a variable, a concatenation) is not judged.

import type { Node } from 'web-tree-sitter';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, ShellSnippet } from '../types.js';
import { addPlatformVariables, referencedVariables } from './ci-common.js';
import { ciSets } from '../../knowledge/ci-variables.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintFromReference, hintsFromEnv, type EnvEntry } from './hints.js';
import { parseGroovy } from '../groovy/parser.js';
import { dict } from '../../util/dict.js';

/** Steps that run their script with a POSIX shell. `bat` and `powershell` are Windows. */
const SHELL_STEPS = new Set(['sh']);

const SERVER = new Set(['production', 'staging']);

interface Scope {
  entries: EnvEntry[];
  unknown: Set<string>;
  hints: EnvironmentHint[];
  /** A credential named for an environment (`credentials('prod-db')`) says where a step goes only
   *  when the step uses that variable: a pipeline-wide binding is not every stage's target. */
  credentialHints: Map<string, EnvironmentHint>;
}

export function extractJenkinsfile(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const tree = parseGroovy(text);
  const line = (node: Node) => index.position(node.startIndex).line;
  const fileHint = hintFromFileName(path);
  const snippets: ShellSnippet[] = [];
  const problems: Extracted['problems'] = [];
  const stepCount = new Map<string, number>();

  /** `environment { }` sets variables for every step of its pipeline or stage, wherever it sits in the block. */
  const applyEnvironment = (closure: Node, scope: Scope, stage: string | undefined): void => {
    for (const statement of closure.namedChildren) {
      const call = statement && callOf(statement.type === 'expression_statement' ? (statement.namedChildren[0] ?? statement) : statement);
      if (call?.name !== 'environment' || !call.body) continue;
      const block = environmentBlock(call.body, line);
      const blockHints = hintsFromEnv(block.entries.filter((entry) => !block.unknown.includes(entry.key)));
      problems.push(...escapeHatchProblems(block.entries, stage ? `stage "${stage}"` : 'the whole pipeline', severityFor([...scope.hints, ...blockHints])));
      scope.entries.push(...block.entries);
      for (const name of block.unknown) scope.unknown.add(name);
      scope.hints.push(...blockHints);
      for (const [name, hint] of block.credentialHints) scope.credentialHints.set(name, hint);
    }
  };

  const visit = (node: Node, scope: Scope, stage: string | undefined): void => {
    if (node.type === 'closure') applyEnvironment(node, scope, stage);
    const call = callOf(node);
    if (call) {
      if (call.name === 'environment') return;
      if (call.name === 'stage' && call.body) {
        const name = call.args.map(literalText).find((value) => value !== undefined);
        const inner = childScope(scope);
        const hint = name !== undefined ? hintFromEnvironmentName(name, line(node), 'stage ') : undefined;
        if (hint && (SERVER.has(hint.environment) || !inner.hints.some((h) => SERVER.has(h.environment)))) inner.hints.push(hint);
        for (const arg of call.args) visit(arg, scope, stage);
        visit(call.body, inner, name ?? stage);
        return;
      }
      if (call.name === 'withEnv' && call.body) {
        const inner = childScope(scope);
        for (const item of call.args.flatMap((arg) => (arg.type === 'array_literal' ? arg.namedChildren : [])).filter(isPresent)) {
          const value = literalText(item);
          const match = value !== undefined ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value) : null;
          if (match) inner.entries.push({ key: match[1]!, value: match[2]!, line: line(item) });
        }
        inner.hints.push(...hintsFromEnv(inner.entries.slice(scope.entries.length)));
        visit(call.body, inner, stage);
        return;
      }
      if (SHELL_STEPS.has(call.name)) {
        const scriptNode = scriptArgument(call.args);
        const mapped = scriptNode ? decodeString(scriptNode) : undefined;
        if (mapped) {
          const key = stage ?? '';
          const n = (stepCount.get(key) ?? 0) + 1;
          stepCount.set(key, n);
          snippets.push(snippetOf(mapped, scope, index, `${stage ? `stage "${stage}" ` : ''}sh step ${n}`));
        }
      }
    }
    for (const child of node.namedChildren) if (child) visit(child, scope, stage);
  };

  const root: Scope = { entries: [], unknown: new Set(), hints: fileHint ? [fileHint] : [], credentialHints: new Map() };
  visit(tree.rootNode, root, undefined);
  // The grammar lacks some Groovy (untyped `catch (e)`, `switch`, slashy strings): steps inside
  // what it could not read may be missing. Say so once, where, instead of guessing.
  const notices: Extracted['notices'] = [];
  const firstError = tree.rootNode.hasError ? firstErrorNode(tree.rootNode) : undefined;
  if (firstError) {
    notices.push({
      line: line(firstError),
      message: "not fully checked: Groovy here that prodguard's Jenkinsfile parser does not read; sh steps after it may be missed",
    });
  }
  tree.delete();
  for (const snippet of snippets) snippet.hints = dedupeHints(snippet.hints);
  return { snippets, problems, notices };
}

function firstErrorNode(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError || child?.isMissing) return firstErrorNode(child) ?? child;
  }
  return undefined;
}

function severityFor(hints: readonly EnvironmentHint[]): 'confirm' | 'warn' {
  return hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn';
}

function childScope(scope: Scope): Scope {
  return { entries: [...scope.entries], unknown: new Set(scope.unknown), hints: [...scope.hints], credentialHints: new Map(scope.credentialHints) };
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

interface Call {
  name: string;
  args: Node[];
  body: Node | undefined;
}

/** `name(args) { body }`, `name args`, `name { body }` — only calls on no object (steps, not `x.sh()`). */
function callOf(node: Node): Call | undefined {
  if (node.type !== 'method_invocation' && node.type !== 'juxt_function_call') return undefined;
  if (node.childForFieldName('object')) return undefined;
  const name = node.childForFieldName('name');
  if (!name || name.type !== 'identifier') return undefined;
  const argList = node.childForFieldName(node.type === 'method_invocation' ? 'arguments' : 'args');
  const args = argList ? argList.namedChildren.filter(isPresent) : [];
  // `stage('x') { … }` puts the closure in `body`; a juxt call may carry it as its last argument.
  const body = node.childForFieldName('body') ?? args.find((arg) => arg.type === 'closure');
  return { name: name.text, args: args.filter((arg) => arg !== body), body: body ?? undefined };
}

/** The script of a step: its first argument, or its `script:` named argument. */
function scriptArgument(args: readonly Node[]): Node | undefined {
  for (const arg of args) {
    if (arg.type === 'map_item') {
      if (arg.namedChildren[0]?.text === 'script') return arg.namedChildren[1] ?? undefined;
      continue;
    }
    return arg;
  }
  return undefined;
}

/** `environment { NAME = 'value'; DB = credentials('prod-db') }`. */
function environmentBlock(body: Node, line: (node: Node) => number): { entries: EnvEntry[]; unknown: string[]; credentialHints: Map<string, EnvironmentHint> } {
  const entries: EnvEntry[] = [];
  const unknown: string[] = [];
  const credentialHints = new Map<string, EnvironmentHint>();
  const walk = (node: Node) => {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        const value = literalText(right);
        if (value !== undefined && !/\$/.test(value)) entries.push({ key: left.text, value, line: line(left) });
        else {
          // A credential or an expression: set when the build runs, value unknown here.
          entries.push({ key: left.text, value: right.text, line: line(left) });
          unknown.push(left.text);
          const credential = callOf(right);
          const id = credential?.name === 'credentials' ? literalText(credential.args[0]!) : undefined;
          const hint = id !== undefined ? hintFromReference('credential', id, line(right)) : undefined;
          if (hint) credentialHints.set(left.text, hint);
        }
      }
      return;
    }
    for (const child of node.namedChildren) if (child) walk(child);
  };
  walk(body);
  return { entries, unknown, credentialHints };
}

/** The value of a string literal with no interpolation, else undefined. */
function literalText(node: Node): string | undefined {
  const mapped = decodeString(node);
  if (!mapped || mapped.interpolated) return undefined;
  return mapped.text;
}

interface DecodedString extends MappedText {
  /** Groovy `${…}` / `$name` interpolations, replaced by shell references. */
  interpolations: { variable: string; expression: string; simple: boolean }[];
  interpolated: boolean;
}

const ESCAPES: Record<string, string> = dict({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '\\': '\\', "'": "'", '"': '"', $: '$' });

/**
 * A Groovy string literal's characters, each mapped to its offset in the file. Single-quoted
 * strings are literal; in double-quoted ones each interpolation becomes `${NAME}`: the variable
 * itself for `$NAME`, `${NAME}`, `${env.NAME}`, `${params.NAME}`, else a placeholder.
 */
function decodeString(node: Node): DecodedString | undefined {
  if (node.type !== 'string_literal' && node.type !== 'character_literal') return undefined;
  const raw = node.text;
  const quote = raw.startsWith("'''") || raw.startsWith('"""') ? raw.slice(0, 3) : raw.slice(0, 1);
  if (quote !== "'" && quote !== '"' && quote !== "'''" && quote !== '"""') return undefined;
  const body = raw.slice(quote.length, raw.length - quote.length);
  const start = node.startIndex + quote.length;
  const gstring = quote.startsWith('"');
  let text = '';
  const offsets: number[] = [];
  const interpolations: DecodedString['interpolations'] = [];
  for (let i = 0; i < body.length;) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[i + 1]!;
      if (next === '\n') {
        i += 2; // a line continuation
        continue;
      }
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
        text += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
        offsets.push(start + i);
        i += 6;
        continue;
      }
      // `\$` hands the shell a `$` of its own (`"echo \$HOME"` is the shell's $HOME), never an interpolation.
      text += ESCAPES[next] ?? next;
      offsets.push(start + i);
      i += 2;
      continue;
    }
    if (gstring && ch === '$') {
      const found = interpolationAt(body, i);
      if (found) {
        const variable = found.simple ?? `_groovy_${interpolations.length + 1}`;
        interpolations.push({ variable, expression: found.expression, simple: found.simple !== undefined });
        const reference = '${' + variable + '}';
        text += reference;
        for (let k = 0; k < reference.length; k++) offsets.push(start + i);
        i = found.end;
        continue;
      }
    }
    text += ch;
    offsets.push(start + i);
    i++;
  }
  offsets.push(start + body.length);
  return { text, offsets, interpolations, interpolated: interpolations.length > 0 };
}

/** A GString interpolation starting at `body[i] === '$'`: `${expr}` (braces balanced) or `$a.b.c`. */
function interpolationAt(body: string, i: number): { expression: string; end: number; simple?: string } | undefined {
  if (body[i + 1] === '{') {
    let depth = 0;
    for (let j = i + 1; j < body.length; j++) {
      if (body[j] === '{') depth++;
      else if (body[j] === '}' && --depth === 0) {
        const expression = body.slice(i + 2, j).trim();
        return { expression, end: j + 1, ...simpleName(expression) };
      }
    }
    return undefined;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(body.slice(i + 1));
  if (!m) return undefined;
  return { expression: m[0], end: i + 1 + m[0].length, ...simpleName(m[0]) };
}

/** `NAME`, `env.NAME`, `params.NAME`: the build's variable NAME (Jenkins passes parameters as variables too). */
function simpleName(expression: string): { simple?: string } {
  const m = /^(?:(?:env|params)\.)?([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
  return m ? { simple: m[1]! } : {};
}

function snippetOf(mapped: DecodedString, scope: Scope, index: LineIndex, origin: string): ShellSnippet {
  const { text, locate } = new SnippetBuilder().append(mapped).build(index);
  const env = dict<string>();
  for (const entry of scope.entries) env[entry.key] = entry.value;
  const unknown = new Set(scope.unknown);
  for (const interpolation of mapped.interpolations) {
    if (interpolation.variable in env && !interpolation.variable.startsWith('_groovy_')) continue;
    env[interpolation.variable] = '${' + interpolation.expression + '}';
    unknown.add(interpolation.variable);
  }
  addPlatformVariables(text, env, unknown, (name) => ciSets('jenkins', name));
  const hints = [...scope.hints];
  const used = new Set(referencedVariables(text));
  for (const [name, hint] of scope.credentialHints) if (used.has(name)) hints.push(hint);
  for (const interpolation of mapped.interpolations) {
    const param = /^params\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(interpolation.expression);
    const hint = param ? hintFromReference('parameter', param[1]!, locate(0).line) : undefined;
    if (hint) hints.push(hint);
  }
  return { text, locate, env, unknownEnv: [...unknown], hints, origin };
}
