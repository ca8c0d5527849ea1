// fish lines for a POSIX-shell parser. prodguard's parser reads bash; fish differs in ways that
// matter to a guard: `(cmd)` is a command substitution, blocks end with `end`, `and`/`or`/`not`
// prefix commands, `set -x NAME value` exports. This turns a fish line into a POSIX line that
// runs the same commands with the same words — not the same control flow: every command in
// every branch is kept, which is what a judge wants (over-approximate, never under). Pure.

import { dict } from '../util/dict.js';

export interface FishTranslation {
  text: string;
  /** Why the line could not be read (unterminated quote or substitution). */
  errors: string[];
}

type Token = { kind: 'word'; posix: string; literal?: string } | { kind: 'redirect'; posix: string } | { kind: 'separator'; posix: string };

const SEPARATORS = new Set([';', '\n', '&&', '||', '|', '&']);
const DROPPED_PREFIXES = new Set(['and', 'or', 'not', '!', 'begin']);
const NO_OP_KEYWORDS = new Set(['end', 'function', 'return', 'break', 'continue', 'else']);
const ARGUMENT_KEYWORDS = new Set(['for', 'switch', 'case']);
const CONDITION_KEYWORDS = new Set(['if', 'while']);
const ESCAPE_LETTERS: Record<string, string> = dict({ n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' });

export function fishToPosix(source: string): FishTranslation {
  const errors: string[] = [];
  const text = translate(source, errors, 0);
  return { text, errors };
}

function translate(source: string, errors: string[], depth: number): string {
  if (depth > 20) {
    errors.push('command substitutions nested too deeply');
    return ':';
  }
  const tokens = tokenize(source, errors, depth);
  const out: string[] = [];
  let statement: Token[] = [];
  const flush = (separator?: string) => {
    out.push(statementText(statement));
    statement = [];
    if (separator) out.push(separator === '\n' ? '\n' : ` ${separator} `);
  };
  for (const token of tokens) {
    if (token.kind === 'separator') flush(token.posix);
    else statement.push(token);
  }
  if (statement.length > 0) flush();
  // Drop trailing separators that would leave a dangling `&&`/`|` (they came from the input).
  return out.join('').replace(/\s+$/, '');
}

/** One statement, with fish's keywords turned into what POSIX needs to see the same commands. */
function statementText(tokens: Token[]): string {
  let rest = tokens;
  for (;;) {
    const first = rest[0];
    const keyword = first?.kind === 'word' ? first.literal : undefined;
    if (keyword === undefined) break;
    if (DROPPED_PREFIXES.has(keyword) || CONDITION_KEYWORDS.has(keyword)) {
      rest = rest.slice(1);
      continue;
    }
    if (keyword === 'else' && rest[1]?.kind === 'word' && rest[1].literal === 'if') {
      rest = rest.slice(2);
      continue;
    }
    if (NO_OP_KEYWORDS.has(keyword)) return ':';
    // `for f in (ls)`: the words are not commands, but substitutions in them are.
    if (ARGUMENT_KEYWORDS.has(keyword)) return words([{ kind: 'word', posix: ':' }, ...rest.slice(1)]);
    if (keyword === 'set') return setStatement(rest.slice(1));
    break;
  }
  return rest.length === 0 ? ':' : words(rest);
}

function words(tokens: Token[]): string {
  return tokens.map((token) => token.posix).join(' ');
}

/** `set [-gx] NAME VALUE…` → `export NAME=VALUE…`; `set -e NAME` → `unset NAME`. */
function setStatement(tokens: Token[]): string {
  const flags = new Set<string>();
  let index = 0;
  for (; index < tokens.length; index++) {
    const literal = tokens[index]!.kind === 'word' ? (tokens[index] as { literal?: string }).literal : undefined;
    if (literal === undefined || !literal.startsWith('-') || literal === '-') break;
    if (literal === '--') {
      index++;
      break;
    }
    if (literal.startsWith('--')) flags.add(literal.slice(2));
    else for (const letter of literal.slice(1)) flags.add(letter);
  }
  const nameToken = tokens[index];
  const name = nameToken?.kind === 'word' ? nameToken.literal : undefined;
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || flags.has('q') || flags.has('query')) {
    return words([{ kind: 'word', posix: ':' }, ...tokens.slice(index)]);
  }
  if (flags.has('e') || flags.has('erase')) return `unset ${name}`;
  const values = tokens.slice(index + 1).filter((token) => token.kind === 'word');
  const value = values.length === 0 ? "''" : values.map((token) => token.posix).join("' '");
  const exported = flags.has('x') || flags.has('export');
  return `${exported ? 'export ' : ''}${name}=${value}`;
}

function tokenize(source: string, errors: string[], depth: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const char = source[i]!;
    if (char === ' ' || char === '\t') {
      i++;
      continue;
    }
    if (char === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (char === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: 'separator', posix: two });
      i += 2;
      continue;
    }
    if (two === '&|') {
      // fish: pipe standard output and standard error.
      tokens.push({ kind: 'separator', posix: '|' });
      i += 2;
      continue;
    }
    const redirect = /^(?:&>>?|\d*(?:>>|>\?|>\||>|<)(?:&(?:\d+|-))?)/.exec(source.slice(i));
    if (redirect) {
      const raw = redirect[0].replace('>?', '>').replace('>|', '>');
      tokens.push({ kind: 'redirect', posix: raw });
      i += redirect[0].length;
      continue;
    }
    if (SEPARATORS.has(char)) {
      tokens.push({ kind: 'separator', posix: char });
      i++;
      continue;
    }
    const word = readWord(source, i, errors, depth);
    tokens.push(word.token);
    i = word.end;
  }
  return tokens;
}

function readWord(source: string, start: number, errors: string[], depth: number): { token: Token; end: number } {
  let i = start;
  let posix = '';
  let literal: string | undefined = '';
  const n = source.length;
  while (i < n) {
    const char = source[i]!;
    if (char === ' ' || char === '\t' || char === '\n' || char === ';' || char === '|' || char === '&' || char === '<' || char === '>') break;
    if (char === "'") {
      const close = readSingleQuoted(source, i + 1);
      if (close.end === -1) {
        errors.push('unterminated single quote');
        return { token: { kind: 'word', posix: posix + singleQuote(close.value) }, end: n };
      }
      posix += singleQuote(close.value);
      if (literal !== undefined) literal += close.value;
      i = close.end;
      continue;
    }
    if (char === '"') {
      const quoted = readDoubleQuoted(source, i + 1, errors, depth);
      posix += quoted.posix;
      literal = quoted.dynamic || literal === undefined ? undefined : literal + quoted.literal;
      i = quoted.end;
      if (quoted.end === -1) return { token: { kind: 'word', posix }, end: n };
      continue;
    }
    if (char === '\\') {
      const next = source[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      const escaped = ESCAPE_LETTERS[next];
      if (escaped !== undefined) {
        posix += singleQuote(escaped);
        if (literal !== undefined) literal += escaped;
      } else {
        posix += `\\${next}`;
        if (literal !== undefined) literal += next;
      }
      i += 2;
      continue;
    }
    if (char === '$') {
      if (source[i + 1] === '(') {
        const inner = readParenthesised(source, i + 2, errors);
        posix += `$(${translate(inner.text, errors, depth + 1)})`;
        literal = undefined;
        i = inner.end;
        continue;
      }
      const variable = readVariable(source, i + 1);
      if (variable.name) {
        posix += `\${${variable.name}}`;
        literal = undefined;
        i = variable.end;
        continue;
      }
      posix += '\\$';
      if (literal !== undefined) literal += '$';
      i++;
      continue;
    }
    if (char === '(') {
      // fish command substitution.
      const inner = readParenthesised(source, i + 1, errors);
      posix += `"$(${translate(inner.text, errors, depth + 1)})"`;
      literal = undefined;
      i = inner.end;
      continue;
    }
    if (char === ')') {
      errors.push("unexpected ')'");
      i++;
      continue;
    }
    if (char === '`' || char === '!') {
      // Plain characters in fish, special in POSIX.
      posix += `\\${char}`;
      if (literal !== undefined) literal += char;
      i++;
      continue;
    }
    posix += char;
    if (literal !== undefined) literal += char;
    i++;
  }
  return { token: literal !== undefined ? { kind: 'word', posix, literal } : { kind: 'word', posix }, end: i };
}

function readSingleQuoted(source: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\' && (source[i + 1] === "'" || source[i + 1] === '\\')) {
      value += source[++i];
      continue;
    }
    if (char === "'") return { value, end: i + 1 };
    value += char;
  }
  return { value, end: -1 };
}

function readDoubleQuoted(source: string, start: number, errors: string[], depth: number): { posix: string; literal: string; dynamic: boolean; end: number } {
  let posix = '"';
  let literal = '';
  let dynamic = false;
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    if (char === '"') return { posix: `${posix}"`, literal, dynamic, end: i + 1 };
    if (char === '\\') {
      const next = source[i + 1];
      if (next === '"' || next === '\\' || next === '$') {
        posix += `\\${next}`;
        literal += next;
        i++;
        continue;
      }
      if (next === '\n') {
        i++;
        continue;
      }
      posix += '\\\\';
      literal += '\\';
      continue;
    }
    if (char === '$') {
      if (source[i + 1] === '(') {
        const inner = readParenthesised(source, i + 2, errors);
        posix += `$(${translate(inner.text, errors, depth + 1)})`;
        dynamic = true;
        i = inner.end - 1;
        continue;
      }
      const variable = readVariable(source, i + 1);
      if (variable.name) {
        posix += `\${${variable.name}}`;
        dynamic = true;
        i = variable.end - 1;
        continue;
      }
      posix += '\\$';
      literal += '$';
      continue;
    }
    if (char === '`') {
      posix += '\\`';
      literal += char;
      continue;
    }
    posix += char;
    literal += char;
  }
  errors.push('unterminated double quote');
  return { posix: `${posix}"`, literal, dynamic, end: -1 };
}

/** `$name`, `$name[1]`, `$name[1..3]`: the index selects list items, the variable is what matters. */
function readVariable(source: string, start: number): { name: string; end: number } {
  let i = start;
  while (i < source.length && source[i] === '$') i++; // `$$name`: indirection, still about name
  const match = /^[A-Za-z0-9_]+/.exec(source.slice(i));
  if (!match) return { name: '', end: start };
  i += match[0].length;
  if (source[i] === '[') {
    const close = source.indexOf(']', i);
    if (close !== -1) i = close + 1;
  }
  return { name: match[0], end: i };
}

/** The text up to the matching `)`, quotes respected. */
function readParenthesised(source: string, start: number, errors: string[]): { text: string; end: number } {
  let level = 1;
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === "'") {
      const close = readSingleQuoted(source, i + 1);
      if (close.end === -1) break;
      i = close.end - 1;
      continue;
    }
    if (char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (char === '(') level++;
    if (char === ')' && --level === 0) return { text: source.slice(start, i), end: i + 1 };
  }
  errors.push('unterminated command substitution');
  return { text: source.slice(start), end: source.length };
}

function singleQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
