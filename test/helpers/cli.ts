// Spawn the built binary as a user would, with a clean environment (knip's CLI tests):
// only PATH, a temporary HOME and state dir, NO_COLOR, and what the test adds.
import { expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/prodguard.js', import.meta.url));

export function tempDir(prefix = 'prodguard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}, home = tempDir()): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    PRODGUARD_STATE_DIR: join(home, 'state'),
    PRODGUARD_HOSTNAME: 'ws-4417',
    NO_COLOR: '1',
    // Every process judges alone: a test's checks must not leave warm checkers behind (one per
    // temporary HOME). test/e2e/warm-one-shot.test.ts turns it on.
    PRODGUARD_WARM: '0',
    ...extra,
  };
}

export function runCli(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PRODGUARD_WARM: '0', ...(options.env ?? cleanEnv()) },
    input: options.input ?? '',
    cwd: options.cwd ?? tempDir(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    env: { PRODGUARD_WARM: '0', ...(options.env ?? cleanEnv()) },
    cwd: options.cwd ?? tempDir(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** `check --json --no-probe -c LINE` through the built binary: its verdict and the rules found
 *  (stderr must be empty: a line judged with a warning on the side is not what these tests ask). */
export function checkLine(line: string, options: { cwd: string; env: Record<string, string> }): { verdict: string; rules: string[] } {
  const result = runCli(['check', '--json', '--no-probe', '-c', line], options);
  expect(result.stderr, line).toBe('');
  const json = JSON.parse(result.stdout) as { verdict: string; findings: { rule: string }[] };
  return { verdict: json.verdict, rules: json.findings.map((finding) => finding.rule) };
}
