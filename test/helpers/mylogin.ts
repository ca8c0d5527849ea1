// Build a ~/.mylogin.cnf for tests, the way mysql_config_editor writes it
// (client/mysql_config_editor.cc encrypt_and_write_file): 4 unused bytes, a 20-byte key, then per
// line a 4-byte little-endian length and the line under AES-128-ECB with the key folded to 16 bytes.
import { createCipheriv, randomBytes } from 'node:crypto';

export function myloginFile(text: string, rawKey: Buffer = randomBytes(20)): Buffer {
  const key = Buffer.alloc(16);
  for (let index = 0; index < 20; index++) key[index % 16]! ^= rawKey[index]!;
  const chunks: Buffer[] = [Buffer.alloc(4), rawKey];
  // One chunk per line, the newline included.
  for (const line of text.match(/[^\n]*\n/g) ?? []) {
    const cipher = createCipheriv('aes-128-ecb', key, null);
    const encrypted = Buffer.concat([cipher.update(line, 'utf8'), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeInt32LE(encrypted.length);
    chunks.push(length, encrypted);
  }
  return Buffer.concat(chunks);
}
