// Which discovered files lint judges, by path (pure). A `*.sql` file is a migration only where
// a migration tool would run it; regression-test SQL, extension upgrade scripts and fixtures are
// not deployed anywhere. Test folders hold commands that run against throwaway databases, so a
// folder walk leaves them out. Globs use .gitignore syntax (the `ignore` package).

import ignore, { type Ignore } from 'ignore';

/** Where migration tools look for SQL, as .gitignore-style globs matched against the path
 *  inside the folder being linted. One entry per tool, so adding a tool is one line. */
export const MIGRATION_GLOBS: readonly string[] = [
  '**/prisma/migrations/**/migration.sql', // Prisma
  '**/alembic/versions/**/*.sql', // Alembic (offline SQL)
  '**/deploy/**/*.sql', // sqitch
  '**/changelog*/**/*.sql', // Liquibase SQL changelogs
  '**/changelogs/**/*.sql',
  '**/changelog*.sql',
  '**/V[0-9]*__*.sql', // Flyway versioned
  '**/R__*.sql', // Flyway repeatable
  '**/U[0-9]*__*.sql', // Flyway undo
  '**/*migrat*.sql', // a file named for what it is: migrate.sql, 0003_migration.sql
];

/** Folders whose migration tools run the files below them in the order their names give
 *  (Rails `db/migrate`, dbmate and goose `db/migrations`, golang-migrate, knex, sqlx, Diesel,
 *  Flyway's `db/migration`, Alembic `versions`). */
export const ORDERED_MIGRATION_FOLDERS: readonly string[] = ['migrate', 'migrations', 'migration', 'versions'];

/**
 * Whether SQL in an ordered migration folder is one of its migrations: the path below the folder
 * carries the order (`0001_users.up.sql`, `20240101_x/up.sql`, `tenant/0002-storage.sql`). SQL
 * with no order in its name (`pkg/migration/queries/drop.sql`, the queries a migration *tool*
 * embeds in its own code) is not a step any tool runs.
 */
function inOrderedMigrationFolder(rel: string): boolean {
  const segments = rel.split('/');
  const folder = segments.slice(0, -1).findLastIndex((segment) => ORDERED_MIGRATION_FOLDERS.includes(segment.toLowerCase()));
  return folder >= 0 && /[0-9]/.test(segments.slice(folder + 1).join('/'));
}

/** The folder whose files form one migration history (`db/migrate`, `backend/migrations`): the
 *  path up to the ordered migration folder, else the file's own folder. */
export function migrationHistory(rel: string): string {
  const segments = rel.split('/');
  const folder = segments.slice(0, -1).findLastIndex((segment) => ORDERED_MIGRATION_FOLDERS.includes(segment.toLowerCase()));
  return (folder >= 0 ? segments.slice(0, folder + 1) : segments.slice(0, -1)).join('/');
}

/** Folders that hold tests: commands there run against test databases and service containers.
 *  Stubs and mocks are test doubles (ory/x's `popx/stub/migrations`, a copy of an application's
 *  migrations its tests run against a throwaway database). */
export const TEST_FOLDERS: readonly string[] = [
  'test',
  'tests',
  'spec',
  'specs',
  '__tests__',
  'localtests',
  'testdata',
  'test_data',
  'regress',
  'stub',
  'stubs',
  'mocks',
  '__mocks__',
];

/** Folders that provision throwaway machines (Vagrant VMs on a private 192.168.x network). */
export const THROWAWAY_FOLDERS: readonly string[] = ['vagrant', 'Vagrant'];

export interface LintScope {
  /** Globs (config `lint.ignore` and `--exclude`) whose files are not linted. */
  ignore?: readonly string[];
  /** Extra migration globs (config `lint.sql.migrations`). */
  migrations?: readonly string[];
}

export interface ScopeMatcher {
  /** Whether a file found by walking a folder is linted; `rel` is relative to that folder and
   *  `fromTop` (for SQL: is it a migration?) to the repository holding it. */
  includes(rel: string, format: string, fromTop?: string): boolean;
  isMigration(rel: string): boolean;
  /** Whether SQL at `rel` is linted when its own text says a migration tool runs it (a goose or
   *  dbmate annotation): anywhere but an ignored or test folder, and not a down migration. */
  includesAnnotated(rel: string): boolean;
}

/** The first line a migration tool writes into its own SQL files: goose, sql-migrate, dbmate
 *  and Liquibase formatted SQL. Such a file is a migration wherever its folder is. */
export const MIGRATION_ANNOTATION = /^--[ \t]*(?:\+goose[ \t]+Up|\+migrate[ \t]+Up|migrate:up|liquibase[ \t]+formatted[ \t]+sql)\b/im;

export function scopeMatcher(scope: LintScope = {}): ScopeMatcher {
  const migrations: Ignore = ignore().add([...MIGRATION_GLOBS, ...(scope.migrations ?? [])]);
  const excluded: Ignore = ignore().add([...(scope.ignore ?? [])]);
  // A file named outside the working directory (`lint ../repo/db/x.sql`, `/abs/x.sql`) is judged by
  // the folders it sits in; the `ignore` package refuses such paths with an exception.
  const isMigration = (rel: string) => {
    const inside = rel.replace(/^(?:\.{1,2}\/|\/)+/, '');
    return (/\.sql$/i.test(inside) && inOrderedMigrationFolder(inside)) || migrations.ignores(inside);
  };
  return {
    isMigration,
    includesAnnotated: (rel) => !excluded.ignores(rel) && !inTestFolder(rel) && !isDownMigration(rel),
    includes(rel, format, fromTop = rel) {
      if (rel === '' || rel.startsWith('..')) return true;
      if (excluded.ignores(rel)) return false;
      // Config globs may be written from the folder linted or from the repository's top.
      if (format === 'sql') return (isMigration(rel) || isMigration(fromTop)) && !inTestFolder(rel) && !isDownMigration(rel);
      return !inTestFolder(rel);
    },
  };
}

/** `pg_tests`, `mysql_tests`, `tests_func`, `e2e-test`: a folder named for tests. */
const TEST_FOLDER_NAME = /^(?:[a-z0-9]+[_-])?(?:tests?|specs?)(?:[_-][a-z0-9]+)?$/i;

export function inTestFolder(rel: string): boolean {
  const segments = rel.split('/');
  return (
    segments.slice(0, -1).some((segment) => TEST_FOLDERS.includes(segment) || THROWAWAY_FOLDERS.includes(segment) || TEST_FOLDER_NAME.test(segment)) ||
    // Example configs (orchestrator-sample.conf.json) are documentation, never deployed as is.
    /(^|[-_.])(sample|example)s?([-_.]|$)/i.test(segments[segments.length - 1] ?? '')
  );
}

/** A down migration (`0001_x.down.sql`, `0001_x_down.sql`, Diesel's `down.sql`, Flyway's `U2__`)
 *  runs only to roll its up migration back, and dropping what the up migration created is its
 *  whole job: a folder walk leaves it out; named on the command line it is judged. */
export function isDownMigration(rel: string): boolean {
  const base = rel.split('/').pop() ?? rel;
  return /(^|[._-])down\.sql$/i.test(base) || /^U[0-9][^/]*__.*\.sql$/.test(base);
}
