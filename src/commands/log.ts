// `prodguard log`: the audit log, newest first. Edge: reads the file; the rest is pure.

import { readFileSync } from 'node:fs';
import { stateDirectory } from '../config/load.js';
import { auditLogPath } from '../act/audit.js';
import { UsageError, EXIT } from '../errors.js';
import { parseAuditLog, parseSince, renderAuditJsonLines, renderAuditText, selectAuditRecords, type AuditFilter } from '../report/audit-log.js';

interface LogOptions {
  since?: string;
  rule?: string;
  verdict?: string;
  action?: string;
  limit?: string;
  json?: boolean;
}

const VERDICTS = ['allow', 'warn', 'confirm', 'block'];
const ACTIONS = ['confirmed', 'overridden', 'refused'];

export function filterFromOptions(options: LogOptions, now: Date): AuditFilter {
  const filter: AuditFilter = { rule: options.rule };
  if (options.since !== undefined) {
    filter.since = parseSince(options.since, now);
    if (!filter.since)
      throw new UsageError(
        `--since ${JSON.stringify(options.since)} is neither a duration nor a date`,
        'use e.g. --since 12h, --since 7d or --since 2026-11-01',
      );
  }
  if (options.verdict !== undefined) {
    if (!VERDICTS.includes(options.verdict))
      throw new UsageError(`--verdict ${JSON.stringify(options.verdict)} is not a verdict`, `use one of ${VERDICTS.join(', ')}`);
    filter.verdict = options.verdict;
  }
  if (options.action !== undefined) {
    if (!ACTIONS.includes(options.action))
      throw new UsageError(`--action ${JSON.stringify(options.action)} is not an action`, `use one of ${ACTIONS.join(', ')}`);
    filter.action = options.action;
  }
  if (options.limit !== undefined) {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit ${JSON.stringify(options.limit)} is not a positive whole number`, 'use e.g. --limit 20');
    filter.limit = limit;
  }
  return filter;
}

export async function runLog(options: LogOptions): Promise<number> {
  const filter = filterFromOptions(options, new Date());
  const file = auditLogPath(stateDirectory(process.env));
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UsageError(`cannot read the audit log ${file}: ${(error as Error).message}`, 'check its permissions');
    if (!options.json) process.stderr.write(`prodguard: no audit log yet (${file}); entries appear after a confirmation, override or refusal\n`);
    return EXIT.ok;
  }
  const { records, skipped } = parseAuditLog(text);
  const selected = selectAuditRecords(records, filter);
  process.stdout.write(options.json ? renderAuditJsonLines(selected) : renderAuditText(selected));
  if (skipped > 0) process.stderr.write(`prodguard: skipped ${skipped} unreadable line(s) in ${file}\n`);
  return EXIT.ok;
}
