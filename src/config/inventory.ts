// Inventories a team already keeps, read as facts about environments (issue 14): an Ansible
// inventory (INI or YAML; a group's name says its environment, children inherit it) and
// `~/.ssh/config` Host blocks carrying a `# prodguard: production` comment. They feed the same
// `environments.<name>.hosts` patterns the one classifier reads — no second classifier.
// Hosts are matched by name and by address (ansible_host, HostName).

import { readFileSync } from 'node:fs';
import { environmentFromName, isLocalAddress } from '../classify/classify.js';
import type { ConfiguredEnvironment } from './schema.js';

export interface InventoryFacts {
  /** environment → host names and addresses. */
  hosts: Partial<Record<ConfiguredEnvironment, string[]>>;
}

interface Group {
  hosts: Map<string, string | undefined>;
  children: Set<string>;
}

function group(groups: Map<string, Group>, name: string): Group {
  let found = groups.get(name);
  if (!found) groups.set(name, (found = { hosts: new Map(), children: new Set() }));
  return found;
}

/** Ansible's INI inventory: `[group]` host lines with `ansible_host=…`, `[group:children]`. */
export function parseAnsibleIni(text: string): Map<string, Group> {
  const groups = new Map<string, Group>();
  let section = 'ungrouped';
  let kind: 'hosts' | 'children' | 'vars' = 'hosts';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]:]+)(?::(children|vars))?\]$/.exec(line);
    if (header) {
      section = header[1]!;
      kind = (header[2] as 'children' | 'vars' | undefined) ?? 'hosts';
      group(groups, section);
      continue;
    }
    const [name, ...vars] = line.split(/\s+/);
    if (!name || kind === 'vars') continue;
    if (kind === 'children') group(groups, section).children.add(name);
    else {
      const address = vars.map((item) => /^ansible_(?:ssh_)?host=(.+)$/.exec(item)?.[1]).find(Boolean);
      group(groups, section).hosts.set(name, address?.replace(/^["']|["']$/g, ''));
    }
  }
  return groups;
}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ansible's YAML inventory: `all: { children: { production: { hosts: { web1: { ansible_host } } } } }`. */
export function parseAnsibleYaml(raw: Json): Map<string, Group> {
  const groups = new Map<string, Group>();
  const visit = (name: string, body: Json) => {
    const entry = group(groups, name);
    if (!isObject(body)) return;
    if (isObject(body.hosts)) {
      for (const [host, vars] of Object.entries(body.hosts)) {
        const address = isObject(vars) ? (vars.ansible_host ?? vars.ansible_ssh_host) : undefined;
        entry.hosts.set(host, typeof address === 'string' ? address : undefined);
      }
    }
    if (isObject(body.children)) {
      for (const [child, childBody] of Object.entries(body.children)) {
        entry.children.add(child);
        visit(child, childBody);
      }
    }
  };
  if (isObject(raw)) for (const [name, body] of Object.entries(raw)) visit(name, body);
  return groups;
}

/** Each host (and its address) under the most dangerous environment any of its groups names. */
export function inventoryEnvironments(groups: Map<string, Group>, mapping: Readonly<Record<string, ConfiguredEnvironment>> = {}): InventoryFacts {
  const order: ConfiguredEnvironment[] = ['production', 'staging', 'test', 'development', 'local'];
  const hostEnvironment = new Map<string, { environment: ConfiguredEnvironment; address?: string }>();
  const assign = (groupName: string, environment: ConfiguredEnvironment, seen: Set<string>) => {
    if (seen.has(groupName)) return;
    seen.add(groupName);
    const entry = groups.get(groupName);
    if (!entry) return;
    for (const [host, address] of entry.hosts) {
      const before = hostEnvironment.get(host);
      if (!before || order.indexOf(environment) < order.indexOf(before.environment))
        hostEnvironment.set(host, { environment, ...((address ?? before?.address) ? { address: (address ?? before?.address)! } : {}) });
      else if (address && !before.address) before.address = address;
    }
    for (const child of entry.children) assign(child, environment, seen);
  };
  for (const name of groups.keys()) {
    const mapped = mapping[name] ?? environmentFromName(name)?.environment;
    if (mapped && order.includes(mapped as ConfiguredEnvironment)) assign(name, mapped as ConfiguredEnvironment, new Set());
  }
  const hosts: InventoryFacts['hosts'] = {};
  // `ansible_host=localhost` (labs, ansible_connection=local) must not make this machine production.
  for (const [host, { environment, address }] of hostEnvironment)
    (hosts[environment] ??= []).push(host, ...(address && !isLocalAddress(address) ? [address] : []));
  return { hosts };
}

export async function readAnsibleInventory(file: string, mapping?: Readonly<Record<string, ConfiguredEnvironment>>): Promise<InventoryFacts> {
  const text = readFileSync(file, 'utf8');
  if (/\.ya?ml$/i.test(file) || /^\s*all\s*:/m.test(text)) {
    const { parse } = await import('yaml');
    return inventoryEnvironments(parseAnsibleYaml(parse(text, { maxAliasCount: 100 }) as Json), mapping);
  }
  return inventoryEnvironments(parseAnsibleIni(text), mapping);
}

/** `~/.ssh/config`: a `Host` (or `Match host`) block with `# prodguard: ENV` marks its patterns and HostName. */
export function parseSshConfig(text: string): InventoryFacts {
  const hosts: InventoryFacts['hosts'] = {};
  let patterns: string[] = [];
  let hostName: string | undefined;
  let environment: ConfiguredEnvironment | undefined;
  const flush = () => {
    if (environment && patterns.length > 0) (hosts[environment] ??= []).push(...patterns, ...(hostName ? [hostName] : []));
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
      if (!named) return;
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
  return { hosts };
}
