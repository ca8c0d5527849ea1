// Issue 11, an eighth pass: classes a held-out adversarial set (adv7) still let through — Node
// programs calling Redis and MongoDB clients, awk commands held in variables, deletions over a
// directory walk — each against a production context, with harmless twins.
import type { CorpusCase, CorpusGroup } from '../cases.js';
import type { Severity } from '../../../src/types.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_ENV = {
  DATABASE_URL: 'postgres://app:s3cret@pg1.prod.example.com:5432/app',
  REDIS_URL: 'redis://cache.prod.example.com:6379/0',
  MONGO_URL: 'mongodb://mongo1.prod.example.com/app',
};

/** A line judged on a production host whose environment points at production. */
const prod = (line: string, expect: Severity, rule?: string): CorpusCase => ({
  line,
  hostname: PROD_HOST,
  env: PROD_ENV,
  expect,
  ...(rule ? { rule } : {}),
});
/** A line judged on a developer's workstation (the corpus defaults). */
const ws = (line: string, expect: Severity = 'allow', rule?: string): CorpusCase => ({ line, expect, ...(rule ? { rule } : {}) });

export const groups: CorpusGroup[] = [
  {
    name: 'evasion8: a program calls a destroying method on the Redis or MongoDB client it opened',
    cases: [
      prod(`node -e "new (require('ioredis'))(process.env.REDIS_URL).flushall().then(()=>process.exit())"`, 'block', 'database/redis-flush'),
      prod(`node -e "const Redis = require('ioredis'); const r = new Redis(process.env.REDIS_URL); r.flushdb()"`, 'block', 'database/redis-flush'),
      prod(`node -e "require('redis').createClient({url: process.env.REDIS_URL}).connect().then(c => c.flushAll())"`, 'block', 'database/redis-flush'),
      prod(
        `node -e "const {createClient} = require('redis'); const c = createClient({url: process.env.REDIS_URL}); c.connect().then(() => c.sendCommand(['FLUSHALL']))"`,
        'block',
        'database/redis-flush',
      ),
      prod(`node -e "const Redis = require('ioredis'); new Redis(process.env.REDIS_URL).call('FLUSHDB')"`, 'block', 'database/redis-flush'),
      prod(`python3 -c 'import redis, os; redis.from_url(os.environ["REDIS_URL"]).execute_command("FLUSHALL")'`, 'block', 'database/redis-flush'),
      prod(`python3 -c 'import redis.asyncio as r, os, asyncio; asyncio.run(r.from_url(os.environ["REDIS_URL"]).flushall())'`, 'block', 'database/redis-flush'),
      prod(`node -e "const { MongoClient } = require('mongodb'); new MongoClient(process.env.MONGO_URL).db('app').dropDatabase()"`, 'block', 'sql/mongo-drop'),
      prod(
        `node -e "const { MongoClient } = require('mongodb'); MongoClient.connect(process.env.MONGO_URL).then(c => c.db().dropDatabase())"`,
        'block',
        'sql/mongo-drop',
      ),
      prod(
        `node -e "const { MongoClient } = require('mongodb'); const c = new MongoClient(process.env.MONGO_URL); c.db('app').collection('users').deleteMany({})"`,
        'block',
      ),
      prod(`node -e "const r = new (require('ioredis'))(process.env.REDIS_URL); r.get('x').then(console.log)"`, 'allow'),
      prod(
        `node -e "const Redis = require('ioredis'); const r = new Redis(process.env.REDIS_URL); r.keys('user:*').then(k => console.log(k.length))"`,
        'allow',
      ),
      prod(
        `node -e "const { MongoClient } = require('mongodb'); const c = new MongoClient(process.env.MONGO_URL); c.db('app').collection('users').deleteMany({ _id: 5 })"`,
        'allow',
      ),
      prod(
        `node -e "const { MongoClient } = require('mongodb'); new MongoClient(process.env.MONGO_URL).db('app').collection('users').countDocuments()"`,
        'allow',
      ),
      ws(`node -e "const Redis = require('ioredis'); new Redis().flushall()"`),
    ],
  },
  {
    name: 'evasion8: awk runs a command held in a variable',
    cases: [
      prod(`gawk 'BEGIN { cmd = "dropdb app"; cmd | getline; close(cmd) }'`, 'block', 'database/dropdb'),
      prod(`awk 'BEGIN { s = "sh"; print "dropdb app" | s }'`, 'block', 'database/dropdb'),
      prod(`awk 'BEGIN { c = "rm -rf /var/lib/postgresql/15/main"; system(c) }'`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`awk 'BEGIN { cmd = "date +%s"; cmd | getline t; close(cmd); print t }'`, 'allow'),
      prod(`awk 'BEGIN { cmd = "ls -l"; while ((cmd | getline line) > 0) print line }'`, 'allow'),
      ws(`awk '{ print $1 }' access.log`),
    ],
  },
  {
    name: 'evasion8: deleting every entry a directory walk yields deletes the walked directory',
    cases: [
      prod(
        `python3 -c 'import pathlib; [p.unlink() for p in pathlib.Path("/var/lib/postgresql/15/main").rglob("*") if p.is_file()]'`,
        'confirm',
        'filesystem/rm-data-directory',
      ),
      prod(
        `python3 -c 'import os; [os.remove(os.path.join(r, f)) for r, d, fs in os.walk("/var/lib/mysql") for f in fs]'`,
        'confirm',
        'filesystem/rm-data-directory',
      ),
      prod(
        `python3 -c 'import os, shutil; [shutil.rmtree(os.path.join("/var/lib/postgresql", d)) for d in os.listdir("/var/lib/postgresql")]'`,
        'confirm',
        'filesystem/rm-data-directory',
      ),
      prod(`python3 -c 'import pathlib; [p.unlink() for p in pathlib.Path("/tmp/build").rglob("*.pyc") if p.is_file()]'`, 'allow'),
      prod(`python3 -c 'import os; [print(os.path.join(r, f)) for r, d, fs in os.walk("/var/lib/mysql") for f in fs]'`, 'allow'),
      ws(`python3 -c 'import os; [os.remove(os.path.join(r, f)) for r, d, fs in os.walk("build") for f in fs if f.endswith(".o")]'`),
    ],
  },
  {
    name: 'evasion8: printf piped to a shell is its format filled in',
    cases: [
      prod(`printf 'rm -rf %s\\n' /var/lib/postgresql/15/main | sh`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`printf 'rm -rf %s\\n' /var/lib/postgresql/15/main /var/lib/mysql | bash`, 'confirm', 'filesystem/rm-data-directory'),
      prod(`printf 'DROP %s %s;\\n' TABLE users | psql "$DATABASE_URL"`, 'block', 'sql/drop-objects'),
      prod(`printf 'echo %s\\n' hello | sh`, 'allow'),
      prod(`printf 'ls -l %s\\n' /var/lib/postgresql/15/main | sh`, 'allow'),
      ws(`printf '%s\\n' a b c | sort`),
    ],
  },
  {
    name: 'evasion8: mise exec runs the command after --',
    cases: [
      prod(`mise exec -- npx prisma migrate reset --force`, 'block', 'database/framework-reset-tasks'),
      prod(`mise exec node@20 -- npx prisma migrate reset --force`, 'block', 'database/framework-reset-tasks'),
      prod(`mise x -- dropdb app`, 'block', 'database/dropdb'),
      prod(`mise exec python@3.12 -c 'dropdb app'`, 'block', 'database/dropdb'),
      prod(`mise exec -- node --version`, 'allow'),
      ws(`mise exec node@20 -- npm run build`),
      ws(`mise install`),
    ],
  },
  {
    name: 'evasion8: migration tools that revert every migration',
    cases: [
      prod(`diesel migration redo --all`, 'block', 'database/schema-rollback-to-zero'),
      prod(`diesel migration revert --all --database-url "$DATABASE_URL"`, 'block', 'database/schema-rollback-to-zero'),
      prod(`cargo sqlx migrate revert --target-version 0`, 'block', 'database/schema-rollback-to-zero'),
      prod(`npx mikro-orm migration:down --to 0`, 'block', 'database/schema-rollback-to-zero'),
      prod(`yoyo rollback --all --batch`, 'block', 'database/schema-rollback-to-zero'),
      prod(`bin/rails db:migrate:redo STEP=100`, 'block', 'database/schema-rollback-to-zero'),
      prod(`npx graphile-migrate reset --erase`, 'block', 'database/migration-tool-wipe'),
      prod(`diesel migration redo`, 'confirm', 'database/migration-rollback-production'),
      prod(`diesel migration run`, 'allow'),
      prod(`sqlx migrate revert`, 'confirm', 'database/migration-rollback-production'),
      prod(`yoyo rollback --batch`, 'confirm', 'database/migration-rollback-production'),
      prod(`bin/rails db:migrate:redo`, 'confirm', 'database/migration-rollback-production'),
      ws(`diesel migration redo --all --database-url postgres://postgres@localhost/app_dev`),
    ],
  },
  {
    name: 'evasion8: data destroyed by a link, a self-join or a Lua loop',
    cases: [
      prod(`ln -sfn /dev/null /var/lib/redis/appendonly.aof`, 'confirm', 'filesystem/replace-data-files'),
      prod(`ln -fn /dev/null /var/lib/postgresql/15/main/global/pg_control`, 'confirm', 'filesystem/replace-data-files'),
      prod(`ln -sfn /opt/redis/7.2 /opt/redis/current`, 'allow'),
      prod(`cp -n defaults.conf /var/lib/redis/dump.rdb`, 'allow'),
      prod(`psql "$DATABASE_URL" -c "DELETE FROM users USING users u2 WHERE users.id = u2.id"`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql "$DATABASE_URL" -c "DELETE FROM users u USING users u2 WHERE u.email = u2.email"`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql "$DATABASE_URL" -c "UPDATE users SET active = false FROM users u2 WHERE users.id = u2.id"`, 'block', 'sql/delete-update-all-rows'),
      prod(`psql "$DATABASE_URL" -c "DELETE FROM users a USING users b WHERE a.email = b.email AND a.id < b.id"`, 'warn'),
      prod(`psql "$DATABASE_URL" -c "DELETE FROM orders USING users WHERE orders.user_id = users.id AND users.banned"`, 'confirm', 'sql/delete-computed-rows'),
      prod(`redis-cli -u "$REDIS_URL" EVAL "for _,k in ipairs(redis.call('KEYS','*')) do redis.call('DEL',k) end" 0`, 'confirm', 'database/redis-bulk-delete'),
      prod(
        `redis-cli -u "$REDIS_URL" EVAL "local ks = redis.call('KEYS', ARGV[1]) for i=1,#ks do redis.call('UNLINK', ks[i]) end return #ks" 0 'session:*'`,
        'confirm',
        'database/redis-bulk-delete',
      ),
      prod(`redis-cli -u "$REDIS_URL" EVAL "return redis.call('DEL', unpack(redis.call('KEYS', '*')))" 0`, 'confirm', 'database/redis-bulk-delete'),
      prod(`redis-cli -u "$REDIS_URL" EVAL "return redis.call('GET', KEYS[1])" 1 foo`, 'allow'),
      prod(`redis-cli -u "$REDIS_URL" EVAL "local n = 0 for _,k in ipairs(redis.call('KEYS','*')) do n = n + 1 end return n" 0`, 'allow'),
    ],
  },
  {
    name: 'evasion8: a failover guard edited in place',
    cases: [
      prod(
        `sed -i 's/"PreventCrossRegionMasterFailover": true/"PreventCrossRegionMasterFailover": false/' /etc/orchestrator.conf.json`,
        'confirm',
        'replication/failover-guard-edit',
      ),
      prod(`sudo sed -i '/nofailover/d' /etc/patroni/patroni.yml`, 'confirm', 'replication/failover-guard-edit'),
      prod(`sed -n '/PreventCrossRegionMasterFailover/p' /etc/orchestrator.conf.json`, 'allow'),
      prod(`sed -i 's/"ListenAddress": ":3000"/"ListenAddress": ":3001"/' /etc/orchestrator.conf.json`, 'allow'),
      ws(`sed -i 's/nofailover: true/nofailover: false/' deploy/patroni.yml`),
    ],
  },
];
