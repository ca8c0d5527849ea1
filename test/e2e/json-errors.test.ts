// Errors under --json (issue 12): every command that prints JSON prints its errors as one JSON
// object on stdout too — {"schemaVersion", "error": {"code", "message", "exitCode"}} — beside the
// one line on stderr, with the documented exit code, no stack trace and no secret.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
writeFileSync(join(dir, 'typo.yml'), 'enviroments:\n  production:\n    hosts: [db1]\n');
writeFileSync(join(dir, 'broken.yml'), 'environments: [\n  production: b\n');
writeFileSync(join(dir, 'bad-severity.yml'), 'rules:\n  filesystem/rm-root:\n    severity: maybe\n');
// A GitHub workflow given as config by mistake, with a map as a key (`{ groupId }`, as in
// actions/starter-workflows): the yaml library's warning must not add a second stderr line.
writeFileSync(
  join(dir, 'workflow.yml'),
  'name: SBOM\non: [push]\njobs:\n  build:\n    steps:\n      - run: echo ${{ groupId }}\n        with:\n          { groupId }: x\n',
);

const badConfigs = [
  ['a typo in a key', 'typo.yml', 'config', /typo\.yml: enviroments: unknown key/],
  ['a YAML syntax error', 'broken.yml', 'config', /broken\.yml:\d+:\d+: not valid YAML/],
  ['a bad severity', 'bad-severity.yml', 'config', /bad-severity\.yml/],
  ['a file that does not exist', 'missing.yml', 'config', /missing\.yml cannot be read/],
  ['a workflow file instead of a config', 'workflow.yml', 'config', /workflow\.yml: name: unknown key/],
] as const;

// Each JSON-printing command, with the arguments that make it otherwise valid.
const jsonCommands = [
  ['check --json', ['check', '--json', '-c', 'ls']],
  ['rules --json', ['rules', '--json']],
  ['status --json', ['status', '--json', '--no-probe']],
  ['lint --format json', ['lint', '--format', 'json', '.']],
] as const;

function expectJsonError(result: ReturnType<typeof runCli>, code: string, message: RegExp, exitCode = 2) {
  expect(result.status).toBe(exitCode);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const body = JSON.parse(lines[0]!);
  expect(body).toEqual({ schemaVersion: 1, error: expect.objectContaining({ code, exitCode, message: expect.stringMatching(message) }) });
  expect(body.error.message).not.toMatch(/\n|\bat .*\.(c?js|ts):\d+/);
  // stderr keeps its one clear line for a person.
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^prodguard: /);
  return body;
}

describe('bad config × JSON command', () => {
  for (const [command, args] of jsonCommands) {
    it.each(badConfigs)(`${command} with %s prints one JSON error`, (_what, file, code, message) => {
      expectJsonError(runCli([...args, '--config', join(dir, file)], { cwd: dir }), code, message);
    });
  }
});

describe('bad usage × JSON command', () => {
  it.each([
    ['an unknown option (check)', ['check', '--json', '--bogus', '-c', 'ls'], 'unknown-option', /unknown option '--bogus'/],
    ['an unknown option (rules)', ['rules', '--json', '--frobnicate'], 'unknown-option', /unknown option '--frobnicate'/],
    ['an unknown option (status)', ['status', '--bogus', '--json'], 'unknown-option', /unknown option '--bogus'/],
    ['an unknown option (lint)', ['lint', '--format=json', '--bogus'], 'unknown-option', /unknown option '--bogus'/],
    ['an unknown option (log)', ['log', '--json', '--bogus'], 'unknown-option', /unknown option/],
    ['nothing to check', ['check', '--json'], 'usage', /nothing to check/],
    ['a line that does not parse', ['check', '--json', '-c', 'ls "'], 'undecidable', /cannot parse the command line at 1:4/],
    ['a URL that does not parse', ['check', '--json', '--sql', 'DROP TABLE t', '--url', 'postgres://u:Hunter2pw@[bad/x'], 'usage', /--url/],
    ['an option without its value', ['check', '--json', '-c'], 'option-missing-argument', /argument missing/],
    ['a path that does not exist', ['lint', '--format', 'json', 'no-such-dir'], 'usage', /no-such-dir does not exist/],
    ['an unknown format value', ['log', '--json', '--since', 'yesterdayish'], 'usage', /--since "yesterdayish"/],
    ['a missing argument', ['install', '--json'], 'missing-argument', /missing required argument 'agent'/],
    ['an unknown agent', ['install', 'vim', '--json'], 'usage', /unknown agent "vim"/],
    ['an unknown command', ['chekc', '--json'], 'unknown-command', /unknown command 'chekc'/],
  ])('%s', (_what, args, code, message) => {
    const body = expectJsonError(runCli([...args], { cwd: dir }), code, message);
    expect(JSON.stringify(body)).not.toContain('Hunter2pw');
  });
});

describe('what stays as it was', () => {
  it('a --json after -- belongs to the judged command: no JSON, the command is judged', () => {
    const result = runCli(['check', '--', 'ls', '--json', '--bogus']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^prodguard: ALLOW/);
    expect(result.stdout).not.toContain('"error"');
  });

  it('without --json an error is only the line on stderr', () => {
    const result = runCli(['check', '--config', join(dir, 'typo.yml'), '-c', 'ls']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown key/);
  });

  it('--help under --json is still help, exit 0', () => {
    const result = runCli(['check', '--json', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: prodguard check/);
  });
});
