// psql meta-commands. The server never sees them, so they are blanked out before parsing (offsets
// kept). Those that run something we cannot see are errors, so callers fail closed.
import type { PgToken } from './pg-lexer.js';
import { baseStatement, type Collected, type SqlStatement, type SqlStatementKind } from './statement.js';

/** Meta-commands that end the query buffer and send it, like `;`. */
const META_TERMINATORS = new Set(['g', 'gx', 'gset', 'gdesc', 'gexec', 'watch', 'crosstabview', 'bind', 'sendpipeline']);
/** Meta-commands that only display, format, set client variables or control the script. */
const META_HARMLESS = new Set([
  'set',
  'unset',
  'pset',
  'timing',
  'echo',
  'qecho',
  'warn',
  'x',
  'a',
  't',
  'T',
  'f',
  'H',
  'C',
  'encoding',
  'prompt',
  'q',
  'quit',
  'conninfo',
  'l',
  'list',
  'p',
  'print',
  'r',
  'reset',
  'if',
  'elif',
  'else',
  'endif',
  'errverbose',
  'setenv',
  'getenv',
  'cd',
  '?',
  'h',
  'help',
  's',
  'z',
  'sf',
  'sv',
  'ef',
  'ev',
  'e',
  'edit',
  'startpipeline',
  'endpipeline',
  'syncpipeline',
  'flushrequest',
  'flush',
  'getresults',
  'parse',
  'bind_named',
  'close',
  'restrict',
  'unrestrict',
  'dconfig',
  'o',
  'out',
  'w',
  'write',
  'copyright',
  'lo_list',
  'lo_export',
]);

export interface MetaCommand {
  name: string;
  pos: number;
  end: number;
  text: string;
}

function metaName(text: string): string {
  const m = /^\\([A-Za-z_+]+|[^A-Za-z_\s])/.exec(text);
  return m?.[1] ?? '';
}

/** Replace meta-commands with spaces (terminators with `;`), returning what they were. */
export function blankMetaCommands(sql: string, tokens: PgToken[]): { text: string; metas: MetaCommand[] } {
  const metas: MetaCommand[] = [];
  const parts: string[] = [];
  let last = 0;
  for (const t of tokens) {
    if (t.type !== 'meta') continue;
    const raw = sql.slice(t.pos, t.end);
    const name = metaName(raw);
    metas.push({ name, pos: t.pos, end: t.end, text: raw.trim() });
    parts.push(sql.slice(last, t.pos), (META_TERMINATORS.has(name) ? ';' : ' ') + ' '.repeat(t.end - t.pos - 1));
    last = t.end;
  }
  if (!metas.length) return { text: sql, metas };
  parts.push(sql.slice(last));
  return { text: parts.join(''), metas };
}

export function judgeMeta(meta: MetaCommand, out: Collected): void {
  const { name } = meta;
  const stmt = (kind: SqlStatementKind, extra: Partial<SqlStatement> = {}): void => {
    out.statements.push({ ...baseStatement(kind, meta), ...extra });
  };
  const arg = meta.text.slice(name.length + 1).trim();
  if (name === '!') out.errors.push({ message: `psql \\! runs a shell command that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (['i', 'include', 'ir', 'include_relative'].includes(name))
    out.errors.push({ message: `psql \\${name} runs another file that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (name === 'gexec')
    out.errors.push({ message: 'psql \\gexec runs every value the query returns as SQL; that SQL cannot be known here', pos: meta.pos });
  else if ((name === 'o' || name === 'out' || name === 'w' || name === 'write' || name === 'g' || name === 'gx') && arg.startsWith('|'))
    out.errors.push({ message: `psql \\${name} pipes output to a shell command that is not analysed here: ${meta.text}`, pos: meta.pos });
  else if (name === 'copy') {
    if (/\bprogram\b/i.test(arg)) out.errors.push({ message: `psql \\copy … program runs a shell command: ${meta.text}`, pos: meta.pos });
    const m = /^\(?\s*([^\s(]+)/.exec(arg);
    const table = m?.[1] ?? '';
    stmt(/\bfrom\b/i.test(arg) ? 'insert' : 'select', { tables: table && !/^select$/i.test(table) ? [table] : [] });
  } else if (name === 'lo_unlink') stmt('drop-other', { names: arg ? [arg] : [] });
  else if (name === 'c' || name === 'connect' || name === 'password' || name === 'lo_import') stmt('other');
  // `+` asks a listing for more detail (`\l+`, `\sf+ f`, `\dt+`): the same command.
  else if (name.startsWith('d') || META_HARMLESS.has(name.replace(/\+$/, '')) || META_TERMINATORS.has(name)) {
    // Display only, or the terminator of the statement before it (judged on its own).
  } else out.errors.push({ message: `unknown psql meta-command ${meta.text}`, pos: meta.pos });
}
