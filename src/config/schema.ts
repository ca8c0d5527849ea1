// The config file (`.prodguard.yml`): its shape and a pure validator that returns every error as
// `path: message`, so a bad config is one clear line naming the file and the field.

import { ENVIRONMENTS, SEVERITIES, type Environment, type Severity } from '../types.js';

export type ConfiguredEnvironment = Exclude<Environment, 'unknown' | 'unknown-remote'>;

export interface EnvironmentPatterns {
  hosts: string[];
  databases: string[];
  'kube-contexts': string[];
  cloud: string[];
  workspaces: string[];
}

export type SeverityMap = Partial<Record<Environment | 'default', Severity>>;

export interface RuleOverride {
  /** `off` disables the rule; a map replaces severities per environment. */
  severity?: SeverityMap | 'off';
}

export interface Config {
  /** Where the config came from (for messages), or `defaults`. */
  source: string;
  environments: Partial<Record<ConfiguredEnvironment, EnvironmentPatterns>>;
  rules: Record<string, RuleOverride>;
  /** Extra rule folders, resolved against the config file's folder. */
  ruleDirectories: string[];
  probe: { enabled: boolean; timeoutMs: number; cacheSeconds: number };
  blastRadius: { confirmShare: number; blockShare: number; blockRows: number };
  /** After this many hours pointing at production, a shell asks again (shell hook). */
  staleShellHours: number;
  /** System policy only: rules no user or repository config may change. */
  lockedRules: string[];
  /** The config files in effect, lowest layer first (for check/status output). */
  files: string[];
  /** Every file and folder this config pulls in (extends, rule folders, inventories), found or
   *  not: trusting a repository config pins what they hold too (load.ts trustFingerprint). */
  pulledIn: string[];
  /** One line per thing that was ignored (untrusted loosening, a malformed file), said once. */
  ignored: string[];
  /** What was read but not used whole (an inventory host range capped at 10,000): said by
   *  `status`, once per look, not on every checked line. */
  notes: string[];
  /** Rule folders from an untrusted repository config: they may add rules, not replace them. */
  untrustedRuleDirectories: string[];
  /** Inventories whose hosts are facts about environments (paths resolved against the config's folder). */
  /** Where audit events go besides the JSONL file: syslog (RFC 5424) and/or journald. */
  audit: { syslog?: string; journald: boolean };
  /** Policy packs and files this config builds on (`extends:`), resolved to folders/files at load. */
  extends: string[];
  /** `index` is the entry's place in the config's `inventories:` list, for lines naming it. */
  inventories: { kind: 'ansible' | 'ssh-config'; path?: string; groups: Record<string, ConfiguredEnvironment>; index?: number; source?: string }[];
  /** Ansible groups of the config's inventories: group → its hosts (children included), and the file. */
  inventoryGroups: Record<string, { hosts: string[]; file: string }>;
  /** `environment.key glob` → the config file that wrote that glob, for evidence when layers merge
   *  (the user's "owl is production" is the user config's word, not the repository's). */
  patternSources: Record<string, string>;
  /** A host pattern an inventory put into `environments.<env>.hosts` → why (group and file), for evidence. */
  hostEvidence: Record<string, string>;
  /** Each layer's rule settings, lowest first, merged once the rules are known (merge-rules.ts). */
  ruleLayers: { file: string; kind: 'policy' | 'user' | 'repository' | 'explicit'; trusted: boolean; rules: Record<string, RuleOverride> }[];
  /** `prodguard lint`: files left out, and how SQL files are read. */
  lint: LintConfig;
  /** The settings the file itself writes (`probe.timeout-ms`, `blast-radius.block-rows`,
   *  `stale-shell-hours`): a trusted layer above replaces only those, not the rest with defaults. */
  settings?: string[];
  /** `lint.ignore` globs that came from an untrusted repository config: they apply (CI lints
   *  with them), and lint says once what they left out. */
  untrustedLintIgnore?: { file: string; globs: string[] }[];
  /** Data-directory locations and markers beside the built-in ones (knowledge/data-directories.ts):
   *  every layer adds, an untrusted repository config too (a location only tightens). */
  dataDirectories: { locations: string[]; markers: string[] };
}

export interface LintConfig {
  /** .gitignore-style globs of files lint does not judge (test folders, vendored code). */
  ignore: string[];
  sql: {
    /** How a SQL file is read; `auto` decides from the file (psql meta-commands mean PostgreSQL). */
    dialect: 'auto' | 'postgres' | 'mysql';
    /** Extra globs of SQL files that are migrations (run against production when deployed). */
    migrations: string[];
  };
}

export const DEFAULT_CONFIG: Config = {
  source: 'defaults',
  environments: {},
  rules: {},
  ruleDirectories: [],
  probe: { enabled: true, timeoutMs: 1500, cacheSeconds: 60 },
  blastRadius: { confirmShare: 0.5, blockShare: 0.9, blockRows: 100_000 },
  staleShellHours: 12,
  lockedRules: [],
  files: [],
  pulledIn: [],
  ignored: [],
  notes: [],
  untrustedRuleDirectories: [],
  audit: { journald: false },
  extends: [],
  inventories: [],
  inventoryGroups: {},
  hostEvidence: {},
  patternSources: {},
  ruleLayers: [],
  lint: { ignore: [], sql: { dialect: 'auto', migrations: [] } },
  dataDirectories: { locations: [], markers: [] },
};

/** The key of `Config.patternSources`. */
export function patternSourceKey(environment: string, key: string, glob: string): string {
  return `${environment}.${key} ${glob}`;
}

export const PATTERN_KEYS = ['hosts', 'databases', 'kube-contexts', 'cloud', 'workspaces'] as const;
export const CONFIGURABLE_ENVIRONMENTS: readonly Environment[] = ENVIRONMENTS.filter((e) => e !== 'unknown' && e !== 'unknown-remote');

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: Json, path: string, errors: string[]): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    errors.push(`${path}: must be a list of strings (globs such as "db*.prod.example.com")`);
    return [];
  }
  return value as string[];
}

function unknownKeys(value: Record<string, Json>, allowed: readonly string[], path: string, errors: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push(`${path}${path ? '.' : ''}${key}: unknown key (expected one of ${allowed.join(', ')})`);
  }
}

export function validateSeverityMap(value: Json, path: string, errors: string[]): SeverityMap {
  if (!isObject(value)) {
    errors.push(`${path}: must be a map of environment to severity, e.g. { production: block, default: warn }`);
    return {};
  }
  const map: SeverityMap = {};
  for (const [key, severity] of Object.entries(value)) {
    if (key !== 'default' && !ENVIRONMENTS.includes(key as Environment)) {
      errors.push(`${path}.${key}: unknown environment (expected one of ${[...ENVIRONMENTS, 'default'].join(', ')})`);
    } else if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity)) {
      errors.push(`${path}.${key}: severity must be one of ${SEVERITIES.join(', ')}`);
    } else map[key as Environment | 'default'] = severity as Severity;
  }
  return map;
}

function positiveNumber(value: Json, path: string, errors: string[], fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    errors.push(`${path}: must be a non-negative number`);
    return fallback;
  }
  return value;
}

function share(value: Json, path: string, errors: string[], fallback: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    errors.push(`${path}: must be a share of the table between 0 and 1 (0.5 is half the rows)`);
    return fallback;
  }
  return value;
}

/**
 * Validate parsed YAML/JSON. Returns the config and the errors (empty when valid); `leftOut` are
 * the errors that leave out one entry only (an inventory entry), so a loader may use the rest.
 */
export function validateConfig(raw: Json, source: string): { config: Config; errors: string[]; leftOut: string[] } {
  const errors: string[] = [];
  const leftOut: string[] = [];
  const config: Config = structuredClone({ ...DEFAULT_CONFIG, source });
  if (raw === null || raw === undefined) return { config, errors, leftOut };
  if (!isObject(raw)) return { config, errors: ['(top level): must be a map with keys such as environments, rules'], leftOut };
  unknownKeys(
    raw,
    [
      'environments',
      'rules',
      'rule-directories',
      'probe',
      'blast-radius',
      'stale-shell-hours',
      'locked-rules',
      'inventories',
      'extends',
      'audit',
      'lint',
      'data-directories',
    ],
    '',
    errors,
  );
  if (raw.audit !== undefined) {
    if (!isObject(raw.audit)) errors.push('audit: must be a map such as { syslog: default, journald: true }');
    else {
      unknownKeys(raw.audit, ['syslog', 'journald'], 'audit', errors);
      const syslog = raw.audit.syslog;
      if (syslog !== undefined) {
        if (typeof syslog === 'string' && (syslog === 'default' || /^unix:\/.+/.test(syslog) || /^udp:[^:]+:\d+$/.test(syslog))) config.audit.syslog = syslog;
        else errors.push('audit.syslog: must be "default" (/dev/log), "unix:/path/to/socket" or "udp:HOST:PORT"');
      }
      if (raw.audit.journald !== undefined) {
        if (typeof raw.audit.journald !== 'boolean') errors.push('audit.journald: must be true or false');
        else config.audit.journald = raw.audit.journald;
      }
    }
  }
  if (raw.extends !== undefined) config.extends = typeof raw.extends === 'string' ? [raw.extends] : stringList(raw.extends, 'extends', errors);
  // One bad inventory entry leaves that entry out with a line; the rest of the file still counts
  // (a typo in one entry must not drop every production host the others name).
  if (raw.inventories !== undefined) {
    config.inventories = validateInventories(raw.inventories, leftOut);
    errors.push(...leftOut);
  }
  if (raw['locked-rules'] !== undefined) config.lockedRules = stringList(raw['locked-rules'], 'locked-rules', errors);

  if (raw.environments !== undefined) {
    if (!isObject(raw.environments)) errors.push('environments: must be a map such as { production: { hosts: ["db*.prod.example.com"] } }');
    else {
      for (const [name, patterns] of Object.entries(raw.environments)) {
        const path = `environments.${name}`;
        if (!CONFIGURABLE_ENVIRONMENTS.includes(name as Environment)) {
          errors.push(`${path}: unknown environment (expected one of ${CONFIGURABLE_ENVIRONMENTS.join(', ')})`);
          continue;
        }
        if (!isObject(patterns)) {
          errors.push(`${path}: must be a map with ${PATTERN_KEYS.join(', ')}`);
          continue;
        }
        unknownKeys(patterns, PATTERN_KEYS, path, errors);
        const entry: EnvironmentPatterns = { hosts: [], databases: [], 'kube-contexts': [], cloud: [], workspaces: [] };
        for (const key of PATTERN_KEYS) {
          if (patterns[key] !== undefined) entry[key] = stringList(patterns[key], `${path}.${key}`, errors);
        }
        config.environments[name as ConfiguredEnvironment] = entry;
      }
    }
  }

  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) errors.push('rules: must be a map of rule id to { severity: … }');
    else {
      for (const [id, override] of Object.entries(raw.rules)) {
        const path = `rules.${id}`;
        if (override === 'off') {
          config.rules[id] = { severity: 'off' };
          continue;
        }
        if (!isObject(override)) {
          errors.push(`${path}: must be "off" or { severity: { production: block, … } }`);
          continue;
        }
        unknownKeys(override, ['severity'], path, errors);
        if (override.severity === 'off') config.rules[id] = { severity: 'off' };
        else if (override.severity !== undefined) config.rules[id] = { severity: validateSeverityMap(override.severity, `${path}.severity`, errors) };
      }
    }
  }

  if (raw['rule-directories'] !== undefined) config.ruleDirectories = stringList(raw['rule-directories'], 'rule-directories', errors);

  if (raw.probe !== undefined) {
    if (!isObject(raw.probe)) errors.push('probe: must be a map with enabled, timeout-ms, cache-seconds');
    else {
      unknownKeys(raw.probe, ['enabled', 'timeout-ms', 'cache-seconds'], 'probe', errors);
      if (raw.probe.enabled !== undefined) {
        if (typeof raw.probe.enabled !== 'boolean') errors.push('probe.enabled: must be true or false');
        else config.probe.enabled = raw.probe.enabled;
      }
      if (raw.probe['timeout-ms'] !== undefined) config.probe.timeoutMs = positiveNumber(raw.probe['timeout-ms'], 'probe.timeout-ms', errors, 1500);
      if (raw.probe['cache-seconds'] !== undefined) config.probe.cacheSeconds = positiveNumber(raw.probe['cache-seconds'], 'probe.cache-seconds', errors, 60);
    }
  }

  if (raw['blast-radius'] !== undefined) {
    const blast = raw['blast-radius'];
    if (!isObject(blast)) errors.push('blast-radius: must be a map with confirm-share, block-share, block-rows');
    else {
      unknownKeys(blast, ['confirm-share', 'block-share', 'block-rows'], 'blast-radius', errors);
      if (blast['confirm-share'] !== undefined) config.blastRadius.confirmShare = share(blast['confirm-share'], 'blast-radius.confirm-share', errors, 0.5);
      if (blast['block-share'] !== undefined) config.blastRadius.blockShare = share(blast['block-share'], 'blast-radius.block-share', errors, 0.9);
      if (blast['block-rows'] !== undefined) config.blastRadius.blockRows = positiveNumber(blast['block-rows'], 'blast-radius.block-rows', errors, 100_000);
    }
  }

  if (raw['stale-shell-hours'] !== undefined) config.staleShellHours = positiveNumber(raw['stale-shell-hours'], 'stale-shell-hours', errors, 12);
  const written = (section: Json, keys: readonly string[], prefix: string) =>
    isObject(section) ? keys.filter((key) => section[key] !== undefined).map((key) => `${prefix}.${key}`) : [];
  config.settings = [
    ...written(raw.probe, ['enabled', 'timeout-ms', 'cache-seconds'], 'probe'),
    ...written(raw['blast-radius'], ['confirm-share', 'block-share', 'block-rows'], 'blast-radius'),
    ...(raw['stale-shell-hours'] !== undefined ? ['stale-shell-hours'] : []),
  ];
  if (raw.lint !== undefined) validateLint(raw.lint, config.lint, errors);
  if (raw['data-directories'] !== undefined) validateDataDirectories(raw['data-directories'], config.dataDirectories, errors);
  return { config, errors, leftOut };
}

/**
 * `data-directories: { locations: [/srv/pg, "/data/*-db"], markers: [.orders-db] }`. A location
 * is absolute (`~/…` is the home folder) and never `/` itself: everything would be a database.
 * A marker is a name inside a directory (`PG_VERSION`, `global/pg_control`, `*.db`), not a path.
 */
function validateDataDirectories(raw: Json, into: Config['dataDirectories'], errors: string[]): void {
  const example = 'e.g. data-directories: { locations: ["/srv/pg"], markers: [".orders-db"] }';
  if (!isObject(raw)) {
    errors.push(`data-directories: must be a map with locations, markers (${example})`);
    return;
  }
  unknownKeys(raw, ['locations', 'markers'], 'data-directories', errors);
  if (raw.locations !== undefined) {
    stringList(raw.locations, 'data-directories.locations', errors).forEach((location, index) => {
      const path = `data-directories.locations[${index}]`;
      if (!location.startsWith('/') && location !== '~' && !location.startsWith('~/'))
        errors.push(`${path}: "${location}" must be an absolute path (/srv/pg) or start with ~/`);
      else if (/^\/+$/.test(location) || /^\/+\*+\/*$/.test(location)) errors.push(`${path}: "${location}" would make every path a data directory`);
      else if (location.split('/').some((segment) => segment === '..')) errors.push(`${path}: "${location}" must not hold ".."`);
      else into.locations.push(location.replace(/\/+$/, ''));
    });
  }
  if (raw.markers !== undefined) {
    stringList(raw.markers, 'data-directories.markers', errors).forEach((marker, index) => {
      const path = `data-directories.markers[${index}]`;
      if (marker === '' || marker.startsWith('/') || marker.split('/').some((segment) => segment === '..' || segment === '' || segment === '.'))
        errors.push(`${path}: "${marker}" must be a file name inside the data directory (PG_VERSION, global/pg_control, *.db)`);
      else if (/[*?[]/.test(marker.split('/').slice(0, -1).join('/'))) errors.push(`${path}: "${marker}" may hold a glob in its last segment only`);
      else if (/^[*?]+$/.test(marker.split('/').at(-1)!)) errors.push(`${path}: "${marker}" would make every directory a data directory`);
      else into.markers.push(marker);
    });
  }
}

const SQL_DIALECTS = ['auto', 'postgres', 'postgresql', 'mysql'] as const;

function validateLint(raw: Json, lint: LintConfig, errors: string[]): void {
  if (!isObject(raw)) {
    errors.push('lint: must be a map such as { ignore: ["test/**"], sql: { dialect: postgres, migrations: ["db/**/*.sql"] } }');
    return;
  }
  unknownKeys(raw, ['ignore', 'sql'], 'lint', errors);
  if (raw.ignore !== undefined) lint.ignore = stringList(raw.ignore, 'lint.ignore', errors);
  if (raw.sql === undefined) return;
  if (!isObject(raw.sql)) {
    errors.push('lint.sql: must be a map with dialect, migrations');
    return;
  }
  unknownKeys(raw.sql, ['dialect', 'migrations'], 'lint.sql', errors);
  if (raw.sql.dialect !== undefined) {
    const dialect = raw.sql.dialect;
    if (typeof dialect !== 'string' || !(SQL_DIALECTS as readonly string[]).includes(dialect))
      errors.push(`lint.sql.dialect: must be one of auto, postgres, mysql`);
    else lint.sql.dialect = dialect === 'postgresql' ? 'postgres' : (dialect as LintConfig['sql']['dialect']);
  }
  if (raw.sql.migrations !== undefined) lint.sql.migrations = stringList(raw.sql.migrations, 'lint.sql.migrations', errors);
}

function validateInventories(value: Json, problems: string[]): Config['inventories'] {
  const example = 'e.g. inventories: [{ ansible: inventory/hosts.ini }, { ssh-config: true }]';
  if (!Array.isArray(value)) {
    problems.push(`inventories: ignored: must be a list (${example})`);
    return [];
  }
  const out: Config['inventories'] = [];
  value.forEach((entry, index) => {
    const path = `inventories[${index}]`;
    if (!isObject(entry)) {
      problems.push(`${path} ignored: must be { ansible: PATH } or { ssh-config: true } (${example})`);
      return;
    }
    const unknown: string[] = [];
    unknownKeys(entry, ['ansible', 'ssh-config', 'groups'], path, unknown);
    const groups: Record<string, ConfiguredEnvironment> = {};
    if (entry.groups !== undefined) {
      if (!isObject(entry.groups)) problems.push(`${path}.groups ignored: must map a group name to an environment, e.g. { web_eu: production }`);
      else
        for (const [name, environment] of Object.entries(entry.groups)) {
          if (typeof environment === 'string' && CONFIGURABLE_ENVIRONMENTS.includes(environment as Environment))
            groups[name] = environment as ConfiguredEnvironment;
          else problems.push(`${path}.groups.${name} ignored: must be one of ${CONFIGURABLE_ENVIRONMENTS.join(', ')}`);
        }
    }
    const before = out.length;
    if (typeof entry.ansible === 'string' && entry.ansible !== '') out.push({ kind: 'ansible', path: entry.ansible, groups, index });
    else if (entry['ssh-config'] === true) out.push({ kind: 'ssh-config', groups, index });
    else if (typeof entry['ssh-config'] === 'string' && entry['ssh-config'] !== '') out.push({ kind: 'ssh-config', path: entry['ssh-config'], groups, index });
    else if (entry['ssh-config'] !== false) {
      problems.push(`${path} ignored: needs ansible: PATH or ssh-config: true${unknown.length > 0 ? ` (${unknown[0]})` : ''} (${example})`);
      return;
    }
    if (out.length > before) for (const line of unknown) problems.push(`${line.replace(/: unknown key.*/, '')} ignored: ${line.replace(/^[^:]*: /, '')}`);
  });
  return out;
}
