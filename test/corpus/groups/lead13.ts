// The lead's cases from the thirteenth stop, from the classes a blind set of everyday lines
// (adv13) found open: a project's own destroy/reset task told to act on production by an argument
// (`ENV=production`, `STAGE=prod`, a bare `production`, `--env prod`), one-step migration
// rollbacks on production, a project test task with a production DATABASE_URL, and a namespace
// deleted by name when no kube context is known. The must-pass lines are the same tools' everyday
// use: builds with NODE_ENV=production, deploys, local resets, listing tasks.
import type { CorpusGroup } from '../cases.js';

const PROD_URL = 'postgres://app:pw@db.prod.example.com:5432/app';
const LOCAL_URL = 'postgres://postgres:postgres@localhost:5432/app_test';

export const groups: CorpusGroup[] = [
  {
    name: "lead13: a project's destroy/reset task pointed at production",
    cases: [
      { line: 'make db-drop ENVIRONMENT=production', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'gmake -f ops.mk teardown STAGE=prod', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'yarn run db:wipe --env production', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'npm run-script truncate-tables -- --env=prod', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'APP_ENV=production composer run db-reset', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'go-task db:nuke DEPLOY_ENV=production', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'mage destroy prod', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'cap prod db:reset', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'bun run db:migrate:rollback --env production', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'make db-reset', env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL }, expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'make build ENV=production', expect: 'allow' },
      { line: 'make deploy STAGE=prod', expect: 'allow' },
      { line: 'NODE_ENV=production npm run build && npm run purgecss', expect: 'allow' },
      { line: 'yarn reset-password-email --env production', expect: 'allow' },
      { line: 'make db-reset ENV=test', expect: 'allow' },
      { line: 'npm run db:reset', env: { DATABASE_URL: LOCAL_URL }, expect: 'allow' },
      { line: 'just --list', expect: 'allow' },
      { line: 'task --list-all', expect: 'allow' },
      { line: 'cap production deploy:check', expect: 'allow' },
      { line: 'make -n drop-db ENV=production', expect: 'allow' },
      { line: 'pnpm run seed:demo -- --env development', expect: 'allow' },
    ],
  },
  {
    name: 'lead13: migration rollbacks on production',
    cases: [
      {
        line: 'bin/rails db:rollback',
        env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/migration-rollback-production',
      },
      { line: 'rake db:migrate:down VERSION=20240301120000 RAILS_ENV=production', expect: 'confirm', rule: 'database/migration-rollback-production' },
      { line: `DATABASE_URL=${PROD_URL} flask db downgrade`, expect: 'confirm', rule: 'database/migration-rollback-production' },
      {
        line: 'npx typeorm migration:revert -d dist/data-source.js',
        env: { DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/migration-rollback-production',
      },
      { line: `dbmate --url ${PROD_URL} rollback`, expect: 'confirm', rule: 'database/migration-rollback-production' },
      {
        line: 'mix ecto.rollback --step 1',
        env: { MIX_ENV: 'prod', DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/migration-rollback-production',
      },
      { line: 'bin/rails db:rollback', env: { DATABASE_URL: LOCAL_URL }, expect: 'allow' },
      { line: 'bin/rails db:migrate', env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL }, expect: 'allow' },
      { line: 'alembic downgrade -1 --sql > downgrade.sql', env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
      { line: 'npx knex migrate:rollback', env: { DATABASE_URL: LOCAL_URL }, expect: 'allow' },
    ],
  },
  {
    name: "lead13: a project's test task and a namespace deleted by name",
    cases: [
      { line: `export DATABASE_URL=${PROD_URL} && make test-integration`, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'task test', env: { DATABASE_URL: PROD_URL }, expect: 'block', rule: 'database/test-suite-against-remote' },
      { line: 'make test', env: { DATABASE_URL: LOCAL_URL }, expect: 'allow' },
      { line: 'oc delete project payments-production', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl delete namespaces prod-eu', expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'kubectl delete namespace review-app-1234', expect: 'allow' },
      { line: 'kubectl get namespace production -o yaml', expect: 'allow' },
    ],
  },
  {
    name: "lead13: a migration tool's settings file named for production",
    cases: [
      { line: 'flyway -configFiles=conf/flyway.conf,conf/production.conf migrate', expect: 'allow' },
      { line: 'flyway -configFiles=conf/flyway.conf,conf/production.conf clean', expect: 'block', rule: 'database/migration-tool-wipe' },
      { line: 'alembic --config alembic-prod.ini downgrade base', expect: 'block', rule: 'database/migration-tool-wipe' },
      { line: 'liquibase --defaults-file=prod/liquibase.properties rollbackCount 3', expect: 'confirm', rule: 'database/migration-rollback-count' },
      { line: 'liquibase --defaults-file=liquibase.properties status', expect: 'allow' },
      { line: 'dbmate --env-file .env.production rollback', expect: 'confirm', rule: 'database/migration-rollback-production' },
      { line: 'dbmate --env-file .env.test rollback', expect: 'allow' },
    ],
  },
  {
    name: 'lead13: Terraform told its environment by a variable; forced replacements of stateful resources',
    cases: [
      { line: 'terraform destroy -var environment=prod', expect: 'block', rule: 'cloud/terraform-destroy' },
      { line: 'terraform destroy -var environment=sandbox-42', expect: 'confirm', rule: 'cloud/terraform-destroy' },
      { line: 'terragrunt run-all destroy --terragrunt-working-dir live/production', expect: 'block', rule: 'cloud/terraform-destroy' },
      { line: 'terraform apply -replace=module.db.aws_rds_cluster.this -var-file=envs/production.tfvars', expect: 'block', rule: 'cloud/iac-replace-stateful' },
      {
        line: 'pulumi up --stack acme/prod --target-replace urn:pulumi:prod::shop::gcp:sql/databaseInstance:DatabaseInstance::main --yes',
        expect: 'block',
        rule: 'cloud/iac-replace-stateful',
      },
      { line: 'terraform apply -replace=aws_ecs_task_definition.api -var-file=envs/production.tfvars', expect: 'allow' },
      { line: 'terraform apply -var-file=envs/production.tfvars -var force_destroy=true', expect: 'confirm', rule: 'cloud/iac-protection-off' },
      { line: 'terraform plan -var environment=prod -out=tfplan', expect: 'allow' },
    ],
  },
  {
    name: 'lead13: deletions run for real, playbooks by inventory, rails runner reading stdin',
    cases: [
      {
        line: 'bin/rake data:purge_deleted_users DRY_RUN=0',
        env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/delete-task-dry-run-off',
      },
      {
        line: 'php artisan accounts:delete-unverified --execute',
        env: { APP_ENV: 'production', DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/delete-task-dry-run-off',
      },
      {
        line: 'python3 scripts/prune_orphaned_files.py --no-dry-run',
        env: { DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/delete-task-dry-run-off',
      },
      { line: 'python3 scripts/prune_orphaned_files.py --dry-run', env: { DATABASE_URL: PROD_URL }, expect: 'allow' },
      { line: 'bin/rake data:purge_deleted_users DRY_RUN=0', env: { DATABASE_URL: LOCAL_URL }, expect: 'allow' },
      { line: 'ansible-playbook -i inventory/prod.ini playbooks/db-teardown.yml', expect: 'confirm', rule: 'database/destructive-project-task' },
      { line: 'ansible-playbook -i inventory/prod.ini playbooks/deploy.yml --check', expect: 'allow' },
      {
        line: "bin/rails runner - <<'RUBY'\nOrder.where(state: 'draft').delete_all\nRUBY",
        env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL },
        expect: 'confirm',
        rule: 'database/rails-runner-mass-delete',
      },
      { line: "bin/rails runner - <<'RUBY'\nputs User.count\nRUBY", env: { RAILS_ENV: 'production', DATABASE_URL: PROD_URL }, expect: 'allow' },
    ],
  },
  {
    name: 'lead13: forced replaces on a cluster; a replication admin naming its servers',
    cases: [
      { line: 'oc replace --force -f deploy/postgres.yaml --context=prod-east', expect: 'confirm', rule: 'kubernetes/replace-force' },
      { line: 'kubectl replace -f deploy/configmap.yaml --context=prod-east', expect: 'allow' },
      {
        line: 'mysqlrpladmin --master=admin@db-prod-a.internal:3306 --slaves=admin@db-prod-b.internal:3306 --candidates=admin@db-prod-b.internal:3306 failover',
        expect: 'confirm',
        rule: 'replication/failover',
      },
      { line: 'mysqlrpladmin --master=root@127.0.0.1:3306 --slaves=root@127.0.0.1:3307 health', expect: 'allow' },
    ],
  },
  {
    name: 'lead13: a force push after switching to a shared branch in the same line',
    cases: [
      { line: 'git fetch && git checkout master && git reset --hard origin/master~2 && git push --force', expect: 'confirm', rule: 'git/force-push-main' },
      { line: 'git switch develop; git rebase -i HEAD~5; git push -f origin', expect: 'confirm', rule: 'git/force-push-main' },
      { line: 'git checkout -b fix/login && git commit --amend --no-edit && git push -f', expect: 'allow' },
      { line: 'git checkout main && git pull && git checkout feature/x && git push -f', expect: 'allow' },
      { line: 'git checkout main && git push origin main', expect: 'allow' },
    ],
  },
  {
    name: "lead13: a password's variable names no server",
    cases: [
      {
        line: `op run --env-file=.env.production -- mariadb -u root -p"$MARIADB_ROOT_PASSWORD" -h 127.0.0.1 -e "SELECT 1"`,
        expect: 'allow',
      },
      { line: 'teller run -- mysql -h "$DB_HOST" -p"$DB_PASSWORD" -e "DROP DATABASE shop"', expect: 'confirm', rule: 'sql/drop-objects' },
    ],
  },
];
