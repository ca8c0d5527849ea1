// The warm checker's shared rules (src/warm/protocol.ts): which command lines a server may answer
// (the rest must stay in the process: `run` owns the terminal, `--config`/`--sql` and help are
// answered where they are asked), a build's name, and messages that are not what they claim.
import { describe, expect, it } from 'vitest';
import { decodeRequest, decodeResponse, encodeMessage, privateFolder, servedArgs, warmKey } from '../../src/warm/protocol.js';

describe('servedArgs', () => {
  it('takes check -c (with --json, --no-probe) and the agent hooks', () => {
    for (const args of [
      ['check', '-c', 'rm -rf /x'],
      ['check', '--json', '-c', 'dropdb app'],
      ['check', '-c', 'dropdb app', '--no-probe', '--json'],
      ['check', '--sql', 'DROP TABLE users', '--url', 'postgres://db1/app'],
      ['check', '--json', '--sql', 'DELETE FROM t'],
      ['hook', 'claude-code'],
      ['hook', 'gemini', '--no-probe'],
      ['hook', 'json'],
    ])
      expect(servedArgs(args), args.join(' ')).toBe(true);
  });

  it('leaves run, config files, mixed forms, help and option-like lines to the process', () => {
    for (const args of [
      ['run', '--', 'rm', '-rf', '/x'],
      ['check', '--config', 'x.yml', '-c', 'ls'],
      ['check', '-c', 'ls', '--sql', 'DROP TABLE x'],
      ['check', '-c', 'ls', '--url', 'postgres://db1/app'],
      ['check', '--sql', '--json'],
      ['check', '-c', '--help'],
      ['check', '-c', ''],
      ['check', '-c'],
      ['check', '-c', 'a', '-c', 'b'],
      ['check', '--', 'rm', '-rf', '/'],
      ['hook', 'claude-code', '--config', 'x'],
      ['hook', 'vim'],
      ['lint', '.'],
      [],
    ])
      expect(servedArgs(args), args.join(' ')).toBe(false);
  });
});

describe('warmKey', () => {
  const identity = { bundleSize: 1132206, bundleMtimeMs: 1764430000000.5, nodeVersion: 'v20.20.2', uid: 1000, hostname: 'ws-4417' };
  it('names a build for one user, host and Node, and changes with any of them', () => {
    expect(warmKey(identity)).toMatch(/^[0-9a-f]{16}$/);
    expect(warmKey(identity)).toBe(warmKey({ ...identity }));
    for (const change of [{ bundleMtimeMs: 1764430000001 }, { bundleSize: 1 }, { nodeVersion: 'v22.1.0' }, { uid: 0 }, { hostname: 'db1' }])
      expect(warmKey({ ...identity, ...change })).not.toBe(warmKey(identity));
  });
});

describe('privateFolder', () => {
  const folder = (uid: number, mode: number, directory = true) => ({ uid, mode, isDirectory: () => directory });
  it('accepts only a folder of this user that group and others cannot use', () => {
    expect(privateFolder(folder(1000, 0o40700), 1000)).toBe(true);
    expect(privateFolder(folder(1000, 0o40770), 1000)).toBe(false);
    expect(privateFolder(folder(1000, 0o40707), 1000)).toBe(false);
    expect(privateFolder(folder(0, 0o40700), 1000)).toBe(false);
    expect(privateFolder(folder(1000, 0o100600, false), 1000)).toBe(false);
  });
});

describe('messages', () => {
  const request = { args: ['check', '-c', 'ls\nrm -rf /'], cwd: '/srv', env: { HOME: '/root' }, terminals: [false, true] as const };
  it('round-trips a request and a response', () => {
    expect(decodeRequest(encodeMessage({ ...request, terminals: [false, true] }))).toEqual(request);
    const response = { output: [[2, 'prodguard: x\n'] as [2, string], [1, '{}\n'] as [1, string]], exitCode: 3 };
    expect(decodeResponse(encodeMessage(response))).toEqual(response);
    expect(decodeResponse(encodeMessage({ cold: true }))).toEqual({ cold: true });
  });

  it('refuses what is not one (the server answers cold; the client judges alone)', () => {
    for (const text of ['', '{', 'null', '[]', JSON.stringify({ ...request, args: ['run', 'x'] }), JSON.stringify({ ...request, env: { A: 1 } })])
      expect(decodeRequest(text), text).toBeUndefined();
    for (const text of ['', '{"output":[[3,"x"]],"exitCode":0}', '{"output":[],"exitCode":"0"}', '{"exitCode":0}'])
      expect(decodeResponse(text), text).toBeUndefined();
  });
});
