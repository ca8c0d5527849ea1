// Positional parameters and arrays: what `"$@"` and `"${x[@]}"` hold when the line set them is
// what bash runs (issue 11, class 4). Harmless uses of the same forms stay untouched.
import type { CorpusGroup } from '../cases.js';

const PROD = 'db1.prod.example.com';

export const groups: CorpusGroup[] = [
  {
    name: 'positional parameters and arrays set in the line are the command they run',
    cases: [
      { line: 'set -- rm -rf /; "$@"', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'set rm -rf /; $*', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'set -- x /; shift; rm -rf "$@"', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'set -- a -rf /var/lib/postgresql; rm "${@:2}"', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'set -- /var/lib/postgresql; rm -rf "$1"', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'cmd=(rm -rf /); "${cmd[@]}"', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'a=(rm -rf); "${a[@]}" /', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'args=(-rf /var/lib/postgresql); rm "${args[@]}"', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'declare -a x=(rm -rf /); ${x[*]}', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'x=(ls); x+=(-rf /); rm ${x[@]:1}', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'x=(echo -rf /); rm "${x[1]}" "${x[2]}"', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'x=(/tmp/a); x[0]=/var/lib/postgresql; rm -rf "${x[@]}"', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'x=(); rm -rf "/${x[@]}"', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'sh -c \'rm -rf "$@"\' _ /var/lib/postgresql', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'opts=(-h db.prod.example.com); dropdb "${opts[@]}" app', expect: 'block', rule: 'database/dropdb' },
      // Functions defined and called in the line: the body runs with the call's arguments.
      { line: 'f() { rm -rf "$1"; }; f /', hostname: PROD, expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'function h { sudo rm -rf "$@"; }; h /var/lib/postgresql', hostname: PROD, expect: 'confirm', rule: 'filesystem/rm-data-directory' },
    ],
  },
  {
    name: 'positional parameters and arrays in everyday lines stay at allow',
    cases: [
      { line: 'set -- a b; echo "$@"', hostname: PROD, expect: 'allow' },
      { line: 'files=(a.txt b.txt); rm "${files[@]}"', hostname: PROD, expect: 'allow' },
      { line: 'dirs=(node_modules dist); rm -rf "${dirs[@]}"', expect: 'allow' },
      { line: 'set -- build; npm run "$1"', expect: 'allow' },
      { line: 'args=(--watch); echo "${#args[@]}" "${args[*]}"', expect: 'allow' },
      { line: 'set -e; set -o pipefail; echo "$@"', expect: 'allow' },
      { line: 'x=(); echo "${x[@]}"', expect: 'allow' },
      { line: 'clean() { rm -rf "$1"; }; clean ./build', hostname: PROD, expect: 'allow' },
      { line: 'f() { f "$@"; }; f /', hostname: PROD, expect: 'allow' },
    ],
  },
];
