// Data directories judged by name alone (the corpus has no disk): the copy moved aside and the
// logs beside a data directory are not the database (issue 11's harmless lines; the rule's own
// fix says `mv main main.old`), while its WAL and the directory itself still are (GitLab 2017).
import type { CorpusGroup } from '../cases.js';

const PROD = 'db1.prod.example.com';

export const groups: CorpusGroup[] = [
  {
    name: 'a copy moved aside and the logs: allow on a workstation, warn on production',
    cases: [
      { line: 'rm -rf /var/lib/postgresql/15/main.old', expect: 'allow' },
      { line: 'rm -rf /var/lib/postgresql/15/main.bak', expect: 'allow' },
      { line: 'sudo rm -rf /var/lib/postgresql/15/main_2024-01-15', expect: 'allow' },
      { line: 'rm -rf /var/lib/postgresql/15/main/log/*', expect: 'allow' },
      { line: 'rm -f /var/lib/postgresql/15/main/pg_log/postgresql-Mon.log', expect: 'allow' },
      { line: 'rm -f /var/lib/mysql/db1.err', expect: 'allow' },
      { line: 'rm -rf /var/lib/postgresql/15/main.old', hostname: PROD, expect: 'warn', rule: 'filesystem/rm-data-directory-leftover' },
      { line: 'rm -rf /var/lib/postgresql/15/main.orig', hostname: PROD, expect: 'warn', rule: 'filesystem/rm-data-directory-leftover' },
      { line: 'rm -rf /var/lib/postgresql/15/main-20240115', hostname: PROD, expect: 'warn', rule: 'filesystem/rm-data-directory-leftover' },
      {
        line: 'rm -f /var/lib/postgresql/15/main/log/postgresql-2024-01-01.log',
        hostname: PROD,
        expect: 'warn',
        rule: 'filesystem/rm-data-directory-leftover',
      },
      { line: 'cd /var/lib/postgresql/15 && rm -rf main.old', hostname: PROD, expect: 'warn', rule: 'filesystem/rm-data-directory-leftover' },
    ],
  },
  {
    name: 'the data directory itself, its WAL and its data files stay stopped',
    cases: [
      { line: 'rm -rf /var/lib/postgresql/15/main/pg_wal/*', hostname: PROD, expect: 'block', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/postgresql/15/main/pg_wal/*', expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/postgresql/15/main/base', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -f /var/lib/mysql/ib_logfile0', hostname: PROD, expect: 'block', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/mongodb/collection-0-2024051234.wt', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/postgresql/15/main.old/../main', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /srv/pgdata.old/../pgdata', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'a path with no database name and no disk to look at stays allowed',
    cases: [
      { line: 'rm -rf /srv/nonexistent/thing', hostname: PROD, expect: 'allow' },
      { line: 'rm -rf /data/pg', expect: 'allow' },
    ],
  },
];
