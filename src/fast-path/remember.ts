// The full path's side of the fast path's config cache (./config-cache.ts): after `check -c` or
// an agent hook loaded the config files, write down the fast path's table for them, so the next
// one-shot line under the same files can be answered without the engine. Only for a config that
// loaded whole and whose rules and facts come from files the key holds.

import type { Config } from '../config/schema.js';
import type { Rule } from '../rules/schema.js';
import { loadBuiltinRules } from '../rules/load.js';
import { homeDirectory } from '../util/machine.js';
import { currentKey, lookupConfigTable, pulledKey, storeConfigTable, tableFingerprint } from './config-cache.js';
import { fastPathTable } from './table.js';

/** The config search's files as they are before the config loads: an edit while it loads then
 *  leaves an entry no later lookup matches, never a table for text it was not computed from. */
export function configKeyBefore(cwd: string, env: NodeJS.ProcessEnv): [string, string | null][] {
  return currentKey(cwd, env, homeDirectory);
}

/** A path inside a node_modules folder: an npm pack (`extends: some-pack`), found by Node's
 *  resolution — a copy installed nearer the config later would be found instead, and the key,
 *  which holds only the paths found now, would not see it. */
const NODE_MODULES = /(^|[\\/])node_modules([\\/]|$)/;

/** Whether the rules and facts the config gives are a function of the key's files alone (the
 *  search's files and what it pulls in by path), and loading it said nothing the fast path would
 *  have to say too. */
export function cacheable(config: Config): boolean {
  return (
    config.files.length > 0 &&
    config.inventories.length === 0 &&
    Object.keys(config.inventoryGroups).length === 0 &&
    config.ignored.length === 0 &&
    config.notes.length === 0 &&
    !config.audit.syslog &&
    !config.audit.journald &&
    !config.pulledIn.some((path) => NODE_MODULES.test(path))
  );
}

/**
 * The built-in table's fingerprint, which keys every entry. The fast path's bundle has it baked in
 * at build time (scripts/build-fast-path.mjs), and bin/prodguard.js hands it over when that bundle
 * ran first in this process, as it has for every line that reaches here from `check -c` or an
 * agent hook; building the table from the built-in rules to fingerprint it cost more than judging
 * the line (~100 M instructions for a risky line in a repository with a config).
 */
function builtinFingerprint(rules: readonly Rule[]): string {
  const baked = (globalThis as { __prodguardBuiltinFingerprint?: unknown }).__prodguardBuiltinFingerprint;
  return typeof baked === 'string' && baked !== '' ? baked : tableFingerprint(fastPathTable(rules));
}

export interface Loaded {
  config: Config;
  /** The rules the judgement used: built-in, and those of the config's rule folders and packs. */
  rules: readonly Rule[];
}

/**
 * Write down the fast path's table for the config `loaded` came from (`key`: the search's files
 * as they were before it loaded). A config that pulls in files by path is loaded again after
 * they are keyed, and written down only when they are still the same: an edit of a rule file
 * while the first load ran must not leave a table for text the key does not hold.
 */
export async function rememberConfigTable(
  key: [string, string | null][],
  loaded: Loaded,
  cwd: string,
  env: NodeJS.ProcessEnv,
  reload: () => Promise<Loaded>,
): Promise<void> {
  if (!cacheable(loaded.config)) return;
  const builtinRules = await loadBuiltinRules();
  const base = builtinFingerprint(builtinRules);
  if (lookupConfigTable(cwd, env, base, homeDirectory)) return;
  let from = loaded;
  let pulled: [string, string | null][] | undefined;
  if (loaded.config.pulledIn.length > 0) {
    pulled = pulledKey(loaded.config.pulledIn);
    if (!pulled) return;
    from = await reload();
    const again = pulledKey(from.config.pulledIn);
    if (!cacheable(from.config) || !again || JSON.stringify(again) !== JSON.stringify(pulled)) return;
  }
  // The table of the rules the judgement used: a rule folder's rules send their words to the full
  // path (a config's `rules:` only changes severities, which cannot make a rule match a line it did not).
  const withConfig = fastPathTable(from.rules, from.config.dataDirectories);
  const table = JSON.stringify(withConfig) === JSON.stringify(fastPathTable(builtinRules)) ? {} : { table: withConfig };
  storeConfigTable(env, { key, ...(pulled ? { pulled } : {}), base, files: [...from.config.files], ...table }, homeDirectory);
}
