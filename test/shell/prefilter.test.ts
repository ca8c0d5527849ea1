// The shell-side prefilter: generated from the rule set, over-approximate (a harmless line may
// be checked, a dangerous line must be), and the same in bash, zsh and fish as in TypeScript.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';
import { loadBuiltinRules } from '../../src/rules/load.js';
import type { Rule } from '../../src/rules/schema.js';
import { isWrapper } from '../../src/parse/wrappers.js';
import { isDatabaseClient } from '../../src/targets/resolve.js';
import { needsCheck, prefilterFor, WRAPPER_CANDIDATES, type Prefilter } from '../../src/shell/prefilter.js';
import { BIN, tempDir } from '../helpers/cli.js';
import { shellMissing, type ShellName } from './helpers.js';
import { generate } from './generate.js';

const rules = await loadBuiltinRules();
const prefilter = prefilterFor({ rules, isWrapper, isDatabaseClient });

function rule(match: Partial<Rule['match']>, id = 'test/rule'): Rule {
  return {
    id,
    match: {
      commands: ['*'],
      exceptCommands: [],
      subcommands: [],
      flags: { any: [], all: [], none: [] },
      args: { any: [], none: [] },
      targets: ['host'],
      ...match,
    },
  } as unknown as Rule;
}

const HARMLESS = [
  'cp --force a b',
  // cp/mv/ln are sent only with a data directory's path words in the line.
  'cp .env.example .env',
  'mv src/old.ts src/new.ts',
  'gcloud compute ssh dev-vm --zone us-east1-b --command uptime',
  // `.` is the source builtin only as a command word: as an argument it is the current folder.
  'cd .',
  'git add .',
  'ls -la . ..',
  'ls -la',
  'git status && git log --oneline | head',
  'kubectl get pods -n web',
  'systemctl status nginx',
  'npm install',
  'cd /var/log && tail -n 50 syslog',
  'cat notes.txt | grep -i todo | sort | uniq -c',
  'echo $((6 * 7))',
  'vim README.md',
  'python3 manage_stuff.py',
  'curl -s https://example.com/health',
  'for f in *.txt; do wc -l "$f"; done',
  // Redirections to the null device or the terminal, or duplicating a descriptor, write nothing.
  'ls -la >/dev/null 2>&1',
  'git status 2>/dev/null || echo none',
  'echo done >&2',
  'ls build &> /dev/null',
  // Paths as arguments, not as the command: the command is named by the line.
  'cat src/app/main.ts | head',
  'tar czf out.tgz src/lib',
  'git diff HEAD~1 -- src/shell/prefilter.ts',
  'sudo systemctl restart nginx',
  'grep todo notes.txt 2>&-',
  // Remote shells running nothing a rule names.
  'ansible all -m ping',
  "ansible web -m file -a 'path=/srv/app state=directory'",
  'gcloud compute ssh dev-vm --zone us-east1-b',
  'mosh dev-box',
];

const DANGEROUS = [
  'rm -rf /var/lib/postgresql/15/main',
  // Package scripts read from the manifest: a workspace's, and Composer's.
  'yarn workspace @app/db run reset',
  'npm run reset -w @app/db',
  'pnpm --filter @app/db reset',
  'composer db-reset',
  'composer run-script db-reset',
  'cp /dev/null /var/lib/redis/dump.rdb',
  'npx rimraf /etc',
  'npx --yes prisma@5 migrate reset --force',
  'ln -sf /dev/null "$PGDATA/PG_VERSION"',
  'gcloud compute instances delete db-1',
  '. ./prod.env',
  'cd app && . .env.production',
  'if true; then . x; fi',
  '/usr/bin/rm -rf /data',
  "r'm' -rf /data",
  'r\\m -rf /data',
  'RM -rf /data',
  '{rm,-rf,/data}',
  'echo ok;rm -rf /data',
  'true && dropdb app',
  'sudo -u postgres pg_dropcluster 15 main',
  'bundle exec rails db:reset',
  'kubectl delete ns prod',
  'kubectl --context prod-eu delete ns web',
  'git push --force origin main',
  'git $ACTION origin main',
  'systemctl stop postgresql@15-main',
  'python3 ./manage.py flush --no-input',
  'sudo $CMD',
  'bash -c "$CLEANUP"',
  'x=$(cat cmd.txt)',
  'echo `whoami`',
  'eval "$SOMETHING"',
  './bin/delete-sites --mode=permanent',
  './bin/delete-sites --permanent',
  'SAFETY_ASSURED=1 bundle exec rake db:migrate',
  'env DISABLE_DATABASE_ENVIRONMENT_CHECK=1 ./deploy',
  'for i in 1 2; do\n  rm -rf "/srv/$i"\ndone',
  // A command word the shell computes (issue 11): the prefilter cannot know it, the checker can.
  'a=rm; $a -rf /',
  "$'\\x72\\x6d' -rf /",
  'r${X}m -rf /',
  "r$X'm' -rf /",
  '/bin/r? -rf /data',
  '/usr/bin/r[m] -rf /data',
  'x=1 $CMD /data',
  'if true; then "$a" -rf /; fi',
  // Writes by redirection anywhere else: a device, a data directory's file.
  'cat /dev/zero > /dev/sda',
  'echo x >>/var/lib/postgresql/15/main/PG_VERSION',
  'yes >| /dev/nvme0n1',
  'dd if=/dev/zero 2>/dev/null >/dev/sda',
  // make runs its Makefile's recipes, a path runs a script, a launcher runs its command: the
  // checker reads the Makefile or the script (parse/scripts.ts); the line shows neither.
  'make build',
  'make build &> /dev/null',
  'make',
  'gmake -C app deploy',
  './wipe.sh',
  'bin/reset --all',
  '../scripts/cleanup.sh /data',
  'sudo ./wipe.sh',
  'sudo -u postgres ./bin/reinit-replica',
  'timeout 600 scripts/restore.sh',
  'cd app && ./deploy.sh production',
  // Runners and interpreters: what they run is not in the line.
  'echo cm0gLXJmIC8K | base64 -d | sh',
  'python3 -c "import shutil; shutil.rmtree(\'/data\')"',
  "perl -le 'unlink glob q{/data/*}'",
  'awk \'BEGIN { system("reboot") }\'',
  'yarn reset-db',
  // Commands run on other hosts: the checker judges them on that host.
  'mosh db1.prod.example.com -- rm -rf /var/lib/postgresql',
  "gcloud compute ssh db-prod-1 --command 'sudo rm -rf /var/lib/postgresql'",
  "ansible prod-db -m shell -a 'rm -rf /var/lib/postgresql/data'",
  'ansible all -i production -a "dropdb app"',
  "pssh -h hosts.txt 'rm -rf /data'",
  "pdsh -w db1 'rm -rf /data'",
  "clush -w db1 'rm -rf /data'",
  "ansible db -m file -a 'path=/var/lib/postgresql/15/main state=absent'",
];

describe('prefilter words from the rule set', () => {
  it('holds every rule command name, the flags of rules for any command, and wrappers', () => {
    for (const word of ['rm', 'dropdb', 'pg_dropcluster', 'rails', 'rake', 'rspec', 'eval']) expect(prefilter.words).toContain(word);
    // Named only with a subcommand: the name counts when the subcommand is in the line too.
    expect(prefilter.pairs.kubectl).toEqual(expect.arrayContaining(['delete', 'drain', 'scale']));
    expect(prefilter.pairs.git).toContain('push');
    // An option whose value is a shell line (knowledge/shell-options.ts): `git -c core.pager=…`.
    expect(prefilter.pairs.git).toEqual(expect.arrayContaining(['-c', '*core.pager*']));
    expect(prefilter.pairs.tar).toEqual(expect.arrayContaining(['--checkpoint-action=*', '--to-command=*']));
    expect(prefilter.pairs.python3).toEqual(expect.arrayContaining(['flush', 'test']));
    // database/hard-delete-mode matches any command with exactly these flags (no abbreviations:
    // for a rule over every command `--force` is not `--force-delete`).
    for (const word of ['--hard-delete', '--purge', '--permanent', '-skiptrash', '--mode=permanent']) expect(prefilter.words).toContain(word);
    for (const word of ['--perm', '--force', '--hard']) expect(prefilter.words).not.toContain(word);
    // database/escape-hatch-inline matches variables set on the line.
    expect(prefilter.words).toContain('safety_assured');
    for (const wrapper of ['sudo', 'bash', 'ssh', 'xargs', 'env', 'mosh', 'gcloud', 'az', 'ansible', 'pssh', 'parallel-ssh', 'pdsh', 'clush'])
      expect([...prefilter.words, ...prefilter.wrappers]).toContain(wrapper);
    expect(prefilter.everyLine).toBe(false);
  });

  it('anchors a rule for any command on its short flags and argument globs, or checks every line', () => {
    const short = prefilterFor({ rules: [rule({ flags: { any: ['-x'], all: [], none: [] } })], isWrapper: () => false, isDatabaseClient: () => false });
    expect(short.patterns).toEqual(['-[!-]*x*']);
    expect(needsCheck('tool -vxz file', short)).toBe(true);
    expect(needsCheck('tool --verbose file', short)).toBe(false);
    const globbed = prefilterFor({ rules: [rule({ args: { any: ['db:drop*'], none: [] } })], isWrapper: () => false, isDatabaseClient: () => false });
    expect(needsCheck('anything db:drop:all', globbed)).toBe(true);
    const sql = prefilterFor({ rules: [rule({ sql: { kinds: ['truncate'], where: [] } })], isWrapper: () => false, isDatabaseClient: isDatabaseClient });
    expect(sql.words).toContain('psql');
    const unanchored = prefilterFor({
      rules: [rule({ paths: { classes: ['data-directory'], from: 'positionals' } }, 'test/any-path')],
      isWrapper: () => false,
      isDatabaseClient: () => false,
    });
    expect(unanchored.everyLine).toBe(true);
    expect(unanchored.reasons[0]).toContain('test/any-path');
    expect(needsCheck('ls', unanchored)).toBe(true);
  });

  it('lets harmless lines through and sends dangerous ones to the checker', () => {
    for (const line of HARMLESS) expect(needsCheck(line, prefilter), line).toBe(false);
    for (const line of DANGEROUS) expect(needsCheck(line, prefilter), line).toBe(true);
  });

  it('knows every wrapper src/parse/wrappers.ts unwraps', () => {
    const file = new URL('../../src/parse/wrappers.ts', import.meta.url);
    const source = ts.createSourceFile('wrappers.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const names: string[] = [];
    const visit = (node: ts.Node) => {
      // `const WRAPPERS = dict({ … })`: the table is the object literal inside the call.
      const initializer =
        ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer) ? node.initializer.arguments[0] : undefined;
      if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'WRAPPERS' && initializer && ts.isObjectLiteralExpression(initializer)) {
        for (const property of initializer.properties) {
          const name = property.name;
          if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) names.push(name.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !(WRAPPER_CANDIDATES as readonly string[]).includes(name))).toEqual([]);
  });
});

describe('the shells run the same prefilter', () => {
  // The fixed lines, and generated ones (test/shell/generate.ts) for the shapes nobody listed.
  const lines = [...HARMLESS, ...DANGEROUS, ...Array.from({ length: 300 }, (_, i) => generate(10_000 + i))];
  const runners: Record<ShellName, (snippet: string, corpus: string) => string[]> = {
    bash: (snippet, corpus) => [
      'bash',
      '--norc',
      '--noprofile',
      '-i',
      '-c',
      // As the hook calls it: stdout and stderr to /dev/null (declare -F prints what it finds).
      `source ${snippet} 2>/dev/null; while IFS= read -r -d '' l; do __prodguard_needs_check "$l" >/dev/null 2>&1; echo $?; done < ${corpus}`,
    ],
    zsh: (snippet, corpus) => [
      'zsh',
      '-f',
      '-i',
      '-c',
      `source ${snippet} 2>/dev/null; while IFS= read -r -d '' l; do __prodguard_needs_check "$l"; echo $?; done < ${corpus}`,
    ],
    fish: (snippet, corpus) => [
      'fish',
      '--no-config',
      '-i',
      '-c',
      `source ${snippet} 2>/dev/null; for l in (cat ${corpus} | string split0); __prodguard_needs_check $l; echo $status; end`,
    ],
  };
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`${shell}: the snippet's prefilter agrees with needsCheck`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot check the ${shell} prefilter: ${missing}`);
      expect(missing).toBeUndefined();
      const home = tempDir();
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), TERM: 'dumb' };
      const init = spawnSync(process.execPath, [BIN, 'init', shell], { env, encoding: 'utf8', cwd: home });
      expect(init.status, init.stderr).toBe(0);
      const snippet = join(home, `snippet.${shell}`);
      const corpus = join(home, 'corpus');
      writeFileSync(snippet, init.stdout);
      writeFileSync(corpus, lines.map((line) => `${line}\0`).join(''));
      const [file, ...args] = runners[shell](snippet, corpus);
      const result = spawnSync(file!, args, { env, encoding: 'utf8', cwd: home, timeout: 30_000 });
      const answers = result.stdout.trim().split('\n');
      const expected = lines.map((line) => (needsCheck(line, prefilter, shell) ? '0' : '1'));
      expect(Object.fromEntries(lines.map((line, i) => [line, answers[i]]))).toEqual(Object.fromEntries(lines.map((line, i) => [line, expected[i]])));
    });
  }

  // The shell splits and globs unquoted words by the person's settings: the prefilter must not.
  // A line with `drop*` in a folder holding a file `dropdb` is no dropdb line, and `IFS=,` (set
  // for some loop at the prompt) must not glue `true; rm -rf /x` into one word.
  const settled = ['true; rm -rf /x', 'echo drop*', 'ls [d]ropdb', 'echo a,b rm -rf /x', 'cat *.txt', 'git status; ls ?', ...HARMLESS.slice(0, 10)];
  for (const shell of ['bash', 'zsh'] as const) {
    it(`${shell}: the prefilter's answer does not depend on IFS or on files a glob would match`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot check the ${shell} prefilter: ${missing}`);
      expect(missing).toBeUndefined();
      const home = tempDir();
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), TERM: 'dumb' };
      const init = spawnSync(process.execPath, [BIN, 'init', shell], { env, encoding: 'utf8', cwd: home });
      expect(init.status, init.stderr).toBe(0);
      const snippet = join(home, `snippet.${shell}`);
      const corpus = join(home, 'corpus');
      writeFileSync(snippet, init.stdout);
      for (const file of ['dropdb', 'notes.txt', 'a']) writeFileSync(join(home, file), '');
      writeFileSync(corpus, settled.map((line) => `${line}\0`).join(''));
      const [file, ...args] = runners[shell](snippet, corpus);
      // The person's IFS, set after the snippet is sourced (the loop reads the corpus with its own).
      const script = args[args.length - 1]!.replace('; while IFS=', '; IFS=,; while IFS=');
      const result = spawnSync(file!, [...args.slice(0, -1), script], { env, encoding: 'utf8', cwd: home, timeout: 30_000 });
      const answers = result.stdout.trim().split('\n');
      const expected = settled.map((line) => (needsCheck(line, prefilter, shell) ? '0' : '1'));
      expect(Object.fromEntries(settled.map((line, i) => [line, answers[i]]))).toEqual(Object.fromEntries(settled.map((line, i) => [line, expected[i]])));
    });
  }
});

export type { Prefilter };

describe('companion globs (matched without regular expressions when only `*` is used)', () => {
  const table: Prefilter = {
    words: [],
    pairs: { git: ['-c', '*core.pager*'], tar: ['--to-command=*', 'a*b*c'] },
    patterns: [],
    wrappers: [],
    redirects: false,
    everyLine: false,
    reasons: [],
  };
  it.each([
    ["git -c core.pager='rm -rf /' log", true],
    ['git status', false],
    ["tar -xf x --to-command='sh'", true],
    ['tar axbyc', true],
    ['tar acb', false],
    ['tar ab', false],
  ])('%s → %s', (line, expected) => {
    expect(needsCheck(line, table)).toBe(expected);
  });
});
