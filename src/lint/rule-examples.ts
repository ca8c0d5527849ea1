// The examples of a rule whose logic is code (dotenv/*, lint/*, topology/*) are files — a `.env`,
// a script with a suppression comment, an orchestrator config — not command lines: they are
// judged by linting the file as `prodguard lint` would, suppressions and the rule registry
// applied. One implementation for the built-in rule test and `prodguard test-rules`.

import type { Config } from '../config/schema.js';
import type { Rule, RuleExample } from '../rules/schema.js';
import type { LintContext } from './lint-file.js';
import type { LintFinding } from './types.js';
import { classifyExplicit } from './discover.js';
import { lintFile } from './lint-file.js';
import { applySuppressions } from './suppress.js';
import { applyRuleRegistry } from './rules.js';

/** Where an example file is taken to live. */
const EXAMPLE_ROOT = '/home/dev/project';

/** Every finding linting the example's file gives, all rules' (undefined when it names no file). */
export function lintExampleFindings(
  example: RuleExample,
  context: { rules: readonly Rule[]; config: Config; sqlFor?: LintContext['sqlFor'] },
): LintFinding[] | undefined {
  if (example.file === undefined || example.text === undefined) return undefined;
  const path = example.file;
  const text = example.text;
  const file = { path, format: classifyExplicit(path, text), explicit: true };
  const found = lintFile(file, text, {
    rules: context.rules,
    config: context.config,
    root: EXAMPLE_ROOT,
    ...(context.sqlFor ? { sqlFor: context.sqlFor } : {}),
    sqlParserLoaded: context.sqlFor !== undefined,
  });
  return applyRuleRegistry(applySuppressions(path, text, found), context.rules, context.config);
}
