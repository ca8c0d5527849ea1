// Write docs/rules/<id>.md for every built-in rule from its YAML (run after changing a rule):
//   npm run docs:rules
// A test regenerates the pages in memory and fails when docs/rules is out of date.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulesFromDirectory, BUILTIN_RULES_DIR } from '../dist/rules/load.js';
import { renderRuleDoc, ruleDocPath, RULE_DOCS_DIR } from '../dist/report/rule-doc.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rules = await loadRulesFromDirectory(BUILTIN_RULES_DIR);
const written = new Set();
for (const rule of rules) {
  const file = join(root, ruleDocPath(rule.id));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderRuleDoc(rule));
  written.add(file);
}
// Pages of rules that no longer exist go.
const walk = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
for (const file of walk(join(root, RULE_DOCS_DIR))) {
  if (!written.has(file)) {
    rmSync(file);
    console.log(`removed ${relative(root, file)}`);
  }
}
console.log(`wrote ${written.size} rule pages into ${RULE_DOCS_DIR}/`);
