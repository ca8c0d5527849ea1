// Runners, environment wrappers, app consoles and migration tools (issue 11, classes 5 and 6):
// what they run is judged, in the environment they give it. Everyday uses of the same tools stay
// at allow.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'web3.prod.example.com';
const PROD_URL = 'postgres://app:s3cret@pg-main.prod.example.com:5432/shop';
/** travis-2018: a remote database with no "prod" in its name. */
const OPAQUE_URL = 'postgres://app:s3cret@ec2-3-91-20-7.compute-1.amazonaws.com:5432/q81xz';

export const groups: CorpusGroup[] = [
  {
    name: 'test runs without a test program in the line',
    cases: [
      { line: 'node --test --test-concurrency=1', env: { DATABASE_URL: OPAQUE_URL }, expect: 'confirm', rule: 'database/test-suite-against-remote' },
      {
        line: 'node --experimental-test-coverage --test test/api/',
        env: { DATABASE_URL: PROD_URL },
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
      {
        line: 'npx turbo run test:integration --filter=@shop/api',
        env: { DATABASE_URL: OPAQUE_URL },
        expect: 'confirm',
        rule: 'database/test-suite-against-remote',
      },
      { line: 'nx run-many -t test --parallel=3', env: { DATABASE_URL: OPAQUE_URL }, expect: 'confirm', rule: 'database/test-suite-against-remote' },
      { line: 'hatch run test:unit', env: { DATABASE_URL: OPAQUE_URL }, expect: 'confirm', rule: 'database/test-suite-against-remote' },
      { line: 'pdm run test-all', env: { DATABASE_URL: OPAQUE_URL }, expect: 'confirm', rule: 'database/test-suite-against-remote' },
      { line: 'mise run test', env: { DATABASE_URL: OPAQUE_URL }, expect: 'confirm', rule: 'database/test-suite-against-remote' },
      { line: 'node --test', env: { DATABASE_URL: 'postgres://localhost/shop_test' }, expect: 'allow' },
      { line: 'node --test', expect: 'allow' },
      { line: 'turbo run build lint --filter=web', env: { DATABASE_URL: OPAQUE_URL }, expect: 'allow' },
      { line: 'node --watch server.js', env: { DATABASE_URL: OPAQUE_URL }, expect: 'allow' },
    ],
  },
  {
    name: 'environment wrappers set the database of the command they run',
    cases: [
      { line: `cross-env DATABASE_URL=${PROD_URL} vitest run`, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'npx cross-env RAILS_ENV=production bin/rails db:schema:load', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'cross-env NODE_ENV=test vitest run', expect: 'allow' },
      { line: 'cross-env NODE_ENV=production webpack --mode production', expect: 'allow' },
      {
        line: 'env-cmd -f .env.prod npx knex migrate:rollback --all',
        envFiles: { '.env.prod': { DATABASE_URL: PROD_URL } },
        expect: 'block',
      },
      {
        line: 'env-cmd -e live,shared -- npm test',
        envFiles: { '.env-cmdrc#live': { DATABASE_URL: PROD_URL } },
        expect: 'block',
        rule: 'database/test-suite-against-remote',
      },
      {
        line: 'env-cmd -e ci -- npm test',
        envFiles: { '.env-cmdrc#ci': { DATABASE_URL: 'postgres://postgres@localhost/shop_test' }, '.env-cmdrc#live': { DATABASE_URL: PROD_URL } },
        expect: 'allow',
      },
      { line: 'env-cmd jest --watch', envFiles: { '.env': { DATABASE_URL: 'postgres://localhost/shop_dev' } }, expect: 'allow' },
      { line: 'doppler run --config prd -- bin/rails db:schema:load', expect: 'block', rule: 'database/reset-tasks' },
      { line: "doppler run -c production --command 'npx prisma migrate reset --force'", expect: 'block' },
      { line: 'doppler run --config dev -- bin/rails db:reset', expect: 'allow' },
      { line: 'doppler run -- npm run build', expect: 'allow' },
    ],
  },
  {
    name: 'app consoles run the command in the deployed app',
    cases: [
      { line: "kamal app exec --destination production 'bin/rails db:schema:load'", expect: 'block', rule: 'database/reset-tasks' },
      { line: 'kamal app exec -d production --reuse -- bin/rails db:seed:replant', expect: 'block' },
      { line: "fly ssh console --app shop-production --command 'bin/rails db:reset'", expect: 'block', rule: 'database/reset-tasks' },
      { line: "flyctl ssh console -a shop-prod -C 'python manage.py flush --no-input'", expect: 'block' },
      { line: "cf ssh shop-production -c 'bin/rails db:drop'", expect: 'block', rule: 'database/reset-tasks' },
      { line: 'railway run --environment production bin/rails db:reset', expect: 'block', rule: 'database/reset-tasks' },
      { line: 'docker compose -f compose.production.yml run --rm api npx prisma migrate reset --force', expect: 'block' },
      { line: 'docker compose -p shop-prod exec api bin/rails db:drop', expect: 'block', rule: 'database/reset-tasks' },
      {
        line: 'docker compose run --rm -e DATABASE_URL api bundle exec rspec',
        env: { DATABASE_URL: OPAQUE_URL },
        expect: 'confirm',
        rule: 'database/test-suite-against-remote',
      },
      { line: 'docker compose run --rm api bundle exec rspec', env: { DATABASE_URL: OPAQUE_URL }, expect: 'allow' },
      { line: 'kamal app exec -d production \'bin/rails runner "puts User.count"\'', expect: 'allow' },
      { line: 'kamal app logs -d production -f', expect: 'allow' },
      { line: "fly ssh console -a shop-staging -C 'ls /app'", expect: 'allow' },
      { line: 'fly ssh console -a shop-production', expect: 'allow' },
      { line: 'docker compose run --rm api bin/rails db:reset', expect: 'allow' },
      { line: 'docker compose -f compose.production.yml config', hostname: PROD_HOST, expect: 'allow' },
    ],
  },
  {
    name: 'migration tools whose target database is an option or a word',
    cases: [
      {
        line: 'mvn -B flyway:clean -Dflyway.url=jdbc:postgresql://pg-main.prod.example.com:5432/shop -Dflyway.user=admin',
        expect: 'block',
        rule: 'database/migration-tool-wipe',
      },
      { line: './gradlew flywayClean -Pflyway.url=jdbc:postgresql://pg-main.prod.example.com/shop', expect: 'block', rule: 'database/migration-tool-wipe' },
      { line: `atlas schema clean --url "${PROD_URL}" --auto-approve`, expect: 'block', rule: 'database/migration-tool-wipe' },
      { line: 'sqitch revert --to @ROOT -y db:pg://deploy@pg-main.prod.example.com/shop', expect: 'block', rule: 'database/migration-tool-wipe' },
      {
        line: `alembic -x sqlalchemy.url=${PROD_URL.replace('postgres:', 'postgresql:')} downgrade base`,
        expect: 'block',
        rule: 'database/migration-tool-wipe',
      },
      { line: 'sqitch revert -y db:pg://ec2-3-91-20-7.compute-1.amazonaws.com/q81xz', expect: 'confirm', rule: 'database/migration-tool-wipe' },
      { line: 'mvn flyway:clean -Dflyway.url=jdbc:postgresql://localhost:5432/shop_dev', expect: 'allow' },
      { line: 'atlas schema clean -u "postgres://postgres:pass@localhost:5432/dev?sslmode=disable" --auto-approve', expect: 'allow' },
      { line: 'alembic -x db_url=postgresql://localhost/shop_dev downgrade base', expect: 'allow' },
      { line: `atlas schema inspect -u "${PROD_URL}"`, expect: 'allow' },
      { line: 'mvn -Dflyway.url=jdbc:postgresql://pg-main.prod.example.com/shop flyway:info', expect: 'allow' },
    ],
  },
];
