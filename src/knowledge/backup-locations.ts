// Where database backups live on a server, so that deleting them is seen (GitLab 2017: when the
// primary's data was gone, the backups were missing too). A path is a backup location when it
// is one of the tools' own repositories, or has a segment that says backups or dumps together
// with a word naming a database (or sits in a folder only backups go to). Paths are absolute and
// normalised; matching is on whole segments.

/** Folders only backup tools write: pgBackRest's and Barman's repositories (GitLab's
 *  /var/opt/gitlab/backups is inside its data directory, judged as that). */
export const BACKUP_REPOSITORIES: readonly string[] = [
  '/var/lib/pgbackrest',
  '/var/lib/barman',
  '/var/lib/postgresql/backups',
  '/var/lib/mysql-backups',
  '/var/lib/automysqlbackup',
  '/var/lib/autopostgresqlbackup',
];

/** Folders that hold backups of whatever is below them (`/var/backups/postgres`, `/backup/db`). */
export const BACKUP_ROOTS: readonly string[] = [
  '/var/backups',
  '/backup',
  '/backups',
  '/srv/backup',
  '/srv/backups',
  '/mnt/backup',
  '/mnt/backups',
  '/data/backup',
  '/data/backups',
];

/** A segment that says backups or dumps (`backups`, `db-backups`, `pg_dumps`, `mysqldump`). */
export const BACKUP_SEGMENT = /^(?:[a-z]+[-_])?(?:backups?|dumps?|bak|mysqldumps?|pg_?dumps?|snapshots)$/i;

/** A segment naming a database or its engine (`postgres`, `pg16`, `mysql`, `mongo`, `db`). */
export const DATABASE_SEGMENT = /^(?:postgres(?:ql)?|pg(?:sql)?\d*|mysql|mariadb|mongo(?:db)?|redis|db|dbs|database|databases)(?:[-_.].*)?$/i;

/** A name that dates one copy (`2023-*`, `app-2024-01-01.sql.gz`, `base_20240115`): deleting it,
 *  or a glob of such names, is retention, not the backups. */
export const DATED_COPY = /(?:^|[^0-9])(?:19|20)\d\d(?:[-_.]?\d\d)?(?:[^0-9]|$)/;

/** A file named as a database dump (`app.sql.gz`, `orders.dump`, `users.bson`, `full.xbstream`):
 *  in a backup folder it is a backup whatever the folder's name says of the database. */
export const DATABASE_DUMP_FILE = /\.(?:sql|dump|pgdump|pg_dump|backup|bson|archive|xbstream|mysqldump)(?:\.(?:gz|bz2|xz|zst|lz4|gpg|age|enc))?$/i;
/** A backup tool's scratch or marker, not a backup (`xlog.db.lock`, `latest.partial`, `tmp/`,
 *  `backup-is-running`). */
export const BACKUP_SCRATCH = /(?:\.(?:lock|pid|tmp|temp|partial|part|running)$|^(?:tmp|temp|\.tmp|lock|locks|incoming)$|[-_.]running$)/i;
