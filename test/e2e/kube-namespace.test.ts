// The namespace on the line is the namespace the command acts in (issue 14): kubectl and helm
// parse with Go's pflag, so `-n NS`, `-nNS`, `-n=NS`, `--namespace NS` and `--namespace=NS` all
// name it, before or after the subcommand, and `kubectl exec -n NS POD -- CMD` runs in it. The
// context (`main`, on a plain address) says nothing; the namespace decides.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { optionValue, scanOptions } from '../../src/parse/options.js';
import { kubeClientOptionSpec } from '../../src/knowledge/kube-clients.js';

const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'current-context: main',
  'contexts:',
  '- name: main',
  '  context: { cluster: c1, namespace: default }',
  'clusters:',
  '- name: c1',
  '  cluster: { server: "https://10.0.0.1:6443" }',
  '',
].join('\n');

function withKubeconfig(): Record<string, string> {
  const env = cleanEnv();
  mkdirSync(join(env.HOME!, '.kube'));
  writeFileSync(join(env.HOME!, '.kube', 'config'), KUBECONFIG);
  return env;
}

function check(line: string, env: Record<string, string>) {
  return JSON.parse(runCli(['check', '--json', '--no-probe', '-c', line], { env }).stdout);
}

describe('kube namespaces as pflag reads them', () => {
  it('reads every spelling kubectl accepts, and not a value of another option', () => {
    const namespace = (line: string) => {
      const words = line.split(' ').map((value) => ({ value }) as never);
      return optionValue(scanOptions(words, kubeClientOptionSpec('kubectl')!), '--namespace', '-n');
    };
    for (const line of [
      '-n prod get pods',
      '-nprod get pods',
      '-n=prod get pods',
      '--namespace prod get pods',
      '--namespace=prod get pods',
      'get pods -n prod',
    ])
      expect(namespace(line), line).toBe('prod');
    // `-l` takes a value: `-n` inside it is not the namespace; the last -n wins, as in pflag.
    expect(namespace('get pods -l -n=x -n prod')).toBe('prod');
    expect(namespace('get pods -o name')).toBeUndefined();
  });

  it('a production namespace makes a plain context production, with the file and context as evidence', () => {
    const env = withKubeconfig();
    const file = join(env.HOME!, '.kube', 'config');
    for (const line of [
      'kubectl -n production delete deployment api',
      'kubectl -n=production delete deployment api',
      'kubectl delete deployment api --namespace=production',
      'helm -n production uninstall api',
    ]) {
      const body = check(line, env);
      expect(body.verdict, line).toBe('confirm');
      expect(body.targets[0].kube.namespace, line).toBe('production');
      expect(body.findings[0].evidence, line).toContain(`kube context main (kubeconfig ${file}): namespace production has the token "production"`);
    }
    // The same line without the namespace is the context's own default namespace: nothing said.
    expect(check('kubectl delete deployment api', withKubeconfig()).targets[0].environment).toBe('unknown-remote');
  });

  it('kubectl exec -n: the pod is in that namespace; with no kubeconfig the namespace alone decides', () => {
    const line = 'kubectl exec -n production pg-0 -- rm -rf /var/lib/postgresql/data';
    const body = check(line, withKubeconfig());
    expect(body.verdict).toBe('confirm');
    expect(body.findings[0].evidence.join(' ')).toContain('pg-0 in kube context main (production)');
    expect(body.findings[0].environment).toBe('production');
    const bare = check('kubectl exec pg-0 -n=prod -- rm -rf /var/lib/postgresql/data', cleanEnv());
    expect(bare.verdict).toBe('confirm');
    expect(bare.findings[0].evidence.join(' ')).toContain('kube namespace prod (no kube context known)');
  });

  it('helm -n=prod is the namespace, never a password "rod" to hide', () => {
    const result = runCli(['check', '--no-probe', '-c', 'helm uninstall api -n=prod'], { env: cleanEnv() });
    expect(result.stdout).toContain('namespace prod');
    expect(result.stdout).not.toContain('p***');
  });
});
