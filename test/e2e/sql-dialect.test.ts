// check --sql with a MySQL URL reads the SQL as MySQL (issue 11): DESCRIBE and SHOW are reads, and
// MySQL-only syntax (backticks) is judged, not "cannot be parsed".
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';

const PROD_MYSQL = 'mysql://app:s3cret@db.prod.example.com/app';

function check(sql: string, url: string) {
  const result = runCli(['check', '--json', '--no-probe', '--sql', sql, '--url', url], { env: cleanEnv({}) });
  return JSON.parse(result.stdout || '{}') as { verdict: string; findings: { rule: string; message: string }[] };
}

describe('check --sql with a mysql:// URL', () => {
  it('allows DESCRIBE and SHOW, which are reads', () => {
    expect(check('DESCRIBE users', PROD_MYSQL).verdict).toBe('allow');
    expect(check('SHOW TABLES', 'mariadb://app@db.prod.example.com/app').verdict).toBe('allow');
  });

  it('blocks a MySQL DELETE of every row and keeps the password out of the output', () => {
    const body = check('DELETE FROM `users`', PROD_MYSQL);
    expect(body.verdict).toBe('block');
    expect(body.findings.map((f) => f.rule)).toContain('sql/delete-update-all-rows');
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });
});
