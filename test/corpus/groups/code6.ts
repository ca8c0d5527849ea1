// Issue 11, what bash would run, prodguard judges (code6): command words the shell computes
// (substrings, case changes, namerefs, indirection, associative arrays, decoders' output),
// programs inside more interpreters, lists read from files, and ORM code run inline.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'db1.prod.example.com';
const PROD_URL = 'postgres://app:s3cret@db.prod.example.com:5432/app';

export const groups: CorpusGroup[] = [
  {
    name: 'a command word the shell computes is evaluated where the line shows its text, and never allowed silently where it does not',
    cases: [
      { line: 'a=xyz; ${a:1:0}dropdb orders', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: '${1:0:0}rm -rf /var/lib/postgresql', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'p=xdropdb; "${p:1}" billing', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: 'p=dropdbxx; "${p: -8:6}" billing', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      {
        line: `x=PsQl; \${x,,} "$DATABASE_URL" -c 'DROP TABLE users'`,
        env: { DATABASE_URL: PROD_URL },
        hostname: PROD_HOST,
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      {
        line: 'target=redis-cli; declare -n t=target; "$t" -h cache.prod.example.com FLUSHALL',
        hostname: PROD_HOST,
        expect: 'block',
        rule: 'database/redis-flush',
      },
      { line: 'typeset -n ref=tool; tool=dropdb; $ref billing', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: 'declare -n r=c; r=dropdb; $c app', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: 'name=prog; prog=dropdb; ${!name} app', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: 'declare -A svc=([db]=dropdb [web]=ls); "${svc[db]}" app', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: 'declare -A d; d[my]=/var/lib/mysql; rm -rf "${d[my]}"', hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      // Text from a transform nobody reads before it runs: the program cannot be named.
      { line: 'c=$(cut -c2- <<< xdropdb); $c app', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      { line: '$(printf %s xdropdb | tr -d x) app', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      { line: '$(tr a-z n-za-m <<< yf) -la', hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      // Everyday: environment variables as the command word, values the line shows.
      { line: '$EDITOR notes.md', hostname: PROD_HOST, expect: 'allow' },
      { line: '"$CC" -O2 -o app main.c', hostname: PROD_HOST, expect: 'allow' },
      { line: '${PAGER:-less} CHANGELOG.md', hostname: PROD_HOST, expect: 'allow' },
      { line: 'declare -A ports=([web]=8080); curl "localhost:${ports[web]}/health"', hostname: PROD_HOST, expect: 'allow' },
      { line: 'v=1.2.3; echo "${v:0:3}"', hostname: PROD_HOST, expect: 'allow' },
      { line: 'declare -A dirs=([a]=./build [b]=./dist); rm -rf "${dirs[@]}"', hostname: PROD_HOST, expect: 'allow' },
      { line: 'x=hello; echo "${x^}"', hostname: PROD_HOST, expect: 'allow' },
      { line: '$(git rev-parse --show-toplevel)/scripts/lint.sh', hostname: PROD_HOST, expect: 'allow' },
      { line: '"$(dirname "$0")"/run.sh --help', hostname: PROD_HOST, expect: 'allow' },
      { line: '$(which python3) -m pip list', hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'programs inside R, Julia and Tcl, pathlib and readdir loops, argv lists and Redis/MongoDB clients are judged as what they run',
    cases: [
      { line: `Rscript -e 'system("rm -rf /var/lib/mysql")'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `R -e 'system2("dropdb", c("-h", "db1.prod.example.com", "app"))'`, expect: 'block', rule: 'database/dropdb' },
      { line: `Rscript -e 'fs::dir_delete("/var/lib/postgresql/15/main")'`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "julia -e 'run(`dropdb -h db1.prod.example.com app`)'", expect: 'block', rule: 'database/dropdb' },
      {
        line: `julia -e 'rm("/var/lib/postgresql"; force=true, recursive=true)'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: `echo 'file delete -force /var/lib/postgresql/15/main' | tclsh`, hostname: PROD_HOST, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: `tclsh <<< 'if {1} { exec dropdb -h db1.prod.example.com app }'`, expect: 'block', rule: 'database/dropdb' },
      {
        line: `python3 -c 'from pathlib import Path; import shutil; [shutil.rmtree(p) for p in Path("/var/lib/postgresql/15/main").iterdir()]'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: `python3 -c 'import pathlib; [f.unlink() for f in pathlib.Path("/var/lib/mysql").rglob("*.frm")]'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: `perl -e 'opendir(DH, "/var/lib/postgresql/15/main") or die; unlink grep { -f } map { "/var/lib/postgresql/15/main/$_" } readdir(DH)'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: `node -e 'const cp = require("child_process"); cp.spawnSync("psql", [process.env.DATABASE_URL, "-c", "TRUNCATE orders"], { stdio: "inherit" })'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/truncate',
      },
      {
        line: `python3 -c 'import subprocess, os; subprocess.check_call(["psql", os.environ["DATABASE_URL"], "-c", "DROP TABLE orders"])'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: `python3 -c 'import redis; redis.StrictRedis(host="cache.prod.example.com").flushdb()'`, expect: 'block', rule: 'database/redis-flush' },
      {
        line: `python3 -c 'import redis, os; c = redis.from_url(os.environ["REDIS_URL"]); c.flushall()'`,
        env: { REDIS_URL: 'redis://cache.prod.example.com:6379/0' },
        expect: 'block',
        rule: 'database/redis-flush',
      },
      {
        line: `python3 -c 'import pymongo; pymongo.MongoClient("mongodb://mongo1.prod.example.com:27017").drop_database("billing")'`,
        expect: 'block',
        rule: 'sql/mongo-drop',
      },
      // Everyday: package installs, reads, builds.
      { line: `Rscript -e 'install.packages("data.table", repos = "https://cloud.r-project.org")'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `Rscript -e 'rmarkdown::render("report.Rmd")'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `julia --project=. -e 'using Pkg; Pkg.instantiate(); Pkg.test()'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `tclsh <<< 'set n 3; if {$n > 1} { puts [expr {$n * 2}] }'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `python3 -c 'from pathlib import Path; [p.unlink() for p in Path("build").rglob("*.pyc")]'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `python3 -c 'import redis; print(redis.Redis(host="cache.prod.example.com").info("memory"))'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `node -e 'require("child_process").execFileSync("git", ["status", "--short"], { stdio: "inherit" })'`, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'ORM code run inline (rails runner, manage.py shell -c, artisan tinker --execute) that deletes in bulk is not allowed on production',
    cases: [
      {
        line: `python3 manage.py shell -c 'from billing.models import Invoice; Invoice.objects.exclude(paid=True).delete()'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      {
        line: `python3 manage.py shell -c 'from django.db import connection; connection.cursor().execute("DELETE FROM carts WHERE id = 1")'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      {
        line: `./manage.py shell -c 'from django.db import connection; connection.cursor().execute("DELETE FROM carts")'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/delete-update-all-rows',
      },
      {
        line: `php artisan tinker --execute='App\\Models\\Order::query()->where("status", "draft")->delete();'`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      {
        line: `php artisan tinker --execute="Schema::drop('audit_logs');"`,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'database/framework-code-mass-delete',
      },
      {
        line: `bin/rails r 'Account.where(closed: true).find_each(&:destroy)'`,
        env: { RAILS_ENV: 'production' },
        expect: 'confirm',
        rule: 'database/rails-runner-mass-delete',
      },
      {
        line: `bundle exec rails runner 'DatabaseCleaner.strategy = :truncation; DatabaseCleaner.clean'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/rails-runner-mass-delete',
      },
      // SQL through the app's own connection is judged as that SQL against DATABASE_URL's database.
      {
        line: `bin/rails runner 'ActiveRecord::Base.connection.exec_query("TRUNCATE TABLE payments")'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/truncate',
      },
      {
        line: `php artisan tinker --execute='DB::unprepared("DROP TABLE audit_logs");'`,
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'sql/drop-objects',
      },
      { line: `bin/rails r 'system("dropdb -h db1.prod.example.com app")'`, expect: 'block', rule: 'database/dropdb' },
      // Everyday: reads and counts.
      { line: `php artisan tinker --execute='DB::select("select count(*) from users");'`, env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
      {
        line: `./manage.py shell -c 'from billing.models import Invoice; print(Invoice.objects.filter(paid=False).count())'`,
        hostname: PROD_HOST,
        expect: 'allow',
      },
      { line: `php artisan tinker --execute='dump(App\\Models\\Order::where("status", "draft")->count());'`, hostname: PROD_HOST, expect: 'allow' },
      { line: `bin/rails runner 'puts Account.where(closed: true).count'`, env: { RAILS_ENV: 'production' }, expect: 'allow' },
    ],
  },
];
