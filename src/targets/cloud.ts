// Cloud resources a cloud CLI names (AWS/GCP/Azure options, buckets, profiles) and Terraform
// workspaces.

import type { Invocation, Target } from '../types.js';
import { parseConnectionString } from '../parse/connection.js';
import { scanOptions, optionValue } from '../parse/options.js';
import type { TargetFacts } from './facts.js';
import { CLOUD_CLIS } from '../knowledge/cloud-clis.js';

const AWS_RESOURCE_OPTIONS = [
  'db-instance-identifier',
  'db-cluster-identifier',
  'function-name',
  'table-name',
  'bucket',
  'stack-name',
  'cluster',
  'cache-cluster-id',
  'replication-group-id',
  'domain-name',
  'file-system-id',
  'volume-id',
  'instance-ids',
  'key-id',
  'secret-id',
];

/** `aws s3 cp|sync|rm` options that take a value (`--acl public-read` is not the destination).
 *  Source: the AWS CLI reference for `aws s3 sync`. */
const AWS_S3_VALUE_OPTIONS = [
  'acl',
  'exclude',
  'include',
  'storage-class',
  'sse',
  'sse-kms-key-id',
  'sse-c',
  'sse-c-key',
  'cache-control',
  'content-type',
  'content-encoding',
  'content-language',
  'content-disposition',
  'expires',
  'metadata-directive',
  'grants',
  'website-redirect',
  'page-size',
  'source-region',
  'expected-size',
];

/** A CLI of knowledge/cloud-clis.ts: the resources after its verb, its resource options, else its account variables. */
function tableCliTargets(inv: Invocation): Target[] {
  const spec = CLOUD_CLIS[inv.name]!;
  const scan = scanOptions(inv.args, { shortWithValue: spec.shortResource + spec.shortOther, longWithValue: [...spec.resourceOptions, ...spec.otherOptions] });
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const targets: Target[] = [];
  const verb = positionals.findIndex((word) => spec.verbs.includes(word));
  const names = positionals.slice(verb + 1);
  if (verb !== -1 && spec.kinds?.includes(names[0] ?? '')) names.shift();
  if (verb !== -1) for (const name of names) targets.push({ kind: 'cloud', engine: spec.engine, source: 'resource', name });
  for (const option of scan.options) {
    const names = option.flag.startsWith('--') ? spec.resourceOptions.includes(option.flag.slice(2)) : spec.shortResource.includes(option.flag.slice(1));
    if (option.value && names) targets.push({ kind: 'cloud', engine: spec.engine, source: option.flag, name: option.value });
  }
  const variable = spec.env.find((name) => inv.env[name]);
  if (variable) targets.push({ kind: 'cloud', engine: spec.engine, source: variable, name: inv.env[variable]! });
  if (targets.length === 0) targets.push({ kind: 'cloud', engine: spec.engine, source: 'current account or project', name: 'current' });
  return targets;
}

export function cloudTargets(inv: Invocation): Target[] {
  const targets: Target[] = [];
  if (Object.hasOwn(CLOUD_CLIS, inv.name)) {
    targets.push(...tableCliTargets(inv));
  } else if (inv.name === 'aws') {
    const scan = scanOptions(inv.args, { longWithValue: ['profile', 'region', 'output', 'endpoint-url', ...AWS_S3_VALUE_OPTIONS, ...AWS_RESOURCE_OPTIONS] });
    for (const option of scan.options) {
      const name = option.flag.slice(2);
      if (AWS_RESOURCE_OPTIONS.includes(name) && option.value) targets.push({ kind: 'cloud', engine: 'aws', source: `--${name}`, name: option.value });
    }
    // `aws s3 sync SRC DEST` changes only DEST: a production source bucket is only read.
    const words = scan.positionals.map((index) => inv.args[index]!.value);
    const touched = words[0] === 's3' && words[1] === 'sync' ? scan.positionals.slice(-1) : scan.positionals;
    for (const index of touched) {
      const arg = inv.args[index]!;
      let bucket = /^s3:\/\/([^/]*)/.exec(arg.value)?.[1];
      // `s3://$BUCKET/…` with BUCKET not set here: the bucket is named as written, not "".
      if (bucket === '' && arg.unsetVariables.length > 0) bucket = /^["']?s3:\/\/([^/"']*)/.exec(arg.text)?.[1] || bucket;
      if (bucket !== undefined) targets.push({ kind: 'cloud', engine: 'aws', source: 's3 bucket', name: bucket });
    }
    const profile = optionValue(scan, '--profile') ?? inv.env.AWS_PROFILE ?? inv.env.AWS_DEFAULT_PROFILE;
    if (profile) targets.push({ kind: 'cloud', engine: 'aws', source: optionValue(scan, '--profile') ? '--profile' : 'AWS_PROFILE', name: profile });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'aws', source: 'default AWS account', name: 'default' });
  } else if (inv.name === 'gsutil') {
    for (const arg of syncDestination(inv) ?? inv.args) {
      const bucket = /^gs:\/\/([^/]+)/.exec(arg.value)?.[1];
      if (bucket) targets.push({ kind: 'cloud', engine: 'gcp', source: 'gs bucket', name: bucket });
    }
    const project = inv.env.CLOUDSDK_CORE_PROJECT ?? inv.env.GOOGLE_CLOUD_PROJECT;
    if (project) targets.push({ kind: 'cloud', engine: 'gcp', source: 'CLOUDSDK_CORE_PROJECT', name: project });
  } else if (inv.name === 'gcloud') {
    for (const arg of syncDestination(inv) ?? inv.args) {
      const bucket = /^gs:\/\/([^/]+)/.exec(arg.value)?.[1];
      if (bucket) targets.push({ kind: 'cloud', engine: 'gcp', source: 'gs bucket', name: bucket });
    }
    const scan = scanOptions(inv.args, { longWithValue: ['project', 'region', 'zone', 'format', 'account', 'configuration', 'instance'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset' || p === 'restore-backup' || p === 'patch');
    if (verb !== -1) for (const name of positionals.slice(verb + 1)) targets.push({ kind: 'cloud', engine: 'gcp', source: 'resource', name });
    const project = optionValue(scan, '--project') ?? inv.env.CLOUDSDK_CORE_PROJECT ?? inv.env.GOOGLE_CLOUD_PROJECT;
    if (project) targets.push({ kind: 'cloud', engine: 'gcp', source: optionValue(scan, '--project') ? '--project' : 'CLOUDSDK_CORE_PROJECT', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'gcp', source: 'default project', name: 'default' });
  } else if (inv.name === 'heroku') {
    const scan = scanOptions(inv.args, { shortWithValue: 'ar', longWithValue: ['app', 'remote', 'confirm'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // `heroku apps:destroy APP` names the app as its argument; `--confirm APP` repeats it.
    const named = positionals[0] === 'apps:destroy' || positionals[0] === 'destroy' ? positionals[1] : undefined;
    const flagged = optionValue(scan, '-a', '--app');
    const app = flagged ?? named ?? inv.env.HEROKU_APP ?? optionValue(scan, '--confirm');
    const source = flagged ? '--app' : named ? 'app argument' : inv.env.HEROKU_APP ? 'HEROKU_APP' : '--confirm';
    targets.push(
      app ? { kind: 'cloud', engine: 'heroku', source, name: app } : { kind: 'cloud', engine: 'heroku', source: 'git remote (unknown app)', name: 'heroku' },
    );
    const addon = positionals.slice(1).find((p) => /^[A-Z_]*DATABASE(_URL)?$|^postgresql-/.test(p));
    if (addon) targets.push({ kind: 'cloud', engine: 'heroku', source: 'database add-on', name: addon });
  } else if (inv.name === 'azcopy' || inv.name === 'mc') {
    // The storage account (azcopy URLs) or the configured alias (mc ALIAS/bucket) is the target.
    for (const arg of inv.args) {
      const account = /^https:\/\/([^./]+)\.(?:blob|dfs|file)\.core\.windows\.net/.exec(arg.value)?.[1];
      const alias = inv.name === 'mc' && !arg.value.startsWith('-') && /^[A-Za-z0-9_-]+\/[^/]/.exec(arg.value) ? arg.value.split('/')[0] : undefined;
      if (account ?? alias)
        targets.push({
          kind: 'cloud',
          engine: inv.name === 'mc' ? 'minio' : 'azure',
          source: inv.name === 'mc' ? 'mc alias' : 'storage account',
          name: (account ?? alias)!,
        });
    }
    if (targets.length === 0)
      targets.push({ kind: 'cloud', engine: inv.name === 'mc' ? 'minio' : 'azure', source: 'storage named at run time', name: 'unknown' });
  } else if (inv.name === 'pulumi' || inv.name === 'cdk' || inv.name === 'doctl') {
    // The stack or account comes from the working directory or the CLI's context when not named.
    const scan = scanOptions(inv.args, { shortWithValue: 'sCt', longWithValue: ['stack', 'cwd', 'context', 'access-token', 'profile'] });
    const words = scan.positionals.map((i) => inv.args[i]!.value);
    // `pulumi stack rm NAME` names the stack as its argument.
    const removed = inv.name === 'pulumi' && words[0] === 'stack' && words[1] === 'rm' ? words[2] : undefined;
    const stack =
      optionValue(scan, '-s', '--stack', '--context', '--profile') ?? removed ?? inv.env.PULUMI_STACK ?? inv.env.AWS_PROFILE ?? inv.env.DIGITALOCEAN_CONTEXT;
    targets.push(
      stack
        ? { kind: 'cloud', engine: inv.name, source: 'stack or context', name: stack }
        : { kind: 'cloud', engine: inv.name, source: 'current stack or context', name: 'current' },
    );
  } else if (inv.name === 'fly' || inv.name === 'flyctl') {
    // `fly apps destroy APP`, `fly volumes destroy VOL -a APP`: the app, else fly.toml's.
    const scan = scanOptions(inv.args, { shortWithValue: 'ac', longWithValue: ['app', 'config', 'org', 'access-token', 'region'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'destroy' || p === 'delete');
    const appCommand = positionals[0] === 'apps' || positionals[0] === 'destroy' || positionals[0] === 'apps:destroy';
    const flagged = optionValue(scan, '-a', '--app');
    const named = appCommand && verb !== -1 ? positionals[verb + 1] : undefined;
    const app = flagged ?? named ?? inv.env.FLY_APP;
    targets.push(
      app
        ? { kind: 'cloud', engine: 'fly', source: flagged ? '--app' : named ? 'app argument' : 'FLY_APP', name: app }
        : { kind: 'cloud', engine: 'fly', source: "fly.toml's app", name: 'current' },
    );
    if (!appCommand && verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'fly', source: 'resource', name: positionals[verb + 1]! });
  } else if (inv.name === 'supabase') {
    // `db reset --linked` resets the linked project's database; `--db-url` names one.
    const scan = scanOptions(inv.args, { longWithValue: ['db-url', 'project-ref', 'workdir', 'profile'] });
    const url = optionValue(scan, '--db-url');
    const ref = optionValue(scan, '--project-ref') ?? inv.env.SUPABASE_PROJECT_ID;
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete');
    if (url) {
      const host = parseConnectionString(url)?.host;
      targets.push({ kind: 'cloud', engine: 'supabase', source: '--db-url', name: host ?? url });
    }
    if (ref) targets.push({ kind: 'cloud', engine: 'supabase', source: '--project-ref', name: ref });
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'supabase', source: 'resource', name: positionals[verb + 1]! });
    const linked = scan.options.some((option) => option.flag === '--linked');
    if (targets.length === 0 && positionals[0] === 'db' && !linked)
      targets.push({ kind: 'cloud', engine: 'supabase', source: 'local stack (no --linked or --db-url)', name: 'localhost' });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'supabase', source: 'linked project', name: 'linked' });
  } else if (inv.name === 'neonctl' || inv.name === 'neon') {
    // `neonctl branches delete main --project-id P`: the branch (or project) named, in the project.
    const scan = scanOptions(inv.args, { longWithValue: ['project-id', 'branch', 'api-key', 'context-file', 'output', 'org-id'] });
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset');
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'neon', source: 'resource', name: positionals[verb + 1]! });
    const branch = optionValue(scan, '--branch');
    if (branch) targets.push({ kind: 'cloud', engine: 'neon', source: '--branch', name: branch });
    const project = optionValue(scan, '--project-id');
    if (project) targets.push({ kind: 'cloud', engine: 'neon', source: '--project-id', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'neon', source: 'current project', name: 'current' });
  } else if (inv.name === 'az') {
    const scan = scanOptions(inv.args, {
      shortWithValue: 'ngc',
      longWithValue: ['name', 'resource-group', 'subscription', 'server', 'account-name', 'container-name', 'connection-string'],
    });
    for (const flag of ['--name', '-n', '--resource-group', '-g', '--server', '--subscription', '--account-name', '--container-name', '-c']) {
      const value = optionValue(scan, flag);
      if (value) targets.push({ kind: 'cloud', engine: 'azure', source: flag, name: value });
    }
    // `az storage …` without --account-name uses the account the environment names.
    const account = inv.env.AZURE_STORAGE_ACCOUNT;
    if (account && scan.positionals.length > 0 && inv.args[scan.positionals[0]!]!.value === 'storage' && !optionValue(scan, '--account-name'))
      targets.push({ kind: 'cloud', engine: 'azure', source: 'AZURE_STORAGE_ACCOUNT', name: account });
    const subscription = inv.env.AZURE_SUBSCRIPTION_ID ?? inv.env.AZURE_DEFAULTS_GROUP;
    if (targets.length === 0)
      targets.push(
        subscription
          ? { kind: 'cloud', engine: 'azure', source: 'AZURE_SUBSCRIPTION_ID', name: subscription }
          : { kind: 'cloud', engine: 'azure', source: 'default subscription', name: 'default' },
      );
  }
  // A name a variable fills only at run time (`s3://$BUCKET`, `projects delete "$P"` in CI) reads
  // as nothing here: say so rather than print an empty name.
  return targets.map((target) => (target.name === '' ? { ...target, name: '(named at run time)' } : target));
}

/** `gsutil rsync SRC DEST`, `gcloud storage rsync SRC DEST`: only DEST is changed (a source bucket is read). */
function syncDestination(inv: Invocation): Invocation['args'] | undefined {
  const scan = scanOptions(inv.args, {
    shortWithValue: inv.name === 'gsutil' ? 'hopuxjJ' : '',
    longWithValue: ['project', 'exclude', 'account', 'configuration'],
  });
  const words = scan.positionals.map((index) => inv.args[index]!.value);
  const rsync = inv.name === 'gsutil' ? words[0] === 'rsync' : words[0] === 'storage' && words[1] === 'rsync';
  return rsync && scan.positionals.length > 0 ? [inv.args[scan.positionals.at(-1)!]!] : undefined;
}

export function workspaceTargets(inv: Invocation, facts: TargetFacts): Target[] {
  if (!['terraform', 'tofu', 'terragrunt'].includes(inv.name)) return [];
  const targets: Target[] = [];
  const scan = scanOptions(inv.args, { singleDashWithValue: ['chdir', 'var-file', 'var', 'target', 'state', 'backend-config'] });
  const workspace = inv.env.TF_WORKSPACE ?? inv.session?.terraformWorkspace ?? facts.terraformWorkspace;
  const workspaceSource = inv.env.TF_WORKSPACE
    ? 'TF_WORKSPACE'
    : inv.session?.terraformWorkspace
      ? 'workspace selected earlier in the line'
      : '.terraform/environment';
  if (workspace) targets.push({ kind: 'workspace', source: workspaceSource, name: workspace });
  for (const option of scan.options) {
    if ((option.flag === '-var-file' || option.flag === '-chdir' || option.flag === '-backend-config') && option.value) {
      targets.push({ kind: 'workspace', source: option.flag, name: option.value });
    }
  }
  if (inv.cwd) targets.push({ kind: 'workspace', source: 'working directory', name: inv.cwd });
  // The providers act in the account the environment's credentials pick (`AWS_PROFILE=prod`).
  for (const variable of ['AWS_PROFILE', 'GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT', 'ARM_SUBSCRIPTION_ID']) {
    const value = inv.env[variable];
    if (value) targets.push({ kind: 'workspace', source: `${variable} (the provider's account)`, name: value });
  }
  return targets;
}
