// Programs that send their standard input to a TCP port as it is (knowledge, data only):
// `printf 'FLUSHALL\r\n' | nc cache.prod 6379` is `redis-cli -h cache.prod FLUSHALL` — Redis
// reads inline commands (one per line) and its RESP protocol from any client. Sources: OpenBSD
// nc(1) and ncat(1) option lists, socat(1) address types, telnet(1).

import type { ToolOptions } from './tools.js';
import { table } from '../util/dict.js';

export interface RawSocketClient {
  /** Its options with a value, so host and port are the operands left. */
  options: ToolOptions;
  /** socat: the peer is an address word (`TCP:host:port`), not two operands. */
  addressWords?: true;
}

const NETCAT: RawSocketClient = {
  options: {
    shortWithValue: 'IiMmOPpqsTVwXxeEcgG',
    longWithValue: [
      'exec',
      'sh-exec',
      'lua-exec',
      'proxy',
      'proxy-type',
      'proxy-auth',
      'source-port',
      'source',
      'wait',
      'idle-timeout',
      'delay',
      'output',
      'hex-dump',
      'max-conns',
    ],
  },
};

export const RAW_SOCKET_CLIENTS: Readonly<Record<string, RawSocketClient>> = table({
  nc: NETCAT,
  ncat: NETCAT,
  netcat: NETCAT,
  telnet: { options: { shortWithValue: 'bejklnSX' } },
  socat: { options: {}, addressWords: true },
});

/** socat address types that open a TCP connection: `TCP:host:port`, `TCP4-CONNECT:host:port`. */
export const SOCAT_TCP_ADDRESS = /^(tcp[46]?|tcp[46]?-connect|openssl|openssl-connect|ssl):/i;

/** Ports Redis-protocol servers listen on by default: Redis and Valkey, a second instance or TLS
 *  (6380), Sentinel (26379). What arrives there is read as redis-cli commands. */
export const REDIS_PORTS: ReadonlySet<string> = new Set(['6379', '6380', '26379']);

/** memcached's port: its text protocol's `flush_all` empties the cache, as libmemcached's
 *  `memcflush --servers=HOST:PORT` does (the sessions many applications keep there with it). */
export const MEMCACHED_PORTS: ReadonlySet<string> = new Set(['11211']);
