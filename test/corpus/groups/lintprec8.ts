// MySQL's data directory holds the server's own files and one folder per database, whose name
// never has a character other than letters, digits, `_` and `$` (MySQL writes others as @XXXX).
// A script or scratch file an entrypoint puts there (percona's pxc-entrypoint.sh, mysqld.my) is
// not the database's data; the server's files and a database's folder still are (GitLab 2017).
import type { CorpusGroup } from '../cases.js';

const PROD = 'db1.prod.example.com';

export const groups: CorpusGroup[] = [
  {
    name: "a file MySQL never keeps at its data directory's top is not its data",
    cases: [
      { line: 'rm /var/lib/mysql/mysqld.my', expect: 'allow' },
      { line: 'install -m 0755 -D /pxc-entrypoint.sh /var/lib/mysql/pxc-entrypoint.sh', expect: 'allow' },
      { line: 'rm -f /var/lib/mysql/pxc-entrypoint.sh', hostname: PROD, expect: 'warn', rule: 'filesystem/rm-data-directory-leftover' },
      { line: 'rm /var/lib/mysql/ibdata1', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'rm -rf /var/lib/mysql/shop', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'cp /tmp/auto.cnf /var/lib/mysql/auto.cnf', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'rm /var/lib/mysql/binlog.000042', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    // tox's and nox's environments are Python virtualenvs, not deployments (ceph-build).
    name: 'a tox environment variable names a virtualenv, not a deployment',
    cases: [
      { line: 'TOX_SKIP_ENV=py37 tox -rv', expect: 'allow' },
      { line: 'TOX_RUN_ENV=staging-ssl tox -e py3', expect: 'allow' },
      { line: 'DEPLOY_ENV=production tox -rv', expect: 'block', rule: 'database/test-suite-against-remote' },
    ],
  },
];
