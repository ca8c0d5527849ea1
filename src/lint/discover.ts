// Finding the files `prodguard lint` scans (edge: reads the file system). Walks the given
// paths, honours .gitignore files (root and nested, with the nearer file taking precedence as
// in git), never enters node_modules or .git, and classifies each file by name, or by its
// shebang when it has no extension. A file named on the command line is always scanned.

import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { DiscoveredFile, LintFileFormat } from './types.js';
import { scopeMatcher, type LintScope } from './scope.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);

/** The format of a file by its path alone (pure). Paths use forward slashes. */
export function classifyPath(relPath: string): LintFileFormat | undefined {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2];
  const grandparent = segments[segments.length - 3];
  const lower = base.toLowerCase();
  // A template (`Dockerfile.tt`, `deploy.sh.erb`, `entrypoint.j2`) is not its base format until rendered.
  if (/\.(tt|erb|j2|jinja2?|tmpl|tpl)$/.test(lower)) return undefined;
  if (parent === 'workflows' && grandparent === '.github' && /\.ya?ml$/.test(lower)) return 'github-actions';
  if (lower === '.gitlab-ci.yml' || lower === '.gitlab-ci.yaml' || lower.endsWith('.gitlab-ci.yml')) return 'gitlab-ci';
  const gitlabDir = segments.indexOf('.gitlab');
  if (gitlabDir !== -1 && segments[gitlabDir + 1] === 'ci' && /\.ya?ml$/.test(lower)) return 'gitlab-ci';
  if (lower === '.travis.yml' || lower === '.travis.yaml') return 'travis';
  if (base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || lower.endsWith('.mk')) return 'makefile';
  if (base === 'package.json') return 'package-json';
  if (base === 'Dockerfile' || base.startsWith('Dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile') {
    return 'dockerfile';
  }
  if (base === 'Procfile' || base.startsWith('Procfile.')) return 'procfile';
  if (base === '.envrc') return 'shell';
  if (base === '.env' || base.startsWith('.env.')) return 'dotenv';
  if (lower.endsWith('.sql')) return 'sql';
  if (lower === 'orchestrator.json' || /^orchestrator.*\.conf\.json$/.test(lower)) return 'orchestrator';
  if (/\.(sh|bash|zsh|ksh|dash)$/.test(lower)) return 'shell';
  return undefined;
}

/** Whether a file's first line is a shebang for a POSIX-family shell (`#!/bin/sh`,
 *  `#!/usr/bin/env bash`, `#!/usr/bin/env -S bash -e`). */
export function hasShellShebang(head: string): boolean {
  const m = /^#!\s*(\S+)([^\n]*)/.exec(head);
  if (!m) return false;
  const interpreter = m[1]!.split('/').pop() ?? '';
  if (SHELLS.has(interpreter)) return true;
  if (interpreter !== 'env') return false;
  const words = m[2]!.trim().split(/\s+/).filter((w) => !w.startsWith('-') && !w.includes('='));
  return SHELLS.has(words[0] ?? '');
}

/** The format of a file named explicitly, by name and then by content; shell if all else fails. */
export function classifyExplicit(relPath: string, head: string): LintFileFormat {
  const byName = classifyPath(relPath);
  if (byName) return byName;
  if (hasShellShebang(head)) return 'shell';
  if (/\.ya?ml$/i.test(relPath)) {
    if (/^jobs:/m.test(head) && /^(on|"on"|'on'|true):/m.test(head)) return 'github-actions';
    if (/^language:/m.test(head) || /^(before_install|install):/m.test(head)) return 'travis';
    return 'gitlab-ci';
  }
  if (/\.json$/i.test(relPath)) return /"scripts"\s*:/.test(head) ? 'package-json' : 'orchestrator';
  return 'shell';
}

interface IgnoreLayer {
  /** Absolute directory the .gitignore sits in. */
  base: string;
  ig: Ignore;
}

function isIgnored(absPath: string, isDir: boolean, layers: readonly IgnoreLayer[]): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    let rel = path.relative(layer.base, absPath).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (isDir) rel += '/';
    const result = layer.ig.test(rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

async function readGitignore(dir: string): Promise<IgnoreLayer | undefined> {
  try {
    const content = await readFile(path.join(dir, '.gitignore'), 'utf8');
    return { base: dir, ig: ignore().add(content) };
  } catch {
    return undefined;
  }
}

async function readHead(file: string, bytes = 512): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** .gitignore layers from the repository top (the nearest ancestor holding `.git`) down to `dir`. */
async function ancestorLayers(dir: string): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  let current = dir;
  for (;;) {
    chain.unshift(current);
    try {
      await stat(path.join(current, '.git'));
      break;
    } catch {
      // not the repository top
    }
    const parent = path.dirname(current);
    if (parent === current) {
      // No repository: only the .gitignore of the directory itself counts.
      chain.splice(0, chain.length - 1);
      break;
    }
    current = parent;
  }
  const layers: IgnoreLayer[] = [];
  for (const d of chain) {
    const layer = await readGitignore(d);
    if (layer) layers.push(layer);
  }
  return layers;
}

export async function discoverFiles(roots: string[], cwd: string, scope: LintScope = {}): Promise<DiscoveredFile[]> {
  const matcher = scopeMatcher(scope);
  const found = new Map<string, DiscoveredFile>();
  const toRel = (abs: string) => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    return rel === '' ? '.' : rel;
  };

  const walk = async (dir: string, layers: IgnoreLayer[], top: string): Promise<void> => {
    const own = await readGitignore(dir);
    const here = own && !layers.some((l) => l.base === dir) ? [...layers, own] : layers;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        if (ALWAYS_SKIPPED.has(entry.name)) return;
        const abs = path.join(dir, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          // Follow links to files only: a linked directory could loop.
          try {
            isFile = (await stat(abs)).isFile();
          } catch {
            isFile = false;
          }
          isDir = false;
        }
        if (isIgnored(abs, isDir, here)) return;
        if (isDir) return walk(abs, here, top);
        if (!isFile) return;
        const rel = toRel(abs);
        let format = classifyPath(rel);
        if (!format && !entry.name.includes('.')) {
          if (hasShellShebang(await readHead(abs))) format = 'shell';
        }
        // Scope (test folders, ignore globs, which SQL is a migration) is judged inside the
        // folder the user named, so `lint test/fixtures/x` still lints that folder.
        if (format && !matcher.includes(path.relative(top, abs).split(path.sep).join('/'), format)) return;
        if (format && !found.has(rel)) found.set(rel, { path: rel, format, explicit: false });
      }),
    );
  };

  for (const root of roots.length > 0 ? roots : ['.']) {
    const abs = path.resolve(cwd, root);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw Object.assign(new Error(`${root}: no such file or directory`), { code: 'ENOENT', path: root });
    }
    if (info.isDirectory()) {
      await walk(abs, await ancestorLayers(abs), abs);
    } else {
      const rel = toRel(abs);
      const format = classifyExplicit(rel, await readHead(abs));
      found.set(rel, { path: rel, format, explicit: true });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
