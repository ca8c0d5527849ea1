// `prodguard check`: judge and report, never execute. Exit code says the verdict.

import { EXIT } from '../errors.js';
import { redact } from '../util/redact.js';
import type { Severity } from '../types.js';
import { judge, loadSetup, type Judgement } from './judge.js';
import { commandInput, parseOverrides } from './source.js';
import { renderCheckJson, type CheckReport } from '../report/check-json.js';
import { isTerminal, writeStderr, writeStdout } from '../util/stdio.js';

export interface CheckOptions {
  json?: boolean;
  config?: string;
  probe?: boolean;
  c?: string;
  sql?: string;
  url?: string;
  override?: string[];
}

export function exitCodeFor(verdict: Severity): number {
  return verdict === 'block' ? EXIT.refused : verdict === 'confirm' ? EXIT.confirm : EXIT.ok;
}

export function reportOf(judgement: Judgement): CheckReport {
  return {
    verdict: judgement.verdict,
    findings: judgement.findings,
    targets: judgement.targets,
    overridden: judgement.decision.overridden.map(({ override }) => override),
    notes: judgement.probeNote ? [judgement.probeNote] : [],
    warnings: judgement.facts.warnings ?? [],
    config: { files: judgement.config.files, ignored: judgement.config.ignored },
    redactor: judgement.redactor,
  };
}

export async function runCheck(options: CheckOptions, argv: string[]): Promise<number> {
  const input = commandInput(options, argv, process.env);
  // A one-shot `check -c` under config files: the fast path's table for them, written after.
  const remember = options.c !== undefined && !options.config ? await import('../fast-path/remember.js') : undefined;
  const key = remember?.configKeyBefore(process.cwd(), process.env);
  const judgement = await judge({
    source: input.source,
    cwd: process.cwd(),
    env: process.env,
    ...(options.config ? { configFile: options.config } : {}),
    noProbe: options.probe === false,
    overrides: parseOverrides(options.override ?? []),
  });
  if (remember && key)
    await remember.rememberConfigTable(key, judgement, process.cwd(), process.env, () => loadSetup({ cwd: process.cwd(), env: process.env }));
  const report = reportOf(judgement);
  sayIgnored([...judgement.config.ignored, ...(judgement.facts.warnings ?? [])]);
  if (options.json) writeStdout(renderCheckJson(report));
  else {
    const { renderCheckText, colourFor } = await import('../report/check-text.js');
    writeStdout(renderCheckText(report, await colourFor(() => isTerminal(1), process.env)));
  }
  return exitCodeFor(judgement.verdict);
}

/** What of the config was ignored, one line each on stderr (the JSON has it in `config`). */
export function sayIgnored(ignored: readonly string[]): void {
  for (const line of ignored) writeStderr(`prodguard: ${redact(line)}\n`);
}
