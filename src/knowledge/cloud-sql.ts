// SQL that cloud APIs run on a managed database (knowledge, data only): the statement travels as
// an option's value (or bq's operand) instead of a client's -c, and runs against the database of
// the account, project or app the command is in. Sources: `aws rds-data execute-statement help`,
// `aws redshift-data execute-statement help`, `aws athena start-query-execution help`,
// `gcloud spanner databases execute-sql --help`, `bq query --help`, `heroku pg:psql --help`.

import { table } from '../util/dict.js';

export interface CloudSqlApi {
  /** The words after the program that make it this API (`rds-data execute-statement`). */
  words: readonly string[];
  /** Options whose value is SQL, as written; `operand`: the last operand is the SQL (bq query). */
  sql: readonly string[] | 'operand';
}

export const CLOUD_SQL_APIS: Readonly<Record<string, readonly CloudSqlApi[]>> = table({
  aws: [
    { words: ['rds-data', 'execute-statement'], sql: ['--sql'] },
    { words: ['rds-data', 'batch-execute-statement'], sql: ['--sql'] },
    { words: ['redshift-data', 'execute-statement'], sql: ['--sql'] },
    { words: ['redshift-data', 'batch-execute-statement'], sql: ['--sqls'] },
    { words: ['athena', 'start-query-execution'], sql: ['--query-string'] },
  ],
  gcloud: [
    { words: ['spanner', 'databases', 'execute-sql'], sql: ['--sql'] },
    { words: ['spanner', 'cli'], sql: ['--execute', '-e'] },
  ],
  bq: [{ words: ['query'], sql: 'operand' }],
  heroku: [{ words: ['pg:psql'], sql: ['--command', '-c'] }],
});
