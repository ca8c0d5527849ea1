// The peers' labelled lines (destructive_command_guard's corpus and pack tests, claude-code-safety-net's
// assertBlocked/assertAllowed cases; extracted by extract.py into lines.jsonl, lines only) judged by the
// built engine in-process, as `prodguard check --json --no-probe -c LINE` judges them.
//
// Reports: % of in-scope dangerous lines stopped (verdict confirm/block) in a production-like context,
// harmless lines interrupted (verdict confirm/block) per thousand in a workstation and in the
// production-like context, crashes, and lines slower than a second (hang candidates).
// Usage: npm run build && node bench/peers/run.js [--misses] [--interrupted] [--file other.jsonl]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkLine } from '../../dist/engine/check-line.js';
import { loadRulesFromDirectory, BUILTIN_RULES_DIR } from '../../dist/rules/load.js';
import { loadSqlParser } from '../../dist/parse/sql/load.js';
import { loadMongoParser } from '../../dist/parse/sql/mongo.js';
import { sqlFactsFor } from '../../dist/engine/sql-facts.js';

const args = process.argv.slice(2);
const file = args.includes('--file') ? args[args.indexOf('--file') + 1] : fileURLToPath(new URL('./lines.jsonl', import.meta.url));
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const rules = await loadRulesFromDirectory(BUILTIN_RULES_DIR);
await loadSqlParser();
await loadMongoParser();
const sqlFor = (invocations) => sqlFactsFor(invocations, () => undefined);

const PRODUCTION = {
  hostname: 'web-prod-1',
  cwd: '/srv/app',
  home: '/home/deploy',
  kubeCurrentContext: 'prod-cluster',
  env: {
    HOME: '/home/deploy',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    USER: 'deploy',
    DATABASE_URL: 'postgres://app:pw@db.prod.example.com:5432/app',
    RAILS_ENV: 'production',
    NODE_ENV: 'production',
    AWS_PROFILE: 'production',
    PGHOST: 'db.prod.example.com',
    PGDATABASE: 'app',
    REDIS_URL: 'redis://cache.prod.example.com:6379',
    MONGODB_URI: 'mongodb://mongo.prod.example.com/app',
  },
};
const WORKSTATION = {
  hostname: 'workstation',
  cwd: '/home/dev/project',
  home: '/home/dev',
  env: { HOME: '/home/dev', PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'dev' },
};

/**
 * In scope: what prodguard guards — data, databases, hosts, clusters, cloud resources and
 * production branches. Out of scope (labelling only; the peers guard more): local git history
 * (reset --hard, checkout --, clean, stash, branch -D), rm of project or arbitrary non-system
 * paths, and SaaS APIs (email, feature flags, payments, monitoring, DNS, CDN, API gateways,
 * messaging, search, secrets, CI services).
 */
const OUT_OF_SCOPE_PACKS =
  /^(apigateway|cdn|cicd|dns|email|featureflags|loadbalancer|messaging|monitoring|payment|search|secrets|platform|remote\.scp|package_managers|strict_git|test_|backup)/;
const NOT_DATA = [
  // A bare SQL statement is not a shell line: bash would say "command not found".
  /^\s*(DROP|DELETE|TRUNCATE|GRANT|ALTER|UPDATE|REVOKE)\b/i,
  // Keys, known_hosts, images, stopped containers, users and policies: no data is lost.
  /^ssh-(keygen|add)\b/,
  /\bdocker (rmi|rm -f|rm --force|image rm)\b(?!.*\s-[a-z]*v)/,
  /\bmc admin (user|policy)\b/,
  /\bnpm (un)?install -g\b/,
  /\b(ecr|acr|artifacts docker|container images) .*(delete|untag)|delete-(key-pair|image|lifecycle-policy|log-stream)\b|batch-delete-image/,
  // Lines a checker must not crash on, not lines that destroy anything.
  /'unterminated$/,
  // `xargs -i rm -rf` with no {} in the command runs `rm -rf` with no operand; `xargs bash -c`
  // hands `rm` alone to bash -c (the other words become $0, $1).
  /xargs -i(\{\})? rm -rf$/,
  /xargs bash -c$/,
  /^GIT /,
  /^(python|node|ruby|perl) -[ec] "(print\('ok'\)|rm -rf \/)"$/,
  /\bxargs grep\b|^parallel curl\b/,
  /^echo ok \|/,
  /::: ok$/,
];
/** Relative paths (`.`, `build`, `src/`): files of the project in hand, not data. */
const PROJECT_RELATIVE = /(^|[\s;&|(){'"])(rm -r?f?r? ?(\.|build|7|\.\*)|find \.|rsync --del\S* src\/|busybox find \.)(?=$|[\s;)|&'])/;
function inScope(row) {
  if (OUT_OF_SCOPE_PACKS.test(row.pack)) return false;
  const line = row.line;
  if (NOT_DATA.some((pattern) => pattern.test(line)) || PROJECT_RELATIVE.test(line)) return false;
  // Lines that only touch a git working copy.
  if (/\bgit\b/.test(line) && !/push\b.*(--force|-f\b|\+)/.test(line)) return false;
  if (/\bgit\b.*push/.test(line) && !/\b(main|master|production|prod|release)\b|push\s+(-f|--force)\s*$|--force\s*$/.test(line)) return false;
  // rm/find: in scope when aimed at /, ~/$HOME, a system directory, a data directory or a device.
  if (/\b(rm|find|shred|unlink|rmdir)\b/.test(line) && !/\b(dd|mkfs|kubectl|docker|aws|gcloud|az|psql|mysql|redis-cli|mongo)/.test(line)) {
    return (
      /(^|[\s'"=])(\/|~|~\/|\$HOME|\$\{HOME\}|\/\*|\/(etc|usr|var|bin|boot|lib|opt|srv|root|home|sys|dev|data|mnt)\b[^\s'"]*|\.\.?\/?\*?)(?=$|[\s'";)|&])/.test(
        line,
      ) && !/\/tmp\b|\/var\/tmp|\$TMPDIR|\.\/?(build|dist|node_modules|target)|\/some\/path/.test(line)
    );
  }
  return true;
}

function judge(line, context) {
  return checkLine(line, { rules, sqlFor, ...context });
}

const STOP = new Set(['confirm', 'block']);
const results = { dangerous: [], harmless: [], crashes: [], slow: [] };
for (const row of rows) {
  for (const [name, context] of row.label === 'dangerous'
    ? [['production', PRODUCTION]]
    : [
        ['workstation', WORKSTATION],
        ['production', PRODUCTION],
      ]) {
    const start = performance.now();
    let verdict;
    let rule = '';
    try {
      const analysis = judge(row.line, context);
      verdict = analysis.verdict;
      rule = analysis.findings.map((f) => `${f.severity}:${f.rule}`).join(',');
    } catch (error) {
      results.crashes.push({
        row,
        error: String(error?.stack ?? error)
          .split('\n')
          .slice(0, 3)
          .join(' | '),
      });
      verdict = 'crash';
    }
    const ms = performance.now() - start;
    if (ms > 1000) results.slow.push({ row, ms });
    if (row.label === 'dangerous') results.dangerous.push({ row, verdict, rule, scope: inScope(row) });
    else results.harmless.push({ row, verdict, rule, context: name });
  }
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const inScopeRows = results.dangerous.filter((r) => r.scope);
const stopped = inScopeRows.filter((r) => STOP.has(r.verdict));
console.log(
  `lines: ${rows.length} (${results.dangerous.length} dangerous, ${inScopeRows.length} in scope; ${rows.length - results.dangerous.length} harmless)`,
);
console.log(
  `in-scope dangerous stopped (confirm/block, production-like context): ${stopped.length}/${inScopeRows.length} = ${pct(stopped.length, inScopeRows.length)}`,
);
const allStopped = results.dangerous.filter((r) => STOP.has(r.verdict)).length;
console.log(`all dangerous stopped (incl. out of scope): ${allStopped}/${results.dangerous.length} = ${pct(allStopped, results.dangerous.length)}`);
for (const name of ['workstation', 'production']) {
  const harmless = results.harmless.filter((r) => r.context === name);
  const interrupted = harmless.filter((r) => STOP.has(r.verdict));
  const warned = harmless.filter((r) => r.verdict === 'warn');
  console.log(
    `harmless interrupted (${name}): ${interrupted.length}/${harmless.length} = ${((1000 * interrupted.length) / harmless.length).toFixed(1)} per 1000 (warned: ${warned.length})`,
  );
}
console.log(`crashes: ${results.crashes.length}; lines over 1 s: ${results.slow.length}`);
for (const crash of results.crashes) console.log(`  CRASH ${JSON.stringify(crash.row.line)}: ${crash.error}`);
for (const slow of results.slow) console.log(`  SLOW ${slow.ms.toFixed(0)} ms ${JSON.stringify(slow.row.line)}`);
if (args.includes('--misses')) {
  for (const r of inScopeRows)
    if (!STOP.has(r.verdict)) console.log(`  MISS ${r.verdict.padEnd(5)} [${r.row.peer}:${r.row.pack}] ${JSON.stringify(r.row.line)}`);
}
if (args.includes('--interrupted')) {
  for (const r of results.harmless)
    if (STOP.has(r.verdict)) console.log(`  INTERRUPTED ${r.context} ${r.verdict} [${r.row.peer}:${r.row.pack}] ${JSON.stringify(r.row.line)} ${r.rule}`);
}
