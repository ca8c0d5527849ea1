// What bash's `printf` and `echo -e` print for text the line spells out: the format filled in,
// escapes applied (`printf '\x72\x6d -rf /' | bash` runs rm). Pure: words in, text out;
// undefined where a conversion is not computed here.

import { table } from '../util/dict.js';

/**
 * What bash's `printf FORMAT ARGS…` prints, for the formats a line spells out: `%s`, `%b`, `%c`,
 * `%d`/`%i`, `%%` and the escapes bash's printf knows (`\n`, `\t`, `\xHH`, `\NNN` octal, `\uHHHH`
 * …: `printf '\x72\x6d -rf /' | bash` runs rm); the format is reused while arguments remain, as
 * bash does. Any other conversion, or a width or precision: undefined (not known here).
 */
export function printfOutput(format: string, args: readonly string[]): string | undefined {
  let out = '';
  let next = 0;
  for (let round = 0; round <= args.length; round++) {
    let consumed = 0;
    for (let k = 0; k < format.length; k++) {
      const c = format[k]!;
      if (c === '\\') {
        const escape = readEscape(format, k + 1, 'format');
        if (escape === undefined) return undefined;
        if (escape.stop) return out;
        out += escape.text;
        k = escape.next - 1;
      } else if (c === '%') {
        const conversion = format[++k];
        if (conversion === '%') {
          out += '%';
          continue;
        }
        const arg = args[next++] ?? '';
        consumed++;
        if (conversion === 's') out += arg;
        else if (conversion === 'b') {
          const expanded = expandEscapes(arg, 'argument');
          if (expanded === undefined) return undefined;
          out += expanded.text;
          if (expanded.stop) return out;
        } else if (conversion === 'c') out += arg.slice(0, 1);
        else if ((conversion === 'd' || conversion === 'i') && /^[-+]?\d*$/.test(arg)) out += String(Number(arg || '0'));
        else return undefined;
      } else out += c;
    }
    if (consumed === 0 || next >= args.length) break;
  }
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = table({
  n: '\n',
  t: '\t',
  '\\': '\\',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  r: '\r',
  v: '\v',
  '"': '"',
  "'": "'",
  '?': '?',
});

/**
 * One backslash escape at `at` (just after the backslash). Octal is `\NNN` in a format and
 * `\0NNN` in a `%b` argument or `echo -e` text, as in bash; `\c` stops all output.
 */
function readEscape(text: string, at: number, where: 'format' | 'argument'): { text: string; next: number; stop?: boolean } | undefined {
  const c = text[at];
  if (c === undefined) return { text: '\\', next: at };
  if (c === 'c') return { text: '', next: at + 1, stop: true };
  if (Object.hasOwn(ESCAPES, c)) return { text: ESCAPES[c]!, next: at + 1 };
  const octal = where === 'format' ? /^[0-7]{1,3}/.exec(text.slice(at)) : c === '0' ? /^[0-7]{0,3}/.exec(text.slice(at + 1)) : null;
  if (octal) return { text: String.fromCharCode(parseInt(octal[0] || '0', 8) & 0xff), next: at + (where === 'format' ? 0 : 1) + octal[0].length };
  const hex =
    c === 'x'
      ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(at + 1))
      : c === 'u'
        ? /^[0-9a-fA-F]{1,4}/.exec(text.slice(at + 1))
        : c === 'U'
          ? /^[0-9a-fA-F]{1,8}/.exec(text.slice(at + 1))
          : null;
  if (hex) {
    const code = parseInt(hex[0], 16);
    return code > 0x10ffff ? undefined : { text: String.fromCodePoint(code), next: at + 1 + hex[0].length };
  }
  // An unknown escape prints as written (`\q` is `\q`).
  return { text: `\\${c}`, next: at + 1 };
}

/** Text with `echo -e`/`%b` escapes applied; `stop` when a `\c` ended the output. */
export function expandEscapes(text: string, where: 'format' | 'argument' = 'argument'): { text: string; stop?: boolean } | undefined {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    if (text[k] !== '\\') {
      out += text[k];
      continue;
    }
    const escape = readEscape(text, k + 1, where);
    if (escape === undefined) return undefined;
    if (escape.stop) return { text: out, stop: true };
    out += escape.text;
    k = escape.next - 1;
  }
  return { text: out };
}

/** What `echo [-neE] WORDS` prints (bash's builtin: `-e` applies escapes, `-n` drops the newline). */
export function echoOutput(args: readonly string[]): string | undefined {
  let k = 0;
  let newline = true;
  let escapes = false;
  for (; k < args.length && /^-[neE]+$/.test(args[k]!); k++) {
    if (args[k]!.includes('n')) newline = false;
    if (args[k]!.includes('e')) escapes = true;
    else if (args[k]!.includes('E')) escapes = false;
  }
  const text = args.slice(k).join(' ');
  const expanded = escapes ? expandEscapes(text) : { text };
  return expanded === undefined ? undefined : expanded.text + (newline && !expanded.stop ? '\n' : '');
}

/** What `printf [--] FORMAT ARGS` prints; `printf -v NAME` prints nothing here (undefined). */
export function printfWords(args: readonly string[]): string | undefined {
  if (args[0]?.startsWith('-v')) return undefined;
  const [format, ...rest] = args[0] === '--' ? args.slice(1) : args;
  return format === undefined ? undefined : printfOutput(format, rest);
}
