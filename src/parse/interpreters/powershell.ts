// PowerShell given to `pwsh -Command`, `powershell -c`, `-EncodedCommand` or standard input
// (issue 11, class 3). No maintained PowerShell parser loads synchronously in Node (the
// tree-sitter grammar needs an asynchronous WebAssembly start, and the walk is synchronous), so
// this reads PowerShell's command mode conservatively: statements split at `;`, `|`, newlines,
// braces and parentheses; words with PowerShell's quoting (`'…'` literal, `"…"` with backtick
// escapes; `$` makes a word computed). Cmdlets are knowledge, as data: Remove-Item and its aliases
// are the rm they are; other destructive cmdlets and anything computed are commands nobody can
// see (never allowed silently on production); native commands are judged as the shell line they are.

import type { CodeEffect } from './effects.js';
import { cmdletSpec, POWERSHELL_CMDLETS, POWERSHELL_SWITCHES, type CmdletSpec } from '../../knowledge/powershell-cmdlets.js';

interface PsWord {
  value: string;
  /** Holds a variable, subexpression or splat: its value is computed at run time. */
  dynamic: boolean;
}

const SEPARATORS = new Set([';', '|', '\n', '{', '}', '(', ')']);

/** Statements of words, as PowerShell's tokenizer splits command mode. */
export function powershellStatements(code: string): PsWord[][] {
  const statements: PsWord[][] = [[]];
  let word: PsWord | undefined;
  const end = () => {
    if (word) statements[statements.length - 1]!.push(word);
    word = undefined;
  };
  const current = (): PsWord => (word ??= { value: '', dynamic: false });
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '<' && code[i + 1] === '#') {
      const close = code.indexOf('#>', i + 2);
      i = close === -1 ? code.length : close + 1;
      continue;
    }
    if (c === '#' && !word) {
      while (i < code.length && code[i] !== '\n') i++;
      end();
      statements.push([]);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      end();
      continue;
    }
    if (SEPARATORS.has(c) || (c === '&' && code[i + 1] === '&')) {
      end();
      if (c === '&') i++;
      statements.push([]);
      // `$(…)`, `@(…)`: the word before is computed.
      continue;
    }
    if (c === '`') {
      current().value += code[i + 1] ?? '';
      i++;
      continue;
    }
    if (c === "'") {
      const w = current();
      for (i++; i < code.length; i++) {
        if (code[i] === "'" && code[i + 1] === "'") {
          w.value += "'";
          i++;
        } else if (code[i] === "'") break;
        else w.value += code[i];
      }
      continue;
    }
    if (c === '"') {
      const w = current();
      for (i++; i < code.length && code[i] !== '"'; i++) {
        if (code[i] === '`') {
          const escaped = code[i + 1] ?? '';
          w.value += { n: '\n', t: '\t', r: '\r', '0': '\0' }[escaped] ?? escaped;
          i++;
        } else {
          if (code[i] === '$' && /[A-Za-z_{(:?]/.test(code[i + 1] ?? '')) w.dynamic = true;
          w.value += code[i];
        }
      }
      continue;
    }
    if (c === '$' || (c === '@' && code[i + 1] === '(')) current().dynamic = true;
    current().value += c;
  }
  end();
  return statements.filter((statement) => statement.length > 0);
}

/** Remove-Item's parameters, in the order an abbreviation resolves (`-r` Recurse, `-fo` Force). */
const REMOVE_ITEM_PARAMETERS: readonly { name: string; value: boolean }[] = [
  { name: 'recurse', value: false },
  { name: 'force', value: false },
  { name: 'path', value: true },
  { name: 'literalpath', value: true },
  { name: 'filter', value: true },
  { name: 'include', value: true },
  { name: 'exclude', value: true },
  { name: 'credential', value: true },
  { name: 'stream', value: true },
  { name: 'whatif', value: false },
  { name: 'confirm', value: false },
];

/** Cmdlets (and their aliases) that delete what their -Path names. */
const REMOVE_ITEM = new Set(['remove-item', 'ri', 'del', 'erase', 'rd', 'rm', 'rmdir']);
/** Cmdlets that empty files: Clear-Content is `truncate -s 0`. */
const CLEAR_CONTENT = new Set(['clear-content', 'clc']);
/** More PowerShell to run. */
const INVOKE_EXPRESSION = new Set(['invoke-expression', 'iex']);
/** Cmdlets that destroy what prodguard has no rm-like reading for: judged as unseen commands. */
const DESTRUCTIVE_CMDLETS = new Set([
  'format-volume',
  'clear-disk',
  'initialize-disk',
  'remove-partition',
  'clear-recyclebin',
  'remove-itemproperty',
  'clear-item',
  'cli',
  'stop-computer',
  'restart-computer',
  'remove-vm',
  'remove-virtualdisk',
  'remove-storagepool',
  // What comes down the pipeline (`Get-AzStorageBlob … | Remove-AzStorageBlob`): nobody sees it.
  'remove-azstorageblob',
]);

/**
 * Cmdlets typed at a PowerShell prompt, as the line's own command (`Remove-AzResourceGroup -Name
 * rg-prod -Force`): the line is PowerShell, read as `pwsh -Command LINE` would read it. Only the
 * cmdlets this reader knows: any other Verb-Noun word is a program like any other.
 * (Invoke-Sqlcmd is read as the database shell it is: knowledge/commands.ts.)
 */
export function isKnownCmdlet(name: string): boolean {
  const key = name.toLowerCase();
  if (!/^[a-z]+-[a-z0-9]+$/.test(key) || key === 'invoke-sqlcmd') return false;
  return REMOVE_ITEM.has(key) || CLEAR_CONTENT.has(key) || DESTRUCTIVE_CMDLETS.has(key) || cmdletSpec(key) !== undefined;
}

/** The cmdlets isKnownCmdlet knows, in lower case (the shell hook's prefilter sends them on). */
export function knownCmdletNames(): string[] {
  return [...REMOVE_ITEM, ...CLEAR_CONTENT, ...DESTRUCTIVE_CMDLETS, ...Object.keys(POWERSHELL_CMDLETS)].filter(isKnownCmdlet);
}

function parameterOf(word: string, table: readonly { name: string; value: boolean }[]): { name: string; value: boolean; inline?: string } | undefined {
  const match = /^-([A-Za-z]+)(?::(.*))?$/.exec(word);
  if (!match) return undefined;
  const given = match[1]!.toLowerCase();
  const found = table.find((parameter) => parameter.name.startsWith(given));
  return found ? { ...found, ...(match[2] !== undefined ? { inline: match[2] } : {}) } : undefined;
}

/**
 * A Windows path (`D:\\MSSQL\\Data`, `C:/Program Files/PostgreSQL`) as the path WSL mounts it at
 * (`/mnt/d/mssql/data`), in lower case as Windows compares names: where the data-directory
 * knowledge (knowledge/data-directories.ts) finds Windows' database folders. Other paths as given.
 */
export function windowsPath(path: string): string {
  const drive = /^([A-Za-z]):[\\/]?(.*)$/.exec(path);
  if (!drive) return path;
  const rest = drive[2]!.replaceAll('\\', '/').replace(/\/+$/, '');
  return `/mnt/${drive[1]!.toLowerCase()}${rest ? `/${rest.toLowerCase()}` : ''}`;
}

function removeItem(words: readonly PsWord[], sink: string): CodeEffect[] {
  const paths: PsWord[] = [];
  let recurse = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const parameter = parameterOf(word.value, REMOVE_ITEM_PARAMETERS);
    if (!parameter) {
      paths.push(word);
      continue;
    }
    if (parameter.name === 'whatif') return [];
    if (parameter.name === 'recurse') recurse = parameter.inline === undefined || !/^\$false$/i.test(parameter.inline);
    if (!parameter.value) continue;
    const value = parameter.inline !== undefined ? { value: parameter.inline, dynamic: /\$/.test(parameter.inline) } : words[++i];
    if (value && (parameter.name === 'path' || parameter.name === 'literalpath')) paths.push(value);
  }
  // Paths from the pipeline (`Get-ChildItem … | Remove-Item`) or computed: nobody can see them.
  if (paths.length === 0 || paths.some((path) => path.dynamic)) return [{ kind: 'dynamic', sink }];
  // `-Path a,b`: a list.
  const names = paths
    .flatMap((path) => path.value.split(','))
    .filter((name) => name !== '')
    .map(windowsPath);
  return [{ kind: 'argv', words: ['rm', recurse ? '-rf' : '-f', ...names], sink }];
}

/**
 * A cmdlet that amounts to a CLI's line (knowledge/powershell-cmdlets.ts): its parameters, named
 * (`-Name x`, `-Name:x`) or bound by position, put into that line. `-WhatIf` changes nothing; a
 * required parameter not on the line (it came down the pipeline) or computed leaves it unknown.
 */
function cmdletLine(spec: CmdletSpec, args: readonly PsWord[], sink: string): CodeEffect[] {
  const given = new Map<string, PsWord>();
  const switches = new Set<string>();
  const unnamed: PsWord[] = [];
  const isSwitch = (name: string) => POWERSHELL_SWITCHES.has(name) || Object.hasOwn(spec.switches ?? {}, name);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const parameter = /^-([A-Za-z][A-Za-z0-9]*)(?::(.*))?$/.exec(word.value);
    if (!parameter) {
      unnamed.push(word);
      continue;
    }
    const name = parameter[1]!.toLowerCase();
    if (name === 'whatif') return [];
    const inline = parameter[2];
    const next = args[i + 1];
    if (isSwitch(name)) {
      // `-Force`, `-Confirm:$false`, `-SkipFinalSnapshot $true` (AWS Tools' booleans).
      const value = inline ?? (next && /^\$(true|false)$/i.test(next.value) ? (i++, next.value) : undefined);
      if (value === undefined || !/^\$false$/i.test(value)) switches.add(name);
    } else if (inline !== undefined) given.set(name, { value: inline, dynamic: inline.includes('$') });
    else if (next && !/^-[A-Za-z]/.test(next.value)) {
      given.set(name, next);
      i++;
    }
  }
  for (const name of spec.positional ?? []) {
    if (unnamed.length === 0) break;
    if (!given.has(name.toLowerCase())) given.set(name.toLowerCase(), unnamed.shift()!);
  }
  let unknown = false;
  const fill = (part: string): string | undefined => {
    let missing = false;
    const text = part.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
      const value = given.get(name.toLowerCase());
      if (!value || value.dynamic) missing = true;
      return value?.value ?? '';
    });
    return missing ? undefined : text;
  };
  const words: string[] = [];
  for (const part of spec.line) {
    if (typeof part === 'string') {
      const filled = fill(part);
      if (filled === undefined) unknown = true;
      else words.push(filled);
    } else {
      const filled = part.map(fill);
      if (filled.every((word) => word !== undefined)) words.push(...(filled as string[]));
    }
  }
  if (unknown) return [{ kind: 'dynamic', sink }];
  for (const [name, flag] of Object.entries(spec.switches ?? {})) if (switches.has(name)) words.push(flag);
  return [{ kind: 'argv', words, sink }];
}

const MAX_DEPTH = 4;

export function analyzePowerShell(code: string, depth = 0): CodeEffect[] {
  if (depth > MAX_DEPTH) return [{ kind: 'dynamic', sink: 'nested code' }];
  const effects: CodeEffect[] = [];
  for (const statement of powershellStatements(code)) {
    // `& "rm" …`, `. ./x.ps1`: the call operators run the next word. `$r = Remove-Item …`: the
    // command after an assignment runs; a statement that starts with a variable is an expression.
    const called = statement[0]?.value === '&' || statement[0]?.value === '.';
    const assigned = statement[0]?.dynamic && statement[1]?.value === '=';
    const words = called ? statement.slice(1) : assigned ? statement.slice(2) : statement;
    const [command, ...args] = words;
    if (!command) continue;
    // `Microsoft.PowerShell.Management\Remove-Item`: the module qualifier does not change the cmdlet.
    const name = command.value.replace(/^.*\\/, '').toLowerCase();
    if (command.dynamic) {
      if (called) effects.push({ kind: 'dynamic', sink: command.value });
      continue;
    }
    if (REMOVE_ITEM.has(name)) {
      // On Linux and macOS pwsh has no rm/rmdir aliases: with an option Remove-Item does not
      // have (`rm -rf`), the native program runs with these words.
      const native = (name === 'rm' || name === 'rmdir') && args.some((arg) => arg.value.startsWith('-') && !parameterOf(arg.value, REMOVE_ITEM_PARAMETERS));
      if (!native) effects.push(...removeItem(args, command.value));
      else if (args.some((arg) => arg.dynamic)) effects.push({ kind: 'dynamic', sink: command.value });
      else effects.push({ kind: 'argv', words: [name, ...args.map((arg) => arg.value)], sink: command.value });
    } else if (CLEAR_CONTENT.has(name)) {
      const paths = args.filter((arg) => !arg.value.startsWith('-'));
      effects.push(
        paths.length === 0 || paths.some((p) => p.dynamic)
          ? { kind: 'dynamic', sink: command.value }
          : { kind: 'argv', words: ['truncate', '-s', '0', ...paths.map((p) => p.value)], sink: command.value },
      );
    } else if (INVOKE_EXPRESSION.has(name)) {
      const [text] = args.filter((arg) => !arg.value.startsWith('-'));
      effects.push(...(text && !text.dynamic ? analyzePowerShell(text.value, depth + 1) : [{ kind: 'dynamic' as const, sink: command.value }]));
    } else if (cmdletSpec(name)) {
      effects.push(...cmdletLine(cmdletSpec(name)!, args, command.value));
    } else if (DESTRUCTIVE_CMDLETS.has(name)) {
      effects.push({ kind: 'dynamic', sink: command.value });
    } else if (!/^[a-z]+-[a-z]+$/i.test(command.value) && !name.startsWith('$')) {
      // A native program (`dropdb app`, `psql … -c …`): the words it runs, judged as a command.
      effects.push(
        args.some((arg) => arg.dynamic)
          ? { kind: 'argv', words: [command.value, ...args.filter((arg) => !arg.dynamic).map((arg) => arg.value)], sink: 'native command' }
          : { kind: 'argv', words: [command.value, ...args.map((arg) => arg.value)], sink: 'native command' },
      );
    }
  }
  return effects;
}

/** `-EncodedCommand`: base64 of the script's UTF-16LE text. */
export function decodeEncodedCommand(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf16le');
}

/** PowerShell's common verbs (`Get-Verb`): a line that starts with one and a noun is a cmdlet. */
const POWERSHELL_VERBS = new Set([
  'get',
  'set',
  'new',
  'remove',
  'clear',
  'format',
  'invoke',
  'start',
  'stop',
  'restart',
  'add',
  'import',
  'export',
  'copy',
  'move',
  'rename',
  'test',
  'update',
  'write',
  'initialize',
  'reset',
  'uninstall',
  'disable',
  'enable',
  'request',
]);

/**
 * A line the shell grammar cannot read that starts with a cmdlet (`Get-AzStorageBlob -Context
 * (New-AzStorageContext …) | Remove-AzStorageBlob`): PowerShell typed at its own prompt, read as
 * `pwsh -Command LINE`. Undefined when it does not start with one.
 */
export function asPowerShellLine(source: string): string | undefined {
  const first = /^\s*([A-Za-z]+)-[A-Za-z][A-Za-z0-9]*(?=[\s;|]|$)/.exec(source);
  if (!first || !POWERSHELL_VERBS.has(first[1]!.toLowerCase())) return undefined;
  return `pwsh -NoProfile -Command '${source.replaceAll("'", "'\\''")}'`;
}
