// Loading rules: the built-in set is compiled to dist/rules.json at build time (validated once,
// so every command start is a JSON.parse, not forty YAML parses); user rule folders named in the
// config are read and validated at run time. A file that does not validate is a ConfigError
// naming the file and the field.

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { validateRule, type Rule } from './schema.js';

/** `rules/` at the package root (src/rules/load.ts and dist/rules/load.js sit at the same depth). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../rules.json', import.meta.url));
const BUNDLE_DOCS = fileURLToPath(new URL('../rules-docs.json', import.meta.url));

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

/**
 * Read and validate every rule file under a folder (the built-in rules/, a `rule-directories`
 * entry, a rule pack). The id is the path without extension. Pure of global state: call it for
 * any folder; a file that does not validate throws a ConfigError naming the file and the field.
 */
export async function loadRulesFromDirectory(dir: string): Promise<Rule[]> {
  if (!existsSync(dir)) throw new ConfigError(`rule folder ${dir} does not exist`, 'fix rule-directories in your config');
  if (!statSync(dir).isDirectory()) throw new ConfigError(`rule folder ${dir} is not a folder`, 'rule-directories names folders of rule files');
  const { parse } = await import('yaml');
  const rules: Rule[] = [];
  for (const file of yamlFiles(dir)) {
    const id = relative(dir, file)
      .split(sep)
      .join('/')
      .replace(/\.ya?ml$/, '');
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ConfigError(`${file}: not valid YAML: ${detail}`, 'fix the YAML syntax');
    }
    const { rule, errors } = validateRule(raw, id, file);
    if (!rule)
      throw new ConfigError(`${file}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, 'see "Writing rules" in the README');
    rules.push(rule);
  }
  return rules;
}

let builtin: Rule[] | undefined;

/** The built-in rule set: from the build's bundle when present, else straight from rules/. */
export async function loadBuiltinRules(): Promise<Rule[]> {
  if (builtin) return builtin;
  if (existsSync(BUNDLE)) builtin = withDocsOnFirstUse(JSON.parse(readFileSync(BUNDLE, 'latin1')) as Rule[]);
  else builtin = await loadRulesFromDirectory(BUILTIN_RULES_DIR);
  return builtin;
}

type RuleDocs = Pick<Rule, 'examples' | 'references'>;

/**
 * The build keeps each rule's examples and references in a second file (scripts/bundle-rules.mjs):
 * a check never reads them, `explain`, lint's docs and test-rules do. They appear on the rules as
 * ordinary fields, read from that file the first time any of them is asked for.
 */
function withDocsOnFirstUse(rules: Rule[]): Rule[] {
  let docs: Record<string, RuleDocs> | undefined;
  const docsOf = (id: string): RuleDocs => (docs ??= JSON.parse(readFileSync(BUNDLE_DOCS, 'latin1')) as Record<string, RuleDocs>)[id]!;
  for (const rule of rules) {
    for (const field of ['examples', 'references'] as const) {
      Object.defineProperty(rule, field, {
        enumerable: true,
        configurable: true,
        get: () => docsOf(rule.id)[field],
        set: (value) => Object.defineProperty(rule, field, { value, enumerable: true, configurable: true, writable: true }),
      });
    }
  }
  return rules;
}

/** Built-in rules plus the user's, a user rule replacing a built-in one with the same id. */
export async function loadRules(extraDirectories: readonly string[]): Promise<Rule[]> {
  const rules = new Map((await loadBuiltinRules()).map((rule) => [rule.id, rule]));
  for (const dir of extraDirectories) for (const rule of await loadRulesFromDirectory(dir)) rules.set(rule.id, rule);
  return [...rules.values()];
}
