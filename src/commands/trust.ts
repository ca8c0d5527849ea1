// `prodguard trust [DIR]`: accept a repository's `.prodguard.yml` as it is now, so it may loosen
// (like `direnv allow`). The file's sha256 — with what it extends, its rule folders and its
// inventories — is pinned in the user's state dir: a changed file is untrusted again, so a coding
// agent rewriting it (or the `./team.yml` it extends) cannot keep the person's trust.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { findRepositoryConfig, readConfigFile, readTrustStore, trustFingerprint, trustStoreFile } from '../config/load.js';

export async function runTrust(dir: string | undefined, options: { list?: boolean; revoke?: boolean }): Promise<number> {
  const store = readTrustStore(process.env);
  if (options.list) {
    const entries = Object.entries(store);
    if (entries.length === 0) process.stdout.write('no trusted repository configs\n');
    for (const [file, hash] of entries) {
      let state = 'trusted';
      try {
        if (trustFingerprint(file, await readConfigFile(file)) !== hash) state = 'changed since trusted (untrusted)';
      } catch {
        state = existsSync(file) ? 'does not load (untrusted)' : 'missing';
      }
      process.stdout.write(`${file}  ${state}\n`);
    }
    return 0;
  }
  const file = findRepositoryConfig(resolve(process.cwd(), dir ?? '.'));
  if (!file) throw new UsageError(`no .prodguard.yml in ${resolve(process.cwd(), dir ?? '.')} or a parent`, 'give the folder that holds the repository config');
  if (options.revoke) {
    delete store[file];
    save(store);
    process.stdout.write(`prodguard: ${file} is no longer trusted: it may only tighten\n`);
    return 0;
  }
  // A file that does not load would be ignored anyway: say so now instead of trusting it.
  // What it extends, its rule folders and inventories are pinned with it.
  store[file] = trustFingerprint(file, await readConfigFile(file));
  save(store);
  process.stdout.write(
    `prodguard: trusted ${file} (sha256 ${store[file]!.slice(0, 12)}…); any change to it or to what it pulls in needs "prodguard trust" again\n`,
  );
  return 0;
}

function save(store: Record<string, string>): void {
  const path = trustStoreFile(process.env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
}
