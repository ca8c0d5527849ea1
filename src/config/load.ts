// Edge: find, read and layer the config files (DESIGN.md "Config layers and trust"):
// built-in rules < system policy (/etc/prodguard/policy.yml or PRODGUARD_POLICY) < user config
// (~/.config/prodguard/config.yml) < repository config (.prodguard.yml found upward).
// Facts merge, so "this host is production" from the user's config survives inside a repository.
// A repository config may only tighten until the person runs `prodguard trust` (pinned by hash,
// like `direnv allow`): a coding agent can write that file with an allowed `printf`.
// A user or repository config that does not load is ignored with one line, never fatal: the
// shell hook must still judge the line (a broken file used to make every line "run unchecked").

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { sha256Hex } from '../util/sha256.js';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { ConfigError } from '../errors.js';
import { DEFAULT_POLICY_FILE, present, REPOSITORY_CONFIG_NAMES, stateDirectoryOf, TRUST_STORE_NAME, USER_CONFIG_NAMES } from './locations.js';
import { DEFAULT_CONFIG, patternSourceKey, validateConfig, type Config, type ConfiguredEnvironment, type EnvironmentPatterns } from './schema.js';
import { own } from '../util/dict.js';

export { DEFAULT_POLICY_FILE };

export type LayerKind = 'policy' | 'user' | 'repository' | 'explicit';

export interface ConfigLayer {
  kind: LayerKind;
  file: string;
  config: Config;
  /** A repository config the person has not trusted may only tighten. */
  trusted: boolean;
}

/** The repository config found upward from the working directory. */
export function findRepositoryConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of REPOSITORY_CONFIG_NAMES) {
      const candidate = join(dir, name);
      // A broken link or a folder by that name is found too, and said when it does not load.
      if (present(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Every repository config from the root down to the working directory, outermost first (both
 * spellings in a folder). All of them are layers: an empty `sub/.prodguard.yml` (or a
 * `.prodguard.yml` beside a `.prodguard.yaml`) must not hide the production facts of the
 * repository's own config, so an inner file adds to the outer ones instead of replacing them.
 */
export function findRepositoryConfigs(cwd: string): string[] {
  const found: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    const here = REPOSITORY_CONFIG_NAMES.map((name) => join(dir, name)).filter(present);
    found.unshift(...here);
    const parent = dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

export function findUserConfig(env: NodeJS.ProcessEnv): string | undefined {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  for (const name of USER_CONFIG_NAMES) {
    const candidate = join(configHome, 'prodguard', name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function findPolicyFile(env: NodeJS.ProcessEnv): string | undefined {
  // PRODGUARD_POLICY names the file on purpose: one that is not there is said (loadLayers), not
  // silently the same as no policy.
  if (env.PRODGUARD_POLICY) return env.PRODGUARD_POLICY;
  return existsSync(DEFAULT_POLICY_FILE) ? DEFAULT_POLICY_FILE : undefined;
}

/** Kept for callers that want "the" config file: the repository's, else the user's. */
export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  return findRepositoryConfig(cwd) ?? findUserConfig(env);
}

/**
 * Where an `extends:` entry points: a relative path (a YAML file, or a pack folder), or an npm
 * package resolved from the config file's folder with Node's own resolution (node_modules upward).
 */
export function resolveExtends(entry: string, fromFile: string): { kind: 'file' | 'pack'; path: string } {
  if (entry.startsWith('.') || entry.startsWith('/')) {
    const path = resolve(dirname(fromFile), entry);
    return { kind: /\.ya?ml$/.test(path) ? 'file' : 'pack', path };
  }
  const require = createRequire(join(dirname(fromFile), 'noop.js'));
  try {
    return { kind: 'pack', path: dirname(require.resolve(`${entry}/package.json`)) };
  } catch {
    throw new ConfigError(`cannot find the package "${entry}" from ${dirname(fromFile)}`, `install it there (npm install ${entry}) or fix the name`);
  }
}

/** Fold what a config extends under it: the pack's rules/ folder and prodguard.yml, or a YAML file. */
async function applyExtends(config: Config, file: string, depth: number): Promise<void> {
  if (config.extends.length === 0) return;
  if (depth > 8) {
    config.ignored.push(`${file}: extends ignored: nested more than 8 deep (a cycle?; remove the cycle)`);
    return;
  }
  const base: Config[] = [];
  for (const entry of config.extends) {
    // Where the entry points now, or would point once created or installed: trust pins both.
    let pulled: string;
    try {
      pulled = resolveExtends(entry, file).path;
    } catch {
      pulled = join(dirname(file), 'node_modules', entry);
    }
    config.pulledIn.push(pulled);
    // One pack or file that cannot be found or read leaves out that entry only, with one line:
    // the config's own environments and its other packs still count.
    try {
      base.push(await readExtended(entry, file, depth));
    } catch (error) {
      config.ignored.push(`${file}: extends: "${entry}" ignored: ${firstLine(error)}`);
    }
  }
  foldExtended(config, base);
}

/** One `extends:` entry read as a config: a YAML file, or a pack's prodguard.yml and rules/. */
async function readExtended(entry: string, file: string, depth: number): Promise<Config> {
  const target = resolveExtends(entry, file);
  if (!existsSync(target.path))
    throw new ConfigError(`no ${target.kind === 'file' ? 'file' : 'pack folder'} ${target.path}`, `fix the path: it is relative to ${dirname(file)}`);
  if (target.kind === 'file') return readConfigFile(target.path, depth + 1);
  const packConfig = [...REPOSITORY_CONFIG_NAMES, 'prodguard.yml', 'prodguard.yaml']
    .map((name) => join(target.path, name))
    .find((candidate) => existsSync(candidate));
  const pack = packConfig ? await readConfigFile(packConfig, depth + 1) : structuredClone({ ...DEFAULT_CONFIG, source: target.path });
  if (existsSync(join(target.path, 'rules'))) pack.ruleDirectories.unshift(join(target.path, 'rules'));
  if (!pack.files.includes(target.path)) pack.files.unshift(packConfig ?? target.path);
  return pack;
}

/** This file's settings above what it extends. */
function foldExtended(config: Config, base: readonly Config[]): void {
  // This file's own settings sit above what it extends: environments add up, rules replace.
  for (const pack of base) {
    for (const [name, patterns] of Object.entries(pack.environments) as [ConfiguredEnvironment, EnvironmentPatterns][]) {
      const into = (config.environments[name] ??= emptyPatterns());
      for (const key of PATTERN_KEYS) into[key].unshift(...patterns[key]);
    }
    config.rules = { ...pack.rules, ...config.rules };
    config.ruleDirectories.unshift(...pack.ruleDirectories);
    config.inventories.unshift(...pack.inventories);
    config.hostEvidence = { ...pack.hostEvidence, ...config.hostEvidence };
    config.files.unshift(...pack.files);
    config.pulledIn.push(...pack.pulledIn);
    config.ignored.unshift(...pack.ignored);
    addDataDirectories(config.dataDirectories, pack.dataDirectories);
  }
}

/** Locations and markers add up across files and layers, each once. */
function addDataDirectories(into: Config['dataDirectories'], from: Config['dataDirectories']): void {
  for (const location of from.locations) if (!into.locations.includes(location)) into.locations.push(location);
  for (const marker of from.markers) if (!into.markers.includes(marker)) into.markers.push(marker);
}

/** A config is a small text file: a folder, a device (`/dev/zero`) or a huge file would hang or
 *  exhaust the shell hook, so each is one line naming the file and what to do. */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readConfigText(file: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new ConfigError(`config file ${file} cannot be read (${errnoText(error)})`, 'check the path, or remove the broken link');
  }
  if (stats.isDirectory()) throw new ConfigError(`${file} is a folder, not a config file`, 'remove or rename it; a config is a YAML file');
  if (!stats.isFile()) throw new ConfigError(`${file} is not a regular file`, 'replace it with a YAML file');
  if (stats.size > MAX_CONFIG_BYTES) throw new ConfigError(`${file} is larger than 1 MiB (${stats.size} bytes)`, 'a config is a short YAML file: trim it');
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw new ConfigError(`config file ${file} cannot be read (${errnoText(error)})`, 'fix its permissions (chmod u+r)');
  }
  // A NUL byte is never in a YAML text: say "binary" rather than quoting a parser's complaint.
  if (buffer.includes(0)) throw new ConfigError(`${file} is not a text file (it holds NUL bytes)`, 'replace it with a YAML file');
  return buffer.toString('utf8');
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'a symbolic link loop';
  return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

/** Read and validate one config file; throws a ConfigError naming the file and the field. */
export async function readConfigFile(file: string, depth = 0): Promise<Config> {
  const text = readConfigText(file);
  const { parseDocument, LineCounter } = await import('yaml');
  const lineCounter = new LineCounter();
  // logLevel error: a warning (a map used as a key) would be a second, Node-formatted stderr line;
  // validation reports such a key as unknown anyway.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const yamlError = document.errors[0];
  if (yamlError) {
    const position = lineCounter.linePos(yamlError.pos[0]);
    throw new ConfigError(`${file}:${position.line}:${position.col}: not valid YAML: ${yamlError.message.split('\n')[0]}`, 'fix the YAML syntax');
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot be read as YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      'simplify the YAML (anchors and aliases)',
    );
  }
  const { config, errors: all, leftOut } = validateConfig(raw, file);
  // A bad inventory entry leaves out that entry with a line; the rest of the file still counts.
  const errors = all.filter((error) => !leftOut.includes(error));
  config.ignored.push(...leftOut.map((problem) => `${file}: ${problem}`));
  if (errors.length > 0) {
    throw new ConfigError(`${file}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, 'see "Configuration" in the README');
  }
  config.ruleDirectories = config.ruleDirectories.map((dir) => resolve(dirname(file), dir));
  config.inventories = config.inventories.map((inventory) =>
    inventory.path ? { ...inventory, path: resolve(dirname(file), withHome(inventory.path)), source: file } : { ...inventory, source: file },
  );
  config.dataDirectories.locations = config.dataDirectories.locations.map(withHome);
  config.files = [file];
  config.pulledIn = [...config.ruleDirectories, ...config.inventories.flatMap((inventory) => (inventory.path ? [inventory.path] : []))];
  await applyExtends(config, file, depth);
  return config;
}

function trustStorePath(env: NodeJS.ProcessEnv): string {
  return join(stateDirectory(env), TRUST_STORE_NAME);
}

export function fileHash(file: string): string {
  return sha256Hex(readFileSync(file));
}

/** Trusted repository configs: absolute path → sha256 of the content the person trusted. */
export function readTrustStore(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(trustStorePath(env), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export function trustStoreFile(env: NodeJS.ProcessEnv): string {
  return trustStorePath(env);
}

/**
 * What trusting a repository config pins: the file, and everything it pulls in — the files and
 * packs it `extends`, its rule folders, its inventories. Trusting only the file would let a later
 * edit of `./team.yml`, of a rule in `./prodguard-rules/` or of an inventory loosen the guard
 * without asking again. A config that pulls in nothing pins its own sha256, as before.
 */
export function trustFingerprint(file: string, config: Pick<Config, 'pulledIn'>): string {
  const own = fileHash(file);
  const pulled = [...new Set(config.pulledIn.map((path) => resolve(path)))].filter((path) => path !== resolve(file));
  if (pulled.length === 0) return own;
  const parts = [`${resolve(file)}\0${own}`];
  for (const path of pulled.sort()) parts.push(...contentHashes(path));
  return sha256Hex(parts.join('\n'));
}

/** Path and sha256 of a file, or of every file under a folder (sorted, bounded): what it holds now. */
function contentHashes(path: string, budget = { files: 2000 }): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return [`${path}\0missing`];
  }
  if (stats.isFile()) {
    if (budget.files-- <= 0) return [];
    try {
      return [`${path}\0${fileHash(path)}`];
    } catch {
      return [`${path}\0unreadable`];
    }
  }
  if (!stats.isDirectory()) return [`${path}\0special`];
  let names: string[];
  try {
    names = readdirSync(path).sort();
  } catch {
    return [`${path}\0unreadable`];
  }
  // A pack's node_modules and a repository's .git are not what it says about production.
  return names.filter((name) => name !== 'node_modules' && name !== '.git').flatMap((name) => contentHashes(join(path, name), budget));
}

/** A file is trusted while it, and what it pulls in, is what the person trusted. */
export function isTrusted(file: string, env: NodeJS.ProcessEnv, config: Pick<Config, 'pulledIn'>): boolean {
  const pinned = readTrustStore(env)[resolve(file)];
  if (!pinned) return false;
  try {
    return trustFingerprint(file, config) === pinned;
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** `~/ansible/hosts` as a shell would read it: in the home folder (os.homedir() honours $HOME). */
function withHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * Fold a config's inventories into its environment patterns (the one classifier reads them).
 * An inventory that cannot be read is one ignored line; the rest of the config still applies.
 */
export async function readInventories(config: Config, env: NodeJS.ProcessEnv, ignored: string[]): Promise<void> {
  if (config.inventories.length === 0) return;
  const { readAnsibleInventory, parseSshConfig } = await import('./inventory.js');
  for (const inventory of config.inventories) {
    const path = inventory.path ?? join(env.HOME || homedir(), '.ssh', 'config');
    // Evidence names the file as the config wrote it: `inventories/prod.ini`, `~/.ssh/config`.
    const source = inventory.source ?? config.source;
    const fromConfig = relative(dirname(source), path);
    const label = inventory.path ? (fromConfig.startsWith('..') || isAbsolute(fromConfig) ? path : fromConfig) : '~/.ssh/config';
    const entry = `inventories[${inventory.index ?? 0}]: ${inventory.path ? label : '~/.ssh/config'}`;
    let facts;
    try {
      facts = inventory.kind === 'ansible' ? await readAnsibleInventory(path, label, inventory.groups) : parseSshConfig(readFileSync(path, 'utf8'), label);
    } catch (error) {
      ignored.push(`${source}: ${entry} ignored: ${unreadable(error, path)}`);
      continue;
    }
    for (const [environment, hosts] of Object.entries(facts.hosts) as [ConfiguredEnvironment, string[]][]) {
      const into = (config.environments[environment] ??= emptyPatterns());
      into.hosts.push(...hosts);
    }
    for (const [host, why] of Object.entries(facts.evidence)) config.hostEvidence[host] ??= why;
    ignored.push(...facts.problems);
    // Ansible merges every inventory it is given: a group's hosts add up across files.
    for (const [group, hosts] of Object.entries(facts.groups)) {
      const into = (config.inventoryGroups[group] ??= { hosts: [], file: label });
      for (const host of hosts) if (!into.hosts.includes(host)) into.hosts.push(host);
    }
    config.notes.push(...facts.notes);
    config.files.push(path);
  }
}

/** Why an inventory file could not be used, and what to do: one line, never a stack. */
function unreadable(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `no file ${path} (fix the path: it is relative to the config file's folder)`;
  if (code === 'EACCES') return `${path} cannot be read (permission denied; fix its permissions)`;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (message.includes('is an inventory script') || message.includes('is an inventory plugin config')) return message;
  return `${path} is not a readable inventory: ${message}${message.includes('(fix') ? '' : " (fix the file's syntax)"}`;
}

/** The layers in effect, lowest first. Files that do not load are left out with one note each. */
export async function loadLayers(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ layers: ConfigLayer[]; ignored: string[] }> {
  const layers: ConfigLayer[] = [];
  const ignored: string[] = [];
  const candidates: [LayerKind, string | undefined][] = [
    ['policy', findPolicyFile(options.env)],
    ['user', findUserConfig(options.env)],
    ...findRepositoryConfigs(options.cwd).map((file): [LayerKind, string] => ['repository', file]),
  ];
  for (const [kind, file] of candidates) {
    if (!file) continue;
    // The user's own file found upward (a repository in $HOME) is the user layer, not a repository.
    if (kind === 'repository' && layers.some((layer) => layer.file === file)) continue;
    try {
      const config = await readConfigFile(file);
      ignored.push(...config.ignored);
      await readInventories(config, options.env, ignored);
      const trusted = kind !== 'repository' || isTrusted(file, options.env, config);
      layers.push({ kind, file, config, trusted });
    } catch (error) {
      ignored.push(`${kind === 'policy' ? 'system policy' : `${kind} config`} ignored: ${firstLine(error)}`);
    }
  }
  return { layers, ignored };
}

const PATTERN_KEYS: readonly (keyof EnvironmentPatterns)[] = ['hosts', 'databases', 'kube-contexts', 'cloud', 'workspaces'];

function emptyPatterns(): EnvironmentPatterns {
  return { hosts: [], databases: [], 'kube-contexts': [], cloud: [], workspaces: [] };
}

/**
 * Merge layers into one config. Environments are unions (the classifier tries production first,
 * so the more dangerous classification wins). Rule severities are merged per rule later, when the
 * rules are known (see mergeRuleLayers), because "lower" is relative to the rule's own severity.
 */
export function mergeLayers(layers: readonly ConfigLayer[], ignored: string[]): Config {
  const merged: Config = structuredClone({ ...DEFAULT_CONFIG, source: layers.at(-1)?.file ?? 'defaults' });
  merged.files = layers.flatMap((layer) => layer.config.files);
  // What every layer pulls in by path (extends, rule folders, inventories): the fast path's config
  // cache keys it (src/fast-path/config-cache.ts).
  merged.pulledIn = layers.flatMap((layer) => layer.config.pulledIn);
  merged.ignored = [...ignored];
  merged.notes = layers.flatMap((layer) => layer.config.notes);
  for (const layer of layers)
    for (const [group, { hosts, file }] of Object.entries(layer.config.inventoryGroups)) {
      const into = (merged.inventoryGroups[group] ??= { hosts: [], file });
      for (const host of hosts) if (!into.hosts.includes(host)) into.hosts.push(host);
    }
  for (const layer of layers) {
    const { config } = layer;
    const untrusted = !layer.trusted;
    for (const [name, patterns] of Object.entries(config.environments) as [ConfiguredEnvironment, EnvironmentPatterns][]) {
      const count = PATTERN_KEYS.reduce((sum, key) => sum + patterns[key].length, 0);
      if (count === 0) continue;
      // Marking something staging, development, test or local makes it less guarded than a name or
      // "unknown remote" would: only a trusted file may do that.
      if (untrusted && name !== 'production') {
        merged.ignored.push(
          `${layer.file}: environments.${name} ignored (an untrusted repository config may only mark things production; run "prodguard trust" to accept it)`,
        );
        continue;
      }
      const into = (merged.environments[name] ??= emptyPatterns());
      for (const key of PATTERN_KEYS) {
        into[key].push(...patterns[key]);
        for (const glob of patterns[key]) merged.patternSources[patternSourceKey(name, key, glob)] ??= layer.file;
      }
      for (const host of patterns.hosts)
        if (own(config.hostEvidence, host) && !own(merged.hostEvidence, host)) merged.hostEvidence[host] = config.hostEvidence[host]!;
    }
    merged.ruleLayers.push({ file: layer.file, kind: layer.kind, trusted: layer.trusted, rules: config.rules });
    // A data-directory location or marker only adds guarded paths: every layer's counts, an
    // untrusted repository's too, and none removes a built-in one.
    addDataDirectories(merged.dataDirectories, config.dataDirectories);
    // Lint settings describe the repository's own files (which are tests, which SQL is a
    // migration): a repository config sets them whether or not it is trusted. They never change
    // what \`check\` or \`run\` decide.
    merged.lint.ignore.push(...config.lint.ignore);
    merged.lint.sql.migrations.push(...config.lint.sql.migrations);
    if (config.lint.sql.dialect !== 'auto') merged.lint.sql.dialect = config.lint.sql.dialect;
    if (layer.kind === 'policy') merged.lockedRules.push(...config.lockedRules);
    else if (config.lockedRules.length > 0) merged.ignored.push(`${layer.file}: locked-rules ignored (only the system policy locks rules)`);
    if (untrusted && config.lint.ignore.length > 0) (merged.untrustedLintIgnore ??= []).push({ file: layer.file, globs: [...config.lint.ignore] });
    if (untrusted) {
      // A repository must not send every command line to an address it chose.
      if (config.audit.syslog || config.audit.journald)
        merged.ignored.push(`${layer.file}: audit ignored (an untrusted repository config cannot choose where audit events go)`);
      merged.untrustedRuleDirectories.push(...config.ruleDirectories);
      const loosening = looserSettings(config);
      if (loosening.length > 0)
        merged.ignored.push(
          `${layer.file}: ${loosening.join(', ')} ignored (an untrusted repository config may only tighten; run "prodguard trust" to accept it)`,
        );
      // What it tightens applies: asking again sooner, escalating at a smaller share of rows.
      merged.staleShellHours = Math.min(merged.staleShellHours, config.staleShellHours);
      merged.blastRadius = {
        confirmShare: Math.min(merged.blastRadius.confirmShare, config.blastRadius.confirmShare),
        blockShare: Math.min(merged.blastRadius.blockShare, config.blastRadius.blockShare),
        blockRows: Math.min(merged.blastRadius.blockRows, config.blastRadius.blockRows),
      };
      continue;
    }
    merged.ruleDirectories.push(...config.ruleDirectories);
    // Only what the file writes replaces the layer below: a repository config that says nothing
    // about `probe` keeps the user's probe settings (issue 9), not the defaults.
    const sets = new Set(config.settings ?? []);
    if (sets.has('probe.enabled')) merged.probe.enabled = config.probe.enabled;
    if (sets.has('probe.timeout-ms')) merged.probe.timeoutMs = config.probe.timeoutMs;
    if (sets.has('probe.cache-seconds')) merged.probe.cacheSeconds = config.probe.cacheSeconds;
    if (sets.has('blast-radius.confirm-share')) merged.blastRadius.confirmShare = config.blastRadius.confirmShare;
    if (sets.has('blast-radius.block-share')) merged.blastRadius.blockShare = config.blastRadius.blockShare;
    if (sets.has('blast-radius.block-rows')) merged.blastRadius.blockRows = config.blastRadius.blockRows;
    if (sets.has('stale-shell-hours')) merged.staleShellHours = config.staleShellHours;
    if (config.audit.syslog) merged.audit.syslog = config.audit.syslog;
    if (config.audit.journald) merged.audit.journald = true;
  }
  return merged;
}

/** Settings an untrusted file sets away from the defaults (probing off, looser blast radius, …). */
function looserSettings(config: Config): string[] {
  const out: string[] = [];
  if (!config.probe.enabled) out.push('probe.enabled');
  if (config.probe.timeoutMs < DEFAULT_CONFIG.probe.timeoutMs) out.push('probe.timeout-ms');
  // A longer cache keeps an old answer ("local") after `prodguard mark … production`.
  if (config.probe.cacheSeconds > DEFAULT_CONFIG.probe.cacheSeconds) out.push('probe.cache-seconds');
  if (config.blastRadius.confirmShare > DEFAULT_CONFIG.blastRadius.confirmShare) out.push('blast-radius.confirm-share');
  if (config.blastRadius.blockShare > DEFAULT_CONFIG.blastRadius.blockShare) out.push('blast-radius.block-share');
  if (config.blastRadius.blockRows > DEFAULT_CONFIG.blastRadius.blockRows) out.push('blast-radius.block-rows');
  if (config.staleShellHours > DEFAULT_CONFIG.staleShellHours) out.push('stale-shell-hours');
  return out;
}

/**
 * The config in effect. `--config FILE` names one file (an error in it is fatal: the person asked
 * for it); it still sits above the system policy. Otherwise every layer found.
 */
export async function loadConfig(options: { file?: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<Config> {
  const { layers, ignored } = await loadLayers(options);
  if (options.file) {
    const file = resolve(options.cwd, options.file);
    const config = await readConfigFile(file);
    ignored.push(...config.ignored);
    await readInventories(config, options.env, ignored);
    const policy = layers.filter((layer) => layer.kind === 'policy');
    return mergeLayers([...policy, { kind: 'explicit', file, config, trusted: true }], ignored);
  }
  return mergeLayers(layers, ignored);
}

/** Where prodguard keeps its audit log and caches. */
export function stateDirectory(env: NodeJS.ProcessEnv): string {
  // A function, not os.homedir itself: the bundle loads node:os when homedir is read (see
  // scripts/build-bundle.mjs), and with HOME set it is never called.
  return stateDirectoryOf(env, () => homedir());
}
