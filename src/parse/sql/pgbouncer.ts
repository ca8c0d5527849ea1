// Text sent to pgbouncer's admin console (parse stage, pure): one command per statement, its
// first word naming it (knowledge/pgbouncer.ts). A word the console does not know stays unknown.
import { PGBOUNCER_COMMANDS } from '../../knowledge/pgbouncer.js';
import { lexPg, splitPgTokens } from './pg-lexer.js';

export interface PgbouncerCommand {
  /** The kind a rule matches on: pgbouncer-read, pgbouncer-control, pgbouncer-stop-traffic; unknown. */
  kind: 'pgbouncer-read' | 'pgbouncer-control' | 'pgbouncer-stop-traffic' | 'unknown';
  text: string;
}

const KIND_OF_EFFECT = { reads: 'pgbouncer-read', controls: 'pgbouncer-control', 'stops-traffic': 'pgbouncer-stop-traffic' } as const;

export function readPgbouncerCommands(text: string): PgbouncerCommand[] {
  const commands: PgbouncerCommand[] = [];
  for (const piece of splitPgTokens(lexPg(text, false))) {
    const first = piece[0]!;
    const statement = text.slice(first.pos, piece[piece.length - 1]!.end);
    const effect = first.type === 'word' ? PGBOUNCER_COMMANDS[text.slice(first.pos, first.end).toUpperCase()] : undefined;
    commands.push({ kind: effect ? KIND_OF_EFFECT[effect] : 'unknown', text: statement });
  }
  return commands;
}
