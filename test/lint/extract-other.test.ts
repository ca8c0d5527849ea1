import { describe, expect, it } from 'vitest';
import { extractFile, escapeHatchesIn } from '../../src/lint/extract/index.js';
import { extractDotenv, isLocalHost, urlTarget } from '../../src/lint/extract/dotenv.js';
import { extractOrchestratorConfig } from '../../src/lint/extract/orchestrator.js';
import { extractPackageJson } from '../../src/lint/extract/package-json.js';
import { extractProcfile } from '../../src/lint/extract/procfile.js';
import { LINT_FILE_FORMATS } from '../../src/lint/types.js';
import { at, fixture, textAt } from './helpers.js';

describe('package.json extractor', () => {
  const text = fixture('dangerous', 'package.json');
  const { snippets } = extractPackageJson(text);

  it('extracts each script, decoding JSON escapes and mapping back into the string', () => {
    expect(snippets.map((s) => [s.origin, s.text])).toEqual([
      ['scripts.test', 'rspec'],
      ['scripts.db:wipe', 'psql "$DATABASE_URL" -c "DROP SCHEMA public CASCADE"'],
      ['scripts.deploy:prod', 'rm -rf /srv/app && cp -r dist /srv/app'],
    ]);
    const wipe = snippets[1]!;
    expect(at(wipe, 'DROP SCHEMA')).toEqual({ line: 5, column: 45 });
    expect(textAt(text, at(wipe, 'DROP SCHEMA'), 11)).toBe('DROP SCHEMA');
    expect(snippets[2]!.hints).toEqual([{ environment: 'production', evidence: 'script deploy:prod', line: 6 }]);
  });

  it('accepts tab-indented JSON with a BOM, and reports broken JSON as a parse error', () => {
    const r = extractPackageJson('\uFEFF{\n\t"scripts": {\n\t\t"x": "rm -rf \\"$D/\\""\n\t}\n}\n');
    expect(r.snippets[0]!.text).toBe('rm -rf "$D/"');
    expect(at(r.snippets[0]!, 'rm')).toEqual({ line: 3, column: 9 });
    const bad = extractPackageJson('{\n  "scripts": {\n    "x": "y",,\n  }\n');
    expect(bad.snippets).toEqual([]);
    expect(bad.problems).toMatchObject([{ rule: 'lint/parse-error', severity: 'warn' }]);
  });
});

describe('Procfile extractor', () => {
  it('extracts name: command lines with a production hint for the deployed app', () => {
    const text = fixture('dangerous', 'Procfile');
    const { snippets } = extractProcfile(text, 'Procfile');
    expect(snippets.map((s) => [s.origin, s.text])).toEqual([
      ['process web', 'bundle exec puma'],
      ['process release', 'bundle exec rake db:schema:load'],
    ]);
    expect(at(snippets[1]!, 'db:schema:load')).toEqual({ line: 2, column: 27 });
    expect(snippets[1]!.hints[0]).toMatchObject({ environment: 'production', line: 2 });
    expect(extractProcfile('web: foreman start\n', 'Procfile.dev').snippets[0]!.hints[0]!.environment).toBe('development');
  });
});

describe('.env extractor', () => {
  it('flags a test env file pointing at a production host, redacting the password', () => {
    const { problems } = extractDotenv(fixture('dangerous', '.env.test'), '.env.test');
    expect(problems.map((p) => [p.rule, p.severity, p.line])).toEqual([
      ['dotenv/test-env-points-at-remote-database', 'block', 3],
      ['dotenv/escape-hatch', 'warn', 4],
    ]);
    expect(problems[0]!.column).toBe(1);
    expect(extractDotenv('  export SAFETY_ASSURED=1\n', '.env').problems[0]).toMatchObject({ line: 1, column: 10 });
    expect(problems[0]!.message).toContain('postgres://ci:***@db-prod.internal.example.com:5432/app');
    expect(problems[0]!.message).not.toContain('hunter2');
  });

  it('flags a development env file only for production-looking databases', () => {
    const { problems } = extractDotenv(fixture('dangerous', '.env.development'), '.env.development');
    expect(problems.map((p) => [p.rule, p.severity, p.line])).toEqual([['dotenv/test-env-points-at-remote-database', 'block', 1]]);
    expect(problems[0]!.message).toContain('database name token "production"');
  });

  it('flags any remote host in a test env file, but not local ones or docker-compose services', () => {
    const text = 'DATABASE_URL=postgres://u@10.1.2.3/app_test\nREDIS_URL=redis://redis:6379\nOTHER_URL=http://localhost:3000\n';
    const { problems } = extractDotenv(text, 'config/.env.ci');
    expect(problems.map((p) => [p.severity, p.line])).toEqual([['confirm', 1]]);
    expect(extractDotenv(text, '.env.production').problems).toEqual([]);
  });

  it('has no findings for the harmless twins', () => {
    expect(extractDotenv(fixture('harmless', '.env.test'), '.env.test').problems).toEqual([]);
    expect(extractDotenv(fixture('harmless', '.env.development'), '.env.development').problems).toEqual([]);
  });

  it('classifies hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '::1', '[::1]', 'db', '', 'host.docker.internal', 'api.localhost']) {
      expect(isLocalHost(h), h).toBe(true);
    }
    for (const h of ['db.example.com', '10.0.0.5', 'prod-db.internal']) expect(isLocalHost(h), h).toBe(false);
    expect(urlTarget('postgres:///app?host=/var/run/postgresql')).toMatchObject({ local: true, database: 'app' });
    expect(urlTarget('mysql://live-db.example.com/shop')?.productionEvidence).toBe('host name token "live"');
    expect(urlTarget('not a url')).toBeUndefined();
  });

  it('escapeHatchesIn finds every escape hatch, whatever its value', () => {
    expect(
      escapeHatchesIn({
        DISABLE_DATABASE_ENVIRONMENT_CHECK: '0',
        DATABASE_CLEANER_ALLOW_PRODUCTION: 'false',
        DATABASE_CLEANER_ALLOW_REMOTE_DATABASE_URL: 'true',
        SAFETY_ASSURED: '1',
        RAILS_ENV: 'test',
      }).map((h) => h.name),
    ).toEqual(['DISABLE_DATABASE_ENVIRONMENT_CHECK', 'DATABASE_CLEANER_ALLOW_PRODUCTION', 'DATABASE_CLEANER_ALLOW_REMOTE_DATABASE_URL', 'SAFETY_ASSURED']);
  });
});

describe('Orchestrator config extractor', () => {
  it('flags PreventCrossRegionMasterFailover: false at the key', () => {
    const { problems } = extractOrchestratorConfig(fixture('dangerous', 'orchestrator.conf.json'));
    expect(problems).toEqual([expect.objectContaining({ rule: 'topology/cross-region-promotion', severity: 'confirm', line: 4, column: 3 })]);
  });

  it('does not flag true, or the key being absent', () => {
    expect(extractOrchestratorConfig(fixture('harmless', 'orchestrator.conf.json')).problems).toEqual([]);
    expect(extractOrchestratorConfig('{"RaftEnabled": true}').problems).toEqual([]);
  });
});

describe('extractFile', () => {
  it('hands SQL back whole with a locate function', () => {
    const text = fixture('dangerous', 'db/migrate/001_drop_users.sql');
    const r = extractFile({ path: 'db/migrate/001_drop_users.sql', format: 'sql' }, text);
    expect(r.snippets).toEqual([]);
    expect(r.sql!.text).toBe(text);
    expect(r.sql!.locate(text.indexOf('DELETE'))).toEqual({ line: 3, column: 1 });
  });

  it('hands a shell script to the engine whole', () => {
    const text = fixture('dangerous', 'scripts/reseed-replica');
    const r = extractFile({ path: 'scripts/reseed-replica', format: 'shell' }, text);
    expect(r.snippets).toHaveLength(1);
    expect(at(r.snippets[0]!, 'sudo')).toEqual({ line: 3, column: 1 });
    expect(extractFile({ path: 'deploy-prod.sh', format: 'shell' }, 'ls').snippets[0]!.hints).toEqual([
      { environment: 'production', evidence: 'file name deploy-prod.sh', line: 1 },
    ]);
  });

  it('never throws on garbage, whatever the format', () => {
    const formats = LINT_FILE_FORMATS;
    const garbage = ['', '\0\0\0', '{{{{', ': : :\n\t- [', 'RUN', '\tx', '"unterminated', 'a: *undefined_alias'];
    for (const format of formats) {
      for (const text of garbage) {
        const r = extractFile({ path: 'x', format }, text);
        expect(Array.isArray(r.snippets) && Array.isArray(r.problems), `${format} ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(extractFile({ path: '.travis.yml', format: 'travis' }, 'a: [').problems[0]!.rule).toBe('lint/parse-error');
  });
});

describe('platform variables', () => {
  it('are set (to their own reference) and unknown in package.json scripts and Procfiles', () => {
    const pkg = extractPackageJson('{"scripts": {"a": "rm -rf \\"$npm_config_prefix/lib\\" $OTHER"}}');
    expect(pkg.snippets[0]!.env).toEqual({ npm_config_prefix: '${npm_config_prefix}' });
    expect(pkg.snippets[0]!.unknownEnv).toEqual(['npm_config_prefix']);
    const proc = extractProcfile('web: serve -p $PORT\n', 'Procfile');
    expect(proc.snippets[0]!.env).toEqual({ PORT: '${PORT}' });
  });
});
