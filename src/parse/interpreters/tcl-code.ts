// Tcl given to `tclsh` on its standard input (a heredoc, a herestring, `echo … | tclsh`): `exec
// PROG ARGS…` runs a program with its arguments (no shell), `file delete -force PATH` removes a
// tree, `open "|PROG …"` starts a pipeline, and `eval`/`catch`/`if`/`foreach` bodies are more Tcl.
// No maintained Tcl parser exists on npm; Tcl's syntax is its twelve rules (Tcl(n)), of which this
// reader needs the word rules: commands end at a newline or `;`, `{…}` is one literal word, `"…"`
// and bare words substitute `$name` and `[command]` (then the word is computed: dynamic), `#`
// starts a comment where a command starts.

import type { CodeEffect } from './effects.js';
import { RM_FILE, RM_RECURSIVE } from './effects.js';

interface TclWord {
  text: string;
  /** Holds a `$` or `[…]` substitution, or `{*}`: its value is only known when it runs. */
  dynamic: boolean;
  /** Written in braces: a literal that may be a script (`catch { exec rm … }`). */
  braced: boolean;
}

const MAX_DEPTH = 4;

/** The commands of a Tcl script, each as its words, plus the bodies of `[…]` substitutions. */
function tclCommands(code: string): { commands: TclWord[][]; substitutions: string[] } {
  const commands: TclWord[][] = [];
  const substitutions: string[] = [];
  let words: TclWord[] = [];
  let i = 0;
  const n = code.length;
  const endCommand = () => {
    if (words.length > 0) commands.push(words);
    words = [];
  };
  /** The end of a `[…]` starting at `open`, and its body. */
  const bracket = (open: number): number => {
    let depth = 0;
    for (let k = open; k < n; k++) {
      if (code[k] === '\\') k++;
      else if (code[k] === '[') depth++;
      else if (code[k] === ']' && --depth === 0) {
        substitutions.push(code.slice(open + 1, k));
        return k + 1;
      }
    }
    return n;
  };
  while (i < n) {
    const c = code[i]!;
    if (c === '\\' && code[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      endCommand();
      i++;
      continue;
    }
    if (c === '#' && words.length === 0) {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (code.startsWith('{*}', i)) {
      words.push({ text: '', dynamic: true, braced: false });
      i += 3;
      while (i < n && !/\s|;/.test(code[i]!)) i++;
      continue;
    }
    if (c === '{') {
      let depth = 0;
      let k = i;
      for (; k < n; k++) {
        if (code[k] === '\\') k++;
        else if (code[k] === '{') depth++;
        else if (code[k] === '}' && --depth === 0) break;
      }
      words.push({ text: code.slice(i + 1, k), dynamic: false, braced: true });
      i = k + 1;
      continue;
    }
    let text = '';
    let dynamic = false;
    // A quoted word runs to its closing quote, a bare one to white space or `;`; both take
    // backslash escapes, and a `$` or `[…]` inside makes the word's value unknown here.
    const quoted = c === '"';
    if (quoted) i++;
    while (i < n && (quoted ? code[i] !== '"' : !/[\s;]/.test(code[i]!))) {
      if (code[i] === '\\') {
        text += unescape(code[i + 1] ?? '');
        i += 2;
      } else if (code[i] === '[') {
        dynamic = true;
        i = bracket(i);
      } else {
        if (code[i] === '$') dynamic = true;
        text += code[i];
        i++;
      }
    }
    if (quoted) i++;
    words.push({ text, dynamic, braced: false });
  }
  endCommand();
  return { commands, substitutions };
}

function unescape(c: string): string {
  return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c;
}

/** Commands whose braced arguments are scripts Tcl runs (or may run). */
const BODY_COMMANDS = new Set(['eval', 'catch', 'if', 'elseif', 'else', 'while', 'for', 'foreach', 'proc', 'uplevel', 'try', 'after', 'time', 'namespace']);

/** `exec`'s argument list as the programs it runs: options dropped, redirections skipped, `|` splits. */
function execEffects(args: readonly TclWord[]): CodeEffect[] {
  let start = 0;
  while (args[start] && /^-(ignorestderr|keepnewline)$/.test(args[start]!.text)) start++;
  if (args[start]?.text === '--') start++;
  const programs: string[][] = [[]];
  for (let k = start; k < args.length; k++) {
    const word = args[k]!;
    if (word.dynamic) return [{ kind: 'dynamic', sink: 'exec' }];
    if (word.text === '|' || word.text === '|&') {
      programs.push([]);
      continue;
    }
    if (word.text === '&') continue;
    // `> file`, `2> file`, `< file`, `<< text`: the next word is the redirection's target.
    if (/^(?:[0-9]?[<>]{1,2}&?|2>@|>@|<@|>&|>>&|2>>?)$/.test(word.text)) {
      k++;
      continue;
    }
    if (/^(?:[0-9]?[<>]|2>|>&|<@|>@)/.test(word.text)) continue;
    programs.at(-1)!.push(word.text);
  }
  return programs.filter((words) => words.length > 0).map((words) => ({ kind: 'argv' as const, words, sink: 'exec' }));
}

export function analyzeTcl(code: string, depth = 0): CodeEffect[] {
  if (depth > MAX_DEPTH) return [{ kind: 'dynamic', sink: 'nested Tcl' }];
  const { commands, substitutions } = tclCommands(code);
  const effects: CodeEffect[] = [];
  for (const [name, ...args] of commands) {
    // A computed command name (`$cmd args`) is also what `if {$x > 0}` reads as: not judged here.
    if (!name || name.dynamic) continue;
    if (name.text === 'exec') effects.push(...execEffects(args));
    else if (name.text === 'file' && args[0]?.text === 'delete') {
      const rest = args.slice(1);
      const force = rest.some((word) => word.text === '-force');
      for (const word of rest) {
        if (word.text === '-force' || word.text === '--') continue;
        if (word.dynamic) effects.push({ kind: 'dynamic', sink: 'file delete' });
        else effects.push({ kind: 'argv', words: [...(force ? RM_RECURSIVE : RM_FILE).argv, word.text], sink: 'file delete' });
      }
    } else if (name.text === 'open' && args[0]?.text.startsWith('|')) {
      effects.push(args[0].dynamic ? { kind: 'dynamic', sink: 'open |' } : { kind: 'shell', text: args[0].text.slice(1), sink: 'open |' });
    } else if ((name.text === 'eval' || name.text === 'uplevel') && args.some((word) => word.dynamic && !word.braced)) {
      effects.push({ kind: 'dynamic', sink: name.text });
    }
    if (BODY_COMMANDS.has(name.text)) for (const word of args) if (word.braced) effects.push(...analyzeTcl(word.text, depth + 1));
  }
  for (const body of substitutions) effects.push(...analyzeTcl(body, depth + 1));
  return effects;
}
