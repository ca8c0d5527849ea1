// Database shells that are one of the known clients under another command line
// (knowledge/commands.ts CLIENT_SHELLS): `cockroach sql --url URL -e SQL` runs as `psql URL -c SQL`,
// `sqlcmd -S prod-sql -Q SQL` as `mysql --host=prod-sql -e SQL`. The step hands the client's own
// command line to every later stage, so the target, the SQL and the rules are the client's.

import type { ExpandedWord, Invocation } from '../../types.js';
import { clientShellOf, SQLITE_READING_DOT_COMMANDS, type ClientRole, type ClientShell } from '../../knowledge/commands.js';
import { scanOptions } from '../options.js';
import { command, type UnwrapStep, type Unwrapper } from './step.js';

type Given = Partial<Record<ClientRole, string[]>>;

function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase().replace(/\+.*$/, '');
}

/** SQL Server's `[tcp:]host[\instance][,port]`, CockroachDB's `host:port`: the host and port. */
function splitServer(server: string): { host: string; port?: string } {
  // A URL (`turso db shell http://127.0.0.1:8080`): its host and port.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(server)) {
    try {
      const url = new URL(server);
      return { host: url.hostname.replace(/^\[|\]$/g, '') || 'localhost', ...(url.port ? { port: url.port } : {}) };
    } catch {
      // Not a URL after all: read as written.
    }
  }
  const bare = server.replace(/^(tcp|np|lpc|admin):/i, '');
  const [address = '', port] = bare.includes(',') ? bare.split(',', 2) : /^[^:[\]]+:\d+$/.test(bare) ? bare.split(':', 2) : [bare];
  const host = address.split('\\')[0]!;
  // `.`, `(local)` and `(localdb)\…` are this machine's server.
  const local = host === '.' || /^\((local|localdb)\)$/i.test(host);
  return { host: local ? 'localhost' : host, ...(port ? { port } : {}) };
}

/** The client's command line for what the shell was given, or undefined when it names no client. */
function clientWords(shell: ClientShell, given: Given): { client: string; argv: string[]; files: string[] } | undefined {
  let client = shell.client;
  let url = given.url?.at(-1);
  if (url !== undefined && shell.clientByScheme) {
    const scheme = schemeOf(url);
    const byScheme = scheme === undefined ? undefined : shell.clientByScheme[scheme];
    if (byScheme === undefined) return undefined;
    client = byScheme;
  }
  const server = given.server?.at(-1);
  const { host, port } = server !== undefined ? splitServer(server) : { host: given.host?.at(-1), port: undefined };
  const one = (role: ClientRole) => given[role]?.at(-1);
  const sql = given.sql ?? [];
  const files = given.file ?? [];
  const argv: string[] = [];
  const push = (flag: string, value: string | undefined) => {
    if (value !== undefined) argv.push(`${flag}=${value}`);
  };
  if (client === 'psql') {
    // psql reads `postgresql://` URLs: usql's `pg://` and CockroachDB's `cockroachdb://` are the same.
    if (url !== undefined) argv.push(shell.sqliteFile ? url : url.replace(/^[a-z][a-z0-9+.-]*:/i, 'postgresql:'));
    push('--host', host);
    push('--port', one('port') ?? port);
    push('--username', one('user'));
    push('--dbname', one('database'));
    for (const text of sql) push('--command', text);
    for (const file of files) push('--file', file);
    return { client, argv, files: [] };
  }
  if (url !== undefined) {
    // mysql has no URL option: the shell's URL is read as mysqlsh reads one, and its SQL as SQL.
    url = url.replace(/^[a-z][a-z0-9+.-]*:/i, client === 'mysql' ? 'mysql:' : 'clickhouse:');
    if (client === 'mysql') {
      argv.push('--sql', `--uri=${url}`);
      for (const text of sql) push('--execute', text);
      return { client: 'mysqlsh', argv, files };
    }
  }
  const flags =
    client === 'mysql'
      ? { host: '--host', port: '--port', user: '--user', password: '--password', database: '--database', sql: '--execute' }
      : { host: '--host', port: '--port', user: '--user', password: '--password', database: '--database', sql: '--query' };
  push(flags.host, host);
  push(flags.port, one('port') ?? port);
  push(flags.user, one('user'));
  push(flags.password, one('password'));
  push(flags.database, one('database'));
  for (const text of sql) push(flags.sql, text);
  if (client === 'clickhouse-client') {
    for (const file of files) push('--queries-file', file);
    return { client, argv, files: [] };
  }
  return { client, argv, files };
}

/** Percona Toolkit's DSN (`h=db1,D=app,t=users`): each known key's value, into what it is. */
function readDsn(word: string, keys: Readonly<Record<string, ClientRole>>, given: Given): void {
  const parts = word.split(',');
  if (!parts.every((part) => /^[A-Za-z]=/.test(part))) return;
  for (const part of parts) {
    const role = keys[part[0]!];
    if (role !== undefined) (given[role] ??= []).push(part.slice(2));
  }
}

/** Lines of a shell script (`drop 'orders'`, `truncate "t"`, `;`-separated too) whose command
 *  the table names, as SQL with the first quoted argument as a quoted name. */
function scriptStatements(text: string, commands: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\\n/g, '\n').split(/[\n;]/)) {
    const found = /^\s*([a-z_]+)\s*\(?\s*(['"])([^'"]*)\2/i.exec(line);
    const template = found && Object.hasOwn(commands, found[1]!.toLowerCase()) ? commands[found[1]!.toLowerCase()] : undefined;
    if (template && found) out.push(template.replace('{0}', `"${found[3]!.replaceAll('"', '""')}"`));
  }
  return out;
}

/** `clickhouse client …`, `cockroach sql …`, `usql URL …`, `sqlcmd -S …`, `turso db shell DB SQL`: the client they are. */
export const clientShell: Unwrapper = (inv: Invocation): UnwrapStep[] => {
  const shell = clientShellOf(inv.name, [inv.args[0]?.value, inv.args[1]?.value]);
  if (!shell) return [];
  const args = shell.subcommand === undefined ? inv.args : inv.args.slice(shell.subcommand.split(' ').length);
  const word = (value: string): ExpandedWord => ({ ...inv.command, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] });
  if (shell.sameOptions) return command(inv.name, [word(shell.client), ...args]);
  // Go's flag package reads `-alter X` as `--alter X`.
  const read = shell.singleDashLong ? args.map((arg) => (/^-[^-]{2,}/.test(arg.value) ? { ...arg, value: `-${arg.value}` } : arg)) : args;
  const scan = scanOptions(read, {
    ...(shell.shortWithValue ? { shortWithValue: shell.shortWithValue } : {}),
    ...(shell.longWithValue ? { longWithValue: shell.longWithValue } : {}),
    ...(shell.singleDashWithValue ? { singleDashWithValue: shell.singleDashWithValue } : {}),
  });
  const given: Given = {};
  for (const option of scan.options) {
    const role = shell.roles?.[option.flag];
    if (role === undefined || option.value === undefined) continue;
    // sqlcmd's -i takes several files separated by commas.
    const values = role === 'file' && inv.name === 'sqlcmd' ? option.value.split(',') : [option.value];
    (given[role] ??= []).push(...values);
  }
  const operands = scan.positionals.map((index) => args[index]!.value);
  // `wrangler d1 execute DB` without --remote: the local development copy.
  if (shell.remoteWith && !scan.options.some((option) => shell.remoteWith!.includes(option.flag))) return [];
  if (shell.joinedOperands && operands.length > 0) {
    // `db2 list db directory`, `db2 connect to SAMPLE`: the processor's own reading commands.
    const first = operands.join(' ').trim().split(/\s+/)[0]!.toLowerCase();
    if (shell.readingCommands?.includes(first)) return [];
    (given.sql ??= []).push(operands.join(' '));
  }
  if (shell.urlOperand && operands[0] !== undefined) (given.url ??= []).push(operands[0]);
  if (shell.operandRoles) {
    operands.forEach((operand, k) => {
      const role = shell.operandRoles![Math.min(k, shell.operandRoles!.length - 1)]!;
      // A dot-command that only reads (`.dump`, `.tables`) is the shell's own.
      if (
        role === 'sql' &&
        /^\.([a-z0-9_]+)\b/i.test(operand.trim()) &&
        SQLITE_READING_DOT_COMMANDS.has(/^\.([a-z0-9_]+)/i.exec(operand.trim())![1]!.toLowerCase())
      )
        return;
      (given[role] ??= []).push(operand);
    });
  }
  if (shell.dsnKeys) for (const index of scan.positionals) readDsn(read[index]!.value, shell.dsnKeys, given);
  if (shell.dsnKeys) for (const dsn of given.dsn ?? []) readDsn(dsn, shell.dsnKeys, given);
  if (shell.deletesRowsUnless !== undefined) {
    // pt-archiver: the rows it takes are deleted from the source's table.
    const table = given.table?.at(-1);
    const where = given.where?.at(-1);
    if (scan.options.some((option) => shell.deletesRowsUnless!.includes(option.flag)) || table === undefined || where === undefined) return [];
    given.sql = [`DELETE FROM \`${table.replaceAll('`', '``')}\` WHERE ${where}`];
  }
  if (shell.alterTableWith !== undefined) {
    // Without the flag (or with `--execute=false`) the tool only prints its plan.
    const executes = scan.options.some((option) => option.flag === shell.alterTableWith && option.value !== 'false' && option.value !== '0');
    const table = given.table?.at(-1);
    if (!executes || table === undefined || given.alter === undefined) return [];
    const name = `\`${table.replaceAll('`', '``')}\``;
    given.sql = given.alter.map((alter) => `ALTER TABLE ${name} ${alter}`);
  }
  if (shell.databaseOperand && operands[0] !== undefined) {
    (given[schemeOf(operands[0]) !== undefined && operands[0].includes('://') ? 'url' : 'database'] ??= []).push(operands[0]);
    if (operands[1] !== undefined) (given.user ??= []).push(operands[1]);
  }
  if (shell.sqliteFile) {
    // The file is the database: psql on `sqlite:PATH` names it without a server. With no file,
    // SQLite opens a private in-memory database: nothing outlives the command.
    const option = given.database?.at(-1);
    const file = option ?? operands[0];
    if (file === undefined) return [];
    given.url = [`sqlite:${file}`];
    delete given.database;
    if (shell.sqlOperands) {
      for (const operand of operands.slice(option === undefined ? 1 : 0)) {
        // A dot-command is the shell's own: `.tables` reads, `.read FILE` runs the file's SQL.
        const dot = /^\.([a-z0-9_]+)(?:\s+(.*))?$/is.exec(operand.trim());
        if (dot && SQLITE_READING_DOT_COMMANDS.has(dot[1]!.toLowerCase())) continue;
        if (dot?.[1]!.toLowerCase() === 'read' && dot[2]) (given.file ??= []).push(dot[2].trim().replace(/^(['"])(.*)\1$/, '$2'));
        else (given.sql ??= []).push(operand);
      }
    }
  }
  if (shell.logonInScript && inv.stdin?.text !== undefined) {
    // bteq: `.LOGON tdprod.example.com/dbc,password;` (the password is never kept).
    const logon = /^\s*\.logon\s+([^/\s;,]+)\//im.exec(inv.stdin.text);
    if (logon) (given.server ??= []).push(logon[1]!);
  }
  if (shell.scriptCommands) {
    // The HBase shell: its commands on standard input, the destroying ones as their SQL.
    const text = inv.stdin?.text;
    if (text === undefined) return [];
    const statements = scriptStatements(text, shell.scriptCommands);
    if (statements.length === 0) return [];
    given.sql = statements;
  }
  // `dbaccess DB -`: the file `-` is standard input, which the client reads anyway.
  if (given.file) given.file = given.file.filter((file) => file !== '-');
  const words = clientWords(shell, given);
  if (!words) return [];
  // A word the line cannot know (`-Q "$SQL"`) stays unknown in the client's line.
  const dynamic = args.some((arg) => arg.dynamic);
  const asWord = (value: string): ExpandedWord => ({ ...word(value), dynamic });
  const via = shell.subcommand === undefined ? inv.name : `${inv.name} ${shell.subcommand}`;
  const client = [word(words.client), ...words.argv.map(asWord)];
  // The HBase shell's script was read here: the client does not read it again.
  if (shell.scriptCommands) return [{ kind: 'command', via, words: client }];
  if (words.files.length === 0) return command(via, client);
  // A client that reads SQL files on standard input only (mysql): one run per file.
  return words.files.map((path) => ({ kind: 'command', via, words: client, stdin: { kind: 'file', path } }));
};
