// A careful tokenizer for the string literals and call positions of Python, Ruby, Perl, PHP and
// awk code given on a command line (`python -c`, `ruby -e`, `perl -e`, `php -r`, awk programs).
// No maintained, light npm parser covers these four languages, and prodguard needs only this much:
// which call names are followed by which literal arguments. Strings are decoded; a string with
// interpolation (`f"{x}"`, `"#{x}"`, `"$x"`) is marked dynamic, so a call on it fails closed.

import type { Language } from './sinks.js';
import { dict } from '../../util/dict.js';

export type Token =
  | { type: 'name'; value: string; pos: number }
  | { type: 'string'; value: string; dynamic: boolean; command?: boolean; pos: number }
  | { type: 'punct'; value: string; pos: number };

const ESCAPES: Record<string, string> = dict({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'", '`': '`', $: '$', a: '\x07', e: '\x1b' });

function decodeEscapes(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)/gs, (_m, code: string) => {
    if (code[0] === 'x') return String.fromCharCode(parseInt(code.slice(1), 16));
    if (code[0] === 'u') return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code) && code !== '0') return String.fromCharCode(parseInt(code, 8));
    return ESCAPES[code] ?? `\\${code}`;
  });
}

const CLOSERS: Record<string, string> = dict({ '(': ')', '[': ']', '{': '}', '<': '>' });

/** Interpolation inside a double-quoted (or backtick) string of each language. */
function interpolates(language: Language, body: string, prefix: string): boolean {
  switch (language) {
    case 'python':
      return /f/i.test(prefix) && /\{[^{]/.test(body.replaceAll('{{', ''));
    case 'ruby':
      return body.includes('#{');
    case 'julia':
      return /\$[A-Za-z_(]/.test(body);
    case 'perl':
    case 'php':
      return /[$@][A-Za-z_{]/.test(body);
    default:
      return false;
  }
}

export function tokenize(code: string, language: Language): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = code.length;
  const commentHash = language !== 'javascript';
  while (i < n) {
    const c = code[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((commentHash && c === '#' && !(language === 'ruby' && code[i + 1] === '{')) || (language === 'php' && c === '/' && code[i + 1] === '/')) {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    // Perl qx{…} / q{…} / qq{…}, Ruby %x{…} / %q{…} / %Q{…} / %w{…}.
    const quoteLike =
      language === 'perl'
        ? /^(qx|qq|q|qw)\s*([^\w\s])/.exec(code.slice(i, i + 4))
        : language === 'ruby'
          ? /^%([xqQwW]?)([^\w\s=])/.exec(code.slice(i, i + 3))
          : null;
    if (quoteLike && (i === 0 || !/[\w$@]/.test(code[i - 1]!))) {
      const open = quoteLike[2]!;
      const close = CLOSERS[open] ?? open;
      let j = i + quoteLike[0].length;
      let depth = 1;
      let body = '';
      while (j < n) {
        const ch = code[j]!;
        if (ch === '\\') {
          body += ch + (code[j + 1] ?? '');
          j += 2;
          continue;
        }
        if (ch === open && close !== open) depth++;
        else if (ch === close && --depth === 0) break;
        body += ch;
        j++;
      }
      const kind = quoteLike[1]!;
      const command = kind === 'x' || kind === 'qx';
      const interpolating = !(kind === 'q' || kind === 'qw' || kind === 'w');
      tokens.push({
        type: 'string',
        value: interpolating ? decodeEscapes(body) : body,
        dynamic: interpolating && interpolates(language, body, ''),
        command,
        pos: i,
      });
      i = j + 1;
      continue;
    }
    // Perl's glob operator: `<"/var/lib/mysql/*">`, `</etc/*>` is `glob("/etc/*")` (not `<STDIN>` or `<$fh>`).
    const perlGlob = language === 'perl' && c === '<' ? /^<([^\s<>$@]*[/*?][^\s<>$@]*)>/.exec(code.slice(i)) : null;
    if (perlGlob) {
      tokens.push({ type: 'name', value: 'glob', pos: i });
      tokens.push({ type: 'string', value: perlGlob[1]!.replace(/^"(.*)"$/, '$1'), dynamic: false, pos: i + 1 });
      i += perlGlob[0].length;
      continue;
    }
    const stringStart = /^([rRbBuUfF]{0,2})("""|'''|"|'|`)/.exec(code.slice(i, i + 5));
    if (stringStart && (stringStart[1] === '' || language === 'python') && (stringStart[2] !== '`' || language !== 'python')) {
      const [whole, prefix = '', quote = '"'] = stringStart;
      let j = i + whole.length;
      let body = '';
      while (j < n && !code.startsWith(quote, j)) {
        if (code[j] === '\\' && !/r/i.test(prefix)) {
          body += code[j]! + (code[j + 1] ?? '');
          j += 2;
          continue;
        }
        body += code[j];
        j++;
      }
      const single = quote.startsWith("'");
      // Single quotes are literal in Ruby, Perl, PHP (but for \\ and \').
      const literal = single && language !== 'python';
      const value = literal ? body.replace(/\\([\\'])/g, '$1') : /r/i.test(prefix) ? body : decodeEscapes(body);
      const dynamic = !single && quote !== "'''" && interpolates(language, body, prefix);
      tokens.push({ type: 'string', value, dynamic: dynamic || (quote === '`' && interpolates(language, body, prefix)), command: quote === '`', pos: i });
      i = j + quote.length;
      continue;
    }
    const name = /^(?:[$@%]?[A-Za-z_][A-Za-z0-9_]*)(?:(?:\.|::|->)[A-Za-z_][A-Za-z0-9_]*)*[!?]?/.exec(code.slice(i));
    if (name) {
      tokens.push({ type: 'name', value: name[0].replace(/::|->/g, '.'), pos: i });
      i += name[0].length;
      continue;
    }
    if (/\d/.test(c)) {
      const number = /^\d[\w.]*/.exec(code.slice(i))![0];
      tokens.push({ type: 'name', value: number, pos: i });
      i += number.length;
      continue;
    }
    const two = code.slice(i, i + 2);
    if (['=>', '==', '!=', '<=', '>=', '&&', '||', '**', '..', '<<', '>>'].includes(two)) {
      tokens.push({ type: 'punct', value: two, pos: i });
      i += 2;
      continue;
    }
    tokens.push({ type: 'punct', value: c, pos: i });
    i++;
  }
  return tokens;
}
