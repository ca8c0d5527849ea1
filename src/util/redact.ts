// No secret ever appears in output, JSON or logs (DESIGN.md). Every string that may hold a
// connection URL or a token passes through here before it is printed or written.

// The password runs to the last `@` of the URL (an unencoded `/` or `@` in it must not leak).
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`]*:)([^\s'"`]*)@(?=[^\s@'"`]*(?:[\s'"`]|$))/gi;
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;]+)/gi;
/** `PGPASSWORD=x`, `AWS_SECRET_ACCESS_KEY=x`, `DB_PASSWORD: x` (shell, env files, CI YAML). */
const SECRET_ASSIGNMENT = /\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Za-z0-9_]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s;&|"']+)/gi;
const SECRET_VARIABLE = /^(?:.*_)?(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)(?:_.*)?$/i;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g;
const WELL_KNOWN_TOKENS = /\b(gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|sk_live_[A-Za-z0-9]{10,})\b/g;

export const REDACTED = '***';

/** Remove passwords from URLs, `password=…` pairs, bearer tokens and well-known token shapes. */
/**
 * Secrets found in the command being judged (`mysql -pX`, `redis-cli -a X`, `sshpass -p X`,
 * `curl -u user:X`): every later message, JSON field and log line of this process hides them.
 */
const knownSecrets = new Set<string>();

export function registerSecret(secret: string): void {
  if (secret.length >= 3) knownSecrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out
    // A reference (`DB_PASSWORD=$X`, `${{ secrets.X }}`) names a secret without holding it: kept.
    .replace(SECRET_ASSIGNMENT, (match, name: string, sep: string, value: string) =>
      /^["']?\$/.test(value) || value === REDACTED ? match : `${name}${sep}${/^["']/.test(value) ? `${value[0]}${REDACTED}${value[0]}` : REDACTED}`,
    )
    .replace(URL_PASSWORD, (_match, before: string, password: string) =>
      password === '' ? `${before}@` : `${before}${REDACTED}@`,
    )
    .replace(KEY_VALUE_SECRET, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(WELL_KNOWN_TOKENS, REDACTED);
}

/** True for variable names whose value is a secret (PGPASSWORD, GITHUB_TOKEN, …). */
export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLE.test(name);
}

/** Redact an assignment `NAME=value` shown to a person: secret variables lose their value. */
export function redactAssignment(name: string, value: string): string {
  return isSecretVariable(name) ? `${name}=${REDACTED}` : `${name}=${redact(value)}`;
}

/** Deep-redact every string in a JSON-able value (for JSON output and the audit log). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'secretUrl') continue;
      out[key] = redactDeep(item);
    }
    return out as T;
  }
  return value;
}
