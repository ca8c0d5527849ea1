// A rule is data (rules/<domain>/<name>.yaml, id = path): what it matches, how severe it is in
// each environment, the incident it comes from, message/why/fix, and its own must-flag and
// must-pass examples. This validator is pure and returns every error as `path: message`.

import { SEVERITIES, type Environment, type Severity, type TargetKind } from '../types.js';
import { validateSeverityMap, type SeverityMap } from '../config/schema.js';
import { DATA_DIRECTORY_PARTS, PATH_CLASSES, type DataDirectoryPart, type PathClass } from '../targets/paths.js';

export const INCIDENTS = ['travis-2018', 'gitlab-2017', 'atlassian-2022', 'github-2018', 'general'] as const;
export type Incident = (typeof INCIDENTS)[number];

export const TARGET_KINDS: readonly TargetKind[] = ['database', 'app', 'host', 'kube', 'cloud', 'workspace'];

export const SQL_KINDS = [
  'drop-database',
  'drop-schema',
  'drop-table',
  'drop-other',
  'drop-cascade',
  'drop-extension',
  'truncate',
  'delete',
  'update',
  'alter-table-drop-column',
  'alter-table-alter-type',
  'alter-table-other',
  'replication',
  'transaction',
  'select',
  'insert',
  'create',
  'grant',
  'grant-broad',
  'revoke',
  'drop-role',
  'terminate-sessions',
  'shutdown',
  'table-rewrite',
  'durability-off',
  'set',
  'other',
  // mongosh operations
  'mongo-drop-database',
  'mongo-drop-collection',
  'mongo-delete-all',
  'mongo-update-all',
  'mongo-other',
  // pgbouncer's admin console (knowledge/pgbouncer.ts)
  'pgbouncer-read',
  'pgbouncer-control',
  'pgbouncer-stop-traffic',
  // ProxySQL's admin interface (knowledge/proxysql.ts): the proxy's configuration tables
  'proxysql-admin',
  // RMAN's DELETE of backups (knowledge/commands.ts rman)
  'backup-delete',
  // SQL that could not be judged (does not parse, unreadable file, unknown stdin), and a session
  // that can run anything.
  'unknown',
  'interactive-session',
] as const;
export const SQL_WHERE = ['none', 'always-true', 'present', 'computed', 'not-applicable'] as const;

export interface RuleMatch {
  /** Command basenames after unwrapping; `*` for any command. */
  commands: string[];
  exceptCommands: string[];
  /** Alternatives for the leading positional words (globs, case-insensitive), e.g. [[s3, rm]]. */
  subcommands: string[][];
  /**
   * `except`: per command, flags of these lists that are another option of that tool and do not
   * count for it (`cp -n` is --no-clobber, `ln -n` is --no-dereference: `ln -sfn` still replaces).
   */
  flags: { any: string[]; all: string[]; none: string[]; except?: Record<string, string[]> };
  /** Globs over single argument words (case-insensitive). */
  args: { any: string[]; none: string[] };
  /** Variables set by the line itself (inline `VAR=value`, `export`, `env VAR=…`): any of these names. */
  env: { any: string[] };
  /** Reached through any of these wrappers (`xargs`: arguments read from standard input); globs
   *  (`rsync deploy to *`: the step names the host). */
  via: string[];
  /** Not reached through any of these wrappers (globs). */
  exceptVia: string[];
  /**
   * Globs over the first and the last operand: the positional words after those the command
   * pattern names (`aws s3 sync SRC DEST`: SRC is first, DEST last). Which way a copy or a sync
   * goes decides what it deletes.
   */
  operands: { first: { any: string[]; none: string[] }; last: { any: string[]; none: string[] }; max?: number };
  paths?: {
    classes: PathClass[];
    /** `sources`: every operand but the last (what `mv`/`cp SRC… DEST` takes from); `visits`:
     *  what `find` visits below its starting points (`ROOT/*`, or `ROOT/NAME` for its -name tests). */
    from: 'positionals' | 'after-first' | 'last' | 'sources' | 'visits' | `prefix:${string}`;
    /** Data-directory paths only in these parts (`inside`: a file in it, not the directory itself). */
    parts?: DataDirectoryPart[];
    /** Data-directory paths in any part but these (`folder`: a file write cannot overwrite one). */
    exceptParts?: DataDirectoryPart[];
  };
  sql?: { kinds: string[]; where: string[] };
  /** Targets whose environment sets the severity. */
  targets: TargetKind[];
}

export interface RuleExample {
  line?: string;
  /** Lint examples (rules whose logic is code): a file's name, which says its kind, and its text. */
  file?: string;
  text?: string;
  sql?: string;
  url?: string;
  env: Record<string, string>;
  hostname?: string;
  cwd?: string;
  kubeContext?: string;
  /** Expected severity of this rule's finding (flag examples). */
  severity?: Severity;
}

export interface Rule {
  id: string;
  /**
   * `match`: the rule is data matched by the engine (evaluate.ts). `code`: its logic cannot be
   * data (an env file's database URL, a suppression nobody uses) and lives in code keyed by this
   * id (src/lint/rules.ts says where); its metadata and examples are still here, like ESLint's
   * meta + create.
   */
  logic: 'match' | 'code';
  title: string;
  incident: Incident;
  severity: SeverityMap;
  match: RuleMatch;
  message: string;
  why: string;
  fix: string;
  references: string[];
  examples: { flag: RuleExample[]; pass: RuleExample[] };
  /** The file the rule came from. */
  file: string;
}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: Json, path: string, errors: string[], { required = false } = {}): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    errors.push(`${path}: must be a list of strings`);
    return [];
  }
  return value.map(String);
}

function text(value: Json, path: string, errors: string[]): string {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push(`${path}: is required and must be non-empty text`);
    return '';
  }
  return value.trim();
}

function checkKeys(value: Record<string, Json>, allowed: readonly string[], path: string, errors: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push(`${path}${path ? '.' : ''}${key}: unknown key (expected one of ${allowed.join(', ')})`);
  }
}

function validateExample(value: Json, path: string, errors: string[], logic: Rule['logic']): RuleExample | undefined {
  if (typeof value === 'string' && logic === 'match') return { line: value, env: {} };
  if (!isObject(value)) {
    errors.push(`${path}: must be a command line or { line, env, hostname, cwd, kube-context, severity }`);
    return undefined;
  }
  checkKeys(value, ['line', 'sql', 'url', 'env', 'hostname', 'cwd', 'kube-context', 'severity', 'note', 'file', 'text'], path, errors);
  if (logic === 'code') {
    if (typeof value.file !== 'string' || typeof value.text !== 'string') {
      errors.push(`${path}: a rule whose logic is code is shown with a file: { file: NAME, text: CONTENTS } (the name says its kind, e.g. .env.test)`);
      return undefined;
    }
  } else if (typeof value.line !== 'string' && typeof value.sql !== 'string') {
    errors.push(`${path}: needs line (a shell line) or sql`);
    return undefined;
  }
  const env: Record<string, string> = {};
  if (value.env !== undefined) {
    if (!isObject(value.env)) errors.push(`${path}.env: must be a map of variable to value`);
    else for (const [key, item] of Object.entries(value.env)) env[key] = String(item);
  }
  if (value.severity !== undefined && !SEVERITIES.includes(value.severity as Severity)) {
    errors.push(`${path}.severity: must be one of ${SEVERITIES.join(', ')}`);
  }
  return {
    env,
    ...(typeof value.line === 'string' ? { line: value.line } : {}),
    ...(typeof value.sql === 'string' ? { sql: value.sql } : {}),
    ...(typeof value.file === 'string' ? { file: value.file } : {}),
    ...(typeof value.text === 'string' ? { text: value.text } : {}),
    ...(typeof value.url === 'string' ? { url: value.url } : {}),
    ...(typeof value.hostname === 'string' ? { hostname: value.hostname } : {}),
    ...(typeof value.cwd === 'string' ? { cwd: value.cwd } : {}),
    ...(typeof value['kube-context'] === 'string' ? { kubeContext: value['kube-context'] } : {}),
    ...(typeof value.severity === 'string' ? { severity: value.severity as Severity } : {}),
  };
}

/** A match that matches nothing: what a rule with `logic: code` has, and the start of validation. */
function emptyMatch(): RuleMatch {
  return {
    commands: [],
    exceptCommands: [],
    subcommands: [],
    flags: { any: [], all: [], none: [] },
    args: { any: [], none: [] },
    env: { any: [] },
    via: [],
    exceptVia: [],
    operands: { first: { any: [], none: [] }, last: { any: [], none: [] } },
    targets: [],
  };
}

function validateMatch(value: Json, path: string, errors: string[]): RuleMatch {
  const match = emptyMatch();
  if (!isObject(value)) {
    errors.push(`${path}: is required: a map with commands, targets, and optional subcommands, flags, args, paths, sql`);
    return match;
  }
  const { 'options-with-values': optionsWithValues, ...keys } = value;
  checkKeys(
    keys,
    ['commands', 'except-commands', 'subcommands', 'flags', 'args', 'env', 'via', 'except-via', 'operands', 'paths', 'sql', 'targets'],
    path,
    errors,
  );
  match.via = strings(value.via, `${path}.via`, errors);
  match.exceptVia = strings(value['except-via'], `${path}.except-via`, errors);
  match.commands = strings(value.commands, `${path}.commands`, errors, { required: true });
  if (match.commands.length === 0 && value.commands !== undefined) errors.push(`${path}.commands: must name at least one command (or "*")`);
  match.exceptCommands = strings(value['except-commands'], `${path}.except-commands`, errors);
  if (value.subcommands !== undefined) {
    if (!Array.isArray(value.subcommands)) errors.push(`${path}.subcommands: must be a list of word lists, e.g. [[s3, rm], [s3, rb]]`);
    else match.subcommands = value.subcommands.map((item, i) => (typeof item === 'string' ? [item] : strings(item, `${path}.subcommands[${i}]`, errors)));
  }
  if (optionsWithValues !== undefined) {
    // Which options of a tool take a value is prodguard's knowledge of the tool (src/knowledge/),
    // written once for every rule: a copy per rule drifted from the others.
    errors.push(
      `${path}.options-with-values: is no longer read: prodguard knows which options of each tool take a value; remove it (a tool whose options prodguard does not know: please report it)`,
    );
  }
  if (value.flags !== undefined) {
    if (!isObject(value.flags)) errors.push(`${path}.flags: must be a map with any, all, none`);
    else {
      checkKeys(value.flags, ['any', 'all', 'none', 'except'], `${path}.flags`, errors);
      match.flags = {
        any: strings(value.flags.any, `${path}.flags.any`, errors),
        all: strings(value.flags.all, `${path}.flags.all`, errors),
        none: strings(value.flags.none, `${path}.flags.none`, errors),
      };
      if (value.flags.except !== undefined) {
        const except = value.flags.except;
        if (!isObject(except)) errors.push(`${path}.flags.except: must be a map from a command to the flags that do not count for it`);
        else
          match.flags.except = Object.fromEntries(
            Object.entries(except).map(([name, flags]) => [name, strings(flags, `${path}.flags.except.${name}`, errors)]),
          );
      }
      // A task runner's setting given as an argument (`rake cleanup DRY_RUN=false`, `make X FORCE=1`)
      // is written as the whole word, upper case: it is an option of the task, not an operand.
      for (const flag of [...match.flags.any, ...match.flags.all, ...match.flags.none]) {
        if (!flag.startsWith('-') && !/^[A-Z][A-Z0-9_]*=\S+$/.test(flag))
          errors.push(`${path}.flags: "${flag}" must start with - or -- (or be a task setting such as DRY_RUN=false)`);
      }
    }
  }
  if (value.args !== undefined) {
    if (!isObject(value.args)) errors.push(`${path}.args: must be a map with any, none`);
    else {
      checkKeys(value.args, ['any', 'none'], `${path}.args`, errors);
      match.args = { any: strings(value.args.any, `${path}.args.any`, errors), none: strings(value.args.none, `${path}.args.none`, errors) };
    }
  }
  if (value.env !== undefined) {
    if (!isObject(value.env)) errors.push(`${path}.env: must be a map with any: [VARIABLE…]`);
    else {
      checkKeys(value.env, ['any'], `${path}.env`, errors);
      match.env = { any: strings(value.env.any, `${path}.env.any`, errors) };
    }
  }
  if (value.operands !== undefined) {
    if (!isObject(value.operands)) errors.push(`${path}.operands: must be a map with first and/or last, each { any, none }`);
    else {
      checkKeys(value.operands, ['first', 'last', 'max'], `${path}.operands`, errors);
      const max = value.operands.max;
      if (max !== undefined) {
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) errors.push(`${path}.operands.max: must be a whole number (0 or more)`);
        else match.operands.max = max;
      }
      for (const end of ['first', 'last'] as const) {
        const globs = value.operands[end];
        if (globs === undefined) continue;
        if (!isObject(globs)) errors.push(`${path}.operands.${end}: must be a map with any, none (globs over the ${end} operand)`);
        else {
          checkKeys(globs, ['any', 'none'], `${path}.operands.${end}`, errors);
          match.operands[end] = {
            any: strings(globs.any, `${path}.operands.${end}.any`, errors),
            none: strings(globs.none, `${path}.operands.${end}.none`, errors),
          };
        }
      }
    }
  }
  if (value.paths !== undefined) {
    if (!isObject(value.paths)) errors.push(`${path}.paths: must be a map with classes and from`);
    else {
      checkKeys(value.paths, ['classes', 'from', 'parts', 'exceptParts'], `${path}.paths`, errors);
      const classes = strings(value.paths.classes, `${path}.paths.classes`, errors, { required: true });
      for (const item of classes)
        if (!PATH_CLASSES.includes(item as PathClass)) errors.push(`${path}.paths.classes: "${item}" is not one of ${PATH_CLASSES.join(', ')}`);
      const from = value.paths.from ?? 'positionals';
      if (
        typeof from !== 'string' ||
        !(from === 'positionals' || from === 'after-first' || from === 'last' || from === 'sources' || from === 'visits' || from.startsWith('prefix:'))
      ) {
        errors.push(`${path}.paths.from: must be positionals, after-first, last, sources, visits or prefix:<text> (e.g. prefix:of=)`);
      }
      const parts = value.paths.parts === undefined ? undefined : strings(value.paths.parts, `${path}.paths.parts`, errors);
      for (const item of parts ?? [])
        if (!DATA_DIRECTORY_PARTS.includes(item as DataDirectoryPart))
          errors.push(`${path}.paths.parts: "${item}" is not one of ${DATA_DIRECTORY_PARTS.join(', ')}`);
      const exceptParts = value.paths.exceptParts === undefined ? undefined : strings(value.paths.exceptParts, `${path}.paths.exceptParts`, errors);
      for (const item of exceptParts ?? [])
        if (!DATA_DIRECTORY_PARTS.includes(item as DataDirectoryPart))
          errors.push(`${path}.paths.exceptParts: "${item}" is not one of ${DATA_DIRECTORY_PARTS.join(', ')}`);
      match.paths = {
        classes: classes as PathClass[],
        from: from as NonNullable<RuleMatch['paths']>['from'],
        ...(parts ? { parts: parts as DataDirectoryPart[] } : {}),
        ...(exceptParts ? { exceptParts: exceptParts as DataDirectoryPart[] } : {}),
      };
    }
  }
  if (value.sql !== undefined) {
    if (!isObject(value.sql)) errors.push(`${path}.sql: must be a map with kinds and where`);
    else {
      checkKeys(value.sql, ['kinds', 'where'], `${path}.sql`, errors);
      const kinds = strings(value.sql.kinds, `${path}.sql.kinds`, errors, { required: true });
      for (const kind of kinds)
        if (!(SQL_KINDS as readonly string[]).includes(kind)) errors.push(`${path}.sql.kinds: "${kind}" is not one of ${SQL_KINDS.join(', ')}`);
      const where = strings(value.sql.where, `${path}.sql.where`, errors);
      for (const item of where)
        if (!(SQL_WHERE as readonly string[]).includes(item)) errors.push(`${path}.sql.where: "${item}" is not one of ${SQL_WHERE.join(', ')}`);
      match.sql = { kinds, where };
    }
  }
  match.targets = strings(value.targets, `${path}.targets`, errors, { required: true }) as TargetKind[];
  for (const kind of match.targets) if (!TARGET_KINDS.includes(kind)) errors.push(`${path}.targets: "${kind}" is not one of ${TARGET_KINDS.join(', ')}`);
  if (value.targets !== undefined && match.targets.length === 0) errors.push(`${path}.targets: name at least one target kind (${TARGET_KINDS.join(', ')})`);
  return match;
}

/** Placeholders a message may use; an unknown one is an error, so no message prints `{typo}`. */
export const MESSAGE_PLACEHOLDERS = ['command', 'target', 'environment', 'evidence', 'path', 'detail', 'source', 'statement', 'via'] as const;

export function validateRule(raw: Json, id: string, file: string): { rule?: Rule; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(raw)) return { errors: ['(top level): a rule file must be a map with id, title, incident, severity, match, message, why, fix, examples'] };
  checkKeys(raw, ['id', 'title', 'incident', 'severity', 'logic', 'match', 'message', 'why', 'fix', 'references', 'examples'], '', errors);
  if (raw.logic !== undefined && raw.logic !== 'match' && raw.logic !== 'code') errors.push('logic: must be match (the default) or code');
  const logic: Rule['logic'] = raw.logic === 'code' ? 'code' : 'match';
  if (raw.id !== undefined && raw.id !== id) errors.push(`id: "${String(raw.id)}" must equal the file's path "${id}" (or be left out)`);
  const title = text(raw.title, 'title', errors);
  const incident = text(raw.incident, 'incident', errors);
  if (incident && !(INCIDENTS as readonly string[]).includes(incident)) errors.push(`incident: "${incident}" is not one of ${INCIDENTS.join(', ')}`);
  const severity =
    raw.severity === undefined
      ? (errors.push('severity: is required, e.g. { production: block, unknown-remote: confirm, default: allow }'), {})
      : validateSeverityMap(raw.severity, 'severity', errors);
  let match: RuleMatch;
  if (logic === 'code') {
    if (raw.match !== undefined) errors.push('match: a rule whose logic is code has no match (its logic is keyed by its id)');
    match = emptyMatch();
  } else match = validateMatch(raw.match, 'match', errors);
  const message = text(raw.message, 'message', errors);
  for (const placeholder of message.matchAll(/\{([^}]*)\}/g)) {
    if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(placeholder[1]!)) {
      errors.push(`message: unknown placeholder {${placeholder[1]}} (expected one of ${MESSAGE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
    }
  }
  const why = text(raw.why, 'why', errors);
  const fix = text(raw.fix, 'fix', errors);
  const references = strings(raw.references, 'references', errors);
  const examples: Rule['examples'] = { flag: [], pass: [] };
  if (!isObject(raw.examples)) errors.push('examples: is required: { flag: [...], pass: [...] } with at least one of each');
  else {
    checkKeys(raw.examples, ['flag', 'pass'], 'examples', errors);
    for (const kind of ['flag', 'pass'] as const) {
      const list = raw.examples[kind];
      if (!Array.isArray(list) || list.length === 0) {
        errors.push(`examples.${kind}: needs at least one example (a rule without must-${kind} examples is not tested)`);
        continue;
      }
      list.forEach((item, index) => {
        const example = validateExample(item, `examples.${kind}[${index}]`, errors, logic);
        if (example) examples[kind].push(example);
      });
    }
  }
  if (errors.length > 0) return { errors };
  return {
    rule: { id, logic, title, incident: incident as Incident, severity, match, message, why, fix, references, examples, file },
    errors,
  };
}

/** The severity a rule gives a target in an environment (config overrides already merged). */
export function severityFor(severity: SeverityMap, environment: Environment): Severity {
  return severity[environment] ?? severity.default ?? 'allow';
}
