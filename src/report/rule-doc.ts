// One documentation page per rule (docs/rules/<id>.md), rendered from the rule's own data: what it
// matches, the incident behind it, why, the fix, and its flagged and passing examples with the
// environment each is judged in (the same line can be flagged on one host and pass on another).
// Pure: `npm run docs:rules` writes the pages, a test checks they are current, SARIF embeds them.

import type { Rule, RuleExample } from '../rules/schema.js';
import { redact } from '../util/redact.js';
import { exampleLine } from '../engine/rule-examples.js';
export { docsBaseUrl } from './docs-url.js';

export const RULE_DOCS_DIR = 'docs/rules';

export function ruleDocPath(id: string): string {
  return `${RULE_DOCS_DIR}/${id}.md`;
}

/** SARIF's help for a rule: its page as markdown, and the page's address when the repository is known. */
export function ruleHelp(rule: Rule, baseUrl: string | undefined): { markdown: string; helpUri?: string } {
  const markdown = renderRuleDoc(rule).replace(/^<!--.*-->\n\n/, '');
  return { markdown, ...(baseUrl ? { helpUri: `${baseUrl}${ruleDocPath(rule.id)}` } : {}) };
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 || text.startsWith('`') || text.endsWith('`') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function fenced(text: string, language = ''): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, text.replace(/\n+$/, ''), fence];
}

function severities(rule: Rule): string {
  return Object.entries(rule.severity)
    .map(([environment, severity]) => `${environment}: ${severity}`)
    .join(', ');
}

/** Where an example is judged: the variables, host, folder, context and URL it comes with. */
function context(example: RuleExample): string {
  const variables = Object.entries(example.env).map(([name, value]) => code(`${name}=${redact(value)}`));
  const parts = [
    ...(variables.length > 0 ? [`with ${variables.join(' ')}`] : []),
    ...(example.hostname ? [`on host ${code(example.hostname)}`] : []),
    ...(example.cwd ? [`in ${code(example.cwd)}`] : []),
    ...(example.kubeContext ? [`kube context ${code(example.kubeContext)}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'on a workstation with no production hint';
}

function exampleLines(example: RuleExample, flagged: boolean): string[] {
  const where = context(example);
  const verdict = flagged && example.severity ? ` → **${example.severity}**` : '';
  if (example.file !== undefined)
    return [`- in a file named ${code(example.file)}${verdict}:`, '', ...fenced(redact(example.text ?? '')).map((line) => `  ${line}`), ''];
  const what = code(redact(exampleLine(example)));
  return [`- ${what} — ${where}${verdict}`];
}

function matchLines(rule: Rule): string[] {
  if (rule.logic === 'code') return ['Its logic is code (reported by `prodguard lint`); the examples below show what it reports.'];
  const m = rule.match;
  const list = (items: readonly string[]) => items.map(code).join(', ');
  return [
    `- commands: ${list(m.commands)}${m.exceptCommands.length > 0 ? ` (except ${list(m.exceptCommands)})` : ''}`,
    ...(m.subcommands.length > 0 ? [`- subcommands: ${m.subcommands.map((words) => code(words.join(' '))).join(', ')}`] : []),
    ...(m.flags.any.length > 0 ? [`- with any of the flags ${list(m.flags.any)}`] : []),
    ...(m.flags.all.length > 0 ? [`- with all of the flags ${list(m.flags.all)}`] : []),
    ...(m.flags.none.length > 0 ? [`- without the flags ${list(m.flags.none)}`] : []),
    ...Object.entries(m.flags.except ?? {}).map(
      ([name, flags]) => `- for ${name}, ${list(flags)} ${flags.length === 1 ? 'is' : 'are'} another option and do not count`,
    ),
    ...(m.args.any.length > 0 ? [`- with an argument like ${list(m.args.any)}`] : []),
    ...(m.args.none.length > 0 ? [`- without an argument like ${list(m.args.none)}`] : []),
    ...(m.env.any.length > 0 ? [`- setting any of the variables ${list(m.env.any)}`] : []),
    ...(m.via.length > 0 ? [`- reached through ${list(m.via)}`] : []),
    ...(m.paths ? [`- on paths of the kind ${list(m.paths.classes)} (${m.paths.from})`] : []),
    ...(m.sql ? [`- running SQL of the kind ${list(m.sql.kinds)}${m.sql.where.length > 0 ? ` where the WHERE is ${list(m.sql.where)}` : ''}`] : []),
    ...(m.targets.length > 0 ? [`- its severity follows the environment of the ${m.targets.join(' / ')} target`] : []),
  ];
}

export function renderRuleDoc(rule: Rule): string {
  const lines = [
    `<!-- generated from rules/${rule.id}.yaml by npm run docs:rules; edit the rule, not this page -->`,
    '',
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    `- incident: ${rule.incident === 'general' ? 'general (no single incident)' : `${rule.incident} (see INCIDENTS in the README)`}`,
    `- severity by environment: ${severities(rule)}`,
    `- source: ${code(`rules/${rule.id}.yaml`)}; in a terminal: ${code(`prodguard explain ${rule.id}`)}`,
    '',
    '## What it matches',
    '',
    ...matchLines(rule),
    '',
    '## Why',
    '',
    rule.why,
    '',
    '## How to fix',
    '',
    rule.fix,
    '',
    '## Flagged',
    '',
    ...rule.examples.flag.flatMap((example) => exampleLines(example, true)),
    '',
    '## Passes',
    '',
    ...rule.examples.pass.flatMap((example) => exampleLines(example, false)),
    '',
    '## Turning it down or off',
    '',
    'In `.prodguard.yml` (a repository config may only tighten until you run `prodguard trust`):',
    '',
    ...fenced(
      `rules:\n  ${rule.id}:\n    severity: { local: warn }   # merged over the severities above\n  # ${rule.id}: off           # or turn it off`,
      'yaml',
    ),
    '',
    `Once, deliberately, for one target: ${code(`prodguard run --override ${rule.id}=TARGET -- …`)}. In a file that ${code('prodguard lint')} reads: ${code(`# prodguard-disable-next-line ${rule.id} -- why`)}.`,
    ...(rule.references.length > 0 ? ['', '## References', '', ...rule.references.map((reference) => `- <${reference}>`)] : []),
    '',
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
