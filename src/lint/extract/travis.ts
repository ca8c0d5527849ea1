// Travis CI: a build runs its phases in one shell session, in this order; `env` strings
// (`A=b C="d e"`, read with the real shell parser) are its environment. Each
// `jobs.include` / `matrix.include` entry is a build of its own, inheriting the root phases.

import { ciSets } from '../../knowledge/ci-variables.js';
import { parse } from 'unbash';
import type { Document } from 'yaml';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { addPlatformVariables } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintsFromEnv, type EnvEntry } from './hints.js';
import { scriptPieces } from './gitlab-ci.js';
import { deref, getNode, isMap, isSeq, mappedScalar, parseYaml, scalarString } from './yaml-source.js';
import { dict } from '../../util/dict.js';

/** Build phases in the order Travis runs them (docs: "Job Lifecycle"). */
const PHASES = [
  'before_install',
  'install',
  'before_script',
  'script',
  'after_success',
  'after_failure',
  'before_deploy',
  'deploy.script',
  'after_deploy',
  'after_script',
] as const;

interface EnvParsed {
  entries: EnvEntry[];
  unknown: string[];
}

export function extractTravis(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, '.travis.yml');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const root = doc.contents;
  const snippets: ShellSnippet[] = [];
  const problems: LintProblem[] = [];
  const fileHint = hintFromFileName(path);

  const rootEnv = travisEnv(getNode(root, 'env', doc), doc, text, index);
  const builds: { node: unknown; origin: string }[] = [{ node: root, origin: 'build' }];
  for (const key of ['jobs', 'matrix']) {
    const include = deref(getNode(getNode(root, key, doc), 'include', doc), doc);
    if (isSeq(include)) include.items.forEach((item, i) => builds.push({ node: item, origin: `${key}.include[${i}]` }));
  }
  const rootHints = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(rootEnv.entries)];
  problems.push(...escapeHatchProblems(rootEnv.entries, 'every job of the build', rootHints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'));

  for (const build of builds) {
    const isRoot = build.node === root;
    const node = deref(build.node, doc);
    if (!isMap(node)) continue;
    const ownEnv = isRoot ? { entries: [], unknown: [] } : travisEnv(getNode(node, 'env', doc), doc, text, index);
    const hints: EnvironmentHint[] = [...rootHints, ...hintsFromEnv(ownEnv.entries)];
    const name = scalarString(getNode(node, 'name', doc), doc) ?? scalarString(getNode(node, 'stage', doc), doc);
    if (name) {
      const hint = hintFromEnvironmentName(name, 1, 'job ');
      if (hint && (hint.environment === 'production' || hint.environment === 'staging')) hints.push(hint);
    }
    if (!isRoot) {
      problems.push(...escapeHatchProblems(ownEnv.entries, `the job ${build.origin}`, hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'));
    }
    const pieces: MappedText[] = [];
    for (const phase of PHASES) {
      const phaseNode = phaseOf(node, phase, doc) ?? (isRoot ? undefined : phaseOf(root, phase, doc));
      pieces.push(...(phaseNode ?? []).flatMap((n) => scriptPieces(n, doc, text, index)));
    }
    if (pieces.length === 0) continue;
    const builder = new SnippetBuilder();
    pieces.forEach((piece, i) => {
      if (i > 0) builder.appendSynthetic('\n', piece.offsets[0] ?? 0);
      builder.append(piece);
    });
    const { text: snippetText, locate } = builder.build(index);
    const env = dict<string>();
    const unknown = new Set<string>();
    for (const e of [...rootEnv.entries, ...ownEnv.entries]) env[e.key] = e.value;
    for (const u of [...rootEnv.unknown, ...ownEnv.unknown]) unknown.add(u);
    addPlatformVariables(snippetText, env, unknown, (v) => ciSets('travis', v));
    snippets.push({ text: snippetText, locate, env, unknownEnv: [...unknown], hints: dedupeHints(hints), origin: build.origin });
  }
  return { snippets, problems };
}

/** The node(s) of a phase; `deploy` may be a map or a list of providers, each with `script`. */
function phaseOf(build: unknown, phase: (typeof PHASES)[number], doc: Document.Parsed): unknown[] | undefined {
  if (phase !== 'deploy.script') {
    const n = getNode(build, phase, doc);
    return n === undefined ? undefined : [n];
  }
  const deploy = deref(getNode(build, 'deploy', doc), doc);
  if (deploy === undefined) return undefined;
  const providers = isSeq(deploy) ? deploy.items : [deploy];
  return providers.map((p) => getNode(p, 'script', doc)).filter((n) => n !== undefined);
}

/** `env:` as a string, a list of strings (matrix rows, merged here), `{global, jobs, matrix}`,
 *  or `{secure: …}` items whose names and values are unknown. */
function travisEnv(node: unknown, doc: Document.Parsed, text: string, index: LineIndex): EnvParsed {
  const out: EnvParsed = { entries: [], unknown: [] };
  const visit = (n: unknown, depth: number): void => {
    const v = deref(n, doc);
    if (v === undefined || depth > 4) return;
    if (isSeq(v)) for (const item of v.items) visit(item, depth + 1);
    else if (isMap(v)) {
      for (const key of ['global', 'jobs', 'matrix']) visit(getNode(v, key, doc), depth + 1);
    } else {
      const mapped = mappedScalar(v, doc, text, index);
      if (mapped) out.entries.push(...assignmentsIn(mapped, index));
    }
  };
  visit(node, 0);
  return out;
}

/** `A=b C="d e"` read by the shell parser, each with the line it is on. */
export function assignmentsIn(mapped: MappedText, index: LineIndex): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const script = parse(mapped.text);
  for (const statement of script.commands) {
    const command = statement.command;
    if (command.type !== 'Command') continue;
    for (const item of [...command.prefix, ...(command.name ? [] : command.suffix)]) {
      if (item.type !== 'Assignment' || item.value.type !== 'Word') continue;
      const { line, column } = index.position(mapped.offsets[item.pos] ?? 0);
      entries.push({ key: item.name, value: item.value.value, line, column });
    }
  }
  return entries;
}
