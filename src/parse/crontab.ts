// A deletion installed for later (issue 11, class 4): `echo '* * * * * rm -rf /' | crontab -`,
// `(crontab -l; echo "0 3 * * * rm -rf …") | crontab -`, `crontab FILE`. cron will run each
// entry's command with /bin/sh: prodguard judges it as if run now, as it does for `at`,
// `systemd-run`, `nohup` and `watch`. Pure: the crontab invocation and a table's text in, the
// commands of its entries out (crontab(5)).

import type { Invocation } from '../types.js';

/** The table `crontab` installs: a file operand, or standard input (`-`, or no operand). */
export function crontabSource(inv: Invocation): { file: string } | { stdin: true } | undefined {
  if (inv.name !== 'crontab') return undefined;
  let operand: string | undefined;
  for (let i = 0; i < inv.args.length; i++) {
    const word = inv.args[i]!.value;
    // -l lists, -r removes, -e edits interactively: no table is installed from the line.
    if (/^-[^-]*[lreT]/.test(word) && word !== '-') return undefined;
    if (word === '-u' || word === '-s') {
      i++;
      continue;
    }
    if (word.startsWith('-') && word !== '-') continue;
    if (inv.args[i]!.dynamic) return undefined;
    operand = word;
    break;
  }
  return operand === undefined || operand === '-' ? { stdin: true } : { file: operand };
}

/** The user whose crontab a `crontab -u USER …` line acts on. */
export function crontabUser(inv: Invocation): string | undefined {
  for (let i = 0; i < inv.args.length; i++) {
    const word = inv.args[i]!.value;
    if (word === '-u') return inv.args[i + 1]?.value;
    if (word.startsWith('-u') && word.length > 2) return word.slice(2);
  }
  return undefined;
}

/** A word as the shell reads it back: single-quoted unless it is plain. */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const SPECIAL_SCHEDULES = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/;

/**
 * The command of each entry: five time fields (or an @schedule) then the command. Comments,
 * blank lines and `NAME=value` environment settings are not entries. cron turns an unescaped `%`
 * into a newline and feeds what follows to the command's standard input; the command is what
 * comes before it.
 */
export function crontabCommands(table: string): string[] {
  const commands: string[] = [];
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const fields = line.split(/\s+/);
    const timeFields = SPECIAL_SCHEDULES.test(fields[0]!) ? 1 : 5;
    if (fields.length <= timeFields) continue;
    let rest = line;
    for (let i = 0; i < timeFields; i++) rest = rest.replace(/^\S+\s+/, '');
    const percent = rest.search(/(?<!\\)%/);
    const command = (percent === -1 ? rest : rest.slice(0, percent)).replace(/\\%/g, '%');
    if (command.trim() !== '') commands.push(command);
  }
  return commands;
}
