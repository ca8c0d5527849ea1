// GitLab CI: every job's `before_script` + `script` run in one shell, `after_script` in
// another; `variables:` (global and job, plain or `{value: …}`) are their environment;
// `environment:` (string or `{name: …}`) and job names are hints. Hidden jobs (`.template`)
// are extracted too: other jobs extend them. `extends:` (string or list, nested) and
// `!reference [job, key]` are resolved.

import { ciSets } from '../../knowledge/ci-variables.js';
import type { Document, Node, Pair } from 'yaml';
import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { addPlatformVariables, envRecord, readEnvMap } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintsFromEnv } from './hints.js';
import { deref, getNode, getPair, isMap, isScalar, isSeq, keyString, mappedScalar, nodeStart, pairsOf, parseYaml, scalarString } from './yaml-source.js';

/** Top-level keys that are not jobs (GitLab CI YAML reference, "Global keywords"). */
const NOT_JOBS = new Set([
  'stages',
  'include',
  'workflow',
  'variables',
  'default',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

export function extractGitlabCi(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'GitLab CI file');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
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

  const jobs = new Jobs(root, doc);
  let anyProduction = false;
  for (const jobPair of pairsOf(root, doc)) {
    const name = keyString(jobPair)!;
    if (NOT_JOBS.has(name)) continue;
    const job = deref(jobPair.value, doc);
    if (!isMap(job)) continue;
    // `extends:` templates first, the job last: its own keys win.
    const chain = jobs.chain(name);
    const ownVars = readEnvMap(jobs.variablesNode(job), doc, index);
    const chainVars = chain.map((map) => (map === job ? ownVars : readEnvMap(jobs.variablesNode(map), doc, index)));
    const hints: EnvironmentHint[] = [...globalHints, ...chainVars.flatMap((block) => hintsFromEnv(block.entries))];
    const nameHint = hintFromEnvironmentName(name.replace(/^\./, ''), line(jobPair.key), 'job ');
    if (nameHint && (nameHint.environment === 'production' || nameHint.environment === 'staging')) hints.push(nameHint);
    const envPair = jobs.resolvedPair(name, 'environment');
    const envNode = envPair ? deref(envPair.value, doc) : undefined;
    const envName = scalarString(isMap(envNode) ? getNode(envNode, 'name', doc) : envNode, doc);
    if (envName !== undefined) {
      const hint = hintFromEnvironmentName(envName, line(envPair!.key));
      if (hint) hints.push(hint);
    }
    const production = hints.some((h) => h.environment === 'production');
    anyProduction ||= production;
    problems.push(...escapeHatchProblems(ownVars.entries, `the whole job "${name}"`, production ? 'confirm' : 'warn'));

    // A Windows runner's shell is PowerShell: its script is not POSIX shell (as `shell: pwsh` in
    // GitHub Actions), so it is not read as one.
    if (runsOnWindows(name, jobs)) continue;
    const { env, unknown } = envRecord(globalVars, ...chainVars);
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
      addPlatformVariables(snippetText, snippetEnv, unknownEnv, (v) => ciSets('gitlab-ci', v));
      snippets.push({ text: snippetText, locate, env: snippetEnv, unknownEnv: [...unknownEnv], hints: dedupeHints(hints), origin });
    };
    const before = scriptPieces(jobs.resolved(name, 'before_script') ?? defaultBefore, doc, text, index, 0, jobs);
    const main = scriptPieces(jobs.resolved(name, 'script'), doc, text, index, 0, jobs);
    make([...before, ...main], before.length > 0 ? `${name}.before_script+script` : `${name}.script`);
    make(scriptPieces(jobs.resolved(name, 'after_script') ?? defaultAfter, doc, text, index, 0, jobs), `${name}.after_script`);
  }
  problems.unshift(...escapeHatchProblems(globalVars.entries, 'every job of the pipeline', anyProduction ? 'confirm' : 'warn'));
  return { snippets, problems };
}

/** Windows runners are picked by tag (`saas-windows-medium-amd64`, `windows`) or image
 *  (`mcr.microsoft.com/windows/servercore`); templates are named for them (`.windows test`). */
const WINDOWS = /windows|servercore|nanoserver/i;

function runsOnWindows(name: string, jobs: Jobs): boolean {
  if (WINDOWS.test(name)) return true;
  const tags = jobs.resolved(name, 'tags');
  const tagNames = isSeq(tags) ? tags.items.map((item) => (isScalar(item) ? String(item.value) : '')) : [];
  const image = jobs.resolved(name, 'image');
  const imageName = isMap(image) ? scalarString(getNode(image, 'name', jobs.doc), jobs.doc) : isScalar(image) ? String(image.value) : undefined;
  return tagNames.some((tag) => WINDOWS.test(tag)) || WINDOWS.test(imageName ?? '');
}

/** GitLab nests `extends:` at most this deep ("extends: … up to eleven levels"). */
const MAX_EXTENDS_DEPTH = 11;

/**
 * The jobs of a GitLab CI file with `extends:` resolved (GitLab CI YAML reference, `extends`):
 * a job is merged over its templates, in the order listed and each over its own templates, so
 * hashes such as `variables:` merge key by key and any other key (`script:`) is taken whole
 * from the last of them that sets it, the job itself last.
 */
export class Jobs {
  private readonly chains = new Map<string, Node[]>();

  constructor(
    private readonly root: unknown,
    readonly doc: Document.Parsed,
  ) {}

  /** The maps merged into a job, templates first and the job itself last (cycles cut). */
  chain(name: string, depth = 0, visiting: ReadonlySet<string> = new Set()): Node[] {
    const cached = this.chains.get(name);
    if (cached) return cached;
    const job = deref(getNode(this.root, name, this.doc), this.doc);
    if (!isMap(job)) return [];
    const out: Node[] = [];
    if (depth < MAX_EXTENDS_DEPTH && !visiting.has(name)) {
      const inner = new Set(visiting).add(name);
      for (const parent of this.extendsOf(job)) {
        for (const map of this.chain(parent, depth + 1, inner)) if (!out.includes(map)) out.push(map);
      }
    }
    out.push(job);
    if (depth === 0) this.chains.set(name, out);
    return out;
  }

  private extendsOf(job: Node): string[] {
    const node = getNode(job, 'extends', this.doc);
    if (isSeq(node)) return node.items.map((item) => scalarString(item, this.doc)).filter((s): s is string => s !== undefined);
    const one = scalarString(node, this.doc);
    return one === undefined ? [] : [one];
  }

  /** The pair that sets `key` for a job: its own, else the last template that sets it. */
  resolvedPair(name: string, key: string): Pair<Node, Node> | undefined {
    const chain = this.chain(name);
    for (let i = chain.length - 1; i >= 0; i--) {
      const pair = getPair(chain[i], key, this.doc);
      if (pair) return pair;
    }
    return undefined;
  }

  resolved(name: string, key: string): Node | undefined {
    const pair = this.resolvedPair(name, key);
    return pair ? deref(pair.value, this.doc) : undefined;
  }

  /** A job's own `variables:` (which may be a `!reference` to another job's). */
  variablesNode(job: Node): Node | undefined {
    const node = getNode(job, 'variables', this.doc);
    return isSeq(node) && node.tag === '!reference' ? deref(this.reference(node.items), this.doc) : node;
  }

  /** `!reference [job, key, …]`: the job's keys as `extends:` resolves them, then plain lookup. */
  reference(items: readonly unknown[]): Node | undefined {
    const keys = items.map((item) => scalarString(item, this.doc));
    if (keys.length < 2 || keys.some((k) => k === undefined)) return undefined;
    let target: Node | undefined = this.resolved(keys[0]!, keys[1]!);
    for (const key of keys.slice(2)) target = getNode(target, key!, this.doc);
    return target;
  }
}

/** A script key: a string, or a list of strings, nested lists and `!reference` tags. */
export function scriptPieces(
  node: unknown,
  doc: Document.Parsed,
  text: string,
  index: LineIndex,
  depth = 0,
  jobs: Jobs = new Jobs(doc.contents, doc),
): MappedText[] {
  if (depth > 10) return [];
  const n = deref(node, doc);
  if (n === undefined || n === null) return [];
  if (isScalar(n)) {
    const mapped = mappedScalar(n, doc, text, index);
    return mapped && mapped.text.trim() !== '' ? [mapped] : [];
  }
  if (isSeq(n)) {
    if (n.tag === '!reference') return scriptPieces(jobs.reference(n.items), doc, text, index, depth + 1, jobs);
    return n.items.flatMap((item) => scriptPieces(item, doc, text, index, depth + 1, jobs));
  }
  return [];
}

/** Files a pipeline pulls in with `include: local` (or a bare path), relative to the repository
 *  top: they are pipeline files wherever they sit. Remote, project and template includes are
 *  not in the repository. */
export function gitlabLocalIncludes(text: string): string[] {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'GitLab CI file');
  if (!parsed.doc) return [];
  const doc = parsed.doc;
  const node = deref(getNode(doc.contents, 'include', doc), doc);
  const items = isSeq(node) ? node.items : node ? [node] : [];
  const paths: string[] = [];
  for (const item of items) {
    const bare = scalarString(item, doc);
    if (bare !== undefined) {
      if (!/^[a-z]+:\/\//i.test(bare)) paths.push(bare);
      continue;
    }
    const local = scalarString(getNode(item, 'local', doc), doc);
    if (local !== undefined) paths.push(local);
  }
  return paths.map((p) => p.replace(/^\/+/, ''));
}
