import { imageBuildScripts } from '../../src/lint/extract/image-scripts.js';
import { describe, expect, it } from 'vitest';
import { extractDockerfile } from '../../src/lint/extract/dockerfile.js';
import { at, fixture } from './helpers.js';

describe('Dockerfile extractor', () => {
  const text = fixture('dangerous', 'Dockerfile');
  const { snippets, problems } = extractDockerfile(text, 'Dockerfile');

  it('joins continuation lines, dropping comment lines inside them, and maps each part', () => {
    const s = snippets[0]!;
    expect(s.text).toBe('apt-get update &&     rm -rf $CLEAN_DIR/');
    expect(at(s, 'apt-get')).toEqual({ line: 4, column: 5 });
    expect(at(s, 'rm -rf')).toEqual({ line: 6, column: 5 });
  });

  it('uses ENV values and ARG defaults as env; an ARG without default stays unset, like make', () => {
    const s = snippets[0]!;
    expect(s.env).toEqual({ RAILS_ENV: 'production', DATA: '/var/lib/postgresql/data' });
    expect(s.unknownEnv).toEqual([]);
    expect('CLEAN_DIR' in s.env).toBe(false);
    expect(s.hints.map((h) => h.evidence)).toEqual(['build stage production', 'RAILS_ENV=production']);
    expect(problems).toEqual([]);
  });

  it('joins the JSON exec form into a command line', () => {
    const s = snippets[1]!;
    expect(s.text).toBe('rm -rf /var/lib/postgresql/data');
    expect(at(s, 'rm')).toEqual({ line: 7, column: 7 });
    expect(at(s, '/var')).toEqual({ line: 7, column: 20 });
  });

  it('strips BuildKit flags, reads heredocs, honours SHELL and resets env at FROM', () => {
    const df = [
      'FROM alpine AS build',
      'ENV KEEP=1',
      'RUN --mount=type=cache,target=/root/.cache rm -rf /tmp/x',
      'RUN <<EOF',
      'set -e',
      'rm -rf /data',
      'EOF',
      'FROM mcr.microsoft.com/windows AS win',
      'SHELL ["powershell", "-Command"]',
      'RUN Remove-Item -Recurse C:\\x',
      '',
    ].join('\n');
    const r = extractDockerfile(df);
    expect(r.snippets.map((s) => s.text)).toEqual(['rm -rf /tmp/x', 'set -e\nrm -rf /data']);
    expect(at(r.snippets[0]!, 'rm')).toEqual({ line: 3, column: 44 });
    expect(at(r.snippets[1]!, 'rm -rf /data')).toEqual({ line: 6, column: 1 });
    expect(r.snippets[1]!.env).toEqual({ KEEP: '1' });
  });

  it('reports escape hatches set with ENV', () => {
    const r = extractDockerfile('FROM ruby\nENV DISABLE_DATABASE_ENVIRONMENT_CHECK=1\n');
    expect(r.problems.map((p) => [p.rule, p.line])).toEqual([['dotenv/escape-hatch', 2]]);
  });
});

describe('Dockerfile RUN with a shell reading a heredoc', () => {
  it('makes the body of RUN <<EOF bash the snippet, so positions point into the body', () => {
    const df = ['FROM alpine', 'ARG A=1', 'ENV B=2', '', 'RUN <<EOF bash', 'rm -rf "$DIR/"', '  rm -rf /data', 'EOF', ''].join('\n');
    const [s] = extractDockerfile(df).snippets;
    expect(s!.text).toBe('rm -rf "$DIR/"\n  rm -rf /data');
    expect(at(s!, 'rm -rf "$DIR/"')).toEqual({ line: 6, column: 1 });
    expect(at(s!, 'rm -rf /data')).toEqual({ line: 7, column: 3 });
    expect(s!.env).toEqual({ A: '1', B: '2' });
  });

  it('keeps the shell options as a set line, for either order of heredoc and command', () => {
    const df = ['FROM alpine', 'RUN /bin/bash -eux -o pipefail <<"EOT"', 'rm -rf "$DIR/"', 'EOT', 'RUN <<-EOF sh -e', '\trm -rf /x', '\tEOF', ''].join('\n');
    const [a, b] = extractDockerfile(df).snippets;
    expect(a!.text).toBe('set -eux\nset -o pipefail\nrm -rf "$DIR/"');
    expect(at(a!, 'set')).toEqual({ line: 2, column: 5 });
    expect(at(a!, 'rm')).toEqual({ line: 3, column: 1 });
    expect(b!.text).toBe('set -e\nrm -rf /x');
    expect(at(b!, 'rm')).toEqual({ line: 6, column: 2 });
  });

  it('leaves other commands with a heredoc to the shell as written', () => {
    const df = ['FROM alpine', 'RUN python3 <<EOF', 'print(1)', 'EOF', 'RUN bash -c "echo x" <<EOF', 'y', 'EOF', ''].join('\n');
    expect(extractDockerfile(df).snippets.map((s) => s.text)).toEqual(['python3 <<EOF\nprint(1)\nEOF', 'bash -c "echo x" <<EOF\ny\nEOF']);
  });

  it('maps heredoc bodies of CRLF Dockerfiles without counting the \\r', () => {
    const df = 'FROM alpine\r\nRUN <<EOF bash\r\necho a\r\nrm -rf "$DIR/"\r\nEOF\r\n';
    const [s] = extractDockerfile(df).snippets;
    expect(s!.text).toBe('echo a\nrm -rf "$DIR/"');
    expect(s!.locate(s!.text.indexOf('\n'))).toEqual({ line: 3, column: 7 });
    expect(s!.locate(s!.text.length)).toEqual({ line: 4, column: 15 });
  });
});

describe('Dockerfile ENV substitution', () => {
  it('substitutes earlier ENV values and leaves unknown ones', () => {
    const r = extractDockerfile('FROM x\nENV BASE=/srv\nENV APP=${BASE}/app OTHER=$NOPE/x\nRUN rm -rf "$APP"\n');
    expect(r.snippets[0]!.env).toEqual({ BASE: '/srv', APP: '/srv/app', OTHER: '$NOPE/x' });
  });
});

describe('scripts a Dockerfile runs during its build', () => {
  it('maps RUN paths back through COPY to the repository, next to the Dockerfile', () => {
    const text = [
      'FROM debian',
      'COPY build_scripts/compress.sh build_scripts/setup.sh /builddeps/',
      'COPY tools/ /opt/tools/',
      'COPY init.sh /usr/local/bin/init',
      'WORKDIR /opt/tools',
      'RUN bash /builddeps/compress.sh && . /builddeps/setup.sh && ./bin/prep.sh && /usr/local/bin/init',
      'ENTRYPOINT ["/opt/tools/start.sh"]',
    ].join('\n');
    const found = imageBuildScripts(text, 'image/Dockerfile');
    for (const path of ['image/build_scripts/compress.sh', 'image/build_scripts/setup.sh', 'image/tools/bin/prep.sh', 'image/init.sh'])
      expect(found).toContain(path);
    expect(found.some((path) => path.endsWith('start.sh'))).toBe(false);
  });

  it('a COPY --from another stage brings no repository file', () => {
    expect(imageBuildScripts('FROM a AS build\nFROM b\nCOPY --from=build /out/run.sh /run.sh\nRUN /run.sh\n', 'Dockerfile')).toEqual([]);
  });
});
