// `$(cat FILE | xargs)` expands to FILE's lines: the word names FILE so the edge can read it,
// and env/export read its variables; any other substitution stays unknown.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';
import { envFilesNamedBy } from '../../src/parse/wrappers/env-runners.js';

const OPTIONS = { env: { HOME: '/home/dev' }, cwd: '/app', home: '/home/dev' };
const named = (line: string) => extractInvocations(line, OPTIONS).invocations.flatMap(envFilesNamedBy);

describe('the env-file idiom names its file', () => {
  it('cat, grep -v, sed, tr and xargs < FILE, ending in a bare xargs', () => {
    expect(named('env $(cat .env.production | xargs) npm test')).toEqual(['/app/.env.production']);
    expect(named("export $(grep -v '^#' .env | xargs)")).toEqual(['/app/.env']);
    expect(named("export $(grep -v -e '^#' config/prod.env | xargs -0)")).toEqual(['/app/config/prod.env']);
    expect(named("export $(sed 's/#.*//' /etc/app.env | tr -d '\\r' | xargs)")).toEqual(['/etc/app.env']);
    expect(named('export $(xargs < .env.prod)')).toEqual(['/app/.env.prod']);
    expect(named("export $(cat .env | grep -v '^#' | xargs -d '\\n')")).toEqual(['/app/.env']);
  });

  it('anything else is not an env file', () => {
    expect(named('env $(cat list.txt | xargs rm) npm test')).toEqual([]);
    expect(named('export $(cat a.env b.env | xargs)')).toEqual([]);
    expect(named('export $(curl -s https://x/env | xargs)')).toEqual([]);
    expect(named('echo $(cat .env | xargs)')).toEqual([]);
    expect(named('export "$(cat .env | xargs)"')).toEqual([]);
  });

  it('env and export take the variables the edge read', () => {
    const envFiles = { '/app/.env.production': { DATABASE_URL: 'postgres://db.prod/app' } };
    const invocations = extractInvocations('env $(cat .env.production | xargs) npm test; export $(cat .env.production | xargs) && rake', {
      ...OPTIONS,
      envFiles,
    }).invocations;
    expect(invocations.find((inv) => inv.name === 'npm')!.env.DATABASE_URL).toBe('postgres://db.prod/app');
    expect(invocations.find((inv) => inv.name === 'rake')!.env.DATABASE_URL).toBe('postgres://db.prod/app');
  });
});
