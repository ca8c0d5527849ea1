// Build step: start prodguard once on a typical line, so the V8 code cache next to the bundle is
// made now (for this Node version) and the first real check does not pay for compiling.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bundle = new URL('../dist/bundle/prodguard.cjs', import.meta.url);
for (const name of ['prodguard.cjs', 'prodguard.cjs.lint', 'fast.cjs', 'shell-parser.cjs', 'yaml.cjs'])
  rmSync(new URL(`../dist/bundle/${name}.cache`, import.meta.url), { force: true });
// The line holds the commonest risky shapes (a data directory, git, kubectl, a pipe and a
// redirection), so their code is in the cache: 4.6 M instructions less for `rm -rf
// /var/lib/postgresql/16/main` judged alone than a cache made from `rm -rf DIR && ls` (valgrind,
// fixed seeds). Not SQL: PostgreSQL's parser sets V8 flags while it runs.
const warmLine = 'rm -rf /var/lib/postgresql/16/main /tmp/prodguard-warm && git reset --hard && kubectl delete ns x && ls | grep -v x > /tmp/y';
const result = spawnSync(process.execPath, [new URL('../bin/prodguard.js', import.meta.url).pathname, 'check', '-c', warmLine], {
  stdio: 'ignore',
  env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', PRODGUARD_STATE_DIR: '/tmp/prodguard-warm-state', PRODGUARD_WARM: '0' },
});
console.log(result.status === 0 ? `warmed the code cache of ${bundle.pathname}` : 'could not warm the code cache (it is made on first use instead)');
// The one-shot fast path's two files (src/fast-path/): a harmless line under a repository config
// the full path has written the fast path's table for, so the cache also holds the config cache's
// lookup (src/fast-path/config-cache.ts) — 0.9 M instructions less for such a line, the same for a
// line with no config (valgrind). The first run takes the full path and writes the table; its
// fast-path cache is removed so the second, answered by the fast path, makes it.
const repository = mkdtempSync(join(tmpdir(), 'prodguard-warm-fast-'));
writeFileSync(join(repository, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["db*.prod.example.com"]\n');
const fastRun = () =>
  // A line with a list, a pipe, options, quotes, a redirection and a variable: the shell parser's
  // code cache then holds what typical lines need (one with `ls` alone left ~2 M to compile).
  spawnSync(
    process.execPath,
    [new URL('../bin/prodguard.js', import.meta.url).pathname, 'check', '-c', 'cd src && ls -la | grep -v "test" 2>/dev/null; echo $HOME'],
    {
      stdio: 'ignore',
      cwd: repository,
      env: { PATH: process.env.PATH, HOME: repository, NO_COLOR: '1', PRODGUARD_STATE_DIR: join(repository, 'state'), PRODGUARD_WARM: '0' },
    },
  );
fastRun();
for (const name of ['fast.cjs', 'shell-parser.cjs']) rmSync(new URL(`../dist/bundle/${name}.cache`, import.meta.url), { force: true });
const fast = fastRun();
rmSync(repository, { recursive: true, force: true });
if (fast.status !== 0) console.log('could not warm the fast path code cache (it is made on first use instead)');

// yaml's own file (dist/bundle/yaml.cjs, scripts/build-bundle.mjs): a kubectl line under a
// kubeconfig and a repository config the fast path has no table for, so its cache holds what
// parsing a kubeconfig and loading a config run. The runs above may have made it from less.
rmSync(new URL('../dist/bundle/yaml.cjs.cache', import.meta.url), { force: true });
const kube = mkdtempSync(join(tmpdir(), 'prodguard-warm-yaml-'));
mkdirSync(join(kube, '.kube'));
writeFileSync(
  join(kube, '.kube', 'config'),
  'apiVersion: v1\nkind: Config\ncurrent-context: staging\ncontexts:\n- name: staging\n  context: {cluster: staging, user: deploy, namespace: web}\nclusters:\n- name: staging\n  cluster: {server: "https://k8s.staging.example.com:6443"}\nusers:\n- name: deploy\n  user: {token: "x"}\n',
);
writeFileSync(join(kube, '.prodguard.yml'), 'environments:\n  production:\n    hosts: ["db*.prod.example.com"]\n');
const yamlRun = spawnSync(process.execPath, [new URL('../bin/prodguard.js', import.meta.url).pathname, 'check', '-c', 'kubectl delete namespace web'], {
  stdio: 'ignore',
  cwd: kube,
  env: { PATH: process.env.PATH, HOME: kube, NO_COLOR: '1', PRODGUARD_STATE_DIR: join(kube, 'state'), PRODGUARD_WARM: '0' },
});
rmSync(kube, { recursive: true, force: true });
if (yamlRun.status === null || yamlRun.status > 4) console.log("could not warm yaml's code cache (it is made on first use instead)");

// lint's own cache (bin/prodguard.js): a lint of a migration and a deploy script, so the first
// lint of a repository does not compile the extractors, the SQL describer and the rule engine.
const sample = mkdtempSync(join(tmpdir(), 'prodguard-warm-lint-'));
mkdirSync(join(sample, 'db', 'migrate'), { recursive: true });
writeFileSync(
  join(sample, 'db', 'migrate', '20240101000000_accounts.sql'),
  [
    'BEGIN;',
    'CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_created ON accounts (created_at) WHERE name IS NOT NULL;',
    "ALTER TABLE accounts ADD COLUMN note text;\nCOMMENT ON COLUMN accounts.note IS 'free text';",
    "UPDATE accounts SET name = '' WHERE name IS NULL AND id < 1000;",
    'ALTER TABLE accounts ADD CONSTRAINT accounts_name CHECK (char_length(name) < 256) NOT VALID;',
    'CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;',
    'DROP TABLE accounts;',
    'COMMIT;',
    '',
  ].join('\n'),
);
writeFileSync(
  join(sample, 'deploy.sh'),
  '#!/bin/sh\nset -eu\nDIR=$(dirname "$0")\nfor f in "$DIR"/*.tar; do tar -xf "$f" -C /tmp; done\nif [ -n "${CLEAN:-}" ]; then rm -rf "$DIR/build"; fi\npsql "$DATABASE_URL" -c "DELETE FROM sessions WHERE expires_at < now()"\n',
);
const lint = spawnSync(process.execPath, [new URL('../bin/prodguard.js', import.meta.url).pathname, 'lint', '--format', 'json', '.'], {
  stdio: 'ignore',
  cwd: sample,
  env: { PATH: process.env.PATH, HOME: '/tmp/prodguard-warm-state', NO_COLOR: '1', PRODGUARD_STATE_DIR: '/tmp/prodguard-warm-state', PRODGUARD_WARM: '0' },
});
rmSync(sample, { recursive: true, force: true });
if (lint.status !== 0 && lint.status !== 1) console.log('could not warm the lint code cache (it is made on first use instead)');
