// Tunnels that make a remote server answer on a local port, written once. A line (or script) that
// opens one and then runs a client against localhost:PORT reaches the server at the other end:
// `ssh -L 5433:db1.prod:5432 bastion -N & psql -h localhost -p 5433 -c 'DROP TABLE users'` drops
// production's table, not the laptop's. The walker records each forward it sees
// (parse/builtin-effects.ts) and target resolution (targets/hosts.ts onItsHost) puts the client's
// loopback database on the tunnel's far host. (Across lines — a tunnel opened in another
// terminal — only the database's own mark tells: `prodguard mark`.)
// Sources: ssh(1) -L; `cloud-sql-proxy --help` (v2: INSTANCE… --port; v1: -instances=I=tcp:P);
// AWS Systems Manager's AWS-StartPortForwardingSessionToRemoteHost document; kubectl port-forward.

import { table } from '../util/dict.js';

/** Default ports of the database engines, for a client that names none. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = table({
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
  mongodb: 27017,
  clickhouse: 9000,
  cassandra: 9042,
});

export interface PortForward {
  /** The local port the tunnel listens on. */
  port: string;
  /** The server at the other end. */
  host: string;
  /** How the line opened it, for messages: `ssh -L via bastion`. */
  source: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * `ssh -L [bind:]PORT:HOST:HOSTPORT DEST`: HOST as the ssh destination resolves it — `localhost`
 * there is DEST itself. Words are ssh's arguments; `destination` its destination host.
 */
export function sshForwards(specs: readonly string[], destination: string | undefined): PortForward[] {
  const forwards: PortForward[] = [];
  for (const spec of specs) {
    // An IPv6 host is bracketed: `5433:[2001:db8::1]:5432`.
    const match = /^(?:(?:\[[^\]]*\]|[^:]*):)?(\d+):(\[[^\]]*\]|[^:]+):(\d+)$/.exec(spec);
    if (!match) continue;
    const host = match[2]!.replace(/^\[|\]$/g, '');
    const far = LOOPBACK.has(host.toLowerCase()) ? destination : host;
    if (far) forwards.push({ port: match[1]!, host: far, source: `ssh -L tunnel via ${destination ?? 'ssh'}` });
  }
  return forwards;
}

/** Cloud SQL Auth Proxy: each instance connection name (`project:region:instance`) on its port. */
export function cloudSqlProxyForwards(words: readonly string[]): PortForward[] {
  const forwards: PortForward[] = [];
  let port: string | undefined;
  const instances: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^--?(port|p)(?:=(\d+))?$/.exec(word);
    if (flag) {
      port = flag[2] ?? words[++i];
      continue;
    }
    // v1: `-instances=proj:region:inst=tcp:5433[,…]`.
    const v1 = /^--?instances=(.*)$/.exec(word);
    if (v1) {
      for (const entry of v1[1]!.split(',')) {
        const [name, listen] = entry.split('=');
        const tcp = /^tcp:(?:.*:)?(\d+)$/.exec(listen ?? '');
        if (name && tcp) forwards.push({ port: tcp[1]!, host: name, source: 'cloud_sql_proxy' });
      }
      continue;
    }
    if (/^[^-][^:\s]*:[^:\s]+:[^:\s]+$/.test(word)) instances.push(word.replace(/\?.*$/, ''));
  }
  // v2 listens on --port, then the next ports for further instances; by default on 5432.
  const first = Number(port ?? '5432');
  instances.forEach((name, index) => forwards.push({ port: String(first + index), host: name, source: 'cloud-sql-proxy' }));
  return forwards;
}

/** `aws ssm start-session --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters
 *  host=H,portNumber=P,localPortNumber=L` (or the JSON form). */
export function ssmForwards(parameters: string | undefined): PortForward[] {
  if (!parameters) return [];
  const value = (key: string): string | undefined => {
    const json = new RegExp(`"${key}"\\s*:\\s*\\[?\\s*"([^"]+)"`).exec(parameters);
    if (json) return json[1];
    return new RegExp(`(?:^|,)\\s*${key}=\\[?([^,\\]]+)`).exec(parameters)?.[1];
  };
  const host = value('host');
  const port = value('localPortNumber');
  return host && port ? [{ port, host, source: 'aws ssm port forwarding' }] : [];
}
