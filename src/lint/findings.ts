// Turning an extractor's problem into a reportable finding: the file's line text for the code
// frame and the baseline fingerprint. The rule's help line comes from the registry
// (src/lint/rules.ts applyRuleRegistry).

import { LineIndex } from './positions.js';
import type { LintFinding, LintProblem } from './types.js';

export function problemToFinding(file: string, text: string | LineIndex, problem: LintProblem): LintFinding {
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
  return finding;
}
