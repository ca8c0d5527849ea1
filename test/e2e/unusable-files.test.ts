// Files prodguard reads to judge a line but cannot use (issue 14): a kubeconfig that is not YAML
// or not a kubeconfig, an inventory that does not parse. Each is one line naming the file and the
// fix — on stderr for check, run and status, in `warnings` (or `config.ignored`) in JSON — never
// silent, never a stack trace, and the rest of the line is still judged.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

const FIX = 'its contexts are unknown to prodguard; fix the file (`kubectl config view` shows what kubectl reads)';

function homeWithKubeconfig(text: string): { env: Record<string, string>; file: string } {
  const env = cleanEnv({ PRODGUARD_HOSTNAME: 'db-prod-1' });
  mkdirSync(join(env.HOME!, '.kube'));
  const file = join(env.HOME!, '.kube', 'config');
  writeFileSync(file, text);
  return { env, file };
}

describe('a kubeconfig that cannot be used', () => {
  it('bad YAML: one line naming the file and the fix, and the rest of the line is still judged', () => {
    const { env, file } = homeWithKubeconfig('apiVersion: v1\ncontexts: [\n  - name: prod\n');
    const line = 'kubectl delete ns payments && rm -rf /var/lib/postgresql/15/main/pg_wal';
    const text = runCli(['check', '--no-probe', '-c', line], { env });
    expect(text.stderr).toMatch(new RegExp(`^prodguard: ${file.replace(/[.]/g, '\\.')}: not valid YAML \\(.*line 3.*\\); `));
    expect(text.stderr).toContain(FIX);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).not.toContain('    at ');
    expect(text.status).toBe(4);
    expect(text.stdout).toContain('filesystem/rm-data-directory');
    const json = runCli(['check', '--json', '--no-probe', '-c', line], { env });
    const body = JSON.parse(json.stdout);
    expect(body.verdict).toBe('block');
    expect(body.warnings).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.]/g, '\\.')}: not valid YAML`))]);
  });

  it('wrong shape (a list, contexts as a map) in KUBECONFIG: one line per file, in status too', () => {
    const env = cleanEnv();
    const dir = tempDir();
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    writeFileSync(join(dir, 'map.yaml'), 'apiVersion: v1\ncontexts: { prod: x }\ncurrent-context: prod\n');
    const withKube = { ...env, KUBECONFIG: `${join(dir, 'list.yaml')}:${join(dir, 'map.yaml')}` };
    const check = runCli(['check', '--no-probe', '-c', 'kubectl delete ns payments'], { env: withKube });
    expect(check.stderr).toBe(
      `prodguard: ${join(dir, 'list.yaml')}: not a kubeconfig (a YAML map with clusters:, contexts:, current-context:); ${FIX}\n` +
        `prodguard: ${join(dir, 'map.yaml')}: contexts: must be a list of { name, context } entries; ${FIX}\n`,
    );
    const status = runCli(['status'], { env: withKube });
    expect(status.stderr).toContain(`prodguard: ${join(dir, 'list.yaml')}: not a kubeconfig`);
    expect(status.status).toBe(0);
    const statusJson = runCli(['status', '--json'], { env: withKube });
    expect(JSON.parse(statusJson.stdout).warnings).toHaveLength(2);
  });

  it('an empty kubeconfig is an empty kubeconfig (as kubectl reads it): no line', () => {
    const { env } = homeWithKubeconfig('');
    expect(runCli(['check', '--no-probe', '-c', 'kubectl get pods'], { env }).stderr).toBe('');
  });
});

describe('an inventory that cannot be used', () => {
  it("named by the config: one ignored line naming it; the config's other inventories count", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yml'), 'all:\n  children: [\n');
    writeFileSync(join(dir, 'hosts.ini'), '[production]\nowl\n');
    writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: broken.yml }, { ansible: hosts.ini }]\n');
    const result = runCli(['check', '--json', '--no-probe', '-c', 'ssh owl rm -rf /var/lib/mysql'], { cwd: dir });
    const body = JSON.parse(result.stdout);
    expect(body.targets[0].environment).toBe('production');
    expect(body.config.ignored).toEqual([
      expect.stringMatching(/inventories\[0\]: broken\.yml ignored: .*broken\.yml is not a readable inventory: not valid YAML/),
    ]);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("named by the line (-i FILE or FOLDER): one warning line, and the pattern's names are judged", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yml'), 'all:\n  children: [\n');
    mkdirSync(join(dir, 'inv'));
    writeFileSync(join(dir, 'inv', 'a.yml'), 'all:\n  hosts: [\n');
    writeFileSync(join(dir, 'inv', 'b.ini'), '[production]\nowl\n');
    const file = runCli(['check', '--json', '--no-probe', '-c', "ansible db1.prod.example.com -i broken.yml -m shell -a 'rm -rf /var/lib/mysql'"], {
      cwd: dir,
    });
    expect(JSON.parse(file.stdout).verdict).toBe('confirm');
    expect(JSON.parse(file.stdout).findings[0].environment).toBe('production');
    expect(JSON.parse(file.stdout).warnings).toEqual([expect.stringMatching(/broken\.yml: inventory not used: not valid YAML: .*\(fix the file\)/)]);
    const folder = runCli(['check', '--json', '--no-probe', '-c', "ansible owl -i inv -m shell -a 'rm -rf /var/lib/mysql'"], { cwd: dir });
    const body = JSON.parse(folder.stdout);
    expect(body.findings[0].environment).toBe('production');
    expect(body.warnings).toEqual([expect.stringMatching(/inv\/a\.yml: not valid YAML: .*its hosts are left out/)]);
    expect(folder.stderr).toContain('inv/a.yml: not valid YAML');
  });
});
