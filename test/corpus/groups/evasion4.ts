// Issue 11, a fourth pass: database clients prodguard did not know (clickhouse-client, cqlsh,
// pgbench -i), shell builtins that set variables, interpreters' deletions, framework rollbacks,
// and a fresh adversarial set, each against a production context, with harmless twins.
import type { CorpusCase, CorpusGroup } from '../cases.js';
import type { Severity } from '../../../src/types.js';

const PROD_HOST = 'db1.prod.example.com';
/** The production context of the adversarial review. */
const PROD_ENV = { DATABASE_URL: 'postgres://u:p@db.prod.example.com/app', AWS_PROFILE: 'prod' };

/** A line judged on a production host, with a production database, AWS profile and kube context. */
const prod = (line: string, expect: Severity, rule?: string): CorpusCase => ({
  line,
  hostname: PROD_HOST,
  env: PROD_ENV,
  kubeContext: 'prod',
  expect,
  ...(rule ? { rule } : {}),
});
/** A line judged on a developer's workstation (the corpus defaults). */
const ws = (line: string, expect: Severity = 'allow', rule?: string): CorpusCase => ({ line, expect, ...(rule ? { rule } : {}) });

export const groups: CorpusGroup[] = [
  {
    name: 'evasion4: ClickHouse, Cassandra and pgbench are database clients',
    cases: [
      prod(`clickhouse-client --host ch1.prod.example.com --query 'DROP DATABASE analytics'`, 'block', 'sql/drop-objects'),
      prod(`clickhouse-client --multiquery -q 'SELECT 1; DROP TABLE events'`, 'block', 'sql/drop-objects'),
      prod(`clickhouse-client -n --query="TRUNCATE TABLE IF EXISTS db.events ON CLUSTER main"`, 'block', 'sql/truncate'),
      prod(`clickhouse-client -h ch1.prod.example.com --password s3cr3tpw -q 'ALTER TABLE events DELETE WHERE 1'`, 'block', 'sql/delete-update-all-rows'),
      prod(`clickhouse-client -q 'ALTER TABLE events ON CLUSTER main DROP PARTITION 202401'`, 'block', 'sql/truncate'),
      prod(`clickhouse-client --queries-file /nonexistent/drop.sql`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`clickhouse-client -q 'SYSTEM FLUSH LOGS'`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`echo 'DROP DATABASE analytics' | clickhouse-client -h ch1.internal`, 'confirm', 'sql/drop-objects'),
      prod(`cqlsh cass1.prod.example.com -e 'DROP KEYSPACE app'`, 'block', 'sql/drop-objects'),
      prod(`cqlsh -u cassandra -p hunter2pw -e 'TRUNCATE users'`, 'block', 'sql/truncate'),
      prod(`cqlsh --username=admin --password=hunter2pw -e 'TRUNCATE TABLE app.events'`, 'block', 'sql/truncate'),
      prod(`CQLSH_HOST=cass1.prod.example.com cqlsh -e 'DROP KEYSPACE IF EXISTS app'`, 'block', 'sql/drop-objects'),
      prod(`sudo -u cassandra cqlsh -e "DROP KEYSPACE app"`, 'block', 'sql/drop-objects'),
      prod(`ssh cass1.prod.example.com "cqlsh -e 'TRUNCATE app.users'"`, 'block', 'sql/truncate'),
      prod(`cqlsh cass1.internal 9042 --execute="DROP TABLE app.users"`, 'confirm', 'sql/drop-objects'),
      prod(`cqlsh -f /nonexistent/wipe.cql cass1.internal`, 'confirm', 'sql/unjudgeable-sql'),
      prod(`pgbench -i -s 100 -h db.prod.example.com app`, 'confirm', 'database/pgbench-initialize'),
      prod(`pgbench -i app`, 'confirm', 'database/pgbench-initialize'),
      // Reading is routine on production.
      prod(`clickhouse-client -q 'SELECT * FROM system.mutations WHERE is_done = 0'`, 'allow'),
      prod(`clickhouse-client -q 'EXISTS TABLE events'`, 'allow'),
      prod(`clickhouse-client --query 'DESCRIBE TABLE events'`, 'allow'),
      prod(`clickhouse-client -h ch1.prod.example.com -q "ALTER TABLE events DELETE WHERE user_id = 42"`, 'allow'),
      prod(`cqlsh -e 'DESCRIBE KEYSPACES'`, 'allow'),
      prod(`cqlsh -e "USE app; SELECT * FROM users LIMIT 5"`, 'allow'),
      prod(`cqlsh cass1.prod.example.com -e "COPY app.users TO 'users.csv'"`, 'allow'),
      prod(`pgbench -c 10 -T 60 -h db.prod.example.com app`, 'allow'),
      ws(`clickhouse-client -q 'SHOW TABLES'`),
      ws(`cqlsh --version`),
      ws(`pgbench -i -s 10 bench`),
    ],
  },
  {
    name: 'evasion4: builtins that set variables, and scripts written earlier in the line',
    cases: [
      prod(`printf -v X /; rm -rf "$X"/*`, 'block', 'filesystem/rm-root'),
      prod(`printf -v X '%s' /etc; rm -rf "$X"`, 'block', 'filesystem/rm-system-directory'),
      prod(`printf -vX '%s/%s' '' etc; rm -rf "$X"`, 'block', 'filesystem/rm-system-directory'),
      prod(`mapfile -t A <<< /; rm -rf "\${A[0]}"/*`, 'block', 'filesystem/rm-root'),
      prod(`readarray -t A <<< /etc; rm -rf "\${A[@]}"`, 'block', 'filesystem/rm-system-directory'),
      prod(`mapfile -d , -t A <<< '/usr,/tmp'; rm -rf "\${A[0]}"`, 'block', 'filesystem/rm-system-directory'),
      prod(`IFS=, ; list=/,/etc; set -- $list; rm -rf "$1"`, 'block', 'filesystem/rm-root'),
      prod(`IFS=, ; list=/etc,/usr; for x in $list; do rm -rf "$x"; done`, 'block', 'filesystem/rm-system-directory'),
      prod(`IFS=: ; for d in $PATH_LIST; do ls "$d"; done`, 'allow'),
      prod(`xargs -a <(echo /) rm -rf`, 'block', 'filesystem/rm-root'),
      prod(String.raw`xargs -a <(printf '/etc\n') rm -rf`, 'block', 'filesystem/rm-system-directory'),
      prod(String.raw`xargs --arg-file=<(printf '/etc\n') rm -rf`, 'confirm', 'host/unseen-script'),
      prod(String.raw`printf 'rm -rf /\n' > x.sh && bash x.sh`, 'block', 'filesystem/rm-root'),
      prod(`echo 'rm -rf /' > f; sh f`, 'block', 'filesystem/rm-root'),
      prod(`echo rm -rf /etc > /tmp/clean.sh; bash /tmp/clean.sh`, 'block', 'filesystem/rm-system-directory'),
      prod(`cat > f <<EOF\nrm -rf /\nEOF\nbash f`, 'block', 'filesystem/rm-root'),
      prod(`echo 'psql -c "DROP TABLE users"' > t.sh; . t.sh`, 'block', 'sql/drop-objects'),
      // The harmless twins: the same builtins with everyday values.
      ws(`printf -v stamp '%s' 2024-01-01; echo "$stamp"`),
      ws(`mapfile -t files < <(git ls-files); echo "\${#files[@]}"`),
      ws(`IFS=, read -r a b <<< "x,y"; echo "$a"`),
      ws(String.raw`printf 'echo hello\n' > hello.sh && bash hello.sh`),
      ws(`echo 'rm -rf build' > clean.sh; sh clean.sh`),
    ],
  },
  {
    name: 'evasion4: interpreters delete what a glob, a join or a variable names',
    // A data directory whose state is not known here is confirmed by typing the host's name.
    cases: [
      prod(`perl -e 'unlink glob("/var/lib/postgresql/15/main/*")'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`perl -e 'my $d = "/etc"; rmtree($d)'`, 'block', 'filesystem/rm-system-directory'),
      prod(`ruby -e 'Dir.glob("/var/lib/mysql/*").each { |f| File.delete(f) }'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`ruby -e 'Dir["/var/lib/mysql/*"].each { |f| FileUtils.rm_rf(f) }'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`python3 -c 'import glob,os\nfor f in glob.glob("/var/lib/postgresql/*"): os.remove(f)'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`python3 -c 'import glob, os; [os.remove(f) for f in glob.glob("/var/lib/postgresql/15/main/*")]'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`python3 -c 'from pathlib import Path; Path("/etc/shadow").unlink()'`, 'block', 'filesystem/rm-system-file'),
      prod(`python3 -c 'import shutil, os; shutil.rmtree(os.path.join("/", "etc"))'`, 'block', 'filesystem/rm-system-directory'),
      prod(`python3 -c 'import shutil; d = "/var/lib/" + "mysql"; shutil.rmtree(d)'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[1])' /etc`, 'block', 'filesystem/rm-system-directory'),
      prod(`python3 -c 'import os; os.remove(os.environ["TARGET"])'`, 'confirm', 'host/unseen-script'),
      ws(`python3 -c 'import glob, os; [os.remove(f) for f in glob.glob("*.pyc")]'`),
      ws(`ruby -e 'Dir.glob("tmp/*.log").each { |f| File.delete(f) }'`),
      ws(`perl -e 'unlink glob("*.bak")'`),
      ws(`python3 -c 'import glob; print(glob.glob("*.py"))'`),
    ],
  },
  {
    name: 'evasion4: Laravel rollbacks, Redis cluster calls',
    cases: [
      prod(`php artisan migrate:rollback --step=999 --force`, 'block', 'database/artisan-rollback-steps'),
      prod(`php artisan migrate:reset --force`, 'block', 'database/framework-reset-tasks'),
      prod(`redis-cli --cluster call redis1.prod.example.com:6379 FLUSHALL`, 'block', 'database/redis-flush'),
      prod(`redis-cli --cluster call 10.0.0.5:7000 flushdb`, 'block', 'database/redis-flush'),
      ws(`redis-cli --cluster call 10.0.0.5:7000 flushdb`, 'confirm', 'database/redis-flush'),
      ws(`php artisan migrate:rollback --step=1`),
      ws(`redis-cli --cluster check 127.0.0.1:7000`),
      ws(`redis-cli --cluster call 127.0.0.1:7000 INFO memory`),
    ],
  },
];
