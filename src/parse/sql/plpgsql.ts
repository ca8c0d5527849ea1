// DO blocks, called functions and dynamic SQL (EXECUTE).
import { defElems, svalList, walk, type PgNode } from './pg-ast.js';
import { describe, type Context, type CreatedFunction } from './describe.js';
import { parsePostgres } from './load.js';
import { judgeComputedSql, sqlTextOf, type SqlText } from './dynamic-sql.js';
import { lexPg, pgStringValue, splitPgTokens, type PgToken } from './pg-lexer.js';
import { baseStatement, REPLICATION_FUNCTIONS, type Collected, type Span } from './statement.js';
//
// libpg-query 17.7.4's WebAssembly build has no PL/pgSQL parser (no parsePlPgSQL), so a PL/pgSQL
// body is walked here: it is split at `;` with the lexer above, control-flow words (BEGIN, IF …
// THEN, LOOP, EXCEPTION WHEN …) are stepped over, and each SQL statement inside is handed to the
// real parser. PERFORM is read as SELECT; EXECUTE of a constant string is analysed as SQL; EXECUTE
// of a computed string, a statement that does not parse, or a body in another language is an error,
// so a DO block is never judged harmless because it could not be read.

export function describeDo(body: PgNode, span: Span, ctx: Context, out: Collected): void {
  const opts = defElems(body.args);
  const language = String(opts.get('language')?.arg?.String?.sval ?? 'plpgsql').toLowerCase();
  const code: string = opts.get('as')?.arg?.String?.sval ?? '';
  out.statements.push(baseStatement('other', span));
  if (language === 'sql') {
    analyzeNested(code, bodyOffset(span, code), span, ctx, out);
    return;
  }
  if (language !== 'plpgsql') {
    out.errors.push({ message: `a DO block in LANGUAGE ${language} cannot be analysed`, pos: span.pos });
    return;
  }
  analyzePlpgsql(code, bodyOffset(span, code), span, ctx, out);
}

/** Where a body string starts in the input, when it appears there verbatim (dollar-quoted, or
 *  single-quoted without escapes); otherwise undefined, and positions fall back to the host. */
function bodyOffset(span: Span, body: string): number | undefined {
  for (const t of lexPg(span.text, false)) {
    if (t.type !== 'string' && t.type !== 'dollar') continue;
    if (pgStringValue(span.text, t) !== body) continue;
    const start = t.pos + (t.type === 'dollar' ? (t.prefix ?? '$$').length : (t.prefix ?? '').length + 1);
    if (span.text.slice(start, start + body.length) === body) return span.pos + start;
  }
  return undefined;
}

export function recordFunction(body: PgNode, span: Span, ctx: Context): void {
  const names = svalList(body.funcname);
  const name = (names[names.length - 1] ?? '').toLowerCase();
  if (!name) return;
  const opts = defElems(body.options);
  const language = String(opts.get('language')?.arg?.String?.sval ?? 'sql').toLowerCase();
  const items: PgNode[] = opts.get('as')?.arg?.List?.items ?? [];
  const code: string | undefined = items.length === 1 ? items[0]?.String?.sval : undefined;
  const fn: CreatedFunction = { language, span };
  if (code !== undefined) {
    fn.body = code;
    // Where the body sits is read only when a call expands it: most functions a migration
    // creates are never called in it, and finding the body lexes the whole statement.
    let at: number | undefined | null = null;
    Object.defineProperty(fn, 'bodyPos', { enumerable: true, get: () => (at === null ? (at = bodyOffset(span, code)) : at) });
  }
  if (body.sql_body) fn.sqlBody = body.sql_body;
  const passed = ((body.parameters ?? []) as PgNode[])
    .map((param) => param?.FunctionParameter)
    .filter((param) => param && ['FUNC_PARAM_IN', 'FUNC_PARAM_INOUT', 'FUNC_PARAM_DEFAULT', undefined].includes(param.mode));
  const paramNames = passed.map((param) => (typeof param.name === 'string' ? param.name.toLowerCase() : undefined));
  if (paramNames.length > 0 && paramNames.every((n): n is string => n !== undefined)) fn.params = paramNames;
  ctx.functions.set(name, fn);
}

/** A call of a function created earlier in the same input runs its body: analyse it once. A
 *  PL/pgSQL body called with string constants (`SELECT clone_schema('public', 'tenant_a')`) is
 *  analysed once per argument list, its parameters known: `EXECUTE 'CREATE SCHEMA ' || dest`
 *  then says which schema it creates. */
export function expandFunction(name: string, callSpan: Span, ctx: Context, out: Collected, calls: readonly string[][] = []): void {
  const fn = ctx.functions.get(name);
  if (!fn || ctx.expanding.has(name) || ctx.depth > 4) return;
  const params = fn.params && fn.body !== undefined && fn.language === 'plpgsql' ? unassigned(fn.params, fn.body) : [];
  const bound = calls.filter((args) => fn.params !== undefined && args.length === fn.params.length && params.length > 0);
  if (bound.length > 0) {
    for (const args of bound) {
      const key = args.join('\0');
      if (fn.expandedWith?.has(key)) continue;
      (fn.expandedWith ??= new Set()).add(key);
      const bindings = new Map<string, string>();
      fn.params?.forEach((param, at) => {
        if (params.includes(param)) bindings.set(param, args[at] as string);
      });
      const outer = ctx.bindings;
      ctx.expanding.add(name);
      ctx.depth++;
      ctx.bindings = bindings;
      try {
        analyzePlpgsql(fn.body as string, fn.bodyPos, fn.span, ctx, out);
      } finally {
        ctx.bindings = outer;
        ctx.depth--;
        ctx.expanding.delete(name);
      }
    }
    return;
  }
  ctx.expanding.add(name);
  ctx.depth++;
  try {
    if (fn.sqlBody) {
      walk(fn.sqlBody, (type, body) => {
        if (type === 'List') return true;
        // RETURN expr runs its expression, as SELECT expr would.
        const stmt = type === 'ReturnStmt' ? { SelectStmt: { targetList: [{ ResTarget: { val: body.returnval } }], op: 'SETOP_NONE' } } : { [type]: body };
        describe(stmt, fn.span, ctx, out);
        return false;
      });
    } else if (fn.body !== undefined && fn.language === 'plpgsql') analyzePlpgsql(fn.body, fn.bodyPos, fn.span, ctx, out);
    else if (fn.body !== undefined && fn.language === 'sql') analyzeNested(fn.body, fn.bodyPos, fn.span, ctx, out);
    else out.errors.push({ message: `function ${name} in LANGUAGE ${fn.language} is called and cannot be analysed`, pos: callSpan.pos });
  } finally {
    ctx.depth--;
    ctx.expanding.delete(name);
  }
  ctx.functions.delete(name); // analysed once; later calls run the same body
}

/** The parameters a PL/pgSQL body never assigns (`dest := …`): their value is the caller's. */
function unassigned(params: readonly string[], code: string): string[] {
  const tokens = lexPg(code, false);
  const assigned = new Set<string>();
  tokens.forEach((t, at) => {
    const next = tokens[at + 1];
    if (t.type === 'word' && next?.type === 'op' && code.slice(next.pos, next.end) === ':=') assigned.add(code.slice(t.pos, t.end).toLowerCase());
  });
  return params.filter((param) => !assigned.has(param));
}

/** Analyse SQL text found inside the input (a body or an EXECUTE string) and place it. */
export function analyzeNested(sql: string, offset: number | undefined, host: Span, ctx: Context, out: Collected): void {
  const inner: Collected = { statements: [], errors: [] };
  ctx.depth++;
  try {
    if (ctx.depth > 6) {
      out.errors.push({ message: 'SQL nested too deeply to analyse', pos: host.pos });
      return;
    }
    ctx.runner.analyzeText(sql, ctx, inner);
  } finally {
    ctx.depth--;
  }
  const place = (pos: number): number => (offset === undefined ? host.pos : offset + pos);
  for (const s of inner.statements) {
    out.statements.push(offset === undefined ? { ...s, pos: host.pos, end: host.end } : { ...s, pos: place(s.pos), end: place(s.end) });
  }
  for (const e of inner.errors) out.errors.push({ ...e, pos: place(e.pos) });
}

/** The SQL a PL/pgSQL expression evaluates to, when the text says (see dynamic-sql.ts). */
function computedSqlText(expression: string): SqlText | undefined {
  try {
    const parsed = parsePostgres(`SELECT ${expression}`);
    const targets = parsed.stmts?.length === 1 ? (parsed.stmts[0]?.stmt as PgNode)?.SelectStmt?.targetList : undefined;
    return targets?.length === 1 ? sqlTextOf(targets[0]?.ResTarget?.val) : undefined;
  } catch {
    return undefined;
  }
}

const PLPGSQL_QUIET = new Set(['raise', 'assert', 'null', 'exit', 'continue', 'get', 'fetch', 'move', 'close', 'commit', 'rollback', 'return']);
const QUERY_START = new Set(['select', 'with', 'values', 'table', 'insert', 'update', 'delete', 'merge']);

export function analyzePlpgsql(code: string, offset: number | undefined, host: Span, ctx: Context, out: Collected): void {
  const tokens = lexPg(code, false);
  const unterminated = tokens.find((t) => t.unterminated);
  if (unterminated) {
    out.errors.push({ message: 'unterminated string or comment in a PL/pgSQL body', pos: offset === undefined ? host.pos : offset + unterminated.pos });
    return;
  }
  const word = (t: PgToken | undefined): string | undefined => (t?.type === 'word' ? code.slice(t.pos, t.end).toLowerCase() : undefined);
  const isOp = (t: PgToken | undefined, op: string): boolean => t?.type === 'op' && code.slice(t.pos, t.end) === op;
  const abs = (pos: number): number => (offset === undefined ? host.pos : offset + pos);
  let inDeclare = false;

  for (const piece of splitPgTokens(tokens)) {
    const findTop = (from: number, pred: (t: PgToken) => boolean): number => {
      let depth = 0;
      for (let k = from; k < piece.length; k++) {
        const t = piece[k] as PgToken;
        if (t.type === 'open') depth++;
        else if (t.type === 'close') depth--;
        else if (depth === 0 && pred(t)) return k;
      }
      return -1;
    };
    const findWord = (from: number, w: string): number => findTop(from, (t) => word(t) === w);
    const textOf = (a: number, b: number): string => {
      const first = piece[a];
      const last = piece[b - 1];
      return first && last && b > a ? code.slice(first.pos, last.end) : '';
    };
    const spanOf = (a: number, b: number): Span => {
      const first = piece[a] as PgToken;
      const last = piece[b - 1] as PgToken;
      return offset === undefined ? host : { text: code.slice(first.pos, last.end), pos: abs(first.pos), end: abs(last.end) };
    };
    const scanDanger = (a: number, b: number): void => {
      for (let k = a; k < b - 1; k++) {
        const w = word(piece[k]);
        if (w && (REPLICATION_FUNCTIONS.has(w) || w === 'dblink_exec') && piece[k + 1]?.type === 'open') {
          out.errors.push({ message: `could not analyse a PL/pgSQL statement that calls ${w}(): ${textOf(a, b)}`, pos: abs((piece[a] as PgToken).pos) });
          return;
        }
      }
    };
    /** A SQL statement inside the body: the real parser decides what it is. */
    const statement = (a: number, b: number, prefix = ''): void => {
      if (b <= a) return;
      const text = textOf(a, b);
      const span = spanOf(a, b);
      const attempts = [prefix + text];
      // `… RETURNING id INTO v` and `SELECT … INTO STRICT v` are PL/pgSQL: drop the INTO target,
      // trying the last INTO first (`INSERT INTO t … RETURNING id INTO v`).
      const intos: number[] = [];
      for (let k = findWord(a, 'into'); k >= 0 && k < b; k = findWord(k + 1, 'into')) intos.push(k);
      for (const into of intos.reverse()) {
        let k = into + 1;
        if (word(piece[k]) === 'strict') k++;
        while (k < b && (piece[k]?.type === 'word' || piece[k]?.type === 'qident' || isOp(piece[k], '.') || isOp(piece[k], ','))) k++;
        attempts.push(prefix + `${textOf(a, into)} ${textOf(k, b)}`);
      }
      for (const attempt of attempts) {
        let parsed;
        try {
          parsed = parsePostgres(attempt);
        } catch {
          continue;
        }
        for (const raw of parsed.stmts ?? []) describe(raw.stmt, span, ctx, out, { plpgsql: true });
        return;
      }
      out.errors.push({ message: `could not parse a statement inside a PL/pgSQL body: ${text}`, pos: span.pos });
    };
    /** An expression (IF condition, assignment): only calls and subqueries in it matter. */
    const expression = (a: number, b: number): void => {
      if (b <= a) return;
      let parsed;
      try {
        parsed = parsePostgres(`SELECT ${textOf(a, b)}`);
      } catch {
        scanDanger(a, b);
        return;
      }
      const inner: Collected = { statements: [], errors: [] };
      for (const raw of parsed.stmts ?? []) describe(raw.stmt, spanOf(a, b), ctx, inner, { plpgsql: true });
      for (const s of inner.statements) {
        if (s.kind !== 'select' || s.functionCalls?.length) out.statements.push(s);
      }
      out.errors.push(...inner.errors);
    };
    /** EXECUTE: a constant string is SQL we can read; anything computed is not. */
    const dynamic = (a: number, b: number): void => {
      const stop = findTop(a, (t) => word(t) === 'into' || word(t) === 'using');
      const end = stop >= 0 && stop < b ? stop : b;
      let sql = '';
      let constant = end > a;
      for (let k = a; k < end; k++) {
        const t = piece[k] as PgToken;
        const bound = t.type === 'word' ? ctx.bindings?.get(code.slice(t.pos, t.end).toLowerCase()) : undefined;
        if ((k - a) % 2 === 0 && (t.type === 'string' || t.type === 'dollar')) sql += pgStringValue(code, t);
        else if ((k - a) % 2 === 0 && bound !== undefined) sql += bound;
        else if ((k - a) % 2 === 1 && isOp(t, '||')) continue;
        else constant = false;
      }
      if (constant && (end - a) % 2 === 1) {
        analyzeNested(sql, undefined, spanOf(a - 1, end), ctx, out);
        return;
      }
      // EXECUTE format('DROP TABLE %I', t): the template says what kind of statement it is.
      const host = spanOf(a - 1, end);
      judgeComputedSql(end > a ? computedSqlText(textOf(a, end)) : undefined, (sql, into) => analyzeNested(sql, undefined, host, ctx, into), out, {
        message: `dynamic SQL cannot be analysed: EXECUTE ${textOf(a, end)}`,
        pos: abs((piece[a - 1] as PgToken).pos),
      });
    };

    let i = 0;
    // Step over control flow to the statement, if any.
    for (;;) {
      const t = piece[i];
      if (!t) break;
      if (isOp(t, '<<') && isOp(piece[i + 2], '>>')) {
        i += 3;
        continue;
      }
      const w = word(t);
      if (w === 'declare') {
        inDeclare = true;
        i++;
      } else if (w === 'begin') {
        inDeclare = false;
        i++;
      } else if (w === 'exception' || w === 'else' || w === 'loop') i++;
      else if (w === 'end') {
        i = piece.length;
      } else if (w === 'if' || w === 'elsif' || w === 'elseif' || w === 'while') {
        const j = findWord(i + 1, w === 'while' ? 'loop' : 'then');
        if (j < 0) {
          statement(i, piece.length);
          i = piece.length;
          break;
        }
        expression(i + 1, j);
        i = j + 1;
      } else if (w === 'when') {
        const j = findWord(i + 1, 'then');
        i = j < 0 ? piece.length : j + 1;
      } else if (w === 'case') {
        if (word(piece[i + 1]) === 'when') i++;
        else {
          const j = findWord(i + 1, 'when');
          expression(i + 1, j < 0 ? piece.length : j);
          i = j < 0 ? piece.length : j;
        }
      } else if (w === 'for' || w === 'foreach') {
        const j = findWord(i + 1, 'loop');
        const end = j < 0 ? piece.length : j;
        const inAt = findWord(i + 1, 'in');
        if (w === 'for' && inAt >= 0 && inAt < end) {
          let q = inAt + 1;
          if (word(piece[q]) === 'reverse') q++;
          const first = word(piece[q]);
          if (first === 'execute') dynamic(q + 1, end);
          else if (first && QUERY_START.has(first)) statement(q, end);
          else expression(q, end);
        }
        i = end + 1;
      } else break;
    }
    if (i >= piece.length) continue;

    if (inDeclare) {
      // name [CONSTANT] type [NOT NULL] [{DEFAULT | := | =} expr]  or  name CURSOR … FOR query
      const cursorFor = findWord(i, 'cursor') >= 0 ? findTop(i, (t) => word(t) === 'for' || word(t) === 'is') : -1;
      if (cursorFor >= 0) statement(cursorFor + 1, piece.length);
      else {
        const assign = findTop(i, (t) => isOp(t, ':=') || isOp(t, '=') || word(t) === 'default');
        if (assign >= 0) expression(assign + 1, piece.length);
      }
      continue;
    }

    const first = word(piece[i]);
    if (first === 'perform') statement(i + 1, piece.length, 'SELECT ');
    else if (first === 'execute') dynamic(i + 1, piece.length);
    else if (first === 'return' && word(piece[i + 1]) === 'query') {
      if (word(piece[i + 2]) === 'execute') dynamic(i + 3, piece.length);
      else statement(i + 2, piece.length);
    } else if (first === 'return') expression(i + (word(piece[i + 1]) === 'next' ? 2 : 1), piece.length);
    else if (first === 'open') {
      const forAt = findWord(i + 1, 'for');
      if (forAt >= 0 && word(piece[forAt + 1]) === 'execute') dynamic(forAt + 2, piece.length);
      else if (forAt >= 0) statement(forAt + 1, piece.length);
    } else if (first && PLPGSQL_QUIET.has(first)) scanDanger(i, piece.length);
    else {
      // Assignment: target := expr (target may be qualified or subscripted).
      const assign = findTop(i, (t) => isOp(t, ':='));
      if (assign > i) expression(assign + 1, piece.length);
      else if (isOp(piece[i + 1], '=') && (piece[i]?.type === 'word' || piece[i]?.type === 'qident')) expression(i + 2, piece.length);
      else statement(i, piece.length);
    }
  }
}
