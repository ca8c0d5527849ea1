// `prodguard prompt`: the environment this shell points at, for the prompt — e.g. a red
// `PROD db1.cluster…` — or nothing when nothing is notable. Never probes a database (a prompt
// must be instant). `--format bash|zsh|fish` prints variable assignments for the init snippet,
// which caches them and calls this only when a variable or file that decides them changes.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { statusTargets } from './status.js';
import { runDirectory } from './init.js';
import { isShellName } from '../shell/adapters.js';
import { promptColor, promptSegment, segmentAssignments, unicodeLocale } from '../shell/segment.js';

export interface PromptOptions {
  format?: string;
  config?: string;
}

export async function runPrompt(options: PromptOptions): Promise<number> {
  const format = options.format;
  if (format !== undefined && !isShellName(format)) throw new UsageError(`--format must be bash, zsh or fish, not "${format}"`);
  const targets = await statusTargets({ probe: false, ...(options.config ? { config: options.config } : {}) });
  const unicode = unicodeLocale(process.env);
  if (format) {
    process.stdout.write(segmentAssignments(promptSegment(targets, { color: promptColor(process.env), unicode }), format));
    pruneDeadShells(runDirectory(process.env));
    return 0;
  }
  const segment = promptSegment(targets, { color: promptColor(process.env) && Boolean(process.stdout.isTTY), unicode });
  if (!segment.label) return 0;
  const text = `${segment.label} ${segment.name}`;
  process.stdout.write(segment.color ? `\x1b[${segment.color}m${text}\x1b[0m\n` : `${text}\n`);
  return 0;
}

/** Per-shell files of shells that are gone (older than a day, their pid not running). */
function pruneDeadShells(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const entry of entries) {
    const pid = Number(/^(\d+)\./.exec(entry)?.[1]);
    if (!pid || pid === process.ppid) continue;
    try {
      process.kill(pid, 0);
      continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    try {
      if (statSync(join(dir, entry)).mtimeMs < dayAgo) rmSync(join(dir, entry), { force: true });
    } catch {
      // Someone else pruned it.
    }
  }
}
