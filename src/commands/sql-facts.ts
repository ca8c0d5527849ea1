// Edge side of the SQL layer: load PostgreSQL's parser only when the line runs SQL, and read the
// SQL files clients would read.
import { readFileSync } from 'node:fs';
import type { Invocation } from '../types.js';
import type { InvocationSql } from '../rules/evaluate.js';
import { needsMongoParser, needsSqlParser, sqlFactsFor } from '../engine/sql-facts.js';

export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export async function gatherSql(invocations: readonly Invocation[]): Promise<Map<Invocation, InvocationSql>> {
  if (needsSqlParser(invocations)) {
    const { loadSqlParser } = await import('../parse/sql/load.js');
    // The parser is required, not imported through the launcher, so it names itself here.
    await loadSqlParser({
      onLoad: (specifier) => {
        if (process.env.PRODGUARD_TRACE_IMPORTS) process.stderr.write(`prodguard: loading ${specifier}\n`);
      },
    });
  }
  if (needsMongoParser(invocations)) {
    const { loadMongoParser } = await import('../parse/sql/mongo.js');
    await loadMongoParser();
  }
  return sqlFactsFor(invocations, readTextFile);
}
