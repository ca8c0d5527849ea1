// Where prodguard's config files are, written once. The loader (config/load.ts) reads them; the
// one-shot fast path (fast-path/answer.ts) answers from the built-in rules only when none of them
// is there, so the two must look at the same files — a name added here reaches both. Nothing but
// node:fs is imported: the fast path's bundle stays small.

import { lstatSync } from 'node:fs';
import { join } from 'node:path';

/** A repository config, found from the working directory upward. */
export const REPOSITORY_CONFIG_NAMES: readonly string[] = ['.prodguard.yml', '.prodguard.yaml'];
/** The user config, in `$XDG_CONFIG_HOME/prodguard/` (else `~/.config/prodguard/`). */
export const USER_CONFIG_NAMES: readonly string[] = ['config.yml', 'config.yaml'];
/** The system policy when PRODGUARD_POLICY names none. */
export const DEFAULT_POLICY_FILE = '/etc/prodguard/policy.yml';

/** Whether anything is at `path`: a broken link or a folder by a config's name counts (the loader
 *  says why it does not load; the fast path must not answer as if it were not there). */
export function present(path: string): boolean {
  try {
    // No exception for the common "not there" (the search looks at two names per folder up to /).
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** Where prodguard keeps its audit log, caches and trust store (`home` only when HOME is unset). */
export function stateDirectoryOf(env: NodeJS.ProcessEnv, home: () => string): string {
  if (env.PRODGUARD_STATE_DIR) return env.PRODGUARD_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(env.HOME || home(), '.local', 'state'), 'prodguard');
}

/** The trust store's name in the state directory (`prodguard trust`). */
export const TRUST_STORE_NAME = 'trusted.json';
