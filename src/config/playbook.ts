// The hosts an Ansible playbook's plays name (issue 14): `ansible-playbook site.yml` acts on each
// play's `hosts:` pattern, expanded through the inventory — not on the whole inventory. Read at
// the edge, like inventories; `import_playbook` is followed (bounded), as ansible-playbook does
// before it runs anything.

import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PlaybookHosts {
  /** Each play's host pattern, in order (`dbservers`, `web:&{{ env }}` as written: the line's
   *  extra vars may say what a template is); `all` for an import that cannot be read. */
  patterns: string[];
  /** Every playbook file read, the named one first. */
  files: string[];
}

/** Imports are followed this deep (site.yml → db.yml → …): real playbooks nest two or three. */
const MAX_IMPORT_DEPTH = 8;
/** At most this many playbook files are read for one line. */
const MAX_PLAYBOOK_FILES = 64;
/** A playbook larger than this is not read (its plays are taken as `all`). */
const MAX_PLAYBOOK_BYTES = 1024 * 1024;

/** The keys that import another playbook at the top level (`include` before Ansible 2.8). */
const IMPORT_KEYS = ['import_playbook', 'ansible.builtin.import_playbook', 'ansible.legacy.import_playbook', 'include'];

/** A pattern Ansible only knows when it runs: a Jinja template (`{{ target | default('all') }}`). */
function templated(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

function readPlaybookText(file: string): string {
  const stat = statSync(file);
  if (!stat.isFile()) throw new Error('not a file');
  if (stat.size > MAX_PLAYBOOK_BYTES) throw new Error('too large to read');
  return readFileSync(file, 'utf8');
}

/**
 * The host patterns of a playbook's plays, imports followed. Undefined when the named file cannot
 * be read or is not a playbook (a YAML list of plays): the caller judges the whole inventory, as
 * before. An import that cannot be read, or whose name is a template, counts as `all`.
 */
export async function readPlaybookHosts(file: string): Promise<PlaybookHosts | undefined> {
  const { parse } = await import('yaml');
  const files: string[] = [];
  const patterns: string[] = [];
  const read = (path: string, depth: number): boolean => {
    if (files.includes(path)) return true; // a cycle: its plays are already counted
    if (files.length >= MAX_PLAYBOOK_FILES || depth > MAX_IMPORT_DEPTH) return false;
    let plays: unknown;
    try {
      plays = parse(readPlaybookText(path), { maxAliasCount: 100 });
    } catch {
      return false;
    }
    if (!Array.isArray(plays)) return false;
    files.push(path);
    for (const play of plays) {
      if (typeof play !== 'object' || play === null || Array.isArray(play)) continue;
      const entry = play as Record<string, unknown>;
      const importKey = IMPORT_KEYS.find((key) => key in entry);
      if (importKey !== undefined) {
        const imported = entry[importKey];
        // A templated or unreadable import: its plays may name any host.
        if (typeof imported !== 'string' || templated(imported) || !read(join(dirname(path), imported), depth + 1)) patterns.push('all');
        continue;
      }
      const hosts = entry.hosts;
      const pattern = typeof hosts === 'string' ? hosts : Array.isArray(hosts) ? hosts.map(String).join(',') : undefined;
      if (pattern === undefined) continue; // not a play (Ansible refuses a play without hosts)
      patterns.push(pattern.trim() === '' ? 'all' : pattern.trim());
    }
    return true;
  };
  if (!read(file, 0)) return undefined;
  return { patterns: [...new Set(patterns)], files };
}
