// `prodguard lint` on shapes from a fifth survey of real repositories (supabase/cli,
// supabase/storage, GoogleCloudPlatform/microservices-demo, …): SQL a migration tool embeds in its
// own code, EXECUTE of a string computed at run time, and a script's own table.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';
import { withGrammarGapsBridged } from '../../src/lint/groovy/parser.js';

const lintCopy = lintShapes('survey5-shapes');
const keys = findingKeys;

describe('lint precision on a fifth survey', () => {
  it('SQL with no order in its name inside a package called migration is the tool’s own query, not a migration', () => {
    const body = lintCopy('tool-queries');
    // The ordered migrations beside it are still judged.
    expect(keys(body)).toEqual([
      'db/migrations/20240101000000_init/up.sql:2 sql/drop-objects confirm',
      'supabase/migrations/20240102000000_cleanup.sql:1 sql/truncate confirm',
    ]);
  });

  it('the same query file named on the command line is judged for what it says', () => {
    const body = lintCopy('tool-queries', ['pkg/migration/queries/drop.sql']);
    expect(keys(body)).toEqual(['pkg/migration/queries/drop.sql:8 sql/drop-objects confirm']);
  });

  it('EXECUTE of a computed string: judged by its constant text, and one notice per file for the rest', () => {
    const body = lintCopy('dynamic-sql');
    // Grants and role creation built from settings are no finding; a TRUNCATE of a table named
    // at run time is still a TRUNCATE.
    expect(keys(body)).toEqual(['migrations/0003_truncate_partitions.sql:7 sql/truncate confirm']);
    expect((body.notices ?? []).map((n) => `${n.file}:${n.line}`)).toEqual([
      'migrations/0002_storage_schema.sql:7',
      'migrations/0003_truncate_partitions.sql:7',
    ]);
    expect(body.notices?.[0]?.message).toContain("not checked: dynamic SQL cannot be analysed: EXECUTE 'CREATE ROLE ' || anon_role");
    expect(body.notices?.[0]?.message).toContain('(and 2 more in this file)');
  });

  it('a script that fills every row of a table it created earlier touches its own rows (warn); other tables still ask', () => {
    const body = lintCopy('own-table');
    expect(keys(body)).toEqual([
      'scripts/populate.sh:8 sql/delete-update-all-rows warn',
      'scripts/populate.sh:11 sql/delete-update-all-rows confirm',
      // CREATE TABLE IF NOT EXISTS may have found the table with its data.
      'scripts/populate.sh:15 sql/delete-update-all-rows confirm',
    ]);
    expect(body.findings[0]!.message).toContain('a table this file created earlier (its own rows)');
  });

  it('a column widened in a later migration than the one that created it rewrites nothing; narrowing and other histories still warn', () => {
    const body = lintCopy('column-history');
    expect(keys(body)).toEqual([
      'api/migrations/0003_shorter_names.sql:2 sql/alter-table-destructive warn',
      'api/migrations/0003_shorter_names.sql:3 sql/alter-table-destructive warn',
      'worker/migrations/0001_person_name.sql:2 sql/alter-table-destructive warn',
    ]);
  });

  it('Jenkinsfile: steps inside closures with parameters are read, with no notice', () => {
    const body = lintCopy('jenkins-closures');
    expect(keys(body)).toEqual(['Jenkinsfile:11 filesystem/rm-data-directory confirm', 'Jenkinsfile:13 sql/truncate block']);
    expect(body.notices ?? []).toEqual([]);
  });

  it('bridges closure parameters at the same length, leaving strings alone', () => {
    const source = 'xs.each { a, b -> sh "x ${a}" }\nys.each { String n, int i ->\n  sh "y -> z"\n}\n';
    const bridged = withGrammarGapsBridged(source);
    expect(bridged).toHaveLength(source.length);
    expect(bridged.split('\n')).toEqual(['xs.each {         sh "x ${a}" }', `ys.each {${' '.repeat(' String n, int i ->'.length)}`, '  sh "y -> z"', '}', '']);
  });

  it('a substitution holding only a comment (the inline-comment idiom) is no unseen script', () => {
    const body = lintCopy('comment-substitution');
    expect(keys(body)).toEqual([]);
    expect(body.notices ?? []).toEqual([]);
  });

  it('a password option holding a variable the file does not set never names the target', () => {
    const body = lintCopy('secret-option');
    expect(body.findings.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual(['3 database/redis-flush confirm', '5 sql/truncate confirm']);
    expect(body.findings[0]!.message).toContain('deletes every key on cache-main');
    expect(body.findings[1]!.message).toContain('$DATABASE_URL is only known where it runs');
  });
});
