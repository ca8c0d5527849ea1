// A mirror into object storage with deletion, through the built binary and a real disk: from a
// folder with files it is a site deploy (warn, even into production's bucket); from an EMPTY
// folder — a failed build — it deletes every object, and is judged as the recursive delete it is.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

function check(line: string, cwd: string, env: Record<string, string> = {}, extra: string[] = []) {
  const result = runCli(['check', '--json', ...extra, '-c', line], { env: cleanEnv({ PRODGUARD_HOSTNAME: 'ci-runner-7', ...env }), cwd });
  const body = JSON.parse(result.stdout || '{}');
  return { verdict: body.verdict as string, rules: (body.findings ?? []).map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`) };
}

function project() {
  const dir = tempDir();
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<h1>hi</h1>\n');
  mkdirSync(join(dir, 'empty-build'));
  return dir;
}

describe('bucket mirrors with deletion', () => {
  it('a build folder with files into the production bucket is a deploy: warn', () => {
    const dir = project();
    const deploy = check('aws s3 sync ./dist s3://acme-prod-site --delete', dir, { AWS_PROFILE: 'production' });
    expect(deploy.verdict).toBe('warn');
    expect(deploy.rules).toEqual(['cloud/s3-sync-delete warn']);
    expect(check('gsutil -m rsync -r -d ./dist gs://acme-prod-site', dir).verdict).toBe('warn');
  });

  it('an empty folder empties the bucket: judged as the recursive delete', () => {
    const dir = project();
    const wipe = check('aws s3 sync ./empty-build s3://acme-prod-site --delete', dir, { AWS_PROFILE: 'production' });
    expect(wipe.verdict).toBe('block');
    expect(wipe.rules).toContain('cloud/s3-recursive-delete block');
    expect(check('gsutil -m rsync -r -d empty-build/ gs://acme-prod-site', dir).rules).toContain('cloud/gcs-recursive-delete block');
    expect(check('azcopy sync ./empty-build https://acmeprod.blob.core.windows.net/site --delete-destination true', dir).verdict).not.toBe('allow');
  });

  it('a dry run, no --delete, or --no-probe (the disk is not read) is not a wipe', () => {
    const dir = project();
    expect(check('aws s3 sync ./empty-build s3://acme-prod-site --delete --dryrun', dir).verdict).toBe('allow');
    expect(check('aws s3 sync ./empty-build s3://acme-prod-site', dir).verdict).toBe('allow');
    expect(check('aws s3 sync ./empty-build s3://acme-prod-site --delete', dir, {}, ['--no-probe']).rules).toEqual(['cloud/s3-sync-delete warn']);
  });
});
