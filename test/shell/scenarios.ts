// What a person does in a shell with the prodguard hook, for bash, zsh and fish alike (issue 4):
// a harmless line runs without starting prodguard; a dangerous line on a production host asks;
// a wrong answer keeps the data and the line stays in history; the host name lets it run; a
// blocked line (also as a multi-line command) never runs; the prompt shows the environment; a
// missing or crashing prodguard costs one line and the line still runs; a stale production
// shell asks again.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calls, makeLab, Shell, shellMissing, until, writePathWrapper, type Lab, type ShellName } from './helpers.js';

const HOST = 'db1.cluster.gitlab.com';

export function shellScenarios(name: ShellName): void {
  const missing = shellMissing(name);
  const shells: Shell[] = [];
  afterEach(() => shells.splice(0).forEach((shell) => shell.kill()));

  const start = async (lab: Lab, options: ConstructorParameters<typeof Shell>[2] = {}) => {
    if (missing) throw new Error(missing);
    const shell = new Shell(name, lab, options);
    shells.push(shell);
    await shell.prompt();
    return shell;
  };

  const production = (lab: Lab, extra = '') => {
    const project = join(lab.home, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.prodguard.yml'), `environments:\n  production:\n    hosts: ["db1.*"]\n${extra}`);
    return project;
  };

  describe(`${name} with the prodguard hook`, () => {
    it(`needs ${name} and tmux`, () => {
      if (missing) console.error(`cannot run the ${name} hook tests: ${missing}`);
      expect(missing, `${name} hook tests need ${name} and tmux`).toBeUndefined();
    });

    it('runs a harmless line untouched, without starting prodguard', async () => {
      const lab = makeLab();
      const shell = await start(lab);
      const before = calls(lab).filter((call) => call.startsWith('hook-check')).length;
      await shell.runAndWait(`echo harmless-${shell.sum(40, 2)} | tr a-z A-Z`, 'HARMLESS-42');
      await shell.runAndWait(`ls -la ${lab.home} > /dev/null; echo done-${shell.sum(1, 1)}`, 'done-2');
      // An assignment is a word the prefilter looks up as a function too: nothing may be printed.
      await shell.runAndWait(name === 'fish' ? 'set x (math 40 + 3); echo assigned-$x' : 'x=$((40 + 3)); echo assigned-$x', 'assigned-43');
      expect(calls(lab).filter((call) => call.startsWith('hook-check')).length).toBe(before);
      expect(shell.tmux.screen()).not.toMatch(/declare|function|not found/);
    });

    it('asks on a production host; a wrong name keeps the data and the line stays in history', async () => {
      const lab = makeLab();
      const data = lab.data();
      const shell = await start(lab);
      const line = `true && rm -rf ${data}`;
      await shell.runAndWait(line, `Type "${HOST}"`);
      shell.answer('db2.cluster.gitlab.com');
      await shell.tmux.waitFor('not confirmed');
      await shell.prompt();
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
      await shell.recall(line);
      await shell.runAndWait(`echo alive-${shell.sum(2, 3)}`, 'alive-5');
      const audit = readFileSync(join(lab.home, 'state', 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((entry) => JSON.parse(entry));
      expect(audit.at(-1)).toMatchObject({ action: 'refused', reason: 'the typed name did not match' });
    });

    it('runs the line once the host name is typed', async () => {
      const lab = makeLab();
      const data = lab.data();
      const shell = await start(lab);
      await shell.runAndWait(`rm -rf ${data}`, `Type "${HOST}"`);
      shell.answer(HOST);
      await until(() => !existsSync(data), 10_000, 'the data directory to be removed');
      await shell.prompt();
      const audit = readFileSync(join(lab.home, 'state', 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((entry) => JSON.parse(entry));
      expect(audit.at(-1)).toMatchObject({ action: 'confirmed' });
    });

    it('refuses a blocked line, also as a multi-line command, and says why', async () => {
      const lab = makeLab();
      const project = production(lab);
      // A server runs on it: the production host's live primary is blocked, not asked about.
      const data = lab.runningData(join(project, 'pgdata', '15', 'main'));
      const shell = await start(lab, { cwd: project });
      let screen = await shell.runAndWait('rm -rf pgdata/15/main', 'refused; the line did not run');
      expect(screen).toContain('filesystem/rm-data-directory');
      expect(screen).toContain('gitlab-2017');
      await shell.prompt();
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
      // The same line typed over several lines (the shell's continuation prompt).
      const end = name === 'fish' ? 'end' : 'done';
      shell.run(name === 'fish' ? 'for i in 1 2' : 'for i in 1 2; do');
      shell.run('rm -rf pgdata/15/main');
      shell.run(end);
      await until(() => (shell.tmux.screen().match(/refused; the line did not run/g) ?? []).length >= 2, 15_000, 'the second refusal');
      screen = await shell.runAndWait(`echo after-${shell.sum(3, 4)}`, 'after-7');
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
      expect(screen).toContain('PROD');
    });

    it('after a refusal the typed line stays on screen, one prompt follows, and $? is not 0', async () => {
      const lab = makeLab();
      const project = production(lab);
      // A server runs on it: the production host's live primary is blocked, not asked about.
      const data = lab.runningData(join(project, 'pgdata', '15', 'main'));
      const shell = await start(lab, { cwd: project });
      await shell.runAndWait('rm -rf pgdata/15/main', 'refused; the line did not run');
      await shell.prompt();
      const status = name === 'fish' ? '$status' : '$?';
      const screen = await shell.runAndWait(`echo "after=${status}"`, /after=\d+/);
      const lines = screen.split('\n');
      // (fish may show its autosuggestion after the typed text)
      const typed = lines.findIndex((line) => /pg[$>] rm -rf pgdata\/15\/main/.test(line));
      const report = lines.findIndex((line) => line.includes('filesystem/rm-data-directory'));
      const next = lines.findIndex((line) => line.includes('echo "after='));
      // The line as typed, above what prodguard says about it.
      expect(typed, screen).toBeGreaterThanOrEqual(0);
      expect(typed, screen).toBeLessThan(report);
      // One prompt after the refusal: no empty prompt line between the report and the next command.
      expect(
        lines.slice(report, next).filter((line) => /pg[$>]\s*$/.test(line)),
        screen,
      ).toEqual([]);
      expect(Number(/after=(\d+)/.exec(screen)![1]), screen).not.toBe(0);
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
    });

    it('shows in the prompt when the shell points at production, and follows the environment', async () => {
      const lab = makeLab();
      const shell = await start(lab, { env: { DATABASE_URL: 'postgres://app:secret@db.prod.example.com/app' } });
      expect(shell.tmux.screen()).toMatch(/PROD db\.prod(…|\.\.)\/app pg[$>] /);
      expect(shell.tmux.screen()).not.toContain('secret');
      // The same segment for prompt tools that read the environment (starship's env_var).
      await shell.runAndWait('echo "seg=[$PRODGUARD_SEGMENT|$PRODGUARD_SEGMENT_LEVEL]"', /seg=\[PROD db\.prod(…|\.\.)\/app\|prod\]/);
      shell.run(name === 'fish' ? 'set -e DATABASE_URL' : 'unset DATABASE_URL');
      await shell.tmux.waitFor(/^pg[$>] $/m);
      await shell.runAndWait('echo "seg=[$PRODGUARD_SEGMENT]"', 'seg=[]');
      shell.run(name === 'fish' ? 'set -gx DATABASE_URL postgres://10.20.0.5/core' : 'export DATABASE_URL=postgres://10.20.0.5/core');
      await shell.tmux.waitFor(/REMOTE\? 10\.20\.0\.5\/core pg[$>] $/m);
      const prompts = calls(lab).filter((call) => call.startsWith('prompt'));
      // Node ran for the first prompt and each change, not for every prompt.
      shell.run(`echo same-${shell.sum(1, 2)}`);
      await shell.tmux.waitFor('same-3');
      await shell.prompt();
      expect(calls(lab).filter((call) => call.startsWith('prompt')).length).toBe(prompts.length);
    });

    it('expands aliases before judging', async () => {
      const lab = makeLab();
      const data = lab.data();
      const shell = await start(lab, {
        rc: name === 'fish' ? `abbr -a nuke 'rm -rf ${data}'\nalias wipe='rm -rf'` : `alias nuke='rm -rf ${data}'\nalias wipe='rm -rf'`,
      });
      await shell.runAndWait('nuke', `Type "${HOST}"`);
      shell.answer('no');
      await shell.tmux.waitFor('not confirmed');
      await shell.prompt();
      shell.tmux.key('C-l');
      await shell.runAndWait(`wipe ${data}`, `Type "${HOST}"`);
      shell.answer('no');
      await shell.tmux.waitFor('not confirmed');
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
    });

    if (name !== 'fish') {
      it('judges the line history expansion makes', async () => {
        const lab = makeLab();
        const data = lab.data();
        const shell = await start(lab);
        await shell.runAndWait(`: rm -rf ${data} && echo noop-${shell.sum(4, 4)}`, 'noop-8');
        await shell.prompt();
        await shell.runAndWait('!!:1-3', `Type "${HOST}"`);
        shell.answer('no');
        await shell.tmux.waitFor('not confirmed');
        expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
      });
    }

    it('when prodguard is missing or crashes: one line, and the shell keeps working', async () => {
      const lab = makeLab();
      const victim = join(lab.home, 'scratch.txt');
      writeFileSync(victim, 'x');
      const shell = await start(lab);
      rmSync(join(lab.bin, 'prodguard'));
      let screen = await shell.runAndWait(`rm -f ${victim} && echo ran-${shell.sum(5, 5)}`, 'ran-10');
      expect(screen.match(/prodguard: the guard failed/g)).toHaveLength(1);
      expect(existsSync(victim)).toBe(false);
      // A crash with a stack trace is still one line.
      writePathWrapper(lab.bin, lab.log, '#!/bin/sh\necho "TypeError: boom" >&2\necho "    at judge (judge.js:1:1)" >&2\nexit 1\n');
      writeFileSync(victim, 'x');
      shell.tmux.key('C-l');
      screen = await shell.runAndWait(`rm -f ${victim} && echo ran-${shell.sum(6, 6)}`, 'ran-12');
      expect(screen).toContain('prodguard: the guard failed (TypeError: boom); this line runs unchecked');
      expect(screen).not.toContain('at judge');
      expect(existsSync(victim)).toBe(false);
    });

    it('asks again in a stale production shell before the next guarded command', async () => {
      const lab = makeLab();
      const project = production(lab, 'stale-shell-hours: 0\n');
      const victim = join(project, 'old.log');
      writeFileSync(victim, 'x');
      const shell = await start(lab, { cwd: project });
      expect(shell.tmux.screen()).toMatch(/PROD db1\.cluster(…|\.\.)/);
      await shell.runAndWait(`rm -f ${victim}`, `Type "${HOST}" to keep working`);
      shell.answer(HOST);
      await until(() => !existsSync(victim), 10_000, 'the file to be removed');
      await shell.prompt();
      writeFileSync(victim, 'x');
      shell.tmux.key('C-l');
      await shell.runAndWait(`rm -f ${victim}`, `Type "${HOST}" to keep working`);
      shell.answer('no');
      await shell.tmux.waitFor('not confirmed');
      expect(existsSync(victim)).toBe(true);
      // Harmless lines never ask.
      await shell.runAndWait(`echo fine-${shell.sum(7, 7)}`, 'fine-14');
    });
  });
}
