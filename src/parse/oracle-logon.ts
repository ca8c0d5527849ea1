// Oracle's logon word, as SQL*Plus, SQLcl and RMAN read it (SQL*Plus User's Guide, "SQLPLUS
// Program Syntax"): `{user[/password][@connect_identifier] | /} [AS SYSDBA|SYSOPER|…]`, or
// `/nolog`. The connect identifier is Easy Connect (`[//]host[:port][/service]`), a connect
// descriptor (`(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=p))…)`) or a net service name from
// tnsnames.ora (`PRODDB`, `prod_high`). Pure: the word in, its parts out. Targets, secrets and
// the SQL sources read it here once.

export interface OracleLogon {
  user?: string;
  password?: string;
  /** The connect identifier as written (no password in it). */
  connect?: string;
  host?: string;
  port?: string;
  service?: string;
  /** A net service name (tnsnames.ora alias): its name is all the line says of the server. */
  alias?: string;
  /** `/` (operating-system authentication) or no connect identifier: the local instance. */
  local?: true;
  /** `/nolog`: no connection until a CONNECT in the script. */
  nolog?: true;
}

/** The parts of a connect identifier. */
function connectParts(connect: string): Pick<OracleLogon, 'host' | 'port' | 'service' | 'alias'> {
  if (connect.includes('(')) {
    // A connect descriptor: its (first) HOST, PORT and SERVICE_NAME/SID.
    const host = /\(\s*HOST\s*=\s*([^)\s]+)\s*\)/i.exec(connect)?.[1];
    const port = /\(\s*PORT\s*=\s*(\d+)\s*\)/i.exec(connect)?.[1];
    const service = /\(\s*(?:SERVICE_NAME|SID)\s*=\s*([^)\s]+)\s*\)/i.exec(connect)?.[1];
    return { ...(host ? { host } : {}), ...(port ? { port } : {}), ...(service ? { service } : {}) };
  }
  const bare = connect.replace(/^\/\//, '').replace(/^(tcps?):\/\//i, '');
  const match = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?(?:\/([^:?]+))?/.exec(bare);
  if (!match) return {};
  const [, host, port, service] = match;
  // A word with neither a port nor a service, and no dot, is a net service name.
  if (port === undefined && service === undefined && !connect.startsWith('//') && !host!.includes('.')) return { alias: host! };
  return { host: host!.replace(/^\[|\]$/g, ''), ...(port ? { port } : {}), ...(service ? { service: service.replace(/:.*$/, '') } : {}) };
}

/** The logon a word is, or undefined when it is not one (an option, `@script`, `AS`, `SYSDBA`). */
export function parseOracleLogon(word: string): OracleLogon | undefined {
  if (word === '' || word.startsWith('-') || word.startsWith('@')) return undefined;
  if (/^\/nolog$/i.test(word)) return { nolog: true };
  if (word === '/') return { local: true };
  // The password may be quoted ("pa@ss"): the connect identifier follows the last `@` outside it.
  const at = word.lastIndexOf('@');
  const credentials = at === -1 ? word : word.slice(0, at);
  const connect = at === -1 ? undefined : word.slice(at + 1);
  const slash = credentials.indexOf('/');
  const user = slash === -1 ? credentials : credentials.slice(0, slash);
  const password = slash === -1 ? undefined : credentials.slice(slash + 1).replace(/^"(.*)"$/s, '$1');
  if (user !== '' && !/^[A-Za-z_$#"][\w$#".]*$/.test(user)) return undefined;
  return {
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    ...(connect ? { connect, ...connectParts(connect) } : { local: true }),
  };
}

/** SQL*Plus's words after the options: the logon (unless the first is a script), `AS ROLE`,
 *  then `@script [args]`. */
export function oracleCommandLine(operands: readonly string[]): { logon?: OracleLogon; script?: string } {
  let k = 0;
  let logon: OracleLogon | undefined;
  if (operands[0] !== undefined && !operands[0].startsWith('@')) {
    logon = parseOracleLogon(operands[0]);
    k = 1;
    if (/^as$/i.test(operands[k] ?? '')) k += 2;
  }
  const start = operands[k];
  const script = start?.startsWith('@') ? start.replace(/^@+/, '') : undefined;
  return { ...(logon ? { logon } : {}), ...(script ? { script } : {}) };
}

/** RMAN's words (`target LOGON`, `catalog LOGON`, `cmdfile[=]FILE`, `@FILE`, keyword=value
 *  forms): the target's logon and the command file. */
export function rmanCommandLine(words: readonly string[]): { logon?: OracleLogon; script?: string } {
  let logon: OracleLogon | undefined;
  let script: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const eq = /^([A-Za-z]+)=(.*)$/s.exec(word);
    const key = (eq ? eq[1]! : word).toLowerCase();
    const value = eq ? eq[2] : words[k + 1];
    if (key === 'target' && value !== undefined) logon = parseOracleLogon(value);
    else if (key === 'cmdfile' && value !== undefined) script = value;
    else if (word.startsWith('@') && word.length > 1) script = word.slice(1);
    else continue;
    if (!eq && !word.startsWith('@')) k++;
  }
  return { ...(logon ? { logon } : {}), ...(script ? { script } : {}) };
}
