// Database clients' own ways out to a shell: psql's `\! CMD` (and `\o |CMD`, `\g |CMD`, `\w
// |CMD`), the mysql client's `system CMD` and `\! CMD`, sqlite3's `.system CMD` and `.shell CMD`.
// The command runs on the machine the client runs on, not on the database server: judged there as
// the shell line it is (`psql -c '\! rm -rf /var/lib/postgresql'` is that rm).

import type { Invocation } from '../../types.js';
import { lexPg } from '../sql/pg-lexer.js';
import { blankMetaCommands } from '../sql/psql-meta.js';
import { sqlSourcesOf } from '../sql/sources.js';
import { script, type UnwrapStep, type Unwrapper } from './step.js';

/** psql meta-commands that run their argument in a shell, or pipe into one after `|`. */
const PSQL_PIPING = new Set(['o', 'out', 'g', 'gx', 'w', 'write']);

function psqlEscapes(text: string): string[] {
  const commands: string[] = [];
  for (const meta of blankMetaCommands(text, lexPg(text, true)).metas) {
    const argument = meta.text.slice(meta.name.length + 1).trim();
    if (meta.name === '!' && argument) commands.push(argument);
    else if (PSQL_PIPING.has(meta.name) && argument.startsWith('|')) commands.push(argument.slice(1).trim());
  }
  return commands;
}

/** mysql's client commands start a statement: `system CMD`, `\! CMD` (to the end of the line). */
function mysqlEscapes(text: string): string[] {
  return [...text.matchAll(/(?:^|[;\n])\s*(?:system|\\!)[ \t]+([^\n]+)/gi)].map((match) => match[1]!.replace(/;\s*$/, '').trim()).filter(Boolean);
}

/** sqlite3's dot-commands start a line: `.system CMD`, `.shell CMD`. */
function sqliteEscapes(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*\.(?:system|shell)[ \t]+([^\n]+)/gi)].map((match) => match[1]!.trim()).filter(Boolean);
}

function steps(inv: Invocation, texts: readonly string[], read: (text: string) => string[]): UnwrapStep[] {
  return texts.flatMap(read).flatMap((line) => script(`${inv.name} shell escape`, line));
}

const CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlite3', 'sqlite']);

export const clientEscapes: Unwrapper = (inv) => {
  if (!CLIENTS.has(inv.name)) return [];
  if (inv.name === 'sqlite3' || inv.name === 'sqlite') {
    const texts = [...inv.args.filter((arg) => !arg.dynamic).map((arg) => arg.value), ...(inv.stdin?.text !== undefined ? [inv.stdin.text] : [])];
    return steps(inv, texts, sqliteEscapes);
  }
  const texts = sqlSourcesOf(inv).flatMap((source) => ('text' in source && source.language === 'sql' && !source.dynamic ? [source.text] : []));
  return steps(inv, texts, inv.name === 'psql' ? psqlEscapes : mysqlEscapes);
};
