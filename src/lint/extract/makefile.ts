// Makefiles: each recipe line (tab-prefixed, after a rule) is a shell snippet, after make's own
// processing: `@`/`-`/`+` prefixes stripped, `$$` → `$`, make variables substituted from the
// file's assignments (`=`, `:=`, `::=`, `?=`, `+=`), automatic variables from the rule.
// A make variable that is never defined expands to nothing, exactly as make does: in
// `rm -rf $(BUILD_DIR)/` that leaves `rm -rf /` (issue 5). Backslash-newline inside a recipe is
// kept for the shell, and the next line's leading tab removed (GNU make manual, "Splitting
// Recipe Lines"). Every character maps back to the Makefile line it came from; substituted
// text maps to the `$` of its reference.

import { LineIndex, SnippetBuilder, type MappedText } from '../positions.js';
import type { EnvironmentHint, Extracted, LintProblem, ShellSnippet } from '../types.js';
import type { MakeDefinition } from '../../types.js';
import { escapeHatchProblems } from './escape-hatches.js';
import { dedupeHints, hintFromEnvironmentName, hintFromFileName, hintsFromEnv, type EnvEntry } from './hints.js';
import { dict } from '../../util/dict.js';
import { isEnvironmentVariable } from '../../classify/names.js';

interface Variable {
  value: string;
  recursive: boolean;
  line: number;
}

interface Rule {
  targets: string[];
  prereqs: string[];
  line: number;
  recipes: MappedText[];
  vars: Map<string, Variable>;
}

interface PhysLine {
  text: string;
  start: number;
}

/** Names make takes from the environment it runs in: left for the shell to expand. */
const FROM_ENVIRONMENT = new Set(['HOME', 'PATH', 'USER', 'LOGNAME', 'PWD', 'TMPDIR', 'TERM', 'LANG']);

const ASSIGNMENT = /^([^\s:#=()$]+|\$\([^)]*\))\s*(::=|:::=|:=|\?=|\+=|!=|=)(.*)$/s;

/** The make variables `texts` expand, directly or through the values of those they expand. */
function referencedVariables(texts: readonly string[], globals: ReadonlyMap<string, Variable>): Set<string> {
  const used = new Set<string>();
  const queue = [...texts];
  while (queue.length > 0) {
    const text = queue.pop()!;
    for (const match of text.matchAll(/\$[({]([^)}:\s$]+)/g)) {
      const name = match[1]!;
      if (used.has(name)) continue;
      used.add(name);
      const value = globals.get(name)?.value;
      if (value) queue.push(value);
    }
  }
  return used;
}

export function extractMakefile(text: string, path = ''): Extracted & { make: MakeDefinition } {
  const index = new LineIndex(text);
  const lines = physicalLines(text);
  const globals = new Map<string, Variable>();
  /** Names a `define … endef` block set: canned recipes, not settings. */
  const macros = new Set<string>();
  const exported = new Set<string>();
  let exportAll = false;
  let oneShell = false;
  const rules: Rule[] = [];
  const problems: LintProblem[] = [];
  const unknownPlaceholders = new Map<string, string>();
  let current: Rule | undefined;
  const targetVars = new Map<string, Map<string, Variable>>();

  const assign = (store: Map<string, Variable>, name: string, op: string, raw: string, line: number): void => {
    const value = raw.trim();
    const existing = store.get(name) ?? (store === globals ? undefined : globals.get(name));
    if (op === '?=') {
      if (!store.has(name)) store.set(name, { value, recursive: true, line });
    } else if (op === '+=') {
      if (existing) {
        const add = existing.recursive ? value : expandPlain(value, { globals, local: store, rule: undefined, unknown: unknownPlaceholders });
        store.set(name, { value: existing.value === '' ? add : `${existing.value} ${add}`, recursive: existing.recursive, line });
      } else store.set(name, { value, recursive: true, line });
    } else if (op === '!=') {
      const placeholder = unknownPlaceholder(`shell_${name}`, unknownPlaceholders, `$(shell ${value})`);
      store.set(name, { value: placeholder, recursive: false, line });
    } else if (op === '=') store.set(name, { value, recursive: true, line });
    else store.set(name, { value: expandPlain(value, { globals, local: store, rule: undefined, unknown: unknownPlaceholders }), recursive: false, line });
  };

  for (let i = 0; i < lines.length; i++) {
    const phys = lines[i]!;
    const lineNo = i + 1;
    if (current && phys.text.startsWith('\t')) {
      // A recipe line, with its continuation lines.
      const mapped: { text: string[]; offsets: number[] } = { text: [], offsets: [] };
      let body = phys.text.slice(1);
      let start = phys.start + 1;
      for (;;) {
        for (let k = 0; k < body.length; k++) {
          mapped.text.push(body[k]!);
          mapped.offsets.push(start + k);
        }
        if (!endsWithContinuation(body) || i + 1 >= lines.length) break;
        mapped.text.push('\n');
        mapped.offsets.push(start + body.length);
        i++;
        const next = lines[i]!;
        body = next.text.startsWith('\t') ? next.text.slice(1) : next.text;
        start = next.start + (next.text.startsWith('\t') ? 1 : 0);
      }
      const recipe = { text: mapped.text.join(''), offsets: [...mapped.offsets, start + body.length] };
      if (recipe.text.trim() !== '') current.recipes.push(recipe);
      continue;
    }
    // Not a recipe line: join continuations (backslash-newline and surrounding blanks → one space).
    let logical = phys.text;
    const startLine = lineNo;
    while (endsWithContinuation(logical) && i + 1 < lines.length) {
      i++;
      logical = logical.slice(0, -1).replace(/[ \t]+$/, '') + ' ' + lines[i]!.text.replace(/^[ \t]+/, '');
    }
    const stripped = stripComment(logical).trim();
    if (stripped === '') continue;
    if (/^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(stripped)) continue;
    if (/^-?include\b|^sinclude\b|^vpath\b|^unexport\b/.test(stripped)) continue;
    const define = /^(?:(?:override|export)\s+)*define\s+(\S+?)\s*(=|:=|::=|\?=|\+=)?\s*$/.exec(stripped);
    if (define) {
      const body: string[] = [];
      while (i + 1 < lines.length && !/^\s*endef\b/.test(lines[i + 1]!.text)) body.push(lines[++i]!.text);
      i++;
      assign(globals, define[1]!, define[2] ?? '=', body.join('\n'), startLine);
      macros.add(define[1]!);
      current = undefined;
      continue;
    }
    let statement = stripped;
    let isExport = false;
    for (;;) {
      const m = /^(override|export|private)\s+/.exec(statement);
      if (!m) break;
      if (m[1] === 'export') isExport = true;
      statement = statement.slice(m[0].length);
    }
    if (isExport && /^[^\s:=]+(\s+[^\s:=]+)*$/.test(statement)) {
      for (const name of statement.split(/\s+/)) exported.add(name);
      current = undefined;
      continue;
    }
    if (stripped === 'export') {
      exportAll = true;
      continue;
    }
    const assignment = ASSIGNMENT.exec(statement);
    if (assignment) {
      const name = expandPlain(assignment[1]!, { globals, local: globals, rule: undefined, unknown: unknownPlaceholders }).trim();
      assign(globals, name, assignment[2]!, assignment[3]!, startLine);
      if (isExport) exported.add(name);
      current = undefined;
      continue;
    }
    const colon = findRuleColon(statement);
    if (colon === -1) {
      current = undefined;
      continue;
    }
    const targets = statement.slice(0, colon).trim().split(/\s+/).filter(Boolean);
    let rest = statement.slice(colon + 1).replace(/^:/, '');
    const rule: Rule = { targets, prereqs: [], line: startLine, recipes: [], vars: new Map() };
    const targetVar = ASSIGNMENT.exec(rest.trim().replace(/^(override|export|private)\s+/, ''));
    if (targetVar && !rest.includes(';')) {
      // `target: VAR = value`: a target-specific variable, for every rule of those targets.
      for (const t of targets) {
        const vars = targetVars.get(t) ?? new Map<string, Variable>();
        assign(vars, targetVar[1]!, targetVar[2]!, targetVar[3]!, startLine);
        targetVars.set(t, vars);
      }
      current = undefined;
      continue;
    }
    if (targets.includes('.ONESHELL')) oneShell = true;
    // The inline recipe after `;` is a recipe line on the rule's line (columns from the raw line).
    const semi = rest.indexOf(';');
    if (semi !== -1) {
      const rawSemi = phys.text.indexOf(';', phys.text.indexOf(':'));
      const inline = rest.slice(semi + 1);
      rest = rest.slice(0, semi);
      if (inline.trim() !== '' && rawSemi !== -1 && startLine === lineNo) {
        const body = phys.text.slice(rawSemi + 1);
        const offsets = Array.from({ length: body.length + 1 }, (_, k) => phys.start + rawSemi + 1 + k);
        rule.recipes.push({ text: body, offsets });
      }
    }
    rule.prereqs = rest
      .trim()
      .split(/\s+/)
      .filter((p) => p && p !== '|');
    rules.push(rule);
    current = rule;
  }

  // Expand recipes now that every variable is known (make reads the whole file first).
  const varEntries: EnvEntry[] = [...globals].map(([key, v]) => ({ key, value: v.value, line: v.line }));
  const fileHint = hintFromFileName(path);
  // A `define NAME` is a canned recipe that `$(call NAME,…)` runs where a target asks for it
  // (scylla-operator's `generate-manager-manifests-prod`): its name says what it makes, not the
  // environment every recipe of the file runs against.
  // A variable whose name alone says production or staging (`PROD_DB_URL`, solr-operator's
  // `DOCS_STAGING = docs/build/staging`) says so only of the recipes that expand it, unless it is
  // exported to every recipe's environment; one naming the environment (`ENV = production`) is
  // the whole file's.
  const fileWide = (key: string) => isEnvironmentVariable(key) || exportAll || exported.has(key);
  const fileHints: EnvironmentHint[] = [...(fileHint ? [fileHint] : []), ...hintsFromEnv(varEntries.filter((e) => !macros.has(e.key) && fileWide(e.key)))];
  const namedOnly = varEntries.filter((e) => !macros.has(e.key) && !fileWide(e.key));
  const env = dict<string>();
  for (const [name, v] of globals) {
    if (!exportAll && !exported.has(name)) continue;
    env[name] = v.recursive ? expandPlain(v.value, { globals, local: globals, rule: undefined, unknown: unknownPlaceholders }) : v.value;
  }
  const exportedEntries = varEntries.filter((e) => exportAll || exported.has(e.key));
  problems.push(
    ...escapeHatchProblems(exportedEntries, 'every recipe of the Makefile', fileHints.some((h) => h.environment === 'production') ? 'confirm' : 'warn'),
  );

  const snippets: ShellSnippet[] = [];
  // What `make TARGET` runs (prodguard check reads the Makefile): the same recipes, by target.
  const make: MakeDefinition = { targets: dict() };
  const goal = globals.get('.DEFAULT_GOAL')?.value.trim();
  make.defaultGoal = goal || rules.flatMap((rule) => rule.targets).find((target) => !target.startsWith('.') && !target.includes('%'));
  if (!make.defaultGoal) delete make.defaultGoal;
  for (const rule of rules) {
    for (const target of rule.targets) {
      const entry = (make.targets[target] ??= { prerequisites: [], recipes: [] });
      const expanded = rule.prereqs.flatMap((p) => expandPlain(p, { globals, local: globals, rule: undefined, unknown: unknownPlaceholders }).split(/\s+/));
      entry.prerequisites.push(...expanded.filter(Boolean));
    }
    if (rule.recipes.length === 0) continue;
    for (const t of rule.targets) for (const [name, v] of targetVars.get(t) ?? []) rule.vars.set(name, v);
    const hints = [...fileHints];
    for (const t of rule.targets) {
      const hint = hintFromEnvironmentName(t, rule.line, 'target ');
      if (hint && (hint.environment === 'production' || hint.environment === 'staging')) hints.push(hint);
    }
    hints.push(...hintsFromEnv([...rule.vars].map(([key, v]) => ({ key, value: v.value, line: v.line }))));
    if (namedOnly.length > 0) {
      const used = referencedVariables(
        rule.recipes.map((recipe) => recipe.text),
        globals,
      );
      hints.push(...hintsFromEnv(namedOnly.filter((e) => used.has(e.key))));
    }
    const groups = oneShell ? [rule.recipes] : rule.recipes.map((r) => [r]);
    groups.forEach((group, g) => {
      const builder = new SnippetBuilder();
      const unknown = new Map<string, string>();
      group.forEach((recipe, k) => {
        if (k > 0) builder.appendSynthetic('\n', recipe.offsets[0] ?? 0);
        const ctx: ExpandContext = { globals, local: rule.vars, rule, unknown };
        builder.append(expandMapped(stripPrefixes(recipe), ctx, 0));
      });
      const { text: snippetText, locate } = builder.build(index);
      const snippetEnv = dict(env);
      for (const [name, source] of [...unknownPlaceholders, ...unknown]) {
        if (snippetText.includes(name)) snippetEnv[name] = source;
      }
      const unknownEnv = Object.keys(snippetEnv).filter((k) => unknown.has(k) || unknownPlaceholders.has(k));
      const origin = `${rule.targets.join(' ')}: recipe${oneShell ? '' : ` line ${g + 1}`}`;
      snippets.push({ text: snippetText, locate, env: snippetEnv, unknownEnv, hints: dedupeHints(hints), origin });
      for (const target of rule.targets) make.targets[target]!.recipes.push({ text: snippetText, env: snippetEnv, unknownEnv });
    });
  }
  return { snippets, problems, make };
}

function physicalLines(text: string): PhysLine[] {
  const out: PhysLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const raw = nl === -1 ? text.slice(start) : text.slice(start, nl);
    out.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start });
    if (nl === -1) break;
    start = nl + 1;
  }
  if (out.length > 0 && out[out.length - 1]!.text === '' && text.endsWith('\n')) out.pop();
  return out;
}

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let k = line.length - 1; k >= 0 && line[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** `#` starts a comment outside recipes unless escaped (`\#`) or inside a `$(…)` reference. */
function stripComment(line: string): string {
  let depth = 0;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '$' && (line[k + 1] === '(' || line[k + 1] === '{')) {
      depth++;
      k++;
      continue;
    }
    if ((ch === ')' || ch === '}') && depth > 0) depth--;
    if (ch === '#' && depth === 0) return line.slice(0, k);
  }
  return line;
}

/** The colon separating targets from prerequisites (not one inside `$(…)` or a drive letter). */
function findRuleColon(line: string): number {
  let depth = 0;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === '$' && (line[k + 1] === '(' || line[k + 1] === '{')) {
      depth++;
      k++;
    } else if ((ch === ')' || ch === '}') && depth > 0) depth--;
    else if (ch === ':' && depth === 0 && line[k + 1] !== '=') return k;
  }
  return -1;
}

/** Strip the recipe prefixes `@` (silent), `-` (ignore errors), `+` (always run). */
function stripPrefixes(recipe: MappedText): MappedText {
  let k = 0;
  while (k < recipe.text.length && /[\s@+-]/.test(recipe.text[k]!)) k++;
  return { text: recipe.text.slice(k), offsets: recipe.offsets.slice(k) };
}

interface ExpandContext {
  globals: Map<string, Variable>;
  local: Map<string, Variable>;
  rule: Rule | undefined;
  /** Placeholder variable → the make source it stands for. */
  unknown: Map<string, string>;
}

function unknownPlaceholder(what: string, unknown: Map<string, string>, source: string): string {
  const base = `_MAKE_${what.replace(/[^A-Za-z0-9_]/g, '_')}`;
  let name = base;
  for (let n = 2; unknown.has(name) && unknown.get(name) !== source; n++) name = `${base}_${n}`;
  unknown.set(name, source);
  return '${' + name + '}';
}

function expandPlain(text: string, ctx: ExpandContext, depth = 0): string {
  return expandMapped({ text, offsets: new Array<number>(text.length + 1).fill(0) }, ctx, depth).text;
}

/** Find the `)`/`}` closing a reference opened at `open`, honouring nesting. */
function closingOf(text: string, open: number): number {
  const openCh = text[open];
  const closeCh = openCh === '(' ? ')' : '}';
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === openCh) depth++;
    else if (text[k] === closeCh && --depth === 0) return k;
  }
  return -1;
}

function expandMapped(input: MappedText, ctx: ExpandContext, depth: number): MappedText {
  const out: string[] = [];
  const offsets: number[] = [];
  const emit = (s: string, at: number) => {
    for (const ch of s) {
      for (let k = 0; k < ch.length; k++) {
        out.push(ch[k]!);
        offsets.push(at);
      }
    }
  };
  const text = input.text;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    const at = input.offsets[k] ?? 0;
    if (ch !== '$') {
      out.push(ch);
      offsets.push(at);
      continue;
    }
    const next = text[k + 1];
    if (next === undefined) {
      out.push(ch);
      offsets.push(at);
      continue;
    }
    if (next === '$') {
      emit('$', at);
      k++;
      continue;
    }
    if (next === '(' || next === '{') {
      const close = closingOf(text, k + 1);
      if (close === -1) {
        emit(text.slice(k), at);
        break;
      }
      const inner = text.slice(k + 2, close);
      emit(reference(inner, ctx, depth), at);
      k = close;
      continue;
    }
    emit(reference(next, ctx, depth), at);
    k++;
  }
  offsets.push(input.offsets[text.length] ?? (offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : 0));
  return { text: out.join(''), offsets };
}

/** The value of `$(inner)`: a function, a substitution reference, or a variable. */
function reference(inner: string, ctx: ExpandContext, depth: number): string {
  if (depth > 20) return '';
  const fn = /^([a-z-]+)[\s,]/.exec(inner);
  if (fn && !lookup(fn[1]!, ctx)) {
    // Functions ($(shell …), $(wildcard …), …) have values only make knows when it runs.
    return unknownPlaceholder(fn[1]!, ctx.unknown, `$(${inner})`);
  }
  const expandedName = inner.includes('$') ? expandPlain(inner, ctx, depth + 1) : inner;
  const subst = /^([^:]+):([^=]*)=(.*)$/s.exec(expandedName);
  if (subst) {
    const value = variable(subst[1]!, ctx, depth);
    const [from, to] = [subst[2]!, subst[3]!];
    return value
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => (from.includes('%') ? patsubst(w, from, to) : w.endsWith(from) ? w.slice(0, w.length - from.length) + to : w))
      .join(' ');
  }
  return variable(expandedName, ctx, depth);
}

function patsubst(word: string, from: string, to: string): string {
  const [pre, post] = from.split('%') as [string, string];
  if (!word.startsWith(pre) || !word.endsWith(post) || word.length < pre.length + post.length) return word;
  const stem = word.slice(pre.length, word.length - post.length);
  return to.replace('%', stem);
}

function lookup(name: string, ctx: ExpandContext): Variable | undefined {
  return ctx.local.get(name) ?? ctx.globals.get(name);
}

function variable(name: string, ctx: ExpandContext, depth: number): string {
  const rule = ctx.rule;
  const auto = automatic(name, rule);
  // A target or prerequisite that still holds a reference (a static pattern rule over
  // `$(PLUGINS:%=%.wasm)`, secondary expansion's `$$(shell find % …)`) is only known when make
  // runs: its automatic variable (`cd $*`) is unknown, not the reference's text (navidrome).
  if (auto !== undefined) return auto.includes('$') ? unknownPlaceholder(`auto_${name}`, ctx.unknown, `$${name}`) : auto;
  const v = lookup(name, ctx);
  if (v) return v.recursive ? expandPlain(v.value, ctx, depth + 1) : v.value;
  switch (name) {
    case 'MAKE':
      return 'make';
    case 'SHELL':
      return '/bin/sh';
    case 'MAKEFLAGS':
    case 'MFLAGS':
      return '';
    case 'CURDIR':
    case 'MAKECMDGOALS':
    case 'MAKEFILE_LIST':
      return unknownPlaceholder(name, ctx.unknown, `$(${name})`);
  }
  // Variables make inherits from its environment, then the shell would see them too.
  if (FROM_ENVIRONMENT.has(name)) return '${' + name + '}';
  // A variable the Makefile does not set comes from make's environment when it runs (CI sets
  // it): unknown, not empty. Left as a shell reference, the shell engine judges it the way it
  // judges any unset variable (`rm -rf ${DIR}/*` is still the SC2115 hazard).
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return '${' + name + '}';
  return '';
}

function automatic(name: string, rule: Rule | undefined): string | undefined {
  if (!rule) return undefined;
  const m = /^([@<^+?*|%])([DF]?)$/.exec(name);
  if (!m) return undefined;
  const target = rule.targets[0] ?? '';
  let value: string;
  switch (m[1]) {
    case '@':
      value = target;
      break;
    case '<':
      value = rule.prereqs[0] ?? '';
      break;
    case '^':
    case '?':
      value = [...new Set(rule.prereqs)].join(' ');
      break;
    case '+':
      value = rule.prereqs.join(' ');
      break;
    case '*':
      value = target.replace(/\.[^./]*$/, '');
      break;
    default:
      value = '';
  }
  if (m[2] === 'D')
    return value
      .split(' ')
      .map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/')) : '.'))
      .join(' ');
  if (m[2] === 'F')
    return value
      .split(' ')
      .map((w) => w.slice(w.lastIndexOf('/') + 1))
      .join(' ');
  return value;
}
