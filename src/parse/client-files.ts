// The files database clients read their server from, as the clients themselves read them:
// libpq's connection service file (pg_service.conf), MySQL's option files (my.cnf) and its
// obfuscated login path file (~/.mylogin.cnf). Neither format is INI as INI parsers know it
// (no dotted sections, `!include` directives, flags without `=`, MySQL's quote and escape rules,
// "first section wins" in libpq), and no npm package reads them, so each parser follows its C
// source: libpq fe-connect.c parseServiceFile, MySQL mysys/my_default.cc
// search_default_file_with_ext and mysql_file_getline. Pure: text or bytes in, data out.

import { dict } from '../util/dict.js';

/** pg_service.conf: `[name]` sections of `keyword=value` lines. libpq stops at the first section
 *  with the name, so a later duplicate is ignored here too. */
export function parsePgServiceFile(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const name = line.slice(1, line.indexOf(']') === -1 ? undefined : line.indexOf(']'));
      current = Object.hasOwn(sections, name) ? undefined : (sections[name] = {});
      continue;
    }
    const equals = line.indexOf('=');
    // libpq rejects a line without `=` (and spaces around it); reading it leniently can only
    // find more of the target, never less.
    if (!current || equals === -1) continue;
    const key = line.slice(0, equals).trim();
    if (!Object.hasOwn(current, key)) current[key] = line.slice(equals + 1).trim();
  }
  return sections;
}

/** One line of a MySQL option file that matters: an option in a group, or an include directive. */
export type MysqlOptionLine = { group: string; key: string; value?: string } | { include: string } | { includedir: string };

/**
 * A MySQL option file (my.cnf) or the decoded login path file, line by line in file order (a
 * client takes the last value it reads, across all the groups it reads). Option names are
 * normalised as my_getopt does: `_` is `-`, a `loose-` prefix is dropped.
 */
export function parseMysqlOptionFile(text: string, options: { loginFile?: boolean } = {}): MysqlOptionLine[] {
  const lines: MysqlOptionLine[] = [];
  let group: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('!')) {
      const directive = /^!\s*(includedir|include)\s+(.*?)\s*$/.exec(line);
      if (directive?.[2]) lines.push(directive[1] === 'include' ? { include: directive[2] } : { includedir: directive[2] });
      continue;
    }
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      // MySQL refuses the whole file on a broken group line; skipping it is the lenient reading.
      group = end === -1 ? undefined : line.slice(1, end).trim();
      continue;
    }
    if (group === undefined) continue;
    // The login file has no comments; elsewhere `#` outside quotes starts one.
    const body = options.loginFile ? line : withoutEndComment(line);
    const equals = body.indexOf('=');
    const key = normaliseOptionName((equals === -1 ? body : body.slice(0, equals)).trim());
    if (key === '') continue;
    if (equals === -1) lines.push({ group, key });
    else lines.push({ group, key, value: unquoteOptionValue(body.slice(equals + 1).trim()) });
  }
  return lines;
}

function normaliseOptionName(name: string): string {
  return name.replace(/_/g, '-').replace(/^loose-/, '');
}

function withoutEndComment(line: string): string {
  let quote = '';
  let escape = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if ((char === "'" || char === '"') && !escape) quote = quote === '' ? char : quote === char ? '' : quote;
    if (quote === '' && char === '#') return line.slice(0, index);
    escape = quote !== '' && char === '\\' && !escape;
  }
  return line;
}

const OPTION_ESCAPES: Record<string, string> = dict({ n: '\n', t: '\t', r: '\r', b: '\b', s: ' ', '"': '"', "'": "'", '\\': '\\' });

function unquoteOptionValue(value: string): string {
  let inner = value;
  if (inner.length > 1 && (inner[0] === '"' || inner[0] === "'") && inner.at(-1) === inner[0]) inner = inner.slice(1, -1);
  let out = '';
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]!;
    if (char === '\\' && index < inner.length - 1) {
      const next = inner[++index]!;
      out += OPTION_ESCAPES[next] ?? `\\${next}`;
    } else out += char;
  }
  return out;
}

const LOGIN_KEY_LENGTH = 20;
const LOGIN_HEADER_LENGTH = 4 + LOGIN_KEY_LENGTH;
const MAX_LOGIN_LINE = 4096;

/**
 * ~/.mylogin.cnf as mysql_config_editor writes it: 4 unused bytes, a 20-byte key, then one chunk
 * per line — a 4-byte little-endian length and the line encrypted with AES-128-ECB (PKCS#7
 * padding) under the key folded into 16 bytes (`key[i % 16] ^= raw[i]`, my_aes_create_key).
 * Obfuscation, not protection: the key is in the file. Undefined when the file is not one.
 */
export function decodeMyloginFile(bytes: Uint8Array): string | undefined {
  if (bytes.length < LOGIN_HEADER_LENGTH) return undefined;
  const key = Buffer.alloc(16);
  for (let index = 0; index < LOGIN_KEY_LENGTH; index++) key[index % 16]! ^= bytes[4 + index]!;
  // Loaded on first use (see util/sha256.ts): only a line naming a MySQL client gets here.
  const { createDecipheriv } = process.getBuiltinModule('node:crypto');
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = '';
  for (let offset = LOGIN_HEADER_LENGTH; offset + 4 <= view.length;) {
    const length = view.readInt32LE(offset);
    offset += 4;
    if (length <= 0 || length > MAX_LOGIN_LINE || length % 16 !== 0 || offset + length > view.length) return undefined;
    try {
      const decipher = createDecipheriv('aes-128-ecb', key, null);
      text += Buffer.concat([decipher.update(view.subarray(offset, offset + length)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
    offset += length;
  }
  return text;
}
