// Turning an extractor's problem into a reportable finding: the file's line text for the code
// frame and the baseline fingerprint, and the rule's help line.

import { LineIndex } from './positions.js';
import { LINT_RULE_DOCS } from './rules.js';
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
  const help = LINT_RULE_DOCS[problem.rule]?.help;
  if (help) finding.help = help;
  return finding;
}
