// Procfiles (Heroku, foreman, Dokku): `name: command` per line. A `Procfile` describes the
// processes of the deployed app, so its commands run against production; `Procfile.dev` is
// for a developer's machine.

import { LineIndex, identityMapped, SnippetBuilder } from '../positions.js';
import type { EnvironmentHint, Extracted, ShellSnippet } from '../types.js';
import { addPlatformVariables } from './ci-common.js';
import { dotenvKind } from './dotenv.js';
import { dict } from '../../util/dict.js';

export function extractProcfile(text: string, path = 'Procfile'): Extracted {
  const index = new LineIndex(text);
  const base = path.split('/').pop() ?? path;
  const kind = dotenvKind(base.replace(/^Procfile/i, '.env'));
  const snippets: ShellSnippet[] = [];
  let offset = 0;
  text.split('\n').forEach((raw, i) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = /^\s*([A-Za-z0-9_.-]+)\s*:[ \t]*/.exec(line);
    if (!m || line.trimStart().startsWith('#')) return;
    const command = line.slice(m[0].length);
    if (command.trim() === '') return;
    const hints: EnvironmentHint[] = [];
    if (base === 'Procfile' || kind === 'production') {
      hints.push({ environment: 'production', evidence: `${base}: processes of the deployed app`, line: i + 1 });
    } else if (kind === 'development') hints.push({ environment: 'development', evidence: base, line: i + 1 });
    const { text: snippetText, locate } = new SnippetBuilder().append(identityMapped(command, lineStart + m[0].length)).build(index);
    // The platform sets PORT for every process.
    const env = dict<string>();
    const unknownEnv = new Set<string>();
    addPlatformVariables(snippetText, env, unknownEnv, (v) => v === 'PORT');
    snippets.push({ text: snippetText, locate, env, unknownEnv: [...unknownEnv], hints, origin: `process ${m[1]}` });
  });
  return { snippets, problems: [] };
}
