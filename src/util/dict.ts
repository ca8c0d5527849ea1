// Dictionaries keyed by names that come from input: shell variables, functions and aliases,
// make targets, npm scripts, CI job keys, command words. A plain object literal inherits
// Object.prototype, so `vars['constructor']` is a function, `arrays['toString']` is not iterable
// and `tasks['__proto__'] = …` changes the object's prototype instead of storing a task: a line
// with `constructor=/` ended in an internal error. These have no prototype: every name is a key
// like any other.

/** A new dictionary without a prototype holding the entries of `sources`, later ones winning. */
export function dict<T>(...sources: readonly (Readonly<Record<string, T>> | undefined)[]): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const source of sources) {
    if (source === undefined) continue;
    // Own enumerable keys only (what a spread copies); `__proto__` is stored as a key here.
    for (const key of Object.keys(source)) out[key] = source[key]!;
  }
  return out;
}

/** A knowledge table keyed by command or function name: no prototype, frozen. */
export function table<T>(entries: Readonly<Record<string, NoInfer<T>>>): Readonly<Record<string, T>> {
  return Object.freeze(dict<T>(entries));
}

/** `object[key]` when `key` is the object's own entry, not something Object.prototype holds. */
export function own<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}
