// Act: open an interactive psql session that is read-only by default.
// Travis CI 2018: "connecting a development shell to the production primary in write mode was the
// common shortcut"; a shell left open for inspection later truncated production. An inspection
// session should not be able to write unless someone asked for that on purpose.
//
// `default_transaction_read_only` is a guard rail against accidents, not a permission: a session can
// still `SET default_transaction_read_only = off` or `BEGIN READ WRITE`. Real protection is a
// read-only role or a follower.

const READ_ONLY_OPTION = '-c default_transaction_read_only=on';

/**
 * The environment changes that make psql (any libpq client) start read-only: the server option is
 * appended to PGOPTIONS, keeping what is already there; the last `-c` for a setting wins.
 */
export function readOnlySessionEnv(env: Record<string, string | undefined>): Record<string, string> {
  const existing = env.PGOPTIONS?.trim();
  return { PGOPTIONS: existing ? `${existing} ${READ_ONLY_OPTION}` : READ_ONLY_OPTION };
}

/** Shown before the session starts, so the person sees where they are and how to write on purpose. */
export function readOnlyBanner(database: string, host: string): string {
  return [
    `prodguard: READ-ONLY session on database "${database}" at ${host}.`,
    '  Writes fail with "cannot execute … in a read-only transaction".',
    `  To change data, open a writable session deliberately: prodguard psql --writable …`,
  ].join('\n');
}

/** Shown when a writable session on production starts, after the typed confirmation. */
export function writableBanner(database: string, host: string, environment: string): string {
  return [
    `prodguard: WRITABLE session on ${environment} database "${database}" at ${host} (confirmed and audited).`,
    '  Every statement you type runs as written. BEGIN first, and check the row count before COMMIT.',
  ].join('\n');
}
