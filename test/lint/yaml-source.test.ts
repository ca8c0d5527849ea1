import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LineIndex } from '../../src/lint/positions.js';
import { mappedScalar, parseYaml } from '../../src/lint/extract/yaml-source.js';

function decode(yamlText: string) {
  const index = new LineIndex(yamlText);
  const { doc } = parseYaml(yamlText, index, 'test');
  if (!doc) throw new Error('no doc');
  const node = doc.get('v', true);
  const mapped = mappedScalar(node, doc, yamlText, index)!;
  return { mapped, expected: parseDocument(yamlText).toJS().v as string, index };
}

const samples: Record<string, string> = {
  literal: 'v: |\n  echo hi\n    more\n\n  rm -rf /\n',
  literalStrip: 'v: |-\n  a\n  b\n\n',
  literalKeep: 'v: |+\n  a\n\n\n',
  folded: 'v: >\n  rm -rf\n  /tmp\n\n  next\n    more indented\n  back\n',
  foldedStrip: 'v: >-\n   one\n   two\n',
  plainMulti: 'v: rm -rf\n  /tmp   \n\n  x\n',
  single: "v: 'it''s\n  folded'\n",
  double: 'v: "a\\tb \\"q\\" \\x41\\u00e9\n  next \\\n  joined"\n',
  nested: 'jobs:\n  a:\n    steps:\n      - run: |\n          cd /x\n          rm -rf "$D/"\nv: "x"\n',
  crlf: 'v: |\r\n  a\r\n  b\r\n',
  headerComment: 'v: | # the script\n  rm -rf /tmp/x\n',
  explicitIndent: 'v: |2\n    indented first\n  then\n',
  foldedMore: 'v: >\n  a\n\n    b\n  c\n\n\n  d\n',
  foldedKeep: 'v: >+\n  a\n  b\n\n',
  leadingEmpty: 'v: |\n\n  a\n',
  doubleEscapes: 'v: "tab\\there \\/ \\u263A \\U0001F600 end"\n',
  singleMulti: "v: 'a\n\n  b''c'\n",
  plainComment: 'v: rm -rf x # comment\n',
};

describe('mappedScalar', () => {
  for (const [name, text] of Object.entries(samples)) {
    it(`decodes ${name} like the yaml library and maps literal characters to themselves`, () => {
      const { mapped, expected } = decode(text);
      expect(mapped.text).toBe(expected);
      expect(mapped.offsets).toHaveLength(mapped.text.length + 1);
      for (let i = 0; i < mapped.text.length; i++) {
        const ch = mapped.text[i]!;
        // An escape sequence maps to its backslash.
        if (/[A-Za-z0-9/$"-]/.test(ch) && text[mapped.offsets[i]!] !== '\\') {
          expect(text[mapped.offsets[i]!], `char ${i} ${JSON.stringify(ch)}`).toBe(ch);
        }
      }
    });
  }

  it('maps a command inside a block scalar to its file line and column', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - run: |\n          cd /x\n          rm -rf "$D/"\n';
    const index = new LineIndex(text);
    const { doc } = parseYaml(text, index, 't');
    const node = doc!.getIn(['jobs', 'a', 'steps', 0, 'run'], true);
    const m = mappedScalar(node, doc!, text, index)!;
    const at = m.text.indexOf('rm');
    expect(index.position(m.offsets[at]!)).toEqual({ line: 6, column: 11 });
  });

  it('maps a CRLF line break to its \\r, so a span that ends at the break ends on its own line', () => {
    for (const text of ['v: |\r\n  rm -rf "$D/"\r\n  ls\r\n', 'v: |-\r\n  rm -rf "$D/"\r\n  ls\r\n', 'v: >\r\n  rm -rf "$D/"\r\n\r\n  ls\r\n']) {
      const { mapped, index, expected } = decode(text);
      expect(mapped.text).toBe(expected);
      const end = mapped.text.indexOf('"$D/"') + 5;
      expect(index.position(mapped.offsets[end]!), JSON.stringify(text)).toEqual({ line: 2, column: 15 });
      expect(text[mapped.offsets[end]!]).toBe('\r');
    }
    const last = decode('v: |\r\n  rm -rf x\r\n');
    expect(last.index.position(last.mapped.offsets[last.mapped.text.length]!)).toEqual({ line: 2, column: 11 });
    const plain = decode('v: rm -rf x\r\n  y\r\n');
    expect(plain.mapped.text).toBe('rm -rf x y');
    expect(plain.index.position(plain.mapped.offsets[plain.mapped.text.indexOf(' y')]!)).toEqual({ line: 1, column: 12 });
  });

  it('maps folded continuation lines to their own line', () => {
    const { mapped, index } = decode('v: >\n  rm -rf\n  /tmp\n');
    expect(mapped.text).toBe('rm -rf /tmp\n');
    expect(index.position(mapped.offsets[mapped.text.indexOf('/tmp')]!)).toEqual({ line: 3, column: 3 });
  });
});
