// Everyday lines that must stay untouched on a developer's machine: routine restarts, deploys,
// builds and clean-ups that look like the dangerous ones only by their words.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'everyday work on a workstation stays at allow',
    cases: [
      { line: 'kubectl delete pod web-5d9c7', expect: 'allow' },
      { line: 'git push --force-with-lease origin feature/login', expect: 'allow' },
      { line: 'rm -rf node_modules dist .next', expect: 'allow' },
      { line: 'docker compose down', expect: 'allow' },
      { line: 'make clean', expect: 'allow' },
    ],
  },
];
