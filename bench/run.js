// `npm run bench`: every benchmark under bench/, each printing figures as ratios against a
// baseline measured in the same run.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(dir).sort()) {
  if (!file.endsWith('.js') || file === 'run.js' || file === 'lib.js') continue;
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  const module = await import(new URL(file, import.meta.url));
  if (typeof module.main === 'function') await module.main();
}
