// `prodguard lint` on shapes from a sixth survey of real repositories (ory/kratos, usememos/memos,
// riverqueue/river, percona operators, dokku, …).
import { describe, expect, it } from 'vitest';
import { findingKeys, lintShapes } from '../helpers/lint-shapes.js';

const lintCopy = lintShapes('survey6-shapes');
const keys = findingKeys;

describe('lint precision on a sixth survey', () => {
  it('a table rebuilt (every row copied to a new table, then the old one dropped) loses nothing; partial copies still ask', () => {
    const body = lintCopy('table-rebuild');
    expect(keys(body)).toEqual([
      // An inner join leaves the rows without a match behind.
      'migrations/0003_partial_copies.sql:3 sql/drop-objects confirm',
      // A WHERE keeps only some rows.
      'migrations/0003_partial_copies.sql:6 sql/drop-objects confirm',
      // The copy went to a table the same file drops afterwards.
      'migrations/0003_partial_copies.sql:9 sql/drop-objects confirm',
    ]);
  });
});
