// `prodguard init SHELL` caches its text in the state dir; the rc line sources the cache, so a
// new shell starts no prodguard process — and runs `prodguard init` again when the cache is
// stale (another version, a config newer than the cache).
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, tempDir } from '../helpers/cli.js';
import { ADAPTERS, SHELLS } from '../../src/shell/adapters.js';
import { shellMissing } from './helpers.js';

function lab() {
  const home = tempDir();
  const binDir = join(home, 'bin');
  mkdirSync(binDir);
  const calls = join(home, 'calls');
  // prodguard on PATH records each start, then runs the real one.
  writeFileSync(join(binDir, 'prodguard'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(binDir, 'prodguard'), 0o755);
  const env = { HOME: home, PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`, TERM: 'dumb', XDG_CONFIG_HOME: join(home, 'config') };
  const starts = () =>
    existsSync(calls)
      ? readFileSync(calls, 'utf8')
          .trim()
          .split('\n')
          .filter((line) => line.startsWith('init')).length
      : 0;
  return { home, env, starts };
}

function startShell(shell: string, rcLine: string, env: Record<string, string>): string {
  const check = shell === 'fish' ? 'functions -q __prodguard_needs_check; and echo hooked' : 'typeset -f __prodguard_needs_check >/dev/null && echo hooked';
  const args =
    shell === 'fish'
      ? ['--no-config', '-i', '-c', `${rcLine}; ${check}`]
      : shell === 'zsh'
        ? ['-f', '-i', '-c', `${rcLine}; ${check}`]
        : ['--norc', '--noprofile', '-i', '-c', `${rcLine}; ${check}`];
  return spawnSync(shell, args, { env, encoding: 'utf8', timeout: 60_000 }).stdout;
}

describe('init cache', () => {
  for (const shell of SHELLS) {
    it(`${shell}: the rc line sources the cache without starting prodguard, and regenerates it when stale`, () => {
      const missing = shellMissing(shell);
      if (missing) console.error(`cannot start ${shell}: ${missing}`);
      expect(missing).toBeUndefined();
      const { home, env, starts } = lab();
      const cache = join(home, '.local', 'state', 'prodguard', `init.${shell}`);
      const rcLine = ADAPTERS[shell].rcLine(cache);
      // First shell: no cache yet, so `prodguard init` runs and writes it.
      expect(startShell(shell, rcLine, env)).toContain('hooked');
      expect(starts()).toBe(1);
      expect(existsSync(cache)).toBe(true);
      // Later shells: the cache alone.
      expect(startShell(shell, rcLine, env)).toContain('hooked');
      expect(starts()).toBe(1);
      // A config newer than the cache: init runs again (and rewrites the cache).
      const config = join(home, 'config', 'prodguard', 'config.yml');
      mkdirSync(join(home, 'config', 'prodguard'), { recursive: true });
      writeFileSync(config, 'stale-shell-hours: 12\n');
      expect(startShell(shell, rcLine, env)).toContain('hooked');
      expect(starts()).toBe(2);
      const later = new Date(Date.now() + 60_000);
      utimesSync(config, later, later);
      expect(startShell(shell, rcLine, env)).toContain('hooked');
      expect(starts()).toBe(3);
      // Another version installed: the cache's version check fails, init runs.
      writeFileSync(cache, readFileSync(cache, 'utf8').replace(/"version": "[^"]+"/, '"version": "0.0.0-other"'));
      expect(startShell(shell, rcLine, env)).toContain('hooked');
      expect(starts()).toBe(4);
    });
  }
});
