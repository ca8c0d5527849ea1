// Placeholder seam filled by the SQL layer: which statements each invocation would run.
import type { Invocation } from '../types.js';
import type { InvocationSql } from '../rules/evaluate.js';

export async function gatherSql(_invocations: readonly Invocation[]): Promise<{ facts: Map<Invocation, InvocationSql>; unjudgeable?: string }> {
  return { facts: new Map() };
}
