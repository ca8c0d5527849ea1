import { describe, expect, it } from 'vitest';
import { extractGithubActions } from '../../src/lint/extract/github-actions.js';
import { at, byOrigin, fixture, textAt } from './helpers.js';

describe('GitHub Actions extractor', () => {
  const text = fixture('dangerous', '.github/workflows/deploy.yml');
  const { snippets, problems } = extractGithubActions(text, '.github/workflows/deploy.yml');

  it('extracts every run: step, skipping uses: steps, with its origin', () => {
    expect(snippets.map((s) => s.origin)).toEqual(['jobs.migrate.steps[1].run', 'jobs.migrate.steps[2].run', 'jobs.migrate.steps[3].run']);
  });

  it('maps a command in a literal block scalar to its line and column', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[1].run');
    expect(at(s, 'bundle exec rake db:schema:load')).toEqual({ line: 16, column: 11 });
    expect(at(s, 'db:schema:load')).toEqual({ line: 16, column: 28 });
  });

  it('folds a > block scalar into one command and maps the continuation to its own line', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[2].run');
    expect(s.text).toBe('rm -rf "$BUILD_DIR/"\n');
    expect(at(s, 'rm')).toEqual({ line: 19, column: 11 });
    expect(at(s, '"$BUILD_DIR/"')).toEqual({ line: 20, column: 11 });
    expect(textAt(text, at(s, '$BUILD_DIR'), 10)).toBe('$BUILD_DIR');
  });

  it('maps a plain scalar run: on the step line', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[3].run');
    expect(s.text).toBe(`psql "$DATABASE_URL" -c 'TRUNCATE users'`);
    expect(at(s, 'TRUNCATE')).toEqual({ line: 21, column: 39 });
    expect(textAt(text, at(s, 'TRUNCATE'), 8)).toBe('TRUNCATE');
  });

  it('replaces ${{ }} with a same-length placeholder that is set but unknown', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[1].run');
    const original = '${{ github.ref }}';
    const placeholder = s.text.slice(s.text.indexOf('${_'), s.text.indexOf('${_') + original.length);
    expect(placeholder).toMatch(/^\$\{_github_ref_*\}$/);
    expect(placeholder).toHaveLength(original.length);
    const name = placeholder.slice(2, -1);
    expect(s.unknownEnv).toContain(name);
    expect(s.env[name]).toBe(original);
    // Columns after the placeholder are unchanged.
    expect(textAt(text, at(s, '}"'), 2)).toBe('}"');
  });

  it('merges workflow, job and step env; secrets are unknown-but-set', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[3].run');
    expect(s.env).toEqual({
      DISABLE_DATABASE_ENVIRONMENT_CHECK: '1',
      DATABASE_URL: '${{ secrets.PROD_DATABASE_URL }}',
      SAFETY_ASSURED: '1',
    });
    expect(s.unknownEnv).toContain('DATABASE_URL');
  });

  it('takes environment: and secrets named for production as hints', () => {
    const s = byOrigin(snippets, 'jobs.migrate.steps[1].run');
    expect(s.hints).toEqual(
      expect.arrayContaining([
        { environment: 'production', evidence: 'environment: production', line: 8 },
        { environment: 'production', evidence: 'secret PROD_DATABASE_URL', line: 10 },
      ]),
    );
  });

  it('reports escape hatches set for the workflow and for a step, at the key line', () => {
    expect(problems.map((p) => [p.rule, p.severity, p.line, p.column])).toEqual([
      ['dotenv/escape-hatch', 'confirm', 4, 3],
      ['dotenv/escape-hatch', 'confirm', 23, 11],
    ]);
    expect(problems[0]!.message).toContain('DISABLE_DATABASE_ENVIRONMENT_CHECK');
  });

  it('handles environment: {name:}, job-level defaults and runner variables', () => {
    const wf = [
      'jobs:',
      '  deploy-staging:',
      '    runs-on: ubuntu-latest',
      '    environment:',
      '      name: production',
      '    steps:',
      '      - run: rm -rf "$GITHUB_WORKSPACE/dist"',
      '      - shell: python',
      '        run: print(1)',
      '',
    ].join('\n');
    const { snippets: ss, problems: ps } = extractGithubActions(wf, 'x.yml');
    expect(ps).toEqual([]);
    expect(ss).toHaveLength(1);
    expect(ss[0]!.unknownEnv).toEqual(['GITHUB_WORKSPACE']);
    expect(ss[0]!.env).toEqual({ GITHUB_WORKSPACE: '${GITHUB_WORKSPACE}' });
    expect(ss[0]!.hints).toEqual([
      { environment: 'staging', evidence: 'job deploy-staging', line: 2 },
      { environment: 'production', evidence: 'environment: production', line: 4 },
    ]);
  });

  it('skips steps of a Windows job without a POSIX shell', () => {
    const wf = 'jobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: Remove-Item x\n      - shell: bash\n        run: ls\n';
    expect(extractGithubActions(wf).snippets.map((s) => s.text)).toEqual(['ls']);
  });

  it('turns invalid YAML into a parse-error problem', () => {
    const { snippets: ss, problems: ps } = extractGithubActions('jobs:\n  a: [\n    b: c\n  d: "unterminated\n');
    expect(ss).toEqual([]);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ rule: 'lint/parse-error', severity: 'warn' });
    expect(ps[0]!.line).toBeGreaterThan(0);
  });
});

describe('GitHub Actions $GITHUB_ENV', () => {
  const workflow = (...steps: string[][]) => ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps.flat(), ''].join('\n');
  const run = (...lines: string[]) => (lines.length === 1 ? [`      - run: ${lines[0]}`] : ['      - run: |', ...lines.map((l) => `          ${l}`)]);

  it('sets a variable written by an earlier step for later steps only: literal value, or set but unknown', () => {
    const wf = workflow(run('rm -rf "$DIR/"'), run('echo "DIR=out" >> "$GITHUB_ENV"', 'echo "FROM=$X" >> $GITHUB_ENV'), run('rm -rf "$DIR/" "$FROM/"'));
    const { snippets } = extractGithubActions(wf);
    const [before, writer, after] = snippets;
    expect('DIR' in before!.env).toBe(false);
    expect('DIR' in writer!.env).toBe(false);
    expect(after!.env).toMatchObject({ DIR: 'out', FROM: '$X' });
    expect(after!.unknownEnv).toContain('FROM');
    expect(after!.unknownEnv).not.toContain('DIR');
  });

  it('reads printf, heredocs (expanded or quoted), groups, tee and the NAME<<DELIM form', () => {
    const wf = workflow(
      run(
        `printf 'P=%s\\n' "$(pwd)/p" >> "\${GITHUB_ENV}"`,
        'printf "Q=q\\nR=%s\\n" r >> $GITHUB_ENV',
        'cat >> "$GITHUB_ENV" <<EOF',
        'H=h',
        'H2=$HOME/x',
        'EOF',
        'cat <<\'EOF\' >> "$GITHUB_ENV"',
        'LIT=$NOT_EXPANDED',
        'EOF',
        '{ echo "JSON<<EOF"; curl -s https://example.com/x.json; echo EOF; echo "G=g"; } >> "$GITHUB_ENV"',
        'echo "T=${{ github.workspace }}/t" | tee -a "$GITHUB_ENV"',
      ),
      run('true'),
    );
    const later = extractGithubActions(wf).snippets[1]!;
    expect(later.env).toMatchObject({
      P: '$(pwd)/p',
      Q: 'q',
      R: 'r',
      H: 'h',
      H2: '$HOME/x',
      LIT: '$NOT_EXPANDED',
      G: 'g',
      T: '${{ github.workspace }}/t',
    });
    expect('JSON' in later.env).toBe(true);
    expect([...later.unknownEnv].sort()).toEqual(expect.arrayContaining(['H2', 'JSON', 'P', 'T']));
    for (const known of ['Q', 'R', 'H', 'LIT', 'G']) expect(later.unknownEnv).not.toContain(known);
  });

  it('ignores $GITHUB_OUTPUT, $GITHUB_PATH, other files and output it cannot read', () => {
    const wf = workflow(
      run(
        'echo "O=o" >> "$GITHUB_OUTPUT"',
        'echo "/opt/bin" >> "$GITHUB_PATH"',
        'echo "F=f" >> other.env',
        'jq -r ".x" vars.json >> "$GITHUB_ENV"',
        'echo "S=s" > /dev/null | tee -a "$GITHUB_ENV"',
      ),
      run('true'),
    );
    const later = extractGithubActions(wf).snippets[1]!;
    for (const name of ['O', 'F', 'S']) expect(name in later.env).toBe(false);
  });

  it('ranks written variables over workflow and job env, under the step env; other jobs do not see them', () => {
    const wf = [
      'env:',
      '  A: workflow',
      'jobs:',
      '  one:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      B: job',
      '    steps:',
      '      - run: printf "A=written\\nB=written\\nC=written\\n" >> "$GITHUB_ENV"',
      '      - run: "true"',
      '        env:',
      '          C: step',
      '  two:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: "true"',
      '',
    ].join('\n');
    const [, later, other] = extractGithubActions(wf).snippets;
    expect(later!.env).toEqual({ A: 'written', B: 'written', C: 'step' });
    expect(other!.env).toEqual({ A: 'workflow' });
  });

  it('reports an escape hatch written to $GITHUB_ENV at the name it writes, and takes written values as hints', () => {
    const wf = workflow(
      run('echo ok', '  echo "DISABLE_DATABASE_ENVIRONMENT_CHECK=1" >> "$GITHUB_ENV"', 'echo "RAILS_ENV=production" >> "$GITHUB_ENV"'),
      run('true'),
    );
    const { snippets, problems } = extractGithubActions(wf);
    expect(problems.map((p) => [p.rule, p.severity, p.line, p.column])).toEqual([['dotenv/escape-hatch', 'warn', 8, 19]]);
    expect(problems[0]!.message).toContain('every later step of job "build"');
    expect(snippets[1]!.hints).toEqual([{ environment: 'production', evidence: 'RAILS_ENV=production', line: 9 }]);
  });
});
