// Admin consoles that read their commands from standard input as readily as from their own
// command line, written once: `echo 'deleteall /kafka' | zkCli.sh -server zk1:2181` is
// `zkCli.sh -server zk1:2181 deleteall /kafka`, `echo 'delete volume=Full-0001 yes' | bconsole` is
// `bconsole delete volume=Full-0001 yes`. The unwrapper (parse/wrappers/local.ts) hands each
// statement of the input to every later stage as that command line, so the rules that name the
// console's verbs judge it either way. Sources: ZooKeeper's zkCli.sh, Bacula's bconsole(8),
// SeaweedFS's `weed shell`, FoundationDB's fdbcli (statements separated by `;` or lines).

import { table } from '../util/dict.js';

export interface StdinConsole {
  /** The word after the command name that makes it the console (`weed shell`). */
  subcommand?: string;
}

export const STDIN_CONSOLES: Readonly<Record<string, StdinConsole>> = table({
  'zkCli.sh': {},
  zkCli: {},
  bconsole: {},
  weed: { subcommand: 'shell' },
  fdbcli: {},
});
