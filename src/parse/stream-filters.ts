// What a text filter in a pipeline writes, given the text it reads: `echo cm0gLXJmIC8= | base64 -d
// | sh` runs `rm -rf /`, `xxd -r -p <<< 726d202d7266202f | bash` too, `echo '/ fr- mr' | rev | sh`
// too. When the line shows the input, the output is computed and the shell at the end judged on
// it — as bash would run it. When it does not (`curl … | base64 -d | sh`), the decoder's output
// is code written so that nobody can read it first (the DECODERS below mark it).
// Pure: a filter's words and its input text in, its output text out (undefined: not known here).

import { table } from '../util/dict.js';

/** How each filter is read: whether its options select the form computed here, and the
 *  computation. A filter given a file operand reads the file, not its input: not known here. */
interface Filter {
  /** The output for input `text`, or undefined when the options ask for something not computed. */
  run(options: readonly string[], operands: readonly string[], text: string): string | undefined;
}

const BASE64_DECODE = new Set(['-d', '--decode', '-D']);
/** base64/base32 options that change nothing computed here (wrapping applies only to encoding). */
const CODEC_HARMLESS = /^(-i|--ignore-garbage|-w\d*|--wrap(=\d+)?)$/;

function codec(encode: (bytes: Buffer) => string, decode: (text: string) => Buffer | undefined): Filter {
  return {
    run(options, operands, text) {
      if (operands.length > 0 && !(operands.length === 1 && operands[0] === '-')) return undefined;
      let decoding = false;
      for (const option of options) {
        if (BASE64_DECODE.has(option)) decoding = true;
        else if (!CODEC_HARMLESS.test(option)) return undefined;
      }
      if (!decoding) return encode(Buffer.from(text, 'utf8'));
      return decode(text.replace(/\s+/g, ''))?.toString('utf8');
    },
  };
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index === -1) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function base32Encode(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return `${out}${'='.repeat((8 - (out.length % 8)) % 8)}\n`;
}

const base64 = codec(
  (bytes) => `${bytes.toString('base64')}\n`,
  (text) => (/^[A-Za-z0-9+/=_-]*$/.test(text) ? Buffer.from(text, 'base64') : undefined),
);
const base32 = codec(base32Encode, base32Decode);

/** `xxd -r -p`: plain hex back to bytes (the hexdump form with offsets is not computed). */
const xxd: Filter = {
  run(options, operands, text) {
    if (operands.length > 0) return undefined;
    const flags = new Set(options.flatMap((option) => (/^-[a-z]+$/.test(option) ? [...option.slice(1)].map((c) => `-${c}`) : [option])));
    const reverse = flags.has('-r') || flags.has('-revert');
    const plain = flags.has('-p') || flags.has('-ps') || flags.has('-postscript') || flags.has('-plain');
    if (!reverse || !plain || [...flags].some((flag) => !['-r', '-p', '-s', '-revert', '-ps', '-postscript', '-plain'].includes(flag))) return undefined;
    const hex = text.replace(/\s+/g, '');
    return /^([0-9a-fA-F]{2})*$/.test(hex) ? Buffer.from(hex, 'hex').toString('utf8') : undefined;
  },
};

/** `rev`: each line's characters reversed. */
const rev: Filter = {
  run: (options, operands, text) =>
    options.length > 0 || operands.length > 0
      ? undefined
      : text
          .split('\n')
          .map((line) => [...line].reverse().join(''))
          .join('\n'),
};

/** `cat` with no file: its input, unchanged. */
const cat: Filter = {
  run: (options, operands, text) => (options.length === 0 && (operands.length === 0 || (operands.length === 1 && operands[0] === '-')) ? text : undefined),
};

const TR_CLASSES: Readonly<Record<string, string>> = table({
  '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
  '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '[:digit:]': '0123456789',
  '[:space:]': ' \t\n\r\f\v',
  '[:blank:]': ' \t',
});
const TR_ESCAPES: Readonly<Record<string, string>> = table({ n: '\n', t: '\t', r: '\r', '\\': '\\' });

/** A `tr` set spelled out: ranges (`a-z`), classes (`[:upper:]`) and `\n`-style escapes. */
function trSet(spec: string): string | undefined {
  let out = '';
  for (let i = 0; i < spec.length;) {
    const cls = Object.keys(TR_CLASSES).find((name) => spec.startsWith(name, i));
    if (cls) {
      out += TR_CLASSES[cls];
      i += cls.length;
      continue;
    }
    let char = spec[i]!;
    if (char === '[' || (char === '\\' && /[0-7]/.test(spec[i + 1] ?? ''))) return undefined;
    if (char === '\\') {
      char = TR_ESCAPES[spec[i + 1] ?? ''] ?? spec[i + 1] ?? '\\';
      i += 2;
    } else i++;
    if (spec[i] === '-' && i + 1 < spec.length) {
      const end = spec[i + 1]!;
      if (end.charCodeAt(0) < char.charCodeAt(0)) return undefined;
      for (let code = char.charCodeAt(0); code <= end.charCodeAt(0); code++) out += String.fromCharCode(code);
      i += 2;
    } else out += char;
  }
  return out;
}

/** `tr SET1 SET2` (the last of SET2 repeats, as GNU tr pads it) and `tr -d SET`. */
const tr: Filter = {
  run(options, operands, text) {
    if (options.length === 1 && options[0] === '-d' && operands.length === 1) {
      const remove = trSet(operands[0]!);
      return remove === undefined ? undefined : [...text].filter((char) => !remove.includes(char)).join('');
    }
    if (options.length > 0 || operands.length !== 2) return undefined;
    const from = trSet(operands[0]!);
    const to = trSet(operands[1]!);
    if (from === undefined || !to) return undefined;
    const map = new Map<string, string>();
    [...from].forEach((char, index) => map.set(char, to[Math.min(index, to.length - 1)]!));
    return [...text].map((char) => map.get(char) ?? char).join('');
  },
};

/** `openssl base64 -d`, `openssl enc -base64 -d [-A]`: base64 through openssl. */
const openssl: Filter = {
  run(options, operands, text) {
    const [subcommand, ...rest] = operands;
    const flags = [...options, ...rest];
    const isBase64 = subcommand === 'base64' || (subcommand === 'enc' && (flags.includes('-base64') || flags.includes('-a')));
    if (!isBase64 || rest.length > 0 || options.some((option) => !['-d', '-A', '-base64', '-a'].includes(option))) return undefined;
    return base64.run(options.includes('-d') ? ['-d'] : [], [], text);
  },
};

/** `basenc --base64 -d`, `basenc --base32 -d`. */
const basenc: Filter = {
  run(options, operands, text) {
    const rest = options.filter((option) => option !== '--base64' && option !== '--base32');
    if (options.includes('--base64')) return base64.run(rest, operands, text);
    if (options.includes('--base32')) return base32.run(rest, operands, text);
    return undefined;
  },
};

/** Filters computed here, by command name. */
const FILTERS: Readonly<Record<string, Filter>> = table({ base64, base32, basenc, xxd, rev, cat, tr, openssl });

/**
 * Decoders: what they write is text turned back from a form nobody reads (`base64 -d`, `xxd -r`,
 * `rev`). A shell fed their output without the line showing their input runs code written to be
 * unreadable. Encryption tools (gpg, openssl enc with a cipher) are not here: `eval "$(gpg -d
 * secrets.env.gpg)"` is how teams load their own secrets.
 */
const DECODERS: Readonly<Record<string, (options: readonly string[], operands: readonly string[]) => boolean>> = table({
  base64: (options) => options.some((option) => BASE64_DECODE.has(option)),
  base32: (options) => options.some((option) => BASE64_DECODE.has(option)),
  basenc: (options) => options.some((option) => BASE64_DECODE.has(option)),
  xxd: (options) => options.some((option) => /^-[a-z]*r/.test(option) || option === '-revert'),
  uudecode: () => true,
  rev: () => true,
  openssl: (options, operands) => operands[0] === 'base64' && options.includes('-d'),
});

/** Command names whose output, run as code, is decoded text (a substitution's producers). */
export const DECODER_NAMES: ReadonlySet<string> = new Set(Object.keys(DECODERS));

function split(args: readonly string[]): { options: string[]; operands: string[] } {
  const options: string[] = [];
  const operands: string[] = [];
  let ended = false;
  for (const arg of args) {
    if (!ended && arg === '--') ended = true;
    else if (!ended && /^-./.test(arg)) options.push(arg);
    else operands.push(arg);
  }
  return { options, operands };
}

/** Is `name args` a filter computed here? */
export function isStreamFilter(name: string): boolean {
  return Object.hasOwn(FILTERS, name);
}

/** What `name args` writes when it reads `text`; undefined when not computed here. */
export function filterOutput(name: string, args: readonly string[], text: string): string | undefined {
  if (!isStreamFilter(name)) return undefined;
  const filter = FILTERS[name]!;
  const { options, operands } = split(args);
  return filter.run(options, operands, text);
}

/** Does `name args` decode its input (base64 -d, xxd -r, rev …)? */
export function decodes(name: string, args: readonly string[]): boolean {
  if (!Object.hasOwn(DECODERS, name)) return false;
  const decoder = DECODERS[name]!;
  const { options, operands } = split(args);
  return decoder(options, operands);
}
