// The targets of each invocation, resolved (targets stage) and classified (this stage), looked up
// lazily by the rules stage: only the invocations and target kinds a matching rule asks about
// are resolved, so a harmless line reads no kubeconfig and classifies nothing.

import type { ClassifiedTarget, Invocation, ProbeResult, Target, TargetKind } from '../types.js';
import type { Config } from '../config/schema.js';
import { resolveTargets } from '../targets/resolve.js';
import type { TargetFacts } from '../targets/facts.js';
import { classifyTarget } from './classify.js';

/** Identity of a database for probes and caches: never includes the password. */
export function targetKey(target: Target): string {
  return `${target.engine ?? target.kind}://${target.host ?? 'localhost'}:${target.port ?? ''}/${target.database ?? ''}`;
}

/** Memoised resolution + classification for one judgement. */
export class TargetBook {
  private readonly byInvocation = new Map<Invocation, Map<TargetKind, ClassifiedTarget[]>>();
  /** Every target looked at, once each, in the order first seen. */
  readonly all: ClassifiedTarget[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly facts: TargetFacts,
    private readonly config: Config,
    private readonly probes?: ReadonlyMap<string, ProbeResult>,
  ) {}

  targets(inv: Invocation, kind: TargetKind): ClassifiedTarget[] {
    let perKind = this.byInvocation.get(inv);
    if (!perKind) this.byInvocation.set(inv, (perKind = new Map()));
    let classified = perKind.get(kind);
    if (!classified) {
      classified = resolveTargets(inv, kind, this.facts).map((target) => {
        const probe = target.kind === 'database' ? this.probes?.get(targetKey(target)) : undefined;
        return classifyTarget(target, this.config, probe);
      });
      perKind.set(kind, classified);
      for (const target of classified) {
        const key = `${target.kind}|${target.source}|${target.name}|${target.host ?? ''}`;
        if (!this.seen.has(key)) {
          this.seen.add(key);
          this.all.push(target);
        }
      }
    }
    return classified;
  }
}
