// The command forms of the contract (DESIGN.md): `-- CMD ARGS…`, `-c 'SHELL LINE'`, `--sql 'SQL'
// [--url URL]`. Each becomes one shell line for the parser, and the thing `run` would execute.

import { UsageError } from '../errors.js';
import { parseOverride, type Override } from '../decide/decide.js';
import { quoteArgv } from '../util/shell-quote.js';
import { parseConnectionString } from '../parse/connection.js';
import { redact } from '../util/redact.js';

export interface CommandInput {
  /** The shell line the core judges. */
  source: string;
  /** What `run` executes: argv, or a line for bash -c. */
  exec: { file: string; args: string[] };
}

export function commandInput(options: { c?: string; sql?: string; url?: string }, argv: readonly string[], env: NodeJS.ProcessEnv): CommandInput {
  const forms = [options.c !== undefined, options.sql !== undefined, argv.length > 0].filter(Boolean).length;
  if (forms === 0)
    throw new UsageError('nothing to check: give a command after --, a shell line with -c, or SQL with --sql', 'e.g. prodguard check -- rm -rf build/');
  if (forms > 1) throw new UsageError('give exactly one of: a command after --, -c LINE, --sql SQL', 'e.g. prodguard check -c "rails db:reset"');
  if (options.url !== undefined && options.sql === undefined)
    throw new UsageError('--url only goes with --sql', 'e.g. prodguard check --sql "TRUNCATE users" --url "$DATABASE_URL"');
  if (options.c !== undefined) {
    if (options.c.trim() === '') throw new UsageError('-c needs a shell line', 'e.g. prodguard check -c "rm -rf /var/lib/postgresql"');
    return { source: options.c, exec: { file: 'bash', args: ['-c', options.c] } };
  }
  if (options.sql !== undefined) {
    // The SQL goes to the database --url names, else the one the environment points at.
    const connection = options.url !== undefined ? parseConnectionString(options.url) : undefined;
    if (options.url !== undefined && !connection) {
      throw new UsageError(`--url "${redact(options.url)}" is not a database URL prodguard can read`, 'e.g. --url postgres://user@db.example.com:5432/app');
    }
    const url = options.url ?? env.DATABASE_URL;
    if (options.url !== undefined && connection?.engine === 'mysql') {
      // MySQL SQL goes to a MySQL client, so it is read in MySQL's dialect (DESCRIBE, SHOW, backticks).
      // MySQL Shell takes the URL as it is; its scheme is mysql:// whatever the URL was written with.
      const mysqlUrl = options.url.replace(/^[a-z0-9+.-]+:/i, 'mysql:');
      const argvForm = ['mysqlsh', '--sql', mysqlUrl, '-e', options.sql];
      return { source: quoteArgv(argvForm), exec: { file: 'mysqlsh', args: argvForm.slice(1) } };
    }
    const argvForm = ['psql', ...(url ? [url] : []), '-v', 'ON_ERROR_STOP=1', '-c', options.sql];
    return { source: quoteArgv(argvForm), exec: { file: 'psql', args: argvForm.slice(1) } };
  }
  return { source: quoteArgv(argv), exec: { file: argv[0]!, args: argv.slice(1) } };
}

export function parseOverrides(values: readonly string[]): Override[] {
  return values.map((value) => {
    const override = parseOverride(value);
    if (!override) throw new UsageError(`--override "${value}" must be RULE=TARGET`, 'e.g. --override database/test-suite-against-remote=d8f7abc1');
    return override;
  });
}
