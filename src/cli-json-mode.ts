// Whether the command line asks for JSON output (`--json`, `--format json`), read from the program's
// own definition before parsing — the parse itself may be what fails (an unknown option), and the
// error must then come out as JSON too.

import type { Command, Option } from 'commander';

const JSON_FORMATS = new Set(['json']);

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** argv as process.argv (node, script, args…). */
export function wantsJsonOutput(program: Command, argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const commandAt = args.findIndex((arg) => !arg.startsWith('-'));
  const command = commandAt >= 0 ? program.commands.find((c) => c.name() === args[commandAt] || c.aliases().includes(args[commandAt]!)) : undefined;
  const options = command?.options ?? [];
  // Commands that pass options through (check -- CMD, psql ARGS) stop reading their own at the
  // first operand: a `--json` after it belongs to the command being judged.
  const stopsAtOperand = (command as unknown as { _passThroughOptions?: boolean } | undefined)?._passThroughOptions === true;
  for (let i = commandAt + 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return false;
    if (arg === '--json') return true;
    if (arg.startsWith('--format=')) return JSON_FORMATS.has(arg.slice('--format='.length));
    if (arg === '--format') return JSON_FORMATS.has(args[i + 1] ?? '');
    if (!arg.startsWith('-')) {
      if (stopsAtOperand) return false;
      continue;
    }
    const option = options.find((o) => o.long === arg || o.short === arg);
    if (option && takesValue(option)) i++;
  }
  return false;
}
