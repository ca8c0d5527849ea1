// Errors under `--json` (and `lint --format json`): one JSON object on stdout, so a program reading
// the output never has to tell a report from a crash by sniffing text. The shape is
// {"schemaVersion", "error": {"code", "message", "hint"?, "exitCode"}}: message is the line stderr
// shows (what, where, how to fix), hint the how-to-fix part alone. Everything is redacted.

import { CommanderError } from 'commander';
import { ConfigError, EXIT, ProdguardError, UndecidableError, UsageError } from '../errors.js';
import { redact } from '../util/redact.js';

import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export { JSON_SCHEMA_VERSION };

export interface JsonError {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** What an error becomes as JSON, given the exit code the CLI gives it. */
export function describeError(error: unknown, exitCode: number): JsonError {
  if (error instanceof CommanderError) {
    // commander.unknownOption → unknown-option; the message drops commander's "error: " prefix.
    const code = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    const what = redact(oneLine(error.message.replace(/^error: /, '')));
    return { code, message: `${what} (see prodguard --help)`, hint: 'see prodguard --help', exitCode };
  }
  if (error instanceof ProdguardError) {
    const code = error instanceof ConfigError ? 'config' : error instanceof UndecidableError ? 'undecidable' : error instanceof UsageError ? 'usage' : 'error';
    const what = redact(oneLine(error.message));
    const hint = error.hint ? redact(oneLine(error.hint)) : undefined;
    return { code, message: hint ? `${what} (${hint})` : what, ...(hint ? { hint } : {}), exitCode };
  }
  // A bug: the first line only (the stack goes to stderr, where a person reads it).
  const first = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redact(oneLine(first.split('\n')[0] ?? '')), hint: 'please report it with the command you ran', exitCode: EXIT.internal };
}

export function renderJsonError(error: unknown, exitCode: number): string {
  return `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, error: describeError(error, exitCode) })}\n`;
}
