import { describe, expect, it } from 'vitest';
import { decodes, filterOutput } from '../../src/parse/stream-filters.js';

describe('filterOutput: what a filter writes for text it reads', () => {
  it.each([
    ['base64', ['-d'], 'cm0gLXJmIC8=\n', 'rm -rf /'],
    ['base64', ['--decode', '-i'], 'cm0g\nLXJmIC8=\n', 'rm -rf /'],
    ['base64', [], 'ls', 'bHM=\n'],
    ['base32', ['-d'], 'OJWSALLSMYQC6===\n', 'rm -rf /'],
    ['basenc', ['--base64', '-d'], 'bHM=', 'ls'],
    ['xxd', ['-r', '-p'], '726d202d7266202f\n', 'rm -rf /'],
    ['xxd', ['-rp'], '6c73', 'ls'],
    ['rev', [], '/ fr- mr\n', 'rm -rf /\n'],
    ['tr', ['a-z', 'n-za-m'], 'ez -es /', 'rm -rf /'],
    ['tr', ['-d', 'x'], 'xrxm', 'rm'],
    ['tr', ['[:lower:]', '[:upper:]'], 'ls', 'LS'],
    ['openssl', ['base64', '-d'], 'bHM=', 'ls'],
    ['cat', [], 'ls\n', 'ls\n'],
  ])('%s %j', (name, args, input, output) => {
    expect(filterOutput(name, args, input)).toBe(output);
  });

  it('leaves what it does not compute unknown', () => {
    expect(filterOutput('base64', ['-d', 'payload.b64'], 'x')).toBeUndefined();
    expect(filterOutput('xxd', ['-r'], '00000000: 6c73')).toBeUndefined();
    expect(filterOutput('tr', ['-s', ' '], 'a  b')).toBeUndefined();
    expect(filterOutput('gunzip', [], 'x')).toBeUndefined();
    expect(filterOutput('base64', ['-d'], 'not base64!')).toBeUndefined();
  });
});

describe('decodes: text turned back from a form nobody reads', () => {
  it('knows decoders by their options', () => {
    expect(decodes('base64', ['-d'])).toBe(true);
    expect(decodes('base64', [])).toBe(false);
    expect(decodes('xxd', ['-r', '-p'])).toBe(true);
    expect(decodes('xxd', ['file.bin'])).toBe(false);
    expect(decodes('rev', [])).toBe(true);
    expect(decodes('gpg', ['-d'])).toBe(false);
  });
});
