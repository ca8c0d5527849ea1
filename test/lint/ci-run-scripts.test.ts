import { describe, expect, it } from 'vitest';
import { ciRunScripts, jjbIncludes } from '../../src/lint/ci-run-scripts.js';

describe('scripts a CI runs', () => {
  it("reads Jenkins Job Builder's include tags, one path or a list, from the definition's folder", () => {
    const yaml = [
      '- job:',
      '    builders:',
      '      - shell: !include-raw: ../../build/build',
      '      - shell:',
      '          !include-raw-escape:',
      '            - ../../../scripts/utils.sh',
      "            - '../../build/failure'",
    ].join('\n');
    expect(jjbIncludes(yaml, 'iscsi/config/definitions/iscsi.yml')).toEqual(['iscsi/build/build', 'scripts/utils.sh', 'iscsi/build/failure']);
  });

  it('finds scripts a CI file names from the checkout or from its own folder, with the CI', () => {
    const shell = new Set(['ci/clean.sh', 'scripts/deploy.sh', '.github/actions/setup/run.sh', 'tools/other.sh']);
    const run = ciRunScripts(
      [
        { path: '.github/workflows/ci.yml', format: 'github-actions', text: 'steps:\n  - run: ./ci/clean.sh && bash "$GITHUB_WORKSPACE/scripts/deploy.sh"\n' },
        {
          path: '.github/actions/setup/action.yml',
          format: 'github-action',
          text: 'runs:\n  steps:\n    - run: ${{ github.action_path }}/run.sh\n      shell: bash\n',
        },
        { path: 'Jenkinsfile', format: 'jenkinsfile', text: "sh 'make test'" },
      ],
      [],
      shell,
    );
    expect([...run]).toEqual([
      ['ci/clean.sh', 'github-actions'],
      ['scripts/deploy.sh', 'github-actions'],
      // `${{ github.action_path }}/run.sh`: the action's own folder.
      ['.github/actions/setup/run.sh', 'github-actions'],
    ]);
  });
});
