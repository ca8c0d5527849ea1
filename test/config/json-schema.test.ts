// JSON Schemas for .prodguard.yml and rule files (issue 12): schema/ holds what `npm run schema`
// generates, a real validator (ajv) accepts every built-in rule and every config the README shows,
// rejects what the validators reject, and each map allows exactly the keys its validator allows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchema, RULE_SCHEMA_FILE, ruleJsonSchema } from '../../src/config/json-schema.js';
import { validateConfig } from '../../src/config/schema.js';
import { validateRule } from '../../src/rules/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validConfig = ajv.compile(configJsonSchema());
const validRule = ajv.compile(ruleJsonSchema());
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** The README's YAML blocks whose first line is a comment naming the file, or whose keys say what they are. */
function readmeYaml(): { at: number; value: unknown }[] {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((match) => ({ at: text.slice(0, match.index).split('\n').length, value: parse(match[1]!) }));
}

describe('schema/', () => {
  it('holds what npm run schema generates', () => {
    expect(JSON.parse(readFileSync(join(root, CONFIG_SCHEMA_FILE), 'utf8'))).toEqual(configJsonSchema());
    expect(JSON.parse(readFileSync(join(root, RULE_SCHEMA_FILE), 'utf8'))).toEqual(ruleJsonSchema());
  });
});

describe('rule schema', () => {
  const files = walk(join(root, 'rules')).filter((file) => file.endsWith('.yaml'));

  it('accepts every built-in rule file', () => {
    expect(files.length).toBeGreaterThan(50);
    const rejected = files
      .filter((file) => !validRule(parse(readFileSync(file, 'utf8'))))
      .map((file) => `${relative(root, file)}: ${ajv.errorsText(validRule.errors)}`);
    expect(rejected).toEqual([]);
  });

  it('accepts the README rule examples that are whole rules', () => {
    const rules = readmeYaml().filter(({ value }) => typeof value === 'object' && value !== null && 'title' in value && 'examples' in value);
    expect(rules.length).toBeGreaterThan(0);
    for (const { at, value } of rules) expect(validRule(value), `README.md:${at}: ${ajv.errorsText(validRule.errors)}`).toBe(true);
  });

  it('rejects what the validator rejects', () => {
    const good = parse(readFileSync(join(root, 'rules/filesystem/rm-root.yaml'), 'utf8')) as Record<string, unknown>;
    const bad = [
      { ...good, incident: 'travis-2019' },
      { ...good, severity: { production: 'explode' } },
      { ...good, match: { ...(good.match as object), targets: ['mainframe'] } },
      { ...good, titel: 'typo' },
      { ...good, examples: { flag: [] } },
    ];
    for (const rule of bad) {
      expect(validateRule(rule, 'filesystem/rm-root', 'x.yaml').errors.length, JSON.stringify(rule).slice(0, 80)).toBeGreaterThan(0);
      expect(validRule(rule), JSON.stringify(rule).slice(0, 80)).toBe(false);
    }
  });
});

describe('config schema', () => {
  it('accepts every config the README shows, as the validator does', () => {
    const configKeys = Object.keys((configJsonSchema().properties as object) ?? {});
    const configs = readmeYaml().filter(
      ({ value }) => typeof value === 'object' && value !== null && Object.keys(value).every((key) => configKeys.includes(key)),
    );
    expect(configs.length).toBeGreaterThanOrEqual(2);
    for (const { at, value } of configs) {
      expect(validateConfig(value, `README.md:${at}`).errors).toEqual([]);
      expect(validConfig(value), `README.md:${at}: ${ajv.errorsText(validConfig.errors)}`).toBe(true);
    }
  });

  it.each([
    ['a typo in a key', 'enviroments:\n  production:\n    hosts: [db1]\n'],
    ['an unknown environment', 'environments:\n  prod:\n    hosts: [db1]\n'],
    ['a bad severity', 'rules:\n  filesystem/rm-root:\n    severity: { production: maybe }\n'],
    ['a share over 1', 'blast-radius:\n  confirm-share: 1.5\n'],
    ['a string for a boolean', 'probe:\n  enabled: "yes"\n'],
    ['a bad syslog address', 'audit:\n  syslog: somewhere\n'],
    ['an inventory without a source', 'inventories:\n  - groups: { web: production }\n'],
  ])('rejects %s, as the validator does', (_what, text) => {
    const value = parse(text);
    expect(validateConfig(value, 'x.yml').errors.length).toBeGreaterThan(0);
    expect(validConfig(value)).toBe(false);
  });

  it.each([
    ['(top level)', (extra: object) => extra, []],
    ['environments.production', (extra: object) => ({ environments: { production: extra } }), ['environments', 'properties', 'production']],
    ['probe', (extra: object) => ({ probe: extra }), ['probe']],
    ['blast-radius', (extra: object) => ({ 'blast-radius': extra }), ['blast-radius']],
    ['audit', (extra: object) => ({ audit: extra }), ['audit']],
    ['lint', (extra: object) => ({ lint: extra }), ['lint']],
    ['lint.sql', (extra: object) => ({ lint: { sql: extra } }), ['lint', 'properties', 'sql']],
    ['inventories[0]', (extra: object) => ({ inventories: [{ 'ssh-config': true, ...extra }] }), ['inventories', 'items']],
  ] as const)('allows at %s exactly the keys the validator allows', (_where, wrap, schemaPath) => {
    const errors = validateConfig(wrap({ 'not-a-key': 1 }), 'x.yml').errors.join('\n');
    const allowed = /unknown key \(expected one of ([^)]*)\)/.exec(errors)?.[1]?.split(', ');
    expect(allowed, errors).toBeDefined();
    let node = configJsonSchema() as Record<string, unknown>;
    for (const step of schemaPath.length > 0 ? ['properties', ...schemaPath] : []) node = node[step] as Record<string, unknown>;
    expect(Object.keys(node.properties as object).sort()).toEqual([...allowed!].sort());
  });

  it('allows in a rule file exactly the keys the rule validator allows', () => {
    const good = parse(readFileSync(join(root, 'rules/filesystem/rm-root.yaml'), 'utf8')) as Record<string, unknown>;
    const keysOf = (errors: string[]) => /unknown key \(expected one of ([^)]*)\)/.exec(errors.join('\n'))?.[1]?.split(', ').sort();
    const schema = ruleJsonSchema() as { properties: Record<string, { properties: Record<string, unknown> }> };
    expect(Object.keys(schema.properties).sort()).toEqual(keysOf(validateRule({ ...good, 'not-a-key': 1 }, 'filesystem/rm-root', 'x').errors));
    expect(Object.keys(schema.properties.match!.properties).sort()).toEqual(
      keysOf(validateRule({ ...good, match: { ...(good.match as object), 'not-a-key': 1 } }, 'filesystem/rm-root', 'x').errors),
    );
  });
});
