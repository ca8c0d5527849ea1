// The fast path never answers "allow" for a line naming a runner that runs what the line does not
// show (issue 11, class 5): task files, package scripts by name, environment wrappers, app
// consoles, node's test runner and migration tools whose target is an option.
import { describe, expect, it } from 'vitest';
import { fastPathTable } from '../../src/fast-path/table.js';
import { provablyHarmless } from '../../src/fast-path/answer.js';
import { parseErrorCount } from '../../src/fast-path/parser.js';
import { builtinRules } from '../helpers/rules.js';

const table = fastPathTable(await builtinRules());

describe('the fast path sends runner lines to the checker', () => {
  it.each([
    'just reset-db',
    'just',
    'task db:drop',
    'task',
    'npx run-s db:fresh',
    'run-p "db:*"',
    'npm-run-all clean db:seed',
    'turbo run purge',
    'turbo purge --filter=api',
    'nx run api:purge',
    'nx run-many -t purge',
    'node --run purge',
    'node --test',
    'env-cmd -f .env.production npx prisma migrate reset --force',
    'env-cmd -e production bin/rails db:reset',
    'cross-env DATABASE_URL=postgres://db1.prod.example.com/app jest',
    "kamal app exec -d production 'bin/rails db:reset'",
    "fly ssh console -a acme-production -C 'bin/rails db:drop'",
    "cf ssh shop-production -c 'bin/rails db:drop'",
    'railway run -e production bin/rails db:reset',
    'docker compose -f docker-compose.prod.yml run --rm web bin/rails db:reset',
    'hatch run test',
    'mise run test',
    'mvn flyway:clean -Dflyway.url=jdbc:postgresql://db1.prod.example.com/app',
    'atlas schema clean -u postgres://db1.prod.example.com/app',
    'sqitch revert -y db:pg://app@db1.prod.example.com/app',
    'alembic -x db_url=postgresql://db1.prod.example.com/app downgrade base',
  ])('%s goes to the checker', (line) => {
    expect(provablyHarmless(line, table, parseErrorCount)).toBe(false);
  });
});
