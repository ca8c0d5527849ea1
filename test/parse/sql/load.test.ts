import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isSqlParserLoaded, loadSqlParser, parsePostgres } from '../../../src/parse/sql/load.js';
import { analyzeSql } from '../../../src/parse/sql/analyze.js';

describe('loadSqlParser', () => {
  it('loads nothing until asked, then loads once however often it is called', async () => {
    expect(isSqlParserLoaded()).toBe(false);
    await Promise.all([loadSqlParser(), loadSqlParser()]);
    await loadSqlParser();
    expect(isSqlParserLoaded()).toBe(true);
    expect(analyzeSql('DROP TABLE users').statements[0]?.kind).toBe('drop-table');
  });
});

describe('parsePostgres', () => {
  // parsePostgres moves text in and out of libpg-query's WebAssembly module itself: its trees and
  // errors are the package's own parseSync's, byte for byte.
  const outcome = (parse: (sql: string) => unknown, sql: string) => {
    try {
      return { tree: parse(sql) };
    } catch (error) {
      const { message, sqlDetails } = error as { message: string; sqlDetails?: { cursorPosition: number } };
      return { message, cursorPosition: sqlDetails?.cursorPosition };
    }
  };
  const inputs = [
    'SELECT 1; DELETE FROM t WHERE id = $1',
    "UPDATE t SET name = 'é漢字🙂' WHERE note = 'ß'",
    "SELECT 'é漢字' FRM t",
    'DELETE FROM t WHERE',
    "SELECT '\uD800'",
    "SELECT 'a\uDC00b' FRM t",
    `CREATE TABLE t (${Array.from({ length: 400 }, (_, i) => `c${i} text DEFAULT 'ü${i}'`).join(', ')})`,
  ];
  it.each(inputs)('reads %#: the same tree or error as libpg-query', async (sql) => {
    await loadSqlParser();
    const stock = createRequire(import.meta.url)('libpg-query') as { loadModule(): Promise<void>; parseSync(sql: string): unknown };
    await stock.loadModule();
    expect(outcome(parsePostgres, sql)).toEqual(outcome(stock.parseSync, sql));
  });
  it('says where a syntax error is, counting bytes as the parser does', async () => {
    await loadSqlParser();
    // FRM reads as an alias; `t` starts at character 14, byte 15 (é is two bytes in UTF-8).
    expect(outcome(parsePostgres, "SELECT 'é' FRM t")).toEqual({ message: 'syntax error at or near "t"', cursorPosition: 15 });
  });
});
