// `prodguard psql|mysql|redis-cli|mongosh …`: like `prodguard run -- psql …`, and an interactive
// psql on a production (or unexplained remote) database opens read-only by default, with a banner
// that names the database and how to open a writable session deliberately. Travis 2018: inspecting
// production should not mean holding a write connection to the primary.

import type { ClassifiedTarget } from '../types.js';
import { judgeAndRun } from './run.js';
import { commandInput } from './source.js';
import type { Judgement } from './judge.js';
import { resolveTargets } from '../targets/resolve.js';
import { classifyTarget } from '../classify/classify.js';
import { targetKey } from '../rules/evaluate.js';
import { readOnlyBanner, readOnlySessionEnv } from '../act/psql-session.js';
import { sqlSourcesOf } from '../parse/sql/sources.js';

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
  const banner = (judgement: Judgement): string | undefined => {
    if (client !== 'psql' || options.writable) return undefined;
    const inv = judgement.plan.invocations[0];
    const interactive = inv && process.stdin.isTTY && sqlSourcesOf(inv).every((source) => 'interactive' in source);
    if (!interactive) return undefined;
    const target = sessionTarget(judgement);
    if (!target || !['production', 'unknown-remote'].includes(target.environment)) return undefined;
    childEnv = readOnlySessionEnv(process.env);
    return readOnlyBanner(target.database ?? target.name, target.host ?? 'localhost');
  };
  return judgeAndRun(input, {
    ...(options.config ? { config: options.config } : {}),
    ...(options.probe === false ? { probe: false } : {}),
    ...(options.override ? { override: options.override } : {}),
    banner,
    childEnv: () => childEnv,
  });
}
