// Issue 9's leftovers, with real files: an untrusted repository config's `lint.ignore` applies
// (CI lints with it) but says what it left out; a trusted repository config replaces only the
// settings it writes, not the user's others with defaults.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { loadConfig } from '../../src/config/load.js';

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const WIPE = '#!/bin/sh\nrm -rf /var/lib/postgresql/15/main\n';

describe("an untrusted repository config's lint.ignore", () => {
  it('applies, and lint says once what it left out (stderr and a JSON notice)', () => {
    const dir = repo({
      '.prodguard.yml': 'lint:\n  ignore: ["deploy/**"]\n',
      'deploy/wipe.sh': WIPE,
      'deploy/reseed.sh': WIPE,
      'scripts/ok.sh': '#!/bin/sh\necho ok\n',
    });
    const env = cleanEnv();
    const result = runCli(['lint', '--format', 'json', '.'], { cwd: dir, env });
    const body = JSON.parse(result.stdout) as { findings: { file: string }[]; notices: { file: string; message: string; kind: string }[] };
    // The ignore applies: deploy/ is not linted.
    expect(body.findings.filter((finding) => finding.file.startsWith('deploy/'))).toEqual([]);
    const said = body.notices.filter((notice) => notice.message.includes('lint.ignore'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ file: '.prodguard.yml', kind: 'config' });
    expect(said[0]!.message).toContain('lint.ignore (deploy/**) left out 2 file(s) from lint: deploy/');
    expect(said[0]!.message).toContain('prodguard trust');
    expect(result.stderr.split('\n').filter((line) => line.includes('lint.ignore'))).toHaveLength(1);
  });

  it('says nothing once the config is trusted, or when it leaves nothing out', () => {
    const dir = repo({ '.prodguard.yml': 'lint:\n  ignore: ["deploy/**"]\n', 'deploy/wipe.sh': WIPE });
    const env = cleanEnv();
    expect(runCli(['trust'], { cwd: dir, env }).stdout).toContain('trusted');
    const trusted = runCli(['lint', '--format', 'json', '.'], { cwd: dir, env });
    expect(trusted.stderr).not.toContain('lint.ignore');
    const quiet = repo({ '.prodguard.yml': 'lint:\n  ignore: ["vendor/**"]\n', 'scripts/ok.sh': '#!/bin/sh\necho ok\n' });
    const none = runCli(['lint', '--format', 'json', '.'], { cwd: quiet, env: cleanEnv() });
    expect(none.stderr).not.toContain('lint.ignore');
    expect((JSON.parse(none.stdout) as { notices?: unknown[] }).notices ?? []).toEqual([]);
  });
});

describe('a trusted repository config replaces only the settings it writes', () => {
  it("keeps the user's probe, blast-radius and stale-shell settings it says nothing about", async () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
    writeFileSync(
      join(env.HOME!, '.config', 'prodguard', 'config.yml'),
      'probe:\n  enabled: false\n  timeout-ms: 4000\nblast-radius:\n  block-rows: 5000\nstale-shell-hours: 2\n',
    );
    const dir = repo({ '.prodguard.yml': 'environments:\n  production:\n    hosts: ["owl"]\nprobe:\n  cache-seconds: 10\n' });
    expect(runCli(['trust'], { cwd: dir, env }).stdout).toContain('trusted');
    const config = await loadConfig({ cwd: dir, env });
    expect(config.files).toEqual([join(env.HOME!, '.config', 'prodguard', 'config.yml'), join(dir, '.prodguard.yml')]);
    expect(config.probe).toEqual({ enabled: false, timeoutMs: 4000, cacheSeconds: 10 });
    expect(config.blastRadius.blockRows).toBe(5000);
    expect(config.staleShellHours).toBe(2);
  });
});
