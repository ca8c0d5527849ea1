// The prompt segment (issue 4; GitLab 2017's first remediation: "make the prompt clearly show
// which host and environment you are on"; Travis 2018: "show loudly when a shell's environment
// points at production"). Pure: classified targets in, what the prompt shows out.

import type { ClassifiedTarget, Environment } from '../types.js';
import { adapterFor, type ShellName } from './adapters.js';

export type PromptLevel = 'prod' | 'remote' | 'staging' | '';

export interface PromptSegment {
  level: PromptLevel;
  /** `PROD`, `REMOTE?`, `STAGING`, or empty when nothing is notable. */
  label: string;
  /** The most notable target's name, shortened, safe to put in any shell's prompt. */
  name: string;
  /** SGR parameters (`1;31`), empty without colour. */
  color: string;
  /** Identity of what the shell points at: when it changes, the stale-shell clock restarts. */
  identity: string;
  /** Names a person types to confirm a stale production shell (full names). */
  names: string[];
}

const LEVEL_OF: Partial<Record<Environment, PromptLevel>> = { production: 'prod', 'unknown-remote': 'remote', staging: 'staging' };
const LABEL: Record<Exclude<PromptLevel, ''>, string> = { prod: 'PROD', remote: 'REMOTE?', staging: 'STAGING' };
const COLOR: Record<Exclude<PromptLevel, ''>, string> = { prod: '1;31', remote: '1;35', staging: '33' };
const RANK: Record<PromptLevel, number> = { prod: 3, remote: 2, staging: 1, '': 0 };

/** Levels whose shells go stale (Travis 2018 began in a days-old window pointing at production;
 *  its database URL had no "prod" in it, so unexplained remote targets count too). */
export function isRiskyLevel(level: PromptLevel): boolean {
  return level === 'prod' || level === 'remote';
}

export function promptSegment(targets: readonly ClassifiedTarget[], options: { color: boolean; unicode: boolean }): PromptSegment {
  let level: PromptLevel = '';
  for (const target of targets) {
    const candidate = LEVEL_OF[target.environment] ?? '';
    if (RANK[candidate] > RANK[level]) level = candidate;
  }
  if (level === '') return { level, label: '', name: '', color: '', identity: '', names: [] };
  const notable = targets.filter((target) => (LEVEL_OF[target.environment] ?? '') === level);
  const names = [...new Set(notable.map((target) => target.name))];
  const shown = [...new Set(notable.map((target) => displayName(target, options.unicode)))];
  const name = shown.length > 1 ? `${shown[0]} +${shown.length - 1}` : (shown[0] ?? '');
  const identity = notable
    .map((target) => `${target.kind}:${target.source}:${target.name}:${target.host ?? ''}`)
    .sort()
    .join(',');
  return { level, label: LABEL[level], name, color: options.color ? COLOR[level] : '', identity, names };
}

/** A database shows as host/database (`db.prod…/app`), anything else by its name. */
function displayName(target: ClassifiedTarget, unicode: boolean): string {
  if (target.kind === 'database' && target.host && !target.host.startsWith('/') && target.database) {
    return `${shortName(target.host, unicode)}/${sanitizePromptText(target.database)}`;
  }
  return shortName(target.name, unicode);
}

/** `db1.cluster.gitlab.com` → `db1.cluster…`: enough to recognise, short enough for a prompt. */
export function shortName(name: string, unicode: boolean): string {
  const ellipsis = unicode ? '…' : '..';
  const safe = sanitizePromptText(name);
  const labels = safe.split('.');
  if (/^\d+(\.\d+){3}$/.test(safe)) return safe;
  if (labels.length > 2 && /^[A-Za-z0-9-]+$/.test(labels[0]!)) return `${labels.slice(0, 2).join('.')}${ellipsis}`;
  return safe.length > 24 ? `${safe.slice(0, 22)}${ellipsis}` : safe;
}

/** Prompt strings are code in every shell (`$(…)`, `%`, `\`): keep only plain name characters. */
export function sanitizePromptText(text: string): string {
  return text.replace(/[^A-Za-z0-9._:@+\-/]/g, '?');
}

/** `3d`, `5h`, `12m`: how long a shell has pointed at production. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Stale: the shell has pointed at production for at least `staleShellHours`. */
export function isStale(sinceSeconds: number | undefined, nowSeconds: number, staleShellHours: number): boolean {
  if (sinceSeconds === undefined || !Number.isFinite(sinceSeconds)) return false;
  return nowSeconds - sinceSeconds >= staleShellHours * 3600;
}

/** The segment as variable assignments for the init snippet's prompt cache. */
export function segmentAssignments(segment: PromptSegment, shell: ShellName): string {
  const values: [string, string][] = [
    ['__prodguard_level', segment.level],
    ['__prodguard_label', segment.label],
    ['__prodguard_name', segment.name],
    ['__prodguard_color', segment.color],
    ['__prodguard_ident', segment.identity],
  ];
  return adapterFor(shell).assign(values);
}

/** Colour in the prompt: off with NO_COLOR (https://no-color.org) or a dumb terminal. */
export function promptColor(env: NodeJS.ProcessEnv): boolean {
  return !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export function unicodeLocale(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
