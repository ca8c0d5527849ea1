// Edge: gather the facts the pure core needs, and only those the line needs — a harmless line
// reads no kubeconfig, no .env files and opens no connection.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { hostname as osHostname, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Plan } from '../engine/analyze.js';
import { ansibleInventoryKey, resolveFile, type AnsibleInventoryFacts, type TargetFacts } from '../targets/facts.js';
import { KUBECONFIG_FIX, kubeconfigFacts, type KubeconfigFacts } from '../parse/kubeconfig.js';
import { ansibleSelection } from '../parse/wrappers/remote.js';
import type { FileWanted, MakeDefinition, ReadFiles, TaskBook, TaskScript } from '../types.js';
import { connectionFilesFor, type ConnectionFile, type ConnectionFileRequest, type MysqlOption } from '../targets/connection-files.js';
import { decodeMyloginFile, parseMysqlOptionFile, parsePgServiceFile } from '../parse/client-files.js';
import { dict } from '../util/dict.js';

/**
 * Home directories of the users a line switches to (`sudo -u postgres`, `su - deploy`), as the
 * system's user database says: /etc/passwd first (nsswitch's usual "files" source, and no process
 * to start on a line the hook judges), then `getent passwd` for users it does not list (LDAP,
 * sssd, nss_wrapper in tests). A user neither knows is left out (the parser then guesses by name).
 */
export function lookUpUserHomes(users: readonly string[]): Record<string, string> {
  const wanted = [...new Set(users)].filter((user) => /^[a-z_][a-z0-9_.-]*\$?$/i.test(user));
  const homes: Record<string, string> = {};
  const take = (text: string) => {
    for (const line of text.split('\n')) {
      const fields = line.split(':');
      const [name, , , , , home] = fields;
      if (fields.length >= 7 && name && home?.startsWith('/') && wanted.includes(name) && !(name in homes)) homes[name] = home;
    }
  };
  try {
    take(readFileSync('/etc/passwd', 'utf8'));
  } catch {
    // No readable file: ask getent for all of them.
  }
  const missing = wanted.filter((user) => !(user in homes));
  if (missing.length === 0) return homes;
  try {
    // getent exits 2 when a key is missing but still prints the ones it found.
    const result = spawnSync('getent', ['passwd', ...missing], { encoding: 'utf8', timeout: 2000 });
    if (!result.error && typeof result.stdout === 'string') take(result.stdout);
  } catch {
    // No getent: the users stay unknown.
  }
  return homes;
}

/** The paths that are directories with nothing in them (`rsync --delete empty/ DEST/`). */
export function emptyDirectoriesAmong(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    try {
      return statSync(path).isDirectory() && readdirSync(path).length === 0;
    } catch {
      return false;
    }
  });
}

export function hostnameOf(env: NodeJS.ProcessEnv): string {
  // Containers have random hostnames: PRODGUARD_HOSTNAME names the machine for prodguard.
  return env.PRODGUARD_HOSTNAME || osHostname();
}

export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** The environment as plain strings (process.env values can be undefined). */
export function plainEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

function readEnvFiles(cwd: string, parse: (text: string) => Record<string, string>): Record<string, Record<string, string>> {
  const files: Record<string, Record<string, string>> = {};
  let entries: string[];
  try {
    entries = readdirSync(cwd);
  } catch {
    return files;
  }
  for (const name of entries) {
    if (!/^\.env(\..+)?$/.test(name) || name.endsWith('.example') || name.endsWith('.sample') || name.endsWith('.template')) continue;
    try {
      files[join(cwd, name)] = parse(readFileSync(join(cwd, name), 'utf8'));
    } catch {
      // An unreadable .env file is one the app could not load either.
    }
  }
  return files;
}

const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** Read and parse named env files (missing ones are left out: the tool could not load them either). */
export async function readNamedEnvFiles(paths: readonly string[]): Promise<Record<string, Record<string, string>>> {
  const dotenv = await import('dotenv');
  const files: Record<string, Record<string, string>> = {};
  for (const path of paths) {
    try {
      // Only regular files of a sane size: `source /dev/stdin` or a FIFO must never hang the check.
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_ENV_FILE_BYTES) continue;
      const text = readFileSync(path, 'utf8');
      // env-cmd's rc file (`.env-cmdrc`, JSON): one block of variables per environment name,
      // kept as `PATH#NAME`. A dotenv file never starts with `{`.
      if (text.trimStart().startsWith('{')) Object.assign(files, envCmdBlocks(path, text));
      else files[path] = dotenv.parse(text);
    } catch {
      // Unreadable: the wrapper would fail to load it too.
    }
  }
  return files;
}

function envCmdBlocks(path: string, text: string): Record<string, Record<string, string>> {
  const blocks: Record<string, Record<string, string>> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object') return blocks;
    for (const [name, vars] of Object.entries(parsed as Record<string, unknown>)) {
      if (vars === null || typeof vars !== 'object') continue;
      blocks[`${path}#${name}`] = Object.fromEntries(
        Object.entries(vars as Record<string, unknown>)
          .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
          .map(([key, value]) => [key, String(value)]),
      );
    }
  } catch {
    // Not JSON: env-cmd would fail to read it too.
  }
  return blocks;
}

const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;

/** The files kubectl reads: every existing file of KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.KUBECONFIG ?? '').split(':').filter(Boolean);
  return listed.length > 0 ? listed : [join(homeOf(env), '.kube', 'config')];
}

/** Contexts, clusters and current-context of kubeconfig files, merged as kubectl merges them. */
export async function readKubeconfigs(paths: readonly string[]): Promise<KubeconfigFacts> {
  // The parser loads for a file that is there: a kubectl line on a machine with no kubeconfig
  // (a CI runner, a fresh container) does not pay for it.
  let parse: typeof import('yaml').parse | undefined;
  const files: { file: string; raw: unknown }[] = [];
  const problems: string[] = [];
  for (const file of paths) {
    let text: string;
    try {
      // Only regular files of a sane size: a FIFO named in KUBECONFIG must never hang the check.
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_KUBECONFIG_BYTES) {
        problems.push(`${file}: larger than ${MAX_KUBECONFIG_BYTES / 1024 / 1024} MiB, not read; ${KUBECONFIG_FIX}`);
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // No file is normal (no cluster configured); one that cannot be read is said once.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(`${file}: cannot be read (${code ?? 'error'}); ${KUBECONFIG_FIX}`);
      continue;
    }
    parse ??= (await import('yaml')).parse;
    try {
      files.push({ file, raw: parse(text, { maxAliasCount: 100 }) });
    } catch (error) {
      const where = (error as Error).message.split('\n')[0]!;
      problems.push(`${file}: not valid YAML (${where}); ${KUBECONFIG_FIX}`);
    }
  }
  const facts = kubeconfigFacts(files);
  facts.problems.unshift(...problems);
  return facts;
}

/** A script, package.json or Makefile bigger than this is not read: the line is judged as before. */
const MAX_RUN_FILE_BYTES = 256 * 1024;

/** The text of a regular, small, non-binary file, or undefined. */
function readSmallText(path: string): string | undefined {
  try {
    // Only regular files of a sane size: a FIFO or /dev/stdin must never hang the check.
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_RUN_FILE_BYTES) return undefined;
    const text = readFileSync(path, 'utf8');
    // A compiled program (`./bin/server`) is not a script.
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * Read the files a line runs (scripts, package.json, Makefiles; see parse/scripts.ts) into
 * `into`, skipping paths already tried. Returns how many paths were new.
 */
export async function readRunFiles(wanted: readonly FileWanted[], into: ReadFiles, tried: Set<string>): Promise<number> {
  let fresh = 0;
  const scripts = into.scripts as Record<string, string>;
  const packageScripts = into.packageScripts as Record<string, Record<string, TaskScript>>;
  const makefiles = into.makefiles as Record<string, MakeDefinition>;
  const taskBooks = into.taskBooks as Record<string, TaskBook>;
  for (const { kind, path, text: shown } of wanted) {
    const key = `${kind}:${path}`;
    if (tried.has(key)) continue;
    tried.add(key);
    fresh++;
    const text = shown ?? readSmallText(path);
    if (text === undefined) continue;
    if (kind === 'script') scripts[path] = text;
    else if (kind === 'package.json') {
      const { extractPackageJson } = await import('../lint/extract/package-json.js');
      const tasks = dict<TaskScript>();
      for (const snippet of extractPackageJson(text).snippets) {
        tasks[snippet.origin.replace(/^scripts\./, '')] = { text: snippet.text, env: snippet.env, unknownEnv: snippet.unknownEnv };
      }
      packageScripts[path] = tasks;
    } else if (kind === 'composer.json') {
      const { composerScripts } = await import('../parse/composer-scripts.js');
      packageScripts[path] = composerScripts(text);
    } else if (kind === 'justfile') {
      const { extractJustfile } = await import('../lint/extract/justfile.js');
      taskBooks[`${kind}:${path}`] = extractJustfile(text);
    } else if (kind === 'taskfile') {
      const { extractTaskfile } = await import('../lint/extract/taskfile.js');
      const book = extractTaskfile(text);
      if (book) taskBooks[`${kind}:${path}`] = book;
    } else if (kind === 'pdm' || kind === 'hatch' || kind === 'poe' || kind === 'mise') {
      const { extractTomlTasks } = await import('../lint/extract/toml-tasks.js');
      const book = extractTomlTasks(text, kind, path.endsWith('/hatch.toml'));
      if (book) taskBooks[`${kind}:${path}`] = book;
    } else {
      const { extractMakefile } = await import('../lint/extract/makefile.js');
      makefiles[path] = extractMakefile(text, path).make;
    }
  }
  return fresh;
}

async function kubeCurrentContext(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const file = (env.KUBECONFIG ?? '').split(':').find((path) => path && existsSync(path)) ?? join(homeOf(env), '.kube', 'config');
  return currentContextOf(file);
}

async function currentContextOf(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const { parse } = await import('yaml');
    const config = parse(readFileSync(file, 'utf8')) as { 'current-context'?: unknown } | null;
    const current = config?.['current-context'];
    return typeof current === 'string' && current !== '' ? current : undefined;
  } catch {
    return undefined;
  }
}

const MAX_CONNECTION_FILE_BYTES = 1024 * 1024;
/** my_default.cc's limit on nested `!include`s. */
const MAX_INCLUDE_DEPTH = 10;

/** A regular file of a sane size, or undefined: a FIFO or /dev/stdin must never hang a check. */
function readSmallFile(path: string): Buffer | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_CONNECTION_FILE_BYTES) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * MySQL and MariaDB skip an option file anyone may write (my_default.cc check_file_permissions:
 * "World-writable config file '…' is ignored"), and a login file (~/.mylogin.cnf) with any
 * permission beyond the owner's read and write. The client then connects elsewhere: so does the
 * judgement.
 */
function mysqlSkips(path: string, loginFile: boolean): boolean {
  try {
    const { mode } = statSync(path);
    if (loginFile) return (mode & 0o177) !== 0;
    return (mode & 0o170000) === 0o100000 && (mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

/** At most this many option files per line, however the includes nest: a loop never hangs a check. */
const MAX_OPTION_FILES = 64;

/** A MySQL option file with its `!include`/`!includedir` files read in place, as the client does. */
function readMysqlOptions(path: string, chain: readonly string[], budget: { files: number }, text?: string, loginFile = false): MysqlOption[] {
  // A file including itself (directly or through others) is read once per chain.
  if (chain.includes(path) || budget.files <= 0) return [];
  if (text === undefined && mysqlSkips(path, false)) return [];
  budget.files--;
  const content = text ?? readSmallFile(path)?.toString('utf8');
  if (content === undefined) return [];
  const options: MysqlOption[] = [];
  const inner = [...chain, path];
  for (const line of parseMysqlOptionFile(content, { loginFile })) {
    if ('group' in line) options.push({ ...line, file: path });
    else if (loginFile || inner.length > MAX_INCLUDE_DEPTH) continue;
    else if ('include' in line)
      options.push(...readMysqlOptions(line.include.startsWith('/') ? line.include : join(dirname(path), line.include), inner, budget));
    else {
      const dir = line.includedir.startsWith('/') ? line.includedir : join(dirname(path), line.includedir);
      let names: string[] = [];
      try {
        names = readdirSync(dir)
          .filter((name) => name.endsWith('.cnf'))
          .sort();
      } catch {
        // A missing include directory: the client skips it too.
      }
      for (const name of names) options.push(...readMysqlOptions(join(dir, name), inner, budget));
    }
  }
  return options;
}

/** Read the connection files a line's clients would read (pg_service.conf, my.cnf, ~/.mylogin.cnf). */
export function readConnectionFiles(requests: readonly ConnectionFileRequest[]): Record<string, ConnectionFile> {
  const files: Record<string, ConnectionFile> = {};
  const budget = { files: MAX_OPTION_FILES };
  for (const request of requests) {
    if (request.kind === 'pg-service') {
      const content = readSmallFile(request.path);
      if (content) files[request.path] = { kind: 'pg-service', sections: parsePgServiceFile(content.toString('utf8')) };
    } else if (request.kind === 'mylogin') {
      const content = mysqlSkips(request.path, true) ? undefined : readSmallFile(request.path);
      const text = content ? decodeMyloginFile(content) : undefined;
      if (text !== undefined) files[request.path] = { kind: 'mysql-options', options: readMysqlOptions(request.path, [], budget, text, true) };
    } else if (existsSync(request.path)) {
      files[request.path] = { kind: 'mysql-options', options: readMysqlOptions(request.path, [], budget) };
    }
  }
  return files;
}

/** `[defaults] inventory = PATH` of an ansible.cfg (INI), relative to the cfg's folder. */
function ansibleCfgInventory(dir: string): string | undefined {
  const text = readSmallText(join(dir, 'ansible.cfg'));
  if (text === undefined) return undefined;
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) section = header[1]!.trim();
    const setting = section === 'defaults' ? /^(?:inventory|hostfile)\s*[=:]\s*([^;#]+)/.exec(line) : null;
    // The first of a comma list is enough to expand groups; the rest add hosts the same way.
    const value = setting?.[1]?.split(',')[0]?.trim();
    if (value) return value.startsWith('/') ? value : join(dir, value.replace(/^~(?=\/)/, homedir()));
  }
  return undefined;
}

/**
 * The inventory each `ansible PATTERN` line reads, parsed: `-i FILE` (a host list `a,b,` is not a
 * file), else ansible.cfg's `inventory =` in the folder it runs from; a folder is every inventory
 * file in it. An unreadable inventory adds nothing: the pattern's names are judged as hosts.
 */
async function readAnsibleInventories(plan: Plan, cwd: string, warnings: string[]): Promise<Record<string, AnsibleInventoryFacts> | undefined> {
  const wanted = new Map<string, string>();
  for (const inv of plan.invocations) {
    const ansible = inv.host.kind === 'ssh' ? inv.host.ansible : ansibleSelection(inv);
    if (!ansible || ansible.inventory?.includes(',')) continue;
    const from = ansible.cwd.startsWith('/') ? ansible.cwd : cwd;
    const file =
      ansible.inventory !== undefined ? (ansible.inventory.startsWith('/') ? ansible.inventory : join(from, ansible.inventory)) : ansibleCfgInventory(from);
    if (file) wanted.set(ansibleInventoryKey(ansible.cwd, ansible.inventory), file);
  }
  if (wanted.size === 0) return undefined;
  const { readAnsibleInventory } = await import('../config/inventory.js');
  const out: Record<string, AnsibleInventoryFacts> = {};
  for (const [key, file] of wanted) {
    try {
      const stat = statSync(file);
      // A folder is read as Ansible reads it (every inventory file in it); a huge file is no inventory.
      if (!stat.isDirectory() && (!stat.isFile() || stat.size > MAX_RUN_FILE_BYTES * 16)) continue;
      const facts = await readAnsibleInventory(file, file);
      warnings.push(...facts.problems);
      const environments: AnsibleInventoryFacts['environments'] = {};
      for (const [environment, hosts] of Object.entries(facts.hosts))
        for (const host of hosts)
          environments[host] ??= {
            environment: environment as AnsibleInventoryFacts['environments'][string]['environment'],
            evidence: facts.evidence[host] ?? file,
          };
      out[key] = { file, groups: facts.groups, environments };
    } catch (error) {
      // Unreadable or malformed: ansible would fail on it too; the names are judged as hosts.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // `-i production` may name a group-less word, not a file
      const why = code ? `cannot be read (${code}; fix its permissions)` : (error as Error).message.split('\n')[0]!;
      warnings.push(`${file}: inventory not used: ${why}; the line's host names are judged as they are`);
    }
  }
  return out;
}

/**
 * The playbooks each `ansible-playbook` line runs, read for their plays' host patterns. One that
 * cannot be read is left out: the line is judged over the whole inventory, as ansible would fail
 * on it anyway.
 */
async function readAnsiblePlaybooks(plan: Plan, cwd: string): Promise<TargetFacts['ansiblePlaybooks']> {
  const files = new Map<string, string>();
  for (const inv of plan.invocations) {
    const selection = inv.name === 'ansible-playbook' ? ansibleSelection(inv) : undefined;
    for (const playbook of selection?.playbooks ?? [])
      files.set(ansibleInventoryKey(inv.cwd, playbook), resolveFile(inv.cwd.startsWith('/') ? inv.cwd : cwd, playbook));
  }
  if (files.size === 0) return undefined;
  const { readPlaybookHosts } = await import('../config/playbook.js');
  const out: Record<string, { patterns: string[]; files: string[] }> = {};
  for (const [key, file] of files) {
    const hosts = await readPlaybookHosts(file);
    if (hosts) out[key] = hosts;
  }
  return out;
}

export async function gatherFacts(plan: Plan, cwd: string, env: NodeJS.ProcessEnv): Promise<TargetFacts> {
  const facts: TargetFacts = { hostname: hostnameOf(env), envFiles: {} };
  const warnings: string[] = [];

  if (plan.needs.envFiles || plan.invocations.some((inv) => inv.name === 'dotenv')) {
    const dotenv = await import('dotenv');
    const dirs = new Set([cwd, ...plan.invocations.map((inv) => inv.cwd).filter((dir) => dir && dir.startsWith('/'))]);
    for (const dir of dirs)
      Object.assign(
        facts.envFiles,
        readEnvFiles(dir, (text) => dotenv.parse(text)),
      );
  }
  const requests = connectionFilesFor(plan.invocations, homeOf(env), { environments: plan.needs.envFiles, envFiles: facts.envFiles });
  if (requests.length > 0) {
    facts.connectionFiles = readConnectionFiles(requests);
    facts.home = homeOf(env);
  }
  if (plan.needs.kubeconfig) {
    const current = await kubeCurrentContext(env);
    if (current) facts.kubeCurrentContext = current;
    facts.kubeconfig = await readKubeconfigs(kubeconfigPaths(env));
    // kubectl takes current-context from the first file of KUBECONFIG that sets one.
    if (!facts.kubeCurrentContext && facts.kubeconfig.currentContext) facts.kubeCurrentContext = facts.kubeconfig.currentContext;
    // Files the line itself names: `KUBECONFIG=F kubectl …`, `kubectl --kubeconfig F …`.
    const contexts: Record<string, string> = {};
    const files: Record<string, KubeconfigFacts> = {};
    for (const inv of plan.invocations) {
      const named = [
        inv.assigned.KUBECONFIG?.split(':')[0],
        ...inv.args.map((arg, i) => (arg.value === '--kubeconfig' ? inv.args[i + 1]?.value : /^--kubeconfig=(.+)$/.exec(arg.value)?.[1])),
      ];
      for (const file of named) {
        if (!file) continue;
        const path = file.startsWith('/') ? file : join(inv.cwd || cwd, file);
        const context = await currentContextOf(path);
        if (context) contexts[path] = context;
        files[path] = await readKubeconfigs([path]);
      }
    }
    facts.kubeconfigContexts = contexts;
    facts.kubeconfigFiles = files;
    warnings.push(...facts.kubeconfig.problems, ...Object.values(files).flatMap((file) => file.problems));
  }
  const ansible = await readAnsibleInventories(plan, cwd, warnings);
  if (ansible) facts.ansibleInventories = ansible;
  const playbooks = await readAnsiblePlaybooks(plan, cwd);
  if (playbooks) facts.ansiblePlaybooks = playbooks;
  if (warnings.length > 0) facts.warnings = [...new Set(warnings)];
  if (plan.needs.terraform) {
    try {
      const workspace = readFileSync(join(cwd, '.terraform', 'environment'), 'utf8').trim();
      if (workspace) facts.terraformWorkspace = workspace;
    } catch {
      // No workspace selected: terraform uses "default".
    }
  }
  return facts;
}
