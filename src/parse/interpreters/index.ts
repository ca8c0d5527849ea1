// Interpreters (issue 11, class 3): what `python -c`, `python3 - <<EOF`, `node -e/-p`, `ruby -e`,
// `perl -e`, `php -r` and awk programs would run is judged as the shell line or rm it is.
// The rule of thumb: what bash would run, prodguard judges — and these programs run shell lines
// (os.system, execSync, backticks, system()) or delete trees themselves (shutil.rmtree,
// FileUtils.rm_rf, fs.rmSync). Pure: an invocation in, the steps it would take out.

import type { ExpandedWord, Invocation, ReadFiles } from '../../types.js';
import { pathOf } from '../task-files.js';
import type { UnwrapStep } from '../wrappers/step.js';
import { analyzeCode } from './calls.js';
import { analyzeJavaScript } from './javascript.js';
import { analyzeLua } from './lua-code.js';
import { analyzeTcl } from './tcl-code.js';
import { analyzePowerShell, decodeEncodedCommand, isKnownCmdlet, knownCmdletNames } from './powershell.js';
import { withEnvironment, type CodeEffect } from './effects.js';
import { bindArguments } from './arguments.js';
import type { Language } from './sinks.js';
import { UNSEEN_SCRIPT } from '../runners.js';
import { clientWords } from './databases.js';
import { table } from '../../util/dict.js';

interface InterpreterSpec {
  language: Language;
  /** Options whose next word is the code (`-c`, `-e`); repeated ones are joined by newlines. */
  code: readonly string[];
  /** Options whose next word is another value (skipped). */
  withValue: readonly string[];
  /** Options after which the rest is not this interpreter's business (`python -m module`). */
  stop: readonly string[];
  /** The first positional is the program (awk). */
  programFirst?: boolean;
  /** Short option letters that can be clustered before the code letter (`perl -lne`). */
  cluster?: boolean;
}

const PYTHON: InterpreterSpec = { language: 'python', code: ['-c'], withValue: ['-W', '-X', '--check-hash-based-pycs'], stop: ['-m'] };
const NODE: InterpreterSpec = {
  language: 'javascript',
  code: ['-e', '--eval', '-p', '--print'],
  withValue: [
    '-r',
    '--require',
    '--import',
    '--loader',
    '--experimental-loader',
    '--input-type',
    '--env-file',
    '-C',
    '--conditions',
    '--inspect-port',
    '--title',
  ],
  stop: [],
};
const RUBY: InterpreterSpec = { language: 'ruby', code: ['-e'], withValue: ['-r', '-I', '-C', '-E', '--encoding', '-F', '-x'], stop: [], cluster: true };
const PERL: InterpreterSpec = {
  language: 'perl',
  code: ['-e', '-E'],
  withValue: ['-I', '-M', '-m', '-x', '-i', '-l', '-0', '-F', '-C', '-d', '-D'],
  stop: [],
  cluster: true,
};
const PHP: InterpreterSpec = { language: 'php', code: ['-r'], withValue: ['-d', '-c', '-z', '-t', '-S', '-f'], stop: [] };
const AWK: InterpreterSpec = {
  language: 'awk',
  code: [],
  withValue: ['-F', '-v', '-f', '--field-separator', '--assign', '--file', '-i', '--include', '-l', '--load'],
  stop: ['-f', '--file'],
  programFirst: true,
};
const DENO: InterpreterSpec = { ...NODE, code: ['eval', '-e', '--eval'] };
// pwsh/powershell: read by powershellCode below (case-insensitive parameters, unambiguous prefixes).
const POWERSHELL: InterpreterSpec = { language: 'powershell', code: [], withValue: [], stop: [] };
// lua(1): `-e STAT` (repeatable), `-l NAME` loads a library, `-` reads standard input.
const LUA: InterpreterSpec = { language: 'lua', code: ['-e'], withValue: ['-l'], stop: [] };
// Rscript/R: `-e EXPR` (repeatable); `R -f FILE` and `Rscript FILE` run a script the line does not show.
const R: InterpreterSpec = { language: 'r', code: ['-e'], withValue: [], stop: ['-f'] };
// julia: `-e`/`-E`/`--eval`/`--print CODE`.
const JULIA: InterpreterSpec = {
  language: 'julia',
  code: ['-e', '-E', '--eval', '--print'],
  withValue: ['-t', '--threads', '-p', '--procs', '-J', '--sysimage', '-L', '--load', '-C', '--cpu-target', '-O'],
  stop: [],
};
// tclsh has no code option: a first word is a script file, none means standard input.
const TCL: InterpreterSpec = { language: 'tcl', code: [], withValue: ['-encoding'], stop: [] };

const INTERPRETERS: Readonly<Record<string, InterpreterSpec>> = table({
  python: PYTHON,
  python2: PYTHON,
  python3: PYTHON,
  pypy: PYTHON,
  pypy3: PYTHON,
  node: NODE,
  nodejs: NODE,
  bun: NODE,
  deno: DENO,
  ruby: RUBY,
  jruby: RUBY,
  perl: PERL,
  php: PHP,
  awk: AWK,
  gawk: AWK,
  mawk: AWK,
  nawk: AWK,
  lua: LUA,
  luajit: LUA,
  'lua5.1': LUA,
  'lua5.2': LUA,
  'lua5.3': LUA,
  'lua5.4': LUA,
  Rscript: R,
  R: R,
  julia: JULIA,
  tclsh: TCL,
  jimsh: TCL,
  pwsh: POWERSHELL,
  'pwsh-preview': POWERSHELL,
  powershell: POWERSHELL,
  'powershell.exe': POWERSHELL,
  'pwsh.exe': POWERSHELL,
});

function specFor(name: string): InterpreterSpec | undefined {
  if (Object.hasOwn(INTERPRETERS, name)) return INTERPRETERS[name];
  // python3.12, pypy3.10, perl5.36
  const base = /^(python|pypy|perl|ruby|php|tclsh|julia)[0-9.]*$/.exec(name)?.[1];
  return base ? INTERPRETERS[base] : undefined;
}

/** The code an interpreter invocation would run, when the line shows it. */
export function codeOf(inv: Invocation): { language: Language; code: string } | undefined {
  const found = scanInterpreter(inv);
  if (!found || !('code' in found)) return undefined;
  // The words after the code are its arguments (`sys.argv[1]`), awk's `-v name=value` its variables.
  const rest = found.argsFrom === undefined ? [] : inv.args.slice(found.argsFrom);
  // A word the line cannot know, or a variable not set, leaves the code's reference unknown.
  const argv = rest.some((word) => word.dynamic || word.unsetVariables.length > 0)
    ? undefined
    : rest.map((word) => word.value).filter((value, index) => index > 0 || value !== '--');
  return { language: found.language, code: bindArguments(found.language, found.code, argv, found.awkVariables) };
}

/** Languages whose script files are read and judged as their `-c`/`-e` code is. */
const SCRIPT_FILE_LANGUAGES: ReadonlySet<Language> = new Set(['javascript', 'python', 'ruby', 'perl', 'php']);

/**
 * The script file an interpreter runs (`node scripts/nuke.js`, `python3 tools/purge.py`): its
 * first operand, when the line names it with a word it shows.
 */
export function scriptFileOf(inv: Invocation): { language: Language; file: string } | undefined {
  const found = scanInterpreter(inv);
  if (!found || !('script' in found) || !SCRIPT_FILE_LANGUAGES.has(found.language)) return undefined;
  const word = inv.args[found.script];
  // A file names itself with a folder or an extension; a bare word is a subcommand of a runtime
  // that has them (`bun run-script db:reset`, `deno task`), not a program to read.
  if (!word || word.dynamic || word.value === '-' || !/[./]/.test(word.value)) return undefined;
  return { language: found.language, file: word.value };
}

type Scanned = { language: Language; code: string; argsFrom?: number; awkVariables?: Record<string, string> } | { language: Language; script: number };

function scanInterpreter(inv: Invocation): Scanned | undefined {
  const spec = specFor(inv.name);
  // A cmdlet typed at a PowerShell prompt: the line is PowerShell, its words as written.
  if (!spec && isKnownCmdlet(inv.name)) {
    const words = [inv.command, ...inv.args];
    return { language: 'powershell', code: words.map((word) => word.text).join(' ') };
  }
  if (!spec) return undefined;
  if (spec.language === 'powershell') return powershellCode(inv);
  const pieces: string[] = [];
  let sawScript = false;
  let script = -1;
  let argsFrom: number | undefined;
  const awkVariables: Record<string, string> = {};
  const args = inv.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    if (word === '--') {
      sawScript = true;
      script = i + 1;
      break;
    }
    if (spec.stop.includes(word)) return undefined;
    if (spec.code.includes(word)) {
      if (args[i + 1]?.dynamic) return undefined;
      pieces.push(args[i + 1]?.value ?? '');
      i++;
      argsFrom = i + 1;
      if (spec.language !== 'ruby' && spec.language !== 'perl' && spec.language !== 'lua') break;
      continue;
    }
    // Attached or clustered: `-cCODE`, `perl -lne CODE`, `ruby -rjson -e`.
    const cluster = spec.cluster ? /^-([a-zA-Z0-9]*)([eE])$/.exec(word) : null;
    if (cluster) {
      pieces.push(args[i + 1]?.value ?? '');
      i++;
      continue;
    }
    const attached = spec.code.find((flag) => flag.length === 2 && word.startsWith(flag) && word.length > 2 && spec.language === 'python');
    if (attached) {
      pieces.push(word.slice(2));
      break;
    }
    if (word.startsWith('--') && word.includes('=')) {
      const [flag, value] = [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)];
      if (spec.code.includes(flag)) {
        pieces.push(value);
        break;
      }
      continue;
    }
    if (spec.withValue.includes(word)) {
      const assignment = spec.language === 'awk' && word === '-v' ? /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(args[i + 1]?.value ?? '') : null;
      if (assignment && !args[i + 1]!.dynamic) awkVariables[assignment[1]!] = assignment[2]!;
      i++;
      continue;
    }
    if (word.startsWith('-') && word !== '-') continue;
    if (spec.programFirst && pieces.length === 0) {
      if (args[i]!.dynamic) return undefined;
      pieces.push(word);
      break;
    }
    // `python - <<EOF`, `node -`: the program is standard input; any other word is a script file.
    if (word !== '-') {
      sawScript = true;
      script = i;
    }
    break;
  }
  if (pieces.length > 0) return { language: spec.language, code: pieces.join('\n'), ...(argsFrom !== undefined ? { argsFrom } : {}), awkVariables };
  if (sawScript && script >= 0 && script < args.length) return { language: spec.language, script };
  // With no program on the line the interpreter runs standard input: a heredoc, a herestring, a
  // file (`python3 < x.py`) or a pipe whose text the line shows (`echo '…' | python3`), as the
  // shells' own reader does (wrappers/local.ts).
  if (!sawScript && !spec.programFirst && inv.stdin?.text !== undefined) {
    return { language: spec.language, code: inv.stdin.text };
  }
  return undefined;
}

/** pwsh's parameters that take a value (matched by unambiguous prefix, any case, `-` or `/`). */
const POWERSHELL_WITH_VALUE = [
  'executionpolicy',
  'workingdirectory',
  'inputformat',
  'outputformat',
  'windowstyle',
  'configurationname',
  'settingsfile',
  'custompipename',
  'version',
  'psconsolefile',
  'ep',
  'wd',
  'if',
  'of',
];

/**
 * `pwsh -Command TEXT…` (every word after it is the command, joined by spaces), `-EncodedCommand
 * BASE64`, `-Command -` or no program (standard input). `-File` and a first positional (pwsh's
 * default is -File) run a script the line does not show.
 */
function powershellCode(inv: Invocation): { language: Language; code: string } | undefined {
  const args = inv.args;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!.value;
    const flag = /^(?:-{1,2}|\/)([A-Za-z]+)(?::.*)?$/.exec(raw)?.[1]?.toLowerCase();
    if (flag === undefined) return inv.name.startsWith('powershell') ? joined(args.slice(i)) : undefined;
    if (flag === 'cwa' || (flag.length > 'command'.length && 'commandwithargs'.startsWith(flag))) return joined(args.slice(i + 1, i + 2));
    if ('command'.startsWith(flag)) {
      const rest = args.slice(i + 1);
      if (rest.length === 1 && rest[0]!.value === '-') return inv.stdin?.text !== undefined ? { language: 'powershell', code: inv.stdin.text } : undefined;
      return joined(rest);
    }
    if (flag === 'ec' || 'encodedcommand'.startsWith(flag)) {
      const text = args[i + 1] && !args[i + 1]!.dynamic ? decodeEncodedCommand(args[i + 1]!.value) : undefined;
      return text === undefined ? undefined : { language: 'powershell', code: text };
    }
    if ('file'.startsWith(flag)) return undefined;
    if (POWERSHELL_WITH_VALUE.some((name) => name.startsWith(flag) && flag.length >= 2)) i++;
  }
  return inv.stdin?.text !== undefined ? { language: 'powershell', code: inv.stdin.text } : undefined;
}

function joined(words: readonly ExpandedWord[]): { language: Language; code: string } | undefined {
  if (words.length === 0 || words.some((w) => w.dynamic)) return undefined;
  return { language: 'powershell', code: words.map((w) => w.value).join(' ') };
}

/**
 * Code a framework console runs inside the app, with the app's database connection open:
 * `rails runner|r [-e ENV] CODE` (Ruby), `manage.py shell -c CODE` / `django-admin shell -c`
 * (Python), `artisan tinker --execute=CODE` (PHP). A file (`rails runner script.rb`) is not shown.
 */
export function frameworkCode(inv: Invocation): { language: Language; code: string } | undefined {
  // `python manage.py shell -c`, `php artisan tinker`: the script is the interpreter's first word.
  const script = /^(python[0-9.]*|php)$/.test(inv.name) ? inv.args.findIndex((word) => !word.value.startsWith('-')) : -1;
  const named = script !== -1 ? inv.args[script]!.value.replace(/^.*\//, '') : inv.name;
  const rest = script !== -1 ? inv.args.slice(script + 1) : inv.args;
  const value = (i: number) => (rest[i] && !rest[i]!.dynamic ? rest[i]!.value : undefined);
  const sub = rest[0]?.value;
  // `echo 'User.destroy_all' | rails console`, `manage.py shell <<EOF`, `artisan tinker < x.php`:
  // a console reading code on standard input runs that code in the app.
  const stdinCode = (language: Language) => (inv.stdin?.text !== undefined ? withCode(language, inv.stdin.text) : undefined);
  if (named === 'rails' && (sub === 'console' || sub === 'c')) return stdinCode('ruby');
  if (named === 'rails' && (sub === 'runner' || sub === 'r')) {
    for (let i = 1; i < rest.length; i++) {
      const word = rest[i]!.value;
      if (word === '-e' || word === '--environment') i++;
      else if (!word.startsWith('-')) return /\.rb$/.test(word) ? undefined : withCode('ruby', value(i));
    }
    return undefined;
  }
  if ((named === 'manage.py' || named === 'django-admin') && sub === 'shell') {
    const i = rest.findIndex((word) => word.value === '-c' || word.value === '--command');
    const attached = rest.find((word) => word.value.startsWith('--command='));
    return attached
      ? withCode('python', attached.dynamic ? undefined : attached.value.slice('--command='.length))
      : i > 0
        ? withCode('python', value(i + 1))
        : stdinCode('python');
  }
  if (named === 'artisan' && sub === 'tinker') {
    const attached = rest.find((word) => word.value.startsWith('--execute='));
    const i = rest.findIndex((word) => word.value === '--execute');
    return attached
      ? withCode('php', attached.dynamic ? undefined : attached.value.slice('--execute='.length))
      : i > 0
        ? withCode('php', value(i + 1))
        : stdinCode('php');
  }
  return undefined;
}

function withCode(language: Language, code: string | undefined): { language: Language; code: string } | undefined {
  return code === undefined ? undefined : { language, code };
}

export function analyzeInterpreterCode(language: Language, code: string): CodeEffect[] {
  if (language === 'javascript') return analyzeJavaScript(code);
  if (language === 'powershell') return analyzePowerShell(code);
  if (language === 'tcl') return analyzeTcl(code);
  return language === 'lua' ? analyzeLua(code) : analyzeCode(code, language);
}

function word(template: ExpandedWord, value: string): ExpandedWord {
  return { ...template, value, text: value, dynamic: false, glob: false, unsetVariables: [], variables: [] };
}

/** The script file's text, when the edge read it (`node scripts/nuke.js` in a directory that has it). */
function scriptFileCode(inv: Invocation, read: ReadFiles | undefined): { language: Language; code: string; file: string } | undefined {
  const script = inv.host.kind === 'local' ? scriptFileOf(inv) : undefined;
  const path = script ? pathOf(inv, script.file) : undefined;
  const text = path === undefined ? undefined : read?.scripts[path];
  return script && text !== undefined ? { language: script.language, code: text, file: script.file } : undefined;
}

/** The steps an interpreter invocation takes: shell lines to walk, commands to judge. */
export function interpreterSteps(inv: Invocation, read?: ReadFiles): UnwrapStep[] {
  const framework = codeOf(inv) ? undefined : frameworkCode(inv);
  const file = codeOf(inv) || framework ? undefined : scriptFileCode(inv, read);
  const found = codeOf(inv) ?? framework ?? file;
  if (!found) return [];
  const via = file ? `${inv.name} ${file.file}` : `${inv.name} ${found.language === 'awk' ? 'program' : 'code'}`;
  const steps: UnwrapStep[] = [];
  // A framework console's code also sends SQL through the app's own connection (DATABASE_URL).
  const all = framework ? analyzeCode(found.code, found.language, 0, { appDatabase: true }) : analyzeInterpreterCode(found.language, found.code);
  // A script file is judged on what it shows: before it was read it was not judged at all, and a
  // whole program computes many values (`subprocess.run(cmd)`) that are not a hidden command.
  const effects = file ? all.filter((effect) => effect.kind !== 'dynamic') : all;
  for (const effect of effects) {
    if (effect.kind === 'shell')
      steps.push({
        kind: 'script',
        via: `${via} (${effect.sink})`,
        text: effect.text,
        ...(effect.input ? { stdin: { kind: 'pipe' as const, ...effect.input } } : {}),
      });
    else if (effect.kind === 'argv' && effect.words.length > 0)
      steps.push({
        kind: 'command',
        via: `${via} (${effect.sink})`,
        words: effect.words.map((w) => {
          // An argument read from the environment: its value where the line's environment is known.
          const value = withEnvironment(w, inv.envUnknown ? undefined : inv.env);
          return value === undefined ? { ...word(inv.command, w.replace(/\u0000env:([^\u0000]*)\u0000/g, '$$$1')), dynamic: true } : word(inv.command, value);
        }),
      });
    else if (effect.kind === 'sql') {
      // The client line the driver call amounts to; SQL the line does not show is unknown standard input.
      const client = clientWords(effect.connection, inv.envUnknown ? {} : inv.env, effect.sql);
      if (client)
        steps.push({
          kind: 'command',
          via: `${via} (${effect.sink})`,
          words: client.words.map((w) => word(inv.command, w)),
          ...(client.unknownSql ? { stdin: { kind: 'pipe' as const } } : {}),
        });
    } else if (effect.kind === 'dynamic') {
      // A command computed at run time: an unknown command word, judged as the line's other unknowns are.
      steps.push({ kind: 'command', via: `${via} (${effect.sink}, computed)`, words: [word(inv.command, UNSEEN_SCRIPT)] });
    }
  }
  return steps;
}

/** Interpreter names whose code is judged here (the shell hook's prefilter must send them on). */
export const INTERPRETER_NAMES: readonly string[] = [...Object.keys(INTERPRETERS), ...knownCmdletNames()];
