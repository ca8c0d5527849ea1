// The lead's cases from the fourth stop: a path whose command substitution may print nothing.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    // Bash leaves nothing where a command printed nothing: `/$(cmd)*` is then `/*` (the Steam bug's
    // shape, with a command instead of a variable). Commands that always print stay quiet.
    name: 'lead: a substitution that may print nothing in a recursive rm',
    cases: [
      { line: 'rm -rf /$(true)*', expect: 'block', rule: 'filesystem/rm-unset-variable' },
      { line: 'rm -rf `true`/*', expect: 'block', rule: 'filesystem/rm-unset-variable' },
      { line: 'rm -rf "$(git rev-parse --show-toplevel)"/*', expect: 'block', rule: 'filesystem/rm-unset-variable' },
      { line: 'sudo rm -rf "$(cat /etc/app/dir)/"', expect: 'block', rule: 'filesystem/rm-unset-variable' },
      { line: 'rm -rf "$(dirname "$0")"/*', expect: 'allow' },
      { line: 'rm -rf "$(git rev-parse --show-toplevel)/build"', expect: 'allow' },
      { line: 'rm -rf "$(mktemp -d)"', expect: 'allow' },
      { line: 'rm -rf /$(echo tmp)/x', expect: 'allow' },
    ],
  },
];
