// MySQL statements (parse stage, pure): the driver that hands each piece of MySQL text to the
// classifier (mysql-classify.ts) after the lexer (mysql-lexer.ts) has split it, and reports the mysql
// client's own commands.
//
// No MySQL grammar ships as a small, fast package that also knows the replication statements
// (STOP SLAVE, RESET SLAVE ALL, CHANGE MASTER TO …) behind github-2018, so statements are split by a
// lexer that respects quotes and comments, then classified by keyword. WHERE clauses are translated
// to PostgreSQL syntax and judged by the real parser. A statement the classifier does not know is
// an error, never "allowed because it did not parse".
import type { WhereJudge } from './statement.js';
import { splitMysql, type MysqlPiece } from './mysql-lexer.js';
import { classifyMysql, type Collected } from './mysql-classify.js';

/**
 * Analyse MySQL text. `tryOther`, when given, may claim a piece (returning true) before the MySQL
 * classifier sees it: 'auto' mode lets PostgreSQL's parser read pieces with no MySQL-only syntax.
 */
export function analyzeMysql(sql: string, judge: WhereJudge, tryOther?: (piece: MysqlPiece) => boolean): Collected {
  const split = splitMysql(sql);
  const out: Collected = { statements: [], errors: [...split.errors] };
  for (const piece of split.pieces) {
    if (piece.client) {
      clientStatement(sql, piece, out);
      continue;
    }
    if (tryOther?.(piece)) continue;
    const classified = classifyMysql(sql, piece, judge, 0);
    if (classified) {
      out.statements.push(...classified.statements);
      out.errors.push(...classified.errors);
    } else {
      const text = sql.slice(piece.pos, piece.end);
      out.errors.push({ message: `could not classify MySQL statement: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`, pos: piece.pos });
    }
  }
  out.statements.sort((a, b) => a.pos - b.pos);
  out.errors.sort((a, b) => a.pos - b.pos);
  return out;
}

function clientStatement(sql: string, piece: MysqlPiece, out: Collected): void {
  const client = piece.client as { name: string; arg: string };
  const text = sql.slice(piece.pos, piece.end).trim();
  if (client.name === 'source') out.errors.push({ message: `mysql source runs another file that is not analysed here: ${text}`, pos: piece.pos });
  else if (client.name === 'system') out.errors.push({ message: `mysql system runs a shell command that is not analysed here: ${text}`, pos: piece.pos });
  else if (client.name === 'use' || client.name === 'connect') {
    out.statements.push({
      kind: 'other',
      text,
      pos: piece.pos,
      end: piece.end,
      tables: [],
      where: 'not-applicable',
      dialect: 'mysql',
      ...(client.arg ? { names: [client.arg.replace(/^`|`$/g, '')] } : {}),
    });
  } else if (client.name === 'unknown') out.errors.push({ message: `unknown mysql client command ${text}`, pos: piece.pos });
}
