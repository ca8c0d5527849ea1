// Commands that set the environment of the command they run: env, dotenv, dotenvx, op run,
// aws-vault, doppler. Env files change what the command targets (`dotenv -e .env.prod -- rails db:reset`).

import type { ExpandedWord, Invocation } from '../../types.js';
import { scanOptions, hasFlag, optionValue, type OptionSpec } from '../options.js';
import { type EnvFiles, type StepBase, type Unwrapper, command, optionsOf, quoteForShell, script, takeAssignments } from './step.js';

/** `env $(cat .env.production | xargs) CMD`: the file's lines are the assignments, once the edge read it. */
function envFileAssignments(inv: Invocation, words: ExpandedWord[], envFiles: EnvFiles): ExpandedWord[] {
  return words.flatMap((word) => {
    const vars = word.envFile !== undefined ? envFiles[envFilePath(inv.cwd, word.envFile)] : undefined;
    if (!vars) return [word];
    return Object.entries(vars).map(([key, value]) => ({ ...word, value: `${key}=${value}`, dynamic: false }));
  });
}

export const envCommand: Unwrapper = (inv, envFiles) => {
  const scan = scanOptions(inv.args, optionsOf('env', { stopAtPositional: true }));
  let env: Record<string, string> = { ...inv.env };
  let assigned: Record<string, string> = { ...inv.assigned };
  // `env -i` / `env -` clears the environment: DATABASE_URL and friends are gone.
  const clears = hasFlag(scan, '-i', '--ignore-environment') || inv.args[scan.rest - 1]?.value === '-';
  if (clears) {
    env = {};
    assigned = {};
  }
  for (const option of scan.options) {
    if ((option.flag === '-u' || option.flag === '--unset') && option.value) {
      delete env[option.value];
      delete assigned[option.value];
    }
  }
  // `env $(grep -v '^#' .env.production | xargs) CMD` with the file not read: its assignments are unknown.
  const unreadFiles = inv.args.slice(scan.rest).flatMap((word) => (word.envFile !== undefined ? [word.envFile] : []));
  let words = envFileAssignments(inv, inv.args.slice(scan.rest), envFiles);
  if (words[0]?.value === '-') words = words.slice(1);
  const taken = takeAssignments({ ...inv, env, assigned }, words);
  const cwdOption = optionValue(scan, '-C', '--chdir');
  const extra = { env: taken.env, assigned: taken.assigned, ...(cwdOption ? { cwd: cwdOption } : {}), ...unreadEnvFiles(inv, unreadFiles, envFiles) };
  const split = optionValue(scan, '-S', '--split-string');
  if (split !== undefined) {
    return script('env -S', [split, ...taken.rest.map((w) => quoteForShell(w.value))].join(' '), extra);
  }
  return command(clears ? 'env -i' : 'env', taken.rest, extra);
};

/**
 * An env file named on the line that the edge did not read (lint, a file on another machine): the
 * command's variables are unknown, and the file's name says whose they are (`.env.production`).
 * A plain `.env` names no environment and is often simply absent: nothing is assumed for it.
 */
function unreadEnvFiles(inv: Invocation, files: readonly string[], envFiles: EnvFiles): Partial<StepBase> {
  const unread = files.filter((file) => file !== '' && !/(^|\/)\.env$/.test(file) && envFiles[envFilePath(inv.cwd, file)] === undefined);
  return unread.length > 0 ? unknownSecrets(unread.join(' ')) : {};
}

/** The command's variables come from `source`, whose content is not known here (Invocation.secretsFrom). */
function unknownSecrets(source: string | undefined): Partial<StepBase> {
  return { envUnknown: true, ...(source ? { secretsFrom: source } : {}) };
}

/** The variables of env files named on the line, under what is already set (dotenv never overrides). */
function applyEnvFiles(inv: Invocation, files: readonly string[], envFiles: EnvFiles): { env: Record<string, string>; assigned: Record<string, string> } {
  const env = { ...inv.env };
  const assigned = { ...inv.assigned };
  for (const file of files) {
    const vars = envFiles[envFilePath(inv.cwd, file)];
    if (!vars) continue;
    for (const [key, value] of Object.entries(vars)) {
      if (!(key in assigned)) {
        env[key] = value;
        assigned[key] = value;
      }
    }
  }
  return { env, assigned };
}

export function envFilePath(cwd: string, file: string): string {
  return file.startsWith('/') ? file : `${(cwd || '/').replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}

/** dotenv-cli: `dotenv -e FILE [-e FILE…] [-v K=V] -- CMD`. The files change what CMD sees. */
export const dotenvRunner: Unwrapper = (inv, envFiles) => {
  const scan = scanOptions(inv.args, optionsOf('dotenv', { stopAtPositional: true }));
  const files = scan.options.filter((o) => o.flag === '-e' || o.flag === '-f' || o.flag === '--env-file').map((o) => o.value ?? '');
  const { env, assigned } = applyEnvFiles(inv, files.length > 0 ? files : ['.env'], envFiles);
  for (const option of scan.options) {
    const match = option.flag === '-v' && option.value ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option.value) : null;
    if (match) {
      env[match[1]!] = match[2]!;
      assigned[match[1]!] = match[2]!;
    }
  }
  return command(`dotenv ${files.join(' ')}`.trim(), inv.args.slice(scan.rest), { env, assigned, ...unreadEnvFiles(inv, files, envFiles) });
};

/** `dotenvx run -f FILE -- CMD`, `op run --env-file FILE -- CMD`: env files, then the command after `--`. */
export function envFileRunner(via: string, fileFlags: readonly string[]): Unwrapper {
  return (inv, envFiles) => {
    if (inv.args[0]?.value !== 'run') return [];
    const rest = inv.args.slice(1);
    const dashDash = rest.findIndex((w) => w.value === '--');
    const scan = scanOptions(dashDash === -1 ? rest : rest.slice(0, dashDash), optionsOf(via, { stopAtPositional: true }));
    const files = scan.options.filter((o) => fileFlags.includes(o.flag)).map((o) => o.value ?? '');
    const words = dashDash === -1 ? rest.slice(scan.rest) : rest.slice(dashDash + 1);
    return command(via, words, { ...applyEnvFiles(inv, files, envFiles), ...unreadEnvFiles(inv, files, envFiles) });
  };
}

/** The rc files env-cmd reads for `-e ENV` when `-r` names none, in its order. */
const ENV_CMD_RC_FILES = ['.env-cmdrc', '.env-cmdrc.json'];

interface EnvCmdFiles {
  files: string[];
  environments: string[];
  rcFiles: string[];
}

function envCmdFiles(inv: Invocation): EnvCmdFiles & { rest: number; useShell: boolean; override: boolean } {
  const scan = scanOptions(inv.args, optionsOf('env-cmd', { stopAtPositional: true }));
  const files = scan.options.filter((o) => o.flag === '-f' || o.flag === '--file').map((o) => o.value ?? '');
  const environments = scan.options
    .filter((o) => o.flag === '-e' || o.flag === '--environments')
    .flatMap((o) => (o.value ?? '').split(','))
    .filter(Boolean);
  const rcFile = optionValue(scan, '-r', '--rc-file');
  return {
    // With neither -f nor -e, env-cmd reads ./.env.
    files: files.length > 0 || environments.length > 0 ? files : ['.env'],
    environments,
    rcFiles: environments.length === 0 ? [] : rcFile ? [rcFile] : ENV_CMD_RC_FILES,
    rest: scan.rest,
    useShell: hasFlag(scan, '--use-shell'),
    override: !hasFlag(scan, '--no-override'),
  };
}

/**
 * env-cmd: `env-cmd -f .env.production CMD`, `env-cmd -e production CMD` (the rc file's
 * `production` block, read at the edge as `RCFILE#production`). Its variables override the
 * shell's unless `--no-override`; `--use-shell` runs the words as a shell line.
 */
export const envCmd: Unwrapper = (inv, envFiles) => {
  const named = envCmdFiles(inv);
  const env = { ...inv.env };
  const assigned = { ...inv.assigned };
  const blocks = [
    ...named.files.map((file) => envFiles[envFilePath(inv.cwd, file)]),
    ...named.environments.flatMap((name) => named.rcFiles.map((file) => envFiles[`${envFilePath(inv.cwd, file)}#${name}`])),
  ];
  for (const vars of blocks) {
    for (const [key, value] of Object.entries(vars ?? {})) {
      if (!named.override && key in inv.env) continue;
      env[key] = value;
      assigned[key] = value;
    }
  }
  let words = inv.args.slice(named.rest);
  if (words[0]?.value === '--') words = words.slice(1);
  const via = `env-cmd ${[...named.files, ...named.environments].join(' ')}`.trim();
  // An rc file's environment nobody read (`env-cmd -e production`) names the environment too.
  const unreadBlocks = named.environments.filter((name) => named.rcFiles.every((file) => envFiles[`${envFilePath(inv.cwd, file)}#${name}`] === undefined));
  const unknown = {
    ...unreadEnvFiles(inv, named.files, envFiles),
    ...(unreadBlocks.length > 0 ? unknownSecrets(unreadBlocks.join(' ')) : {}),
  };
  const extra = { env, assigned, ...unknown };
  return named.useShell ? script(via, words.map((w) => w.value).join(' '), extra) : command(via, words, extra);
};

/** `cross-env VAR=value … CMD`: the assignments are CMD's environment (`cross-env-shell`: a shell line). */
export const crossEnv: Unwrapper = (inv) => {
  const taken = takeAssignments(inv, inv.args);
  const extra = { env: taken.env, assigned: taken.assigned };
  return inv.name === 'cross-env-shell' ? script(inv.name, taken.rest.map((w) => w.value).join(' '), extra) : command(inv.name, taken.rest, extra);
};

/** Builtins that set variables from `NAME=value` words, so `$(cat FILE | xargs)` gives them FILE's. */
export const ENV_FILE_EXPORTERS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Env files a line names (`dotenv -e F`, `dotenvx run -f F`, `op run --env-file F`): the edge reads them. */
export function envFilesNamedBy(inv: Invocation): string[] {
  // The runners' option tables are the same ones their unwrappers read (knowledge/tools.ts).
  const spec: Record<string, { spec: OptionSpec; flags: string[]; sub?: string }> = {
    dotenv: { spec: optionsOf('dotenv', { stopAtPositional: true }), flags: ['-e', '-f', '--env-file'] },
    dotenvx: { spec: optionsOf('dotenvx run', { stopAtPositional: true }), flags: ['-f', '--env-file'], sub: 'run' },
    op: { spec: optionsOf('op run', { stopAtPositional: true }), flags: ['--env-file'], sub: 'run' },
  };
  // `env $(cat .env.production | xargs) CMD`, `export $(grep -v '^#' .env | xargs)`: the words are the file's lines.
  if (inv.name === 'env' || ENV_FILE_EXPORTERS.has(inv.name)) {
    const named = inv.args.flatMap((word) =>
      word.envFile !== undefined && (inv.cwd || word.envFile.startsWith('/')) ? [envFilePath(inv.cwd, word.envFile)] : [],
    );
    if (named.length > 0) return named;
  }
  // `source prod.env`, `. ./prod.env`: the shell reads the file; its variables apply to later commands.
  if ((inv.name === 'source' || inv.name === '.') && inv.args[0] && !inv.args[0].dynamic && (inv.cwd || inv.args[0].value.startsWith('/'))) {
    return [envFilePath(inv.cwd, inv.args[0].value)];
  }
  if (inv.name === 'env-cmd') {
    const named = envCmdFiles(inv);
    const files = [...named.files, ...named.rcFiles];
    return inv.cwd || files.every((file) => file.startsWith('/')) ? files.map((file) => envFilePath(inv.cwd, file)) : [];
  }
  const entry = Object.hasOwn(spec, inv.name) ? spec[inv.name] : undefined;
  if (!entry) return [];
  const args = entry.sub ? (inv.args[0]?.value === entry.sub ? inv.args.slice(1) : []) : inv.args;
  const files = scanOptions(args, entry.spec)
    .options.filter((o) => entry.flags.includes(o.flag))
    .map((o) => o.value ?? '');
  return (files.length > 0 || entry.sub ? files : ['.env']).filter(Boolean).map((file) => envFilePath(inv.cwd, file));
}

/** `aws-vault exec PROFILE -- CMD`: the profile becomes AWS_PROFILE for the command. */
export const awsVault: Unwrapper = (inv) => {
  if (inv.args[0]?.value !== 'exec') return [];
  const rest = inv.args.slice(1);
  const scan = scanOptions(rest, optionsOf('aws-vault exec', { stopAtPositional: true }));
  const profile = rest[scan.rest]?.value;
  let words = rest.slice(scan.rest + 1);
  if (words[0]?.value === '--') words = words.slice(1);
  const env = { ...inv.env, ...(profile ? { AWS_PROFILE: profile } : {}) };
  return command(`aws-vault exec ${profile ?? ''}`.trim(), words, { env, assigned: { ...inv.assigned, ...(profile ? { AWS_PROFILE: profile } : {}) } });
};

/**
 * `doppler run [-c CONFIG] -- CMD` (or `--command 'LINE'`): CMD gets the config's secrets, and
 * doppler sets DOPPLER_CONFIG, DOPPLER_ENVIRONMENT (the config's environment: `prd` of
 * `prd_eu`) and DOPPLER_PROJECT in its environment. A config named for production says so;
 * without one (doppler.yaml's setup) the environment stays as it was.
 */
export const dopplerRun: Unwrapper = (inv) => {
  if (inv.args[0]?.value !== 'run') return [];
  const rest = inv.args.slice(1);
  const dashDash = rest.findIndex((w) => w.value === '--');
  const own = dashDash === -1 ? rest : rest.slice(0, dashDash);
  const scan = scanOptions(own, optionsOf('doppler run', { stopAtPositional: true }));
  const config = optionValue(scan, '-c', '--config') ?? inv.env.DOPPLER_CONFIG;
  const project = optionValue(scan, '-p', '--project') ?? inv.env.DOPPLER_PROJECT;
  const set: Record<string, string> = {
    ...(config ? { DOPPLER_CONFIG: config, DOPPLER_ENVIRONMENT: config.split('_')[0]! } : {}),
    ...(project ? { DOPPLER_PROJECT: project } : {}),
  };
  const extra = { env: { ...inv.env, ...set }, assigned: { ...inv.assigned, ...set } };
  const via = `doppler run${config ? ` --config ${config}` : ''}`;
  const line = optionValue(scan, '--command');
  if (line !== undefined) return script(via, line, extra);
  return command(via, dashDash === -1 ? own.slice(scan.rest) : rest.slice(dashDash + 1), extra);
};

/**
 * Secret stores that put their secrets in the command's environment: what they hold is never
 * readable here, so the command's variables are unknown, and the environment, service, folder or
 * file they are read from is what names production (`infisical run --env=prod -- …`).
 * - `infisical run [--env E] [--path P] -- CMD` or `--command LINE` (E defaults to dev);
 * - `chamber exec SERVICE… -- CMD`;
 * - `sops exec-env FILE 'LINE'`, `sops exec-file FILE 'LINE'` (the line gets the decrypted file);
 * - `direnv exec DIR CMD…` (DIR's .envrc);
 * - `teller run [--] CMD` (.teller.yml's providers), `envchain NAMESPACE CMD…`,
 *   `summon [-e ENV] [-f FILE] CMD…`.
 */
export const secretStoreRunner: Unwrapper = (inv) => {
  const [sub, ...rest] = inv.args;
  const afterDashDash = (words: typeof rest) => {
    const index = words.findIndex((w) => w.value === '--');
    return index === -1 ? undefined : words.slice(index + 1);
  };
  switch (inv.name) {
    case 'infisical': {
      if (sub?.value !== 'run') return [];
      const dashDash = rest.findIndex((w) => w.value === '--');
      const own = dashDash === -1 ? rest : rest.slice(0, dashDash);
      const scan = scanOptions(own, optionsOf('infisical run', { stopAtPositional: true }));
      const environment = optionValue(scan, '-e', '--env') ?? 'dev';
      const path = optionValue(scan, '--path');
      const extra = unknownSecrets(path && path !== '/' ? `${environment} ${path}` : environment);
      const via = `infisical run --env=${environment}`;
      const line = optionValue(scan, '--command');
      if (line !== undefined) return script(via, line, extra);
      return command(via, afterDashDash(rest) ?? own.slice(scan.rest), extra);
    }
    case 'chamber': {
      const words = sub?.value === 'exec' ? afterDashDash(rest) : undefined;
      if (!words) return [];
      const index = rest.findIndex((w) => w.value === '--');
      const services = rest
        .slice(0, index)
        .filter((w) => !w.value.startsWith('-'))
        .map((w) => w.value);
      return command(`chamber exec ${services.join(' ')}`.trim(), words, unknownSecrets(services.join(' ')));
    }
    case 'sops': {
      if (sub?.value !== 'exec-env' && sub?.value !== 'exec-file') return [];
      const scan = scanOptions(rest, optionsOf(`sops ${sub.value}`, { stopAtPositional: false }));
      const [file, line] = scan.positionals.map((index) => rest[index]!);
      if (!file || !line || line.dynamic) return [];
      return script(`sops ${sub.value} ${file.value}`, line.value, unknownSecrets(file.value));
    }
    case 'direnv': {
      if (sub?.value !== 'exec' || !rest[0]) return [];
      return command(`direnv exec ${rest[0].value}`, rest.slice(1), unknownSecrets(rest[0].value));
    }
    case 'teller': {
      if (sub?.value !== 'run') return [];
      const words = afterDashDash(rest) ?? rest.filter((w) => !w.value.startsWith('-'));
      return command('teller run', words, unknownSecrets(undefined));
    }
    case 'envchain': {
      const scan = scanOptions(inv.args, optionsOf('envchain', { stopAtPositional: true }));
      const namespace = inv.args[scan.rest];
      if (!namespace) return [];
      return command(`envchain ${namespace.value}`, inv.args.slice(scan.rest + 1), unknownSecrets(namespace.value));
    }
    case 'summon': {
      const scan = scanOptions(inv.args, optionsOf('summon', { stopAtPositional: true }));
      const environment = optionValue(scan, '-e', '--environment');
      const file = optionValue(scan, '-f');
      return command('summon', inv.args.slice(scan.rest), unknownSecrets(environment ?? file));
    }
  }
  return [];
};
