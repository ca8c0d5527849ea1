// Turning an extractor's problem into a reportable finding: the file's line text for the code
// frame and the baseline fingerprint, and the help line (the fix) of its rule in the registry.

import { LineIndex } from './positions.js';
import type { Rule } from '../rules/schema.js';
import type { LintFinding, LintProblem } from './types.js';

export function problemToFinding(file: string, text: string | LineIndex, problem: LintProblem, rules: readonly Rule[] = []): LintFinding {
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  const finding: LintFinding = {
    file,
    line: problem.line,
    column: problem.column,
    rule: problem.rule,
    severity: problem.severity,
    message: problem.message,
    source: index.lineText(problem.line),
  };
  const help = rules.find((rule) => rule.id === problem.rule)?.fix;
  if (help) finding.help = help;
  return finding;
}
