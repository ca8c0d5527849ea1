// Which options of a tool take a value is knowledge written once (src/knowledge/tools.ts and, for
// database clients, commands.ts); rules name only the words they are about.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRulesFromDirectory } from '../../src/rules/load.js';
import { commandOptionSpec, scanOptions } from '../../src/parse/options.js';
import { extractInvocations } from '../../src/parse/invocations.js';
import { validateRule } from '../../src/rules/schema.js';
import { COMMAND_RUNNERS } from '../../src/knowledge/tools.js';
import { isWrapper, WRAPPER_NAMES } from '../../src/parse/wrappers.js';
import { envFilesNamedBy } from '../../src/parse/wrappers/env-runners.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

const operands = (line: string) => {
  const inv = extractInvocations(line, { env: {}, cwd: '/home/dev', home: '/home/dev' }).invocations[0]!;
  return scanOptions(inv.args, commandOptionSpec(inv.name)).positionals.map((index) => inv.args[index]!.value);
};

describe('tool option knowledge', () => {
  it('no built-in rule repeats a tool option table', async () => {
    const files = yamlFiles(BUILTIN_RULES_DIR);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain('options-with-values');
    expect((await loadRulesFromDirectory(BUILTIN_RULES_DIR)).length).toBe(files.length);
  });

  it('kubectl and oc read their global options from one table', () => {
    expect(operands('kubectl --as admin --context prod -n web delete pod x')).toEqual(['delete', 'pod', 'x']);
    expect(operands('oc --server https://api.prod:6443 delete project x')).toEqual(['delete', 'project', 'x']);
  });

  it('single-dash long options and database clients come from the knowledge too', () => {
    expect(operands('terraform -chdir infra apply')).toEqual(['apply']);
    expect(operands('psql -X -1 -v ON_ERROR_STOP=1 app')).toEqual(['app']);
  });

  it('a tool prodguard does not know has only flags', () => {
    expect(operands('mytool --env prod deploy')).toEqual(['prod', 'deploy']);
  });

  it('a rule file that still declares options-with-values is rejected, naming the field', () => {
    const { rule, errors } = validateRule(
      {
        title: 't',
        incident: 'general',
        severity: { default: 'warn' },
        match: { commands: ['deploy'], 'options-with-values': ['-e'], targets: ['host'] },
        message: '{command}',
        why: 'w',
        fix: 'f',
        examples: { flag: ['deploy'], pass: ['ls'] },
      },
      'team/deploy',
      'team/deploy.yaml',
    );
    expect(rule).toBeUndefined();
    expect(errors[0]).toMatch(/^match\.options-with-values: is no longer read: .*remove it/);
  });
});

describe('wrapper option knowledge', () => {
  const invocation = (line: string) => extractInvocations(line, { env: {}, cwd: '/srv/app', home: '/home/dev' }).invocations[0]!;

  it('every wrapper of the `nohup CMD…` kind is unwrapped from the table alone', () => {
    for (const name of COMMAND_RUNNERS) {
      expect(WRAPPER_NAMES, name).toContain(name);
      expect(isWrapper(name)).toBe(true);
    }
    expect(
      extractInvocations('nice -n 10 ionice -c 3 rm -rf /var/lib/postgresql', { env: {}, cwd: '/', home: '/root' }).invocations.map((i) => i.name),
    ).toContain('rm');
  });

  it('the env files a runner names are read with the options its unwrapper reads (dotenvx --convention)', () => {
    expect(envFilesNamedBy(invocation('dotenvx run --convention nextjs -f .env.production -- rails db:reset'))).toEqual(['/srv/app/.env.production']);
    expect(envFilesNamedBy(invocation('op run --account acme --env-file prod.env -- rails db:reset'))).toEqual(['/srv/app/prod.env']);
  });
});
