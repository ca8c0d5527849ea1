// Packer templates (`*.pkr.hcl` read with tree-sitter's HCL grammar, `*.pkr.json` with the YAML
// parser that keeps positions): a `shell` provisioner runs its `inline` lines, `script` and
// `scripts` on the machine Packer is building an image from, like a Dockerfile `RUN` changes a
// fresh layer. Inline lines are judged as an image build; the scripts a template names are
// returned so that the caller judges those files as image builds too. Pure: text in, data out.

import { posix } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { Extracted, ShellSnippet } from '../types.js';
import { parseHcl } from '../hcl/parser.js';
import { deref, getNode, isMap, isSeq, keyString, mappedScalar, pairsOf, parseYaml, scalarString } from './yaml-source.js';
import { dedupeHints, hintFromFileName } from './hints.js';

/** Provisioners that run shell on the machine being imaged (`shell-local` runs on the builder's own). */
const SHELL_PROVISIONERS = new Set(['shell']);

interface PackerString {
  /** The string with its escapes read, interpolations kept as written. */
  text: MappedText;
}

/** Where a Packer template's pieces are, whichever syntax it is written in. */
interface Provisioner {
  type: string;
  inline: MappedText[];
  scripts: string[];
}

/** A string of the template as the shell will see it, and its place in the file: escapes (`\"`,
 *  `$${`) read, each interpolation (`${var.x}`, JSON's `{{user \`x\`}}`) turned into a variable
 *  of the same length whose value is unknown. */
function shellText(piece: MappedText, placeholders: Map<string, string>): MappedText {
  const out: string[] = [];
  const offsets: number[] = [];
  const { text } = piece;
  const push = (s: string, at: number) => {
    for (const ch of s) {
      out.push(ch);
      offsets.push(at);
    }
  };
  for (let i = 0; i < text.length;) {
    const at = piece.offsets[i] ?? 0;
    if ((text.startsWith('$${', i) || text.startsWith('%%{', i)) && i + 3 <= text.length) {
      push(text[i + 1]! + '{', at);
      i += 3;
      continue;
    }
    const open = text.startsWith('${', i) || text.startsWith('%{', i) ? 2 : text.startsWith('{{', i) ? 2 : 0;
    if (open) {
      const close = text.startsWith('{{', i) ? '}}' : '}';
      let depth = 0;
      let end = -1;
      for (let j = i + open; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text.startsWith(close, j) && depth === 0) {
          end = j + close.length;
          break;
        } else if (text[j] === '}') depth--;
      }
      if (end !== -1) {
        const expression = text.slice(i, end);
        const width = Math.max(1, expression.length - 3);
        const name = ('_' + expression.replace(/[^A-Za-z0-9_]/g, '_')).slice(0, width).padEnd(width, '_');
        placeholders.set(name, expression);
        // `%{ if … }` directives hold no value: they become spaces.
        push(expression.startsWith('%{') ? ' '.repeat(expression.length) : '${' + name + '}', at);
        i = end;
        continue;
      }
    }
    push(text[i]!, at);
    i++;
  }
  offsets.push(piece.offsets[text.length] ?? (offsets.at(-1) ?? 0) + 1);
  return { text: out.join(''), offsets };
}

/** The content of an HCL string node (quoted or heredoc), its escapes read, as a mapped text. */
function hclString(node: Node, source: string): PackerString | undefined {
  let quoted = node;
  while (quoted.type === 'expression' || quoted.type === 'literal_value' || quoted.type === 'template_expr') {
    const child = quoted.namedChildren[0];
    if (!child) return undefined;
    quoted = child;
  }
  if (quoted.type !== 'string_lit' && quoted.type !== 'quoted_template' && quoted.type !== 'heredoc_template') return undefined;
  const children = quoted.children.filter((child): child is Node => child !== null);
  let start: number;
  let end: number;
  if (quoted.type === 'heredoc_template') {
    const identifiers = children.filter((child) => child.type === 'heredoc_identifier');
    if (identifiers.length < 2) return undefined;
    start = source.indexOf('\n', identifiers[0]!.endIndex) + 1;
    end = identifiers[identifiers.length - 1]!.startIndex;
    const raw = source.slice(start, end);
    return { text: { text: raw, offsets: Array.from({ length: raw.length + 1 }, (_, i) => start + i) } };
  }
  start = quoted.startIndex + 1;
  end = quoted.endIndex - 1;
  const out: string[] = [];
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    if (source[i] === '\\' && i + 1 < end) {
      const next = source[i + 1]!;
      out.push(next === 'n' ? '\n' : next === 't' ? '\t' : next);
      offsets.push(i + 1);
      i++;
      continue;
    }
    out.push(source[i]!);
    offsets.push(i);
  }
  offsets.push(end);
  return { text: { text: out.join(''), offsets } };
}

function hclStrings(node: Node, source: string): PackerString[] {
  const direct = hclString(node, source);
  if (direct) return [direct];
  return node.namedChildren.filter((child): child is Node => child !== null).flatMap((child) => hclStrings(child, source));
}

function blockLabels(block: Node, source: string): { name: string; labels: string[] } {
  const named = block.namedChildren.filter((child): child is Node => child !== null);
  const name = named[0]?.type === 'identifier' ? named[0].text : '';
  const labels = named.filter((child) => child.type === 'string_lit').map((child) => hclString(child, source)?.text.text ?? '');
  return { name, labels };
}

function attributes(body: Node | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const child of body?.namedChildren ?? []) {
    if (child?.type !== 'attribute') continue;
    const key = child.namedChildren[0];
    const value = child.namedChildren[1];
    if (key && value) out.set(key.text, value);
  }
  return out;
}

interface ReadTemplate {
  provisioners: Provisioner[];
  /** Every string the template holds outside `file` provisioners (script lists live in locals too). */
  strings: string[];
}

function readHcl(text: string): ReadTemplate {
  const tree = parseHcl(text);
  const provisioners: Provisioner[] = [];
  const strings: string[] = [];
  const visit = (node: Node, inFileProvisioner: boolean) => {
    if (node.type === 'block') {
      const { name, labels } = blockLabels(node, text);
      const body = node.namedChildren.find((child) => child?.type === 'body') ?? undefined;
      if (name === 'provisioner') {
        const attrs = attributes(body);
        const inline = attrs.get('inline');
        provisioners.push({
          type: labels[0] ?? '',
          inline: inline ? hclStrings(inline, text).map((s) => s.text) : [],
          scripts: [
            ...(attrs.get('script') ? hclStrings(attrs.get('script')!, text) : []),
            ...(attrs.get('scripts') ? hclStrings(attrs.get('scripts')!, text) : []),
          ].map((s) => s.text.text),
        });
        inFileProvisioner = labels[0] === 'file';
      }
    }
    const string = hclString(node, text);
    if (string) {
      if (!inFileProvisioner) strings.push(string.text.text);
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child, inFileProvisioner);
  };
  visit(tree.rootNode, false);
  tree.delete();
  return { provisioners, strings };
}

function readJson(text: string, index: LineIndex): ReadTemplate {
  const parsed = parseYaml(text, index, 'Packer template');
  const provisioners: Provisioner[] = [];
  const strings: string[] = [];
  const doc = parsed.doc;
  if (!doc) return { provisioners, strings };
  const list = deref(getNode(doc.contents, 'provisioners', doc), doc);
  for (const item of isSeq(list) ? list.items : []) {
    const provisioner = deref(item, doc);
    if (!isMap(provisioner)) continue;
    const type = scalarString(getNode(provisioner, 'type', doc), doc) ?? '';
    const values = (key: string): MappedText[] => {
      const node = deref(getNode(provisioner, key, doc), doc);
      const nodes = isSeq(node) ? node.items : node ? [node] : [];
      return nodes.map((n) => mappedScalar(n, doc, text, index)).filter((m): m is MappedText => m !== undefined);
    };
    const scripts = [...values('script'), ...values('scripts')].map((m) => m.text);
    provisioners.push({ type, inline: values('inline'), scripts });
    if (type !== 'file') strings.push(...scripts);
  }
  // Keys other than provisioners (variables holding script lists) are read for strings too.
  for (const pair of pairsOf(doc.contents, doc)) {
    if (keyString(pair) === 'provisioners') continue;
    const collect = (node: unknown) => {
      const n = deref(node, doc);
      if (isSeq(n)) n.items.forEach(collect);
      else if (isMap(n)) n.items.forEach((p) => collect(p.value));
      else {
        const value = scalarString(n, doc);
        if (value !== undefined) strings.push(value);
      }
    };
    collect(pair.value);
  }
  return { provisioners, strings };
}

function readTemplate(text: string, path: string, index: LineIndex): ReadTemplate {
  return /\.json$/i.test(path) ? readJson(text, index) : readHcl(text);
}

/** The inline lines of a template's shell provisioners, each provisioner one image-build snippet. */
export function extractPacker(text: string, path: string): Extracted {
  const index = new LineIndex(text);
  const fileHint = hintFromFileName(path);
  const snippets: ShellSnippet[] = [];
  readTemplate(text, path, index).provisioners.forEach((provisioner, i) => {
    if (!SHELL_PROVISIONERS.has(provisioner.type) || provisioner.inline.length === 0) return;
    const placeholders = new Map<string, string>();
    const builder = new SnippetBuilder();
    // Packer writes the inline lines into one script, one line each.
    for (const line of provisioner.inline) {
      if (!builder.isEmpty) builder.appendSynthetic('\n', line.offsets[0] ?? 0);
      builder.append(shellText(line, placeholders));
    }
    const { text: shell, locate } = builder.build(index);
    snippets.push({
      text: shell,
      locate,
      env: Object.fromEntries(placeholders),
      unknownEnv: [...placeholders.keys()],
      hints: dedupeHints(fileHint ? [fileHint] : []),
      origin: `provisioners[${i}].inline`,
      imageBuild: true,
    });
  });
  return { snippets, problems: [] };
}

/** A path as a pattern over repository paths: `${path.root}` and JSON's `{{template_dir}}` are the
 *  template's folder, any other interpolation (`${var.os_name}`) matches one path segment's part. */
function pathPattern(value: string, templateDir: string): RegExp | undefined {
  if (!/\.(sh|bash)$|\/scripts?\//.test(value) || /\s/.test(value.trim())) return undefined;
  const rooted = /^\s*(\$\{\s*path\.(root|cwd)\s*\}|\{\{\s*template_dir\s*\}\})/.test(value);
  let path = value.replace(/\$\{\s*path\.root\s*\}|\{\{\s*template_dir\s*\}\}/g, templateDir || '.').replace(/\$\{\s*path\.cwd\s*\}/g, '.');
  const wild = '\u0000';
  path = path.replace(/\$\{[^}]*\}|\{\{[^}]*\}\}/g, wild);
  // A relative path is read from where `packer build` runs: the template's folder or the top.
  const candidates = rooted ? [posix.normalize(path)] : [posix.normalize(posix.join(templateDir, path)), posix.normalize(path)];
  if (path.startsWith('/') || candidates.some((c) => c.startsWith('../'))) return undefined;
  const escape = (p: string) =>
    p
      .split(wild)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
  return new RegExp(`^(?:${[...new Set(candidates.map((c) => c.replace(/^\.\//, '')))].map(escape).join('|')})$`);
}

/** Repository paths (among `linted`) of the scripts a Packer template runs on the machine it
 *  images: its `script`/`scripts` values and script paths it lists elsewhere (bento keeps them in
 *  `locals`), never what a `file` provisioner uploads for later. */
export function packerBuildScripts(text: string, templatePath: string, linted: ReadonlySet<string>): string[] {
  const templateDir = posix.dirname(templatePath) === '.' ? '' : posix.dirname(templatePath);
  let read: ReadTemplate;
  try {
    read = readTemplate(text, templatePath, new LineIndex(text));
  } catch {
    // A template that cannot be read names no scripts; its own lint reports why.
    return [];
  }
  const patterns = [...new Set(read.strings)].map((value) => pathPattern(value, templateDir)).filter((p): p is RegExp => p !== undefined);
  if (patterns.length === 0) return [];
  return [...linted].filter((path) => patterns.some((pattern) => pattern.test(path)));
}
