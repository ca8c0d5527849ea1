// Documentation of the rules the lint stage reports by itself (without the shell engine), in
// the shape reporters use for SARIF `tool.driver.rules` and help lines.

export interface LintRuleDoc {
  title: string;
  help: string;
  /** One of INCIDENTS.md's tags, or `general`. */
  incident: string;
}

export const LINT_RULE_DOCS: Readonly<Record<string, LintRuleDoc>> = {
  'lint/parse-error': {
    title: 'File could not be parsed',
    help: 'Fix the syntax error; prodguard cannot check what it cannot read.',
    incident: 'general',
  },
  'lint/suppression-without-reason': {
    title: 'Suppression without a reason',
    help: 'Write why after " -- ": # prodguard-disable-next-line RULE -- reason',
    incident: 'general',
  },
  'lint/unused-suppression': {
    title: 'Suppression that suppresses nothing',
    help: 'Remove it, or move it to the line just above the finding.',
    incident: 'general',
  },
  'dotenv/test-env-points-at-remote-database': {
    title: 'Test or development env file points at a remote or production database',
    help: 'Point test and development env files at a local database (localhost, a Unix socket, a docker-compose service).',
    incident: 'travis-2018',
  },
  'dotenv/escape-hatch': {
    title: 'Safety check switched off for a whole job or env file',
    help: 'Set the variable only on the one command that needs it, after checking the target, or remove it.',
    incident: 'travis-2018',
  },
  'topology/cross-region-promotion': {
    title: 'Orchestrator may promote a primary across regions',
    help: 'Set PreventCrossRegionMasterFailover to true.',
    incident: 'github-2018',
  },
};
