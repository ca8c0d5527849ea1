// GitHub Actions `$GITHUB_ENV`: a step that appends `NAME=value` lines (or `NAME<<DELIM` …
// `DELIM` blocks) to the file named by GITHUB_ENV sets NAME for every later step of the job
// (docs: "Workflow commands", "Setting an environment variable"). Read with the shell parser:
// what `echo`, `printf`, `cat <<EOF` and `cat <<<` print with stdout going to the file, through
// a redirection of the command or of an enclosing group, or piped into `tee [-a] "$GITHUB_ENV"`.
// A value that depends on the shell (`DIR=$X`, `$(pwd)`) is known to be set, not what it is.
// Output of any other command (`jq … >> "$GITHUB_ENV"`) names variables we cannot know.

import { forEachChild, parse, type Command, type Redirection, type SyntaxNode, type Word, type WordPart } from 'unbash';
import { dict } from '../../util/dict.js';

export interface GithubEnvWrite {
  name: string;
  /** The value as written; for a dynamic one, the shell text that makes it (`$X`, `$(pwd)/out`). */
  value: string;
  /** True when the value depends on expansions or on another command's output. */
  dynamic: boolean;
  /** Offset in the script of the text that wrote the line (for its line and column). */
  offset: number;
}

/** One character of what the step writes to the file, with where it came from. */
interface OutChar {
  ch: string;
  dynamic: boolean;
  offset: number;
}

const ENV_FILE = /^"?\$(?:GITHUB_ENV|\{GITHUB_ENV\})"?$/;

function isEnvFile(word: Word | undefined): boolean {
  return word !== undefined && ENV_FILE.test(word.text);
}

/** Where a redirection list sends stdout: the env file, somewhere else, or unchanged. */
function stdoutTarget(redirects: readonly Redirection[]): 'env' | 'other' | undefined {
  let target: 'env' | 'other' | undefined;
  for (const r of redirects) {
    if (r.type !== 'Redirect') continue;
    const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
    const writesStdout =
      ((r.operator === '>' || r.operator === '>>' || r.operator === '>|') && (fd === undefined || fd === 1)) || r.operator === '&>' || r.operator === '&>>';
    if (writesStdout) target = isEnvFile(r.target) ? 'env' : 'other';
    else if (r.operator === '>&' && (fd === undefined || fd === 1) && r.target?.text !== '1') target = 'other';
  }
  return target;
}

function commandRedirects(command: Command): Redirection[] {
  return [...command.prefix, ...command.suffix].filter(
    (item): item is Redirection => item.type === 'Redirect' || item.type === 'HereDoc' || item.type === 'HereString',
  );
}

function commandWords(command: Command): Word[] {
  return command.suffix.filter((item): item is Word => item.type === 'Word');
}

/** `tee [-a] "$GITHUB_ENV"`: what is piped into it is written to the file. */
function isTeeToEnv(node: SyntaxNode | undefined): boolean {
  if (node?.type !== 'Command' || node.name?.value !== 'tee') return false;
  return commandWords(node).some((w) => isEnvFile(w));
}

/** A word's characters: quoted and literal text is known, expansions are not. */
function wordChars(word: Word): OutChar[] {
  if (!word.parts) return literalChars(word.value, word.text === word.value ? word.pos : undefined, word.pos);
  return word.parts.flatMap((part) => partChars(part));
}

function literalChars(value: string, start: number | undefined, fallback: number): OutChar[] {
  return [...value].map((ch, k) => ({ ch, dynamic: false, offset: start !== undefined ? start + k : fallback }));
}

function dynamicChars(text: string, offset: number): OutChar[] {
  return [...text].map((ch) => ({ ch, dynamic: true, offset }));
}

function partChars(part: WordPart): OutChar[] {
  switch (part.type) {
    case 'Literal':
      return literalChars(part.value, part.value === part.text ? part.pos : undefined, part.pos);
    case 'SingleQuoted':
      return literalChars(part.value, part.pos + 1, part.pos);
    case 'AnsiCQuoted':
      return literalChars(part.value, undefined, part.pos);
    case 'DoubleQuoted':
    case 'LocaleString':
      return part.parts.flatMap((child) => partChars(child));
    default:
      return dynamicChars(part.text, part.pos);
  }
}

function joinWords(words: readonly Word[]): OutChar[] {
  const out: OutChar[] = [];
  words.forEach((w, i) => {
    if (i > 0) out.push({ ch: ' ', dynamic: false, offset: w.pos });
    out.push(...wordChars(w));
  });
  return out;
}

const BACKSLASH_ESCAPES: Record<string, string> = dict({ n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', f: '\f', v: '\v' });

/** `echo -e`/`printf` escapes in known text; unknown text is kept as written. */
function interpretEscapes(chars: readonly OutChar[]): OutChar[] {
  const out: OutChar[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    if (c.ch === '\\' && !c.dynamic && next && !next.dynamic && BACKSLASH_ESCAPES[next.ch] !== undefined) {
      out.push({ ...c, ch: BACKSLASH_ESCAPES[next.ch]! });
      i++;
    } else out.push(c);
  }
  return out;
}

function echoOutput(words: readonly Word[]): OutChar[] {
  let k = 0;
  let newline = true;
  let escapes = false;
  for (; k < words.length; k++) {
    const flag = words[k]!.value;
    if (!/^-[neE]+$/.test(flag)) break;
    if (flag.includes('n')) newline = false;
    if (flag.includes('e')) escapes = true;
    if (flag.includes('E')) escapes = false;
  }
  const rest = words.slice(k);
  let out = joinWords(rest);
  if (escapes) out = interpretEscapes(out);
  if (newline) out.push({ ch: '\n', dynamic: false, offset: rest[rest.length - 1]?.end ?? words[0]?.pos ?? 0 });
  return out;
}

/** `printf FORMAT ARGS…`: `%s`-style conversions take the arguments in turn; the format repeats
 *  while arguments are left, as in the shell. */
function printfOutput(words: readonly Word[]): OutChar[] | undefined {
  let rest = words;
  if (rest[0]?.value === '--') rest = rest.slice(1);
  const format = rest[0];
  if (!format || format.value.startsWith('-')) return undefined;
  const formatChars = interpretEscapes(wordChars(format));
  const args = rest.slice(1).map((w) => wordChars(w));
  const out: OutChar[] = [];
  let next = 0;
  for (let round = 0; round < 64; round++) {
    let conversions = 0;
    for (let i = 0; i < formatChars.length; i++) {
      const c = formatChars[i]!;
      if (c.ch !== '%' || c.dynamic) {
        out.push(c);
        continue;
      }
      const spec = /^[-+ #0-9.]*([a-zA-Z%])/.exec(
        formatChars
          .slice(i + 1)
          .map((x) => x.ch)
          .join(''),
      );
      if (!spec) {
        out.push(c);
        continue;
      }
      i += spec[0].length;
      if (spec[1] === '%') {
        out.push({ ...c, ch: '%' });
        continue;
      }
      conversions++;
      const arg = args[next++];
      if (arg) out.push(...(spec[1] === 'b' ? interpretEscapes(arg) : arg));
    }
    if (conversions === 0 || next >= args.length) break;
  }
  return out;
}

/** What a heredoc or here-string gives `cat` on stdin. */
function stdinOf(redirects: readonly Redirection[]): OutChar[] | undefined {
  let stdin: OutChar[] | undefined;
  for (const r of redirects) {
    const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
    if (fd !== undefined && fd !== 0) continue;
    if (r.type === 'HereDoc') {
      const body = r.body;
      let chars: OutChar[];
      if (r.delimiter?.quoted || !body.parts) chars = literalChars(body.text, body.pos, body.pos);
      else chars = body.parts.flatMap((part) => partChars(part));
      if (r.operator === '<<-') chars = chars.filter((c, i) => !(c.ch === '\t' && !c.dynamic && leadingTab(chars, i)));
      stdin = chars;
    } else if (r.type === 'HereString' && r.target) {
      stdin = [...wordChars(r.target), { ch: '\n', dynamic: false, offset: r.target.end }];
    } else if (r.type === 'Redirect' && r.operator === '<') stdin = undefined;
  }
  return stdin;
}

function leadingTab(chars: readonly OutChar[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (chars[k]!.ch === '\n') return true;
    if (chars[k]!.ch !== '\t') return false;
  }
  return true;
}

/** What a simple command prints, or undefined when it is not something we can read. */
function commandOutput(command: Command): OutChar[] | undefined {
  const name = command.name?.value;
  const words = commandWords(command);
  if (name === 'echo') return echoOutput(words);
  if (name === 'printf') return printfOutput(words);
  if (name === 'cat' && words.every((w) => w.value === '-')) return stdinOf(commandRedirects(command));
  return undefined;
}

/** The lines written to GITHUB_ENV by a script, in the order they appear. */
function writtenText(script: string): OutChar[] {
  const out: OutChar[] = [];
  const write = (chars: OutChar[] | undefined, fallback: { text: string; pos: number }): void => {
    if (chars) out.push(...chars);
    // Another command's output: lines we cannot read (their own line, as GitHub needs).
    else out.push(...dynamicChars(`$(${fallback.text})`, fallback.pos), { ch: '\n', dynamic: true, offset: fallback.pos });
  };
  const visit = (node: SyntaxNode, toEnv: boolean): void => {
    switch (node.type) {
      case 'Command': {
        const target = stdoutTarget(commandRedirects(node));
        if (target === 'env' || (target === undefined && toEnv)) {
          write(commandOutput(node), { text: node.name?.text ?? '', pos: node.pos });
        }
        return;
      }
      case 'Redirected': {
        const target = stdoutTarget(node.redirects);
        visit(node.command, target === 'env' || (target === undefined && toEnv));
        return;
      }
      case 'Pipeline': {
        node.commands.forEach((command, i) => {
          const last = i === node.commands.length - 1;
          visit(command, last ? toEnv : isTeeToEnv(node.commands[i + 1]));
        });
        return;
      }
      case 'Word':
        // Words (and the scripts of `$(…)` inside them) print nothing to the file.
        return;
      default:
        forEachChild(node, (child) => visit(child, toEnv));
    }
  };
  const parsed = parse(script);
  visit(parsed, false);
  return out;
}

/** Variables a step's script sets for later steps by writing to `$GITHUB_ENV`. */
export function githubEnvWrites(script: string): GithubEnvWrite[] {
  if (!script.includes('GITHUB_ENV')) return [];
  const chars = writtenText(script);
  const lines: OutChar[][] = [[]];
  for (const c of chars) {
    if (c.ch === '\n') lines.push([]);
    else lines[lines.length - 1]!.push(c);
  }
  const text = (line: readonly OutChar[]) => line.map((c) => c.ch).join('');
  const writes: GithubEnvWrite[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const content = text(line);
    const multi = /^([A-Za-z_][A-Za-z0-9_]*)<<(.+)$/.exec(content);
    if (multi && !line.slice(0, multi[1]!.length + 2).some((c) => c.dynamic)) {
      const delimiter = multi[2]!;
      const body: OutChar[][] = [];
      let j = i + 1;
      for (; j < lines.length && text(lines[j]!) !== delimiter; j++) body.push(lines[j]!);
      const dynamic = line.some((c) => c.dynamic) || body.some((l) => l.some((c) => c.dynamic)) || j >= lines.length;
      writes.push({ name: multi[1]!, value: body.map(text).join('\n'), dynamic, offset: line[0]!.offset });
      i = j;
      continue;
    }
    const single = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(content);
    if (!single || line.slice(0, single[0].length).some((c) => c.dynamic)) continue;
    const value = line.slice(single[0].length);
    writes.push({ name: single[1]!, value: text(value), dynamic: value.some((c) => c.dynamic), offset: line[0]!.offset });
  }
  return writes;
}
