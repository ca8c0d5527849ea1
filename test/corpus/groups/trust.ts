// Whose word counts (issue 9): the environment a command really runs with. A command run as
// another user sees what sudo/su leave of the caller's environment (sudoers' env_reset keeps no
// PG*, MYSQL_* or DATABASE_URL; -E keeps them), and a database on this host's socket is this
// host's.
import type { CorpusGroup } from '../cases.js';

const PROD_PG = { PGHOST: 'db.prod.example.com', PGDATABASE: 'app' };

export const groups: CorpusGroup[] = [
  {
    name: 'sudo -u/su/runuser: the environment the command runs with',
    cases: [
      // env_reset drops PGHOST: psql reaches this workstation's socket.
      { line: "sudo -u postgres psql -c 'DROP TABLE users'", env: PROD_PG, expect: 'allow' },
      { line: "sudo -E -u postgres psql -c 'DROP TABLE users'", env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      { line: "sudo --preserve-env -u postgres psql -c 'DROP TABLE users'", env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      { line: "sudo --preserve-env=PGHOST -u postgres psql app -c 'DROP TABLE users'", env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      { line: "sudo -u postgres PGHOST=db.prod.example.com psql app -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
      { line: 'su - postgres -c "psql -c \'DROP TABLE users\'"', env: PROD_PG, expect: 'allow' },
      // Plain su keeps the environment (it sets HOME, SHELL, USER, LOGNAME only).
      { line: 'su postgres -c "psql app -c \'DROP TABLE users\'"', env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      { line: "runuser -u postgres -- psql app -c 'DROP TABLE users'", env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      // On a production host the socket is production, whoever runs the client.
      { line: "sudo -u postgres psql app -c 'DROP TABLE users'", hostname: 'db1-prod', env: PROD_PG, expect: 'block', rule: 'sql/drop-objects' },
      { line: "sudo -iu postgres psql app -c 'TRUNCATE users'", hostname: 'db1-prod', expect: 'block', rule: 'sql/truncate' },
      { line: 'su -l postgres -c "psql app -c \'TRUNCATE users\'"', hostname: 'db1-prod', expect: 'block', rule: 'sql/truncate' },
      // A test suite under sudo does not see the caller's production DATABASE_URL (env_reset) …
      { line: 'sudo -u app bundle exec rspec', env: { DATABASE_URL: 'postgres://db.prod.example.com/app' }, expect: 'allow' },
      // … unless sudo keeps it.
      {
        line: 'sudo -E -u app bundle exec rspec',
        env: { DATABASE_URL: 'postgres://db.prod.example.com/app' },
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
    ],
  },
  {
    name: 'libpq host lists: every host is a target, the most dangerous decides',
    cases: [
      { line: "psql 'host=localhost,db1.prod.example.com dbname=app' -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
      { line: "psql postgresql://localhost,db1.prod.example.com/app -c 'TRUNCATE users'", expect: 'block', rule: 'sql/truncate' },
      { line: "psql postgresql://app@127.0.0.1:5432,10.0.4.17:5433/app -c 'TRUNCATE users'", expect: 'confirm', rule: 'sql/truncate' },
      { line: "psql -c 'TRUNCATE users'", env: { PGHOST: 'localhost,db1.prod.example.com', PGDATABASE: 'app' }, expect: 'block', rule: 'sql/truncate' },
      { line: "psql -h /var/run/postgresql,db1.prod.example.com app -c 'TRUNCATE users'", expect: 'block', rule: 'sql/truncate' },
      {
        line: 'bundle exec rspec',
        env: { DATABASE_URL: 'postgresql://localhost:5432,db1.prod.example.com:5432/app' },
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
      // Every host local: still local.
      { line: "psql 'host=localhost,127.0.0.1 dbname=app' -c 'DROP TABLE users'", expect: 'allow' },
      { line: "psql postgresql://localhost,127.0.0.1/app -c 'TRUNCATE users'", expect: 'allow' },
    ],
  },
  {
    name: 'rsync: a daemon URL is another host; a pull deletes in its local destination',
    cases: [
      { line: 'rsync -a --delete x/ rsync://h/pgdata/', expect: 'allow' },
      { line: 'rsync -a --delete x/ rsync://h/pgdata/', hostname: 'web1.prod.example.com', expect: 'allow' },
      { line: 'rsync -a --delete site/ backup-1::pgdata/', expect: 'allow' },
      // A deploy from a local folder warns (the lead's decision, issue 11); an empty source confirms.
      { line: 'rsync -a --delete x/ rsync://files.prod.example.com/pgdata/', expect: 'warn', rule: 'filesystem/rsync-deploy-delete' },
      { line: 'rsync -a --delete empty/ rsync://files.prod.example.com/pgdata/', expect: 'confirm', rule: 'filesystem/rsync-delete-production' },
      { line: 'rsync --delete host:/x/ /srv/www/', hostname: 'web1.prod.example.com', expect: 'confirm', rule: 'filesystem/rsync-delete-production' },
      {
        line: 'rsync -az --delete-after deploy@build-1:/srv/release/ /srv/www/',
        hostname: 'web1.prod.example.com',
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      { line: 'rsync --delete host:/x/ /srv/www/', expect: 'allow' },
      { line: 'rsync -a host:/x/ /srv/www/', hostname: 'web1.prod.example.com', expect: 'allow' },
    ],
  },
];
