// One entry point for the lint command: pick the extractor for a discovered file's format.
// Every extractor is pure (text in, data out) and turns a file it cannot read into a
// `lint/parse-error` problem rather than throwing.

import type { DiscoveredFile, ExtractedFile, LintFileFormat } from '../types.js';
import { extractDockerfile } from './dockerfile.js';
import { extractDotenv } from './dotenv.js';
import { extractGithubActions } from './github-actions.js';
import { extractGitlabCi } from './gitlab-ci.js';
import { extractMakefile } from './makefile.js';
import { extractOrchestratorConfig } from './orchestrator.js';
import { extractPackageJson } from './package-json.js';
import { extractProcfile } from './procfile.js';
import { extractShell, sqlSource } from './shell.js';
import { extractTravis } from './travis.js';
import { extractGithubAction } from './github-action.js';
import { extractCompose } from './compose.js';
import { extractCircleci } from './circleci.js';
import { extractJenkinsfile } from './jenkinsfile.js';
import { extractPacker } from './packer.js';

export { escapeHatchesIn, type EscapeHatch } from './escape-hatches.js';
export {
  extractDockerfile,
  extractDotenv,
  extractGithubActions,
  extractGitlabCi,
  extractMakefile,
  extractOrchestratorConfig,
  extractPackageJson,
  extractProcfile,
  extractShell,
  extractTravis,
  extractGithubAction,
  extractCompose,
  extractCircleci,
  extractJenkinsfile,
  extractPacker,
  sqlSource,
};

export function extractFile(file: Pick<DiscoveredFile, 'path' | 'format'>, text: string): ExtractedFile {
  try {
    return dispatch(file.format, file.path, text);
  } catch (error) {
    // An extractor bug must not stop the lint of the other files; report it where it happened.
    return {
      snippets: [],
      problems: [
        {
          rule: 'lint/parse-error',
          severity: 'warn',
          line: 1,
          column: 1,
          message: `could not read ${file.path} as ${file.format}: ${(error as Error).message}`,
        },
      ],
    };
  }
}

function dispatch(format: LintFileFormat, path: string, text: string): ExtractedFile {
  switch (format) {
    case 'shell':
      return extractShell(text, path);
    case 'github-actions':
      return extractGithubActions(text, path);
    case 'gitlab-ci':
      return extractGitlabCi(text, path);
    case 'travis':
      return extractTravis(text, path);
    case 'makefile':
      return extractMakefile(text, path);
    case 'package-json':
      return extractPackageJson(text);
    case 'dockerfile':
      return extractDockerfile(text, path);
    case 'procfile':
      return extractProcfile(text, path);
    case 'dotenv':
      return extractDotenv(text, path);
    case 'sql':
      return { snippets: [], problems: [], sql: sqlSource(text) };
    case 'orchestrator':
      return extractOrchestratorConfig(text);
    case 'github-action':
      return extractGithubAction(text, path);
    case 'compose':
      return extractCompose(text, path);
    case 'jenkinsfile':
      return extractJenkinsfile(text, path);
    case 'circleci':
      return extractCircleci(text, path);
    case 'packer':
      return extractPacker(text, path);
  }
}
