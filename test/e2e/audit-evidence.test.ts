// The audit trail says why (issue 14 §3): a refusal's JSONL entry and its RFC 5424 line carry the
// finding's environment and evidence — which inventory file and group, or which kubeconfig file
// and context, made the target production — with secrets redacted, so the fleet's log answers
// "why was this stopped?" without the person's terminal.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { startSyslogReceiver } from '../helpers/syslog-receiver.js';

function auditEntries(home: string): { action: string; findings: { rule: string; environment?: string; evidence?: string[] }[] }[] {
  return readFileSync(join(home, 'state', 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('audit evidence', () => {
  it('a refusal on an inventory host logs the group and file, in the JSONL log and the syslog line, no password', async () => {
    const dir = tempDir();
    const receiver = await startSyslogReceiver(dir);
    const { socket } = receiver;
    try {
      mkdirSync(join(dir, 'inventories'));
      writeFileSync(join(dir, 'inventories', 'prod.ini'), '[production]\nowl ansible_host=10.4.0.9 ansible_password=Sup3rSecretPw\n');
      writeFileSync(join(dir, '.prodguard.yml'), 'inventories: [{ ansible: inventories/prod.ini }]\n');
      const env = cleanEnv();
      mkdirSync(join(env.HOME!, '.config', 'prodguard'), { recursive: true });
      writeFileSync(join(env.HOME!, '.config', 'prodguard', 'config.yml'), `audit:\n  syslog: "unix:${socket}"\n`);
      const result = runCli(['run', '-c', 'PGPASSWORD=hunter2-secret ssh owl rm -rf /var/lib/postgresql/15/main'], { cwd: dir, env });
      expect(result.status).toBe(4);
      const [entry] = auditEntries(env.HOME!);
      expect(entry!.action).toBe('refused');
      expect(entry!.findings[0]).toMatchObject({ rule: 'filesystem/rm-data-directory', environment: 'production' });
      expect(entry!.findings[0]!.evidence).toContain('owl is in group [production] of inventories/prod.ini');
      const line = await receiver.line();
      expect(line).toContain('environment="production"');
      expect(line).toContain('evidence="owl is in group [production\\] of inventories/prod.ini"');
      for (const text of [line, readFileSync(join(env.HOME!, 'state', 'audit.jsonl'), 'utf8')]) {
        expect(text).not.toContain('hunter2');
        expect(text).not.toContain('Sup3rSecretPw');
      }
    } finally {
      receiver.stop();
    }
  });

  it('a refusal in a kube context logs the kubeconfig file and context', () => {
    const env = cleanEnv();
    mkdirSync(join(env.HOME!, '.kube'));
    const kubeconfig = join(env.HOME!, '.kube', 'config');
    writeFileSync(
      kubeconfig,
      'current-context: main\ncontexts:\n- name: main\n  context: { cluster: c1 }\nclusters:\n- name: c1\n  cluster: { server: "https://admin:Passw0rd@prod-k8s.acme.internal" }\nusers:\n- name: u\n  user: { token: sekr1t }\n',
    );
    const result = runCli(['run', '--', 'kubectl', 'delete', 'namespace', 'payments'], { env });
    expect(result.status).toBe(4);
    const [entry] = auditEntries(env.HOME!);
    expect(entry!.findings[0]!.evidence!.join(' ')).toContain(
      `kube context main (kubeconfig ${kubeconfig}): cluster server https://prod-k8s.acme.internal has the token "prod"`,
    );
    expect(readFileSync(join(env.HOME!, 'state', 'audit.jsonl'), 'utf8')).not.toMatch(/Passw0rd|sekr1t/);
  });
});
