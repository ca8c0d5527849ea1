// Shell text → AST with a real bash grammar (unbash). No regex over raw command lines.

import { parse, type ParsedScript, type Word } from 'unbash';
import { setWordReparser } from './expand.js';

export interface ShellParseError {
  message: string;
  pos: number;
}

export interface ParsedShell {
  script: ParsedScript;
  errors: ShellParseError[];
}

/** Parse bash source. Errors from nested substitutions are collected too. */
export function parseShell(source: string): ParsedShell {
  const script = parse(source);
  return { script, errors: [...(script.errors ?? [])] };
}

setWordReparser((text: string): Word | undefined => {
  const script = parse(`: ${text}`);
  const statement = script.commands[0]?.command;
  if (statement?.type !== 'Command') return undefined;
  const word = statement.suffix[0];
  return word?.type === 'Word' ? word : undefined;
});
