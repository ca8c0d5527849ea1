// SQL facts for pure checks in tests: PostgreSQL's real parser, loaded once; files are not read.
import type { Invocation } from '../../src/types.js';
import type { InvocationSql } from '../../src/rules/evaluate.js';
import { loadSqlParser } from '../../src/parse/sql/load.js';
import { loadMongoParser } from '../../src/parse/sql/mongo.js';
import { sqlFactsFor } from '../../src/engine/sql-facts.js';

export async function sqlFactsForTest(
  files: Record<string, string> = {},
): Promise<(invocations: readonly Invocation[]) => ReadonlyMap<Invocation, InvocationSql>> {
  await loadSqlParser();
  await loadMongoParser();
  return (invocations) => sqlFactsFor(invocations, (path) => files[path]);
}
