// Shell scripts are handed to the engine whole; offsets map straight to the file.

import { LineIndex } from '../positions.js';
import type { Extracted, SqlSource } from '../types.js';
import { hintFromFileName } from './hints.js';

export function extractShell(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const hint = hintFromFileName(path);
  return {
    snippets: [
      {
        text,
        locate: (offset: number) => index.position(offset),
        env: {},
        unknownEnv: [],
        hints: hint ? [hint] : [],
        origin: 'script',
      },
    ],
    problems: [],
  };
}

/** SQL migrations go to the SQL layer whole. */
export function sqlSource(text: string): SqlSource {
  const index = new LineIndex(text);
  return { text, locate: (offset: number) => index.position(offset) };
}
