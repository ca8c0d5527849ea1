// No imports: every JSON output reads this, including the ones on the shell hook's hot path.

/** The version of prodguard's JSON output shapes; raised when a field changes meaning or goes. */
export const JSON_SCHEMA_VERSION = 1;
