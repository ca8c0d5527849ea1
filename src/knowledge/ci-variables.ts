// Variables each CI system sets for every job, before any step runs: a job's script that reads
// one reads a value that is there (a path, a number), never an empty string. Read by the CI
// extractors for the snippets in a CI file and by lint for scripts a CI file runs (a workflow's
// `run: ./ci/clean.sh`, a Jenkins Job Builder `!include-raw: build/failure`), where `rm -rf
// $WORKSPACE/*` is the job's own checkout, not ShellCheck's SC2115 `rm -rf /*`.

export type CiSystem = 'github-actions' | 'gitlab-ci' | 'jenkins' | 'travis' | 'circleci' | 'buildkite';

/**
 * Sources: GitHub "Default environment variables"; GitLab "Predefined CI/CD variables"; Jenkins
 * `env-vars.html` with the Git and multibranch plugins; Travis "Default environment variables";
 * CircleCI "Built-in environment variables"; Buildkite "Environment variables".
 */
export const CI_SET_VARIABLES: Readonly<Record<CiSystem, RegExp>> = {
  'github-actions': /^(GITHUB_[A-Z0-9_]+|RUNNER_[A-Z0-9_]+|CI|HOME|PATH|ImageOS|ImageVersion|ACTIONS_[A-Z0-9_]+)$/,
  'gitlab-ci': /^(CI|CI_[A-Z0-9_]+|GITLAB_[A-Z0-9_]+|HOME|PATH)$/,
  jenkins:
    /^(WORKSPACE|WORKSPACE_TMP|BUILD_[A-Z_]+|JOB_[A-Z_]+|JENKINS_[A-Z_]+|NODE_[A-Z_]+|EXECUTOR_NUMBER|GIT_[A-Z_]+|BRANCH_[A-Z_]+|CHANGE_[A-Z_]+|TAG_[A-Z_]+|STAGE_NAME|HUDSON_[A-Z_]+|HOME|PATH)$/,
  travis: /^(CI|TRAVIS|TRAVIS_[A-Z0-9_]+|CONTINUOUS_INTEGRATION|HAS_JOSH_K_SEAL_OF_APPROVAL|HOME|PATH)$/,
  circleci: /^(CI|CIRCLECI|CIRCLE_[A-Z0-9_]+|HOME|PATH)$/,
  buildkite: /^(CI|BUILDKITE|BUILDKITE_[A-Z0-9_]+|HOME|PATH)$/,
};

/** Whether `system` sets `name` for every job. */
export function ciSets(system: CiSystem, name: string): boolean {
  return CI_SET_VARIABLES[system].test(name);
}
