// `prodguard psql|mysql|redis-cli|mongosh …`: like `prodguard run -- psql …`, and an interactive
// psql on a production (or unexplained remote) database opens read-only by default, with a banner
// that names the database and how to open a writable session deliberately. Travis 2018: inspecting
// production should not mean holding a write connection to the primary.

import type { ClassifiedTarget } from '../types.js';
import { judgeAndRun, type DeliberateRequest } from './run.js';
import { commandInput } from './source.js';
import type { Judgement } from './judge.js';
import { resolveTargets } from '../targets/resolve.js';
import { classifyTarget } from '../classify/classify.js';
import { targetKey } from '../rules/evaluate.js';
import { readOnlyBanner, readOnlySessionEnv, writableBanner } from '../act/psql-session.js';
import { sqlSourcesOf } from '../parse/sql/sources.js';

const GUARDED_ENVIRONMENTS: readonly string[] = ['production', 'unknown-remote'];

export const WRAPPED_CLIENTS = ['psql', 'mysql', 'redis-cli', 'mongosh'] as const;

export interface ClientOptions {
  config?: string;
  probe?: boolean;
  override?: string[];
  writable?: boolean;
}

function sessionTarget(judgement: Judgement): ClassifiedTarget | undefined {
  const inv = judgement.plan.invocations[0];
  if (!inv) return undefined;
  const target = resolveTargets(inv, 'database', judgement.facts)[0];
  return target ? classifyTarget(target, judgement.config, judgement.probes.get(targetKey(target))) : undefined;
}

export async function runClient(client: string, argv: string[], options: ClientOptions): Promise<number> {
  const input = commandInput({}, [client, ...argv], process.env);
  let childEnv: NodeJS.ProcessEnv | undefined;
  /** The production (or unexplained remote) database of a session whose SQL nobody sees in advance. */
  const guardedSession = (judgement: Judgement): ClassifiedTarget | undefined => {
    if (client !== 'psql') return undefined;
    const inv = judgement.plan.invocations[0];
    if (!inv || !sqlSourcesOf(inv).every((source) => 'interactive' in source)) return undefined;
    const target = sessionTarget(judgement);
    return target && GUARDED_ENVIRONMENTS.includes(target.environment) ? target : undefined;
  };
  const banner = (judgement: Judgement): string | undefined => {
    const target = guardedSession(judgement);
    if (!target) return undefined;
    const database = target.database ?? target.name;
    const host = target.host ?? 'localhost';
    if (options.writable) return writableBanner(database, host, target.environment);
    // Read-only only where a person sits at it; a script piped in was not seen and is not changed.
    if (!process.stdin.isTTY) return undefined;
    childEnv = readOnlySessionEnv(process.env);
    return readOnlyBanner(database, host);
  };
  // `--writable` lifts the read-only default: on production that is a deliberate act, typed and
  // audited like any other confirmation (DESIGN.md: the person types the target's name).
  const deliberate = (judgement: Judgement): DeliberateRequest | undefined => {
    if (!options.writable) return undefined;
    const target = guardedSession(judgement);
    if (!target) return undefined;
    const where = target.environment === 'production' ? 'production' : 'unexplained remote';
    return {
      what: `a writable psql session on ${where} database ${target.name}`,
      names: [target.name],
      otherwise: 'Give the SQL with -c or -f instead, so each statement is judged.',
    };
  };
  return judgeAndRun(input, {
    ...(options.config ? { config: options.config } : {}),
    ...(options.probe === false ? { probe: false } : {}),
    ...(options.override ? { override: options.override } : {}),
    banner,
    deliberate,
    childEnv: () => childEnv,
  });
}
