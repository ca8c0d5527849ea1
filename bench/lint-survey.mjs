// Precision survey: `prodguard lint` over real public repositories cloned under a folder
// (default /tmp/survey), one line per repository: files scanned, lines in those files, findings
// by severity and by rule, seconds. Usage: node bench/lint-survey.mjs [DIR] [--json OUT]
// Repositories are fetched by hand (never committed); this script only reads them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverFiles } from '../dist/lint/discover.js';

const bin = fileURLToPath(new URL('../bin/prodguard.js', import.meta.url));
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt !== -1 ? args.splice(jsonAt, 2)[1] : undefined;
const root = args[0] ?? '/tmp/survey';
// The peers' corpora are collections of dangerous commands, not repositories to adopt lint.
const skipped = new Set(['destructive_command_guard', 'claude-code-safety-net']);

const repos = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !skipped.has(d.name))
  .map((d) => d.name)
  .sort();
const total = { files: 0, lines: 0, findings: 0, warn: 0, confirm: 0, block: 0, seconds: 0 };
const all = {};
for (const repo of repos) {
  const dir = join(root, repo);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    console.log(`${repo}: lint failed (exit ${run.status}): ${(run.stderr || '').split('\n')[0]}`);
    continue;
  }
  const findings = report.findings ?? [];
  const scanned = await discoverFiles(['.'], dir);
  let lines = 0;
  for (const { path: file } of scanned) {
    try {
      lines += readFileSync(join(dir, file), 'utf8').split('\n').length;
    } catch {
      /* unreadable: not counted */
    }
  }
  const bySeverity = { warn: 0, confirm: 0, block: 0 };
  const byRule = {};
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const filesScanned = scanned.length;
  const notices = (report.notices ?? []).length;
  total.files += filesScanned;
  total.lines += lines;
  total.findings += findings.length;
  for (const s of ['warn', 'confirm', 'block']) total[s] += bySeverity[s];
  total.seconds += seconds;
  all[repo] = { filesScanned, lines, bySeverity, byRule, seconds, notices, findings };
  const rules = Object.entries(byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r}=${n}`)
    .join(' ');
  console.log(
    `${repo.padEnd(30)} files=${filesScanned} lines=${lines} findings=${findings.length} warn=${bySeverity.warn} confirm=${bySeverity.confirm} block=${bySeverity.block} notices=${notices} ${seconds.toFixed(1)}s  ${rules}`,
  );
}
console.log(
  `TOTAL repos=${Object.keys(all).length} files=${total.files} lines=${total.lines} findings=${total.findings} warn=${total.warn} confirm=${total.confirm} block=${total.block} ${total.seconds.toFixed(1)}s`,
);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(all, null, 2));
