// A composite action (`action.yml` with `runs: { using: composite }`): each step's `run:` is a
// shell snippet, like a workflow step, with the action's and step's `env:`. `${{ inputs.x }}`
// becomes a placeholder: the caller's workflow decides it.

import { LineIndex } from '../positions.js';
import type { Extracted, LintProblem, ShellSnippet } from '../types.js';
import { readEnvMap } from './ci-common.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { buildSnippet } from './github-actions.js';
import { dedupeHints, hintFromFileName, hintsFromEnv } from './hints.js';
import { deref, getNode, getPair, isMap, isSeq, mappedScalar, parseYaml, scalarString } from './yaml-source.js';

const POSIX_SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

export function extractGithubAction(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'action');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const runs = getNode(doc.contents, 'runs', doc);
  // Docker and JavaScript actions run no shell steps of their own.
  if (scalarString(getNode(runs, 'using', doc), doc) !== 'composite') return { snippets: [], problems: [] };
  const snippets: ShellSnippet[] = [];
  const problems: LintProblem[] = [];
  const fileHint = hintFromFileName(path);
  const steps = deref(getNode(runs, 'steps', doc), doc);
  if (!isSeq(steps)) return { snippets, problems };
  steps.items.forEach((stepNode, i) => {
    const step = deref(stepNode, doc);
    if (!isMap(step)) return;
    const stepEnv = readEnvMap(getNode(step, 'env', doc), doc, index);
    const hints = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(stepEnv.entries)];
    problems.push(
      ...escapeHatchProblems(stepEnv.entries, `step ${i + 1} of the action`, hints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'),
    );
    const runPair = getPair(step, 'run', doc);
    if (!runPair) return;
    // `shell:` is required in a composite step; bash and sh are the POSIX ones.
    const shell = scalarString(getNode(step, 'shell', doc), doc) ?? 'bash';
    if (!POSIX_SHELLS.has(shell.trim().split(/\s+/)[0]!.split('/').pop()!)) return;
    const mapped = mappedScalar(runPair.value, doc, text, index);
    if (!mapped) return;
    snippets.push(buildSnippet(mapped, index, [stepEnv], dedupeHints(hints), `runs.steps[${i}].run`));
  });
  return { snippets, problems };
}
