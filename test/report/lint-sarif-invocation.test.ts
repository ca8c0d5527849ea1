// The SARIF reporter's invocation: an error that stopped the run points at the file it is about
// (an unreadable file cannot be made on a machine where tests run as root, so the reporter is
// checked directly), and the log stays valid SARIF 2.1.0.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderLintSarif } from '../../src/report/lint-sarif.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

describe('SARIF invocation', () => {
  it('an unreadable file: a failed run whose error notification points at the file, with the hint', () => {
    const log = JSON.parse(
      renderLintSarif([], {
        toolVersion: '0.1.0',
        failure: { message: 'cannot read deploy/run me.sh: permission denied', hint: 'make the file readable', file: 'deploy/run me.sh' },
      }),
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'cannot read deploy/run me.sh: permission denied (make the file readable)' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/run%20me.sh', uriBaseId: '%SRCROOT%' } } }],
            descriptor: { id: 'prodguard/run-failed' },
          },
        ],
      },
    ]);
  });

  it('redacts secrets in notifications', () => {
    const log = JSON.parse(
      renderLintSarif([], {
        notices: [{ file: 'a.sh', line: 3, message: 'not checked: psql postgres://admin:hunter2@db.example.com/app' }],
        failure: { message: 'cannot reach postgres://admin:hunter2@db.example.com/app' },
      }),
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('hunter2');
  });
});
