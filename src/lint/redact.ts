// No secret ever appears in any output (DESIGN.md): the shared redaction (URL passwords,
// `password=…`, bearer and well-known tokens) plus values assigned to secret-looking names
// (`DB_PASSWORD=…`, `GITHUB_TOKEN: …`), which lint meets in env files and CI variables.

import { redact } from '../util/redact.js';

const SECRET_ASSIGNMENT =
  /\b([A-Za-z_][A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|ACCESS_KEY)[A-Za-z0-9_]*)(\s*[=:]\s*)(["']?)([^\s"']+)\3/gi;

/** `postgres://u:pw@host/db` → `postgres://u:***@host/db`. */
export function redactUrl(text: string): string {
  return redact(text);
}

/** Redact URL passwords, tokens and values assigned to secret-looking names (`DB_PASSWORD=…`). */
export function redactSecrets(text: string): string {
  return redact(text).replace(SECRET_ASSIGNMENT, (match, name: string, sep: string, quote: string, value: string) => {
    if (value.startsWith('$') || value === '***') return match;
    return `${name}${sep}${quote}***${quote}`;
  });
}
