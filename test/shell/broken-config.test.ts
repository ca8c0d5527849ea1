// Issue 9: a terminal opened in a repository whose .prodguard.yml is broken used to get no guard
// (`init` printed nothing, the hook ran every line "unchecked"). Now the broken file is ignored
// with one line and the user's config still classifies the host: the line is judged.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeLab, Shell, shellMissing } from './helpers.js';

const HOST = 'db1.cluster.gitlab.com';

describe('bash hook in a folder with a broken config', () => {
  const shells: Shell[] = [];
  afterEach(() => shells.splice(0).forEach((shell) => shell.kill()));

  it('still judges the line: the data directory on the production host is refused', async () => {
    const missing = shellMissing('bash');
    if (missing) throw new Error(missing);
    const lab = makeLab();
    mkdirSync(join(lab.home, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(lab.home, '.config', 'prodguard', 'config.yml'), 'environments:\n  production:\n    hosts: ["db1.*"]\n');
    const project = join(lab.home, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.prodguard.yml'), 'rules:\n  filesystem/rm-data-directory: [unclosed\n');
    const data = lab.runningData();
    const shell = new Shell('bash', lab, { cwd: project });
    shells.push(shell);
    await shell.prompt();
    const screen = await shell.runAndWait(`rm -rf ${data}`, 'the line did not run');
    expect(screen).not.toContain('unchecked');
    expect(screen).toContain(`${HOST} → production`);
    await shell.prompt();
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
  });
});

describe('bash hook under an untrusted loosening config, shadowed by an empty one and a folder', () => {
  const shells: Shell[] = [];
  afterEach(() => shells.splice(0).forEach((shell) => shell.kill()));

  it('still refuses the data directory on the production host', async () => {
    const missing = shellMissing('bash');
    if (missing) throw new Error(missing);
    const lab = makeLab();
    mkdirSync(join(lab.home, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(lab.home, '.config', 'prodguard', 'config.yml'), 'environments:\n  production:\n    hosts: ["db1.*"]\n');
    const project = join(lab.home, 'project');
    const sub = join(project, 'sub');
    // What a coding agent could write: a loosening root config, an empty one below it, and a
    // folder with the other spelling.
    mkdirSync(join(sub, '.prodguard.yaml'), { recursive: true });
    writeFileSync(join(project, '.prodguard.yml'), 'rules:\n  filesystem/rm-data-directory: off\nenvironments:\n  local:\n    hosts: ["*"]\n');
    writeFileSync(join(sub, '.prodguard.yml'), '');
    const data = lab.runningData();
    const shell = new Shell('bash', lab, { cwd: sub });
    shells.push(shell);
    await shell.prompt();
    const screen = await shell.runAndWait(`rm -rf ${data}`, 'the line did not run');
    expect(screen).not.toContain('unchecked');
    expect(screen).toContain(`${HOST} → production`);
    await shell.prompt();
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
  });
});
