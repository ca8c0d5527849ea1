// The words a one-liner is given after its code, put where the code reads them: `python3 -c
// "import os, sys; os.system(sys.argv[1])" 'rm -rf /'` runs `rm -rf /`, as do `node -e '…
// process.argv[1]' 'rm -rf /'`, `ruby -e 'system ARGV[0]' …`, `perl -e 'system $ARGV[0]' …`,
// `php -r 'system($argv[1]);' …` and `awk -v c='rm -rf /' 'BEGIN { system(c) }'`. The code is
// rewritten with the values as string literals before it is analysed. Pure.

import type { Language } from './sinks.js';

/** How each language names its arguments, and the index of the first one the line gives. */
const ARGUMENT_ARRAYS: Partial<Record<Language, { pattern: RegExp; first: number }>> = {
  // sys.argv[0] is '-c'; process.argv[0] is node itself; php -r's $argv[0] is its own name.
  python: { pattern: /\bsys\.argv\[\s*(\d+)\s*\]/g, first: 1 },
  javascript: { pattern: /\bprocess\.argv\[\s*(\d+)\s*\]/g, first: 1 },
  ruby: { pattern: /(?<![\w$])(?:ARGV|\$\*)\[\s*(\d+)\s*\]/g, first: 0 },
  perl: { pattern: /\$ARGV\[\s*(\d+)\s*\]/g, first: 0 },
  php: { pattern: /\$argv\[\s*(\d+)\s*\]/g, first: 1 },
};

function literal(language: Language, value: string): string {
  // Perl interpolates `$` and `@` in double quotes: a single-quoted string holds the text as is.
  if (language === 'perl') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  // PHP interpolates `$` in double quotes too.
  if (language === 'php') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return JSON.stringify(value);
}

/** `code` with each argument reference the line fills replaced by the argument's text. */
export function bindArguments(
  language: Language,
  code: string,
  argv: readonly string[] | undefined,
  awkVariables: Readonly<Record<string, string>> = {},
): string {
  let bound = code;
  const spec = ARGUMENT_ARRAYS[language];
  if (spec && argv && argv.length > 0) {
    bound = bound.replace(spec.pattern, (whole, index: string) => {
      const value = argv[Number(index) - spec.first];
      return Number(index) >= spec.first && value !== undefined ? literal(language, value) : whole;
    });
  }
  if (language === 'awk') {
    // `-v name=value` is set before BEGIN runs: an assignment ahead of the program says the same.
    const assignments = Object.entries(awkVariables).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
    if (assignments.length > 0) bound = `BEGIN { ${assignments.join('; ')} }\n${bound}`;
  }
  return bound;
}
