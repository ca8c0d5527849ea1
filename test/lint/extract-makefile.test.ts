import { describe, expect, it } from 'vitest';
import { extractMakefile } from '../../src/lint/extract/makefile.js';
import { at, byOrigin, fixture, textAt } from './helpers.js';

describe('Makefile extractor', () => {
  const text = fixture('dangerous', 'Makefile');
  const { snippets } = extractMakefile(text, 'Makefile');

  it('makes one snippet per recipe line, prefixes stripped, automatic variables expanded', () => {
    expect(snippets.map((s) => [s.origin, s.text])).toEqual([
      ['clean: recipe line 1', 'echo cleaning clean'],
      ['clean: recipe line 2', 'rm -rf /out \\\n  /'],
      ['reset-prod: recipe line 1', 'bundle exec rake db:reset DB=$DATABASE_URL'],
    ]);
  });

  it('substitutes an empty make variable, so rm -rf $(BUILD_DIR)/ becomes rm -rf /', () => {
    const s = byOrigin(snippets, 'clean: recipe line 2');
    expect(at(s, 'rm')).toEqual({ line: 8, column: 3 });
    // The "/" left by `$(BUILD_DIR)/` on the continuation line points at that line.
    expect(s.locate(s.text.length - 1)).toEqual({ line: 9, column: 16 });
    expect(textAt(text, { line: 9, column: 4 }, 12)).toBe('$(BUILD_DIR)');
  });

  it('maps $$ to $ and exports exported variables; target names are hints', () => {
    const s = byOrigin(snippets, 'reset-prod: recipe line 1');
    expect(at(s, '$DATABASE_URL')).toEqual({ line: 12, column: 31 });
    expect(s.env).toEqual({ RAILS_ENV: 'production' });
    expect(s.hints).toEqual([
      { environment: 'production', evidence: 'RAILS_ENV=production', line: 3 },
      { environment: 'production', evidence: 'target reset-prod', line: 11 },
    ]);
  });

  it('handles recursive and simple flavours, +=, ?=, substitution references and functions', () => {
    const mk = [
      'A = $(B)/x',
      'B = one',
      'C := $(B)',
      'B = two',
      'C += more',
      'D ?= keep',
      'D ?= ignored',
      'SRCS = a.c b.c',
      'ROOT != pwd',
      '',
      'all: dep1 dep2',
      '\techo $(A) $(C) $(D) $(SRCS:.c=.o) $^ $< $(@D) $(shell date) $(ROOT) $(HOME) $(MAKE)',
      '',
    ].join('\n');
    const [s] = extractMakefile(mk).snippets;
    expect(s!.text).toBe('echo two/x one more keep a.o b.o dep1 dep2 dep1 . ${_MAKE_shell} ${_MAKE_shell_ROOT} ${HOME} make');
    expect(s!.unknownEnv.sort()).toEqual(['_MAKE_shell', '_MAKE_shell_ROOT']);
    expect(s!.env._MAKE_shell).toBe('$(shell date)');
  });

  it('handles inline recipes, target-specific variables, comments and .ONESHELL', () => {
    const mk = ['# comment', 'deploy: DIR = /srv/app', 'deploy: build ; rm -rf $(DIR)/current # not a make comment', '\tcd $(DIR)', '', '.ONESHELL:', ''].join(
      '\n',
    );
    const [s] = extractMakefile(mk).snippets;
    expect(s!.text).toBe('rm -rf /srv/app/current # not a make comment\ncd /srv/app');
    expect(at(s!, 'rm')).toEqual({ line: 3, column: 17 });
    expect(at(s!, 'cd')).toEqual({ line: 4, column: 2 });
  });
});
