// Which linted scripts a CI system runs: the scripts a CI file names (a workflow's `run:
// ./ci/clean.sh`, a Jenkinsfile's `sh "bash build/setup.sh"`) and the ones a Jenkins Job
// Builder definition includes as a job's shell (`!include-raw: ../../build/failure`, which is
// how ceph-build's 30,000 lines of shell reach Jenkins). In such a script the variables that CI
// sets for every job (knowledge/ci-variables.ts) are set, values unknown here, not empty.
import { posix } from 'node:path';
import type { CiSystem } from '../knowledge/ci-variables.js';
import type { LintFileFormat } from './types.js';

/** The CI system whose jobs a lint format's steps are. */
const CI_OF_FORMAT: Partial<Record<LintFileFormat, CiSystem>> = {
  'github-actions': 'github-actions',
  'github-action': 'github-actions',
  'gitlab-ci': 'gitlab-ci',
  travis: 'travis',
  jenkinsfile: 'jenkins',
  circleci: 'circleci',
};

/** Jenkins Job Builder's tags that put a file's text into a job (`!include-raw:`, `-escape`,
 *  `-verbatim`, `-expand`): followed by one path or by a list of them. */
const JJB_INCLUDE = /!include-raw(?:-escape|-verbatim|-expand)?:?[ \t]*([^\s#][^\n#]*)?((?:\n[ \t]*-[ \t]*[^\n]+)*)/g;

/** Paths a JJB definition includes as job text, relative to the repository root. */
export function jjbIncludes(text: string, yamlPath: string): string[] {
  if (!text.includes('!include-raw')) return [];
  const folder = posix.dirname(yamlPath);
  const paths: string[] = [];
  for (const match of text.matchAll(JJB_INCLUDE)) {
    const inline = match[1]?.trim();
    const listed = (match[2] ?? '')
      .split('\n')
      .map((line) => line.replace(/^[ \t]*-[ \t]*/, '').trim())
      .filter(Boolean);
    for (const path of inline ? [inline] : listed) paths.push(posix.normalize(posix.join(folder, path.replace(/^['"]|['"]$/g, ''))));
  }
  return paths;
}

/** Words of a CI file that may name a script: split at blanks, quotes and shell operators, with
 *  a leading `./` or a variable holding the checkout (`$GITHUB_WORKSPACE/`) taken off. */
function pathWords(text: string): string[] {
  return text
    .split(/[\s'"`;|&()=,[\]{}]+/)
    .map((word) => word.replace(/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\//, '').replace(/^(\.\/)+/, ''))
    .filter((word) => word.includes('/') || /\.(sh|bash)$/.test(word));
}

/**
 * The scripts among `shellFiles` that a CI runs, with the CI. `ciFiles` are the linted files
 * with their format and text; `jjbFiles` are YAML files (no lint format) with their text.
 */
export function ciRunScripts(
  ciFiles: readonly { path: string; format: LintFileFormat; text: string | undefined }[],
  jjbFiles: readonly { path: string; text: string | undefined }[],
  shellFiles: ReadonlySet<string>,
): Map<string, CiSystem> {
  const run = new Map<string, CiSystem>();
  for (const { path, text } of jjbFiles) for (const included of jjbIncludes(text ?? '', path)) if (shellFiles.has(included)) run.set(included, 'jenkins');
  for (const { path, format, text } of ciFiles) {
    const system = CI_OF_FORMAT[format];
    if (!system || !text) continue;
    const folder = posix.dirname(path);
    for (const word of pathWords(text)) {
      // From the repository's top (a job starts in the checkout), or from the file's folder (an
      // action's own scripts).
      for (const candidate of [posix.normalize(word), posix.normalize(posix.join(folder, word))])
        if (shellFiles.has(candidate) && !run.has(candidate)) run.set(candidate, system);
    }
  }
  return run;
}
