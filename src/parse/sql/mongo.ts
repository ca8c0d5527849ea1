// mongosh / mongo shell JavaScript (parse stage, pure): which calls drop or empty data.
//
// The script is parsed with a real JavaScript parser (acorn), so "db.dropDatabase()" inside a
// string or a comment is not a call. Code that runs other code we cannot see (load(), eval of a
// computed string, a method name computed at run time on `db`) is an error: callers fail closed.
import type { Node, parse as acornParse } from 'acorn';

// acorn loads only when a line runs mongosh JavaScript (startup is a budget): callers await
// loadMongoParser() first, as they do loadSqlParser() for SQL.
let parse: typeof acornParse | undefined;

export async function loadMongoParser(): Promise<void> {
  parse ??= (await import('acorn')).parse;
}

export type MongoOperationKind =
  | 'drop-database'
  | 'drop-collection'
  | 'delete-all'
  | 'update-all'
  | 'delete'
  /** The server stops: `db.shutdownServer()`, `adminCommand({shutdown: 1})`. */
  | 'shutdown'
  /** The replica set's topology changes: `rs.stepDown()`, `rs.reconfig(cfg, {force: true})` (github-2018). */
  | 'replication'
  /** Logins removed: `db.dropUser('app')`, `db.dropAllUsers()`, `{dropAllUsersFromDatabase: 1}`, roles likewise. */
  | 'drop-role'
  | 'other';

export interface MongoOperation {
  kind: MongoOperationKind;
  /** The call as written. */
  text: string;
  collection?: string;
  /** The database, when the script names it (`db.getSiblingDB('x')`, `use x`). */
  database?: string;
  pos: number;
  end: number;
}

export interface MongoAnalysis {
  operations: MongoOperation[];
  errors: { message: string; pos: number }[];
}

/** Calls that write but are not wholesale deletion: reported as 'other' so rules can see them. */
const OTHER_WRITES = new Set([
  'dropIndex',
  'dropIndexes',
  'renameCollection',
  'updateOne',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'insertOne',
  'insertMany',
  'insert',
  'fsyncLock',
  'killOp',
  'freeze',
  'syncFrom',
]);

/** Server commands (`adminCommand({NAME: …})`) and shell helpers that stop the server or change
 *  which member is primary. A forced reconfig (`{force: true}`) may roll back acknowledged writes
 *  — GitHub 2018's split history; a plain reconfig is routine membership work. */
const SHUTDOWN_COMMANDS: ReadonlySet<string> = new Set(['shutdown']);
/** Shell helpers and server commands that remove users or roles (sql/drop-role judges them as DROP ROLE). */
const DROP_ROLE_HELPERS: ReadonlySet<string> = new Set(['dropUser', 'dropAllUsers', 'dropRole', 'dropAllRoles']);
const DROP_ROLE_COMMANDS: ReadonlySet<string> = new Set(['dropUser', 'dropAllUsersFromDatabase', 'dropRole', 'dropAllRolesFromDatabase']);
const SHUTDOWN_HELPERS: ReadonlySet<string> = new Set(['shutdownServer']);
const STEP_DOWN_COMMANDS: ReadonlySet<string> = new Set(['replSetStepDown', 'replSetFreeze', 'replSetSyncFrom']);
const STEP_DOWN_HELPERS: ReadonlySet<string> = new Set(['stepDown', 'freeze', 'syncFrom']);
const RECONFIG_COMMANDS: ReadonlySet<string> = new Set(['replSetReconfig']);
const RECONFIG_HELPERS: ReadonlySet<string> = new Set(['reconfig', 'reconfigForPSASet']);

// Loosely typed ESTree nodes: acorn's own types are a discriminated union, but a generic walk
// needs to index children by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic walks index children by key
type JsNode = any;

export function analyzeMongoScript(js: string): MongoAnalysis {
  return analyzeAt(js, 0);
}

function analyzeAt(js: string, depth: number): MongoAnalysis {
  const operations: MongoOperation[] = [];
  const errors: { message: string; pos: number }[] = [];

  // mongosh shell helpers are not JavaScript: `use db`, `show dbs`. Blank them (offsets kept) and
  // remember which database `use` switched to.
  const uses: { pos: number; name: string }[] = [];
  const source = js.replace(/^([ \t]*)(use|show)[ \t]+([^\s;]+)[ \t]*;?[ \t]*$/gm, (line, indent: string, helper: string, arg: string, offset: number) => {
    if (helper === 'use') uses.push({ pos: offset + indent.length, name: arg });
    return ' '.repeat(line.length);
  });
  const currentDb = (pos: number): string | undefined => uses.filter((u) => u.pos < pos).pop()?.name;

  let program: Node;
  try {
    if (!parse) throw new Error('loadMongoParser() must be awaited before analysing mongosh JavaScript');
    program = parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      allowHashBang: true,
    });
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    return { operations, errors: [{ message: `could not parse the mongo shell script: ${(error as Error).message}`, pos }] };
  }

  const text = (n: JsNode): string => js.slice(n.start, n.end);
  const add = (kind: MongoOperationKind, call: JsNode, extra: { collection?: string; database?: string } = {}): void => {
    const op: MongoOperation = { kind, text: text(call), pos: call.start, end: call.end };
    if (extra.collection !== undefined) op.collection = extra.collection;
    if (extra.database !== undefined) op.database = extra.database;
    operations.push(op);
  };

  /** Constant string value of a literal or a template without substitutions. */
  const constString = (n: JsNode): string | undefined => {
    if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
    if (n?.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value?.cooked ?? undefined;
    return undefined;
  };
  /** Property name of a member expression; null when it is computed at run time. */
  const propertyName = (m: JsNode): string | null => {
    if (!m.computed) return m.property?.type === 'Identifier' ? m.property.name : null;
    return constString(m.property) ?? null;
  };
  const unwrap = (n: JsNode): JsNode => (n?.type === 'ChainExpression' || n?.type === 'ParenthesizedExpression' ? unwrap(n.expression) : n);
  const methodOf = (call: JsNode): string | undefined => {
    const callee = unwrap(call.callee);
    return callee?.type === 'MemberExpression' ? (propertyName(callee) ?? undefined) : undefined;
  };
  /** The database a `db`-like expression stands for: getSiblingDB('x'), getDB('x'), `use x`, or unknown. */
  const databaseOf = (n: JsNode, at: number): string | undefined => {
    const e = unwrap(n);
    if (e?.type === 'Identifier' && e.name === 'db') return currentDb(at);
    if (e?.type === 'CallExpression' && ['getSiblingDB', 'getDB'].includes(methodOf(e) ?? '')) return constString(e.arguments[0]);
    return undefined;
  };
  const isDbLike = (n: JsNode): boolean => {
    const e = unwrap(n);
    return (e?.type === 'Identifier' && e.name === 'db') || (e?.type === 'CallExpression' && ['getSiblingDB', 'getDB'].includes(methodOf(e) ?? ''));
  };
  /** db.coll, db['coll'], db.getCollection('coll'), db.getSiblingDB('x').coll → name and database. */
  const collectionOf = (n: JsNode, at: number): { collection?: string; database?: string } => {
    const e = unwrap(n);
    if (e?.type === 'MemberExpression' && isDbLike(e.object)) {
      const name = propertyName(e);
      return { ...(name !== null ? { collection: name } : {}), ...dbField(databaseOf(e.object, at)) };
    }
    if (e?.type === 'CallExpression' && methodOf(e) === 'getCollection') {
      const callee = unwrap(e.callee);
      const name = constString(e.arguments[0]);
      return { ...(name !== undefined ? { collection: name } : {}), ...dbField(databaseOf(callee.object, at)) };
    }
    return {};
  };
  const dbField = (database: string | undefined): { database?: string } => (database !== undefined ? { database } : {});
  /** Rooted in `db` (or getSiblingDB…): a computed method name there could be anything. */
  const rootedInDb = (n: JsNode): boolean => {
    let e = unwrap(n);
    while (e) {
      if (e.type === 'Identifier') return e.name === 'db';
      if (e.type === 'MemberExpression') e = unwrap(e.object);
      else if (e.type === 'CallExpression') e = unwrap(e.callee);
      else return false;
    }
    return false;
  };
  // Variables declared once and never assigned again: `const f = {}; db.users.deleteMany(f)`.
  const declared = new Map<string, JsNode[]>();
  const reassigned = new Set<string>();
  const collect = (n: JsNode): void => {
    if (Array.isArray(n)) {
      for (const item of n) collect(item);
      return;
    }
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier') declared.set(n.id.name, [...(declared.get(n.id.name) ?? []), n.init]);
    if (n.type === 'AssignmentExpression' && n.left?.type === 'Identifier') reassigned.add(n.left.name);
    if (n.type === 'UpdateExpression' && n.argument?.type === 'Identifier') reassigned.add(n.argument.name);
    for (const [key, value] of Object.entries(n)) if (key !== 'type' && value && typeof value === 'object') collect(value);
  };
  collect(program);
  const valueOf = (n: JsNode, seen: Set<string>): JsNode => {
    const e = unwrap(n);
    if (e?.type !== 'Identifier' || e.name === 'undefined' || seen.has(e.name) || reassigned.has(e.name)) return e;
    const inits = declared.get(e.name);
    if (inits?.length !== 1 || !inits[0]) return e;
    seen.add(e.name);
    return valueOf(inits[0], seen);
  };
  /** A constant JavaScript expression's truth: `true`, `1 == 1`, `!0`, `function () { return true }`. */
  const constTruth = (n: JsNode): boolean | undefined => {
    const value = constJs(unwrap(n));
    return value === NOT_CONSTANT ? undefined : Boolean(value);
  };
  const NOT_CONSTANT = Symbol('not constant');
  const constJs = (n: JsNode): unknown => {
    if (!n) return NOT_CONSTANT;
    if (n.type === 'Literal') return n.value;
    if (n.type === 'ParenthesizedExpression') return constJs(n.expression);
    if (n.type === 'UnaryExpression' && n.operator === '!') {
      const v = constJs(n.argument);
      return v === NOT_CONSTANT ? v : !v;
    }
    if (n.type === 'BinaryExpression') {
      const l = constJs(n.left);
      const r = constJs(n.right);
      if (l === NOT_CONSTANT || r === NOT_CONSTANT) return NOT_CONSTANT;
      const compare: Record<string, (a: never, b: never) => boolean> = {
        '==': (a, b) => a == b,
        '===': (a, b) => a === b,
        '!=': (a, b) => a != b,
        '!==': (a, b) => a !== b,
        '<': (a, b) => a < b,
        '>': (a, b) => a > b,
        '<=': (a, b) => a <= b,
        '>=': (a, b) => a >= b,
      };
      const op = compare[n.operator];
      return op ? op(l as never, r as never) : NOT_CONSTANT;
    }
    if (n.type === 'LogicalExpression') {
      const l = constJs(n.left);
      const r = constJs(n.right);
      if (n.operator === '||' && l !== NOT_CONSTANT && l) return l;
      if (n.operator === '||' && r !== NOT_CONSTANT && r) return r;
      if (l === NOT_CONSTANT || r === NOT_CONSTANT) return NOT_CONSTANT;
      return n.operator === '&&' ? l && r : n.operator === '||' ? l || r : NOT_CONSTANT;
    }
    if ((n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') && n.params.length === 0) {
      if (n.expression) return constJs(n.body);
      const body = n.body?.body ?? [];
      return body.length === 1 && body[0].type === 'ReturnStatement' ? constJs(body[0].argument) : NOT_CONSTANT;
    }
    return NOT_CONSTANT;
  };
  /** `$where` JavaScript that is true for every document: `"true"`, `"1 == 1"`, `function () { return true }`. */
  const whereAlwaysTrue = (v: JsNode): boolean => {
    const code = constString(v);
    if (code === undefined) return constTruth(v) === true;
    try {
      const parsed = (parse as typeof acornParse)(`(${code})`, { ecmaVersion: 'latest', allowReturnOutsideFunction: true }) as JsNode;
      const statement = parsed.body?.length === 1 ? parsed.body[0] : undefined;
      if (statement?.type === 'ExpressionStatement' && constTruth(statement.expression) === true) return true;
    } catch {
      // `return true;` is a $where body too.
    }
    try {
      const parsed = (parse as typeof acornParse)(code, { ecmaVersion: 'latest', allowReturnOutsideFunction: true }) as JsNode;
      const body = parsed.body ?? [];
      return body.length === 1 && body[0].type === 'ReturnStatement' && constTruth(body[0].argument) === true;
    } catch {
      return false;
    }
  };
  /** One filter condition that every document meets. */
  const conditionMatchesAll = (key: string | undefined, v: JsNode): boolean => {
    if (key === '$where') return whereAlwaysTrue(v);
    if (key === '$expr') return constTruth(v) === true;
    if (key !== '_id' || v?.type !== 'ObjectExpression' || v.properties.length !== 1) return false;
    const q = v.properties[0];
    const op = q.key?.type === 'Identifier' ? q.key.name : constString(q.key);
    return (
      (op === '$exists' && q.value?.type === 'Literal' && q.value.value === true) || (op === '$ne' && q.value?.type === 'Literal' && q.value.value === null)
    );
  };
  /** `{}` or no filter at all, `{_id: {$exists: true}}`, `{_id: {$ne: null}}`, `{$where: "true"}`, or
   *  a variable that holds one: every document. */
  const matchesAll = (filter: JsNode): boolean => {
    const f = valueOf(filter, new Set());
    if (f === undefined || f === null) return true;
    if (f.type === 'Identifier' && f.name === 'undefined') return true;
    if (f.type === 'Literal' && f.value === null) return true;
    if (f.type !== 'ObjectExpression') return false;
    return f.properties.every((p: JsNode) => {
      if (p.type !== 'Property') return false;
      const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : constString(p.key);
      return conditionMatchesAll(key, unwrap(p.value));
    });
  };
  const objectProperty = (obj: JsNode, name: string): JsNode => {
    if (obj?.type !== 'ObjectExpression') return undefined;
    for (const p of obj.properties) {
      if (p.type !== 'Property') continue;
      const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : constString(p.key);
      if (key === name) return p.value;
    }
    return undefined;
  };
  const firstKey = (obj: JsNode): string | undefined => {
    const p = obj?.type === 'ObjectExpression' ? obj.properties[0] : undefined;
    if (p?.type !== 'Property') return undefined;
    return p.key.type === 'Identifier' && !p.computed ? p.key.name : constString(p.key);
  };

  const visitCall = (call: JsNode): void => {
    const callee = unwrap(call.callee);
    const args: JsNode[] = call.arguments ?? [];
    if (callee?.type === 'Identifier') {
      if (callee.name === 'eval') {
        const code = constString(args[0]);
        if (code === undefined || depth > 3) errors.push({ message: `eval of code that cannot be known here: ${text(call)}`, pos: call.start });
        else {
          const inner = analyzeAt(code, depth + 1);
          operations.push(...inner.operations.map((o) => ({ ...o, pos: call.start, end: call.end })));
          errors.push(...inner.errors.map((e) => ({ message: e.message, pos: call.start })));
        }
      } else if (callee.name === 'load') errors.push({ message: `load() runs another script that is not analysed here: ${text(call)}`, pos: call.start });
      else if (callee.name === 'Function') errors.push({ message: `Function() builds code that cannot be known here: ${text(call)}`, pos: call.start });
      return;
    }
    if (callee?.type !== 'MemberExpression') return;
    const method = propertyName(callee);
    if (method === null) {
      if (rootedInDb(callee.object)) errors.push({ message: `a method name computed at run time cannot be analysed: ${text(call)}`, pos: call.start });
      return;
    }
    const target = collectionOf(callee.object, call.start);
    switch (method) {
      case 'dropDatabase':
        add('drop-database', call, dbField(databaseOf(callee.object, call.start)));
        return;
      case 'drop':
        // Any .drop() is taken as dropping a collection, even through a variable.
        add('drop-collection', call, target);
        return;
      case 'deleteMany':
        add(matchesAll(args[0]) ? 'delete-all' : 'delete', call, target);
        return;
      case 'remove': {
        // remove(filter, true) / remove(filter, {justOne: true}) deletes one document.
        const justOne =
          args[1] && (unwrap(args[1]).type === 'Literal' ? unwrap(args[1]).value === true : objectProperty(unwrap(args[1]), 'justOne')?.value === true);
        add(matchesAll(args[0]) && !justOne ? 'delete-all' : 'delete', call, target);
        return;
      }
      case 'deleteOne':
      case 'findOneAndDelete':
        add('delete', call, target);
        return;
      case 'findAndModify':
        add(objectProperty(unwrap(args[0]), 'remove')?.value === true ? 'delete' : 'other', call, target);
        return;
      case 'updateMany':
        add(matchesAll(args[0]) ? 'update-all' : 'other', call, target);
        return;
      case 'update': {
        const multi = objectProperty(unwrap(args[2]), 'multi')?.value === true;
        add(multi && matchesAll(args[0]) ? 'update-all' : 'other', call, target);
        return;
      }
      case 'bulkWrite': {
        const list = unwrap(args[0]);
        let kind: MongoOperationKind = 'other';
        for (const el of list?.type === 'ArrayExpression' ? list.elements : []) {
          const op = firstKey(el);
          const filter = objectProperty(objectProperty(el, op ?? ''), 'filter');
          if (op === 'deleteMany' && matchesAll(filter)) kind = 'delete-all';
          else if (op === 'updateMany' && matchesAll(filter) && kind === 'other') kind = 'update-all';
        }
        add(kind, call, target);
        return;
      }
      case 'runCommand':
      case 'adminCommand': {
        const cmd = unwrap(args[0]);
        const key = firstKey(cmd);
        if (key === 'dropDatabase') add('drop-database', call, dbField(databaseOf(callee.object, call.start)));
        else if (key === 'drop') {
          const name = constString(objectProperty(cmd, 'drop'));
          add('drop-collection', call, { ...(name !== undefined ? { collection: name } : {}), ...dbField(databaseOf(callee.object, call.start)) });
        } else if (key === 'delete') {
          const deletes = unwrap(objectProperty(cmd, 'deletes'));
          const all = (deletes?.type === 'ArrayExpression' ? deletes.elements : []).some(
            (d: JsNode) => matchesAll(objectProperty(d, 'q')) && objectProperty(d, 'limit')?.value === 0,
          );
          const name = constString(objectProperty(cmd, 'delete'));
          add(all ? 'delete-all' : 'delete', call, name !== undefined ? { collection: name } : {});
        } else if (key === 'eval' || key === '$eval') errors.push({ message: `server-side eval cannot be analysed: ${text(call)}`, pos: call.start });
        else if (key !== undefined && SHUTDOWN_COMMANDS.has(key)) add('shutdown', call, target);
        else if (key !== undefined && DROP_ROLE_COMMANDS.has(key)) add('drop-role', call, target);
        else if (key !== undefined && STEP_DOWN_COMMANDS.has(key)) add('replication', call, target);
        else if (key !== undefined && RECONFIG_COMMANDS.has(key)) add(objectProperty(cmd, 'force')?.value === true ? 'replication' : 'other', call, target);
        else add('other', call, target);
        return;
      }
      case 'aggregate': {
        const stages = unwrap(args[0]);
        const list: JsNode[] = stages?.type === 'ArrayExpression' ? stages.elements : [];
        const writes = list.some((s: JsNode) => ['$out', '$merge'].includes(firstKey(s) ?? ''));
        // `$out` replaces its collection with the pipeline's output: into the collection the
        // pipeline reads, every document the pipeline does not pass on is gone (`$match` on
        // nothing empties it) — a deleteMany written as an aggregation.
        const out = list.map((s: JsNode) => (firstKey(s) === '$out' ? unwrap(objectProperty(s, '$out')) : undefined)).find(Boolean);
        const outName = out?.type === 'ObjectExpression' ? constString(objectProperty(out, 'coll')) : constString(out);
        if (outName !== undefined && target.collection !== undefined && outName === target.collection) add('delete-all', call, target);
        else if (writes) add('other', call, target);
        return;
      }
      default:
        if (SHUTDOWN_HELPERS.has(method)) add('shutdown', call, target);
        else if (DROP_ROLE_HELPERS.has(method)) add('drop-role', call, target);
        else if (STEP_DOWN_HELPERS.has(method)) add('replication', call, target);
        else if (RECONFIG_HELPERS.has(method)) add(objectProperty(unwrap(args[1]), 'force')?.value === true ? 'replication' : 'other', call, target);
        else if (OTHER_WRITES.has(method)) add('other', call, target);
    }
  };

  // A reference to dropDatabase that is not called here (`const f = db.dropDatabase`) may be called
  // later through the variable: count it.
  const callees = new Set<JsNode>();
  const visit = (n: JsNode): void => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'CallExpression') {
      callees.add(unwrap(n.callee));
      visitCall(n);
    } else if (n.type === 'MemberExpression' && !callees.has(n) && propertyName(n) === 'dropDatabase') {
      add('drop-database', n, dbField(databaseOf(n.object, n.start)));
    }
    for (const key of Object.keys(n)) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && typeof v.type === 'string') visit(v);
    }
  };
  visit(program);
  operations.sort((a, b) => a.pos - b.pos);
  return { operations, errors };
}
