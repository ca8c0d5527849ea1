// The one-shot fast path (src/fast-path/answer.ts) answers "allow" without the engine, so it must
// never do so where the full checker would answer anything else: in any environment (a production
// host, a production DATABASE_URL, a production kube context), for the corpus, the peers' labelled
// lines (destructive_command_guard, claude-code-safety-net) and generated lines.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLine } from '../../src/engine/check-line.js';
import { judge, loadSetup } from '../../src/commands/judge.js';
import { cacheable } from '../../src/fast-path/remember.js';
import { fastPathTable } from '../../src/fast-path/table.js';
import { provablyHarmless } from '../../src/fast-path/answer.js';
import { parseErrorCount } from '../../src/fast-path/parser.js';
import { builtinRules } from '../helpers/rules.js';
import { sqlFactsForTest } from '../helpers/sql.js';
import { tempDir } from '../helpers/cli.js';
import { generate } from '../shell/generate.js';
import { CORPUS as CORE_GROUPS, type CorpusGroup } from '../corpus/cases.js';

const rules = await builtinRules();
const table = fastPathTable(rules);
const sqlFor = await sqlFactsForTest();
const harmless = (line: string) => provablyHarmless(line, table, parseErrorCount);

const GROUP_DIR = new URL('../corpus/groups/', import.meta.url);
const MORE_GROUPS = await Promise.all(
  readdirSync(GROUP_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map(async (file) => ((await import(new URL(file, GROUP_DIR).href)) as { groups: CorpusGroup[] }).groups),
);
const CORPUS = [...CORE_GROUPS, ...MORE_GROUPS.flat()].flatMap((group) => group.cases);

const PRODUCTION_ENV = {
  HOME: '/home/deploy',
  PATH: '/usr/local/bin:/usr/bin:/bin',
  DATABASE_URL: 'postgres://app:pw@db.prod.example.com:5432/app',
  RAILS_ENV: 'production',
  NODE_ENV: 'production',
  AWS_PROFILE: 'production',
  PGHOST: 'db.prod.example.com',
  REDIS_URL: 'redis://cache.prod.example.com:6379',
  MONGODB_URI: 'mongodb://mongo.prod.example.com/app',
};

const CONTEXTS = {
  workstation: { hostname: 'workstation', cwd: '/home/dev/project', home: '/home/dev', env: { HOME: '/home/dev', PATH: '/usr/local/bin:/usr/bin:/bin' } },
  production: { hostname: 'db1.prod.example.com', cwd: '/srv/app', home: '/home/deploy', kubeCurrentContext: 'prod-cluster', env: PRODUCTION_ENV },
};

describe('the one-shot fast path agrees with the checker', () => {
  it('proves no corpus line harmless that the corpus expects to be stopped or warned about', () => {
    const wrong = CORPUS.filter((testCase) => testCase.expect !== 'allow' && harmless(testCase.line)).map((testCase) => testCase.line);
    expect(wrong).toEqual([]);
    // It answers real everyday lines, or it would be no faster.
    expect(CORPUS.filter((testCase) => harmless(testCase.line)).length).toBeGreaterThan(20);
  });

  it('answers only lines the checker allows with no finding, on the peers’ lines, in a workstation and a production context', () => {
    const rows = readFileSync(new URL('../../bench/peers/lines.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { line: string }).line);
    expect(rows.length).toBeGreaterThan(1500);
    const wrong: string[] = [];
    let answered = 0;
    for (const line of rows) {
      if (!harmless(line)) continue;
      answered++;
      for (const [name, context] of Object.entries(CONTEXTS)) {
        const analysis = checkLine(line, { rules, sqlFor, ...context });
        if (analysis.errors.length > 0 || analysis.verdict !== 'allow' || analysis.findings.length > 0) wrong.push(`${name}: ${analysis.verdict}: ${line}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });

  it('answers only generated lines the full judgement allows, with nothing said on stderr, on a production host', { timeout: 600_000 }, async () => {
    const home = tempDir();
    const cwd = join(home, 'work');
    mkdirSync(cwd, { recursive: true });
    const env = { ...PRODUCTION_ENV, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'db1.prod.example.com' };
    const wrong: string[] = [];
    let answered = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const line = generate(seed);
      if (!harmless(line)) continue;
      answered++;
      const judgement = await judge({ source: line, cwd, env, noProbe: true, overrides: [] }).catch((error: Error) => error);
      if (judgement instanceof Error) wrong.push(`cannot judge (${judgement.message}): ${JSON.stringify(line)}`);
      else if (judgement.verdict !== 'allow' || judgement.findings.length > 0 || (judgement.facts.warnings ?? []).length > 0 || judgement.probeNote)
        wrong.push(`${judgement.verdict}: ${JSON.stringify(line)}`);
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(200);
  });

  it('answers, under a config’s table (src/fast-path/remember.ts), only lines the full judgement under that config allows', { timeout: 600_000 }, async () => {
    const home = tempDir();
    const cwd = join(home, 'repo');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(
      join(cwd, '.prodguard.yml'),
      'environments:\n  production:\n    hosts: ["*.prod.example.com", ws-4417]\n    databases: ["*"]\ndata-directories:\n  locations: [/srv/pgclusters, "/data/redis*"]\n  markers: [CLUSTER_ID]\n',
    );
    const env = { ...PRODUCTION_ENV, HOME: home, PRODGUARD_STATE_DIR: join(home, 'state'), PRODGUARD_HOSTNAME: 'ws-4417' };
    const { config, rules: configRules } = await loadSetup({ cwd, env });
    expect(cacheable(config)).toBe(true);
    const configTable = fastPathTable(configRules, config.dataDirectories);
    const lines = [
      ...CORPUS.map((testCase) => testCase.line),
      'cp backup.tar /srv/pgclusters/main/base',
      'mv x /data/redis-7/dump.rdb',
      'ln -sf /dev/null /var/lib/app/CLUSTER_ID',
      'cat notes.txt > /srv/pgclusters/15/PG_VERSION',
      ...Array.from({ length: 400 }, (_, i) => generate(20_000 + i)),
    ];
    const wrong: string[] = [];
    let answered = 0;
    for (const line of lines) {
      if (!provablyHarmless(line, configTable, parseErrorCount)) continue;
      answered++;
      const judgement = await judge({ source: line, cwd, env, noProbe: true, overrides: [] }).catch((error: Error) => error);
      if (judgement instanceof Error) wrong.push(`cannot judge (${judgement.message}): ${JSON.stringify(line)}`);
      else if (judgement.verdict !== 'allow' || judgement.findings.length > 0 || (judgement.facts.warnings ?? []).length > 0 || judgement.probeNote)
        wrong.push(`${judgement.verdict}: ${JSON.stringify(line)}`);
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(100);
    // The locations reach the table: the lines naming them are not answered.
    for (const line of ['cp backup.tar /srv/pgclusters/main/base', 'mv x /data/redis-7/dump.rdb'])
      expect(provablyHarmless(line, configTable, parseErrorCount), line).toBe(false);
  });
});
