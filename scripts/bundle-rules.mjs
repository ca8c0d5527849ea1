// Build step: validate every rule in rules/ and write dist/rules.json, so a command start reads
// one JSON file instead of parsing YAML. A rule that does not validate fails the build.
import { writeFileSync } from 'node:fs';
import { loadRulesFromDirectory, BUILTIN_RULES_DIR } from '../dist/rules/load.js';

try {
  const rules = await loadRulesFromDirectory(BUILTIN_RULES_DIR);
  const ids = new Set();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    rule.file = `rules/${rule.id}.yaml`;
  }
  writeFileSync(new URL('../dist/rules.json', import.meta.url), JSON.stringify(rules));
  console.log(`bundled ${rules.length} rules into dist/rules.json`);
} catch (error) {
  console.error(`rule bundle failed: ${error.message}`);
  process.exit(2);
}
