// What bash expands, and when: a command's words are expanded before its prefix assignments
// take effect; an assignment's value has `~` expanded after `=` and after each `:`.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';

const run = (line: string, env: Record<string, string> = {}) =>
  extractInvocations(line, { env: { HOME: '/home/dev', ...env }, cwd: '/home/dev', home: '/home/dev' }).invocations.map((inv) => ({
    argv: [inv.name, ...inv.args.map((a) => a.value)].join(' '),
    env: inv.env,
  }));

describe('expansion order', () => {
  it('expands the words before the prefix assignment applies', () => {
    expect(run('TMPDIR=/tmp rm -rf $TMPDIR/*')[0]!.argv).toBe('rm -rf /*');
    expect(run('TMPDIR=/tmp rm -rf $TMPDIR/*', { TMPDIR: '/var/tmp' })[0]!.argv).toBe('rm -rf /var/tmp/*');
    // …while the command itself sees the assignment.
    expect(run('TMPDIR=/tmp rm -rf $TMPDIR/*')[0]!.env.TMPDIR).toBe('/tmp');
  });

  it('a separate statement has already set the variable', () => {
    expect(run('X=/tmp; rm -rf $X/*')[0]!.argv).toBe('rm -rf /tmp/*');
    expect(run('export X=/tmp && rm -rf $X/*')[1]!.argv).toBe('rm -rf /tmp/*');
  });

  it('prefix assignments apply left to right', () => {
    expect(run('A=1 B=$A env')[0]!.env.B).toBe('1');
  });

  it('expands ~ in assignment values after = and after each :', () => {
    expect(run('KUBECONFIG=~/k/eu.yaml kubectl get pods')[0]!.env.KUBECONFIG).toBe('/home/dev/k/eu.yaml');
    expect(run('KUBECONFIG=~/k/eu.yaml:~/k/us.yaml kubectl get pods')[0]!.env.KUBECONFIG).toBe('/home/dev/k/eu.yaml:/home/dev/k/us.yaml');
    expect(run("KUBECONFIG='~/k/eu.yaml' kubectl get pods")[0]!.env.KUBECONFIG).toBe('~/k/eu.yaml');
    expect(run('export KUBECONFIG=~/k/eu.yaml; kubectl get pods')[1]!.env.KUBECONFIG).toBe('/home/dev/k/eu.yaml');
  });
});
