// Edge: every confirmation, override and refusal is appended to a JSON-lines audit log in the
// user's state directory, secrets redacted (DESIGN.md "decision").

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Finding, Severity } from '../types.js';
import type { Override } from '../decide/decide.js';
import { plainRedactor, type Redactor } from '../util/redact.js';

export interface AuditEntry {
  action: 'confirmed' | 'overridden' | 'refused';
  reason?: string;
  verdict: Severity;
  command: string;
  cwd: string;
  host: string;
  findings: Pick<Finding, 'rule' | 'severity' | 'target' | 'message'>[];
  overrides?: Override[];
}

export function auditLogPath(stateDir: string): string {
  return join(stateDir, 'audit.jsonl');
}

/**
 * Append one entry. A log that cannot be written is reported, never silently skipped. The
 * redactor is the judged input's: it knows the secrets that line carries (`mysql -pX`,
 * `echo X | sudo -S`), and every field is redacted whole before anything is cut.
 */
export function appendAudit(stateDir: string, entry: AuditEntry, now = new Date(), redactor: Redactor = plainRedactor): string | undefined {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers).
  }
  const record = redactor.deep({ time: now.toISOString(), user, ...entry });
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    appendFileSync(auditLogPath(stateDir), `${JSON.stringify(record)}\n`, { mode: 0o600 });
    return undefined;
  } catch (error) {
    return `prodguard: cannot write the audit log ${auditLogPath(stateDir)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
