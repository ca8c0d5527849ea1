// Commands that print process ids, and what those ids are: `kill -9 $(pgrep -f postgres)`,
// `kill $(head -1 $PGDATA/postmaster.pid)` and `pgrep mysqld | xargs kill` are `pkill postgres`,
// `pkill mysqld` written by hand — rules/host/stop-database-server.yaml judges them by name.

import { table } from '../util/dict.js';

/** Pid files named after something other than their process: the postmaster is `postgres`. */
const PID_FILE_PROCESSES: Readonly<Record<string, string>> = table({
  'postmaster.pid': 'postgres',
  'mysql.pid': 'mysqld',
  'mariadb.pid': 'mariadbd',
  'mongodb.pid': 'mongod',
  'redis.pid': 'redis-server',
});

/** Run directories whose pid files are one server's, whatever their name (Debian's
 *  /var/run/postgresql/16-main.pid, the official images' /var/run/mysqld/mysqld.pid). */
const PID_DIRECTORY_PROCESSES: Readonly<Record<string, string>> = table({
  '/var/run/postgresql': 'postgres',
  '/run/postgresql': 'postgres',
  '/var/run/mysqld': 'mysqld',
  '/run/mysqld': 'mysqld',
  '/var/run/mariadb': 'mariadbd',
  '/run/mariadb': 'mariadbd',
  '/var/run/mongodb': 'mongod',
  '/run/mongodb': 'mongod',
  '/var/run/redis': 'redis-server',
  '/run/redis': 'redis-server',
});

/** The servers' default ports: the process `lsof -t -i :5432` finds. */
const SERVER_PORTS: Readonly<Record<string, string>> = table({
  '5432': 'postgres',
  '3306': 'mysqld',
  '27017': 'mongod',
  '6379': 'redis-server',
});

/** The process a pid file belongs to: its run directory's server, else its own name
 *  (`mysqld.pid` → mysqld, `postmaster.pid` → postgres); undefined for other files. */
export function processOfPidFile(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1);
  if (!file.endsWith('.pid') || file === '.pid') return undefined;
  const directory = slash > 0 ? path.slice(0, slash) : undefined;
  return (directory !== undefined ? PID_DIRECTORY_PROCESSES[directory] : undefined) ?? PID_FILE_PROCESSES[file] ?? file.slice(0, -'.pid'.length);
}

/** The server listening on a port given as `:5432`, `5432`, `tcp:5432`, `5432/tcp`. */
export function processOfPort(text: string): string | undefined {
  const port = /^(?:tcp:|TCP:|@[^:]*)?:?(\d+)(?:\/tcp)?$/.exec(text)?.[1];
  return port !== undefined ? SERVER_PORTS[port] : undefined;
}

/** Signals that end a process. `kill` sends TERM; HUP reloads a server's configuration, USR1/USR2
 *  rotate logs, 0 asks whether it is alive: none of those stops it. */
export const ENDING_SIGNALS = new Set(['TERM', 'KILL', 'INT', 'QUIT', 'ABRT', 'SEGV', '15', '9', '2', '3', '6', '11']);

/** Filters that keep a listing's ids (`ps aux | grep postgres | grep -v grep | awk '{print $2}'`). */
export const ID_KEEPING_FILTERS = new Set(['grep', 'egrep', 'awk', 'gawk', 'mawk', 'cut', 'head', 'tail', 'sort', 'uniq', 'tr', 'sed', 'xargs']);

/** Readers that print a pid file's first line, or all of it. */
export const PID_FILE_READERS = new Set(['cat', 'head', 'tail', 'sed', 'awk', 'cut', 'tr']);
