// The shell prefilter and configured data-directory locations (`data-directories:`): `cp`, `mv`
// and `ln` onto a location a config adds must reach the checker, in TypeScript and in each shell's
// snippet alike, and the cached snippet is rewritten when a config file it read changes.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { isWrapper } from '../../src/parse/wrappers.js';
import { isDatabaseClient } from '../../src/targets/resolve.js';
import { needsCheck, prefilterFor } from '../../src/shell/prefilter.js';
import { BIN, tempDir } from '../helpers/cli.js';
import { shellMissing } from './helpers.js';

const rules = await loadBuiltinRules();
const configured = { locations: ['/srv/orders-db', '/srv/pg-*', '/data/Billing Store'], markers: ['.orders-marker'] };
const builtIn = prefilterFor({ rules, isWrapper, isDatabaseClient });
const withConfig = prefilterFor({ rules, isWrapper, isDatabaseClient, dataDirectories: configured });

const ONTO_CONFIGURED = [
  'cp backup/1 /srv/orders-db/base/1',
  'mv empty /srv/pg-cache/current',
  'ln -sf /dev/null "/data/Billing Store/current"',
  'cp x /mnt/restore/.orders-marker',
  'install -m 600 seed /srv/PG-Main/seed',
];
const EVERYDAY = ['cp .env.example .env', 'mv src/old.ts src/new.ts', 'cp -r /srv/app/public /srv/app/public.bak'];

describe('configured data-directory locations in the prefilter', () => {
  it('sends cp/mv/ln/install onto a configured location or marker, and keeps everyday copies in the shell', () => {
    for (const line of ONTO_CONFIGURED) {
      expect(needsCheck(line, withConfig), line).toBe(true);
      // The built-in words do not know the site's layout: this is what the config adds.
      expect(needsCheck(line, builtIn), line).toBe(false);
    }
    for (const line of EVERYDAY) expect(needsCheck(line, withConfig), line).toBe(false);
    // The built-in words are all still there.
    for (const [name, companions] of Object.entries(builtIn.pairs)) expect(withConfig.pairs[name], name).toEqual(expect.arrayContaining(companions));
  });

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`${shell}: the snippet from a config with locations agrees with needsCheck`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot check the ${shell} prefilter: ${missing}`);
      expect(missing).toBeUndefined();
      const home = tempDir();
      mkdirSync(join(home, '.config', 'prodguard'), { recursive: true });
      const userConfig = join(home, '.config', 'prodguard', 'config.yml');
      writeFileSync(
        userConfig,
        `data-directories:\n  locations: [${configured.locations.map((location) => JSON.stringify(location)).join(', ')}]\n  markers: [.orders-marker]\n`,
      );
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), TERM: 'dumb' };
      const init = spawnSync(process.execPath, [BIN, 'init', shell], { env, encoding: 'utf8', cwd: home });
      expect(init.status, init.stderr).toBe(0);
      const snippet = join(home, `snippet.${shell}`);
      const corpus = join(home, 'corpus');
      const lines = [...ONTO_CONFIGURED, ...EVERYDAY];
      writeFileSync(snippet, init.stdout);
      writeFileSync(corpus, lines.map((line) => `${line}\0`).join(''));
      const script =
        shell === 'fish'
          ? `source ${snippet} 2>/dev/null; for l in (cat ${corpus} | string split0); __prodguard_needs_check $l; echo $status; end`
          : `source ${snippet} 2>/dev/null; while IFS= read -r -d '' l; do __prodguard_needs_check "$l" >/dev/null 2>&1; echo $?; done < ${corpus}`;
      const args =
        shell === 'bash' ? ['--norc', '--noprofile', '-i', '-c', script] : shell === 'zsh' ? ['-f', '-i', '-c', script] : ['--no-config', '-i', '-c', script];
      const result = spawnSync(shell, args, { env, encoding: 'utf8', cwd: home, timeout: 30_000 });
      const answers = result.stdout.trim().split('\n');
      expect(Object.fromEntries(lines.map((line, i) => [line, answers[i]]))).toEqual(
        Object.fromEntries(lines.map((line) => [line, needsCheck(line, withConfig, shell) ? '0' : '1'])),
      );
      // The cache names every config file read: a changed location rewrites it on the next start.
      const cache = readFileSync(join(home, 'state', `init.${shell}`), 'utf8');
      expect(cache).toContain(userConfig);
    });
  }

  it('the cached snippet checks the system policy file too', () => {
    const home = tempDir();
    const policy = join(home, 'policy.yml');
    writeFileSync(policy, 'data-directories:\n  locations: [/srv/orders-db]\n');
    // With a user config too, the policy is not the config's source: it must be named on its own.
    mkdirSync(join(home, '.config', 'prodguard'), { recursive: true });
    writeFileSync(join(home, '.config', 'prodguard', 'config.yml'), 'stale-shell-hours: 8\n');
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_POLICY: policy, TERM: 'dumb' };
    const init = spawnSync(process.execPath, [BIN, 'init', 'bash'], { env, encoding: 'utf8', cwd: home });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/\['cp'\]='[^']*orders-db/);
    expect(readFileSync(join(home, 'state', 'init.bash'), 'utf8')).toContain(`'${policy}' -nt`);
  });
});
