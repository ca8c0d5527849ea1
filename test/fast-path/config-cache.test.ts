// The fast path's config cache (src/fast-path/config-cache.ts): an entry is used only while every
// file the config search reads holds the text it held when the entry was written.
import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, utimesSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentKey, lookupConfigTable, pulledKey, searchedFiles, storeConfigTable, tableFingerprint } from '../../src/fast-path/config-cache.js';
import { cacheable } from '../../src/fast-path/remember.js';
import { fastPathTable } from '../../src/fast-path/table.js';
import { loadConfig } from '../../src/config/load.js';
import { builtinRules } from '../helpers/rules.js';
import { tempDir } from '../helpers/cli.js';

const table = fastPathTable(await builtinRules());
const base = tableFingerprint(table);
const noHome = () => '/nonexistent-home';

function setup() {
  const home = tempDir();
  const repo = join(home, 'repo');
  const cwd = join(repo, 'src', 'deep');
  mkdirSync(cwd, { recursive: true });
  const env = { HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_POLICY: join(home, 'policy.yml') };
  writeFileSync(join(repo, '.prodguard.yml'), 'environments:\n  production:\n    hosts: [db1]\n');
  writeFileSync(env.PRODGUARD_POLICY, 'environments: {}\n');
  return { home, repo, cwd, env };
}

function remember(cwd: string, env: NodeJS.ProcessEnv) {
  storeConfigTable(env, { key: currentKey(cwd, env, noHome), base, files: ['x'] }, noHome);
}

describe('the fast path’s config cache', () => {
  it('searches the policy, the user config, the trust store and every folder up to the root', () => {
    const { home, repo, cwd, env } = setup();
    const files = searchedFiles(cwd, env, noHome);
    expect(files).toEqual(
      expect.arrayContaining([
        join(home, 'policy.yml'),
        join(home, '.config', 'prodguard', 'config.yml'),
        join(home, 'state', 'trusted.json'),
        join(cwd, '.prodguard.yml'),
        join(repo, '.prodguard.yaml'),
        '/.prodguard.yml',
      ]),
    );
  });

  it('finds an entry while nothing changed, and not after any file changes, appears or goes', () => {
    const { home, repo, cwd, env } = setup();
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    remember(cwd, env);
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeDefined();
    // Another build's table: not used.
    expect(lookupConfigTable(cwd, env, `${base}x`, noHome)).toBeUndefined();
    // Same size, same mtime, other text: still a change.
    const file = join(repo, '.prodguard.yml');
    const { mtime } = statSync(file);
    writeFileSync(file, 'environments:\n  production:\n    hosts: [db2]\n');
    utimesSync(file, mtime, mtime);
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    remember(cwd, env);
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeDefined();
    // A config appearing in a folder between the repository and the working directory.
    writeFileSync(join(repo, 'src', '.prodguard.yaml'), 'rule-directories: [rules]\n');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    remember(cwd, env);
    // The trust store, the user config and the policy.
    mkdirSync(join(home, 'state'), { recursive: true });
    writeFileSync(join(home, 'state', 'trusted.json'), '{}');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    remember(cwd, env);
    mkdirSync(join(home, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(home, '.config', 'prodguard', 'config.yaml'), 'probe: { enabled: false }\n');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    remember(cwd, env);
    writeFileSync(join(home, 'policy.yml'), 'locked-rules: []\n');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    // Another working directory has its own search list.
    remember(cwd, env);
    expect(lookupConfigTable(repo, env, base, noHome)).toBeUndefined();
  });

  it('is written only for a config that loaded whole and pulls in nothing by npm resolution', async () => {
    const { repo, cwd, env } = setup();
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(true);
    writeFileSync(join(repo, '.prodguard.yml'), 'rule-directories: [my-rules]\n');
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(true);
    writeFileSync(join(repo, '.prodguard.yml'), 'extends: [./team.yml]\n');
    // Not there: the entry is ignored with a line, which the fast path cannot say.
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(false);
    writeFileSync(join(repo, 'team.yml'), 'environments:\n  production:\n    hosts: [db9]\n');
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(true);
    // An npm pack: Node's resolution could find another copy later, which the key would not see.
    mkdirSync(join(repo, 'node_modules', 'team-pack'), { recursive: true });
    writeFileSync(join(repo, 'node_modules', 'team-pack', 'package.json'), '{"name":"team-pack"}');
    writeFileSync(join(repo, '.prodguard.yml'), 'extends: [team-pack]\n');
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(false);
    writeFileSync(join(repo, '.prodguard.yml'), 'environments: [not, a, map]\n');
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(false);
    writeFileSync(join(repo, '.prodguard.yml'), 'data-directories: { locations: [/srv/pgdata] }\n');
    expect(cacheable(await loadConfig({ cwd, env }))).toBe(true);
  });

  it('keys what a config pulls in: any change to an extended file or to a rule folder, at any depth, misses', () => {
    const { repo, cwd, env } = setup();
    const rules = join(repo, 'my-rules');
    mkdirSync(join(rules, 'team'), { recursive: true });
    writeFileSync(join(rules, 'team', 'a.yaml'), 'title: a\n');
    writeFileSync(join(rules, 'README'), 'notes\n');
    writeFileSync(join(repo, 'team.yml'), 'environments: {}\n');
    const pulled = [rules, join(repo, 'team.yml'), join(repo, 'missing.yml')];
    const store = () => {
      const key = pulledKey(pulled);
      expect(key).toBeDefined();
      storeConfigTable(env, { key: currentKey(cwd, env, noHome), pulled: key!, base, files: ['x'] }, noHome);
      expect(lookupConfigTable(cwd, env, base, noHome)).toBeDefined();
    };
    const changes: Array<() => void> = [
      // Same size, same mtime, other text.
      () => {
        const file = join(rules, 'team', 'a.yaml');
        const { mtime } = statSync(file);
        writeFileSync(file, 'title: b\n');
        utimesSync(file, mtime, mtime);
      },
      () => writeFileSync(join(repo, 'team.yml'), 'environments: { }\n'),
      () => writeFileSync(join(rules, 'team', 'b.yml'), 'title: b\n'),
      () => mkdirSync(join(rules, 'team', 'deeper')),
      () => writeFileSync(join(rules, 'team', 'deeper', 'c.yaml'), 'title: c\n'),
      // A file the loader does not read becomes a folder it does.
      () => {
        rmSync(join(rules, 'README'));
        mkdirSync(join(rules, 'README'));
      },
      () => writeFileSync(join(repo, 'missing.yml'), 'environments: {}\n'),
      () => rmSync(join(rules, 'team', 'a.yaml')),
    ];
    for (const change of changes) {
      store();
      change();
      expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined();
    }
    // A file the loader never reads, in a folder already keyed, changes nothing.
    store();
    writeFileSync(join(rules, 'README', 'notes.txt'), 'x');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeUndefined(); // the folder's names changed
    store();
    writeFileSync(join(rules, 'README', 'notes.txt'), 'y');
    expect(lookupConfigTable(cwd, env, base, noHome)).toBeDefined();
  });

  it('leaves a config that pulls in too much to the full path', () => {
    const { repo } = setup();
    const rules = join(repo, 'big-rules');
    mkdirSync(rules);
    for (let i = 0; i < 300; i++) writeFileSync(join(rules, `r${i}.yaml`), 'title: r\n');
    expect(pulledKey([rules])).toBeUndefined();
  });
});
