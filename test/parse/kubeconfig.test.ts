// Kubernetes contexts as inventory (issue 14 §1): a kubeconfig's contexts, clusters, servers and
// namespaces say what a context is. The pure merge follows kubectl's KUBECONFIG rules; the e2e
// checks read real files through HOME and KUBECONFIG, and never print a token or password.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { KUBECONFIG_FIX, kubeconfigFacts, serverWithoutCredentials } from '../../src/parse/kubeconfig.js';

const PROD_GKE = `apiVersion: v1
kind: Config
current-context: gke_acme_europe-west1_main
clusters:
- name: gke_acme_europe-west1_main
  cluster:
    server: https://prod-k8s.acme.internal
    certificate-authority-data: QUJD
- name: eu-main
  cluster:
    server: https://prod-eu.acme.internal
contexts:
- name: gke_acme_europe-west1_main
  context:
    cluster: gke_acme_europe-west1_main
    user: acme-admin
    namespace: payments
users:
- name: acme-admin
  user:
    token: sekr1t-token-value
`;

const SECOND = `apiVersion: v1
kind: Config
current-context: owl
clusters:
- name: owl-cluster
  cluster:
    server: https://admin:KubePassw0rd@10.1.2.3:6443
- name: gke_acme_europe-west1_main
  cluster:
    server: https://ignored.example.com
contexts:
- name: owl
  context:
    cluster: owl-cluster
    namespace: live
- name: heron
  context:
    cluster: owl-cluster
users:
- name: sb
  user:
    password: UserPassw0rd
`;

describe('kubeconfig → contexts', () => {
  it('resolves each context to its cluster, server and namespace; the first file wins, as in kubectl', async () => {
    const { parse } = await import('yaml');
    const facts = kubeconfigFacts([
      { file: '/k/a', raw: parse(PROD_GKE) },
      { file: '/k/b', raw: parse(SECOND) },
    ]);
    expect(facts.currentContext).toBe('gke_acme_europe-west1_main');
    expect(facts.contexts['gke_acme_europe-west1_main']).toEqual({
      cluster: 'gke_acme_europe-west1_main',
      server: 'https://prod-k8s.acme.internal',
      namespace: 'payments',
      file: '/k/a',
    });
    expect(facts.contexts.owl).toEqual({ cluster: 'owl-cluster', server: 'https://10.1.2.3:6443', namespace: 'live', file: '/k/b' });
    expect(facts.clusters['gke_acme_europe-west1_main']).toEqual({ server: 'https://prod-k8s.acme.internal', file: '/k/a' });
    expect(JSON.stringify(facts)).not.toMatch(/sekr1t|Passw0rd/);
  });

  it('takes no password from a server URL and ignores what is not a kubeconfig', () => {
    expect(serverWithoutCredentials('https://u:p@k8s.example.com:6443/')).toBe('https://k8s.example.com:6443');
    expect(
      kubeconfigFacts([
        { file: '/x', raw: 'not a map' },
        { file: '/y', raw: { contexts: [{ name: 3 }, null] } },
      ]),
    ).toEqual({
      contexts: {},
      clusters: {},
      // What is not a kubeconfig is said, naming the file (issue 14: never silent).
      problems: [`/x: not a kubeconfig (a YAML map with clusters:, contexts:, current-context:); ${KUBECONFIG_FIX}`],
    });
  });
});

describe('kube contexts classify commands', () => {
  function home(): { env: Record<string, string>; dir: string } {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.kube'));
    writeFileSync(join(env.HOME!, '.kube', 'config'), PROD_GKE);
    const dir = tempDir();
    writeFileSync(join(dir, 'second.yaml'), SECOND);
    return { env, dir };
  }

  function check(line: string, env: Record<string, string>, cwd: string) {
    const result = runCli(['check', '--json', '--no-probe', '-c', line], { env, cwd });
    const text = runCli(['check', '--no-probe', '-c', line], { env, cwd });
    for (const output of [result.stdout, result.stderr, text.stdout, text.stderr]) expect(output).not.toMatch(/sekr1t|Passw0rd/);
    return { body: JSON.parse(result.stdout), text: text.stdout };
  }

  it('the current-context of ~/.kube/config is production by its cluster server, and says which file and context', () => {
    const { env, dir } = home();
    const { body, text } = check('kubectl delete namespace payments', env, dir);
    expect(body.verdict).toBe('confirm');
    const evidence = `kube context gke_acme_europe-west1_main (kubeconfig ${join(env.HOME!, '.kube', 'config')}): cluster server https://prod-k8s.acme.internal has the token "prod"`;
    expect(body.targets[0].environment).toBe('production');
    expect(body.targets[0].evidence).toContain(evidence);
    expect(body.findings[0].evidence).toContain(evidence);
    expect(body.targets[0].kube).toEqual({
      cluster: 'gke_acme_europe-west1_main',
      server: 'https://prod-k8s.acme.internal',
      namespace: 'payments',
      file: join(env.HOME!, '.kube', 'config'),
    });
    expect(text).toContain(evidence);
  });

  it('reads every file of KUBECONFIG: --context by namespace, --cluster by its server', () => {
    const { env, dir } = home();
    const kubeconfig = { ...env, KUBECONFIG: `${join(dir, 'second.yaml')}:${join(env.HOME!, '.kube', 'config')}` };
    // The first file's current-context (owl) is in effect; its namespace "live" says production.
    const current = check('kubectl delete deployment api', kubeconfig, dir).body;
    expect(current.targets[0].name).toBe('owl');
    expect(current.targets[0].environment).toBe('production');
    expect(current.targets[0].evidence[0]).toBe(`kube context owl (kubeconfig ${join(dir, 'second.yaml')}): namespace live has the token "live"`);
    // heron has nothing production about it; --cluster moves it onto the production cluster.
    expect(check('kubectl --context heron delete deployment api', kubeconfig, dir).body.targets[0].environment).toBe('unknown-remote');
    const moved = check('kubectl --context heron --cluster eu-main delete deployment api', kubeconfig, dir).body;
    expect(moved.verdict).toBe('confirm');
    expect(moved.targets[0].evidence[0]).toContain('cluster server https://prod-eu.acme.internal has the token "prod"');
    // A cluster both files define is the first file's (second.yaml's, https://ignored.example.com),
    // as kubectl merges them: not the production server of ~/.kube/config.
    const first = check('kubectl --context heron --cluster gke_acme_europe-west1_main delete deployment api', kubeconfig, dir).body;
    expect(first.targets[0].environment).toBe('unknown-remote');
  });

  it('a kubeconfig named on the line is the one read', () => {
    const { env, dir } = home();
    const { body } = check(`kubectl --kubeconfig ${join(dir, 'second.yaml')} --context heron delete pod x`, env, dir);
    expect(body.targets[0].evidence[0]).toBe(`kube context heron (kubeconfig ${join(dir, 'second.yaml')}) has nothing saying what it is`);
  });
});

describe('a local context names its kubeconfig', () => {
  it('minikube found local by name says which kubeconfig file defines it', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.kube'));
    const file = join(env.HOME!, '.kube', 'config');
    writeFileSync(
      file,
      'current-context: minikube\ncontexts:\n- name: minikube\n  context: { cluster: minikube }\nclusters:\n- name: minikube\n  cluster: { server: "https://192.168.49.2:8443" }\n',
    );
    const body = JSON.parse(runCli(['check', '--json', '--no-probe', '-c', 'kubectl delete namespace payments'], { env }).stdout);
    expect(body.verdict).toBe('allow');
    expect(body.targets[0].environment).toBe('local');
    expect(body.targets[0].evidence).toEqual([`kube context minikube (kubeconfig ${file}): minikube is a local cluster`]);
  });
});
