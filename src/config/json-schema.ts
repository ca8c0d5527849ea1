// JSON Schemas (draft-07) for `.prodguard.yml` and rule files, so editors complete and validate them
// (`# yaml-language-server: $schema=…`). Built from the validators' own lists (environments,
// severities, incidents, SQL kinds, path classes…); `npm run schema` writes them to schema/, and a
// test checks that each map here allows exactly the keys its validator allows.

import { ENVIRONMENTS, SEVERITIES } from '../types.js';
import { CONFIGURABLE_ENVIRONMENTS, PATTERN_KEYS } from './schema.js';
import { INCIDENTS, MESSAGE_PLACEHOLDERS, SQL_KINDS, SQL_WHERE, TARGET_KINDS } from '../rules/schema.js';
import { DATA_DIRECTORY_PARTS, PATH_CLASSES } from '../targets/paths.js';

type Schema = Record<string, unknown>;

export const CONFIG_SCHEMA_FILE = 'schema/prodguard-config.schema.json';
export const RULE_SCHEMA_FILE = 'schema/prodguard-rule.schema.json';

const strings = (description?: string): Schema => ({ type: 'array', items: { type: 'string' }, ...(description ? { description } : {}) });
const map = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(description ? { description } : {}),
});
const nonNegative: Schema = { type: 'number', minimum: 0 };
const shareOfTable: Schema = { type: 'number', minimum: 0, maximum: 1 };

const severityMap: Schema = map(
  Object.fromEntries([...ENVIRONMENTS, 'default'].map((environment) => [environment, { enum: [...SEVERITIES] }])),
  'severity per environment, e.g. { production: block, default: warn }',
);

export function configJsonSchema(): Schema {
  const patterns = map(Object.fromEntries(PATTERN_KEYS.map((key) => [key, strings('globs')])));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://prodguard.dev/schema/prodguard-config.schema.json',
    title: 'prodguard configuration (.prodguard.yml)',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      environments: map(
        Object.fromEntries(CONFIGURABLE_ENVIRONMENTS.map((environment) => [environment, patterns])),
        'what is production, staging, …: globs over hosts, databases, kube contexts, cloud resources, workspaces',
      ),
      rules: {
        type: 'object',
        description: 'rule id → off, or { severity: off | { environment: severity } }',
        additionalProperties: { oneOf: [{ const: 'off' }, map({ severity: { oneOf: [{ const: 'off' }, severityMap] } })] },
      },
      'rule-directories': strings('your own rule folders, same format as rules/'),
      probe: map({ enabled: { type: 'boolean' }, 'timeout-ms': nonNegative, 'cache-seconds': nonNegative }),
      'blast-radius': map({ 'confirm-share': shareOfTable, 'block-share': shareOfTable, 'block-rows': nonNegative }),
      'stale-shell-hours': nonNegative,
      'locked-rules': strings('system policy only: rules no other config may change'),
      inventories: {
        type: 'array',
        items: {
          ...map({
            ansible: { type: 'string' },
            'ssh-config': { type: ['boolean', 'string'] },
            groups: { type: 'object', additionalProperties: { enum: [...CONFIGURABLE_ENVIRONMENTS] } },
          }),
          anyOf: [{ required: ['ansible'] }, { required: ['ssh-config'] }],
        },
      },
      extends: { oneOf: [{ type: 'string' }, strings()], description: 'policy packs or files this config builds on' },
      audit: map({ syslog: { type: 'string', pattern: '^(default|unix:/.+|udp:[^:]+:\\d+)$' }, journald: { type: 'boolean' } }),
      lint: map({
        ignore: strings('.gitignore-style globs'),
        sql: map({ dialect: { enum: ['auto', 'postgres', 'postgresql', 'mysql'] }, migrations: strings() }),
      }),
      'data-directories': map(
        {
          locations: strings('absolute paths (or ~/…) whose contents are database files; a segment may be a glob'),
          markers: strings('file names that make a directory a data directory wherever it lives (a glob in the last segment)'),
        },
        'data-directory locations and markers beside the built-in ones (they only add)',
      ),
    },
  };
}

export function ruleJsonSchema(): Schema {
  const text: Schema = { type: 'string', minLength: 1 };
  const word = { type: ['string', 'number'] };
  const words = { type: 'array', items: word };
  const example = map({
    line: { type: 'string' },
    sql: { type: 'string' },
    url: { type: 'string' },
    env: { type: 'object', additionalProperties: word },
    hostname: { type: 'string' },
    cwd: { type: 'string' },
    'kube-context': { type: 'string' },
    severity: { enum: [...SEVERITIES] },
    note: { type: 'string' },
    file: { type: 'string' },
    text: { type: 'string' },
  });
  const examples = { type: 'array', minItems: 1, items: { oneOf: [{ type: 'string' }, example] } };
  const match = {
    ...map({
      commands: { ...words, minItems: 1, description: 'command basenames after unwrapping; "*" for any' },
      'except-commands': words,
      subcommands: { type: 'array', items: { oneOf: [{ type: 'string' }, words] } },
      flags: map({
        any: words,
        all: words,
        none: words,
        except: { type: 'object', additionalProperties: words, description: 'per command, flags of these lists that mean another option of that tool' },
      }),
      args: map({ any: words, none: words }),
      env: map({ any: words }),
      via: { ...words, description: 'reached through any of these wrappers (xargs: arguments read from standard input); globs' },
      'except-via': { ...words, description: 'not reached through any of these wrappers (globs)' },
      operands: {
        ...map({
          first: map({ any: words, none: words }),
          last: map({ any: words, none: words }),
          max: { type: 'integer', minimum: 0 },
        }),
        description: 'globs over the first and the last positional after the words the command pattern names',
      },
      paths: {
        ...map({
          classes: { type: 'array', items: { enum: [...PATH_CLASSES] } },
          from: { type: 'string', pattern: '^(positionals|after-first|last|sources|visits|prefix:.+)$' },
          parts: {
            description: 'data-directory paths only in these parts (inside: a file in it, not the directory itself)',
            type: 'array',
            items: { enum: [...DATA_DIRECTORY_PARTS] },
          },
          exceptParts: {
            description: 'data-directory paths in any part but these (folder: a name only a database folder has, which a file write cannot overwrite)',
            type: 'array',
            items: { enum: [...DATA_DIRECTORY_PARTS] },
          },
        }),
      },
      sql: map({ kinds: { type: 'array', items: { enum: [...SQL_KINDS] } }, where: { type: 'array', items: { enum: [...SQL_WHERE] } } }),
      targets: { type: 'array', minItems: 1, items: { enum: [...TARGET_KINDS] } },
    }),
    required: ['commands', 'targets'],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://prodguard.dev/schema/prodguard-rule.schema.json',
    title: 'prodguard rule (rules/<domain>/<name>.yaml)',
    ...map({
      id: { type: 'string', description: "the file's path under rules/, without .yaml (may be left out)" },
      title: text,
      incident: { enum: [...INCIDENTS] },
      severity: severityMap,
      logic: { enum: ['match', 'code'] },
      match,
      message: { ...text, description: `placeholders: ${MESSAGE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` },
      why: text,
      fix: text,
      references: { type: 'array', items: { type: 'string' } },
      examples: { ...map({ flag: examples, pass: examples }), required: ['flag', 'pass'] },
    }),
    required: ['title', 'incident', 'severity', 'message', 'why', 'fix', 'examples'],
  };
}
