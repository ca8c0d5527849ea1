// package.json: each `scripts` value is a shell snippet (npm runs it with `sh -c`). The JSON is
// parsed as YAML 1.2 (JSON is a subset) to keep every string's position.

import { LineIndex, SnippetBuilder } from '../positions.js';
import type { Extracted, ShellSnippet } from '../types.js';
import { addPlatformVariables } from './ci-common.js';
import { hintFromEnvironmentName } from './hints.js';
import { getNode, keyString, mappedScalar, nodeStart, pairsOf, parseYaml } from './yaml-source.js';
import { dict } from '../../util/dict.js';

export function extractPackageJson(text: string): Extracted {
  const source = text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text;
  const index = new LineIndex(source);
  const parsed = parseYaml(source, index, 'package.json');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const snippets: ShellSnippet[] = [];
  for (const pair of pairsOf(getNode(doc.contents, 'scripts', doc), doc)) {
    const name = keyString(pair)!;
    const mapped = mappedScalar(pair.value, doc, source, index);
    if (!mapped || mapped.text.trim() === '') continue;
    const { text: snippetText, locate } = new SnippetBuilder().append(mapped).build(index);
    const hint = hintFromEnvironmentName(name, index.position(nodeStart(pair.key)).line, 'script ');
    const hints = hint && (hint.environment === 'production' || hint.environment === 'staging') ? [hint] : [];
    // npm sets npm_package_*, npm_config_*, npm_lifecycle_* for every script.
    const env = dict<string>();
    const unknownEnv = new Set<string>();
    addPlatformVariables(snippetText, env, unknownEnv, (v) => /^npm_/.test(v));
    snippets.push({ text: snippetText, locate, env, unknownEnv: [...unknownEnv], hints, origin: `scripts.${name}` });
  }
  return { snippets, problems: [] };
}
