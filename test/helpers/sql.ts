// SQL facts for pure checks in tests: until the SQL layer is wired, no invocation has SQL.
import type { Invocation } from '../../src/types.js';
import type { InvocationSql } from '../../src/rules/evaluate.js';

export async function sqlFactsForTest(): Promise<(invocations: readonly Invocation[]) => ReadonlyMap<Invocation, InvocationSql>> {
  return () => new Map();
}
