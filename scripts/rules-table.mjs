// Regenerate the rule table in README.md from rules/ (run after adding a rule):
//   npm run build && node scripts/rules-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const rules = JSON.parse(readFileSync(new URL('../dist/rules.json', import.meta.url), 'utf8'));
const severities = (map) =>
  Object.entries(map)
    .map(([environment, severity]) => `${environment}: ${severity}`)
    .join(', ');
const rows = rules
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((rule) => `| \`${rule.id}\` | ${rule.incident} | ${rule.title} | ${severities(rule.severity)} |`);
const table = ['| rule | incident | what it stops | severity by environment |', '|---|---|---|---|', ...rows].join('\n');
const readme = new URL('../README.md', import.meta.url);
const text = readFileSync(readme, 'utf8');
const updated = text.replace(/<!-- rules-table:start -->[\s\S]*<!-- rules-table:end -->/, `<!-- rules-table:start -->\n${table}\n<!-- rules-table:end -->`);
writeFileSync(readme, updated);
console.log(`wrote ${rules.length} rules into README.md`);
