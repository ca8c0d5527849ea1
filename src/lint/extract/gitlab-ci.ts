// GitLab CI: every job's `before_script` + `script` run in one shell, `after_script` in
// another; `variables:` (global and job, plain or `{value: …}`) are their environment;
// `environment:` (string or `{name: …}`) and job names are hints. Hidden jobs (`.template`)
// are extracted too: other jobs extend them. `!reference [job, key]` is resolved.

import type { Document } from 'yaml';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { addPlatformVariables, envRecord, readEnvMap } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintsFromEnv } from './hints.js';
import {
  deref,
  getNode,
  getPair,
  isMap,
  isScalar,
  isSeq,
  keyString,
  mappedScalar,
  nodeStart,
  pairsOf,
  parseYaml,
  scalarString,
} from './yaml-source.js';

/** Top-level keys that are not jobs (GitLab CI YAML reference, "Global keywords"). */
const NOT_JOBS = new Set([
  'stages', 'include', 'workflow', 'variables', 'default', 'image', 'services', 'cache',
  'before_script', 'after_script', 'types', 'spec',
]);

/** Predefined CI/CD variables: set by the runner, values unknown here. */
const RUNNER_VARIABLE = /^(CI|CI_[A-Z0-9_]+|GITLAB_[A-Z0-9_]+|HOME|PATH)$/;

export function extractGitlabCi(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'GitLab CI file');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems };
  const doc = parsed.doc;
  const root = doc.contents;
  const snippets: ShellSnippet[] = [];
  const problems: LintProblem[] = [];
  const line = (node: unknown) => index.position(nodeStart(node)).line;

  const fileHint = hintFromFileName(path);
  const globalVars = readEnvMap(getNode(root, 'variables', doc), doc, index);
  const globalHints = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(globalVars.entries)];
  const defaults = getNode(root, 'default', doc);
  const defaultBefore = getNode(defaults, 'before_script', doc) ?? getNode(root, 'before_script', doc);
  const defaultAfter = getNode(defaults, 'after_script', doc) ?? getNode(root, 'after_script', doc);

  let anyProduction = false;
  for (const jobPair of pairsOf(root, doc)) {
    const name = keyString(jobPair)!;
    if (NOT_JOBS.has(name)) continue;
    const job = deref(jobPair.value, doc);
    if (!isMap(job)) continue;
    const jobVars = readEnvMap(getNode(job, 'variables', doc), doc, index);
    const hints: EnvironmentHint[] = [...globalHints, ...hintsFromEnv(jobVars.entries)];
    const nameHint = hintFromEnvironmentName(name.replace(/^\./, ''), line(jobPair.key), 'job ');
    if (nameHint && (nameHint.environment === 'production' || nameHint.environment === 'staging')) hints.push(nameHint);
    const envNode = getNode(job, 'environment', doc);
    const envName = scalarString(isMap(envNode) ? getNode(envNode, 'name', doc) : envNode, doc);
    if (envName !== undefined) {
      const hint = hintFromEnvironmentName(envName, line(getPair(job, 'environment', doc)!.key));
      if (hint) hints.push(hint);
    }
    const production = hints.some((h) => h.environment === 'production');
    anyProduction ||= production;
    problems.push(...escapeHatchProblems(jobVars.entries, `the whole job "${name}"`, production ? 'confirm' : 'warn'));

    const { env, unknown } = envRecord(globalVars, jobVars);
    const make = (pieces: MappedText[], origin: string): void => {
      if (pieces.length === 0) return;
      const builder = new SnippetBuilder();
      pieces.forEach((piece, i) => {
        if (i > 0) builder.appendSynthetic('\n', piece.offsets[0] ?? 0);
        builder.append(piece);
      });
      const { text: snippetText, locate } = builder.build(index);
      const unknownEnv = new Set(unknown);
      const snippetEnv = { ...env };
      addPlatformVariables(snippetText, snippetEnv, unknownEnv, (v) => RUNNER_VARIABLE.test(v));
      snippets.push({ text: snippetText, locate, env: snippetEnv, unknownEnv: [...unknownEnv], hints: dedupeHints(hints), origin });
    };
    const ownBefore = getNode(job, 'before_script', doc);
    const before = scriptPieces(ownBefore ?? defaultBefore, doc, text, index);
    const main = scriptPieces(getNode(job, 'script', doc), doc, text, index);
    make([...before, ...main], before.length > 0 ? `${name}.before_script+script` : `${name}.script`);
    make(scriptPieces(getNode(job, 'after_script', doc) ?? defaultAfter, doc, text, index), `${name}.after_script`);
  }
  problems.unshift(...escapeHatchProblems(globalVars.entries, 'every job of the pipeline', anyProduction ? 'confirm' : 'warn'));
  return { snippets, problems };
}

/** A script key: a string, or a list of strings, nested lists and `!reference` tags. */
export function scriptPieces(node: unknown, doc: Document.Parsed, text: string, index: LineIndex, depth = 0): MappedText[] {
  if (depth > 10) return [];
  const n = deref(node, doc);
  if (n === undefined || n === null) return [];
  if (isScalar(n)) {
    const mapped = mappedScalar(n, doc, text, index);
    return mapped && mapped.text.trim() !== '' ? [mapped] : [];
  }
  if (isSeq(n)) {
    if (n.tag === '!reference') {
      let target: unknown = doc.contents;
      for (const item of n.items) {
        const key = scalarString(item, doc);
        if (key === undefined) return [];
        target = getNode(target, key, doc);
      }
      return scriptPieces(target, doc, text, index, depth + 1);
    }
    return n.items.flatMap((item) => scriptPieces(item, doc, text, index, depth + 1));
  }
  return [];
}
