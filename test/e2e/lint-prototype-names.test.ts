// `prodguard lint` on a repository whose variables, targets, scripts, tasks, jobs, services and
// hosts are named like Object.prototype members. Each file kind keeps such names in a table of
// its own; before those tables had no prototype, this repository ended lint in an internal
// error (`constructor=/srv` in a script) and messages showed `function Object() { [native code] }`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function repository(): string {
  const root = tempDir('prodguard-proto-');
  for (const n of NAMES) {
    write(
      root,
      `scripts/${n}.sh`,
      [
        `#!/bin/bash`,
        `${n}=/srv`,
        `rm -rf "$${n}/x"`,
        `${n}+=(y)`,
        `declare -A m=([${n}]=/)`,
        `${n}() { echo; }`,
        n,
        `psql -h ${n} -c "drop table ${n}"`,
        `unset ${n}`,
        '',
      ].join('\n'),
    );
  }
  write(root, 'Makefile', NAMES.map((n) => `${n}:\n\trm -rf $(${n})/x\n${n} = /var\n`).join(''));
  write(root, 'justfile', NAMES.map((n) => `${n}:\n    rm -rf /tmp/${n}\n`).join(''));
  write(root, 'package.json', JSON.stringify({ scripts: { constructor: 'rm -rf /', __proto__: 'echo hi', toString: 'npm run constructor' } }));
  write(
    root,
    'Taskfile.yml',
    "version: '3'\nenv:\n  __proto__: x\n  constructor: /srv\ntasks:\n  constructor:\n    cmds: [rm -rf $constructor/x]\n    aliases: [toString, __proto__]\n",
  );
  write(root, 'pyproject.toml', '[tool.pdm.scripts]\nconstructor = "rm -rf /srv/x"\n__proto__ = {cmd = "echo", env = {__proto__ = "x"}}\n');
  write(
    root,
    '.github/workflows/ci.yml',
    'on: push\nenv:\n  __proto__: x\n  constructor: /\njobs:\n  constructor:\n    runs-on: self-hosted\n    steps:\n      - run: rm -rf $constructor/*\n      - run: echo ${{ env.__proto__ }} ${{ env.valueOf }}\n',
  );
  write(root, '.gitlab-ci.yml', 'variables:\n  __proto__: x\nconstructor:\n  script: [echo $__proto__]\n__proto__:\n  extends: constructor\n');
  write(root, 'docker-compose.yml', 'services:\n  constructor:\n    image: postgres\n    environment:\n      __proto__: x\n    command: echo $$__proto__\n');
  write(root, '.prodguard.yml', 'environments:\n  production:\n    hosts: ["constructor", "__proto__"]\n');
  return root;
}

describe('lint: names Object.prototype holds', () => {
  it('lints every file kind without an internal error, and judges those names like any other', () => {
    const result = runCli(['lint', '--format', 'json', '.'], { cwd: repository() });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.status).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: { file: string; rule: string; severity: string; message: string }[] }).findings;
    for (const finding of findings) {
      expect(finding.message).not.toMatch(/native code|\[object Object\]/);
      expect(finding.rule).not.toBe('lint/parse-error');
    }
    const summary = findings.map((f) => `${f.file} ${f.severity} ${f.rule}`);
    // The configured production hosts named constructor and __proto__ are production; the others
    // are hosts nothing describes.
    expect(summary).toContain('scripts/constructor.sh block sql/drop-objects');
    expect(summary).toContain('scripts/__proto__.sh block sql/drop-objects');
    expect(summary).toContain('scripts/toString.sh confirm sql/drop-objects');
    expect(summary).toContain('package.json block filesystem/rm-root');
    expect(summary).toContain('.github/workflows/ci.yml block filesystem/rm-root');
    expect(findings.find((f) => f.file === 'scripts/constructor.sh')!.message).toMatch(/\.prodguard\.yml/);
  });
});
