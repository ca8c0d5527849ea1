import { describe, expect, it } from 'vitest';
import { isSqlParserLoaded, loadSqlParser } from '../../../src/parse/sql/load.js';
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
