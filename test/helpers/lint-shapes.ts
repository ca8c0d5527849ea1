// Lint a copy of one of the survey fixture folders (test/fixtures/lint/<set>/<name>) and read
// the JSON report. The copy lives in a neutral temporary folder: the fixture's own path holds
// `test`, a token that would make every workspace a test one.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from './cli.js';

export interface LintReport {
  findings: { file: string; line: number; column?: number; rule: string; severity: string; message: string }[];
  notices?: { file: string; line: number; message: string }[];
}

/** `lintShapes('survey5-shapes')` gives a function linting that set's folders by name: the whole
 *  copy, or only the paths named (relative to it, as on the command line). */
export function lintShapes(set: string): (name: string, paths?: readonly string[]) => LintReport {
  const shapes = fileURLToPath(new URL(`../fixtures/lint/${set}/`, import.meta.url));
  return (name, paths = ['.']) => {
    const dir = join(tempDir('prodguard-lint-'), name);
    cpSync(join(shapes, name), dir, { recursive: true });
    const result = runCli(['lint', '--format', 'json', ...paths], { cwd: dir });
    return JSON.parse(result.stdout) as LintReport;
  };
}

/** Each finding as `FILE:LINE RULE SEVERITY`, for comparing whole reports. */
export const findingKeys = (body: LintReport): string[] => body.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`);
