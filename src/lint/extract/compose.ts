// Docker Compose files: a service's `command`, `entrypoint` and `healthcheck.test` run in its
// container. A string is a command line; a list is exec form (each item one word), except
// `["CMD-SHELL", "…"]`, which the container's shell runs. The service's `environment:` is its
// environment; `RAILS_ENV=production` and a file named for production are hints. Compose
// escapes `$` as `$$`; `${VAR}` is filled from the host when compose runs, so it stays a variable.

import type { Document } from 'yaml';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, ShellSnippet } from '../types.js';
import { readEnvMap, type EnvBlock } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromFileName, hintsFromEnv, type EnvEntry } from './hints.js';
import { deref, getNode, isMap, isSeq, keyString, mappedScalar, nodeStart, pairsOf, parseYaml, scalarString } from './yaml-source.js';

/** `environment:` as a map or as a list of `KEY=value`. */
function serviceEnv(node: unknown, doc: Document.Parsed, index: LineIndex): EnvBlock {
  const list = deref(node, doc);
  if (!isSeq(list)) return readEnvMap(node, doc, index);
  const entries: EnvEntry[] = [];
  for (const item of list.items) {
    const value = scalarString(item, doc);
    if (value === undefined) continue;
    const eq = value.indexOf('=');
    const { line, column } = index.position(nodeStart(item));
    entries.push({ key: eq === -1 ? value : value.slice(0, eq), value: eq === -1 ? '' : value.slice(eq + 1), line, column });
  }
  return { entries, unknown: [] };
}

/** Compose's `$$` is a literal `$` for the container: one character of the two stays. */
function unescapeDollars(mapped: MappedText): MappedText {
  const text: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < mapped.text.length; i++) {
    if (mapped.text[i] === '$' && mapped.text[i + 1] === '$') i++;
    text.push(mapped.text[i]!);
    offsets.push(mapped.offsets[i]!);
  }
  offsets.push(mapped.offsets[mapped.text.length]!);
  return { text: text.join(''), offsets };
}

/** The command line a `command`/`entrypoint`/`test` value stands for, mapped to the file. */
function commandLine(node: unknown, doc: Document.Parsed, text: string, index: LineIndex, healthcheck: boolean): MappedText | undefined {
  if (node === undefined) return undefined;
  const n = deref(node, doc);
  if (!isSeq(n)) {
    const mapped = mappedScalar(n, doc, text, index);
    return mapped && unescapeDollars(mapped);
  }
  const items = n.items.map((item) => ({ item, value: scalarString(item, doc) }));
  if (items.some((i) => i.value === undefined) || items.length === 0) return undefined;
  let words = items;
  if (healthcheck) {
    const kind = words[0]!.value;
    if (kind === 'NONE') return undefined;
    if (kind === 'CMD-SHELL') {
      const mapped = words[1] ? mappedScalar(words[1].item, doc, text, index) : undefined;
      return mapped && unescapeDollars(mapped);
    }
    if (kind === 'CMD') words = words.slice(1);
  }
  // Exec form: each word quoted for the shell reader, every character mapped to its item.
  const out: string[] = [];
  const offsets: number[] = [];
  for (const { item, value } of words) {
    const at = nodeStart(item);
    const word = value!.replace(/\$\$/g, '$');
    const quoted = /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
    if (out.length > 0) {
      out.push(' ');
      offsets.push(at);
    }
    for (const char of quoted) {
      out.push(char);
      offsets.push(at);
    }
  }
  offsets.push((offsets[offsets.length - 1] ?? 0) + 1);
  return { text: out.join(''), offsets };
}

export function extractCompose(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'compose file');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const snippets: ShellSnippet[] = [];
  const problems = [];
  const fileHint = hintFromFileName(path);
  for (const servicePair of pairsOf(getNode(doc.contents, 'services', doc), doc)) {
    const name = keyString(servicePair) ?? '';
    const service = deref(servicePair.value, doc);
    if (!isMap(service)) continue;
    const env = serviceEnv(getNode(service, 'environment', doc), doc, index);
    const hints: EnvironmentHint[] = dedupeHints([...(fileHint ? [fileHint] : []), ...hintsFromEnv(env.entries)]);
    problems.push(...escapeHatchProblems(env.entries, `service "${name}"`, hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'));
    const record: Record<string, string> = {};
    for (const e of env.entries) record[e.key] = e.value;
    // The container runs the entrypoint with the command as its arguments (`entrypoint: [sh,
    // -c]` + `command: ["dropdb …"]` is `sh -c 'dropdb …'`).
    const entrypoint = commandLine(getNode(service, 'entrypoint', doc), doc, text, index, false);
    const command = commandLine(getNode(service, 'command', doc), doc, text, index, false);
    const healthcheck = commandLine(getNode(getNode(service, 'healthcheck', doc), 'test', doc), doc, text, index, true);
    const lines: [string, MappedText[]][] = [
      ['command', [entrypoint, command].filter((m): m is MappedText => m !== undefined && m.text.trim() !== '')],
      ['healthcheck.test', healthcheck && healthcheck.text.trim() !== '' ? [healthcheck] : []],
    ];
    for (const [key, pieces] of lines) {
      if (pieces.length === 0) continue;
      const builder = new SnippetBuilder();
      pieces.forEach((piece, i) => {
        if (i > 0) builder.appendSynthetic(' ', piece.offsets[0] ?? 0);
        builder.append(piece);
      });
      const { text: snippetText, locate } = builder.build(index);
      snippets.push({ text: snippetText, locate, env: record, unknownEnv: [], hints, origin: `services.${name}.${key}` });
    }
  }
  return { snippets, problems };
}
