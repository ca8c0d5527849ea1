// `prodguard explain RULE` and `prodguard rules`: the rule set, for people who were stopped.

import { UsageError } from '../errors.js';
import { loadSetup, nearRuleIds } from './judge.js';
import type { Rule, RuleExample } from '../rules/schema.js';
import { BUILTIN_RULES_DIR } from '../rules/load.js';
import type { Config } from '../config/schema.js';
import { CODE_RULES } from '../lint/rules.js';
import { JSON_SCHEMA_VERSION } from '../report/json-schema-version.js';
import { ruleDocPath } from '../report/rule-doc.js';
import { redact } from '../util/redact.js';

/** How a rule decides: its match, or the code keyed by its id. */
function describeLogic(rule: Rule): string {
  if (rule.logic === 'code') return `logic: code (${CODE_RULES[rule.id] ?? 'a rule pack'}), reported by prodguard lint`;
  return `matches: ${rule.match.commands.join(', ')}${rule.match.paths ? ` on ${rule.match.paths.classes.join('/')} paths` : ''}${rule.match.sql ? ` running ${rule.match.sql.kinds.join('/')}` : ''}`;
}

/** For a rule about data-directory paths: the locations and markers the config adds to the
 *  built-in ones (a person stopped at `/srv/pg-main` reads where that came from). */
function configuredDataDirectories(rule: Rule, config: Config): Config['dataDirectories'] | undefined {
  const classes = rule.logic === 'code' ? [] : (rule.match.paths?.classes ?? []);
  if (!classes.some((name) => name === 'data-directory' || name === 'data-directory-leftover')) return undefined;
  const { locations, markers } = config.dataDirectories;
  return locations.length + markers.length > 0 ? { locations, markers } : undefined;
}

function describeDataDirectories(configured: Config['dataDirectories'] | undefined): string[] {
  if (!configured) return [];
  const parts = [
    ...(configured.locations.length > 0 ? [configured.locations.join(', ')] : []),
    ...(configured.markers.length > 0 ? [`markers ${configured.markers.join(', ')}`] : []),
  ];
  return [`data directories added by config: ${parts.join('; ')}`];
}

/** An example as a person would type or write it. */
function describeExample(example: RuleExample): string {
  if (example.file !== undefined) return `${example.file}: ${(example.text ?? '').trimEnd().split('\n').join(' ⏎ ')}`;
  return example.line ?? example.sql ?? '';
}

function effectiveSeverity(rule: Rule, config: Config): string {
  const override = config.rules[rule.id]?.severity;
  if (override === 'off') return 'off (config)';
  const map = override ? { ...rule.severity, ...override } : rule.severity;
  return Object.entries(map)
    .map(([environment, severity]) => `${environment}: ${severity}`)
    .join(', ');
}

/** The severity a rule has under this config: its map with the config's override, or "off". */
function severityInEffect(rule: Rule, config: Config): Record<string, string> | 'off' {
  const override = config.rules[rule.id]?.severity;
  if (override === 'off') return 'off';
  return override ? { ...rule.severity, ...override } : { ...rule.severity };
}

/** `explain RULE --json`: everything the text shows, with every example and where it is judged. */
export function explainJson(rule: Rule, config: Config): Record<string, unknown> {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    id: rule.id,
    title: rule.title,
    incident: rule.incident,
    logic: rule.logic ?? 'match',
    ...(rule.logic === 'code' ? { code: CODE_RULES[rule.id] ?? null } : { match: rule.match }),
    severity: severityInEffect(rule, config),
    defaultSeverity: rule.severity,
    message: rule.message,
    why: rule.why,
    fix: rule.fix,
    references: rule.references,
    examples: rule.examples,
    from: ruleOrigin(rule),
    ...(ruleOrigin(rule) === 'built-in' ? { doc: ruleDocPath(rule.id) } : {}),
    ...(configuredDataDirectories(rule, config) ? { dataDirectories: configuredDataDirectories(rule, config) } : {}),
  };
}

export async function runExplain(id: string, options: { config?: string; json?: boolean }): Promise<number> {
  const { config, rules } = await loadSetup({ ...(options.config ? { configFile: options.config } : {}), cwd: process.cwd(), env: process.env });
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) {
    const near = nearRuleIds(id, rules);
    throw new UsageError(`no rule "${id}"`, near.length > 0 ? `did you mean ${near.slice(0, 3).join(', ')}?` : 'run "prodguard rules" for the list');
  }
  if (options.json) {
    // Examples are rule data, but a user rule's may hold a real URL: redact like every output.
    process.stdout.write(`${redact(JSON.stringify(explainJson(rule, config), null, 2))}\n`);
    return 0;
  }
  const lines = [
    `${rule.id} — ${rule.title}`,
    `incident: ${rule.incident}`,
    `severity: ${effectiveSeverity(rule, config)}`,
    describeLogic(rule),
    ...describeDataDirectories(configuredDataDirectories(rule, config)),
    '',
    `why: ${rule.why}`,
    '',
    `fix: ${rule.fix}`,
    '',
    'flags, for example:',
    ...rule.examples.flag.slice(0, 4).map((example) => `  ${describeExample(example)}`),
    'passes, for example:',
    ...rule.examples.pass.slice(0, 4).map((example) => `  ${describeExample(example)}`),
    ...(rule.references.length > 0 ? ['', 'references:', ...rule.references.map((reference) => `  ${reference}`)] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function runRules(options: { json?: boolean; ids?: boolean; config?: string }): Promise<number> {
  const { config, rules } = await loadSetup({ ...(options.config ? { configFile: options.config } : {}), cwd: process.cwd(), env: process.env });
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  if (options.ids) {
    process.stdout.write(sorted.map((rule) => `${rule.id}\n`).join(''));
    return 0;
  }
  if (options.json) {
    const body = sorted.map((rule) => ({
      id: rule.id,
      title: rule.title,
      incident: rule.incident,
      logic: rule.logic ?? 'match',
      severity: config.rules[rule.id]?.severity ?? rule.severity,
      from: ruleOrigin(rule),
    }));
    process.stdout.write(`${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, rules: body }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...sorted.map((rule) => rule.id.length));
  for (const rule of sorted) {
    const origin = ruleOrigin(rule);
    process.stdout.write(`${rule.id.padEnd(width)}  ${rule.incident.padEnd(14)}  ${rule.title}${origin === 'built-in' ? '' : `  (from ${origin})`}\n`);
  }
  return 0;
}

/** Where a rule came from: built in, or the file of a pack or rule folder (issue 14). */
function ruleOrigin(rule: Rule): string {
  return !rule.file || rule.file.startsWith(BUILTIN_RULES_DIR) || !rule.file.startsWith('/') ? 'built-in' : rule.file;
}
