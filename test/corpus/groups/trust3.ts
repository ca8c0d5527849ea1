// Issue 9 reviewed as an adversary would (trust3): a database reached on a production host
// through every client and socket form, remote forms that land there, expansion order, rsync
// pushes that delete their source, and command lines that loosen prodguard's own config.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1-prod';

export const groups: CorpusGroup[] = [
  {
    name: 'trust3: a database on this production host, through every client and local form',
    cases: [
      { line: "psql -h ::1 app -c 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "psql postgresql://[::1]/app -c 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "psql postgresql:///app?host=/var/run/postgresql -c 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "psql 'host=/tmp dbname=app' -c 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "PGHOST=/run/postgresql psql app -c 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "psql app <<< 'TRUNCATE users'", hostname: PROD_HOST, expect: 'block', rule: 'sql/truncate' },
      { line: "mariadb -e 'DROP DATABASE app'", hostname: PROD_HOST, expect: 'block' },
      { line: "mysql --socket=/var/run/mysqld/mysqld.sock -e 'DROP DATABASE app'", hostname: PROD_HOST, expect: 'block' },
      { line: 'mysqladmin -f drop app', hostname: PROD_HOST, expect: 'block' },
      { line: 'valkey-cli flushall', hostname: PROD_HOST, expect: 'block', rule: 'database/redis-flush' },
      { line: 'keydb-cli FLUSHDB', hostname: PROD_HOST, expect: 'block', rule: 'database/redis-flush' },
      { line: 'redis-cli -s /var/run/redis/redis.sock flushall', hostname: PROD_HOST, expect: 'block', rule: 'database/redis-flush' },
      { line: "mongosh mongodb://localhost:27017/app --eval 'db.dropDatabase()'", hostname: PROD_HOST, expect: 'block', rule: 'sql/mongo-drop' },
      // The shell's "db address": `app` is the database app on localhost, so this host's.
      { line: "mongo app --eval 'db.dropDatabase()'", hostname: PROD_HOST, expect: 'block', rule: 'sql/mongo-drop' },
      { line: "mongosh app --eval 'db.dropDatabase()'", hostname: PROD_HOST, expect: 'block', rule: 'sql/mongo-drop' },
      { line: "mongosh app --eval 'db.dropDatabase()'", hostname: 'ws-4417', expect: 'allow' },
      { line: "mongosh db.prod.example.com/app --eval 'db.dropDatabase()'", hostname: 'ws-4417', expect: 'block', rule: 'sql/mongo-drop' },
      { line: "mongosh 10.0.0.5:27018/app --eval 'db.dropDatabase()'", hostname: 'ws-4417', expect: 'confirm', rule: 'sql/mongo-drop' },
      // Reading stays allowed on the production host.
      { line: 'pg_dump -Fc app -f /tmp/app.dump', hostname: PROD_HOST, expect: 'allow' },
      { line: 'vacuumdb --all', hostname: PROD_HOST, expect: 'allow' },
      { line: "sqlite3 /tmp/scratch.db 'DROP TABLE t'", hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'trust3: remote forms that land on a production host',
    cases: [
      { line: 'ssh -t db1-prod sudo -u postgres psql app -c "\'DROP TABLE users\'"', expect: 'block', rule: 'sql/drop-objects' },
      { line: 'ssh db1-prod \'mysql -e "DROP DATABASE app"\'', expect: 'block' },
      { line: 'kubectl --context prod exec pg-0 -- redis-cli FLUSHALL', expect: 'block', rule: 'database/redis-flush' },
      { line: "docker --context prod exec db psql -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
      {
        line: "docker-compose exec db psql -c 'DROP TABLE users'",
        env: { DOCKER_HOST: 'ssh://deploy@db1-prod' },
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: "mosh db1-prod -- psql app -c 'DROP TABLE users'", expect: 'block', rule: 'sql/drop-objects' },
    ],
  },
  {
    name: 'trust3: rsync --remove-source-files deletes what it sent (a push FROM a data directory)',
    cases: [
      {
        line: 'rsync -a --remove-source-files /var/lib/postgresql/15/main/ backup:/srv/pg/',
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: 'rsync -av --remove-source-files /var/lib/mysql/ backup.example.com:/srv/mysql/',
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      // A pull removes the files on the host it pulls from: read again there, a typed confirmation.
      {
        line: 'rsync -a --remove-source-files db1-prod:/var/lib/postgresql/15/main/ /srv/copy/',
        expect: 'confirm',
        rule: 'filesystem/rsync-delete-production',
      },
      { line: 'rsync -a --remove-source-files / backup:/srv/everything/', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'rsync -a --remove-source-files ./outbox/ backup:/srv/in/', hostname: PROD_HOST, expect: 'allow' },
      { line: 'rsync -an --remove-source-files /var/lib/postgresql/15/main/ backup:/x/', hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'trust3: expansion order and defaults',
    cases: [
      // bash expands the words before the prefix assignment applies: X is empty, rm gets nothing.
      { line: 'X=/ rm -rf $X', expect: 'allow' },
      { line: 'A=/ && rm -rf $A*', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'rm -rf "${X:-/}"*', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'X=${X:=/}; rm -rf $X', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'rm -rf ${X:=/}', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'rm -rf "${X:?unset}/"*', expect: 'allow' },
      { line: 'declare X=/; rm -rf $X', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'readonly X=/; rm -rf "$X"', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "T=/ sh -c 'rm -rf $T*'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'for d in / /tmp; do rm -rf "$d"; done', expect: 'block', rule: 'filesystem/rm-root' },
      // Trimming a value the line knows, as bash trims it.
      { line: 'P=a:/; rm -rf ${P#*:}', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'F=/tmp/x/y; rm -rf ${F%%/*}/', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'F=/var/lib/postgresql/15/main/; rm -rf "${F%/}"', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'F=/var/lib/postgresql/15/main.tar; rm -rf ${F%.tar}', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'F=/tmp/x/y; rm -rf "${F%/*}"', expect: 'allow' },
      { line: 'F=/tmp/x/y; rm -rf "${F##*/}"', expect: 'allow' },
    ],
  },
  {
    name: 'trust3: a command line that loosens prodguard itself asks a person',
    cases: [
      { line: 'cp /tmp/loose.yml ./.prodguard.yml', expect: 'confirm', rule: 'config/replace-prodguard-config' },
      { line: 'ln -s ../shared/prodguard.yml .prodguard.yml', expect: 'confirm', rule: 'config/replace-prodguard-config' },
      { line: 'sudo install -m 0644 p.yml /etc/prodguard/policy.yml', expect: 'confirm', rule: 'config/replace-prodguard-config' },
      { line: 'unlink .prodguard.yaml', expect: 'confirm', rule: 'config/remove-prodguard-config' },
      { line: 'git rm .prodguard.yml', expect: 'allow' },
      { line: "perl -i -pe 's/block/allow/' .prodguard.yml", expect: 'confirm', rule: 'config/edit-prodguard-config' },
      { line: 'wget -qO .prodguard.yml https://example.com/x.yml', expect: 'confirm', rule: 'config/download-prodguard-config' },
      { line: 'prodguard trust .', expect: 'confirm', rule: 'config/prodguard-loosen' },
      { line: 'prodguard mark postgres://db.prod.example.com/app local', expect: 'confirm', rule: 'config/prodguard-loosen' },
      { line: 'prodguard mark postgres://db.prod.example.com/app production', expect: 'allow' },
      { line: 'cat .prodguard.yml && prodguard trust --list', expect: 'allow' },
      { line: 'cp .prodguard.yml .prodguard.yml.orig', expect: 'allow' },
    ],
  },
];
