// The lead's cases from the tenth stop: an unquoted `$(…)` argument is split into the words its
// command writes (`rm -rf $(ls -d DIR/*)` is `ls -d DIR/* | xargs rm -rf`), and files moved out
// of a database's data directory are taken from it; a server's database backups deleted wholesale
// (not a dated retention) are seen. Each with its harmless twins.
import type { CorpusGroup } from '../cases.js';

const DB_HOST = 'db1.prod.example.com';
const PROD_DB = { DATABASE_URL: 'postgres://app@db.prod.example.com:5432/app' };

export const groups: CorpusGroup[] = [
  {
    name: 'lead10: a $(…) argument is the words its command writes',
    cases: [
      { line: 'rm -rf $(ls -d /var/lib/postgresql/16/main/*)', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "rm -f $(find /var/lib/mysql -name '*.ibd')", hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf $(echo /)', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'sudo rm -rf $(ls -d /etc/*)', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'ls -d /etc/* | xargs sudo rm -rf', expect: 'block', rule: 'filesystem/rm-system-directory' },
      { line: 'rm -rf $(ls -d /tmp/build-*)', expect: 'allow' },
      { line: 'rm -f $(mktemp)', expect: 'allow' },
      { line: 'docker rm $(docker ps -aq)', expect: 'allow' },
      { line: 'rm $(ls *.log)', expect: 'allow' },
      { line: 'git rm $(git ls-files -d)', expect: 'allow' },
      { line: 'echo $(ls /)', expect: 'allow' },
    ],
  },
  {
    name: 'lead10: files moved out of a data directory',
    cases: [
      { line: 'mv /var/lib/postgresql/16/main/pg_wal /tmp/', hostname: DB_HOST, expect: 'block', rule: 'filesystem/move-data-files-out' },
      { line: 'sudo mv /var/lib/mysql/ibdata1 /root/', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/move-data-files-out' },
      { line: 'mv /var/lib/postgresql/16/main/base /mnt/scratch/', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/move-data-files-out' },
      { line: 'sudo mv /var/lib/postgresql/16/main /var/lib/postgresql/16/main.old', hostname: DB_HOST, expect: 'allow' },
      { line: 'mv /var/lib/postgresql/16/main /var/lib/postgresql/16/main_2024-01-15', hostname: DB_HOST, expect: 'allow' },
      { line: 'mv /var/lib/postgresql/16/main.old /srv/archive/', hostname: DB_HOST, expect: 'allow' },
      { line: 'mv /var/lib/postgresql/16/main/log/postgresql-2024-01-01.log /var/log/archive/', hostname: DB_HOST, expect: 'allow' },
      { line: 'mv pg_wal.bak pg_wal', expect: 'allow' },
    ],
  },
  {
    name: 'lead10: database backups deleted on a server',
    cases: [
      { line: 'rm -rf /var/backups/postgres', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-backups' },
      { line: 'shred -u /var/backups/postgres/*.dump', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-backups' },
      { line: 'sudo rm -rf /backups/db/*', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/rm-backups' },
      { line: 'find /var/backups/postgres -type f -exec shred -u {} \\;', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/find-delete-backups' },
      { line: 'find /var/backups/mysql -type f -delete', hostname: DB_HOST, expect: 'confirm', rule: 'filesystem/find-delete-backups' },
      { line: "find /var/backups/postgres -name '*.dump' -mtime +14 -delete", hostname: DB_HOST, expect: 'allow' },
      { line: 'find /var/backups/mysql -type f -mtime +7 -exec rm -f {} \\;', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -rf /var/backups/postgres/2023-*', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /srv/backups/mysql/app-2024-01-01.sql.gz', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /var/backups/dpkg.status.0', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -f /tmp/backup/db.sql', hostname: DB_HOST, expect: 'allow' },
      { line: 'rm -rf /var/backups/postgres', expect: 'allow' },
    ],
  },
  {
    name: "lead10: the application's own deleting functions called for every row",
    cases: [
      { line: 'psql "$DATABASE_URL" -c "SELECT purge_tenant(id) FROM tenants"', env: PROD_DB, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'psql "$DATABASE_URL" -c "SELECT hard_delete_site(s.id) FROM sites s"', env: PROD_DB, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'psql "$DATABASE_URL" -c "SELECT delete_user(id) FROM users"', env: PROD_DB, expect: 'block', rule: 'sql/delete-update-all-rows' },
      { line: 'psql "$DATABASE_URL" -c "SELECT delete_user(42)"', env: PROD_DB, expect: 'allow' },
      { line: 'psql "$DATABASE_URL" -c "SELECT remove_accents(name) FROM users"', env: PROD_DB, expect: 'allow' },
      { line: 'psql "$DATABASE_URL" -c "SELECT delete_expired_sessions()"', env: PROD_DB, expect: 'allow' },
    ],
  },
];
