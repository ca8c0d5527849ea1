// Platform CLIs that run a command inside a deployed app (issue 11, class 5): `kamal app exec -d
// production 'bin/rails db:reset'`, `fly ssh console -a acme-production -C 'bin/rails db:drop'`,
// `cf ssh APP -c CMD`, `railway run -e production CMD`. The command runs with that app's
// environment (its DATABASE_URL, not this shell's), so it is judged as run in the app, which is
// as production as its name (or destination, or environment) says. `heroku run` is read the same
// way in wrappers/remote.ts. Sources: kamal `app exec --help` (2.x), flyctl `ssh console --help`,
// `console --help` and `machine exec --help`, cf CLI v8 `ssh --help`, railway CLI `run --help`.

import type { ToolOptions } from './tools.js';
import { table } from '../util/dict.js';

export interface AppConsole {
  /** Subcommand paths that run a command in the app. */
  paths: readonly (readonly string[])[];
  /** Options naming the app (or the deploy destination, or the environment), first found wins. */
  appOptions: readonly string[];
  /** Environment variables naming the app when no option does (FLY_APP). */
  appVariables: readonly string[];
  /** The app is the first word after the path (`cf ssh APP`). */
  appPositional: boolean;
  /** Options whose value is the command, a shell line. */
  commandOptions: readonly string[];
  /** The words after the options (or after `--`) are the command. */
  trailingCommand: boolean;
  /** Words after the path that are not the command (`fly machine exec MACHINE CMD`). */
  skipPositionals: number;
  /** How the app is named when the line does not say (its configured default). */
  unnamed: string;
  options: ToolOptions;
}

const FLY: AppConsole = {
  paths: [['ssh', 'console'], ['console']],
  appOptions: ['-a', '--app'],
  appVariables: ['FLY_APP'],
  appPositional: false,
  commandOptions: ['-C', '--command'],
  trailingCommand: false,
  skipPositionals: 0,
  unnamed: 'fly app of fly.toml',
  options: {
    shortWithValue: 'aCcrsu',
    longWithValue: [
      'app',
      'command',
      'config',
      'region',
      'select',
      'user',
      'machine',
      'org',
      'pty',
      'vm-size',
      'vm-cpus',
      'vm-memory',
      'image',
      'process-group',
      'env',
      'file',
      'dockerfile',
    ],
  },
};

export const APP_CONSOLES: Readonly<Record<string, AppConsole>> = table({
  kamal: {
    paths: [['app', 'exec']],
    appOptions: ['-d', '--destination'],
    appVariables: [],
    appPositional: false,
    commandOptions: [],
    trailingCommand: true,
    skipPositionals: 0,
    unnamed: 'kamal default destination',
    options: { shortWithValue: 'dcrh', longWithValue: ['destination', 'config-file', 'roles', 'hosts', 'env', 'version', 'skip-hooks'] },
  },
  fly: FLY,
  flyctl: FLY,
  cf: {
    paths: [['ssh']],
    appOptions: [],
    appVariables: [],
    appPositional: true,
    commandOptions: ['-c', '--command'],
    trailingCommand: false,
    skipPositionals: 0,
    unnamed: 'cf app',
    options: { shortWithValue: 'ciLp', longWithValue: ['command', 'process', 'app-instance-index'] },
  },
  railway: {
    paths: [['run'], ['shell']],
    appOptions: ['-e', '--environment', '-s', '--service'],
    appVariables: ['RAILWAY_ENVIRONMENT'],
    appPositional: false,
    commandOptions: [],
    trailingCommand: true,
    skipPositionals: 0,
    unnamed: 'railway linked environment',
    options: { shortWithValue: 'es', longWithValue: ['environment', 'service'] },
  },
});
