// Inventories a team already keeps, read as facts about environments (issue 14): an Ansible
// inventory (INI or YAML; a group's name says its environment, children inherit it) and
// `~/.ssh/config` Host blocks carrying a `# prodguard: production` comment. They feed the same
// `environments.<name>.hosts` patterns the one classifier reads — no second classifier.
// Hosts are matched by name and by address (ansible_host, HostName).

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { environmentFromName, isLocalAddress } from '../classify/classify.js';
import type { ConfiguredEnvironment } from './schema.js';
import { own } from '../util/dict.js';

export interface InventoryFacts {
  /** environment → host names and addresses. */
  hosts: Partial<Record<ConfiguredEnvironment, string[]>>;
  /** host name or address → why it has its environment ("db03 is in group [production] of inventories/prod.ini"). */
  evidence: Record<string, string>;
  /** What was read but not used whole (a host range capped), one line each: said by `status`. */
  notes: string[];
  /** Group → every host in it and its children (`all` and `ungrouped` too), for Ansible patterns. */
  groups: Record<string, string[]>;
  /** Entries left out (a malformed range, an unknown section, a marker naming no environment),
   *  one line each naming file, entry and fix; the rest of the file still counts. */
  problems: string[];
}

export interface Group {
  hosts: Map<string, string | undefined>;
  children: Set<string>;
  /** `env: production` (or `environment:`/`stage:`) in the group's own vars. */
  environmentVar?: string;
  /** Hosts whose own vars say `ansible_connection=local`: Ansible runs their tasks on this machine. */
  localConnection?: Set<string>;
  /** The group's vars say `ansible_connection=local`: so do its hosts and its children's. */
  connectionLocal?: boolean;
}

/** Hosts an inventory file's own name or folder places in an environment (`inventories/production/hosts`). */
export interface FileEnvironment {
  environment: ConfiguredEnvironment;
  /** The file, as evidence names it, and the folder or file name that says the environment. */
  file: string;
  name: string;
  hosts: Set<string>;
}

export interface ParsedInventory {
  groups: Map<string, Group>;
  /** Host → the file that first lists it, when the inventory is a folder of files. */
  hostFiles?: Map<string, string>;
  /** Each file's own groups, before the folder's are merged: a host's own file speaks first. */
  files?: { label: string; groups: ReadonlyMap<string, Group> }[];
  /** Environments said by file and folder names: for hosts no group places anywhere. */
  fileEnvironments?: FileEnvironment[];
  /** Files whose hosts exist only when Ansible runs them (plugin configs), never run: named in a note. */
  dynamic?: string[];
  /** What was read but not used whole (a range capped), where and what. */
  notes: Placed[];
  /** Entries left out: where (an INI line, a YAML group) and what, with the fix. */
  problems: Placed[];
}

/** Where a note or problem is: a file of a folder inventory, an INI line, a YAML group. */
export interface Placed {
  file?: string;
  line?: number;
  group?: string;
  message: string;
}

/** How to write a range, for a line that left a malformed one out. */
const RANGE_FIX = 'write a range as [begin:end] or [begin:end:step], e.g. db[01:09]';

function group(groups: Map<string, Group>, name: string): Group {
  let found = groups.get(name);
  if (!found) groups.set(name, (found = { hosts: new Map(), children: new Set() }));
  return found;
}

/** Group vars that name an environment: `env: production` in `[prod:vars]` or a YAML group's `vars:`. */
const ENVIRONMENT_VARS = new Set(['env', 'environment', 'stage', 'deploy_env', 'app_env']);

/** A range never expands past this many hosts: `web[0:99999999]` must not eat the machine. */
export const MAX_RANGE_HOSTS = 10_000;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Ansible's host ranges (plugins/inventory/__init__.py `expand_hostname_range`): the first
 * `[beg:end(:step)]` expands and the rest recursively; an empty beg is 0; a zero-padded beg keeps
 * its width (and end must be as long); single letters range over a–z then A–Z as Python's
 * `string.ascii_letters` does. At most `limit` hosts; `truncated` says the rest were left out.
 */
export function expandHostPattern(pattern: string, limit = MAX_RANGE_HOSTS): { hosts: string[]; truncated: boolean } {
  const hosts: string[] = [];
  let truncated = false;
  const expand = (line: string): void => {
    const open = line.indexOf('[');
    if (open < 0) {
      if (hosts.length >= limit) truncated = true;
      else hosts.push(line);
      return;
    }
    const close = line.indexOf(']', open);
    if (close < 0) throw new Error(`host pattern ${pattern}: "[" without "]"`);
    const head = line.slice(0, open);
    const tail = line.slice(close + 1);
    const bounds = line.slice(open + 1, close).split(':');
    if (bounds.length !== 2 && bounds.length !== 3) throw new Error(`host pattern ${pattern}: a range is [begin:end] or [begin:end:step]`);
    const beg = bounds[0] || '0';
    const end = bounds[1]!;
    if (!end) throw new Error(`host pattern ${pattern}: a range needs an end value`);
    const step = bounds.length === 3 ? Number(bounds[2]) : 1;
    if (!Number.isInteger(step) || step < 1) throw new Error(`host pattern ${pattern}: the step must be a positive whole number`);
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    if (width && end.length !== width) throw new Error(`host pattern ${pattern}: a zero-padded range needs begin and end of equal length`);
    const iBeg = beg.length === 1 ? LETTERS.indexOf(beg) : -1;
    const iEnd = end.length === 1 ? LETTERS.indexOf(end) : -1;
    if (iBeg >= 0 && iEnd >= 0) {
      if (iBeg > iEnd) throw new Error(`host pattern ${pattern}: a range needs begin <= end`);
      for (let i = iBeg; i <= iEnd && !truncated; i += step) expand(head + LETTERS[i]! + tail);
      return;
    }
    if (!/^\d+$/.test(beg) || !/^\d+$/.test(end)) throw new Error(`host pattern ${pattern}: a range is numbers or single letters`);
    for (let i = Number(beg); i <= Number(end) && !truncated; i += step) expand(head + String(i).padStart(width, '0') + tail);
  };
  expand(pattern);
  return { hosts, truncated };
}

/**
 * A host line's name: ranges expanded, a `:port` suffix dropped (Ansible's `host:2222`). A
 * malformed range leaves out this host line only, with one line in `problems` (Ansible would
 * refuse the whole file; a guard that dropped every production host for one typo would be worse).
 */
function addHosts(
  entry: Group,
  pattern: string,
  address: string | undefined,
  where: { line?: number; group?: string },
  parsed: ParsedInventory,
  localConnection = false,
): void {
  const { notes } = parsed;
  const name = /^[^[\]:]+(?:\[[^\]]*\][^[\]:]*)*:\d+$/.test(pattern) ? pattern.replace(/:\d+$/, '') : pattern;
  if (localConnection) (entry.localConnection ??= new Set()).add(name);
  if (!name.includes('[')) {
    entry.hosts.set(name, address);
    return;
  }
  let expanded: { hosts: string[]; truncated: boolean };
  try {
    expanded = expandHostPattern(name);
  } catch (error) {
    parsed.problems.push({ ...where, message: `${(error as Error).message}; this host line is left out (${RANGE_FIX})` });
    return;
  }
  const { hosts, truncated } = expanded;
  if (truncated)
    notes.push({ ...where, message: `host pattern ${name} expands to more than ${MAX_RANGE_HOSTS} hosts; only the first ${MAX_RANGE_HOSTS} are used` });
  // One ansible_host for a whole range would be odd; keep it only for a single host.
  for (const host of hosts) {
    entry.hosts.set(host, hosts.length === 1 ? address : undefined);
    if (localConnection) entry.localConnection!.add(host);
  }
}

/** `ansible_connection=local` (INI) or `ansible_connection: local` (YAML): tasks run on the controller. */
const LOCAL_CONNECTION = /^ansible_connection$/i;

/** Ansible's INI inventory: `[group]` host lines with `ansible_host=…`, `[group:children]`. */
export function parseAnsibleIni(text: string): ParsedInventory {
  const groups = new Map<string, Group>();
  const parsed: ParsedInventory = { groups, notes: [], problems: [] };
  let section = 'ungrouped';
  let kind: 'hosts' | 'children' | 'vars' | 'skip' = 'hosts';
  for (const [index, raw] of text.split('\n').entries()) {
    // Ansible splits host lines with shlex(comments=True): `web1   # the front` is web1.
    const line = raw.replace(/(^|\s)#.*$/, '').replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]:]+)(?::(children|vars))?\]$/.exec(line);
    if (header) {
      section = header[1]!;
      kind = (header[2] as 'children' | 'vars' | undefined) ?? 'hosts';
      group(groups, section);
      continue;
    }
    // `[web:hosts]`, `[web:child]`: Ansible refuses the section type; its lines are left out.
    const unknownSection = /^\[([^\]:]+):([^\]]*)\]$/.exec(line);
    if (unknownSection) {
      kind = 'skip';
      parsed.problems.push({
        line: index + 1,
        message: `section ${line} has unknown type "${unknownSection[2]}"; its lines are left out (write [${unknownSection[1]}], [${unknownSection[1]}:children] or [${unknownSection[1]}:vars])`,
      });
      continue;
    }
    if (kind === 'skip') continue;
    if (kind === 'vars') {
      // `key=value` (or `key = value`); only an environment-naming key is kept — never a password.
      const assignment = /^([A-Za-z_][\w]*)\s*[=:]\s*(.*)$/.exec(line);
      const value = assignment?.[2]!.replace(/^["']|["']$/g, '').trim();
      if (assignment && ENVIRONMENT_VARS.has(assignment[1]!.toLowerCase())) group(groups, section).environmentVar = value;
      if (assignment && LOCAL_CONNECTION.test(assignment[1]!) && value === 'local') group(groups, section).connectionLocal = true;
      continue;
    }
    const [name, ...vars] = line.split(/\s+/);
    if (!name) continue;
    if (kind === 'children') group(groups, section).children.add(name);
    else {
      const address = vars.map((item) => /^ansible_(?:ssh_)?host=(.+)$/.exec(item)?.[1]).find(Boolean);
      const local = vars.some((item) => /^ansible_connection=["']?local["']?$/.test(item));
      addHosts(group(groups, section), name, address?.replace(/^["']|["']$/g, ''), { line: index + 1 }, parsed, local);
    }
  }
  return parsed;
}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ansible's YAML inventory: `all: { children: { production: { hosts: { web1: { ansible_host } } } } }`. */
export function parseAnsibleYaml(raw: Json): ParsedInventory {
  const groups = new Map<string, Group>();
  const parsed: ParsedInventory = { groups, notes: [], problems: [] };
  const visit = (name: string, body: Json) => {
    const entry = group(groups, name);
    if (!isObject(body)) return;
    if (isObject(body.hosts)) {
      for (const [host, vars] of Object.entries(body.hosts)) {
        const address = isObject(vars) ? (vars.ansible_host ?? vars.ansible_ssh_host) : undefined;
        const local = isObject(vars) && vars.ansible_connection === 'local';
        addHosts(entry, host, typeof address === 'string' ? address : undefined, { group: name }, parsed, local);
      }
    }
    if (isObject(body.vars))
      for (const [key, value] of Object.entries(body.vars)) {
        if (ENVIRONMENT_VARS.has(key.toLowerCase()) && typeof value === 'string') entry.environmentVar = value;
        if (LOCAL_CONNECTION.test(key) && value === 'local') entry.connectionLocal = true;
      }
    if (isObject(body.children)) {
      for (const [child, childBody] of Object.entries(body.children)) {
        entry.children.add(child);
        visit(child, childBody);
      }
    }
  };
  if (isObject(raw)) for (const [name, body] of Object.entries(raw)) visit(name, body);
  return parsed;
}

/**
 * Each host (and its address) under the most dangerous environment any of its groups names —
 * by the group's name, an explicit `groups:` mapping, or the group's `env:` var — with evidence
 * naming the group and the inventory file (`label`).
 */
type HostEnvironment = {
  environment: ConfiguredEnvironment;
  group: string;
  via?: string;
  address?: string;
  byName?: FileEnvironment;
  file?: string;
  var?: string;
};

const ENVIRONMENT_ORDER: ConfiguredEnvironment[] = ['production', 'staging', 'test', 'development', 'local'];

/**
 * Each host of a group graph under the most dangerous environment any of its groups names — by
 * the group's name, an explicit `groups:` mapping, or the group's `env:` var — and children
 * inherit it. `file` is the file the graph was read from, when it is one file's.
 */
function groupEnvironments(
  groups: ReadonlyMap<string, Group>,
  mapping: Readonly<Record<string, ConfiguredEnvironment>>,
  file?: string,
): Map<string, HostEnvironment> {
  const order = ENVIRONMENT_ORDER;
  const hostEnvironment = new Map<string, HostEnvironment>();
  const assign = (
    groupName: string,
    environment: ConfiguredEnvironment,
    origin: { group: string; var?: string },
    seen: Set<string>,
    connectionLocal = false,
  ) => {
    if (seen.has(groupName)) return;
    seen.add(groupName);
    const entry = groups.get(groupName);
    if (!entry) return;
    const runsHere = connectionLocal || entry.connectionLocal === true;
    for (const [host, address] of entry.hosts) {
      // A group named `local` (or mapped to local) cannot make a remote machine this one: only
      // loopback names and hosts Ansible runs on this machine (ansible_connection=local) are
      // local by it; `db1.example.com` listed there keeps its own judgement (names, other groups).
      if (environment === 'local' && !(isLocalAddress(host) || runsHere || entry.localConnection?.has(host))) continue;
      const before = hostEnvironment.get(host);
      const keep = address ?? before?.address;
      if (!before || order.indexOf(environment) < order.indexOf(before.environment))
        hostEnvironment.set(host, {
          environment,
          ...origin,
          ...(groupName !== origin.group ? { via: groupName } : {}),
          ...(keep ? { address: keep } : {}),
          ...(file ? { file } : {}),
        });
      else if (address && !before.address) before.address = address;
    }
    for (const child of entry.children) assign(child, environment, origin, seen, runsHere);
  };
  for (const [name, entry] of groups) {
    const byVar = entry.environmentVar ? environmentFromName(entry.environmentVar)?.environment : undefined;
    const mapped = own(mapping, name) ?? environmentFromName(name)?.environment ?? byVar;
    const origin = { group: name, ...(own(mapping, name) === undefined && !environmentFromName(name) && byVar ? { var: entry.environmentVar } : {}) };
    if (mapped && order.includes(mapped as ConfiguredEnvironment)) assign(name, mapped as ConfiguredEnvironment, origin, new Set());
  }
  return hostEnvironment;
}

/**
 * Each host (and its address) under the environment its inventory gives it, with evidence naming
 * the group and the file (`label`). In a folder of inventories, a host's own file speaks first
 * (`inventories/staging/hosts` with `[webservers]` stays staging though `production/hosts` gives
 * its `[webservers]` `environment=production`), then the file's folder or name, then the groups
 * of the whole folder merged as Ansible merges them (a group made production in another file).
 */
export function inventoryEnvironments(parsed: ParsedInventory, label: string, mapping: Readonly<Record<string, ConfiguredEnvironment>> = {}): InventoryFacts {
  const { groups } = parsed;
  const order = ENVIRONMENT_ORDER;
  const fileOf = (host: string) => parsed.hostFiles?.get(host) ?? label;
  const hostEnvironment = new Map<string, HostEnvironment>();
  for (const { label: file, groups: own } of parsed.files ?? [])
    for (const [host, found] of groupEnvironments(own, mapping, file)) {
      const before = hostEnvironment.get(host);
      if (!before || order.indexOf(found.environment) < order.indexOf(before.environment)) hostEnvironment.set(host, found);
    }
  // A folder or file named after an environment (`inventories/production/hosts`) speaks for the
  // hosts no group of their own file places: its groups are usually `[web]`, `[db]`, the same
  // names in every folder.
  const addressOf = new Map<string, string>();
  for (const entry of groups.values()) for (const [host, address] of entry.hosts) if (address && !addressOf.has(host)) addressOf.set(host, address);
  const byDanger = [...(parsed.fileEnvironments ?? [])].sort((a, b) => order.indexOf(a.environment) - order.indexOf(b.environment));
  for (const named of byDanger)
    for (const host of named.hosts) {
      if (hostEnvironment.has(host)) continue;
      const address = addressOf.get(host);
      hostEnvironment.set(host, { environment: named.environment, group: '', byName: named, ...(address ? { address } : {}) });
    }
  for (const [host, found] of groupEnvironments(groups, mapping)) if (!hostEnvironment.has(host)) hostEnvironment.set(host, found);
  const hosts: InventoryFacts['hosts'] = {};
  const evidence: InventoryFacts['evidence'] = {};
  for (const [host, { environment, group: from, via, address: fromGroup, byName, file, var: byVar }] of hostEnvironment) {
    // The address may be written beside the host in another group than the one that places it.
    const address = fromGroup ?? addressOf.get(host);
    const why = mapping[from] !== undefined ? ` (groups: ${from} → ${environment})` : byVar ? ` (its vars say env: ${byVar})` : '';
    const where = byName
      ? `listed in ${byName.file} (${byName.name === basename(byName.file) ? `its name says ${environment}` : `its folder is named ${byName.name}`})`
      : `in group [${from}]${why}${via ? ` (through [${via}])` : ''} of ${file ?? fileOf(host)}`;
    evidence[host] = `${host} is ${where}`;
    // `ansible_host=localhost` (labs, ansible_connection=local) must not make this machine production.
    const reachable = address && !isLocalAddress(address) ? address : undefined;
    if (reachable) evidence[reachable] ??= `${reachable} is ansible_host of ${host}, ${where}`;
    // An inventory's `localhost` (ansible_connection=local) is the controller, whatever its
    // group: it must not make every `psql -h localhost` production.
    (hosts[environment] ??= []).push(...(isLocalAddress(host) ? [] : [host]), ...(reachable ? [reachable] : []));
  }
  return {
    hosts,
    evidence,
    groups: groupMembers(parsed),
    notes: parsed.notes.map((note) => placed(label, note)),
    problems: parsed.problems.map((problem) => placed(label, problem)),
  };
}

/** `hosts.ini:12: …` for an INI line, `hosts.yml: group [web]: …` for a YAML group, `inventory/: …` for a folder. */
function placed(label: string, { file, line, group: name, message }: Placed): string {
  const where = file ?? label;
  return line ? `${where}:${line}: ${message}` : name !== undefined ? `${where}: group [${name}]: ${message}` : `${where}: ${message}`;
}

/**
 * An inventory's text parsed as Ansible's plugin chain would: YAML when it looks like YAML (a
 * `.yml` name or an `all:` key), else — or when YAML fails or is not a map of groups — INI.
 * Real repositories keep INI inventories named `hosts.yml` (0sifat/k8s-ha-cluster-ansible).
 */
export async function parseAnsibleInventory(text: string, file: string): Promise<ParsedInventory> {
  if (/\.(ya?ml|json)$/i.test(file) || /^\s*["']?all["']?\s*:/m.test(text)) {
    const { parse } = await import('yaml');
    const looksIni = /^\s*\[[^\]]+\]\s*$/m.test(text);
    let raw: unknown;
    try {
      raw = parse(text, { maxAliasCount: 100 });
    } catch (error) {
      // Not YAML and not INI either: say why, as Ansible would refuse it.
      if (!looksIni) throw new Error(`not valid YAML: ${(error as Error).message.split('\n')[0]} (fix the file)`);
      raw = undefined;
    }
    // `plugin: amazon.aws.aws_ec2`: an inventory plugin's config; its hosts come from an API
    // when Ansible runs the plugin, which prodguard never does.
    if (isObject(raw) && typeof raw.plugin === 'string') throw new DynamicInventory(`inventory plugin ${raw.plugin}`);
    if (isObject(raw)) return parseAnsibleYaml(raw);
    // A YAML list or scalar is no inventory (a playbook, a vars file): Ansible refuses it too.
    if (raw !== undefined && raw !== null && !looksIni)
      throw new Error(
        `not an inventory: its YAML is a ${Array.isArray(raw) ? 'list (a playbook?)' : 'single value'}, not a map of groups (name an inventory file)`,
      );
  }
  return parseAnsibleIni(text);
}

/** An inventory whose hosts exist only when Ansible runs something: a script or a plugin config. */
export class DynamicInventory extends Error {}

/**
 * What Ansible skips in an inventory folder (inventory/manager.py `IGNORED`): hidden entries, the
 * vars folders, and INVENTORY_IGNORE_EXTS — REJECT_EXTS plus `.orig`, `.cfg`, `.retry`.
 */
const IGNORED_FOLDER_ENTRIES = new Set(['host_vars', 'group_vars', 'vars_plugins']);
const IGNORED_ENDINGS = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.cfg', '.retry'];
/** A folder inventory is read to this depth and this many files; the rest is one note. */
export const MAX_FOLDER_FILES = 500;
const MAX_FOLDER_DEPTH = 8;
/** A file larger than this is no hand-kept inventory (a cache, a dump): left out with a note. */
const MAX_INVENTORY_BYTES = 8 * 1024 * 1024;

export function isIgnoredInventoryEntry(name: string): boolean {
  return name.startsWith('.') || IGNORED_FOLDER_ENTRIES.has(name) || IGNORED_ENDINGS.some((ending) => name.endsWith(ending));
}

/** One file of an inventory: its text, the label evidence uses, and the names that may say its environment. */
export interface InventorySource {
  label: string;
  text: string;
  /** Path, mtime and size: the same key is the same parse, so a warm checker reads a folder once. */
  key?: string;
  /** The folders from the inventory's root down to the file, and the file's name. */
  names: string[];
}

/** An inventory script or program (`#!`, or binary): Ansible runs it; prodguard never does. */
function isProgram(text: string): boolean {
  return text.startsWith('#!') || text.includes('\u0000');
}

/**
 * The files of an inventory folder as Ansible walks it (sorted, recursively, skipping what it
 * ignores). Programs are never run: they are named in one note. Read errors are problems.
 */
function inventoryFolderSources(root: string, label: string): { sources: InventorySource[]; programs: string[]; notes: Placed[]; problems: Placed[] } {
  const sources: InventorySource[] = [];
  const programs: string[] = [];
  const notes: Placed[] = [];
  const problems: Placed[] = [];
  let truncated = false;
  const folderLabel = label.endsWith('/') ? label : `${label}/`;
  // A link back up the tree (`current -> .`) is a folder already walked: each is read once.
  const walked = new Set<string>();
  const walk = (dir: string, depth: number) => {
    try {
      const real = realpathSync(dir);
      if (walked.has(real)) return;
      walked.add(real);
    } catch {
      return;
    }
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      problems.push({
        file: join(folderLabel, relative(root, dir)),
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}; fix its permissions)`,
      });
      return;
    }
    for (const name of entries) {
      if (isIgnoredInventoryEntry(name)) continue;
      const full = join(dir, name);
      const shown = join(folderLabel, relative(root, full));
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue; // a dangling link: Ansible skips it too
      }
      if (stat.isDirectory()) {
        if (depth < MAX_FOLDER_DEPTH) walk(full, depth + 1);
        continue;
      }
      if (!stat.isFile()) continue;
      if (sources.length + programs.length >= MAX_FOLDER_FILES) {
        truncated = true;
        return;
      }
      if (stat.size > MAX_INVENTORY_BYTES) {
        notes.push({ file: shown, message: `larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MiB; left out (no hand-kept inventory is this big)` });
        continue;
      }
      let text: string;
      try {
        text = readFileSync(full, 'utf8');
      } catch (error) {
        problems.push({
          file: shown,
          message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}; fix its permissions); its hosts are left out`,
        });
        continue;
      }
      if (isProgram(text)) {
        programs.push(relative(root, full));
        continue;
      }
      const folders = relative(root, dirname(full)).split('/').filter(Boolean);
      sources.push({ label: shown, text, names: [basename(root), ...folders, name], key: `${full}\u0000${stat.mtimeMs}\u0000${stat.size}` });
    }
  };
  walk(root, 0);
  if (truncated) notes.push({ file: folderLabel, message: `more than ${MAX_FOLDER_FILES} files; only the first ${MAX_FOLDER_FILES} are read` });
  if (sources.length === 0 && programs.length === 0)
    problems.push({ file: folderLabel, message: 'holds no inventory file (name a folder with INI or YAML inventories, or the file itself)' });
  return { sources, programs, notes, problems };
}

/** `production.ini` → `production`; a name that says production or staging, else undefined. */
function dangerousName(name: string): ConfiguredEnvironment | undefined {
  const named = environmentFromName(name.replace(/\.(ini|ya?ml|json|toml)$/i, ''))?.environment;
  // Only names that raise: a `tests/` folder of lab inventories must not make hosts less guarded.
  return named === 'production' || named === 'staging' ? named : undefined;
}

/**
 * Parsed inventory files by path, mtime and size. The warm checker (`prodguard serve`) loads the
 * config for every line it judges; an unchanged folder of inventories is parsed once. Parsed
 * inventories are only read after parsing, never changed.
 */
const PARSED = new Map<string, ParsedInventory>();
const MAX_PARSED = 2000;

function remember(key: string, parsed: ParsedInventory): void {
  if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
  PARSED.set(key, parsed);
}

/**
 * Several inventory files as Ansible merges them: groups add up (hosts, children, vars); each
 * host remembers the first file listing it; a file whose folder or own name says production or
 * staging places its hosts there, unless a group places them (see inventoryEnvironments).
 */
export async function parseInventorySources(sources: readonly InventorySource[]): Promise<ParsedInventory> {
  const merged: ParsedInventory = { groups: new Map(), hostFiles: new Map(), files: [], fileEnvironments: [], notes: [], problems: [] };
  for (const source of sources) {
    let parsed: ParsedInventory;
    try {
      const cached = source.key ? PARSED.get(source.key) : undefined;
      parsed = cached ?? (await parseAnsibleInventory(source.text, source.label));
      if (source.key && !cached) remember(source.key, parsed);
    } catch (error) {
      if (error instanceof DynamicInventory) (merged.dynamic ??= []).push(`${source.label} (${error.message})`);
      else merged.problems.push({ file: source.label, message: `${(error as Error).message}; its hosts are left out` });
      continue;
    }
    merged.files!.push({ label: source.label, groups: parsed.groups });
    const hosts = new Set<string>();
    for (const [name, entry] of parsed.groups) {
      const into = group(merged.groups, name);
      for (const [host, address] of entry.hosts) {
        hosts.add(host);
        if (!into.hosts.has(host) || (address && !into.hosts.get(host))) into.hosts.set(host, address);
        if (!merged.hostFiles!.has(host)) merged.hostFiles!.set(host, source.label);
      }
      for (const child of entry.children) into.children.add(child);
      if (entry.environmentVar && !into.environmentVar) into.environmentVar = entry.environmentVar;
    }
    merged.notes.push(...parsed.notes.map((note) => ({ file: source.label, ...note })));
    merged.problems.push(...parsed.problems.map((problem) => ({ file: source.label, ...problem })));
    // The deepest name that says production or staging speaks for the file: `production/hosts`.
    const sayer = [...source.names].reverse().find((name) => dangerousName(name));
    if (sayer && hosts.size > 0) merged.fileEnvironments!.push({ environment: dangerousName(sayer)!, file: source.label, name: sayer, hosts });
  }
  return merged;
}

/**
 * An inventory as Ansible's `-i PATH` reads it: a file, or a folder of files (every file in it,
 * recursively, as Ansible merges them). The file's own name and folder may say its environment
 * (`inventories/production/hosts`, `production.ini`). Never runs an inventory script.
 */
export async function readAnsibleInventory(file: string, label: string, mapping?: Readonly<Record<string, ConfiguredEnvironment>>): Promise<InventoryFacts> {
  const stat = statSync(file);
  if (stat.isDirectory()) {
    const folder = inventoryFolderSources(file, label);
    const parsed = await parseInventorySources(folder.sources);
    const dynamic = [...folder.programs, ...(parsed.dynamic ?? []).map((entry) => entry.slice(label.replace(/\/?$/, '/').length))];
    if (dynamic.length > 0)
      folder.notes.push({
        file: label.replace(/\/?$/, '/'),
        message: `${dynamic.length} dynamic inventor${dynamic.length === 1 ? 'y' : 'ies'} not run (${dynamic.join(', ')}): prodguard never runs a script or an inventory plugin, so their hosts are judged by name (save their output, \`ansible-inventory -i FILE --list -y\`, as a file in the folder to classify them)`,
      });
    parsed.notes.unshift(...folder.notes);
    parsed.problems.unshift(...folder.problems);
    return inventoryEnvironments(parsed, label, mapping);
  }
  const text = readFileSync(file, 'utf8');
  // An executable inventory (`#!/usr/bin/env python3`) prints its hosts when run; read as INI its
  // code would become hundreds of "hosts" (kubespray's terraform/openstack/hosts did).
  if (isProgram(text))
    throw new Error(`${file} is an inventory script (it lists hosts when run); name a static INI or YAML inventory, e.g. its output saved to a file`);
  const key = `${file}\u0000${stat.mtimeMs}\u0000${stat.size}`;
  const parsed = await parseInventorySources([{ label, text, names: [basename(dirname(file)), basename(file)], key }]);
  if (parsed.dynamic?.length)
    throw new Error(
      `${file} is an inventory plugin config (${parsed.dynamic[0]!.replace(/^.* \((.*)\)$/, '$1')}): its hosts come from the plugin when Ansible runs it, which prodguard never does; name a static inventory, e.g. the output of \`ansible-inventory -i ${file} --list -y\` saved to a file`,
    );
  // A file that does not parse at all is the whole inventory failing: one line, as before.
  if (parsed.groups.size === 0 && parsed.problems.length === 1 && parsed.problems[0]!.message.startsWith('not valid YAML'))
    throw new Error(parsed.problems[0]!.message.replace(/; its hosts are left out$/, ''));
  return inventoryEnvironments(parsed, label, mapping);
}

/** `~/.ssh/config`: a `Host` (or `Match host`) block with `# prodguard: ENV` marks its patterns and HostName. */
export function parseSshConfig(text: string, label = '~/.ssh/config'): InventoryFacts {
  const hosts: InventoryFacts['hosts'] = {};
  const evidence: InventoryFacts['evidence'] = {};
  const problems: string[] = [];
  let patterns: string[] = [];
  let hostName: string | undefined;
  let environment: ConfiguredEnvironment | undefined;
  const flush = () => {
    if (environment && patterns.length > 0) {
      const names = [...patterns, ...(hostName ? [hostName] : [])];
      (hosts[environment] ??= []).push(...names);
      for (const name of names) evidence[name] ??= `Host ${patterns.join(' ')} is marked "# prodguard: ${environment}" in ${label}`;
    }
    patterns = [];
    hostName = undefined;
    environment = undefined;
  };
  const lines = text.split('\n').map((raw) => raw.trim());
  let pending: ConfiguredEnvironment | undefined;
  lines.forEach((line, index) => {
    const marker = /^#\s*prodguard:\s*([a-z]+)/i.exec(line);
    if (marker) {
      const named = environmentFromName(marker[1]!)?.environment;
      if (!named) {
        // A typo (`# prodguard: prodution`) must not pass silently: the block it marks stays unmarked.
        problems.push(
          `${label}:${index + 1}: "# prodguard: ${marker[1]}" names no environment; the marker is left out (write production, staging, test, development or local)`,
        );
        return;
      }
      // A marker just above a Host line belongs to that block; inside a block, to the block.
      const next = lines.slice(index + 1).find((candidate) => candidate !== '' && !candidate.startsWith('#'));
      if (next && /^(host|match)\b/i.test(next)) pending = named as ConfiguredEnvironment;
      else environment = named as ConfiguredEnvironment;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const [keyword, ...rest] = line.split(/\s+|=/).filter(Boolean);
    const key = keyword?.toLowerCase();
    if (key === 'host' || key === 'match') {
      flush();
      environment = pending;
      pending = undefined;
      if (key === 'host') patterns = rest.filter((pattern) => !pattern.startsWith('!'));
      else {
        const at = rest.findIndex((word) => word.toLowerCase() === 'host' || word.toLowerCase() === 'originalhost');
        patterns = at >= 0 && rest[at + 1] ? rest[at + 1]!.split(',').filter((pattern) => !pattern.startsWith('!')) : [];
      }
    } else if (key === 'hostname' && rest[0]) hostName = rest[0];
  });
  flush();
  return { hosts, evidence, notes: [], problems, groups: {} };
}

/** Every group's hosts, children included (Ansible's implicit `all` holds every host). */
export function groupMembers(parsed: ParsedInventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const collect = (name: string, seen: Set<string>, into: Set<string>) => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = parsed.groups.get(name);
    if (!entry) return;
    for (const host of entry.hosts.keys()) into.add(host);
    for (const child of entry.children) collect(child, seen, into);
  };
  const everyHost = new Set<string>();
  for (const name of parsed.groups.keys()) {
    const hosts = new Set<string>();
    collect(name, new Set(), hosts);
    out[name] = [...hosts];
    for (const host of hosts) everyHost.add(host);
  }
  out.all = [...everyHost];
  return out;
}

/** A term's subscript (inventory/manager.py `PATTERN_WITH_SUBSCRIPT`): `[N]`, `[-N]`, `[A:B]`, `[A-B]`, `[A:]`. */
const ANSIBLE_SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+)([:-])(\d+)?)\]$/;

/**
 * An Ansible pattern's terms (inventory/manager.py `split_host_pattern`): at commas when it has
 * one, else at colons outside brackets (`web[0:2]:db` is two terms).
 */
export function splitAnsiblePattern(pattern: string): string[] {
  if (pattern.includes(','))
    return pattern
      .split(',')
      .map((term) => term.trim())
      .filter(Boolean);
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of pattern) {
    if (char === '[') depth++;
    if (char === ']') depth = Math.max(0, depth - 1);
    if (char === ':' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map((term) => term.trim()).filter(Boolean);
}

/** A glob term of an Ansible pattern (`web*`, `db?.example.com`) as a whole-name test. */
function globTest(term: string): (name: string) => boolean {
  const source = term
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name);
}

/**
 * Ansible's host pattern (inventory/manager.py `_match_list` and `split_host_pattern`) against an
 * inventory's groups: terms split at `,` (else at `:`), `all`/`*`, group names, host names, globs
 * and `~regex`; `&term` intersects and `!term` excludes, after every plain term is added, as
 * Ansible orders them. A term nothing matches stays a host name (Ansible warns and skips it; a
 * guard judges the name over never under). Undefined when no term names anything the inventory
 * knows, so the caller keeps judging the names as hosts.
 */
export function expandAnsiblePattern(pattern: string, groups: Readonly<Record<string, readonly string[]>>): { hosts: string[]; matched: string[] } | undefined {
  const terms = splitAnsiblePattern(pattern);
  const everyHost = new Set(groups.all ?? Object.values(groups).flat());
  const matched: string[] = [];
  const resolve = (term: string): string[] | undefined => {
    // `kube_control_plane[0]`, `webservers[0:2]`, `web[-1]`: a slice of what the rest matches.
    const subscript = ANSIBLE_SUBSCRIPT.exec(term);
    if (subscript) {
      const hosts = resolveWhole(subscript[1]!);
      if (!hosts) return undefined;
      const [, , index, start, , end] = subscript;
      if (index !== undefined) {
        const at = Number(index) < 0 ? hosts.length + Number(index) : Number(index);
        return at >= 0 && at < hosts.length ? [hosts[at]!] : [];
      }
      const last = end === undefined || end === '' ? hosts.length - 1 : Number(end);
      return hosts.slice(Number(start), last + 1);
    }
    return resolveWhole(term);
  };
  const resolveWhole = (term: string): string[] | undefined => {
    if (term === 'all' || term === '*') return [...everyHost];
    if (groups[term]) return [...groups[term]!];
    if (everyHost.has(term)) return [term];
    if (term.startsWith('~') || /[*?]/.test(term)) {
      let test: (name: string) => boolean;
      try {
        test = term.startsWith('~')
          ? (
              (regex) => (name: string) =>
                regex.test(name)
            )(new RegExp(term.slice(1)))
          : globTest(term);
      } catch {
        return undefined;
      }
      const hosts = new Set<string>();
      for (const [name, members] of Object.entries(groups)) if (test(name)) for (const host of members) hosts.add(host);
      for (const host of everyHost) if (test(host)) hosts.add(host);
      return hosts.size > 0 ? [...hosts] : undefined;
    }
    return undefined;
  };
  const plain = terms.filter((term) => !term.startsWith('&') && !term.startsWith('!'));
  const result = new Set<string>();
  for (const term of plain) {
    const hosts = resolve(term);
    if (hosts) matched.push(term);
    for (const host of hosts ?? [term]) result.add(host);
  }
  for (const term of terms.filter((t) => t.startsWith('&'))) {
    const hosts = resolve(term.slice(1));
    if (!hosts) continue;
    matched.push(term);
    const keep = new Set(hosts);
    for (const host of [...result]) if (!keep.has(host)) result.delete(host);
  }
  for (const term of terms.filter((t) => t.startsWith('!'))) {
    const hosts = resolve(term.slice(1));
    if (!hosts) continue;
    matched.push(term);
    for (const host of hosts) result.delete(host);
  }
  return matched.length > 0 ? { hosts: [...result], matched } : undefined;
}
