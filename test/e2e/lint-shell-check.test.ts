// `prodguard lint` asks bash itself (`bash -n`) about shell its parser cannot read: valid shell is
// a notice, broken shell a finding. One bash answers a whole run's questions, so several such
// files must come out exactly as if each had been asked on its own: notices in file order, one
// per file, and findings where bash rejects the text.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers/cli.js';

/** bash accepts this (shapes from xzgrep and discourse's boot script); prodguard's parser does
 *  not, at line 8. */
const VALID_UNREADABLE = readFileSync(fileURLToPath(new URL('../fixtures/lint/survey-shapes/shell/xzgrep', import.meta.url)), 'utf8');

describe('lint: shell the parser cannot read, across files', () => {
  it('notices for every file bash accepts, a finding for the one it rejects, the rest judged as usual', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-kill.sh'), VALID_UNREADABLE);
    writeFileSync(join(dir, 'b-broken.sh'), '#!/bin/sh\nif then fi\n');
    writeFileSync(join(dir, 'c-kill-again.sh'), `${VALID_UNREADABLE}echo done\n`);
    writeFileSync(join(dir, 'd-same.sh'), VALID_UNREADABLE);
    writeFileSync(join(dir, 'e-clean.sh'), '#!/bin/sh\nrm -rf "$BUILD_DIR/"\n');
    const result = runCli(['lint', '--format', 'json', '.'], { cwd: dir });
    const body = JSON.parse(result.stdout) as {
      findings: { file: string; line: number; rule: string }[];
      notices?: { file: string; line: number; message: string }[];
    };
    expect(body.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['b-broken.sh:2 lint/parse-error', 'e-clean.sh:2 filesystem/rm-unset-variable']);
    expect(body.notices?.map((n) => `${n.file}:${n.line}`)).toEqual(['a-kill.sh:8', 'c-kill-again.sh:8', 'd-same.sh:8']);
    // Line 8 runs `bash -c "kill $pid …"` over the words of a command's output: the script it runs
    // is not known before it runs (it was once split into the words of the command's own text).
    expect(body.notices?.every((n) => n.message.startsWith('not checked: a script prodguard cannot read'))).toBe(true);
    expect(result.status).toBe(1);
  });

  it('asks bash about a script whose own text the parser cannot read (`bash -c "($CMD)"`)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-kill.sh'), VALID_UNREADABLE);
    writeFileSync(join(dir, 'f-subshell.sh'), '#!/bin/bash\nbash -c "($CMD)"\n');
    writeFileSync(join(dir, 'g-broken.sh'), '#!/bin/sh\nif then fi\n');
    const body = JSON.parse(runCli(['lint', '--format', 'json', '.'], { cwd: dir }).stdout) as {
      findings: { file: string; line: number; rule: string }[];
      notices?: { file: string; line: number; message: string }[];
    };
    expect(body.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['g-broken.sh:2 lint/parse-error']);
    expect(body.notices?.map((n) => `${n.file}:${n.line}`)).toEqual(['a-kill.sh:8', 'f-subshell.sh:2']);
    expect(body.notices?.[1]?.message).toMatch(/^not checked: the shell accepts this but prodguard's parser does not/);
  });
});
