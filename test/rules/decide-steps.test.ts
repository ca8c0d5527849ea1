// The decision steps, one at a time (pure), and the redactor as a value: what used to be folded
// into rule evaluation and a process-wide set of secrets.

import { describe, expect, it } from 'vitest';
import { applyHint, escalateForBlastRadius, escalateForDataDirectory, findingsFromMatches } from '../../src/decide/steps.js';
import { evaluate, evaluateStatements } from '../../src/rules/evaluate.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { plan } from '../../src/engine/analyze.js';
import { createRedactor, redact } from '../../src/util/redact.js';
import { builtinRules } from '../helpers/rules.js';
import type { ClassifiedTarget } from '../../src/types.js';

const rules = await builtinRules();

describe('decision steps', () => {
  it('evaluation returns matches with facts and no severity judgement of its own', () => {
    const planned = plan('rm -rf /var/lib/postgresql/15/main', { env: {}, cwd: '/', home: '/root' }, rules);
    const { matches } = evaluate(planned.invocations, { rules, config: DEFAULT_CONFIG, facts: { hostname: 'db1', envFiles: {} } }, '/root');
    const match = matches.find((m) => m.rule.id === 'filesystem/rm-data-directory');
    expect(match?.path?.dataDirectory).toBe('/var/lib/postgresql/15/main');
    expect(match?.targets[0]?.targets[0]?.environment).toBe('local');
    expect(Object.keys(match!)).not.toContain('message');
  });

  it('a data directory of a running primary is at least confirm; a replica keeps its severity', () => {
    const running = { running: true, role: 'primary' as const, evidence: ['postmaster.pid names a live process'] };
    expect(escalateForDataDirectory('warn', running)).toEqual({
      severity: 'confirm',
      note: ' — it belongs to a running primary (postmaster.pid names a live process)',
    });
    expect(escalateForDataDirectory('warn', { ...running, role: 'replica' }).severity).toBe('warn');
    expect(escalateForDataDirectory('block', running).severity).toBe('block');
    expect(escalateForDataDirectory('warn', undefined)).toEqual({ severity: 'warn', note: '' });
  });

  it('a data directory by its state: absent warns at most, no markers confirms at most, stopped or standby confirms, WAL blocks', () => {
    const stopped = { exists: true, engine: 'postgresql', running: false, role: 'primary' as const, evidence: ['no postmaster.pid'] };
    expect(escalateForDataDirectory('block', { exists: false, running: false, role: 'unknown', evidence: [] }).severity).toBe('warn');
    expect(escalateForDataDirectory('block', { exists: true, running: false, role: 'unknown', evidence: [] }).severity).toBe('confirm');
    expect(escalateForDataDirectory('block', { ...stopped, unreadable: true }).severity).toBe('block');
    expect(escalateForDataDirectory('block', stopped)).toEqual({ severity: 'confirm', note: ' — it belongs to a stopped server (no postmaster.pid)' });
    expect(escalateForDataDirectory('block', { ...stopped, role: 'replica' }).note).toContain('a stopped replica');
    expect(escalateForDataDirectory('confirm', stopped, { part: 'wal' }).severity).toBe('block');
    expect(escalateForDataDirectory('confirm', { ...stopped, running: true }).severity).toBe('block');
    expect(escalateForDataDirectory('warn', { ...stopped, running: true }, { part: 'aside' }).severity).toBe('warn');
  });

  it('blast radius escalates by share and by rows, never lowers', () => {
    const radius = (share: number, estimatedRows = 10) => ({ estimatedRows, tableRows: 100, share, text: '' });
    expect(escalateForBlastRadius('warn', radius(0.95), DEFAULT_CONFIG)).toBe('block');
    expect(escalateForBlastRadius('warn', radius(0.01), DEFAULT_CONFIG)).toBe('warn');
    expect(escalateForBlastRadius('block', radius(0.01), DEFAULT_CONFIG)).toBe('block');
  });

  it('a CI hint explains only unexplained targets, never the runner itself', () => {
    const hint = { environment: 'production' as const, evidence: 'environment: production' };
    const remote: ClassifiedTarget = { kind: 'database', source: 'DATABASE_URL', name: 'db.example.com', environment: 'unknown-remote', evidence: ['remote'] };
    expect(applyHint(remote, hint)).toMatchObject({ environment: 'production', evidence: ['environment: production', 'remote'] });
    expect(applyHint({ ...remote, environment: 'local' }, hint).environment).toBe('local');
    expect(applyHint({ kind: 'host', source: 'this host', name: 'runner', environment: 'unknown', evidence: [] }, hint).environment).toBe('unknown');
  });

  it('migration statements go through the same SQL matching and steps as a client line', () => {
    const statements = [{ kind: 'truncate', where: 'not-applicable', text: 'TRUNCATE users', tables: ['users'], pos: 0, end: 14 }];
    const matches = evaluateStatements(statements, rules, DEFAULT_CONFIG, 'unknown', 'a migration runs wherever it is deployed');
    expect(matches.map((m) => m.rule.id)).toContain('sql/truncate');
    const { findings } = findingsFromMatches(matches, [], { config: DEFAULT_CONFIG });
    expect(findings.find((f) => f.rule === 'sql/truncate')?.message).toContain('TRUNCATE users');
    const off = evaluateStatements(statements, rules, { ...DEFAULT_CONFIG, rules: { 'sql/truncate': { severity: 'off' } } }, 'unknown', 'x');
    expect(off.map((m) => m.rule.id)).not.toContain('sql/truncate');
  });
});

describe('redaction is a value', () => {
  it('a redactor knows its input’s secrets; the shared patterns and other redactors do not learn them', () => {
    const first = createRedactor(['Only-In-File-A']);
    expect(first.text('mysql -pOnly-In-File-A')).toBe('mysql -p***');
    expect(redact('Only-In-File-A')).toBe('Only-In-File-A');
    expect(createRedactor().text('Only-In-File-A')).toBe('Only-In-File-A');
    const more = first.with(['Second-Secret']);
    expect(more.text('Only-In-File-A Second-Secret')).toBe('*** ***');
    expect(first.text('Second-Secret')).toBe('Second-Secret');
  });

  it('hides SQL role passwords and *_AUTH variables, and keeps unrelated words', () => {
    expect(redact(`CREATE USER bob WITH ENCRYPTED PASSWORD 'pw-1'`)).toBe(`CREATE USER bob WITH ENCRYPTED PASSWORD '***'`);
    expect(redact(`ALTER ROLE app PASSWORD 'it''s'`)).toBe(`ALTER ROLE app PASSWORD '***'`);
    expect(redact(`CREATE USER 'a'@'%' IDENTIFIED BY 'pw-2'`)).toBe(`CREATE USER 'a'@'%' IDENTIFIED BY '***'`);
    expect(redact(`ALTER USER a IDENTIFIED WITH caching_sha2_password BY "pw-3"`)).toBe(`ALTER USER a IDENTIFIED WITH caching_sha2_password BY "***"`);
    expect(redact(`ALTER ROLE a PASSWORD 'cut-off-secr`)).toBe(`ALTER ROLE a PASSWORD '***`);
    expect(redact('REDISCLI_AUTH=pw-4 redis-cli FLUSHALL')).toBe('REDISCLI_AUTH=*** redis-cli FLUSHALL');
    expect(redact('GIT_AUTHOR_NAME=bob CREATE ROLE a PASSWORD NULL')).toBe('GIT_AUTHOR_NAME=bob CREATE ROLE a PASSWORD NULL');
    expect(JSON.parse(redact(JSON.stringify({ command: `psql -c "ALTER ROLE a PASSWORD 'pw-5'"` })))).toEqual({
      command: `psql -c "ALTER ROLE a PASSWORD '***'"`,
    });
  });
});
