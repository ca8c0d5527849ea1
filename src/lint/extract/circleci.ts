// CircleCI (`.circleci/config.yml`): each `run:` step of a job or reusable command is a shell
// snippet (string form, or `command:` of the map form) with the job's and step's
// `environment:`. Hints: a job named for production, a workflow `context:` named for it
// (`context: prod-deploy`), RAILS_ENV=production; a job named for tests, or with service
// containers (a second `docker:` image), is a test job unless something says production.

import type { Document } from 'yaml';
import { LineIndex, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { readEnvMap, type EnvBlock } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { buildSnippet } from './github-actions.js';
import { hintFromEnvironmentName, hintFromFileName, hintsFromEnv } from './hints.js';
import { deref, getNode, getPair, isMap, isScalar, isSeq, keyString, mappedScalar, nodeStart, pairsOf, parseYaml, scalarString } from './yaml-source.js';

const SERVER = new Set(['production', 'staging']);

/** Hints per job from the workflows that run it (`- deploy: { context: [prod] }`). */
function workflowHints(root: unknown, doc: Document.Parsed, line: (node: unknown) => number): Map<string, EnvironmentHint[]> {
  const byJob = new Map<string, EnvironmentHint[]>();
  for (const workflow of pairsOf(getNode(root, 'workflows', doc), doc)) {
    const jobs = deref(getNode(workflow.value, 'jobs', doc), doc);
    if (!isSeq(jobs)) continue;
    for (const entry of jobs.items) {
      const item = deref(entry, doc);
      if (!isMap(item)) continue;
      for (const pair of pairsOf(item, doc)) {
        const job = keyString(pair);
        if (!job) continue;
        const contextNode = deref(getNode(pair.value, 'context', doc), doc);
        const contexts = isSeq(contextNode) ? contextNode.items : contextNode ? [contextNode] : [];
        for (const context of contexts) {
          const name = scalarString(context, doc);
          const hint = name !== undefined ? hintFromEnvironmentName(name, line(context), 'context ') : undefined;
          if (hint && SERVER.has(hint.environment)) byJob.set(job, [...(byJob.get(job) ?? []), hint]);
        }
      }
    }
  }
  return byJob;
}

/**
 * CircleCI puts `<< parameters.NAME >>` and `<< pipeline.… >>` into the config before any shell
 * reads it (with or without the spaces: mydumper's `cmake . <<parameters.CMAKED>>`); read as shell
 * they are a heredoc with no end. Each becomes a variable reference of the same length, set but
 * unknown, as GitHub's `${{ … }}` does.
 */
export function replaceParameters(mapped: MappedText): { mapped: MappedText; parameters: EnvBlock } {
  const parameters: EnvBlock = { entries: [], unknown: [] };
  const text = mapped.text.replace(/<<\s*((?:pipeline\.)?parameters\.[\w-]+|pipeline\.[\w.-]+)\s*>>/g, (expression: string, inner: string) => {
    const width = expression.length - 3;
    const name = ('_' + inner.replace(/[^A-Za-z0-9_]/g, '_')).slice(0, width).padEnd(width, '_');
    if (!parameters.unknown.includes(name)) {
      parameters.entries.push({ key: name, value: expression, line: 0 });
      parameters.unknown.push(name);
    }
    return '${' + name + '}';
  });
  return { mapped: { text, offsets: mapped.offsets }, parameters };
}

export function extractCircleci(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'CircleCI config');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const root = doc.contents;
  const line = (node: unknown) => index.position(nodeStart(node)).line;
  const snippets: ShellSnippet[] = [];
  const problems: LintProblem[] = [];
  const fileHint = hintFromFileName(path);
  const contexts = workflowHints(root, doc, line);

  const walkSteps = (owner: string, body: unknown, hints: EnvironmentHint[], jobEnv: ReturnType<typeof readEnvMap>) => {
    const steps = deref(getNode(body, 'steps', doc), doc);
    if (!isSeq(steps)) return;
    steps.items.forEach((stepNode, i) => {
      const step = deref(stepNode, doc);
      if (!isMap(step)) return;
      const runPair = getPair(step, 'run', doc);
      if (!runPair) return;
      const run = deref(runPair.value, doc);
      const commandNode = isScalar(run) ? run : getNode(run, 'command', doc);
      const stepEnv = readEnvMap(isMap(run) ? getNode(run, 'environment', doc) : undefined, doc, index);
      const stepHints = hintsFromEnv(stepEnv.entries);
      problems.push(
        ...escapeHatchProblems(
          stepEnv.entries,
          `step ${i + 1} of ${owner}`,
          [...hints, ...stepHints].some((h) => h.environment === 'production') ? 'confirm' : 'warn',
        ),
      );
      const shell = isMap(run) ? scalarString(getNode(run, 'shell', doc), doc) : undefined;
      if (shell !== undefined && !/(^|\/)(ba|z|da|k)?sh\b/.test(shell.trim().split(/\s+/)[0] ?? '')) return;
      const mapped = mappedScalar(commandNode, doc, text, index);
      if (!mapped) return;
      const { mapped: replaced, parameters } = replaceParameters(mapped);
      snippets.push(buildSnippet(replaced, index, [jobEnv, stepEnv, parameters], [...hints, ...stepHints], `${owner}.steps[${i}].run`));
    });
  };

  for (const jobPair of pairsOf(getNode(root, 'jobs', doc), doc)) {
    const jobId = keyString(jobPair) ?? '';
    const job = deref(jobPair.value, doc);
    if (!isMap(job)) continue;
    const jobEnv = readEnvMap(getNode(job, 'environment', doc), doc, index);
    const hints: EnvironmentHint[] = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(jobEnv.entries), ...(contexts.get(jobId) ?? [])];
    const idHint = hintFromEnvironmentName(jobId, line(jobPair.key), 'job ');
    if (idHint && SERVER.has(idHint.environment)) hints.push(idHint);
    if (!hints.some((h) => SERVER.has(h.environment))) {
      const images = deref(getNode(job, 'docker', doc), doc);
      if (idHint?.environment === 'test') hints.push(idHint);
      else if (isSeq(images) && images.items.length > 1)
        hints.push({ environment: 'test', evidence: 'job runs against service containers', line: line(images) });
    }
    problems.push(...escapeHatchProblems(jobEnv.entries, `the whole job "${jobId}"`, hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'));
    walkSteps(`job "${jobId}"`, job, hints, jobEnv);
  }
  for (const commandPair of pairsOf(getNode(root, 'commands', doc), doc)) {
    walkSteps(`command "${keyString(commandPair) ?? ''}"`, commandPair.value, fileHint ? [fileHint] : [], { entries: [], unknown: [] });
  }
  return { snippets, problems };
}
