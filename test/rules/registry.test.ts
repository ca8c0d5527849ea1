// One rule registry: every finding any command can emit (check, run, lint, hooks) comes from a
// rule in rules/. For EVERY id the program can emit, `rules --json` lists it, `explain ID` shows
// it, and a config may turn it off or re-grade it (spawning the built binary, as a user would).

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../helpers/rules.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { CODE_RULES } from '../../src/lint/rules.js';

const rules = await builtinRules();
const ids = rules.map((rule) => rule.id).sort();
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Rule ids written as literals in the source (`rule: 'lint/parse-error'`): findings made in code. */
function idsEmittedByCode(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\brule:\s*'([a-z0-9-]+\/[a-z0-9-]+)'/g)) found.add(match[1]!);
  }
  return found;
}

describe('one rule registry', () => {
  it('every rule id written in code is a rule with YAML metadata and examples', () => {
    const emitted = idsEmittedByCode();
    expect(emitted.size).toBeGreaterThanOrEqual(6);
    expect([...emitted].filter((id) => !ids.includes(id))).toEqual([]);
    for (const id of emitted) expect(rules.find((rule) => rule.id === id)?.logic, id).toBe('code');
    expect(Object.keys(CODE_RULES).sort()).toEqual(
      rules
        .filter((rule) => rule.logic === 'code')
        .map((rule) => rule.id)
        .sort(),
    );
  });

  it('rules --json lists every id', () => {
    const result = runCli(['rules', '--json']);
    expect(result.status).toBe(0);
    const listed = (JSON.parse(result.stdout) as { rules: { id: string }[] }).rules.map((rule) => rule.id).sort();
    expect(listed).toEqual(ids);
    expect(runCli(['rules']).stdout.trim().split('\n')).toHaveLength(ids.length);
  });

  it.each(ids)('explain %s shows the rule', (id) => {
    const result = runCli(['explain', id]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rule = rules.find((candidate) => candidate.id === id)!;
    expect(result.stdout.startsWith(`${id} — ${rule.title}\n`)).toBe(true);
    expect(result.stdout).toContain(`fix: ${rule.fix}`);
  });

  it('a config may turn every rule off, or set its severity, and check, lint and explain accept it', () => {
    const home = tempDir();
    const project = tempDir();
    const off = join(project, 'off.yml');
    writeFileSync(off, `rules:\n${ids.map((id) => `  ${id}: off`).join('\n')}\n`);
    const graded = join(project, 'graded.yml');
    writeFileSync(graded, `rules:\n${ids.map((id) => `  ${id}: { severity: { production: block, default: warn } }`).join('\n')}\n`);
    mkdirSync(join(project, 'repo'));
    writeFileSync(join(project, 'repo', '.env.test'), 'DISABLE_DATABASE_ENVIRONMENT_CHECK=1\nDATABASE_URL=postgres://app@db.example.com/app_test\n');
    writeFileSync(join(project, 'repo', 'wipe.sh'), '# prodguard-disable-next-line filesystem/rm-root\nrm -rf /\n');
    const env = cleanEnv({}, home);

    const checkOff = runCli(['check', '--config', off, '-c', 'rm -rf /'], { env, cwd: project });
    expect(checkOff.stderr).toBe('');
    expect(checkOff.status).toBe(0);
    const lintOff = runCli(['lint', '--config', off, '--format', 'json', 'repo'], { env, cwd: project });
    expect(lintOff.stderr).toBe('');
    expect(JSON.parse(lintOff.stdout).findings).toEqual([]);
    expect(lintOff.status).toBe(0);

    const checkGraded = runCli(['check', '--config', graded, '-c', 'rm -rf /'], { env, cwd: project });
    expect(checkGraded.stderr).toBe('');
    expect(checkGraded.status).toBe(0); // warn: this workstation is local, default: warn
    expect(checkGraded.stdout).toContain('filesystem/rm-root');
    const lintGraded = runCli(['lint', '--config', graded, '--format', 'json', 'repo'], { env, cwd: project });
    const found = JSON.parse(lintGraded.stdout).findings as { rule: string; severity: string }[];
    expect(found.map((finding) => `${finding.rule} ${finding.severity}`).sort()).toEqual([
      'dotenv/escape-hatch warn',
      // The config's map merges with the rule's: unknown-remote (a remote test database) keeps confirm.
      'dotenv/test-env-points-at-remote-database confirm',
      'filesystem/rm-root warn',
      'lint/suppression-without-reason warn',
    ]);
    for (const config of [off, graded]) expect(runCli(['explain', '--config', config, 'dotenv/escape-hatch'], { env, cwd: project }).status).toBe(0);
  });
});
