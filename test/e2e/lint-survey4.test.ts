// `prodguard lint` on shapes from a fourth, held-out survey of real repositories (awslabs/data-on-eks,
// eksctl-io/eksctl, chef/bento, actions/runner-images, documenso, sqitch, gh-ost): a CI job's
// teardown of what it created, Packer image builds, column type changes PostgreSQL makes without
// a rewrite, jobs on GitHub's throwaway runners, and vendored code.
import { describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers/cli.js';

const SHAPES = fileURLToPath(new URL('../fixtures/lint/survey4-shapes/', import.meta.url));

interface Report {
  findings: { file: string; line: number; rule: string; severity: string; message: string }[];
  notices?: { file: string; line: number; message: string }[];
}

/** Lint a copy of a fixture folder in a neutral temporary folder: the fixture's own path holds
 *  `test`, a token that would make every workspace a test one. */
function lintCopy(name: string): Report {
  const dir = join(tempDir('prodguard-lint-'), name);
  cpSync(join(SHAPES, name), dir, { recursive: true });
  const result = runCli(['lint', '--format', 'json', '.'], { cwd: dir });
  return JSON.parse(result.stdout) as Report;
}

const keys = (body: Report) => body.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`);

describe('lint precision on a fourth survey', () => {
  it('a CI job deleting the cluster, stack or workspace it created earlier is a teardown (warn); another delete still asks', () => {
    const body = lintCopy('teardown');
    expect(keys(body)).toEqual([
      '.github/workflows/destroy.yml:10 cloud/terraform-destroy confirm',
      '.github/workflows/e2e.yml:15 cloud/terraform-auto-approve warn',
      '.github/workflows/e2e.yml:19 cloud/terraform-destroy warn',
      '.github/workflows/e2e.yml:20 cloud/cloud-resource-delete warn',
      '.github/workflows/e2e.yml:21 cloud/cloud-resource-delete warn',
      '.github/workflows/e2e.yml:22 cloud/cloud-resource-delete confirm',
      'Makefile:3 cloud/cloud-resource-delete warn',
    ]);
    expect(body.findings[4]!.message).toContain('created earlier in this file (a teardown)');
    // `eksctl delete cluster --name X` deletes X, not a resource called "cluster".
    expect(body.findings[6]!.message).toContain('deletes integration-test-dev and what it holds');
  });
});
