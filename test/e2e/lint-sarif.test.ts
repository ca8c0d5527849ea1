// `lint --format sarif` as code scanning reads it: every log, including one from a run that
// failed, validates against the SARIF 2.1.0 schema (the copy @microsoft/jest-sarif ships), and
// what went wrong with the run is inside the log (invocations[0]), not only on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const UNSEEN = fileURLToPath(new URL('../fixtures/lint/survey-shapes/unseen/', import.meta.url));

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
// The 2.1.0 schema's language pattern is not valid with the u flag, so match it as its authors did.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

interface Notification {
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}
interface SarifRun {
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: Notification[] }[];
  results: unknown[];
  tool: { driver: { rules: { id: string; helpUri?: string; help?: { markdown?: string } }[] } };
}

function sarif(args: string[], cwd: string, env: Record<string, string> = cleanEnv()) {
  const result = runCli(['lint', '--format', 'sarif', ...args], { cwd, env });
  const log = JSON.parse(result.stdout) as { runs: SarifRun[] };
  const valid = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
  return { ...result, run: log.runs[0]! };
}

const where = (n: Notification) => n.locations.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region?.startLine ?? ''}`);

describe('lint --format sarif: the run itself in the log', () => {
  it('a file not fully checked is a warning notification at its line; the run succeeded', () => {
    const { status, run } = sarif(['install-tools.sh', 'deploy-prod.sh'], UNSEEN);
    expect(status).toBe(1);
    expect(run.results.length).toBe(1);
    const [invocation] = run.invocations;
    expect(invocation!.executionSuccessful).toBe(true);
    expect(invocation!.toolExecutionNotifications!.map((n) => [n.level, ...where(n)])).toEqual([['warning', 'install-tools.sh:4']]);
    expect(invocation!.toolExecutionNotifications![0]!.message.text).toMatch(/not checked: a script prodguard cannot read/);
  });

  it('a clean run has a successful invocation and no notifications', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'build.sh'), 'make all\n');
    const { status, run } = sarif([], cwd);
    expect(status).toBe(0);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('a broken config: a valid SARIF log of a failed run with the error, exit 2 and the usual line on stderr', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'broken.yml'), 'environments: [unclosed\n');
    writeFileSync(join(cwd, 'deploy.sh'), 'rm -rf /\n');
    const { status, stderr, run } = sarif(['--config', 'broken.yml'], cwd);
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(run.results).toEqual([]);
    const [invocation] = run.invocations;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications!.map((n) => n.level)).toEqual(['error']);
    expect(invocation!.toolExecutionNotifications![0]!.message.text).toMatch(/broken\.yml:2:1: not valid YAML/);
  });

  it('a path that does not exist: a failed run, exit 2', () => {
    const { status, run } = sarif(['no-such-file.sh'], tempDir());
    expect(status).toBe(2);
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications![0]!.message.text).toMatch(/no-such-file\.sh does not exist/);
  });
});

describe('lint --format sarif: helpUri', () => {
  const project = () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'deploy.sh'), 'rm -rf /\n');
    return cwd;
  };

  it('links each built-in rule page under PRODGUARD_DOCS_BASE_URL, and embeds the page either way', () => {
    const { run } = sarif([], project(), cleanEnv({ PRODGUARD_DOCS_BASE_URL: 'https://git.example.com/tools/prodguard/blob/v0.1.0' }));
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'filesystem/rm-root',
        helpUri: 'https://git.example.com/tools/prodguard/blob/v0.1.0/docs/rules/filesystem/rm-root.md',
        help: expect.objectContaining({ markdown: expect.stringContaining('filesystem/rm-root') }),
      }),
    ]);
  });

  it('makes up no address when none is configured (package.json names no repository)', () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { repository?: unknown };
    expect(manifest.repository).toBeUndefined();
    const { run } = sarif([], project());
    expect(run.tool.driver.rules[0]!.helpUri).toBeUndefined();
    expect(run.tool.driver.rules[0]!.help?.markdown).toContain('filesystem/rm-root');
  });

  it('refuses a base that is not an http(s) URL, inside the log and in one line', () => {
    const { status, stderr, run } = sarif([], project(), cleanEnv({ PRODGUARD_DOCS_BASE_URL: 'docs/rules' }));
    expect(status).toBe(2);
    expect(stderr).toMatch(/PRODGUARD_DOCS_BASE_URL "docs\/rules" is not an http\(s\) URL/);
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
  });
});
