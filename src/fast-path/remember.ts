// The full path's side of the fast path's config cache (./config-cache.ts): after `check -c` or
// an agent hook loaded the config files, write down the fast path's table for them, so the next
// one-shot line under the same files can be answered without the engine. Only for a config that
// pulls in nothing beyond the files the key holds and that loaded whole.

import { homedir } from 'node:os';
import type { Config } from '../config/schema.js';
import { loadBuiltinRules } from '../rules/load.js';
import { currentKey, lookupConfigTable, storeConfigTable, tableFingerprint } from './config-cache.js';
import { fastPathTable } from './table.js';

/** The config search's files as they are before the config loads: an edit while it loads then
 *  leaves an entry no later lookup matches, never a table for text it was not computed from. */
export function configKeyBefore(cwd: string, env: NodeJS.ProcessEnv): [string, string | null][] {
  return currentKey(cwd, env, homedir);
}

/** Whether the rules and facts the config gives are a function of the key's files alone, and
 *  loading it said nothing the fast path would have to say too. */
export function cacheable(config: Config): boolean {
  return (
    config.files.length > 0 &&
    config.pulledIn.length === 0 &&
    config.extends.length === 0 &&
    config.ruleDirectories.length === 0 &&
    config.untrustedRuleDirectories.length === 0 &&
    config.inventories.length === 0 &&
    Object.keys(config.inventoryGroups).length === 0 &&
    config.ignored.length === 0 &&
    config.notes.length === 0 &&
    !config.audit.syslog &&
    !config.audit.journald
  );
}

export async function rememberConfigTable(key: [string, string | null][], config: Config, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!cacheable(config)) return;
  // With no rule folder and no pack, the rules are the built-in ones (a config's `rules:` only
  // changes severities, which cannot make a rule match a line it did not).
  const rules = await loadBuiltinRules();
  const builtin = fastPathTable(rules);
  const base = tableFingerprint(builtin);
  if (lookupConfigTable(cwd, env, base, homedir)) return;
  const withConfig = fastPathTable(rules, config.dataDirectories);
  const table = JSON.stringify(withConfig) === JSON.stringify(builtin) ? {} : { table: withConfig };
  storeConfigTable(env, { key, base, files: [...config.files], ...table }, homedir);
}
