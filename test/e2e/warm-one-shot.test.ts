// The one-shot warm checker (src/warm/, src/commands/serve-one-shot.ts), through the built
// binary: a `check -c` or agent hook that the fast path cannot answer starts a background server
// for this build; later processes hand it their line and print its answer, which must be exactly
// what they would have printed judging alone — whatever their environment, folder or config —
// and anything wrong with the server (gone, another build, a folder others can write, CI) means
// the process judges alone.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { BIN, cleanEnv, tempDir } from '../helpers/cli.js';

const TRACE = /^prodguard: answered by the warm checker \(pid (\d+)\)\n/m;

/** A copy of the install (the launcher, dist/ and the packages it loads): its bundle can be
 *  touched as an upgrade would, without touching the tree the other tests run. */
function installCopy(): string {
  const root = tempDir();
  const source = join(dirname(BIN), '..');
  for (const folder of ['bin', 'dist']) cpSync(join(source, folder), join(root, folder), { recursive: true });
  cpSync(join(source, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(source, 'node_modules'), join(root, 'node_modules'));
  return join(root, 'bin', 'prodguard.js');
}

function run(bin: string, args: string[], env: Record<string, string>, cwd: string, input = '') {
  const result = spawnSync(process.execPath, [bin, ...args], { env, cwd, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A home whose processes may use (and start) a warm checker. */
function warmHome(extra: Record<string, string> = {}) {
  const home = tempDir();
  const env = { ...cleanEnv({}, home), PRODGUARD_TRACE_WARM: '1', ...extra };
  delete (env as Record<string, string>).PRODGUARD_WARM;
  return { home, env, state: join(home, 'state') };
}

const servers = new Set<number>();
afterAll(() => {
  for (const pid of servers) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
});

function serverPids(state: string): number[] {
  const warm = join(state, 'warm');
  if (!existsSync(warm)) return [];
  return readdirSync(warm)
    .map((key) => join(warm, key, 'pid'))
    .filter((file) => existsSync(file))
    .map((file) => Number(readFileSync(file, 'utf8').trim()));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Wait (up to 20 s) until `check` is true. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; waited < 20_000 && !check(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(check()).toBe(true);
}

/** Judge once alone (which starts the server), then wait until the server answers. */
async function warmUp(bin: string, env: Record<string, string>, state: string, cwd: string): Promise<number> {
  const first = run(bin, ['check', '-c', 'rm -rf ./build'], env, cwd);
  expect(first.stderr).not.toMatch(TRACE);
  await until(() => serverPids(state).length > 0);
  for (const pid of serverPids(state)) servers.add(pid);
  await until(() => TRACE.test(run(bin, ['check', '-c', 'rm -rf ./build'], env, cwd).stderr));
  return serverPids(state)[0]!;
}

function event(command: string, cwd: string): string {
  return JSON.stringify({ session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, cwd });
}

const bin = installCopy();

describe('the one-shot warm checker', () => {
  it('answers exactly as the process would alone, in each request’s own environment and folder', async () => {
    const { env, state, home } = warmHome();
    const cwd = join(home, 'work');
    mkdirSync(cwd);
    await warmUp(bin, env, state, cwd);
    const production = { DATABASE_URL: 'postgres://app:s3cret-pass@db1.prod.example.com:5432/app' };
    const onProductionHost = { PRODGUARD_HOSTNAME: 'db1.prod.example.com' };
    const cases: Array<{ args: string[]; extra?: Record<string, string>; input?: string }> = [
      { args: ['check', '-c', 'psql "$DATABASE_URL" -c "DROP TABLE users"'], extra: production },
      { args: ['check', '-c', 'psql -c "DROP TABLE users"'], extra: production },
      { args: ['check', '--json', '-c', 'psql "$DATABASE_URL" -c "TRUNCATE orders"'], extra: production },
      { args: ['check', '--no-probe', '-c', 'rm -rf /var/lib/postgresql/15/main'], extra: onProductionHost },
      { args: ['check', '-c', 'git reset --hard && rm -rf ./build'] },
      { args: ['check', '-c', 'kubectl delete namespace prod'] },
      { args: ['check', '--json', '-c', 'rm -rf "$UNSET_DIR/"'], extra: onProductionHost },
      { args: ['check', '-c', 'cat <<EOF\n$(rm -rf /)\nEOF'] },
      { args: ['check', '--no-probe', '--sql', 'DELETE FROM users', '--url', 'postgres://app:s3cret-pass@db1.prod.example.com/app'] },
      { args: ['check', '--json', '--no-probe', '--sql', 'SELECT 1; TRUNCATE orders'], extra: production },
      { args: ['hook', 'claude-code'], input: event('dropdb app', cwd), extra: production },
      { args: ['hook', 'claude-code'], input: event('rm -rf ./node_modules', cwd) },
      { args: ['hook', 'claude-code'], input: '{"not": "an event"' },
      { args: ['hook', 'json'], input: JSON.stringify({ command: 'psql -c "DELETE FROM users"', env: production }) },
    ];
    for (const { args, extra, input } of cases) {
      const alone = run(bin, args, { ...env, ...extra, PRODGUARD_WARM: '0' }, cwd, input);
      const warm = run(bin, args, { ...env, ...extra }, cwd, input);
      expect(warm.stderr, args.join(' ')).toMatch(TRACE);
      expect({ ...warm, stderr: warm.stderr.replace(TRACE, '') }, args.join(' ')).toEqual(alone);
      expect(warm.stdout).not.toContain('s3cret-pass');
    }
    // The same line, one environment after another: each answer is its own request's.
    const line = ['check', '-c', 'psql "$DATABASE_URL" -c "DROP TABLE users"'];
    expect(run(bin, line, { ...env, ...production }, cwd).status).toBe(4);
    expect(run(bin, line, { ...env, DATABASE_URL: 'postgres://localhost/app_dev' }, cwd).status).toBe(0);
    expect(run(bin, line, { ...env, ...production }, cwd).status).toBe(4);
  });

  it('reads the config files as they are at each request', async () => {
    const { env, state, home } = warmHome();
    const repo = join(home, 'repo');
    mkdirSync(repo);
    await warmUp(bin, env, state, repo);
    const line = ['check', '-c', 'psql -h db7.internal -c "DROP TABLE users"'];
    const before = run(bin, line, env, repo);
    writeFileSync(join(repo, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["db7.internal"]\n');
    const after = run(bin, line, env, repo);
    expect(after.stderr).toMatch(TRACE);
    expect(after.status).toBe(4);
    expect(before.status).not.toBe(4);
    expect(after.stdout).toBe(run(bin, line, { ...env, PRODGUARD_WARM: '0' }, repo).stdout);
  });

  it('judges alone when the server is gone, and starts another', async () => {
    const { env, state, home } = warmHome();
    const pid = await warmUp(bin, env, state, home);
    process.kill(pid, 'SIGKILL');
    await until(() => !alive(pid));
    const alone = run(bin, ['check', '-c', 'rm -rf /'], { ...env, PRODGUARD_WARM: '0' }, home);
    const after = run(bin, ['check', '-c', 'rm -rf /'], env, home);
    expect(after).toEqual(alone);
    await until(() => serverPids(state).some((other) => other !== pid && alive(other)));
    for (const other of serverPids(state)) servers.add(other);
  });

  it('leaves a server of the build before an upgrade alone, and that server ends', async () => {
    const copy = installCopy();
    const { env, state, home } = warmHome();
    const pid = await warmUp(copy, env, state, home);
    const bundle = join(dirname(copy), '..', 'dist', 'bundle', 'prodguard.cjs');
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle, later, later);
    const after = run(copy, ['check', '-c', 'rm -rf /'], env, home);
    expect(after.stderr).not.toMatch(TRACE);
    expect(after.status).toBe(4);
    await until(() => !alive(pid));
    for (const other of serverPids(state)) servers.add(other);
  });

  it('ends when its folder is removed (how a person stops it)', async () => {
    const { env, state, home } = warmHome();
    const pid = await warmUp(bin, env, state, home);
    rmSync(join(state, 'warm'), { recursive: true, force: true });
    await until(() => !alive(pid));
  });

  it('never uses a folder others could write, and starts nothing under CI', async () => {
    const { env, state, home } = warmHome();
    await warmUp(bin, env, state, home);
    chmodSync(join(state, 'warm'), 0o777);
    const open = run(bin, ['check', '-c', 'rm -rf /'], env, home);
    expect(open.stderr).not.toMatch(TRACE);
    expect(open.status).toBe(4);
    chmodSync(join(state, 'warm'), 0o700);

    const ci = warmHome({ CI: 'true' });
    expect(run(bin, ['check', '-c', 'rm -rf /'], ci.env, ci.home).status).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(serverPids(ci.state)).toEqual([]);
  });
});
