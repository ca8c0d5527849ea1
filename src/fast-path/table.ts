// What the one-shot fast path (./answer.ts) knows, computed at build time from the built-in rules
// (scripts/build-fast-path.mjs bakes it into dist/bundle/fast.cjs): the shell hook's prefilter,
// widened by the commands whose allowed lines still print something. `check` reads a kubeconfig
// for kubectl and an inventory for ansible even when no rule matches, and says on stderr when one
// is broken; the fast path cannot say that, so those lines take the full path.

import type { Config } from '../config/schema.js';
import type { Rule } from '../rules/schema.js';
import type { PackedPrefilter, Prefilter } from '../shell/prefilter-table.js';
import { prefilterFor } from '../shell/prefilter.js';
import { isWrapper } from '../parse/wrappers.js';
import { isDatabaseClient } from '../targets/resolve.js';
import { KUBE_CLIENT_NAMES } from '../knowledge/kube-clients.js';
import { TERRAFORM_NAMES } from '../engine/analyze.js';

/** Commands whose facts the gather stage reads from files (and may warn about) for any line. */
const FACT_READERS: readonly string[] = [...KUBE_CLIENT_NAMES, 'ansible', 'ansible-playbook', ...TERRAFORM_NAMES];

export interface FastPathTable {
  /** The built-in rules' prefilter plus FACT_READERS: a line none of it names is allowed (packed
   *  in the bundle's baked table). */
  prefilter: Prefilter | PackedPrefilter;
  /** The baked table's tableFingerprint (src/fast-path/config-cache.ts), computed at build time
   *  so the one-shot process does not hash the table on every start. */
  fingerprint?: string;
}

/** The table for `rules`, with a config's data-directory locations and markers when it has some
 *  (the shell hook's prefilter then sends the lines naming them, as `prodguard init` does). */
export function fastPathTable(rules: readonly Rule[], dataDirectories?: Config['dataDirectories']): FastPathTable {
  const prefilter = prefilterFor({ rules, isWrapper, isDatabaseClient, ...(dataDirectories ? { dataDirectories } : {}) });
  const words = new Set([...prefilter.words, ...FACT_READERS.map((name) => name.toLowerCase())]);
  for (const name of words) delete prefilter.pairs[name];
  return {
    prefilter: {
      ...prefilter,
      words: [...words].sort(),
      // `kubectl-cnpg`: a kubectl plugin reads kubectl's kubeconfig too.
      patterns: [...new Set([...prefilter.patterns, 'kubectl-*'])].sort(),
    },
  };
}
