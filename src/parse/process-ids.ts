// What a command that prints process ids prints them of, and kill's words read as pkill's: the
// readings src/parse/invocations.ts and the xargs wrapper make of `kill -9 $(pgrep -f postgres)`
// and `pgrep mysqld | xargs kill`.

import type { ExpandedWord } from '../types.js';
import { scanOptions } from './options.js';
import { toolOptions } from '../knowledge/tools.js';
import { ENDING_SIGNALS, ID_KEEPING_FILTERS, PID_FILE_READERS, processOfPidFile, processOfPort } from '../knowledge/process-ids.js';

/**
 * The names of the processes whose ids a command prints, given its words and what the stage
 * before it prints: `pgrep -f postgres`, `pidof mysqld`, `cat /run/mysqld/mysqld.pid`, `head -1
 * $PGDATA/postmaster.pid`, `lsof -t -i :5432`, `ps aux | grep [p]ostgres | awk '{print $2}'`.
 * Undefined when they are not known to be ids of a named process.
 */
export function processesPrinted(
  name: string,
  words: readonly ExpandedWord[],
  input?: { processes?: readonly string[]; producer?: readonly string[] },
): string[] | undefined {
  const args = words.map((word) => word.value);
  if (name === 'pgrep') {
    const scan = scanOptions(words, toolOptions('pgrep') ?? {});
    const pidfile = scan.options.find((option) => option.flag === '-F' || option.flag === '--pidfile')?.value;
    if (pidfile !== undefined) return only(processOfPidFile(pidfile));
    return only(scan.positionals.map((index) => bracketFree(args[index]!)).at(-1));
  }
  if (name === 'pidof') {
    const names = args.filter((value) => !value.startsWith('-')).map((value) => value.slice(value.lastIndexOf('/') + 1));
    return names.length > 0 ? names : undefined;
  }
  if (name === 'lsof' && args.some((value) => /^-[a-zA-Z]*t[a-zA-Z]*$/.test(value))) {
    // `lsof -t -i :5432`, `lsof -ti:5432`, `lsof -t -i tcp:5432`.
    const ports = args.flatMap((value, index) => {
      const attached = /^-[a-zA-Z]*i(.+)$/.exec(value)?.[1];
      if (attached !== undefined) return [attached];
      return /^-[a-zA-Z]*i$/.test(value) && args[index + 1] !== undefined ? [args[index + 1]!] : [];
    });
    return only(ports.map(processOfPort).find((process) => process !== undefined));
  }
  if (PID_FILE_READERS.has(name)) {
    const files = args.filter((value) => !value.startsWith('-')).map(processOfPidFile);
    const named = files.find((process) => process !== undefined);
    if (named !== undefined) return [named];
  }
  // `ps aux | grep postgres`: the listing's lines of that process (the ids are their second field).
  if ((name === 'grep' || name === 'egrep') && input?.producer?.[0] === 'ps') {
    const pattern = args.find((value) => !value.startsWith('-'));
    if (pattern !== undefined && !args.some((value) => /^-[a-zA-Z]*v/.test(value))) return only(bracketFree(pattern));
  }
  if (input?.processes !== undefined && ID_KEEPING_FILTERS.has(name)) return [...input.processes];
  return undefined;
}

/** `[p]ostgres`, the trick that keeps grep from matching itself, is `postgres`. */
function bracketFree(pattern: string): string {
  return pattern.replace(/\[(.)\]/g, '$1');
}

function only(value: string | undefined): string[] | undefined {
  return value !== undefined && value !== '' ? [value] : undefined;
}

/**
 * `kill SIGNAL IDS` where the ids are those of named processes, written as pkill's words:
 * `kill -9 $(pgrep -f postgres)` is `pkill -KILL postgres`. The names keep the words that gave
 * them (`text`), so a message shows what was typed. Undefined when the signal does not end a
 * process (`kill -HUP`: a reload) or the words are not a kill of ids.
 */
export function killByName(kill: ExpandedWord, args: readonly ExpandedWord[], processes: readonly string[], shown: string): ExpandedWord[] | undefined {
  const signal = killSignal(args.map((word) => word.value));
  if (signal === undefined || processes.length === 0) return undefined;
  const word = (value: string, text: string): ExpandedWord => ({ ...kill, value, text, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  return [word('pkill', kill.text), word(signal, signal), ...processes.map((process) => word(process, shown))];
}

/**
 * kill's arguments as pkill's: the signal it sends (`-9`, `-KILL`, `-s SIGKILL`, `-n 9`,
 * `--signal=KILL`), as `-SIGNAL`; undefined when the signal does not end the process, or when
 * kill's words are not a kill of process ids (`kill -l`, `kill %1`).
 */
function killSignal(args: readonly string[]): string | undefined {
  let signal = 'TERM';
  for (let index = 0; index < args.length; index++) {
    const value = args[index]!;
    if (value === '--') break;
    if (value === '-s' || value === '-n' || value === '--signal') signal = args[++index] ?? '';
    else if (value.startsWith('--signal=')) signal = value.slice('--signal='.length);
    else if (value === '-l' || value === '-L' || value === '--list' || value === '--table') return undefined;
    else if (/^-[A-Za-z0-9+]+$/.test(value)) signal = value.slice(1);
    else if (value.startsWith('%')) return undefined;
  }
  const normalized = signal.toUpperCase().replace(/^SIG/, '');
  return ENDING_SIGNALS.has(normalized) ? `-${normalized}` : undefined;
}
