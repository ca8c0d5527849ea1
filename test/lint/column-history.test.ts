// A migration history's column types carry from file to file (lint keeps one map per history):
// a table created again starts over, and only that table's columns are forgotten — not those of
// a table whose name merely starts the same, nor of another schema's table.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/parse/sql/load.js';
import { analyzeSql } from '../../src/parse/sql/analyze.js';
import { withoutSelfUndone } from '../../src/engine/sql-facts.js';
import type { ColumnType } from '../../src/parse/sql/statement.js';

beforeAll(async () => {
  await loadSqlParser();
});

/** Each file's statements in order through one history; the kinds of the last file's statements. */
function lastKinds(files: string[]): string[] {
  const declared = new Map<string, ColumnType>();
  let kinds: string[] = [];
  for (const file of files) kinds = withoutSelfUndone(analyzeSql(file, 'postgres').statements, declared).map((statement) => statement.kind);
  return kinds;
}

describe('column types across a migration history', () => {
  it('a widened varchar a table declared earlier rewrites nothing', () => {
    expect(lastKinds(['CREATE TABLE a (x varchar(20));', 'ALTER TABLE a ALTER COLUMN x TYPE varchar(50);'])).toEqual(['alter-table-other']);
  });

  it('a table created again forgets its own columns only', () => {
    const history = [
      'CREATE TABLE a (x varchar(20)); CREATE TABLE ab (x varchar(20)); CREATE TABLE s.a (x varchar(20));',
      'CREATE TABLE a (y int);',
      'ALTER TABLE a ALTER COLUMN x TYPE varchar(50); ALTER TABLE ab ALTER COLUMN x TYPE varchar(50); ALTER TABLE s.a ALTER COLUMN x TYPE varchar(50);',
    ];
    expect(lastKinds(history)).toEqual(['alter-table-alter-type', 'alter-table-other', 'alter-table-other']);
  });
});
