// `prodguard lint` on shapes from the thirteenth stop's blind sets (adv14: CI files nobody here
// wrote). A database client handed a CI secret connects where the secret says, not to localhost.
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('lead13-shapes');

describe('a database client given a CI secret', () => {
  // adv14: `psql "$DATABASE_URL" -c "DELETE FROM users WHERE 1=1"` with DATABASE_URL from
  // secrets.DATABASE_URL in a job with `environment: production`, and `redis-cli -u "${{
  // secrets.PROD_REDIS_URL }}" FLUSHALL`, were read as a local database and not flagged.
  it("is the secret's database: the job's environment (or the secret's name) decides; a read passes", () => {
    const body = lintCopy('ci-secret-client');
    expect(findingKeys(body)).toEqual([
      '.github/workflows/purge.yml:11 sql/delete-update-all-rows block',
      '.github/workflows/purge.yml:12 database/redis-flush block',
      '.github/workflows/purge.yml:16 sql/truncate confirm',
    ]);
  });
});
