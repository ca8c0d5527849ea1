// Write the JSON Schemas of .prodguard.yml and rule files to schema/ (run after changing a validator):
//   npm run schema
// A test fails when schema/ is out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema, ruleJsonSchema, CONFIG_SCHEMA_FILE, RULE_SCHEMA_FILE } from '../dist/config/json-schema.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
for (const [file, schema] of [
  [CONFIG_SCHEMA_FILE, configJsonSchema()],
  [RULE_SCHEMA_FILE, ruleJsonSchema()],
]) {
  writeFileSync(new URL(`../${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
