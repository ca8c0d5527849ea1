// A throwaway PostgreSQL server for tests: initdb into a fresh temp dir, start `postgres` on a
// free 127.0.0.1 port, stop it (fast shutdown) and delete the dir afterwards.
// DESIGN.md "Databases": tests use a real PostgreSQL server that the test suite starts itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** URL for the password-protected role `app` on database `app` (scram-sha-256 over TCP). */
  url: string;
  /** Superuser URL (`postgres`, trust over TCP from 127.0.0.1): for test setup only. */
  adminUrl: string;
  host: string;
  port: number;
  socketDir: string;
  dataDir: string;
  binDir: string;
  /** The password-protected role, its password and its database. */
  user: string;
  password: string;
  database: string;
  stop(): Promise<void>;
}

export type StartResult = PostgresServer | { unavailable: string };

export const APP_USER = 'app';
export const APP_PASSWORD = 's3cr3t-pass';
export const APP_DATABASE = 'app';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Directory holding initdb + postgres, or a reason why there is none. */
export function findPostgresBinDir(): { binDir: string } | { unavailable: string } {
  const chosen = process.env.PRODGUARD_TEST_PG_BINDIR;
  if (chosen) {
    // An explicit choice is authoritative: no silent fallback to another version.
    return existsSync(join(chosen, 'initdb')) && existsSync(join(chosen, 'postgres'))
      ? { binDir: chosen }
      : { unavailable: `PRODGUARD_TEST_PG_BINDIR=${chosen} holds no initdb + postgres` };
  }
  const candidates: string[] = [];
  // Debian/Ubuntu: /usr/lib/postgresql/<major>/bin, newest major first.
  try {
    const majors = readdirSync('/usr/lib/postgresql')
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) candidates.push(`/usr/lib/postgresql/${major}/bin`);
  } catch {
    // not a Debian layout
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return { binDir: dir };
  }
  return {
    unavailable:
      'no PostgreSQL server binaries (initdb + postgres) in /usr/lib/postgresql/*/bin, `pg_config --bindir` or PATH; ' +
      'install them (apt-get install -y postgresql) or set PRODGUARD_TEST_PG_BINDIR',
  };
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function serverIdentity(): { uid: number; gid: number } | { unavailable: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('bad id');
    return { uid, gid };
  } catch {
    return { unavailable: 'running as root, and there is no non-root `postgres` system user to run initdb/postgres as' };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(binary: string, args: string[], cwd: string, id: { uid: number; gid: number } | undefined): string {
  try {
    return execFileSync(binary, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
      ...(id ? { uid: id.uid, gid: id.gid } : {}),
    });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(adminUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) before accepting connections:\n${log()}`);
    }
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await client.end().catch(() => {});
    }
    await sleep(100);
  }
  throw new Error(`postgres did not accept connections within ${READY_TIMEOUT_MS} ms (${lastError}):\n${log()}`);
}

/** Processes to kill if the test process exits without calling stop(). */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGQUIT'); // immediate shutdown; we cannot wait here
  });
}

export async function startPostgres(): Promise<StartResult> {
  const bin = findPostgresBinDir();
  if ('unavailable' in bin) return bin;
  const id = serverIdentity();
  if (id && 'unavailable' in id) return id;

  const base = mkdtempSync(join(tmpdir(), 'prodguard-pg-'));
  const dataDir = join(base, 'data');
  const socketDir = join(base, 'sock');
  mkdirSync(socketDir);
  if (id) {
    chownSync(base, id.uid, id.gid);
    chownSync(socketDir, id.uid, id.gid);
  }

  try {
    run(join(bin.binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], base, id);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    return { unavailable: (error as Error).message };
  }
  // Trust for the superuser (setup) and the socket; a real password check for everybody else over
  // TCP, so a wrong password produces a genuine authentication error.
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256', ''].join(
      '\n',
    ),
  );
  if (id) chownSync(join(dataDir, 'pg_hba.conf'), id.uid, id.gid);

  // Two test files may race for the same free port: retry with a new one.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let output = '';
    const child = spawn(
      join(bin.binDir, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        socketDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=30',
        '-c',
        'shared_buffers=16MB',
      ],
      {
        cwd: base,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
        ...(id ? { uid: id.uid, gid: id.gid } : {}),
      },
    );
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    running.add(child);
    installExitHook();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => running.delete(child));

    const host = '127.0.0.1';
    const adminUrl = `postgresql://postgres@${host}:${port}/postgres`;
    try {
      await waitReady(adminUrl, child, () => output);
    } catch (error) {
      lastError = error as Error;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      if (/could not bind|Address already in use/i.test(output)) continue;
      break;
    }

    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD '${APP_PASSWORD}'`);
    await admin.query(`CREATE DATABASE ${APP_DATABASE} OWNER ${APP_USER}`);
    await admin.end();

    let stopped = false;
    return {
      url: `postgresql://${APP_USER}:${APP_PASSWORD}@${host}:${port}/${APP_DATABASE}`,
      adminUrl,
      host,
      port,
      socketDir,
      dataDir,
      binDir: bin.binDir,
      user: APP_USER,
      password: APP_PASSWORD,
      database: APP_DATABASE,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT'); // fast shutdown: roll back open transactions, disconnect clients
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
        rmSync(base, { recursive: true, force: true });
      },
    };
  }
  rmSync(base, { recursive: true, force: true });
  return { unavailable: `could not start postgres: ${lastError?.message ?? 'unknown error'}` };
}

/** For beforeAll: a running server, or an error that fails every test of the file with the reason. */
export async function requirePostgres(): Promise<PostgresServer> {
  const server = await startPostgres();
  if ('unavailable' in server) {
    const message = `PostgreSQL test server unavailable: ${server.unavailable}`;
    console.error(message);
    throw new Error(message);
  }
  return server;
}
