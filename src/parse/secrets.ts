// Secrets written on a command line: passwords given as options (`mysql -pX`, `redis-cli -a X`,
// `sshpass -p X`, `curl -u user:X`, `docker login -p X`) and secret variables assigned inline.
// `echo pw | sudo -S` gives sudo its password on standard input. The caller builds a redactor
// from them (util/redact.ts createRedactor), so no message, JSON field or audit line shows them.

import { kubeClientOptionSpec } from '../knowledge/kube-clients.js';
import type { Invocation } from '../types.js';
import { isSecretVariable } from '../util/redact.js';
import { scanOptions, optionValue, clientOptionSpec } from './options.js';
import { clientSpec } from '../knowledge/commands.js';
import { oracleCommandLine, parseOracleLogon } from './oracle-logon.js';

/** `sudo -S`/`--stdin` (also inside `-kS`) before the command word: the password is on stdin. */
function sudoReadsPasswordFromStdin(inv: Invocation): boolean {
  if (inv.name !== 'sudo') return false;
  for (const arg of inv.args) {
    if (arg.value === '--stdin' || (/^-[A-Za-z]+$/.test(arg.value) && arg.value.includes('S'))) return true;
    if (!arg.value.startsWith('-')) return false;
  }
  return false;
}

/** What secretsOf has looked at already in one input: assignment maps, and each variable name's
 *  verdict (a script's maps are copies that share most names: the pattern runs once per name). */
interface Seen {
  assignments: WeakSet<object>;
  secretNames: Map<string, boolean>;
}

function secretsOf(inv: Invocation, seen: Seen): string[] {
  const found: string[] = [];
  if (!seen.assignments.has(inv.assigned)) {
    seen.assignments.add(inv.assigned);
    for (const name in inv.assigned) {
      let secret = seen.secretNames.get(name);
      if (secret === undefined) seen.secretNames.set(name, (secret = isSecretVariable(name)));
      if (secret) found.push(inv.assigned[name]!);
    }
  }
  for (const arg of inv.args) {
    if (!arg.value.includes('=')) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(arg.value);
    if (assignment && isSecretVariable(assignment[1]!)) found.push(assignment[2]!);
  }
  if (sudoReadsPasswordFromStdin(inv) && inv.stdin) {
    if (inv.stdin.items) found.push(...inv.stdin.items);
    else if (inv.stdin.text) found.push(inv.stdin.text.split('\n')[0]!);
  }
  const args = inv.args;
  // A database client's password options, read with the client's own arity (knowledge/commands.ts).
  const client = clientSpec(inv.name);
  if (client?.secretOptions) {
    const scan = scanOptions(args, clientOptionSpec(inv.name)!);
    for (const option of scan.options) if (option.value && client.secretOptions.includes(option.flag)) found.push(option.value);
  }
  const withValue = (spec: Parameters<typeof scanOptions>[1], ...flags: string[]) => {
    const value = optionValue(scanOptions(args, spec), ...flags);
    if (value) found.push(value);
  };
  switch (inv.name) {
    case 'openssl': {
      // `-k PASS`, `-pass pass:PASS`, `-passin pass:PASS`, `-passout pass:PASS` (env:/file: name one).
      for (let i = 0; i < args.length - 1; i++) {
        const flag = args[i]!.value;
        const value = args[i + 1]!.value;
        if (flag === '-k') found.push(value);
        else if (['-pass', '-passin', '-passout'].includes(flag) && value.startsWith('pass:')) found.push(value.slice('pass:'.length));
      }
      break;
    }
    case 'mysqladmin': {
      // `mysqladmin password NEW` sets the account's password to NEW.
      const words = args.map((arg) => arg.value);
      const at = words.findIndex((word) => word === 'password' || word === 'old-password');
      if (at !== -1 && words[at + 1] && !words[at + 1]!.startsWith('-')) found.push(words[at + 1]!);
      break;
    }
    case 'mysql':
    case 'mariadb':
    case 'mysqldump':
    case 'mariadb-dump': {
      // `--password VALUE`: mysql's --password takes its value only attached, so it prompts and
      // reads VALUE as the database name; but whoever typed it meant a password, and it is
      // redacted as one. (`-p VALUE` is the usual way to name a database after a prompt: kept.)
      const at = args.findIndex((arg) => arg.value === '--password');
      const next = at >= 0 ? args[at + 1] : undefined;
      if (next && next.value !== '' && !next.value.startsWith('-')) found.push(next.value);
      break;
    }
    case 'sqlplus':
    case 'sql':
    case 'rman': {
      // The logon word `user/password@db` (parse/oracle-logon.ts); rman's `target`/`catalog` ones.
      const words = scanOptions(args, clientOptionSpec(inv.name)!).positionals.map((index) => args[index]!.value);
      if (inv.name === 'rman') {
        for (const [k, word] of words.entries()) {
          const value = /^(target|catalog|auxiliary)=(.*)$/is.exec(word)?.[2] ?? (/^(target|catalog|auxiliary)$/i.test(word) ? words[k + 1] : undefined);
          const password = value === undefined ? undefined : parseOracleLogon(value)?.password;
          if (password) found.push(password);
        }
      } else {
        const { logon } = oracleCommandLine(words);
        if (logon?.password) found.push(logon.password);
      }
      break;
    }
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
      withValue({ shortWithValue: 'pu', longWithValue: ['password', 'username'] }, '-p', '--password');
      break;
    case 'helm': {
      // helm's own value options first: `-n=prod` is the namespace, not `-p rod`.
      const helm = kubeClientOptionSpec('helm')!;
      withValue(
        { ...helm, shortWithValue: `${helm.shortWithValue ?? ''}pu`, longWithValue: [...(helm.longWithValue ?? []), 'password', 'username'] },
        '-p',
        '--password',
      );
      break;
    }
  }
  return found;
}

/** Every secret the invocations carry, for a redactor of this input. */
export function secretsOfInvocations(invocations: readonly Invocation[]): string[] {
  // Invocations of one script share their assignment maps (copy on write): look at each once.
  const seen: Seen = { assignments: new WeakSet<object>(), secretNames: new Map() };
  return invocations.flatMap((inv) => secretsOf(inv, seen));
}
