// A real Unix datagram socket for the audit-to-syslog tests (python3 binds it: Node has no Unix
// datagram sockets). It receives one datagram into a file and stops.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RECEIVER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[1] + '.ready', 'w').close()
s.settimeout(20)
data = s.recv(65535)
open(sys.argv[2], 'wb').write(data)
`;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface SyslogReceiver {
  /** The socket path to put in `audit.syslog: "unix:PATH"`. */
  socket: string;
  /** The one line that arrived (waits up to 20 s). */
  line(): Promise<string>;
  stop(): void;
}

/** Bind a socket in `dir` and wait until it is ready. */
export async function startSyslogReceiver(dir: string): Promise<SyslogReceiver> {
  const socket = join(dir, 'log.sock');
  const out = join(dir, 'received');
  const receiver = spawn('python3', ['-c', RECEIVER, socket, out], { stdio: 'ignore' });
  try {
    await until(() => existsSync(`${socket}.ready`), 'the socket');
  } catch (error) {
    receiver.kill();
    throw error;
  }
  return {
    socket,
    line: async () => {
      await until(() => existsSync(out), 'the syslog line');
      return readFileSync(out, 'utf8');
    },
    stop: () => receiver.kill(),
  };
}
