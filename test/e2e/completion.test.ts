// Shell completion (issue 12): `prodguard completion bash|zsh|fish` prints a script generated from
// the program definition. Each is loaded into the real shell and asked what it offers.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { VALUE_HINTS } from '../../src/shell/completion.js';
import { BIN, cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';

// The scripts call `prodguard rules --ids` by name: put the built binary on PATH as a user has it.
const home = tempDir();
const binDir = join(home, 'bin');
mkdirSync(binDir);
writeFileSync(join(binDir, 'prodguard'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(binDir, 'prodguard'), 0o755);
const env = cleanEnv({ PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}` }, home);
writeFileSync(join(home, 'typo.yml'), 'rules: {}\n');

const script = (shell: string) => {
  const result = runCli(['completion', shell], { env });
  expect(result.status).toBe(0);
  return result.stdout;
};

function missingTool(tool: string): string | undefined {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0 ? undefined : `${tool} is not installed (.ci/run installs it with apt-get)`;
}

describe('completion bash', () => {
  const complete = (words: string[]) => {
    const file = join(home, 'completion.bash');
    writeFileSync(file, script('bash'));
    const quoted = words.map((word) => `'${word}'`).join(' ');
    const result = spawnSync(
      'bash',
      ['-c', `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _prodguard; printf '%s\\n' "\${COMPREPLY[@]}"`],
      { env, cwd: home, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  };

  it('offers commands, their flags, and the values prodguard knows', () => {
    expect(complete(['prodguard', 'ch'])).toEqual(['check']);
    expect(complete(['prodguard', ''])).toEqual(expect.arrayContaining(['check', 'run', 'lint', 'explain', 'completion', '--version']));
    expect(complete(['prodguard', 'check', '--j'])).toEqual(['--json']);
    expect(complete(['prodguard', 'check', '-c', 'ls', '--no-p'])).toEqual(['--no-probe']);
    expect(complete(['prodguard', 'lint', '--format', 's'])).toEqual(['sarif']);
    expect(complete(['prodguard', 'init', 'f'])).toEqual(['fish']);
    expect(complete(['prodguard', 'install', 'c'])).toEqual(['claude-code', 'cursor']);
    expect(complete(['prodguard', 'mark', 'postgres://db/app', 'prod'])).toEqual(['production']);
    expect(complete(['prodguard', 'lint', '--config', 'typo'])).toEqual(['typo.yml']);
    // The client wrappers' help is --prodguard-help: their -h is the client's own (psql -h HOST).
    expect(complete(['prodguard', 'psql', '--p'])).toEqual(['--prodguard-help']);
    expect(complete(['prodguard', 'psql', '-'])).not.toContain('-h');
  });

  it('offers rule ids to explain and log --rule, from prodguard itself', () => {
    expect(complete(['prodguard', 'explain', 'filesystem/rm-ro'])).toEqual(['filesystem/rm-root']);
    expect(complete(['prodguard', 'log', '--rule', 'database/dropd'])).toEqual(['database/dropdb']);
  });

  it('after -- offers commands to judge', () => {
    expect(complete(['prodguard', 'check', '--', 'rmdi'])).toContain('rmdir');
  });

  it('passes ShellCheck', () => {
    const file = join(home, 'shellcheck.bash');
    writeFileSync(file, script('bash'));
    const result = spawnSync('shellcheck', ['-s', 'bash', file], { encoding: 'utf8' });
    expect(result.error, 'shellcheck is not installed (.ci/run installs it)').toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('completion fish', () => {
  it('needs fish', () => expect(missingTool('fish')).toBeUndefined());

  it('offers commands, flags, values and rule ids', () => {
    const file = join(home, 'prodguard.fish');
    writeFileSync(file, script('fish'));
    const ask = (line: string) => {
      const result = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { env, cwd: home, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return result.stdout.split('\n').map((entry) => entry.split('\t')[0]);
    };
    expect(ask('prodguard ch')).toEqual(['check', '']);
    expect(ask('prodguard check --j')).toContain('--json');
    expect(ask('prodguard lint --format ')).toEqual(expect.arrayContaining(['sarif', 'json', 'compact']));
    expect(ask('prodguard explain filesystem/rm-ro')).toContain('filesystem/rm-root');
  });
});

describe('completion zsh', () => {
  const missing = missingTool('zsh') ?? tmuxAvailable();
  const sessions: TmuxSession[] = [];
  afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

  it('needs zsh and tmux', () => expect(missing).toBeUndefined());

  it('is valid zsh and completes in a real interactive zsh', async () => {
    if (missing) throw new Error(missing);
    const file = join(home, '_prodguard');
    writeFileSync(file, script('zsh'));
    expect(spawnSync('zsh', ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    const shell = new TmuxSession('zsh -f', { env: { ...env, TERM: 'xterm' } });
    sessions.push(shell);
    shell.type(`cd '${home}'; PS1='zsh> '; autoload -U compinit && compinit -u && source '${file}' && echo loaded-$((40 + 2))`);
    shell.key('Enter');
    await shell.waitFor('loaded-42');
    shell.type('prodguard chec');
    shell.key('Tab');
    await shell.waitFor(/zsh> prodguard check $/m);
    shell.key('C-u');
    shell.type('prodguard lint --format sa');
    shell.key('Tab');
    await shell.waitFor(/zsh> prodguard lint --format sarif $/m);
    shell.key('C-u');
    shell.type('prodguard explain filesystem/rm-ro');
    shell.key('Tab');
    await shell.waitFor(/zsh> prodguard explain filesystem\/rm-root $/m);
  });
});

describe('the script follows the program', () => {
  it('every value hint names a real option or argument', () => {
    const program = buildProgram();
    for (const key of Object.keys(VALUE_HINTS)) {
      const [name, what] = key.split(' ') as [string, string];
      const command = program.commands.find((candidate) => candidate.name() === name);
      expect(command, key).toBeDefined();
      const known = what.startsWith('<')
        ? command!.registeredArguments.some((argument) => `<${argument.name()}>` === what)
        : command!.options.some((option) => option.long === what);
      expect(known, key).toBe(true);
    }
  });

  it('refuses an unknown shell with one line and exit 2', () => {
    const result = runCli(['completion', 'powershell']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^prodguard: no completion for shell "powershell" \(use bash, zsh or fish/);
    expect(result.stdout).toBe('');
  });

  it('prints only the ids for rules --ids', () => {
    const result = runCli(['rules', '--ids']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toContain('filesystem/rm-root');
    expect(result.stdout).not.toMatch(/ /);
  });
});
