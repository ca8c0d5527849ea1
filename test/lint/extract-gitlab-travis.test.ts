import { describe, expect, it } from 'vitest';
import { extractGitlabCi } from '../../src/lint/extract/gitlab-ci.js';
import { extractTravis } from '../../src/lint/extract/travis.js';
import { at, byOrigin, fixture, textAt } from './helpers.js';

describe('GitLab CI extractor', () => {
  const text = fixture('dangerous', '.gitlab-ci.yml');
  const { snippets, problems } = extractGitlabCi(text, '.gitlab-ci.yml');

  it('extracts jobs (hidden templates too), never global keywords', () => {
    expect(snippets.map((s) => s.origin)).toEqual(['.cleanup.before_script+script', 'reseed.before_script+script', 'reseed.after_script']);
  });

  it('runs default before_script and script in one snippet, nested lists and !reference resolved', () => {
    const s = byOrigin(snippets, 'reseed.before_script+script');
    expect(s.text).toBe(
      [
        'export PGDATA=/var/lib/postgresql/data',
        'pg_ctl stop -D "$PGDATA"',
        'rm -rf "$PGDATA"',
        'rm -rf "$CI_PROJECT_DIR/tmp"',
        'bundle exec rake db:reset',
        '',
      ].join('\n'),
    );
    expect(at(s, 'export')).toEqual({ line: 7, column: 7 });
    expect(at(s, 'pg_ctl')).toEqual({ line: 23, column: 7 });
    // The referenced template's command points at the template's own line.
    expect(at(s, 'rm -rf "$PGDATA"')).toEqual({ line: 13, column: 7 });
    expect(at(s, 'db:reset')).toEqual({ line: 27, column: 24 });
    expect(textAt(text, at(s, 'db:reset'), 8)).toBe('db:reset');
  });

  it('merges global and job variables ({value:} form included); CI_* variables are set but unknown', () => {
    const s = byOrigin(snippets, 'reseed.before_script+script');
    expect(s.env).toEqual({
      RAILS_ENV: 'production',
      DATABASE_CLEANER_ALLOW_REMOTE_DATABASE_URL: 'true',
      DISABLE_DATABASE_ENVIRONMENT_CHECK: '1',
      CI_PROJECT_DIR: '${CI_PROJECT_DIR}',
    });
    expect(s.unknownEnv).toEqual(['CI_PROJECT_DIR']);
  });

  it('takes environment: {name:} and RAILS_ENV as hints', () => {
    const s = byOrigin(snippets, 'reseed.before_script+script');
    expect(s.hints).toEqual([
      { environment: 'production', evidence: 'RAILS_ENV=production', line: 2 },
      { environment: 'production', evidence: 'environment: production', line: 17 },
    ]);
  });

  it('reports escape hatches in global and job variables', () => {
    expect(problems.map((p) => [p.rule, p.severity, p.line])).toEqual([
      ['dotenv/escape-hatch', 'confirm', 3],
      ['dotenv/escape-hatch', 'confirm', 20],
    ]);
  });

  it('reads a job whose script is a single string', () => {
    const db = fixture('dangerous', '.gitlab/ci/db.yml');
    const [s] = extractGitlabCi(db).snippets;
    expect(s!.text).toBe('dropdb app_production');
    expect(at(s!, 'app_production')).toEqual({ line: 2, column: 18 });
  });

  it('resolves merge keys (<<: *anchor) and ignores non-job keys', () => {
    const y = [
      '.base: &base',
      '  variables:',
      '    DEPLOY_ENV: production',
      'stages: [a]',
      'include: other.yml',
      'job:',
      '  <<: *base',
      '  script: [make deploy]',
      '',
    ].join('\n');
    const { snippets: ss } = extractGitlabCi(y);
    expect(ss.map((s) => s.origin)).toEqual(['job.script']);
    expect(ss[0]!.env).toEqual({ DEPLOY_ENV: 'production' });
    expect(ss[0]!.hints).toEqual([{ environment: 'production', evidence: 'DEPLOY_ENV=production', line: 3 }]);
  });
});

describe('GitLab CI extends', () => {
  it('keeps the variables of an extended template with !reference [.base, before_script]', () => {
    const y = [
      '.base:',
      '  variables:',
      '    DIR: out',
      '  before_script:',
      '    - rm -rf "$DIR/"',
      'job:',
      '  extends: .base',
      '  before_script:',
      '    - !reference [.base, before_script]',
      '    - echo ready',
      '  script:',
      '    - make',
      '',
    ].join('\n');
    const s = byOrigin(extractGitlabCi(y).snippets, 'job.before_script+script');
    expect(s.text).toBe('rm -rf "$DIR/"\necho ready\nmake');
    expect(s.env).toEqual({ DIR: 'out' });
    expect(at(s, 'rm -rf')).toEqual({ line: 5, column: 7 });
  });

  it('merges variables over templates (list, nested, later wins, job last) and inherits scripts it does not set', () => {
    const y = [
      'variables:',
      '  GLOBAL: g',
      '.a:',
      '  variables: { A: a, SHARED: from-a, DEEP: a }',
      '  script: [echo from-a]',
      '  after_script: [echo after-a]',
      '.b:',
      '  extends: .a',
      '  variables: { B: b, SHARED: from-b }',
      '  before_script: [echo before-b]',
      '.c:',
      '  variables:',
      '    C: c',
      '    DEEP:',
      '      value: c',
      '  environment: production',
      'job:',
      '  extends: [.b, .c]',
      '  variables: { OWN: own, SHARED: from-job }',
      '',
    ].join('\n');
    const { snippets } = extractGitlabCi(y);
    const main = byOrigin(snippets, 'job.before_script+script');
    expect(main.text).toBe('echo before-b\necho from-a');
    expect(main.env).toEqual({ GLOBAL: 'g', A: 'a', SHARED: 'from-job', DEEP: 'c', B: 'b', C: 'c', OWN: 'own' });
    expect(main.hints).toEqual([{ environment: 'production', evidence: 'environment: production', line: 16 }]);
    expect(byOrigin(snippets, 'job.after_script').text).toBe('echo after-a');
  });

  it("prefers the job's own scripts, a template's over default:, and survives extends cycles", () => {
    const y = [
      'default:',
      '  before_script: [echo default]',
      '.t:',
      '  before_script: [echo template]',
      '  script: [echo template-script]',
      'own:',
      '  extends: .t',
      '  script: [echo own]',
      'loop-a:',
      '  extends: loop-b',
      '  variables: { A: a }',
      '  script: [echo a]',
      'loop-b:',
      '  extends: loop-a',
      '  variables: { B: b }',
      '  script: [echo b]',
      '',
    ].join('\n');
    const { snippets } = extractGitlabCi(y);
    expect(byOrigin(snippets, 'own.before_script+script').text).toBe('echo template\necho own');
    expect(byOrigin(snippets, 'loop-a.before_script+script').env).toEqual({ A: 'a', B: 'b' });
  });

  it('resolves !reference to a key a template gets through its own extends, and variables: !reference', () => {
    const y = [
      '.vars:',
      '  variables: { DIR: out }',
      '.base:',
      '  script: [rm -rf "$DIR/"]',
      '.child:',
      '  extends: .base',
      'job:',
      '  variables: !reference [.vars, variables]',
      '  script:',
      '    - !reference [.child, script]',
      '',
    ].join('\n');
    const s = byOrigin(extractGitlabCi(y).snippets, 'job.script');
    expect(s.text).toBe('rm -rf "$DIR/"');
    expect(s.env).toEqual({ DIR: 'out' });
  });
});

describe('Travis CI extractor', () => {
  const text = fixture('dangerous', '.travis.yml');
  const { snippets, problems } = extractTravis(text, '.travis.yml');

  it('joins the phases of a build in Travis order, deploy.script included', () => {
    expect(snippets).toHaveLength(1);
    expect(snippets[0]!.text).toBe('bundle exec rake db:create\nbundle exec rspec\nbash -c "rm -rf $DEPLOY_DIR/"');
    expect(at(snippets[0]!, 'rspec')).toEqual({ line: 9, column: 17 });
    expect(at(snippets[0]!, 'bash -c')).toEqual({ line: 12, column: 11 });
  });

  it('reads env.global strings with the shell parser', () => {
    expect(snippets[0]!.env).toEqual({
      RAILS_ENV: 'test',
      DATABASE_URL: 'postgres://travis:s3cret@db.prod.example.com/app',
    });
    expect(snippets[0]!.hints).toEqual([{ environment: 'test', evidence: 'RAILS_ENV=test', line: 4 }]);
    expect(problems).toEqual([]);
  });

  it('extracts jobs.include entries with their own env, inheriting root phases', () => {
    const y = [
      'script: bundle exec rspec',
      'jobs:',
      '  include:',
      '    - name: deploy production',
      '      env: SAFETY_ASSURED=1',
      '      script: cap production deploy',
      '    - name: unit',
      '',
    ].join('\n');
    const r = extractTravis(y);
    expect(r.snippets.map((s) => [s.origin, s.text])).toEqual([
      ['build', 'bundle exec rspec'],
      ['jobs.include[0]', 'cap production deploy'],
      ['jobs.include[1]', 'bundle exec rspec'],
    ]);
    expect(r.snippets[1]!.env).toEqual({ SAFETY_ASSURED: '1' });
    expect(r.problems.map((p) => [p.rule, p.severity, p.line])).toEqual([['dotenv/escape-hatch', 'confirm', 5]]);
  });
});
