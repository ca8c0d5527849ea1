// Secrets written on a command line: passwords given as options (`mysql -pX`, `redis-cli -a X`,
// `sshpass -p X`, `curl -u user:X`, `docker login -p X`) and secret variables assigned inline.
// They are registered with the redactor, so no message, JSON field or audit line shows them.

import type { Invocation } from '../types.js';
import { isSecretVariable, registerSecret } from '../util/redact.js';
import { scanOptions, optionValue } from './options.js';

const MYSQL = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mariadb-dump', 'mysqlpump', 'mysqlsh']);

/** Invocations of one script share their assignment maps (copy on write): look at each once. */
const seenAssignments = new WeakSet<object>();

function secretsOf(inv: Invocation): string[] {
  const found: string[] = [];
  if (!seenAssignments.has(inv.assigned)) {
    seenAssignments.add(inv.assigned);
    for (const [name, value] of Object.entries(inv.assigned)) if (isSecretVariable(name)) found.push(value);
  }
  for (const arg of inv.args) {
    if (!arg.value.includes('=')) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(arg.value);
    if (assignment && isSecretVariable(assignment[1]!)) found.push(assignment[2]!);
  }
  const args = inv.args;
  if (MYSQL.has(inv.name)) {
    for (const arg of args) {
      const attached = /^-p(.+)$/.exec(arg.value) ?? /^--password=(.+)$/.exec(arg.value);
      if (attached) found.push(attached[1]!);
    }
  }
  const withValue = (spec: Parameters<typeof scanOptions>[1], ...flags: string[]) => {
    const value = optionValue(scanOptions(args, spec), ...flags);
    if (value) found.push(value);
  };
  switch (inv.name) {
    case 'redis-cli':
    case 'valkey-cli':
    case 'keydb-cli':
      withValue({ shortWithValue: 'ahpnu', longWithValue: ['pass', 'user'] }, '-a', '--pass');
      break;
    case 'sshpass':
      withValue({ shortWithValue: 'pfdP' }, '-p');
      break;
    case 'curl': {
      const user = optionValue(scanOptions(args, { shortWithValue: 'uHdoXA', longWithValue: ['user', 'header', 'data'] }), '-u', '--user');
      if (user?.includes(':')) found.push(user.slice(user.indexOf(':') + 1));
      break;
    }
    case 'docker':
    case 'podman':
    case 'helm':
      withValue({ shortWithValue: 'pu', longWithValue: ['password', 'username'] }, '-p', '--password');
      break;
    case 'mongosh':
    case 'mongo':
    case 'mongodump':
    case 'mongorestore':
      withValue({ shortWithValue: 'pu', longWithValue: ['password', 'username'] }, '-p', '--password');
      break;
  }
  return found;
}

/** Register every secret the invocations carry. */
export function registerSecretsOf(invocations: readonly Invocation[]): void {
  for (const inv of invocations) for (const secret of secretsOf(inv)) registerSecret(secret);
}
