// Reading the audit log back (`prodguard log`): parse, filter and render are pure; the command
// reads the file. Entries were redacted when written; they are redacted again as a last guard.

import { redact } from '../util/redact.js';
import { dict } from '../util/dict.js';

export interface AuditRecord {
  time: string;
  user?: string;
  action?: string;
  verdict?: string;
  command?: string;
  cwd?: string;
  host?: string;
  reason?: string;
  findings?: { rule?: string; severity?: string; target?: string; message?: string }[];
  [key: string]: unknown;
}

export interface AuditFilter {
  since?: Date;
  rule?: string;
  verdict?: string;
  action?: string;
  limit?: number;
}

/** Lines that are not JSON objects with a time (a torn write) are skipped and counted. */
export function parseAuditLog(text: string): { records: AuditRecord[]; skipped: number } {
  const records: AuditRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && typeof (value as AuditRecord).time === 'string') records.push(value as AuditRecord);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

const DURATION = /^(\d+)\s*(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = dict({ s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 });

/** `30m`, `12h`, `7d`, `2w` ago, or a date/time Date.parse understands; undefined if neither. */
export function parseSince(value: string, now: Date): Date | undefined {
  const duration = DURATION.exec(value.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] ?? 's'] ?? 1e3));
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Newest first, then filtered, then cut to the limit. */
export function selectAuditRecords(records: readonly AuditRecord[], filter: AuditFilter): AuditRecord[] {
  const selected = records
    .map((record, index) => ({ record, index, time: Date.parse(record.time) }))
    .filter(({ record, time }) => {
      if (filter.since && !(time >= filter.since.getTime())) return false;
      if (filter.verdict && record.verdict !== filter.verdict) return false;
      if (filter.action && record.action !== filter.action) return false;
      if (filter.rule && !(record.findings ?? []).some((finding) => finding.rule === filter.rule)) return false;
      return true;
    })
    // Newest first; entries of the same instant keep the reverse of their order in the file.
    .sort((a, b) => b.time - a.time || b.index - a.index)
    .map(({ record }) => record);
  return filter.limit === undefined ? selected : selected.slice(0, filter.limit);
}

export function renderAuditText(records: readonly AuditRecord[]): string {
  return records
    .map((record) => {
      const rules = [...new Set((record.findings ?? []).map((finding) => finding.rule).filter(Boolean))].join(', ');
      const head = `${record.time}  ${record.action ?? '?'} (${record.verdict ?? '?'})  ${record.user ?? '?'}@${record.host ?? '?'}${rules ? `  ${rules}` : ''}`;
      const lines = [head, `  $ ${record.command ?? ''}`];
      if (record.cwd) lines.push(`  in ${record.cwd}`);
      if (record.reason) lines.push(`  ${record.reason}`);
      return redact(lines.join('\n'));
    })
    .join('\n\n')
    .concat(records.length > 0 ? '\n' : '');
}

export function renderAuditJsonLines(records: readonly AuditRecord[]): string {
  return records.map((record) => `${redact(JSON.stringify(record))}\n`).join('');
}
