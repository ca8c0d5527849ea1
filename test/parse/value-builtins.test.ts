// Word splitting with a custom IFS and printf's output, as bash produces them: the values later
// commands of the line see (`IFS=, ; set -- $list`, `printf -v X FORMAT`).
import { describe, expect, it } from 'vitest';
import { splitFields } from '../../src/parse/expand.js';
import { printfOutput } from '../../src/parse/printf.js';

describe('splitFields', () => {
  it.each([
    ['  a  b\tc\n', undefined, ['a', 'b', 'c']],
    ['/,/etc', ',', ['/', '/etc']],
    ['a,,b', ',', ['a', '', 'b']],
    ['a,', ',', ['a']],
    [' a , b ', ', ', ['a', 'b']],
    ['a b', '', ['a b']],
    ['/usr:/bin', ':', ['/usr', '/bin']],
  ])('%j with IFS %j gives %j', (text, ifs, fields) => {
    expect(splitFields(text, ifs)).toEqual(fields);
  });
});

describe('printfOutput', () => {
  it.each([
    ['/', [], '/'],
    ['%s', ['/etc'], '/etc'],
    ['%s/%s', ['', 'etc'], '/etc'],
    ['rm -rf %s\\n', ['/'], 'rm -rf /\n'],
    ['%s\\n', ['a', 'b'], 'a\nb\n'],
    ['100%%', [], '100%'],
  ])('printf %j %j prints %j', (format, args, output) => {
    expect(printfOutput(format, args)).toBe(output);
  });

  it('leaves conversions it does not follow unknown', () => {
    expect(printfOutput('%5s', ['/'])).toBeUndefined();
    expect(printfOutput('%q', ['/'])).toBeUndefined();
    expect(printfOutput('%x', ['255'])).toBeUndefined();
  });

  it('applies the escapes and conversions bash does', () => {
    expect(printfOutput('\\x72\\x6d -rf %s', ['/'])).toBe('rm -rf /');
    expect(printfOutput('\\162\\155', [])).toBe('rm');
    expect(printfOutput('%b', ['\\0162m'])).toBe('rm');
    expect(printfOutput('%d-%c', ['5', 'xyz'])).toBe('5-x');
    expect(printfOutput('a\\cb', [])).toBe('a');
  });
});
