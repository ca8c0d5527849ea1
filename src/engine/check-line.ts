// Judge one shell line with facts already in hand: the pure path used by `lint`, by the rule
// example tests and by the corpus. The CLI's `check`/`run` gather the facts at the edge first.

import type { Environment, Invocation } from '../types.js';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
import type { Rule } from '../rules/schema.js';
import type { ShellParseError } from '../parse/shell.js';
import type { EvaluationContext, InvocationSql } from '../rules/evaluate.js';
import type { Override } from '../decide/decide.js';
import type { TargetFacts } from '../targets/facts.js';
import { plan, analyze, type Analysis } from './analyze.js';
import { secretsOfInvocations } from '../parse/secrets.js';
import { createRedactor, type Redactor } from '../util/redact.js';

export interface LineContext {
  rules: readonly Rule[];
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  home?: string;
  hostname?: string;
  kubeCurrentContext?: string;
  terraformWorkspace?: string;
  envFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Home directories of users the line switches to (`sudo -u`, `su`), by name. */
  userHomes?: Readonly<Record<string, string>>;
  /** Client connection files already read (see TargetFacts.connectionFiles). */
  connectionFiles?: TargetFacts['connectionFiles'];
  config?: Config;
  envUnknown?: boolean;
  /** Lint: variables the file does not set are set at run time (see TargetFacts). */
  unsetMeansUnknown?: boolean;
  probes?: EvaluationContext['probes'];
  hints?: readonly { environment: Environment; evidence: string }[];
  overrides?: readonly Override[];
  /** SQL facts per invocation, computed by the caller (see engine/sql-facts.ts). */
  sqlFor?: (invocations: readonly Invocation[]) => ReadonlyMap<Invocation, InvocationSql>;
}

export interface LineAnalysis extends Analysis {
  errors: ShellParseError[];
  /** Redaction for this line: the patterns plus the secrets the line carries. */
  redactor: Redactor;
  /** The secrets the line carries (`mysql -pX`), for a caller that redacts a larger report. */
  secrets: string[];
}

export function checkLine(source: string, context: LineContext): LineAnalysis {
  const home = context.home ?? context.env?.HOME ?? '/root';
  const env = context.env ?? {};
  const { invocations, errors } = plan(
    source,
    {
      env,
      cwd: context.cwd ?? '/',
      home,
      envUnknown: context.envUnknown ?? false,
      envFiles: context.envFiles ?? {},
      ...(context.userHomes ? { userHomes: context.userHomes } : {}),
      ...(context.unsetMeansUnknown ? { keepUnsetWords: true } : {}),
    },
    context.rules,
  );
  const secrets = secretsOfInvocations(invocations);
  const redactor = createRedactor(secrets);
  const evaluation: EvaluationContext = {
    rules: context.rules,
    redactor,
    config: context.config ?? DEFAULT_CONFIG,
    facts: {
      hostname: context.hostname ?? 'workstation',
      envFiles: context.envFiles ?? {},
      ...(context.unsetMeansUnknown ? { unsetMeansUnknown: true } : {}),
      ...(context.kubeCurrentContext ? { kubeCurrentContext: context.kubeCurrentContext } : {}),
      ...(context.terraformWorkspace ? { terraformWorkspace: context.terraformWorkspace } : {}),
      ...(context.connectionFiles ? { connectionFiles: context.connectionFiles, home } : {}),
    },
    ...(context.probes ? { probes: context.probes } : {}),
    ...(context.hints ? { hints: context.hints } : {}),
    ...(context.sqlFor ? { sql: context.sqlFor(invocations) } : {}),
  };
  return { ...analyze(invocations, evaluation, home, context.overrides ?? []), errors, redactor, secrets };
}
