// A finding as the engine reports it, for tests of what the hooks and reporters answer.
import type { Finding } from '../../src/types.js';

export const dataDirectoryFinding = (severity: Finding['severity']): Finding => ({
  rule: 'filesystem/rm-data-directory',
  title: 'Removing a database data directory',
  severity,
  message: 'rm -rf /var/lib/postgresql/15/main deletes database files on db1 (production)',
  incident: 'gitlab-2017',
  target: 'db1',
  why: 'GitLab 2017',
  fix: 'move the directory aside',
});
