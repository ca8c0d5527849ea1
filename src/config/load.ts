// Edge: find and read the config file. `.prodguard.yml` found upward from the working directory,
// then the user's config dir, or `--config FILE`. The YAML parser loads only when a file exists.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { ConfigError } from '../errors.js';
import { DEFAULT_CONFIG, validateConfig, type Config } from './schema.js';

const NAMES = ['.prodguard.yml', '.prodguard.yaml'];

export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  for (const name of ['config.yml', 'config.yaml']) {
    const candidate = join(configHome, 'prodguard', name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function loadConfig(options: { file?: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<Config> {
  const file = options.file ? resolve(options.cwd, options.file) : findConfigFile(options.cwd, options.env);
  if (!file) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`config file ${file} cannot be read`, 'check the path given to --config');
  }
  const { parseDocument, LineCounter } = await import('yaml');
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const position = lineCounter.linePos(yamlError.pos[0]);
    throw new ConfigError(`${file}:${position.line}:${position.col}: not valid YAML: ${yamlError.message.split('\n')[0]}`, 'fix the YAML syntax');
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(`${file}: cannot be read as YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 'simplify the YAML (anchors and aliases)');
  }
  const { config, errors } = validateConfig(raw, file);
  if (errors.length > 0) {
    throw new ConfigError(`${file}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, 'see "Configuration" in the README');
  }
  config.ruleDirectories = config.ruleDirectories.map((dir) => resolve(dirname(file), dir));
  return config;
}

/** Where prodguard keeps its audit log and caches. */
export function stateDirectory(env: NodeJS.ProcessEnv): string {
  if (env.PRODGUARD_STATE_DIR) return env.PRODGUARD_STATE_DIR;
  const stateHome = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(stateHome, 'prodguard');
}
