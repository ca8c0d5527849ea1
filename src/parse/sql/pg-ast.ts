// Reading libpg-query's JSON: node types, names and generic walks.

/**
 * A node of libpg-query's JSON: `{ NodeType: { …fields } }`. Shapes follow @pgsql/types; they are
 * read defensively (every field optional), which generic walks need, so they are typed loosely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic walks index children by key
export type PgNode = any;

export function nodeType(node: PgNode): [string, PgNode] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const key = Object.keys(node)[0];
  return key === undefined ? undefined : [key, node[key]];
}

export function svalList(items: PgNode[] | undefined): string[] {
  return (items ?? []).map((item: PgNode) => item?.String?.sval ?? (item?.A_Star ? '*' : '?'));
}

export function rangeVarName(rv: PgNode): string {
  if (!rv) return '?';
  return [rv.catalogname, rv.schemaname, rv.relname].filter((p: unknown) => typeof p === 'string' && p).join('.');
}

/** The name of a dropped object, whatever node type carries it. */
export function objectName(obj: PgNode): string {
  const t = nodeType(obj);
  if (!t) return '?';
  const [type, body] = t;
  if (type === 'String') return body.sval ?? '?';
  if (type === 'List') return svalList(body.items).join('.');
  if (type === 'ObjectWithArgs') return svalList(body.objname).join('.');
  if (type === 'TypeName') return svalList(body.names).join('.');
  if (type === 'RangeVar') return rangeVarName(body);
  return '?';
}

/** Visit every node of a subtree. Return false from `visit` to not descend into that node. */
export function walk(node: PgNode, visit: (type: string, body: PgNode) => boolean | void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  // for…in over a parsed JSON object (own keys only, Object.entries' order) and a character code
  // instead of a regular expression: lint walks every node of every migration's tree this way.
  for (const key in node) {
    const value = node[key];
    if (!value || typeof value !== 'object') continue; // a string or number has no nodes below it
    const first = key.charCodeAt(0);
    if (first >= 65 && first <= 90 && !Array.isArray(value)) {
      if (visit(key, value) === false) continue;
    }
    walk(value, visit);
  }
}

export function functionCallsOf(node: PgNode): string[] {
  const names = new Set<string>();
  walk(node, (type, body) => {
    if (type === 'FuncCall') {
      const parts = svalList(body.funcname);
      const last = parts[parts.length - 1];
      if (last) names.add(last.toLowerCase());
    }
    // Function and rule bodies do not run when they are created.
    if (type === 'CreateFunctionStmt' || type === 'RuleStmt' || type === 'CreateTrigStmt') return false;
    return true;
  });
  return [...names];
}

export function fromTables(fromClause: PgNode[] | undefined): string[] {
  const tables: string[] = [];
  const visit = (node: PgNode): void => {
    const t = nodeType(node);
    if (!t) return;
    if (t[0] === 'RangeVar') tables.push(rangeVarName(t[1]));
    else if (t[0] === 'JoinExpr') {
      visit(t[1].larg);
      visit(t[1].rarg);
    }
  };
  for (const item of fromClause ?? []) visit(item);
  return tables;
}

export function defElems(options: PgNode[] | undefined): Map<string, PgNode> {
  const map = new Map<string, PgNode>();
  for (const opt of options ?? []) if (opt?.DefElem?.defname) map.set(opt.DefElem.defname, opt.DefElem);
  return map;
}
