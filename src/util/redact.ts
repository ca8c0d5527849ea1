// No secret ever appears in output, JSON or logs (DESIGN.md). Every string that may hold a
// connection URL or a token passes through here before it is printed or written.

// The password runs to the last `@` of the URL (an unencoded `/` or `@` in it must not leak).
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`]*:)([^\s'"`]*)@(?=[^\s@'"`]*(?:[\s'"`]|$))/gi;
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;]+)/gi;
/** `PGPASSWORD=x`, `AWS_SECRET_ACCESS_KEY=x`, `DB_PASSWORD: x` (shell, env files, CI YAML). */
const SECRET_ASSIGNMENT =
  /\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Za-z0-9_]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s;&|"']+)/gi;
const SECRET_VARIABLE = /^(?:.*_)?(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)(?:_.*)?$/i;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g;
const WELL_KNOWN_TOKENS = /\b(gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|sk_live_[A-Za-z0-9]{10,})\b/g;

export const REDACTED = '***';

/**
 * SQL that sets a role's password: PostgreSQL `CREATE USER|ROLE … [ENCRYPTED] PASSWORD '…'`,
 * `ALTER ROLE … PASSWORD '…'`, MySQL `IDENTIFIED [WITH plugin] BY '…'` and
 * `SET PASSWORD [FOR u] = '…'` / `PASSWORD('…')`. A quote cut off by a line end is still hidden.
 */
const SQL_PASSWORD =
  /\b((?:ENCRYPTED\s+|UNENCRYPTED\s+)?PASSWORD\s*(?:FOR\s+[^=;\n]{1,200}?\s*=\s*|=\s*)?(?:\(\s*)?)(E?'(?:[^']|'')*'|E?'[^'\n]*$|\$\$[\s\S]*?\$\$)/gim;
const SQL_IDENTIFIED_BY = /\b(IDENTIFIED\s+(?:WITH\s+\S+\s+)?(?:BY|AS)\s+(?:PASSWORD\s+)?)('(?:[^']|'')*'|'[^'\n]*$|"[^"]*"|"[^"\n]*$)/gim;
/** `REDISCLI_AUTH=…`, `MONGO_AUTH=…`: a variable ending in _AUTH holds a credential. */
const AUTH_ASSIGNMENT = /\b([A-Za-z0-9_]*_AUTH)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s;&|"']+)/g;

/** `PASSWORD 'x'` → `PASSWORD '***'`, keeping the quotes (a literal cut off keeps no close). */
function sqlLiteral(_match: string, before: string, value: string): string {
  const open = value.startsWith("E'") ? "E'" : value.startsWith('$$') ? '$$' : value[0]!;
  const closer = open === "E'" ? "'" : open;
  const closed = value.length > open.length && value.endsWith(closer);
  return `${before}${open}${REDACTED}${closed ? closer : ''}`;
}

/** Remove passwords from URLs, `password=…` pairs, SQL role passwords, bearer tokens and
 *  well-known token shapes. Pure: the same text always gives the same answer. */
export function redact(text: string): string {
  const keepReference = (match: string, name: string, sep: string, value: string) =>
    /^["']?\$/.test(value) || value === REDACTED ? match : `${name}${sep}${/^["']/.test(value) ? `${value[0]}${REDACTED}${value[0]}` : REDACTED}`;
  return (
    text
      // A reference (`DB_PASSWORD=$X`, `${{ secrets.X }}`) names a secret without holding it: kept.
      .replace(SECRET_ASSIGNMENT, keepReference)
      .replace(AUTH_ASSIGNMENT, keepReference)
      .replace(SQL_PASSWORD, sqlLiteral)
      .replace(SQL_IDENTIFIED_BY, sqlLiteral)
      .replace(URL_PASSWORD, (_match, before: string, password: string) => (password === '' ? `${before}@` : `${before}${REDACTED}@`))
      .replace(KEY_VALUE_SECRET, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`)
      .replace(BEARER, `$1${REDACTED}`)
      .replace(WELL_KNOWN_TOKENS, REDACTED)
  );
}

/**
 * Redaction for one input (a command line, a lint file, a run): the shared patterns plus the
 * literal secrets that input carries (`mysql -pX`, `echo X | sudo -S`, `REDISCLI_AUTH=X`). A
 * value, built per input and handed to whatever prints or logs: no process-wide set, so one
 * file's password never changes another file's message and a long-running checker holds nothing.
 */
export interface Redactor {
  /** Redact one string. */
  text(value: string): string;
  /** Redact every string in a JSON-able value (for JSON output and the audit log). */
  deep<T>(value: T): T;
  /** The same redactor knowing more secrets (a new value; this one is unchanged). */
  with(secrets: Iterable<string>): Redactor;
}

/** Secrets shorter than this are not hidden literally: `-p ab` would blank every "ab". */
const MIN_SECRET_LENGTH = 3;

export function createRedactor(secrets: Iterable<string> = []): Redactor {
  // Longest first, so a secret containing another is hidden whole.
  const known = [...new Set([...secrets].filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let out = value;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redact(out);
  };
  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((item) => deep(item)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (key === 'secretUrl') continue;
        out[key] = deep(item);
      }
      return out as T;
    }
    return value;
  };
  return { text, deep, with: (more) => createRedactor([...known, ...more]) };
}

/** The patterns alone, for text that comes with no input of its own (errors, status). */
export const plainRedactor: Redactor = createRedactor();

/** True for variable names whose value is a secret (PGPASSWORD, GITHUB_TOKEN, …). */
export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLE.test(name);
}

/** Redact an assignment `NAME=value` shown to a person: secret variables lose their value. */
export function redactAssignment(name: string, value: string): string {
  return isSecretVariable(name) ? `${name}=${REDACTED}` : `${name}=${redact(value)}`;
}

/** Deep-redact every string in a JSON-able value with the patterns alone. */
export function redactDeep<T>(value: T): T {
  return plainRedactor.deep(value);
}
