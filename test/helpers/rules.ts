import { loadRulesFromDirectory, BUILTIN_RULES_DIR } from '../../src/rules/load.js';
import type { Rule } from '../../src/rules/schema.js';

let rules: Rule[] | undefined;

/** The built-in rules, read and validated from rules/ (the same files the build bundles). */
export async function builtinRules(): Promise<Rule[]> {
  rules ??= await loadRulesFromDirectory(BUILTIN_RULES_DIR);
  return rules;
}
