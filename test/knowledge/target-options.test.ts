// Which option names what a kube client or a cloud CLI acts on (`--context`, `--kubeconfig`,
// `--profile`, `--project`, `--subscription`, …) is written once, in src/knowledge/, beside which
// options take a value: target resolution, rule matching and the wrappers read the same table.
import { describe, expect, it } from 'vitest';
import { CLOUD_CLIS } from '../../src/knowledge/cloud-clis.js';
import { kubeClient } from '../../src/knowledge/kube-clients.js';
import { MAKE_PROGRAMS, PACKAGE_SCRIPT_RUNNERS, TOOL_OPTIONS } from '../../src/knowledge/tools.js';
import { filesWanted, PACKAGE_SCRIPT_SUBCOMMANDS } from '../../src/parse/scripts.js';
import { commandOptionSpec } from '../../src/parse/options.js';
import { extractInvocations } from '../../src/parse/invocations.js';
import { resolveTargets } from '../../src/targets/resolve.js';
import type { TargetFacts } from '../../src/targets/facts.js';

/** Does the option spec read `option` (as written) with a value? */
function takesValue(spec: { shortWithValue?: string; longWithValue?: readonly string[]; singleDashWithValue?: readonly string[] }, option: string): boolean {
  if (option.startsWith('--')) return (spec.longWithValue ?? []).includes(option.slice(2));
  // Go's single-dash long flags (`cbt -project P`).
  if (option.length > 2) return (spec.singleDashWithValue ?? []).includes(option.slice(1));
  return (spec.shortWithValue ?? '').includes(option.slice(1));
}

const FACTS: TargetFacts = { env: {}, envFiles: [], cwd: '/srv/app' } as unknown as TargetFacts;

function targetsOf(line: string, kind: 'kube' | 'cloud') {
  const [inv] = extractInvocations(line, { env: { HOME: '/home/dev' }, cwd: '/srv/app', home: '/home/dev', envUnknown: false, envFiles: {} }).invocations;
  return resolveTargets(inv!, kind, FACTS).map(({ source, name }) => `${source} ${name}`);
}

describe('target options, written once', () => {
  it("every option a cloud CLI's targets read takes a value in the table rule matching reads", () => {
    for (const [name, spec] of Object.entries(CLOUD_CLIS)) {
      expect(TOOL_OPTIONS[name], name).toBe(spec.options);
      for (const [role, options] of Object.entries(spec.targets)) {
        // `--linked` is a switch: it says which project, it carries no name.
        if (role === 'linked') continue;
        for (const option of options) expect(takesValue(commandOptionSpec(name), option), `${name} ${option}`).toBe(true);
      }
    }
  });

  it("every option a kube client's targets read takes a value in the table rule matching reads", () => {
    for (const name of ['kubectl', 'oc', 'helm', 'helmfile', 'k9s']) {
      const client = kubeClient(name)!;
      expect(TOOL_OPTIONS[name], name).toBe(client.options);
      for (const role of ['context', 'kubeconfig', 'namespace'] as const) {
        const read = client.targets[role].filter((option) => takesValue(client.options, option));
        expect(read.length, `${name} ${role}`).toBeGreaterThan(0);
      }
    }
  });

  it('targets read the roles from the table', () => {
    expect(targetsOf('kubectl --context prod-eu delete ns x', 'kube')).toEqual(['--context prod-eu']);
    expect(targetsOf('helm uninstall web --kube-context prod-eu --kube-apiserver https://10.0.0.1:6443', 'kube')).toEqual([
      '--kube-context prod-eu',
      '--kube-apiserver 10.0.0.1',
    ]);
    expect(targetsOf('aws --profile prod s3 rm s3://orders --recursive', 'cloud')).toEqual(['s3 bucket orders', '--profile prod']);
    expect(targetsOf('gcloud sql instances delete orders --project acme-prod', 'cloud')).toEqual(['resource orders', '--project acme-prod']);
    expect(targetsOf('az group delete -n rg-prod --subscription prod-sub', 'cloud')).toEqual(['-n rg-prod', '--subscription prod-sub']);
    expect(targetsOf('eksctl delete cluster --name prod-eu', 'cloud')).toEqual(['--name prod-eu']);
  });
});

describe('package script runners and make, written once', () => {
  const wanted = (line: string) =>
    extractInvocations(line, { env: { HOME: '/home/dev' }, cwd: '/srv/app', home: '/home/dev', envUnknown: false, envFiles: {} }).invocations.flatMap((inv) =>
      filesWanted(inv).map(({ kind, path }) => `${kind} ${path}`),
    );

  it('reads the package.json and Makefile the runner would', () => {
    expect(wanted('npm run db:reset')).toEqual(['package.json /srv/app/package.json']);
    // npm's -C is --prefix: the package is api's.
    expect(wanted('npm -C api test')).toEqual(['package.json /srv/app/api/package.json']);
    expect(wanted('yarn --cwd api db:reset')).toEqual(['package.json /srv/app/api/package.json']);
    // pnpm's -w (--workspace-root) is a switch: db:reset is the script, not its value.
    expect(wanted('pnpm -w db:reset')).toEqual(['package.json /srv/app/package.json']);
    // A filter naming one package: its folder, or the folders workspaces conventionally use.
    expect(wanted('pnpm -F ./api db:reset')).toContain('package.json /srv/app/api/package.json');
    expect(wanted('pnpm -F api db:reset')).toEqual(
      ['packages', 'apps', 'services', 'libs', 'modules', 'workspaces']
        .map((root) => `package.json /srv/app/${root}/api/package.json`)
        .concat(['package.json /srv/app/api/package.json']),
    );
    // Every package (-r), or a selection of several: which package.json runs is not known.
    expect(wanted('pnpm -r db:reset')).toEqual([]);
    expect(wanted("pnpm -F './packages/**' db:reset").filter((file) => file.startsWith('package.json'))).toEqual([]);
    expect(wanted('composer run-script db-reset')).toEqual(['composer.json /srv/app/composer.json']);
    expect(wanted('bun run-script db:reset')).toEqual(['package.json /srv/app/package.json']);
    expect(wanted('make -C deploy reset')).toEqual([
      'makefile /srv/app/deploy/GNUmakefile',
      'makefile /srv/app/deploy/makefile',
      'makefile /srv/app/deploy/Makefile',
    ]);
    expect(wanted('make -n reset')).toEqual([]);
  });

  it('rule matching reads the same tables', () => {
    for (const name of [...Object.keys(PACKAGE_SCRIPT_RUNNERS), ...MAKE_PROGRAMS]) expect(commandOptionSpec(name), name).toBe(TOOL_OPTIONS[name]);
    expect(PACKAGE_SCRIPT_SUBCOMMANDS.bun).toContain('run-script');
  });
});
