// Build step: validate every rule in rules/ and write dist/rules.json, so a command start reads
// JSON instead of parsing YAML. A rule that does not validate fails the build.
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
  // Judging a line needs the matchers and the words of a finding; the examples and references
  // (40% of the text) only explain, lint's docs and test-rules read them: a second file, loaded
  // on first use (src/rules/load.ts). Both ASCII (\u escapes), so a start reads one-byte text.
  const docs = {};
  for (const rule of rules) {
    docs[rule.id] = { examples: rule.examples, references: rule.references };
    delete rule.examples;
    delete rule.references;
  }
  const ascii = (value) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(new URL('../dist/rules.json', import.meta.url), ascii(rules));
  writeFileSync(new URL('../dist/rules-docs.json', import.meta.url), ascii(docs));
  console.log(`bundled ${rules.length} rules into dist/rules.json (examples and references in dist/rules-docs.json)`);
} catch (error) {
  console.error(`rule bundle failed: ${error.message}`);
  process.exit(2);
}
