// `prodguard run`: judge, then allow (run), warn (say so, run), confirm (the person types the
// target's name; no terminal means refusal), or block (refuse unless an override names the rule
// and the target). Every confirmation, override and refusal goes to the audit log.

import { EXIT } from '../errors.js';
import type { Finding } from '../types.js';
import { judge, type Judgement } from './judge.js';
import { commandInput, parseOverrides, type CommandInput } from './source.js';
import { reportOf, sayIgnored } from './check.js';
import { namesToConfirm } from '../decide/decide.js';
import { stateDirectory } from '../config/load.js';
import { appendAudit, auditFinding, sendAuditEvent, type AuditEntry } from '../act/audit.js';
import { evidenceOf } from '../report/check-json.js';
import { canPrompt, confirmByTypingNames } from '../act/confirm.js';
import { execute } from '../act/execute.js';
import { isTerminal, writeStderr } from '../util/stdio.js';
import { hostnameOf } from '../context/gather.js';

export interface RunOptions {
  config?: string;
  probe?: boolean;
  c?: string;
  override?: string[];
  /** For client wrappers: extra environment for the child (read-only psql), decided after judging. */
  childEnv?: () => NodeJS.ProcessEnv | undefined;
  /** For client wrappers: a banner printed before the command runs. */
  banner?: (judgement: Judgement) => string | undefined;
  /**
   * For client wrappers: something the person asked for on purpose that lifts a guard rail (a
   * writable psql session on production). It is confirmed by typing the names, audited, and
   * refused where there is no terminal to ask on.
   */
  deliberate?: (judgement: Judgement) => DeliberateRequest | undefined;
}

export interface DeliberateRequest {
  /** What is asked for, in the audit log's words: "a writable psql session on production database app". */
  what: string;
  /** The names to type: the database's name, as every typed confirmation of a database. */
  names: string[];
  /** Said when there is no terminal: how else to do it. */
  otherwise: string;
}

export async function runRun(options: RunOptions, argv: string[]): Promise<number> {
  const input = commandInput({ ...(options.c !== undefined ? { c: options.c } : {}) }, argv, process.env);
  return judgeAndRun(input, options);
}

export async function judgeAndRun(input: CommandInput, options: RunOptions): Promise<number> {
  const overrides = parseOverrides(options.override ?? []);
  const judgement = await judge({
    source: input.source,
    cwd: process.cwd(),
    env: process.env,
    ...(options.config ? { configFile: options.config } : {}),
    noProbe: options.probe === false,
    overrides,
  });
  sayIgnored([...judgement.config.ignored, ...(judgement.facts.warnings ?? [])]);
  const stateDir = stateDirectory(process.env);
  const audit = (entry: Omit<AuditEntry, 'command' | 'cwd' | 'host' | 'verdict' | 'findings'>, findings: readonly Finding[]) => {
    const record: AuditEntry = {
      ...entry,
      verdict: judgement.verdict,
      command: judgement.redactor.text(input.source),
      cwd: process.cwd(),
      host: hostnameOf(process.env),
      findings: findings.map((finding) => auditFinding(finding, evidenceOf(finding, judgement.targets))),
    };
    const problem = appendAudit(stateDir, record, new Date(), judgement.redactor);
    if (problem) writeStderr(`${problem}\n`);
    return sendAuditEvent(
      judgement.config.audit,
      record,
      judgement.redactor,
      findings[0]?.environment,
      process.env.SSH_TTY ?? (process.stdin.isTTY ? 'tty' : undefined),
    ).then((warning) => {
      if (warning) writeStderr(`${warning}\n`);
    });
  };

  if (judgement.findings.length > 0 || judgement.decision.overridden.length > 0) {
    const { renderCheckText, colourFor } = await import('../report/check-text.js');
    writeStderr(renderCheckText(reportOf(judgement), await colourFor(() => isTerminal(2), process.env)));
  }
  if (judgement.decision.overridden.length > 0) {
    await audit(
      { action: 'overridden', overrides: judgement.decision.overridden.map((o) => o.override) },
      judgement.decision.overridden.map((o) => o.finding),
    );
  }

  const standing = judgement.decision.standing;
  if (judgement.verdict === 'block') {
    const blocking = standing.filter((f) => f.severity === 'block');
    await audit({ action: 'refused', reason: 'blocked' }, blocking);
    writeStderr(
      `prodguard: refused. To run it anyway, name the rule and the target: ${blocking.map((f) => `--override ${f.rule}=${quoteIfNeeded(f.target)}`).join(' ')}\n`,
    );
    return EXIT.refused;
  }
  if (judgement.verdict === 'confirm') {
    const confirming = standing.filter((f) => f.severity === 'confirm');
    const names = namesToConfirm(confirming);
    if (!canPrompt(process.env)) {
      await audit({ action: 'refused', reason: 'confirmation needed and no terminal to ask on' }, confirming);
      writeStderr(
        `prodguard: refused: this needs a typed confirmation and there is no terminal to ask on (CI or a pipe). To run it deliberately: ${confirming.map((f) => `--override ${f.rule}=${quoteIfNeeded(f.target)}`).join(' ')}\n`,
      );
      return EXIT.refused;
    }
    const confirmed = await confirmByTypingNames(names, `prodguard: this touches ${names.join(', ')}.`);
    if (!confirmed) {
      await audit({ action: 'refused', reason: 'the typed name did not match' }, confirming);
      writeStderr('prodguard: not confirmed; nothing was run.\n');
      return EXIT.refused;
    }
    await audit({ action: 'confirmed' }, confirming);
  }
  const request = options.deliberate?.(judgement);
  if (request) {
    if (!canPrompt(process.env)) {
      await audit({ action: 'refused', reason: `${request.what}: needs a typed confirmation and there is no terminal to ask on` }, []);
      process.stderr.write(
        `prodguard: refused: ${request.what} needs a typed confirmation and there is no terminal to ask on (CI or a pipe). ${request.otherwise}\n`,
      );
      return EXIT.refused;
    }
    const confirmed = await confirmByTypingNames(request.names, `prodguard: ${request.what}.`);
    if (!confirmed) {
      await audit({ action: 'refused', reason: `${request.what}: the typed name did not match` }, []);
      process.stderr.write('prodguard: not confirmed; nothing was run.\n');
      return EXIT.refused;
    }
    await audit({ action: 'confirmed', reason: request.what }, []);
  }
  const banner = options.banner?.(judgement);
  if (banner) writeStderr(`${banner}\n`);
  const extraEnv = options.childEnv?.();
  const env = extraEnv ? { ...process.env, ...extraEnv } : process.env;
  return execute({ file: input.exec.file, args: input.exec.args, env });
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9_.@:/-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
