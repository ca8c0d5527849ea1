// The shell integration is real shell code in src/shell/scripts/, one file per adapter: shell
// linters read it, and every constant it needs comes in as a setting from src/shell/protocol.ts.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ADAPTERS, SHELLS } from '../../src/shell/adapters.js';
import { renderSnippet } from '../../src/shell/render.js';
import { HOOK_EXIT, REQUEST_MAGIC } from '../../src/shell/protocol.js';
import { prefilterFor } from '../../src/shell/prefilter.js';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { isWrapper } from '../../src/parse/wrappers.js';
import { isDatabaseClient } from '../../src/targets/resolve.js';
import { PROMPT_KEY_VARIABLES } from '../../src/commands/init.js';
import { tempDir } from '../helpers/cli.js';
import { shellMissing } from './helpers.js';

const scriptsDir = new URL('../../src/shell/scripts/', import.meta.url);
const options = {
  version: '9.9.9',
  prefilter: prefilterFor({ rules: await loadBuiltinRules(), isWrapper, isDatabaseClient }),
  runDir: "/tmp/it's here",
  keyVariables: ['DATABASE_URL'],
  prompt: true,
  warm: true,
};

function shellcheckMissing(): string | undefined {
  const probe = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  return probe.error ? `shellcheck is not installed (${probe.error.message}); CI installs it via .ci/run` : undefined;
}

describe('shell scripts', () => {
  it('has one script file per adapter and no other', () => {
    expect(readdirSync(scriptsDir).sort()).toEqual(
      Object.values(ADAPTERS)
        .map((adapter) => adapter.script)
        .sort(),
    );
  });

  it('ShellCheck finds nothing in the bash script, nor in what `prodguard init bash` prints', () => {
    const missing = shellcheckMissing();
    if (missing) console.error(`cannot run ShellCheck: ${missing}`);
    expect(missing).toBeUndefined();
    const file = new URL('prodguard.bash', scriptsDir).pathname;
    const raw = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', file], { encoding: 'utf8' });
    expect(raw.stdout + raw.stderr).toBe('');
    expect(raw.status).toBe(0);
    const printed = join(tempDir(), 'init.bash');
    writeFileSync(printed, `# shellcheck shell=bash disable=SC2154\n${renderSnippet('bash', options)}`);
    const rendered = spawnSync('shellcheck', ['--format=gcc', printed], { encoding: 'utf8' });
    expect(rendered.stdout + rendered.stderr).toBe('');
  });

  it('names each prompt key variable once, as a shell identifier (bash and zsh write them into code)', () => {
    expect(PROMPT_KEY_VARIABLES.filter((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))).toEqual([]);
    expect(new Set(PROMPT_KEY_VARIABLES).size).toBe(PROMPT_KEY_VARIABLES.length);
  });

  it('writes no exit code or request marker itself: they come from protocol.ts as settings', () => {
    for (const shell of SHELLS) {
      const text = readFileSync(new URL(ADAPTERS[shell].script, scriptsDir), 'utf8');
      expect(text, shell).not.toContain(REQUEST_MAGIC);
      expect(text, shell).not.toMatch(/\\4|\\x04/);
      // No bare exit code as a case pattern (`4)`, `case 8`): only the settings' names.
      for (const code of Object.values(HOOK_EXIT))
        expect(text, `${shell}: exit ${code}`).not.toMatch(new RegExp(`(^|\\s|\\(|\\|)${code}(\\)|\\|)|case ${code}\\b`, 'm'));
      const printed = renderSnippet(shell, options);
      expect(printed).toContain('__prodguard_exit_refused');
      expect(printed).toContain(String(HOOK_EXIT.refused));
      expect(printed).not.toContain('# @settings@');
    }
  });

  for (const shell of SHELLS) {
    it(`${shell}: the printed integration parses, and a value with a quote survives its settings`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot check the ${shell} script: ${missing}`);
      expect(missing).toBeUndefined();
      const file = join(tempDir(), `init.${shell}`);
      writeFileSync(file, renderSnippet(shell, options));
      const syntax = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
      const print = shell === 'fish' ? 'echo $__prodguard_run; echo $__prodguard_exit_refused' : 'echo "$__prodguard_run"; echo "$__prodguard_exit_refused"';
      const args =
        shell === 'fish'
          ? ['--no-config', '-i', '-c', `source ${file} 2>/dev/null; ${print}`]
          : shell === 'zsh'
            ? ['-f', '-i', '-c', `source ${file} 2>/dev/null; ${print}`]
            : ['--norc', '--noprofile', '-i', '-c', `source ${file} 2>/dev/null; ${print}`];
      const run = spawnSync(shell, args, {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir(), TERM: 'dumb' },
        timeout: 30_000,
      });
      expect(run.stdout.trim().split('\n').slice(-2)).toEqual(["/tmp/it's here", String(HOOK_EXIT.refused)]);
    });
  }
});
