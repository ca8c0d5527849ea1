// One table says how each database client reads its options (src/knowledge/commands.ts); target
// resolution, secrets and the SQL reader all follow it, so they cannot disagree about arity.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';
import { secretsOfInvocations } from '../../src/parse/secrets.js';
import { sqlSourcesOf } from '../../src/parse/sql/sources.js';
import { resolveTargets } from '../../src/targets/resolve.js';
import { CLIENTS } from '../../src/knowledge/commands.js';
import { DATABASE_CLIENTS } from '../../src/targets/resolve.js';

const env = { DATABASE_URL: 'postgres://app:pw@db.prod.example.com/app' };
const invocations = (line: string) => extractInvocations(line, { env, cwd: '/home/dev', home: '/home/dev' }).invocations;
const facts = { hostname: 'workstation', envFiles: {} };
const databaseOf = (line: string) => resolveTargets(invocations(line)[0]!, 'database', facts)[0]!;

describe('client option knowledge', () => {
  it('psql -1 is --single-transaction, not the database name', () => {
    const target = databaseOf('psql -X -1 -v ON_ERROR_STOP=1 "$DATABASE_URL" -f x.sql');
    expect(target.host).toBe('db.prod.example.com');
    expect(target.database).toBe('app');
  });

  it('pg_restore -1 is a flag too', () => {
    expect(databaseOf('pg_restore -1 -d app_prod dump.pgc').database).toBe('app_prod');
  });

  it('redis-cli --askpass and -3 are flags, so the command word stays the command', () => {
    expect(databaseOf('redis-cli --askpass -3 -h cache.prod.example.com FLUSHALL').host).toBe('cache.prod.example.com');
  });

  it('a password attached to mysql -p is neither a host nor shown', () => {
    const target = databaseOf("mysql -phunter2 -e 'DROP TABLE users' app");
    expect(target.host).toBeUndefined();
    expect(target.database).toBe('app');
    expect(secretsOfInvocations(invocations('mysql -phunter2 -h db1 app'))).toEqual(['hunter2']);
  });

  it('secrets are read with the same arity as targets', () => {
    expect(secretsOfInvocations(invocations('redis-cli --askpass -a s3cret -h cache1 PING'))).toEqual(['s3cret']);
    expect(secretsOfInvocations(invocations('mysqlsh --dbpassword=s3cret root@db1'))).toEqual(['s3cret']);
    expect(secretsOfInvocations(invocations('mongosh --password s3cret mongodb://db1/app'))).toEqual(['s3cret']);
  });

  it('mysqlsh is a MySQL client: its URI is the target and --sql -e is SQL', () => {
    const target = databaseOf("mysqlsh root@db.prod.example.com:3306/app --sql -e 'DROP TABLE users'");
    expect(target).toMatchObject({ engine: 'mysql', host: 'db.prod.example.com', database: 'app' });
    expect(sqlSourcesOf(invocations("mysqlsh root@db1 --sql -e 'DROP TABLE users'")[0]!)).toMatchObject([{ dialect: 'mysql', text: 'DROP TABLE users' }]);
  });

  it('every client in the table is a database client for the hook prefilter', () => {
    expect([...DATABASE_CLIENTS].sort()).toEqual(Object.keys(CLIENTS).sort());
  });
});
