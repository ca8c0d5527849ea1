// Dockerfiles: every `RUN` is a shell snippet (Dockerfile reference: shell form with
// escape-newline continuations, comment lines inside them dropped; exec form `RUN ["a","b"]`
// joined into a command line; BuildKit heredocs `RUN <<EOF`), with the stage's `ENV` and `ARG`
// defaults as its environment. `FROM … AS production` and `ENV RAILS_ENV=production` are hints.

import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintsFromEnv, type EnvEntry } from './hints.js';
import { assignmentsIn } from './travis.js';

export interface Instruction {
  keyword: string;
  /** Arguments with continuations removed, mapped to the file. */
  args: MappedText;
  line: number;
  /** Heredoc bodies that follow the instruction (BuildKit `<<EOF`). */
  heredocs: { delimiter: string; body: MappedText; strip: boolean }[];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

export function extractDockerfile(text: string, path = ''): Extracted {
  const index = new LineIndex(text);
  const problems: LintProblem[] = [];
  const snippets: ShellSnippet[] = [];
  const instructions = readInstructions(text);
  const fileHint = hintFromFileName(path);

  let env: EnvEntry[] = [];
  let stageHints: EnvironmentHint[] = [];
  let posixShell = true;
  let stage = 0;
  for (const ins of instructions) {
    const args = ins.args.text.trim();
    switch (ins.keyword) {
      case 'FROM': {
        stage++;
        env = [];
        posixShell = true;
        stageHints = [];
        const as = /\s+as\s+(\S+)\s*$/i.exec(args);
        if (as) {
          const hint = hintFromEnvironmentName(as[1]!, ins.line, 'build stage ');
          if (hint) stageHints.push(hint);
        }
        break;
      }
      case 'ENV': {
        // Docker substitutes earlier ENV/ARG values in ENV (`ENV PATH=$PATH:/x`); unknown ones stay.
        const known = new Map(env.map((e) => [e.key, e.value]));
        const entries = envEntries(ins.args, index).map((e) => ({
          ...e,
          value: e.value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (m, a?: string, b?: string) => known.get((a ?? b)!) ?? m),
        }));
        env = [...env.filter((e) => !entries.some((n) => n.key === e.key)), ...entries];
        stageHints.push(...hintsFromEnv(entries));
        problems.push(...escapeHatchProblems(entries, 'every later RUN and the running container', 'warn'));
        break;
      }
      case 'ARG': {
        for (const word of args.split(/\s+/)) {
          const eq = word.indexOf('=');
          const name = eq === -1 ? word : word.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          // No default: empty unless the build passes --build-arg, like an undefined make
          // variable; it stays out of env so the engine treats it as unset.
          if (eq !== -1) {
            const value = word.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
            const entry = { key: name, value, line: ins.line };
            env = [...env.filter((e) => e.key !== name), entry];
            stageHints.push(...hintsFromEnv([entry]));
            problems.push(...escapeHatchProblems([entry], 'every later RUN of the stage', 'warn'));
          }
        }
        break;
      }
      case 'SHELL': {
        try {
          const parsed = JSON.parse(args) as unknown;
          const first = Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : '';
          posixShell = POSIX_SHELLS.has(first.split('/').pop() ?? '');
        } catch {
          problems.push(parseProblem(`SHELL needs a JSON array, got ${args}`, ins.line));
        }
        break;
      }
      case 'RUN': {
        const mapped = runCommand(ins, problems);
        if (!mapped || !posixShell) break;
        const { text: snippetText, locate } = new SnippetBuilder().append(mapped).build(index);
        const record: Record<string, string> = {};
        for (const e of env) record[e.key] = e.value;
        const hints = [...(fileHint ? [fileHint] : []), ...stageHints];
        snippets.push({
          text: snippetText,
          locate,
          env: record,
          unknownEnv: [],
          hints: dedupeHints(hints),
          origin: `stage ${stage} RUN (line ${ins.line})`,
          imageBuild: true,
        });
        break;
      }
    }
  }
  return { snippets, problems };
}

function parseProblem(message: string, line: number): LintProblem {
  return { rule: 'lint/parse-error', severity: 'warn', message, line, column: 1 };
}

/** `ENV A=1 B="x y"` (read by the shell parser) or the legacy `ENV A value with spaces`. */
export function envEntries(args: MappedText, index: LineIndex): EnvEntry[] {
  const trimmedStart = args.text.search(/\S/);
  if (trimmedStart === -1) return [];
  const body = { text: args.text.slice(trimmedStart), offsets: args.offsets.slice(trimmedStart) };
  const firstWord = /^\S+/.exec(body.text)![0];
  if (!firstWord.includes('=')) {
    const value = body.text.slice(firstWord.length).trim();
    return [{ key: firstWord, value, line: index.position(body.offsets[0] ?? 0).line }];
  }
  return assignmentsIn(body, index);
}

/** The shell text of a RUN: shell form without `--mount`-style flags, exec form joined, or the
 *  heredoc body when the heredoc is the whole command. */
export function runCommand(ins: Instruction, problems: LintProblem[]): MappedText | undefined {
  let args = ins.args;
  // BuildKit flags: RUN --mount=type=cache,target=/x --network=none cmd
  for (;;) {
    const m = /^\s*--[a-z-]+(=\S*)?\s+/.exec(args.text);
    if (!m) break;
    args = { text: args.text.slice(m[0].length), offsets: args.offsets.slice(m[0].length) };
  }
  const trimmed = args.text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) return execForm(args, parsed as string[]);
    // Docker runs a non-JSON `[` line in shell form.
  }
  if (ins.heredocs.length > 0 && /^<<-?["']?[A-Za-z_][A-Za-z0-9_]*["']?\s*$/.test(trimmed)) return ins.heredocs[0]!.body;
  if (ins.heredocs.length === 1) {
    const script = shellReadingHeredoc(args, ins.heredocs[0]!.body);
    if (script) return script;
  }
  if (ins.heredocs.length > 0) {
    // `RUN python3 <<EOF`: hand the shell the command with its heredoc, as Docker would.
    const builder: { text: string[]; offsets: number[] } = { text: [], offsets: [] };
    const push = (m: MappedText) => {
      builder.text.push(m.text);
      builder.offsets.push(...m.offsets.slice(0, m.text.length));
    };
    push(args);
    for (const h of ins.heredocs) {
      builder.text.push('\n');
      builder.offsets.push(h.body.offsets[0] ?? 0);
      push(h.body);
      builder.text.push('\n' + h.delimiter);
      const end = h.body.offsets[h.body.text.length] ?? 0;
      for (let k = 0; k <= h.delimiter.length; k++) builder.offsets.push(end);
    }
    const joined = builder.text.join('');
    return { text: joined, offsets: [...builder.offsets, builder.offsets[builder.offsets.length - 1] ?? 0] };
  }
  if (trimmed === '') {
    problems.push(parseProblem('RUN without a command', ins.line));
    return undefined;
  }
  return args;
}

/** Options of sh/bash that `set` takes too (`bash -eux` ≡ `set -eux` at the top of the script). */
const SET_FLAGS = /^[-+][abefhkmnptuvxBCEHPT]+$/;
/** Options that change how the shell starts, not how the script runs. */
const STARTUP_FLAGS = new Set(['-s', '-l', '-i', '-r', '--login', '--noprofile', '--norc', '--posix', '--restricted', '--']);

/**
 * `RUN <<EOF bash` / `RUN bash -eux <<EOF`: a POSIX shell reading its script from the heredoc.
 * The body is the script, so it is the snippet (findings point into the body, not at the RUN
 * line), after a synthetic `set` line for the shell's options. Anything else on the command
 * line (`-c`, a script file, a pipe) leaves the RUN to the engine as written.
 */
function shellReadingHeredoc(args: MappedText, body: MappedText): MappedText | undefined {
  const words = [...args.text.matchAll(/\S+/g)].filter((m) => !/^<<-?(["']?)[A-Za-z_][A-Za-z0-9_]*\1$/.test(m[0]));
  const shell = words[0];
  if (!shell || !POSIX_SHELLS.has(shell[0].split('/').pop() ?? '')) return undefined;
  const setLines: string[] = [];
  const flags: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const word = words[k]![0];
    if (STARTUP_FLAGS.has(word)) continue;
    if ((word === '-o' || word === '+o') && words[k + 1] && /^[a-z]+$/.test(words[k + 1]![0])) {
      setLines.push(`set ${word} ${words[k + 1]![0]}`);
      k++;
      continue;
    }
    if (SET_FLAGS.test(word)) {
      flags.push(word);
      continue;
    }
    return undefined;
  }
  if (flags.length > 0) setLines.unshift(`set ${flags.join(' ')}`);
  if (setLines.length === 0) return body;
  const prefix = setLines.join('\n') + '\n';
  const at = args.offsets[shell.index] ?? body.offsets[0] ?? 0;
  return { text: prefix + body.text, offsets: [...new Array<number>(prefix.length).fill(at), ...body.offsets] };
}

/** `["rm","-rf","/x"]` → `rm -rf /x` (quoted where needed); each word maps to its JSON string. */
function execForm(args: MappedText, words: string[]): MappedText {
  const text: string[] = [];
  const offsets: number[] = [];
  const stringStarts = [...args.text.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => args.offsets[m.index + 1] ?? 0);
  words.forEach((word, i) => {
    if (i > 0) {
      text.push(' ');
      offsets.push(stringStarts[i] ?? 0);
    }
    const quoted = /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
    for (let k = 0; k < quoted.length; k++) {
      text.push(quoted[k]!);
      offsets.push((stringStarts[i] ?? 0) + Math.min(k, word.length));
    }
  });
  offsets.push(offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : 0);
  return { text: text.join(''), offsets };
}

/** Split a Dockerfile into instructions (Dockerfile reference: parser directives, escape char,
 *  line continuation, comments inside continuations, BuildKit heredocs). */
export function readInstructions(text: string): Instruction[] {
  const lines: { text: string; start: number }[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const raw = nl === -1 ? text.slice(start) : text.slice(start, nl);
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start });
    if (nl === -1) break;
    start = nl + 1;
  }
  let escape = '\\';
  for (const l of lines) {
    const directive = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(l.text);
    if (directive) {
      escape = directive[1]!;
      break;
    }
    if (!/^#\s*\w+\s*=/.test(l.text)) break;
  }
  const out: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    const m = /^\s*([A-Za-z]+)(\s+|$)/.exec(first.text);
    if (!m || first.text.trimStart().startsWith('#')) continue;
    const keyword = m[1]!.toUpperCase();
    const line = i + 1;
    const textParts: string[] = [];
    const offsets: number[] = [];
    let body = first.text.slice(m[0].length);
    let bodyStart = first.start + m[0].length;
    for (;;) {
      const cont = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`).exec(body);
      const content = cont ? body.slice(0, cont.index) : body;
      for (let k = 0; k < content.length; k++) {
        textParts.push(content[k]!);
        offsets.push(bodyStart + k);
      }
      if (!cont || i + 1 >= lines.length) break;
      // Empty lines and comment lines inside a continuation are skipped.
      while (i + 1 < lines.length && (lines[i + 1]!.text.trim() === '' || lines[i + 1]!.text.trimStart().startsWith('#'))) i++;
      if (i + 1 >= lines.length) break;
      i++;
      body = lines[i]!.text;
      bodyStart = lines[i]!.start;
    }
    const argsText = textParts.join('');
    const endOffset = offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : bodyStart;
    const heredocs: Instruction['heredocs'] = [];
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const h of argsText.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const delimiter = h[3]!;
        const strip = h[1] === '-';
        const bodyText: string[] = [];
        const bodyOffsets: number[] = [];
        let j = i + 1;
        for (; j < lines.length; j++) {
          const l = lines[j]!;
          const candidate = strip ? l.text.replace(/^\t+/, '') : l.text;
          if (candidate === delimiter) break;
          const tabs = strip ? l.text.length - candidate.length : 0;
          if (j > i + 1) {
            // The line break ends the previous line (at its `\r` in a CRLF file).
            const previous = lines[j - 1]!;
            bodyText.push('\n');
            bodyOffsets.push(previous.start + previous.text.length);
          }
          for (let k = 0; k < candidate.length; k++) {
            bodyText.push(candidate[k]!);
            bodyOffsets.push(l.start + tabs + k);
          }
        }
        const lastLine = j > i + 1 ? lines[j - 1]! : undefined;
        const lastOffset = lastLine ? lastLine.start + lastLine.text.length : (lines[i + 1]?.start ?? endOffset);
        heredocs.push({ delimiter, strip, body: { text: bodyText.join(''), offsets: [...bodyOffsets, lastOffset] } });
        i = Math.min(j, lines.length - 1);
      }
    }
    out.push({ keyword, args: { text: argsText, offsets: [...offsets, endOffset] }, line, heredocs });
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
