// pgbouncer's admin console: `psql -p 6432 -U admin pgbouncer` reaches no database but pgbouncer's
// own small command language (https://www.pgbouncer.org/usage.html#admin-console). What each
// command does, once, as data.

import { table } from '../util/dict.js';

/**
 * - `reads`: shows state (SHOW …).
 * - `controls`: changes configuration or lets traffic flow again; nothing waits on it.
 * - `stops-traffic`: holds or drops client connections, or stops pgbouncer. No data is destroyed,
 *   but every application behind the pooler waits or fails until someone resumes it.
 */
export type PgbouncerEffect = 'reads' | 'controls' | 'stops-traffic';

export const PGBOUNCER_COMMANDS: Readonly<Record<string, PgbouncerEffect>> = table({
  SHOW: 'reads',
  RELOAD: 'controls',
  RESUME: 'controls',
  ENABLE: 'controls',
  RECONNECT: 'controls',
  WAIT_CLOSE: 'controls',
  SET: 'controls',
  PAUSE: 'stops-traffic',
  SUSPEND: 'stops-traffic',
  KILL: 'stops-traffic',
  KILL_CLIENT: 'stops-traffic',
  DISABLE: 'stops-traffic',
  SHUTDOWN: 'stops-traffic',
});

/** The database name that selects the admin console. */
export const PGBOUNCER_ADMIN_DATABASE = 'pgbouncer';
