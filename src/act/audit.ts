// Edge: every confirmation, override and refusal is appended to a JSON-lines audit log in the
// user's state directory, secrets redacted (DESIGN.md "decision").

import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
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
  /** `environment` and `evidence` say what made the target production (issue 14: which inventory
   *  group or kubeconfig context), so the fleet's log answers "why was this refused?". */
  findings: (Pick<Finding, 'rule' | 'severity' | 'target' | 'message' | 'environment'> & { evidence?: string[] })[];
  overrides?: Override[];
}

/** An audit entry's finding from a judged finding and its target's evidence: what the log keeps. */
export function auditFinding({ rule, severity, target, message, environment }: Finding, evidence: readonly string[]): AuditEntry['findings'][number] {
  return { rule, severity, target, message, ...(environment ? { environment } : {}), ...(evidence.length > 0 ? { evidence: [...evidence] } : {}) };
}

/** An SD-PARAM stays short: logger's default message size is 1 KiB, and the JSONL log has it whole. */
const MAX_EVIDENCE_FIELD = 400;

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

export interface AuditSinks {
  syslog?: string;
  journald: boolean;
}

function evidenceField(evidence: readonly string[]): string {
  const joined = evidence.join('; ');
  return joined.length > MAX_EVIDENCE_FIELD ? `${joined.slice(0, MAX_EVIDENCE_FIELD - 1)}…` : joined;
}

/** RFC 5424 SD-PARAM values escape `"`, `\` and `]`. */
function sdValue(value: string): string {
  return value.replace(/["\\\]]/g, (char) => `\\${char}`);
}

/**
 * Send one event to syslog (RFC 5424 with structured data) and/or journald through util-linux's
 * `logger`, detached: the command is never blocked or slowed by a sink that is down. Returns one
 * warning when the sink is visibly absent (the JSONL log still has the event).
 */
export async function sendAuditEvent(
  sinks: AuditSinks,
  entry: AuditEntry,
  redactor: Redactor,
  environment: string | undefined,
  tty: string | undefined,
): Promise<string | undefined> {
  if (!sinks.syslog && !sinks.journald) return undefined;
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry.
  }
  const finding = entry.findings[0];
  const fields: Record<string, string> = redactor.deep({
    action: entry.action,
    verdict: entry.verdict,
    rule: entry.findings.map((f) => f.rule).join(',') || (entry.overrides ?? []).map((o) => o.rule).join(','),
    target: finding?.target ?? '',
    environment: environment ?? '',
    evidence: evidenceField(finding?.evidence ?? []),
    user,
    host: entry.host,
    tty: tty ?? '',
    command: entry.command,
  });
  const message = redactor.text(`prodguard ${entry.action}: ${fields.rule} on ${fields.target}: ${entry.command}`);
  const launch = (args: string[], input?: string) => {
    try {
      const child = spawn('logger', args, { detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'] });
      child.on('error', () => undefined);
      if (input !== undefined) {
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(input);
      }
      child.unref();
      return true;
    } catch {
      return false;
    }
  };
  const warnings: string[] = [];
  if (sinks.syslog) {
    const sd = Object.entries(fields)
      .filter(([, value]) => value !== '')
      .flatMap(([key, value]) => ['--sd-param', `${key}="${sdValue(value)}"`]);
    const common = [
      '--rfc5424',
      '-t',
      'prodguard',
      '--msgid',
      entry.action,
      '-p',
      entry.action === 'refused' ? 'auth.warning' : 'auth.notice',
      '--sd-id',
      'prodguard@32473',
      ...sd,
    ];
    let target: string[];
    if (sinks.syslog.startsWith('udp:')) {
      const [, host, port] = /^udp:(.+):(\d+)$/.exec(sinks.syslog)!;
      target = ['-d', '-n', host!, '-P', port!];
    } else {
      const socket = sinks.syslog === 'default' ? '/dev/log' : sinks.syslog.slice('unix:'.length);
      if (!existsSync(socket)) warnings.push(`prodguard: audit: syslog socket ${socket} is not there; the event is in the audit log only`);
      target = ['-u', socket, '-d', '--socket-errors=off'];
    }
    if (warnings.length === 0 && !launch([...target, ...common, '--', message])) warnings.push('prodguard: audit: cannot start logger (util-linux) for syslog');
  }
  if (sinks.journald) {
    const journal = [
      `MESSAGE=${message}`,
      'SYSLOG_IDENTIFIER=prodguard',
      ...Object.entries(fields).map(([key, value]) => `PRODGUARD_${key.toUpperCase()}=${value.replace(/\n/g, ' ')}`),
    ].join('\n');
    if (!existsSync('/run/systemd/journal/socket')) warnings.push('prodguard: audit: journald is not running here; the event is in the audit log only');
    else if (!launch(['--journald'], `${journal}\n`)) warnings.push('prodguard: audit: cannot start logger (util-linux) for journald');
  }
  return warnings.length > 0 ? warnings.join('\n') : undefined;
}
