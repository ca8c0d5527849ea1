// GitHub Actions workflows: each step's `run:` is a shell snippet, with the `env:` of the
// workflow, job and step, and the variables earlier steps of the job wrote to `$GITHUB_ENV`;
// `environment:`, job names, and secrets or variables named for production are hints.
// `${{ … }}` expressions become same-length placeholders.

import { LineIndex, SnippetBuilder } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { addPlatformVariables, envRecord, expressionReferences, readEnvMap, replaceExpressions, type EnvBlock } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { githubEnvWrites } from './github-env.js';
import { ciSets } from '../../knowledge/ci-variables.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintFromReference, hintsFromEnv, type EnvEntry } from './hints.js';
import { deref, getNode, getPair, isMap, isSeq, keyString, mappedScalar, nodeStart, pairsOf, parseYaml, scalarString } from './yaml-source.js';

/** A GitHub-hosted runner's label (`ubuntu-latest`, `ubuntu-24.04-arm`, `macos-14`): a fresh virtual
 *  machine for each job, discarded after it (docs: "About GitHub-hosted runners"). A self-hosted
 *  runner, a list of several labels or an expression (`${{ matrix.os }}`) says nothing of the
 *  kind; a list of that one label (`runs-on: [ubuntu-22.04]`) is the same runner. */
const GITHUB_HOSTED_LABEL = /^(ubuntu|macos|windows)-[A-Za-z0-9.-]+$/;

const POSIX_SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true;
  const first = shell.trim().split(/\s+/)[0] ?? '';
  return POSIX_SHELLS.has(first.split('/').pop() ?? first);
}

export function extractGithubActions(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'workflow');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const root = doc.contents;
  const snippets: ShellSnippet[] = [];
  const problems: LintProblem[] = [];
  const line = (node: unknown) => index.position(nodeStart(node)).line;

  const fileHint = hintFromFileName(path);
  const workflowEnv = readEnvMap(getNode(root, 'env', doc), doc, index);
  const workflowHints = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(workflowEnv.entries), ...envValueRefs(workflowEnv)];
  const workflowShell = scalarString(getNode(getNode(getNode(root, 'defaults', doc), 'run', doc), 'shell', doc), doc);

  const jobs = pairsOf(getNode(root, 'jobs', doc), doc);
  const jobHintsById = new Map<string, EnvironmentHint[]>();
  for (const jobPair of jobs) {
    const jobId = keyString(jobPair)!;
    const job = deref(jobPair.value, doc);
    if (!isMap(job)) continue;
    const jobEnv = readEnvMap(getNode(job, 'env', doc), doc, index);
    const jobHints: EnvironmentHint[] = [...hintsFromEnv(jobEnv.entries), ...envValueRefs(jobEnv)];
    const idHint = hintFromEnvironmentName(jobId, line(jobPair.key), 'job ');
    if (idHint && (idHint.environment === 'production' || idHint.environment === 'staging')) jobHints.push(idHint);
    const envNode = getNode(job, 'environment', doc);
    const envName = scalarString(isMap(envNode) ? getNode(envNode, 'name', doc) : envNode, doc);
    if (envName !== undefined) {
      const hint = hintFromEnvironmentName(envName, line(getPair(job, 'environment', doc)!.key));
      if (hint) jobHints.push(hint);
    }
    // A test job (named for tests, or running against service containers) on a CI runner works
    // on throwaway machines and databases, unless something in it says production.
    let testJob = false;
    if (!jobHints.some((hint) => hint.environment === 'production' || hint.environment === 'staging')) {
      if (idHint?.environment === 'test') jobHints.push(idHint);
      else if (getPair(job, 'services', doc))
        jobHints.push({ environment: 'test', evidence: 'job runs against service containers', line: line(getPair(job, 'services', doc)!.key) });
      testJob = jobHints.some((hint) => hint.environment === 'test');
    }
    jobHintsById.set(jobId, jobHints);
    const runsOnNode = deref(getNode(job, 'runs-on', doc), doc);
    const onlyLabel = isSeq(runsOnNode) && runsOnNode.items.length === 1 ? scalarString(runsOnNode.items[0], doc) : undefined;
    const runsOn = scalarString(runsOnNode, doc) ?? onlyLabel ?? '';
    const hostedRunner = GITHUB_HOSTED_LABEL.test(runsOn.trim());
    const jobShell =
      scalarString(getNode(getNode(getNode(job, 'defaults', doc), 'run', doc), 'shell', doc), doc) ??
      workflowShell ??
      (/windows/i.test(runsOn) ? 'pwsh' : undefined);
    // A file named for production (`frontend-deploy-production.yml`) whose job is named for its
    // tests (Flagsmith's `run-unit-tests`, which the deploy jobs `need`): the name is the
    // workflow's purpose, the job's own name and settings say where this job works. What the
    // workflow's env sets still reaches it.
    const scopeHints = [...(testJob ? workflowHints.filter((hint) => hint !== fileHint) : workflowHints), ...jobHints];
    problems.push(...escapeHatchProblems(jobEnv.entries, `the whole job "${jobId}"`, severityFor(scopeHints)));

    const steps = deref(getNode(job, 'steps', doc), doc);
    if (!isSeq(steps)) continue;
    // Variables earlier steps wrote to $GITHUB_ENV: set for every later step of the job, over
    // the workflow's and job's env and under the step's own.
    const fileEnv = new Map<string, { entry: EnvEntry; dynamic: boolean }>();
    const fileEnvBlock = (): EnvBlock => ({
      entries: [...fileEnv.values()].map((v) => v.entry),
      unknown: [...fileEnv.values()].filter((v) => v.dynamic).map((v) => v.entry.key),
    });
    steps.items.forEach((stepNode, i) => {
      const step = deref(stepNode, doc);
      if (!isMap(step)) return;
      const runPair = getPair(step, 'run', doc);
      const stepEnv = readEnvMap(getNode(step, 'env', doc), doc, index);
      const stepHints = [...hintsFromEnv(stepEnv.entries), ...envValueRefs(stepEnv)];
      problems.push(...escapeHatchProblems(stepEnv.entries, `step ${i + 1} of job "${jobId}"`, severityFor([...scopeHints, ...stepHints])));
      if (!runPair) return;
      const shell = scalarString(getNode(step, 'shell', doc), doc) ?? jobShell;
      if (!isPosixShell(shell)) return;
      const mapped = mappedScalar(runPair.value, doc, text, index);
      if (!mapped) return;
      const written = fileEnvBlock();
      const writtenHints = hintsFromEnv(written.entries);
      const snippet = buildSnippet(
        mapped,
        index,
        [workflowEnv, jobEnv, written, stepEnv],
        [...scopeHints, ...writtenHints, ...stepHints],
        `jobs.${jobId}.steps[${i}].run`,
      );
      snippets.push(hostedRunner ? { ...snippet, throwawayMachine: true } : snippet);
      const writes = githubEnvWrites(snippet.text);
      const newEntries: EnvEntry[] = [];
      for (const w of writes) {
        // A placeholder for `${{ … }}` in the value reads better as the expression itself.
        let value = w.value;
        for (const [name, expression] of Object.entries(snippet.env)) {
          if (snippet.unknownEnv.includes(name) && expression.startsWith('${{')) value = value.split('${' + name + '}').join(expression);
        }
        const { line: entryLine, column } = snippet.locate(w.offset);
        const entry: EnvEntry = { key: w.name, value, line: entryLine, column };
        fileEnv.delete(w.name);
        fileEnv.set(w.name, { entry, dynamic: w.dynamic });
        newEntries.push(entry);
      }
      problems.push(
        ...escapeHatchProblems(newEntries, `every later step of job "${jobId}" (written to $GITHUB_ENV)`, severityFor([...scopeHints, ...stepHints])),
      );
    });
  }
  const anyProduction = [...jobHintsById.values()].some((h) => h.some((x) => x.environment === 'production'));
  problems.unshift(
    ...escapeHatchProblems(
      workflowEnv.entries,
      'every job of the workflow',
      anyProduction || workflowHints.some((h) => h.environment === 'production') ? 'confirm' : 'warn',
    ),
  );
  return { snippets, problems };

  function envValueRefs(block: EnvBlock): EnvironmentHint[] {
    const hints: EnvironmentHint[] = [];
    for (const e of block.entries) {
      for (const ref of expressionReferences(e.value)) {
        const hint = hintFromReference(ref.kind, ref.name, e.line);
        if (hint) hints.push(hint);
      }
    }
    return hints;
  }
}

function severityFor(hints: readonly EnvironmentHint[]): 'confirm' | 'warn' {
  return hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn';
}

export function buildSnippet(
  mapped: import('../positions.js').MappedText,
  index: LineIndex,
  envBlocks: EnvBlock[],
  scopeHints: EnvironmentHint[],
  origin: string,
): ShellSnippet {
  const refs = expressionReferences(mapped.text);
  const { mapped: replaced, placeholders } = replaceExpressions(mapped);
  const { text, locate } = new SnippetBuilder().append(replaced).build(index);
  const { env, unknown } = envRecord(...envBlocks);
  const unknownEnv = new Set(unknown);
  for (const p of placeholders) {
    // `${{ env.NAME }}` of a variable the workflow, job or step sets to a plain value is that value
    // (linkwarden: `psql -c "CREATE DATABASE ${{ env.TEST_POSTGRES_DATABASE }} …"`); to a value
    // holding expressions, that value, still unknown (openstatus: `flyctl apps destroy ${{ env.APP_NAME }}`).
    const named = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(p.expression)?.[1];
    if (named && env[named] !== undefined) {
      // GitHub puts the inner expressions' values in before the shell sees the line: one word
      // each (`openstatus-api-preview-${{github.ref_name}}`), not the expression's spaces.
      env[p.variable] = env[named].replace(/\$\{\{([\s\S]*?)\}\}/g, (_, inner: string) => '${{' + inner.replace(/\s+/g, '') + '}}');
      if (unknownEnv.has(named)) unknownEnv.add(p.variable);
      continue;
    }
    env[p.variable] = p.expression;
    unknownEnv.add(p.variable);
  }
  addPlatformVariables(text, env, unknownEnv, (name) => ciSets('github-actions', name));
  const hints = [...scopeHints];
  for (const ref of refs) {
    const hint = hintFromReference(ref.kind, ref.name, locate(ref.offset).line);
    if (hint) hints.push(hint);
  }
  return { text, locate, env, unknownEnv: [...unknownEnv], hints: dedupeHints(hints), origin };
}
