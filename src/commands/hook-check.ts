// `prodguard hook-check` (internal; the shell snippets call it): judge one command line the
// person pressed Enter on, talk to them on the terminal — findings, the typed confirmation, a
// stale production shell's fresh confirmation — log confirmations and refusals, and tell the
// shell by exit code whether the line runs (src/shell/protocol.ts). The warm checker
// (`prodguard serve`) shares `evaluateLine` and the verdict texts.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Finding } from '../types.js';
import { ProdguardError, UndecidableError, UsageError } from '../errors.js';
import { judge, loadSetup, type Judgement } from './judge.js';
import { reportOf } from './check.js';
import { namesToConfirm } from '../decide/decide.js';
import { stateDirectory } from '../config/load.js';
import { hostnameOf } from '../context/gather.js';
import { appendAudit, type AuditEntry } from '../act/audit.js';
import { plainRedactor, redact } from '../util/redact.js';
import { parseShell } from '../parse/shell.js';
import { HOOK_EXIT } from '../shell/protocol.js';
import { adapterFor, isShellName, type ShellName } from '../shell/adapters.js';
import { expandAliases, parseAliasDefinition } from '../shell/aliases.js';
import { formatAge, isRiskyLevel, isStale, promptSegment } from '../shell/segment.js';
import { openHookTerminal, type Terminal } from '../shell/terminal.js';
import { isTerminal, writeStderr } from '../util/stdio.js';

export interface LineInput {
  shell: ShellName;
  line: string;
  /** `alias:name=value` and `function:text` for the aliases and functions the line names. */
  definitions: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type LineResult = { kind: 'judged'; judgement: Judgement; source: string } | { kind: 'unparsed'; message: string; incomplete: boolean };

/** The text prodguard judges: fish translated, aliases expanded, the functions it calls defined first. */
export function sourceFor(input: Pick<LineInput, 'shell' | 'line' | 'definitions'>): { source: string; errors: string[] } {
  const aliases = new Map<string, string>();
  const functions: string[] = [];
  for (const definition of input.definitions) {
    if (definition.startsWith('alias:')) {
      const alias = parseAliasDefinition(definition.slice('alias:'.length));
      if (alias) aliases.set(alias.name, alias.value);
    } else if (definition.startsWith('function:')) functions.push(definition.slice('function:'.length));
  }
  const { toPosix } = adapterFor(input.shell);
  if (toPosix) {
    // Definitions come in the shell's syntax: functions are translated with the line; abbreviations
    // and aliases are translated, then expanded at command positions like bash aliases.
    const { text, errors } = toPosix([...functions, input.line].join('\n'));
    const translated = new Map([...aliases].map(([name, value]) => [name, toPosix(value).text]));
    return { source: expandAliases(text, translated), errors };
  }
  const line = expandAliases(input.line, aliases);
  return { source: functions.length > 0 ? `${functions.join('\n')}\n${line}` : line, errors: [] };
}

/**
 * Parse and judge. A line that does not parse is not judged: the shell will refuse it with its
 * own syntax error, or ask for the rest of an unfinished command. But a paste whose *last* lines
 * are broken still runs its first lines, so the complete lines before the error are judged.
 */
export async function evaluateLine(input: LineInput): Promise<LineResult> {
  const { source, errors: translationErrors } = sourceFor(input);
  const errors = translationErrors.length > 0 ? translationErrors.map((message) => ({ message, pos: source.length })) : parseShell(source).errors;
  let judged = source;
  if (errors.length > 0) {
    const first = Math.min(...errors.map((error) => error.pos));
    // Unfinished (the shell will ask for more) rather than wrong: every error is at the end.
    const incomplete = errors.every((error) => error.pos >= source.trimEnd().length || /unterminated/.test(error.message));
    const lineStart = source.lastIndexOf('\n', Math.max(0, first - 1));
    const prefix = lineStart > 0 ? source.slice(0, lineStart) : '';
    if (!prefix.trim() || parseShell(prefix).errors.length > 0) return { kind: 'unparsed', message: errors[0]!.message, incomplete };
    judged = prefix;
  }
  try {
    const judgement = await judge({ source: judged, cwd: input.cwd, env: input.env, noProbe: false, overrides: [] });
    return { kind: 'judged', judgement, source: judged };
  } catch (error) {
    if (error instanceof UndecidableError) return { kind: 'unparsed', message: error.message, incomplete: false };
    throw error;
  }
}

/** What to tell the person about findings, in the terminal's colours. */
export async function findingsText(judgement: Judgement, isTerminal: () => boolean, env: NodeJS.ProcessEnv): Promise<string> {
  const { renderCheckText, colourFor } = await import('../report/check-text.js');
  return renderCheckText(reportOf(judgement), await colourFor(isTerminal, env));
}

export function blockedText(judgement: Judgement, line: string): string {
  const blocking = judgement.decision.standing.filter((finding) => finding.severity === 'block');
  const overrides = blocking.map((finding) => `--override ${finding.rule}=${quoteIfNeeded(finding.target)}`).join(' ');
  return `prodguard: refused; the line did not run (it is in your history). To run it deliberately: prodguard run ${overrides} -c ${quoteIfNeeded(line)}\n`;
}

/** zsh and fish accept lines bash's grammar does not: say loudly that such a line went unchecked
 *  (bash's own syntax error says enough). */
export function unparsedText(shell: ShellName, result: Extract<LineResult, { kind: 'unparsed' }>): string {
  if (shell === 'bash' || result.incomplete) return '';
  return `prodguard: cannot read this ${shell} line (${result.message}); it was NOT checked\n`;
}

export function auditLine(
  judgement: Judgement | undefined,
  input: { line: string; cwd: string; env: NodeJS.ProcessEnv },
  entry: Pick<AuditEntry, 'action' | 'reason'>,
  findings: readonly Finding[],
): string | undefined {
  return appendAudit(
    stateDirectory(input.env),
    {
      ...entry,
      verdict: judgement?.verdict ?? 'confirm',
      command: (judgement?.redactor ?? plainRedactor).text(input.line),
      cwd: input.cwd,
      host: hostnameOf(input.env),
      findings: findings.map(({ rule, severity, target, message }) => ({ rule, severity, target, message })),
    },
    new Date(),
    judgement?.redactor,
  );
}

export interface HookCheckOptions {
  shell?: string;
  c?: string;
  since?: string;
  define?: string[];
  warm?: string;
  shellPid?: string;
  /** bash clears the prompt line to run its Enter hook: the prompt and line, shown again first. */
  echo?: string;
}

export async function runHookCheck(options: HookCheckOptions): Promise<number> {
  const shell = options.shell ?? '';
  if (!isShellName(shell)) throw new UsageError(`--shell must be bash, zsh or fish, not "${shell}"`);
  if (options.c === undefined) throw new UsageError('hook-check needs the line with -c');
  const input: LineInput = { shell, line: options.c, definitions: options.define ?? [], cwd: process.cwd(), env: process.env };
  const terminal = openHookTerminal();
  try {
    const code = await hookCheck(input, terminal, options.since, options.echo);
    if (options.warm && adapterFor(shell).warm) startWarmChecker(options.warm, options.shellPid ?? String(process.ppid));
    return code;
  } catch (error) {
    // The snippet turns any other exit into one line and runs the line: keep that line useful.
    const message =
      error instanceof ProdguardError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : error instanceof Error ? error.message : String(error);
    writeStderr(`${redact(message.split('\n')[0]!)}\n`);
    return error instanceof ProdguardError ? error.exitCode : 1;
  } finally {
    terminal?.close();
  }
}

async function hookCheck(input: LineInput, terminal: Terminal | undefined, sinceText: string | undefined, echo?: string): Promise<number> {
  const write = (text: string) => (terminal ? terminal.write(text) : writeStderr(text));
  // The line stays on screen above what prodguard says about it (secrets in it redacted).
  let echoed = echo === undefined;
  const say = (text: string) => {
    if (!echoed && text !== '') {
      echoed = true;
      write(`${redact(echo!)}\n`);
    }
    write(text);
  };
  let staleConfirmed = false;
  const since = sinceText ? Number(sinceText) : undefined;
  if (since !== undefined && Number.isFinite(since)) {
    const stale = await staleCheck(input, since, terminal, say);
    if (stale === 'refused') return HOOK_EXIT.refused;
    staleConfirmed = stale === 'confirmed';
  }
  const run = staleConfirmed ? HOOK_EXIT.staleConfirmedRun : HOOK_EXIT.run;
  const refused = staleConfirmed ? HOOK_EXIT.staleConfirmedRefused : HOOK_EXIT.refused;

  const result = await evaluateLine(input);
  if (result.kind === 'unparsed') {
    say(unparsedText(input.shell, result));
    return staleConfirmed ? HOOK_EXIT.staleConfirmedRun : HOOK_EXIT.unparsed;
  }
  const { judgement } = result;
  const standing = judgement.decision.standing;
  if (judgement.verdict === 'allow') return run;
  say(await findingsText(judgement, terminal ? () => true : () => isTerminal(2), input.env));
  const audit = (entry: Pick<AuditEntry, 'action' | 'reason'>, findings: readonly Finding[]) => {
    const problem = auditLine(judgement, input, entry, findings);
    if (problem) say(`${problem}\n`);
  };
  if (judgement.verdict === 'warn') return run;
  if (judgement.verdict === 'block') {
    audit(
      { action: 'refused', reason: 'blocked' },
      standing.filter((finding) => finding.severity === 'block'),
    );
    // The hint runs what was judged: aliases expanded and functions defined (`bash -c` knows
    // neither), and a fish line as the POSIX line prodguard read.
    say(blockedText(judgement, result.source));
    return refused;
  }
  // confirm: the person types each target's name (DESIGN.md), on this terminal.
  const confirming = standing.filter((finding) => finding.severity === 'confirm');
  const names = namesToConfirm(confirming);
  if (!terminal) {
    audit({ action: 'refused', reason: 'confirmation needed and no terminal to ask on' }, confirming);
    say('prodguard: refused: this needs a typed confirmation and there is no terminal to ask on\n');
    return refused;
  }
  say(`prodguard: this touches ${names.join(', ')}.\n`);
  for (const name of names) {
    const answer = await terminal.ask(`Type "${name}" to run it (anything else cancels): `);
    if (answer?.trim() !== name) {
      audit({ action: 'refused', reason: 'the typed name did not match' }, confirming);
      say('prodguard: not confirmed; the line did not run (it is in your history to fix).\n');
      return refused;
    }
  }
  audit({ action: 'confirmed' }, confirming);
  return run;
}

/** Stale production shell (Travis 2018: a days-old window still pointing at production). */
async function staleCheck(
  input: LineInput,
  since: number,
  terminal: Terminal | undefined,
  say: (text: string) => void,
): Promise<'fresh' | 'confirmed' | 'refused'> {
  const { config } = await loadSetup({ cwd: input.cwd, env: input.env });
  const now = Math.floor(Date.now() / 1000);
  if (!isStale(since, now, config.staleShellHours)) return 'fresh';
  const { statusTargets } = await import('./status.js');
  const segment = promptSegment(await statusTargets({ probe: false }), { color: false, unicode: false });
  if (!isRiskyLevel(segment.level) || segment.names.length === 0) return 'fresh';
  const what = segment.level === 'prod' ? 'production' : 'an unexplained remote target';
  say(
    `prodguard: this shell has pointed at ${what} (${segment.names.join(', ')}) for ${formatAge(now - since)}; past stale-shell-hours (${config.staleShellHours}) it asks again before a guarded command.\n`,
  );
  const audit = (action: AuditEntry['action'], reason: string) => {
    const problem = auditLine(undefined, input, { action, reason }, []);
    if (problem) say(`${problem}\n`);
  };
  if (!terminal) {
    audit('refused', 'stale production shell and no terminal to ask on');
    return 'refused';
  }
  for (const name of segment.names) {
    const answer = await terminal.ask(`Type "${name}" to keep working against it (anything else cancels): `);
    if (answer?.trim() !== name) {
      audit('refused', 'stale production shell: the typed name did not match');
      say('prodguard: not confirmed; the line did not run (it is in your history).\n');
      return 'refused';
    }
  }
  audit('confirmed', `stale production shell (${formatAge(now - since)})`);
  return 'confirmed';
}

/** Start this shell's warm checker if it is not running (detached; it exits with the shell). */
export function startWarmChecker(base: string, shellPid: string): void {
  try {
    const pid = Number(readFileSync(`${base}.lock`, 'utf8').trim());
    if (pid > 0) {
      process.kill(pid, 0);
      return;
    }
  } catch {
    // No pid file, or the process is gone: start one.
  }
  try {
    const child = spawn(process.execPath, [process.argv[1]!, 'serve', '--base', base, '--shell-pid', shellPid], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The cold path keeps working without it.
  }
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9_.@:/=-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
