// Which SQL (or mongo shell JavaScript) an invocation would run (parse stage, pure).
//
// Reads only the command's name, its de-quoted and expanded arguments and its standard input, the
// way each client reads its own command line (psql: getopt_long with argument permutation and
// unambiguous long-option prefixes; mysql: my_getopt; mongosh: yargs).
import path from 'node:path';
import type { ExpandedWord, Invocation, UnknownSpan } from '../../types.js';
import { CLIENT_SHELLS, clientSpec } from '../../knowledge/commands.js';
import { CLOUD_SQL_APIS } from '../../knowledge/cloud-sql.js';
import { PGBOUNCER_ADMIN_DATABASE } from '../../knowledge/pgbouncer.js';
import { PROXYSQL_ADMIN_PORT } from '../../knowledge/proxysql.js';
import { parseConnectionString } from '../connection.js';
import { oracleCommandLine, rmanCommandLine } from '../oracle-logon.js';
import { clientOptionSpec, hasFlag, optionValue, scanOptions, type ScannedOption } from '../options.js';

/** The SQL language a client speaks: ClickHouse SQL and Cassandra's CQL are read by their own
 *  statement shapes on the MySQL lexer (parse/sql/column-stores.ts). */
export type SqlDialect = 'postgres' | 'mysql' | 'clickhouse' | 'cql' | 'pgbouncer' | 'proxysql' | 'sqlite' | 'cypher' | 'influxql' | 'oracle' | 'rman';

export type SqlSource =
  /** SQL text given on the command line or on standard input. `dynamic`: part of it is unknown.
   *  `unknownSpans`: where in `text` the shell put expansions it cannot know (ExpandedWord). */
  | { language: 'sql'; dialect: SqlDialect; text: string; origin: string; dynamic?: true; unknownSpans?: readonly UnknownSpan[] }
  /** A file the client reads; the path is resolved against the invocation's cwd (the caller reads it). */
  | { language: 'sql'; dialect: SqlDialect; file: string; origin: string; dynamic?: true }
  /** Standard input from a pipe whose content is not known here: callers fail closed. */
  | { language: 'sql'; dialect: SqlDialect; unknown: true; origin: string }
  | { language: 'mongo'; text: string; origin: string; dynamic?: true }
  | { language: 'mongo'; file: string; origin: string; dynamic?: true }
  | { language: 'mongo'; unknown: true; origin: string }
  /** No SQL on the command line or stdin: an interactive session, which can run anything. */
  | { language: 'sql'; dialect: 'postgres'; interactive: true; origin: string }
  | { language: 'sql'; dialect: 'mysql' | 'clickhouse' | 'cql' | 'cypher' | 'influxql' | 'oracle' | 'rman'; interactive: true; origin: string }
  | { language: 'mongo'; interactive: true; origin: string };

export function sqlSourcesOf(inv: Invocation): SqlSource[] {
  switch (inv.name) {
    case 'psql':
      return psqlSources(inv);
    case 'mysql':
    case 'mariadb':
      return mysqlSources(inv);
    case 'mysqlsh':
      return mysqlShellSources(inv);
    case 'mongosh':
    case 'mongo':
      return mongoSources(inv);
    case 'clickhouse-client':
      return clickhouseSources(inv);
    case 'cqlsh':
      return cqlshSources(inv);
    case 'cypher-shell':
      return cypherShellSources(inv);
    case 'influx':
      return influxSources(inv);
    case 'sqlplus':
    case 'sql':
      return oracleSources(inv);
    case 'rman':
      return rmanSources(inv);
    case 'aws':
    case 'gcloud':
    case 'bq':
    case 'heroku':
      return cloudSqlSources(inv);
    default:
      // pg_restore --clean/-c drops objects but runs no SQL text of its own: not a SQL source.
      return [];
  }
}

function resolvePath(inv: Invocation, file: string): string {
  if (path.posix.isAbsolute(file) || !inv.cwd) return file;
  return path.posix.resolve(inv.cwd, file);
}

const dyn = (word: ExpandedWord): { dynamic?: true } => (word.dynamic ? { dynamic: true } : {});

/** `dyn`, plus the word's unknown expansions as ranges of `text`, the option's value: the word's
 *  whole value or its end (`--command=SQL`, `-cSQL`). */
function withSpans(word: ExpandedWord, text: string): { dynamic?: true; unknownSpans?: readonly UnknownSpan[] } {
  const offset = word.value.length - text.length;
  const spans = word.value.endsWith(text)
    ? word.unknownSpans?.filter((span) => span.start >= offset).map((span) => ({ ...span, start: span.start - offset, end: span.end - offset }))
    : undefined;
  return { ...dyn(word), ...(spans?.length ? { unknownSpans: spans } : {}) };
}

/** What the client reads from standard input, when the command line says. */
function stdinSources(inv: Invocation, language: 'sql' | 'mongo', dialect: SqlDialect): SqlSource[] | undefined {
  const stdin = inv.stdin;
  if (!stdin) return undefined;
  const origin = stdin.kind === 'file' ? '< file' : stdin.kind;
  if (stdin.text !== undefined) {
    return [language === 'sql' ? { language, dialect, text: stdin.text, origin } : { language, text: stdin.text, origin }];
  }
  if (stdin.path !== undefined) {
    const file = resolvePath(inv, stdin.path);
    return [language === 'sql' ? { language, dialect, file, origin } : { language, file, origin }];
  }
  return [language === 'sql' ? { language, dialect, unknown: true, origin } : { language, unknown: true, origin }];
}

interface OptionSpec {
  /** Short options that take a value (`-c SQL`, `-cSQL`). */
  shortWithValue: string;
  /** Short options whose value may only be attached (`-pSECRET`). */
  shortOptionalAttached?: string;
  /** Long options that take a value (`--command SQL`, `--command=SQL`). */
  longWithValue: string[];
  /** Long options that are flags, for prefix matching. */
  longFlags: string[];
}

interface ParsedOption {
  /** Canonical name: the short letter or the full long name. */
  name: string;
  value?: ExpandedWord;
  /** The value text (may differ from value.value for attached forms). */
  text?: string;
}

/**
 * Walk a getopt-style command line: grouped short flags (`-tAc SQL`), attached values, `--opt=v`,
 * unambiguous long prefixes (`--comm`), permuted positionals, `--` ending options.
 */
function parseOptions(args: ExpandedWord[], spec: OptionSpec): { options: ParsedOption[]; positionals: ExpandedWord[] } {
  const options: ParsedOption[] = [];
  const positionals: ExpandedWord[] = [];
  const allLong = [...spec.longWithValue, ...spec.longFlags];
  const longName = (given: string): string | undefined => {
    if (allLong.includes(given)) return given;
    const matches = allLong.filter((l) => l.startsWith(given));
    return matches.length === 1 ? matches[0] : undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as ExpandedWord;
    const v = arg.value;
    if (v === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const given = v.slice(2, eq < 0 ? undefined : eq);
      const name = longName(given) ?? given;
      if (eq >= 0) options.push({ name, value: arg, text: v.slice(eq + 1) });
      else if (spec.longWithValue.includes(name) && i + 1 < args.length) {
        const next = args[++i] as ExpandedWord;
        options.push({ name, value: next, text: next.value });
      } else options.push({ name });
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k] as string;
        if (spec.shortWithValue.includes(letter)) {
          if (k + 1 < v.length) options.push({ name: letter, value: arg, text: v.slice(k + 1) });
          else if (i + 1 < args.length) {
            const next = args[++i] as ExpandedWord;
            options.push({ name: letter, value: next, text: next.value });
          } else options.push({ name: letter });
          break;
        }
        if (spec.shortOptionalAttached?.includes(letter)) {
          options.push(k + 1 < v.length ? { name: letter, value: arg, text: v.slice(k + 1) } : { name: letter });
          break;
        }
        options.push({ name: letter });
      }
      continue;
    }
    positionals.push(arg);
  }
  return { options, positionals };
}

/** A client's options as its SQL source reader needs them, from knowledge/commands.ts. */
function specOf(name: string): OptionSpec {
  const options = clientSpec(name)!.options;
  return {
    shortWithValue: options.shortWithValue,
    ...(options.shortOptionalAttached ? { shortOptionalAttached: options.shortOptionalAttached } : {}),
    longWithValue: [...options.longWithValue],
    longFlags: [...(options.longFlags ?? [])],
  };
}

const PSQL_SPEC = specOf('psql');

/**
 * The database psql connects to is pgbouncer's admin console (`psql -p 6432 pgbouncer`, `-d
 * pgbouncer`, `postgres://…/pgbouncer`, PGDATABASE): what it is sent is the console's command
 * language, not SQL.
 */
function reachesPgbouncerConsole(inv: Invocation, options: ParsedOption[], positionals: ExpandedWord[]): boolean {
  const named = options.findLast((o) => o.name === 'd' || o.name === 'dbname')?.text ?? positionals[0]?.value ?? inv.env.PGDATABASE;
  if (named === undefined) return false;
  const connection = /[=/]/.test(named) ? parseConnectionString(named) : undefined;
  return (connection ? connection.database : named) === PGBOUNCER_ADMIN_DATABASE;
}

function psqlSources(inv: Invocation): SqlSource[] {
  const { options, positionals } = parseOptions(inv.args, PSQL_SPEC);
  // A shell read as psql (knowledge/commands.ts CLIENT_SHELLS: `trino --execute SQL`, `sqlite3 FILE
  // SQL`): messages name the tool that runs the SQL, not psql.
  const shell = inv.via.at(-1)?.split(' ')[0];
  const named = shell !== undefined && shell !== 'psql' && Object.hasOwn(CLIENT_SHELLS, shell) ? shell : undefined;
  const origin = (text: string) => (named === undefined ? text : text === 'psql -c' ? named : text.replace(/^psql\b/, named));
  const sources = psqlSqlSources(inv).map((source) => (source.language === 'sql' ? { ...source, origin: origin(source.origin) } : source));
  // sqlite3 and litecli are read as psql on `sqlite:FILE` (parse/wrappers/client-shells.ts): their
  // SQL is SQLite's.
  if (positionals[0]?.value.startsWith('sqlite:'))
    return sources.map((source) =>
      source.language === 'sql' && source.dialect === 'postgres' && !('interactive' in source)
        ? { ...source, dialect: 'sqlite', origin: named === undefined && source.origin === 'psql -c' ? 'sqlite3' : source.origin }
        : source,
    );
  if (!reachesPgbouncerConsole(inv, options, positionals)) return sources;
  return sources.map((source) => (source.language === 'sql' && 'text' in source ? { ...source, dialect: 'pgbouncer' } : source));
}

function psqlSqlSources(inv: Invocation): SqlSource[] {
  const { options } = parseOptions(inv.args, PSQL_SPEC);
  const sources: SqlSource[] = [];
  for (const opt of options) {
    if ((opt.name === 'c' || opt.name === 'command') && opt.value && opt.text !== undefined) {
      sources.push({ language: 'sql', dialect: 'postgres', text: opt.text, origin: 'psql -c', ...withSpans(opt.value, opt.text) });
    } else if ((opt.name === 'f' || opt.name === 'file') && opt.value && opt.text !== undefined) {
      if (opt.text === '-')
        sources.push(...(stdinSources(inv, 'sql', 'postgres') ?? [{ language: 'sql', dialect: 'postgres', unknown: true, origin: 'psql -f -' }]));
      else sources.push({ language: 'sql', dialect: 'postgres', file: resolvePath(inv, opt.text), origin: 'psql -f', ...dyn(opt.value) });
    } else if (opt.name === 'help' || opt.name === 'version' || opt.name === 'V' || opt.name === '?' || opt.name === 'list' || opt.name === 'l') {
      // psql --help / --version / --list run no SQL of the user's.
      if (!options.some((o) => ['c', 'command', 'f', 'file'].includes(o.name))) return [];
    }
  }
  if (sources.length) return sources;
  return stdinSources(inv, 'sql', 'postgres') ?? [{ language: 'sql', dialect: 'postgres', interactive: true, origin: 'psql' }];
}

const MYSQL_SPEC = specOf('mysql');

/** The mysql client reaches ProxySQL's admin interface (`-P6032`, `--port=6032`): what it sends
 *  configures the proxy (knowledge/proxysql.ts), it is no database's SQL. */
function mysqlSources(inv: Invocation): SqlSource[] {
  const sources = mysqlSqlSources(inv);
  const { options } = parseOptions(inv.args, MYSQL_SPEC);
  const port = options.findLast((o) => o.name === 'P' || o.name === 'port')?.text ?? inv.env.MYSQL_TCP_PORT;
  if (port !== PROXYSQL_ADMIN_PORT) return sources;
  return sources.map((source) => (source.language === 'sql' && 'text' in source ? { ...source, dialect: 'proxysql' } : source));
}

function mysqlSqlSources(inv: Invocation): SqlSource[] {
  const { options } = parseOptions(inv.args, MYSQL_SPEC);
  const sources: SqlSource[] = [];
  let runsScript = false;
  for (const opt of options) {
    if ((opt.name === 'e' || opt.name === 'execute') && opt.value && opt.text !== undefined) {
      runsScript = true;
      sources.push({ language: 'sql', dialect: 'mysql', text: opt.text, origin: 'mysql -e', ...withSpans(opt.value, opt.text) });
    } else if (opt.name === 'init-command' && opt.value && opt.text !== undefined) {
      // Runs on every connection, before anything else.
      sources.push({ language: 'sql', dialect: 'mysql', text: opt.text, origin: 'mysql --init-command', ...withSpans(opt.value, opt.text) });
    } else if (opt.name === 'help' || opt.name === 'version' || opt.name === 'V' || opt.name === '?' || opt.name === 'I') {
      return [];
    }
  }
  if (runsScript) return sources;
  return [...sources, ...(stdinSources(inv, 'sql', 'mysql') ?? [{ language: 'sql', dialect: 'mysql', interactive: true, origin: 'mysql' } as const])];
}

const MYSQLSH_SPEC = specOf('mysqlsh');

/**
 * MySQL Shell: in SQL mode (`--sql`, `--sqlc`, `--sqlx`) -e and -f are SQL. In its default
 * JavaScript mode (and `--py`) they are a program calling the shell's API —
 * `session.dropSchema("app")`, `session.runSql(…)` — which prodguard does not read: the code is
 * unjudgeable, never allowed because it is not SQL.
 */
function mysqlShellSources(inv: Invocation): SqlSource[] {
  const sqlMode = inv.args.some((arg) => /^--sql[cx]?$/.test(arg.value));
  const { options } = parseOptions(inv.args, MYSQLSH_SPEC);
  if (options.some((o) => o.name === 'help' || o.name === 'version' || o.name === 'V' || o.name === '?')) return [];
  const files = options.filter((o) => (o.name === 'f' || o.name === 'file') && o.value && o.text !== undefined);
  if (sqlMode) {
    const fromFiles = files.map((o): SqlSource => ({
      language: 'sql',
      dialect: 'mysql',
      file: resolvePath(inv, o.text!),
      origin: 'mysqlsh --sql -f',
      ...dyn(o.value!),
    }));
    return fromFiles.length > 0 ? fromFiles : mysqlSources(inv);
  }
  const language = inv.args.some((arg) => /^--py(thon)?$/.test(arg.value)) ? 'Python' : 'JavaScript';
  const runsCode = files.length > 0 || options.some((o) => (o.name === 'e' || o.name === 'execute') && o.value) || inv.stdin !== undefined;
  if (runsCode) return [{ language: 'sql', dialect: 'mysql', unknown: true, origin: `mysqlsh ${language} (its calls are not read)` }];
  return [{ language: 'sql', dialect: 'mysql', interactive: true, origin: 'mysqlsh' }];
}

const CLICKHOUSE_SPEC = specOf('clickhouse-client');

/** clickhouse-client: every -q/--query and --queries-file runs; without them, stdin or a session. */
function clickhouseSources(inv: Invocation): SqlSource[] {
  const { options } = parseOptions(inv.args, CLICKHOUSE_SPEC);
  if (options.some((o) => o.name === 'help' || o.name === 'version')) return [];
  const sources: SqlSource[] = [];
  for (const opt of options) {
    if ((opt.name === 'q' || opt.name === 'query') && opt.value && opt.text !== undefined) {
      sources.push({ language: 'sql', dialect: 'clickhouse', text: opt.text, origin: 'clickhouse-client --query', ...dyn(opt.value) });
    } else if (opt.name === 'queries-file' && opt.value && opt.text !== undefined) {
      sources.push({ language: 'sql', dialect: 'clickhouse', file: resolvePath(inv, opt.text), origin: 'clickhouse-client --queries-file', ...dyn(opt.value) });
    }
  }
  if (sources.length) return sources;
  return stdinSources(inv, 'sql', 'clickhouse') ?? [{ language: 'sql', dialect: 'clickhouse', interactive: true, origin: 'clickhouse-client' }];
}

const CQLSH_SPEC = specOf('cqlsh');

/** cqlsh: -e/--execute, else -f/--file, else stdin, else an interactive session. */
function cqlshSources(inv: Invocation): SqlSource[] {
  const { options } = parseOptions(inv.args, CQLSH_SPEC);
  if (options.some((o) => o.name === 'help' || o.name === 'version')) return [];
  const sources: SqlSource[] = [];
  for (const opt of options) {
    if ((opt.name === 'e' || opt.name === 'execute') && opt.value && opt.text !== undefined) {
      sources.push({ language: 'sql', dialect: 'cql', text: opt.text, origin: 'cqlsh -e', ...dyn(opt.value) });
    } else if ((opt.name === 'f' || opt.name === 'file') && opt.value && opt.text !== undefined) {
      sources.push({ language: 'sql', dialect: 'cql', file: resolvePath(inv, opt.text), origin: 'cqlsh -f', ...dyn(opt.value) });
    }
  }
  if (sources.length) return sources;
  return stdinSources(inv, 'sql', 'cql') ?? [{ language: 'sql', dialect: 'cql', interactive: true, origin: 'cqlsh' }];
}

/** An option's value word as scanOptions found it: attached (`-fX`, `--file=X`) or the next word. */
function valueWord(inv: Invocation, option: ScannedOption): ExpandedWord {
  const word = inv.args[option.index]!;
  return word.value === option.flag ? (inv.args[option.index + 1] ?? word) : word;
}

/** cypher-shell: its operand is Cypher, -f/--file a file of it; else stdin, else a session. */
function cypherShellSources(inv: Invocation): SqlSource[] {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  if (hasFlag(scan, '-h', '--help', '-v', '--version', '--driver-version', '--change-password')) return [];
  const sources: SqlSource[] = [];
  for (const index of scan.positionals) {
    const word = inv.args[index]!;
    sources.push({ language: 'sql', dialect: 'cypher', text: word.value, origin: 'cypher-shell', ...withSpans(word, word.value) });
  }
  for (const option of scan.options) {
    if ((option.flag === '-f' || option.flag === '--file') && option.value)
      sources.push({ language: 'sql', dialect: 'cypher', file: resolvePath(inv, option.value), origin: 'cypher-shell --file', ...dyn(valueWord(inv, option)) });
  }
  if (sources.length) return sources;
  return stdinSources(inv, 'sql', 'cypher') ?? [{ language: 'sql', dialect: 'cypher', interactive: true, origin: 'cypher-shell' }];
}

/** influx 1.x: -execute runs InfluxQL, else stdin, else a session; 2.x: only `influx v1 shell`
 *  reads InfluxQL (stdin or a session); its other subcommands run no query language of their own
 *  (`influx query` is Flux, which reads). */
function influxSources(inv: Invocation): SqlSource[] {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  if (hasFlag(scan, '-version', '--version', '-h', '--help')) return [];
  const words = scan.positionals.map((index) => inv.args[index]!.value);
  if (words.length > 0 && !(words[0] === 'v1' && words[1] === 'shell')) return [];
  const sources: SqlSource[] = [];
  for (const option of scan.options) {
    if ((option.flag === '-execute' || option.flag === '--execute') && option.value !== undefined) {
      const word = valueWord(inv, option);
      sources.push({ language: 'sql', dialect: 'influxql', text: option.value, origin: 'influx -execute', ...withSpans(word, option.value) });
    }
  }
  // `-import -path F` writes the file's line protocol (and its DDL) into the database.
  if (hasFlag(scan, '-import', '--import')) {
    const file = optionValue(scan, '-path', '--path');
    if (file) sources.push({ language: 'sql', dialect: 'influxql', file: resolvePath(inv, file), origin: 'influx -import' });
  }
  if (sources.length) return sources;
  return stdinSources(inv, 'sql', 'influxql') ?? [{ language: 'sql', dialect: 'influxql', interactive: true, origin: 'influx' }];
}

/** sqlplus/SQLcl: `@script` runs a file (`.sql` when it names no extension), else standard input
 *  (a heredoc), else an interactive session. */
function oracleSources(inv: Invocation): SqlSource[] {
  const scan = scanOptions(inv.args, clientOptionSpec(inv.name)!);
  if (inv.args.some((arg) => /^-(H|V|help|version)$/i.test(arg.value))) return [];
  const { script } = oracleCommandLine(scan.positionals.map((index) => inv.args[index]!.value));
  const origin = inv.name;
  if (script !== undefined) {
    // A script at a URL (`@http://…/x.sql`) cannot be read here: judged as unknown SQL.
    if (/^[a-z]+:\/\//i.test(script)) return [{ language: 'sql', dialect: 'oracle', unknown: true, origin: `${origin} @${script}` }];
    const file = /\.[A-Za-z0-9]+$/.test(path.posix.basename(script)) ? script : `${script}.sql`;
    return [{ language: 'sql', dialect: 'oracle', file: resolvePath(inv, file), origin: `${origin} @script` }];
  }
  return stdinSources(inv, 'sql', 'oracle') ?? [{ language: 'sql', dialect: 'oracle', interactive: true, origin }];
}

/** rman: its command file (`cmdfile F`, `@F`), else standard input, else a session. */
function rmanSources(inv: Invocation): SqlSource[] {
  const { script } = rmanCommandLine(inv.args.map((arg) => arg.value));
  if (script !== undefined) return [{ language: 'sql', dialect: 'rman', file: resolvePath(inv, script), origin: 'rman cmdfile' }];
  return stdinSources(inv, 'sql', 'rman') ?? [{ language: 'sql', dialect: 'rman', interactive: true, origin: 'rman' }];
}

const MONGO_SPEC = specOf('mongosh');

function mongoSources(inv: Invocation): SqlSource[] {
  const { options, positionals } = parseOptions(inv.args, MONGO_SPEC);
  const sources: SqlSource[] = [];
  let shell = false;
  for (const opt of options) {
    if (opt.name === 'eval' && opt.value && opt.text !== undefined) {
      sources.push({ language: 'mongo', text: opt.text, origin: `${inv.name} --eval`, ...dyn(opt.value) });
    } else if ((opt.name === 'f' || opt.name === 'file') && opt.value && opt.text !== undefined) {
      sources.push({ language: 'mongo', file: resolvePath(inv, opt.text), origin: `${inv.name} --file`, ...dyn(opt.value) });
    } else if (opt.name === 'shell') shell = true;
    else if (opt.name === 'help' || opt.name === 'version' || opt.name === 'build-info' || opt.name === 'h') return [];
  }
  for (const word of positionals) {
    if (/\.js$/i.test(word.value)) sources.push({ language: 'mongo', file: resolvePath(inv, word.value), origin: `${inv.name} FILE.js`, ...dyn(word) });
  }
  if (sources.length && !shell) return sources;
  return [...sources, ...(stdinSources(inv, 'mongo', 'postgres') ?? [{ language: 'mongo', interactive: true, origin: inv.name } as const])];
}

/**
 * SQL a cloud API runs on a managed database (knowledge/cloud-sql.ts): `aws rds-data
 * execute-statement --sql SQL`, `aws athena start-query-execution --query-string SQL`, `gcloud
 * spanner databases execute-sql DB --sql SQL`, `bq query SQL`, `heroku pg:psql -c SQL`. Read as
 * PostgreSQL (what it cannot read stays unjudgeable); the target is the account, project or app.
 */
function cloudSqlSources(inv: Invocation): SqlSource[] {
  const words = inv.args.map((arg) => arg.value);
  for (const api of CLOUD_SQL_APIS[inv.name] ?? []) {
    // The API's words in order, options between them allowed (`aws --profile p rds-data …`).
    let at = -1;
    for (const word of api.words) {
      at = words.indexOf(word, at + 1);
      if (at === -1) break;
    }
    if (at === -1) continue;
    const origin = `${inv.name} ${api.words.join(' ')}`;
    if (api.sql === 'operand') {
      const last = inv.args.at(-1);
      return last && last.value !== api.words.at(-1) && !last.value.startsWith('-')
        ? [{ language: 'sql', dialect: 'postgres', text: last.value, origin, ...dyn(last) }]
        : [];
    }
    const sources: SqlSource[] = [];
    for (let i = at + 1; i < inv.args.length; i++) {
      const word = inv.args[i]!;
      const option = api.sql.find((name) => word.value === name || word.value.startsWith(`${name}=`));
      if (!option) continue;
      const value = word.value === option ? inv.args[i + 1] : { ...word, value: word.value.slice(option.length + 1) };
      if (value) sources.push({ language: 'sql', dialect: 'postgres', text: value.value, origin, ...dyn(value) });
    }
    return sources;
  }
  return [];
}
