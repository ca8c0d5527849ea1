// The one-shot fast path under config files, through the built binary: after the full path has
// judged a line under a config, the next harmless line under the same files is answered without
// the engine, with exactly the full path's output; a line a config's rule or data directory
// names, or any edit to a config file, an extended file or a rule folder sends the line to the
// full path.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { BIN, cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { ALLOW_TEXT } from '../../src/fast-path/answer.js';
import { createRequire } from 'node:module';
import { tableFingerprint } from '../../src/fast-path/config-cache.js';
import { fastPathTable } from '../../src/fast-path/table.js';
import { loadBuiltinRules } from '../../src/rules/load.js';

/** The launcher and the fast path's bundles alone: a line it does not answer fails with "not
 *  built yet" (the engine's bundle is not there), so an answer proves the fast path gave it. */
function fastPathOnly(): string {
  const root = tempDir();
  const source = join(dirname(BIN), '..');
  for (const file of ['bin/prodguard.js', 'dist/bundle/fast.cjs', 'dist/bundle/shell-parser.cjs']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(source, file), join(root, file));
  }
  return join(root, 'bin', 'prodguard.js');
}

function run(bin: string, args: string[], env: Record<string, string>, cwd: string, input = '') {
  const result = spawnSync(process.execPath, [bin, ...args], { env, cwd, input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function event(command: string, cwd: string): string {
  return JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, cwd });
}

function repository(config: string) {
  const home = tempDir();
  const repo = join(home, 'repo');
  const cwd = join(repo, 'src');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(repo, '.prodguard.yml'), config);
  return { home, repo, cwd, env: cleanEnv({}, home) };
}

const fast = fastPathOnly();

describe('the one-shot fast path under config files', () => {
  it("bakes in the built-in table's fingerprint the full path would compute (it keys the entries)", async () => {
    // Stored wrapped in Node's CommonJS function, as bin/prodguard.js runs it.
    const file = join(dirname(BIN), '..', 'dist', 'bundle', 'fast.cjs');
    const module = { exports: {} as { builtinFingerprint?: string } };
    runInThisContext(readFileSync(file, 'latin1'))(module.exports, createRequire(file), module, file, dirname(file));
    expect(module.exports.builtinFingerprint).toBe(tableFingerprint(fastPathTable(await loadBuiltinRules())));
  });

  it('answers a harmless line as the full path did once that path has seen the config', () => {
    const { repo, cwd, env } = repository('environments:\n  production:\n    hosts: ["db*.prod.example.com"]\n');
    const expected = `${ALLOW_TEXT}  config: ${join(repo, '.prodguard.yml')}\n`;
    // Before the full path wrote the table down, the fast path does not answer.
    expect(run(fast, ['check', '-c', 'ls -la'], env, cwd).stderr).toContain('not built yet');
    expect(run(BIN, ['check', '-c', 'git status'], env, cwd)).toEqual({ status: 0, stdout: expected, stderr: '' });
    expect(run(fast, ['check', '-c', 'ls -la'], env, cwd)).toEqual({ status: 0, stdout: expected, stderr: '' });
    expect(run(fast, ['hook', 'claude-code'], env, '/', event('git status && ls -la', cwd))).toEqual({ status: 0, stdout: '{}\n', stderr: '' });
    // A risky line still goes to the full path.
    expect(run(fast, ['check', '-c', 'rm -rf /srv'], env, cwd).stderr).toContain('not built yet');
    expect(run(BIN, ['check', '-c', 'rm -rf /'], env, cwd).status).toBe(4);
  });

  it('sends the line to the full path after any edit to a config file, and honours a rule the edit adds', () => {
    const { repo, cwd, env } = repository('environments:\n  production:\n    hosts: [db1]\n');
    expect(run(BIN, ['check', '-c', 'ls'], env, cwd).status).toBe(0);
    expect(run(fast, ['check', '-c', 'deploy now'], env, cwd).status).toBe(0);
    const rules = join(repo, 'my-rules', 'team');
    mkdirSync(rules, { recursive: true });
    writeFileSync(
      join(rules, 'no-deploy.yaml'),
      'title: Deploy on Friday\nincident: general\nseverity: { default: warn }\nmatch: { commands: [deploy], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [deploy], pass: [ls] }\n',
    );
    // Same size as before would not matter either: the cache compares texts.
    writeFileSync(join(repo, '.prodguard.yml'), 'rule-directories: [my-rules]\n');
    expect(run(fast, ['check', '-c', 'deploy now'], env, cwd).stderr).toContain('not built yet');
    // The full path judges under the new config and writes its table down: the rule's word then
    // sends lines to the full path, every other harmless line is answered.
    for (let i = 0; i < 2; i++) {
      expect(run(BIN, ['check', '-c', 'deploy now'], env, cwd).stdout).toContain('team/no-deploy');
      const hook = run(BIN, ['hook', 'claude-code'], env, '/', event('deploy now', cwd));
      expect(JSON.parse(hook.stdout)).toMatchObject({ systemMessage: expect.stringContaining('team/no-deploy') });
    }
    expect(run(fast, ['check', '-c', 'deploy now'], env, cwd).stderr).toContain('not built yet');
    expect(run(fast, ['check', '-c', 'ls -la'], env, cwd).status).toBe(0);
    // An edit of the rule file is seen at once: the next line takes the full path, which honours it.
    writeFileSync(
      join(rules, 'no-deploy.yaml'),
      'title: Ship on Friday\nincident: general\nseverity: { default: warn }\nmatch: { commands: [shipit], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [shipit], pass: [ls] }\n',
    );
    expect(run(fast, ['check', '-c', 'ls -la'], env, cwd).stderr).toContain('not built yet');
    expect(run(BIN, ['check', '-c', 'shipit now'], env, cwd).stdout).toContain('team/no-deploy');
    expect(run(fast, ['check', '-c', 'shipit now'], env, cwd).stderr).toContain('not built yet');
    expect(run(fast, ['check', '-c', 'deploy now'], env, cwd).status).toBe(0);
    // So is a rule file added anywhere under the folder.
    mkdirSync(join(rules, 'more'));
    writeFileSync(
      join(rules, 'more', 'no-release.yaml'),
      'title: Release\nincident: general\nseverity: { default: warn }\nmatch: { commands: [release], targets: [host] }\nmessage: "{command} on {target}"\nwhy: w\nfix: f\nexamples: { flag: [release], pass: [ls] }\n',
    );
    expect(run(fast, ['check', '-c', 'release now'], env, cwd).stderr).toContain('not built yet');
    expect(run(BIN, ['check', '-c', 'release now'], env, cwd).stdout).toContain('team/more/no-release');
    expect(run(fast, ['check', '-c', 'release now'], env, cwd).stderr).toContain('not built yet');
  });

  it('follows an extended file: an edit there is seen at once', () => {
    const { repo, cwd, env } = repository('extends: [./team.yml]\n');
    writeFileSync(join(repo, 'team.yml'), 'environments:\n  production:\n    hosts: [db1]\n');
    const expected = `${ALLOW_TEXT}  config: ${join(repo, 'team.yml')}, ${join(repo, '.prodguard.yml')}\n`;
    expect(run(BIN, ['check', '-c', 'ls'], env, cwd)).toEqual({ status: 0, stdout: expected, stderr: '' });
    expect(run(fast, ['check', '-c', 'cp a /srv/pgclusters/b'], env, cwd)).toEqual({ status: 0, stdout: expected, stderr: '' });
    writeFileSync(join(repo, 'team.yml'), 'data-directories:\n  locations: [/srv/pgclusters]\n');
    expect(run(fast, ['check', '-c', 'cp a /srv/pgclusters/b'], env, cwd).stderr).toContain('not built yet');
    expect(run(BIN, ['check', '-c', 'ls'], env, cwd).status).toBe(0);
    expect(run(fast, ['check', '-c', 'ls -la'], env, cwd).status).toBe(0);
    expect(run(fast, ['check', '-c', 'cp a /srv/pgclusters/b'], env, cwd).stderr).toContain('not built yet');
  });

  it('sends a line naming a configured data directory to the full path', () => {
    const { cwd, env } = repository('data-directories:\n  locations: [/srv/pgclusters]\n');
    expect(run(BIN, ['check', '-c', 'ls'], env, cwd).status).toBe(0);
    expect(run(fast, ['check', '-c', 'cp notes.txt /tmp/notes.txt'], env, cwd).status).toBe(0);
    expect(run(fast, ['check', '-c', 'cp backup.tar /srv/pgclusters/main/base'], env, cwd).stderr).toContain('not built yet');
  });

  it('leaves a config with a problem to the full path, which says what it is', () => {
    const { cwd, env } = repository('environments: [not, a, map]\n');
    for (let i = 0; i < 2; i++) {
      const result = runCli(['check', '-c', 'ls'], { env, cwd });
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('ignored');
    }
    expect(run(fast, ['check', '-c', 'ls'], env, cwd).stderr).toContain('not built yet');
  });
});
