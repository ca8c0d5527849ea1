// The MySQL statement classifier (parse stage, pure): reads the lexer's pieces by their leading
// keywords into statements — kind, tables, names, WHERE truth (judged by PostgreSQL's parser after
// translation) — and walks stored-program bodies and prepared statements. A statement it does not
// know returns null, which the caller reports as an error.
import type { SqlError, SqlStatement, SqlStatementKind, WhereJudge } from './statement.js';
import { splitMysql, type MyToken, type MysqlPiece } from './mysql-lexer.js';
import { translateToPostgres } from './mysql-translate.js';
import { ALTER_DROP_NOT_COLUMN, BODY_CONTROL, BODY_QUIET, DROP_OBJECT_WORDS, NOT_FUNCTIONS, OTHER_STATEMENTS, TRANSACTION_STATEMENTS } from './mysql-words.js';

/** Server variables that keep a MySQL replica from taking writes. */
const READ_ONLY_VARIABLES: ReadonlySet<string> = new Set(['read_only', 'super_read_only']);

export interface Collected {
  statements: SqlStatement[];
  errors: SqlError[];
}

/** The statements of a stored program's body (BEGIN … END), control flow stepped over. */
function analyzeMysqlBody(body: string, judge: WhereJudge, depth: number): Collected {
  const out: Collected = { statements: [], errors: [] };
  if (depth > 3) {
    out.errors.push({ message: 'stored program nested too deeply to analyse', pos: 0 });
    return out;
  }
  for (const piece of splitMysql(body).pieces) {
    const word = (k: number): string | undefined => (piece.tokens[k]?.type === 'word' ? piece.tokens[k]!.value.toUpperCase() : undefined);
    // Step over labels (`l1:`) and control words up to the statement: `IF x THEN DELETE …`.
    let start = 0;
    for (let k = 0; k < piece.tokens.length; k++) {
      const w = word(k);
      if (w && BODY_CONTROL.has(w)) {
        if (w === 'IF' || w === 'ELSEIF' || w === 'WHILE' || w === 'WHEN') {
          const then = piece.tokens.findIndex((t, j) => j > k && t.type === 'word' && ['THEN', 'DO'].includes(t.value.toUpperCase()));
          k = then < 0 ? piece.tokens.length : then;
        }
        start = k + 1;
      } else if (k === start && piece.tokens[k + 1]?.pos === piece.tokens[k]!.end && body[piece.tokens[k]!.end] === ':') {
        start = k + 2; // a label
        k++;
      } else break;
    }
    const tokens = piece.tokens.slice(start);
    const first = tokens[0];
    if (!first || BODY_QUIET.has(first.type === 'word' ? first.value.toUpperCase() : '')) continue;
    const inner: MysqlPiece = { ...piece, pos: first.pos, tokens };
    const classified = classifyMysql(body, inner, judge, depth);
    if (classified) {
      out.statements.push(...classified.statements);
      out.errors.push(...classified.errors);
    } else out.errors.push({ message: `could not classify a statement in a stored program: ${body.slice(inner.pos, inner.end)}`, pos: inner.pos });
  }
  return out;
}

export function classifyMysql(sql: string, piece: MysqlPiece, judge: WhereJudge, depth: number): Collected | null {
  const T = piece.tokens;
  const text = sql.slice(piece.pos, piece.end);
  const out: Collected = { statements: [], errors: [] };
  const s: SqlStatement = { kind: 'other', text, pos: piece.pos, end: piece.end, tables: [], where: 'not-applicable', dialect: 'mysql' };
  const kw = (i: number): string | undefined => (T[i]?.type === 'word' ? (T[i] as MyToken).value.toUpperCase() : undefined);
  const skipGroup = (i: number): number => {
    let depthN = 0;
    for (let k = i; k < T.length; k++) {
      if (T[k]?.type === 'open') depthN++;
      else if (T[k]?.type === 'close' && --depthN === 0) return k + 1;
    }
    return T.length;
  };
  const findTop = (from: number, pred: (i: number) => boolean): number => {
    let d = 0;
    for (let k = from; k < T.length; k++) {
      const t = T[k] as MyToken;
      if (t.type === 'open') d++;
      else if (t.type === 'close') d--;
      else if (d === 0 && pred(k)) return k;
    }
    return -1;
  };
  const isName = (i: number): boolean => T[i]?.type === 'word' || T[i]?.type === 'qident' || T[i]?.type === 'string';
  /** `db`.`t`, t, db.t — returns the name as written (unquoted) and where it ends. */
  const qualified = (i: number): { name: string; start: number; next: number } | undefined => {
    if (!isName(i)) return undefined;
    const parts = [(T[i] as MyToken).value];
    let j = i + 1;
    while (T[j]?.type === 'dot' && isName(j + 1)) {
      parts.push((T[j + 1] as MyToken).value);
      j += 2;
    }
    // user@host in DROP USER 'u'@'h' (the lexer reads `@host` as a variable, `@'h'` as `@` + string)
    const at = T[j];
    if (at?.type === 'variable' && at.pos === T[j - 1]?.end) {
      if (at.value === '@' && isName(j + 1)) {
        parts[parts.length - 1] += `@${(T[j + 1] as MyToken).value}`;
        j += 2;
      } else {
        parts[parts.length - 1] += at.value;
        j++;
      }
    }
    return { name: parts.join('.'), start: i, next: j };
  };
  /** Comma-separated names, each optionally followed by an alias or `.*`. */
  const nameList = (i: number, stopWords: string[]): { names: { name: string; start: number; next: number }[]; next: number } => {
    const names: { name: string; start: number; next: number }[] = [];
    let j = i;
    for (;;) {
      const q = qualified(j);
      if (!q) break;
      names.push(q);
      j = q.next;
      if (T[j]?.type === 'dot' && T[j + 1]?.type === 'op' && T[j + 1]?.value === '*') j += 2;
      if (kw(j) === 'AS') j += 2;
      else if (T[j]?.type === 'word' && !stopWords.includes(kw(j) as string)) j++;
      if (kw(j) === 'PARTITION' && T[j + 1]?.type === 'open') j = skipGroup(j + 1);
      if (T[j]?.type !== 'comma') break;
      j++;
    }
    return { names, next: j };
  };
  const ifExists = (i: number): number => {
    if (kw(i) === 'IF' && kw(i + 1) === 'EXISTS') {
      s.ifExists = true;
      return i + 2;
    }
    return i;
  };
  /** WHERE at depth 0 from `from`: none, or judged; the expression ends at ORDER BY / LIMIT. */
  const where = (from: number, target: { start: number; next: number } | undefined): void => {
    const w = findTop(from, (k) => kw(k) === 'WHERE');
    if (w < 0) {
      s.where = 'none';
      return;
    }
    let stop = findTop(w + 1, (k) => (kw(k) === 'ORDER' && kw(k + 1) === 'BY') || kw(k) === 'LIMIT');
    if (stop < 0) stop = T.length;
    if (stop <= w + 1) {
      out.errors.push({ message: `WHERE without a condition: ${text}`, pos: piece.pos });
      s.where = 'present';
      return;
    }
    const expr = translateToPostgres(T, w + 1, stop);
    const table = target ? translateToPostgres(T, target.start, target.next) : '"t"';
    Object.assign(s, expr && table ? judge(`DELETE FROM ${table} WHERE ${expr}`) : { where: 'present' });
  };
  const done = (kind: SqlStatementKind): Collected => {
    s.kind = kind;
    const calls = new Set<string>();
    if (kind !== 'create') {
      for (let k = 0; k + 1 < T.length; k++) {
        const t = T[k] as MyToken;
        const prev = kw(k - 1);
        if (
          t.type === 'word' &&
          T[k + 1]?.type === 'open' &&
          T[k + 1]?.pos === t.end &&
          !NOT_FUNCTIONS.has(t.value.toUpperCase()) &&
          !['INTO', 'TABLE', 'FROM', 'JOIN', 'UPDATE', 'PROCEDURE'].includes(prev ?? '')
        )
          calls.add(t.value.toLowerCase());
      }
    }
    if (calls.size) s.functionCalls = [...calls];
    out.statements.unshift(s);
    return out;
  };

  /** `SET GLOBAL read_only = OFF`, `SET @@global.super_read_only = 0`, `SET PERSIST read_only = FALSE`. */
  const setsWritable = (from: number): boolean => {
    for (let k = from; k < T.length; k++) {
      const name =
        T[k]?.type === 'word' || T[k]?.type === 'variable'
          ? T[k]!.value.toLowerCase()
              .replace(/^@@/, '')
              .replace(/^(global|persist|persist_only)\./, '')
          : '';
      if (!READ_ONLY_VARIABLES.has(name) || T[k + 1]?.type !== 'op' || !['=', ':='].includes(T[k + 1]!.value)) continue;
      const value = T[k + 2];
      if (value && /^(off|false|0)$/i.test(value.value)) return true;
    }
    return false;
  };

  if (T.length === 0) return null;
  let i = 0;
  if (T[0]?.type === 'open') return done('select');
  if (kw(0) === 'WITH') {
    i = 1;
    if (kw(i) === 'RECURSIVE') i++;
    for (;;) {
      if (!isName(i)) break;
      i++;
      if (T[i]?.type === 'open') i = skipGroup(i);
      if (kw(i) === 'AS') i++;
      if (T[i]?.type === 'open') i = skipGroup(i);
      if (T[i]?.type !== 'comma') break;
      i++;
    }
  }
  const k = kw(i);
  switch (k) {
    case 'SELECT':
    case 'TABLE':
    case 'VALUES': {
      if (k === 'TABLE') s.tables = qualified(i + 1) ? [(qualified(i + 1) as { name: string }).name] : [];
      const from = findTop(i, (j) => kw(j) === 'FROM');
      if (from >= 0) s.tables = nameList(from + 1, ['WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'CROSS', 'GROUP', 'ORDER', 'LIMIT']).names.map((n) => n.name);
      return done('select');
    }
    case 'INSERT':
    case 'REPLACE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO'].includes(kw(j) ?? '')) j++;
      const q = qualified(j);
      if (q) s.tables = [q.name];
      // `INSERT INTO t_new (…) SELECT … FROM t`, nothing after the source table: every row is copied.
      const select = q ? findTop(q.next, (k) => kw(k) === 'SELECT') : -1;
      const from = select >= 0 && kw(select + 1) !== 'DISTINCT' ? findTop(select + 1, (k) => kw(k) === 'FROM') : -1;
      const source = from >= 0 ? qualified(from + 1) : undefined;
      if (source && source.next >= T.length) s.copiedFrom = [source.name];
      else if (source) {
        // `FROM a LEFT JOIN b ON … LEFT JOIN c ON …` and nothing that filters: every row of a, with
        // the rows of b and c that belong to one (as describe.ts leftJoined reads PostgreSQL's).
        const filters = findTop(
          source.next,
          (k) =>
            ['WHERE', 'GROUP', 'HAVING', 'LIMIT', 'UNION', 'INNER', 'RIGHT', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN'].includes(kw(k) ?? '') ||
            T[k]?.type === 'comma' ||
            (kw(k) === 'JOIN' && kw(k - 1) !== 'LEFT' && !(kw(k - 1) === 'OUTER' && kw(k - 2) === 'LEFT')),
        );
        const joined: string[] = [];
        const isJoin = (at: number) => kw(at) === 'JOIN';
        for (let k = filters < 0 ? findTop(source.next, isJoin) : -1; k >= 0; k = findTop(k + 1, isJoin)) {
          const table = qualified(k + 1);
          if (table) joined.push(table.name);
        }
        if (filters < 0 && joined.length > 0) s.copiedFrom = [source.name, ...joined];
      }
      return done('insert');
    }
    case 'DELETE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'QUICK', 'IGNORE'].includes(kw(j) ?? '')) j++;
      let targets: { name: string; start: number; next: number }[];
      if (kw(j) === 'FROM') targets = nameList(j + 1, ['WHERE', 'USING', 'PARTITION', 'ORDER', 'LIMIT']).names;
      else targets = nameList(j, ['FROM']).names; // DELETE t1, t2 FROM t1 JOIN t2 …
      s.tables = targets.map((t) => t.name);
      where(j, targets[0]);
      return done('delete');
    }
    case 'UPDATE': {
      let j = i + 1;
      while (['LOW_PRIORITY', 'IGNORE'].includes(kw(j) ?? '')) j++;
      const set = findTop(j, (x) => kw(x) === 'SET');
      const targets: { name: string; start: number; next: number }[] = [];
      for (let x = j; x < (set < 0 ? T.length : set); x++) {
        if (x === j || T[x - 1]?.type === 'comma' || kw(x - 1) === 'JOIN') {
          const q = qualified(x);
          if (q) targets.push(q);
        }
      }
      s.tables = targets.map((t) => t.name);
      where(set < 0 ? j : set, targets[0]);
      return done('update');
    }
    case 'TRUNCATE': {
      const q = qualified(kw(i + 1) === 'TABLE' ? i + 2 : i + 1);
      s.tables = q ? [q.name] : [];
      return done('truncate');
    }
    case 'DROP': {
      let j = i + 1;
      if (kw(j) === 'TEMPORARY') j++;
      const object = kw(j);
      if (object === 'TABLE' || object === 'TABLES') {
        const names = nameList(ifExists(j + 1), ['RESTRICT', 'CASCADE']);
        s.tables = names.names.map((x) => x.name);
        s.names = s.tables;
        if (kw(names.next) === 'CASCADE') s.cascade = true;
        return done('drop-table');
      }
      // The data containers of the dialects read on this path: Couchbase's SQL++ (a collection
      // is a table, a scope or bucket a database), Cassandra-style keyspaces, Aerospike's namespaces.
      if (object === 'COLLECTION') {
        const q = qualified(ifExists(j + 1));
        s.tables = q ? [q.name] : [];
        s.names = s.tables;
        return done('drop-table');
      }
      if (object === 'DATABASE' || object === 'SCHEMA' || object === 'SCOPE' || object === 'BUCKET' || object === 'KEYSPACE' || object === 'NAMESPACE') {
        // In MySQL a schema is a database.
        const q = qualified(ifExists(j + 1));
        s.names = q ? [q.name] : [];
        return done('drop-database');
      }
      if (!object) return null;
      if (object === 'USER' || object === 'ROLE') {
        // The login's sessions and grants are gone: the application's requests fail at once.
        s.names = nameList(ifExists(j + 1), []).names.map((x) => x.name);
        return done('drop-role');
      }
      j++;
      while (DROP_OBJECT_WORDS.has(kw(j) ?? '')) j++;
      const names = nameList(ifExists(j), ['ON']);
      s.names = names.names.map((x) => x.name);
      if (object === 'INDEX' && kw(names.next) === 'ON') {
        const q = qualified(names.next + 1);
        if (q) s.tables = [q.name];
      }
      return done('drop-other');
    }
    case 'ALTER': {
      if (kw(i + 1) !== 'TABLE') {
        if (!kw(i + 1)) return null;
        return done('other');
      }
      const q = qualified(ifExists(i + 2));
      if (!q) return done('alter-table-other');
      s.tables = [q.name];
      const dropped: string[] = [];
      const retyped: string[] = [];
      // `DROP PARTITION p2020` and `TRUNCATE PARTITION p2020|ALL` throw the partition's rows away:
      // a TRUNCATE of that part of the table (MySQL 8.0 reference, ALTER TABLE partition options).
      let emptiesPartitions = false;
      let clause = q.next;
      while (clause < T.length) {
        const c = kw(clause);
        if ((c === 'DROP' || c === 'TRUNCATE') && kw(clause + 1) === 'PARTITION') emptiesPartitions = true;
        // `ENGINE=BLACKHOLE` converts the table to an engine that stores nothing: every row is
        // thrown away. `DISCARD [PARTITION …] TABLESPACE` deletes the table's .ibd data file.
        const engine = T[clause + 1]?.type === 'op' && T[clause + 1]!.value === '=' ? clause + 2 : clause + 1;
        if (c === 'ENGINE' && kw(engine) === 'BLACKHOLE') emptiesPartitions = true;
        if (c === 'DISCARD' && findTop(clause, (x) => kw(x) === 'TABLESPACE') >= 0) emptiesPartitions = true;
        const column = (at: number): string | undefined => {
          const x = kw(at) === 'COLUMN' ? at + 1 : at;
          return isName(x) ? (T[x] as MyToken).value : undefined;
        };
        if (c === 'DROP' && !ALTER_DROP_NOT_COLUMN.has(kw(clause + 1) ?? '')) {
          const col = column(clause + 1);
          if (col) dropped.push(col);
        } else if (c === 'MODIFY' || c === 'CHANGE') {
          const col = column(clause + 1);
          if (col) retyped.push(col);
        } else if (c === 'RENAME' && kw(clause + 1) !== 'COLUMN' && kw(clause + 1) !== 'INDEX' && kw(clause + 1) !== 'KEY') {
          // `RENAME [TO|AS] new_name`
          const to = kw(clause + 1) === 'TO' || kw(clause + 1) === 'AS' ? clause + 2 : clause + 1;
          const renamed = qualified(to);
          if (renamed) s.renamedTo = [renamed.name];
        }
        const comma = findTop(clause, (x) => T[x]?.type === 'comma');
        if (comma < 0) break;
        clause = comma + 1;
      }
      if (emptiesPartitions) return done('truncate');
      if (dropped.length) {
        s.columns = dropped;
        return done('alter-table-drop-column');
      }
      if (retyped.length) {
        s.columns = retyped;
        return done('alter-table-alter-type');
      }
      return done('alter-table-other');
    }
    case 'RENAME': {
      if (kw(i + 1) !== 'TABLE' && kw(i + 1) !== 'TABLES') return done('other');
      const tables: string[] = [];
      const renamedTo: string[] = [];
      let j = i + 2;
      for (;;) {
        const q = qualified(j);
        if (!q) break;
        tables.push(q.name);
        // `RENAME TABLE a TO b, c TO d`
        const to = kw(q.next) === 'TO' ? qualified(q.next + 1) : undefined;
        if (to) renamedTo.push(to.name);
        const comma = findTop(q.next, (x) => T[x]?.type === 'comma');
        if (comma < 0) break;
        j = comma + 1;
      }
      s.tables = tables;
      if (renamedTo.length === tables.length && tables.length > 0) s.renamedTo = renamedTo;
      return done('alter-table-other');
    }
    case 'STOP':
      return ['SLAVE', 'REPLICA', 'GROUP_REPLICATION'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'RESET':
      if (['SLAVE', 'REPLICA', 'MASTER', 'BINARY'].includes(kw(i + 1) ?? '')) return done('replication');
      return kw(i + 1) ? done('other') : null;
    case 'CHANGE':
      return ['MASTER', 'REPLICATION'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'PURGE':
      return ['BINARY', 'MASTER'].includes(kw(i + 1) ?? '') ? done('replication') : null;
    case 'START':
      if (kw(i + 1) === 'TRANSACTION') return done('transaction');
      return ['SLAVE', 'REPLICA', 'GROUP_REPLICATION'].includes(kw(i + 1) ?? '') ? done('other') : null;
    case 'SET':
      // A replica (or a demoted primary) made writable: writes land on the server the topology
      // does not treat as the primary — GitHub 2018's split history (github-2018).
      return done(setsWritable(i + 1) ? 'replication' : 'set');
    case 'CREATE': {
      const created = done('create');
      // CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT … BEGIN … END (written between DELIMITER lines): the
      // body is created to run, so its statements are judged as if they ran.
      const routine = findTop(i + 1, (x) => ['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'].includes(kw(x) ?? ''));
      const begin = routine >= 0 ? findTop(routine, (x) => kw(x) === 'BEGIN') : -1;
      const last = T.length - 1;
      if (begin >= 0 && kw(last) === 'END' && last > begin) {
        const bodyPos = (T[begin] as MyToken).end;
        const inner = analyzeMysqlBody(sql.slice(bodyPos, (T[last] as MyToken).pos), judge, depth + 1);
        created.statements.push(...inner.statements.map((st) => ({ ...st, pos: st.pos + bodyPos, end: st.end + bodyPos })));
        created.errors.push(...inner.errors.map((e) => ({ message: e.message, pos: e.pos + bodyPos })));
      }
      return created;
    }
    case 'GRANT': {
      // GRANT ALL|SUPER ON *.* hands out the whole server; TO PUBLIC does not exist in MySQL.
      const on = findTop(i + 1, (x) => kw(x) === 'ON');
      const privileges = on >= 0 ? T.slice(i + 1, on).map((t) => (t as MyToken).value.toUpperCase()) : [];
      const global = on >= 0 && [on + 1, on + 2, on + 3].map((x) => (T[x] as MyToken | undefined)?.value).join('') === '*.*';
      return done(global && privileges.some((p) => p === 'ALL' || p === 'SUPER') ? 'grant-broad' : 'grant');
    }
    case 'REVOKE':
      return done('revoke');
    case 'SHUTDOWN':
      // MySQL 8's SHUTDOWN statement stops the server, like `mysqladmin shutdown`.
      return done('shutdown');
    case 'LOAD': {
      const into = findTop(i, (x) => kw(x) === 'INTO');
      const q = into >= 0 ? qualified(kw(into + 1) === 'TABLE' ? into + 2 : into + 1) : undefined;
      if (q) s.tables = [q.name];
      return done(kw(i + 1) === 'DATA' || kw(i + 1) === 'XML' ? 'insert' : 'other');
    }
    case 'PREPARE': {
      // Conservative, as for PostgreSQL: PREPARE carries the kind of the statement it prepares.
      const from = findTop(i, (x) => kw(x) === 'FROM');
      const source = T[from + 1];
      if (from < 0 || !source) return null;
      if (source.type !== 'string' || depth > 3) {
        out.errors.push({ message: `dynamic SQL cannot be analysed: ${text}`, pos: piece.pos, runtime: true });
        return done('other');
      }
      const inner = splitMysql(source.value);
      const innerPiece = inner.pieces[0];
      const classified = innerPiece && !innerPiece.client ? classifyMysql(source.value, innerPiece, judge, depth + 1) : null;
      if (!classified || inner.pieces.length !== 1) {
        out.errors.push({ message: `could not classify the prepared statement: ${text}`, pos: piece.pos });
        return done('other');
      }
      for (const st of classified.statements) out.statements.push({ ...st, text, pos: piece.pos, end: piece.end });
      out.errors.push(...classified.errors.map((e) => ({ message: e.message, pos: piece.pos })));
      return out;
    }
    case 'BINLOG':
      out.errors.push({ message: 'BINLOG replays binary-log row events that cannot be analysed', pos: piece.pos });
      return done('other');
    default:
      if (k && TRANSACTION_STATEMENTS.has(k)) return done('transaction');
      if (k && OTHER_STATEMENTS.has(k)) {
        if (k === 'USE') {
          const q = qualified(i + 1);
          if (q) s.names = [q.name];
        }
        return done('other');
      }
      return null;
  }
}
