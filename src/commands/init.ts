// `prodguard init bash|zsh|fish`: print the shell integration for `eval "$(prodguard init bash)"`
// (fish: `prodguard init fish | source`). The prefilter's word list is computed here, from the
// rules this configuration loads (built-in rules plus the config's rule folders).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { UsageError } from '../errors.js';
import { loadSetup } from './judge.js';
import { stateDirectory } from '../config/load.js';
import { isWrapper } from '../parse/wrappers.js';
import { APP_ENVIRONMENT_VARIABLES, isDatabaseClient } from '../targets/resolve.js';
import { prefilterFor } from '../shell/prefilter.js';
import { adapterFor, isShellName, SHELLS, type ShellName, type SnippetOptions } from '../shell/adapters.js';
import { renderSnippet } from '../shell/render.js';

export interface InitOptions {
  config?: string;
  prompt?: boolean;
  warm?: boolean;
}

/**
 * Variables whose values decide what `prodguard prompt` shows (besides every *_URL / *_URI),
 * each once. The shell scripts write them into code, so each must be a shell identifier.
 */
export const PROMPT_KEY_VARIABLES: readonly string[] = [
  ...new Set([
    // The usual names of database URLs (every *_URL / *_URI variable is looked at too).
    'DATABASE_URL',
    'DB_URL',
    'DATABASE_URI',
    'REDIS_URL',
    'MONGO_URL',
    'MONGODB_URI',
    'PGHOST',
    'PGHOSTADDR',
    'PGPORT',
    'PGDATABASE',
    'PGUSER',
    'PGSERVICE',
    'PGSERVICEFILE',
    'MYSQL_HOST',
    'MYSQL_DATABASE',
    'MYSQL_TCP_PORT',
    ...APP_ENVIRONMENT_VARIABLES,
    'KUBECONFIG',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'CLOUDSDK_CORE_PROJECT',
    'GOOGLE_CLOUD_PROJECT',
    'HEROKU_APP',
    'TF_WORKSPACE',
    'PRODGUARD_HOSTNAME',
    'PRODGUARD_STATE_DIR',
    'HOME',
    'XDG_CONFIG_HOME',
    'TERM',
    'LANG',
    'LC_ALL',
    'LC_CTYPE',
  ]),
];

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Per-shell files (FIFOs, prompt stamps): the runtime dir when there is one (tmpfs, private). */
export function runDirectory(env: NodeJS.ProcessEnv): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'prodguard') : join(stateDirectory(env), 'shells');
}

/** The warm checker needs `env -0` (the shell sends its environment) and `mkfifo`. */
function warmSupported(): boolean {
  const env0 = spawnSync('env', ['-0'], { stdio: 'ignore' });
  const mkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' });
  return env0.status === 0 && mkfifo.error === undefined;
}

export async function runInit(shell: string, options: InitOptions): Promise<number> {
  if (!isShellName(shell))
    throw new UsageError(`cannot integrate with "${shell}": prodguard supports ${SHELLS.join(', ')}`, 'e.g. eval "$(prodguard init bash)"');
  const { rules, config } = await loadSetup({ ...(options.config ? { configFile: options.config } : {}), cwd: process.cwd(), env: process.env });
  const snippetOptions: SnippetOptions = {
    version: packageVersion(),
    prefilter: prefilterFor({ rules, isWrapper, isDatabaseClient, dataDirectories: config.dataDirectories }),
    runDir: runDirectory(process.env),
    keyVariables: PROMPT_KEY_VARIABLES,
    prompt: options.prompt !== false,
    warm: options.warm !== false && adapterFor(shell).warm && warmSupported(),
  };
  const text = renderSnippet(shell, snippetOptions);
  process.stdout.write(text);
  // The default integration is cached for the rc line (`prodguard init` costs a Node start, the
  // cache a file read): only for default options, which are what the cache's rc line asks for.
  // Not from inside a repository whose .prodguard.yml was read: its rule folders are that
  // repository's, not every shell's.
  const fromRepository = /(^|[\\/])\.prodguard\.ya?ml$/.test(config.source);
  if (options.config === undefined && options.prompt !== false && options.warm !== false && !fromRepository) {
    const configHome = process.env.XDG_CONFIG_HOME || join(process.env.HOME || homedir(), '.config');
    const userConfigs = ['config.yml', 'config.yaml'].map((name) => join(configHome, 'prodguard', name));
    // Every config file read (the system policy too: its data-directory locations are in the
    // prefilter's words), so editing one rewrites the cache.
    const inputs = [...userConfigs, config.source, ...config.files, ...config.ruleDirectories];
    writeInitCache(shell, text, [...new Set(inputs.filter((file) => isAbsolute(file)))]);
  }
  return 0;
}

/** Where the cache of `prodguard init SHELL` lives (the README's rc lines name this path). */
export function initCacheFile(shell: ShellName, env: NodeJS.ProcessEnv): string {
  return join(stateDirectory(env), `init.${shell}`);
}

function writeInitCache(shell: ShellName, text: string, inputs: readonly string[]): void {
  const cacheFile = initCacheFile(shell, process.env);
  const packageJson = fileURLToPath(new URL('../../package.json', import.meta.url));
  const body = adapterFor(shell).cached(text, { packageJson, version: packageVersion(), inputs, cacheFile });
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Aside and renamed: a shell starting meanwhile reads the old cache or the new, never half.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, body);
    renameSync(temporary, cacheFile);
  } catch {
    // Not writable: every shell start runs `prodguard init`, as without a cache.
  }
}
