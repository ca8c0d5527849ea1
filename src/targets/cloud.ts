// Cloud resources a cloud CLI names (AWS/GCP/Azure options, buckets, profiles) and Terraform
// workspaces.

import type { Invocation, Target } from '../types.js';
import { parseConnectionString } from '../parse/connection.js';
import { scanOptions, optionValue, type OptionScan } from '../parse/options.js';
import type { TargetFacts } from './facts.js';
import { toolOptions, WORKSPACE_OPTIONS } from '../knowledge/tools.js';
import { isEnvironmentVariable } from '../classify/names.js';
import { cloudCli, cloudTargetOptions, type CloudCliSpec } from '../knowledge/cloud-clis.js';

/** A CLI's own options, read with its one table (knowledge/cloud-clis.ts). */
function cloudScan(inv: Invocation): OptionScan {
  return scanOptions(inv.args, cloudCli(inv.name)?.options ?? {});
}

/** The value of the first option naming `role` for this CLI (`profile` → `--profile P`). */
function roleValue(inv: Invocation, scan: OptionScan, role: string): string | undefined {
  const options = cloudTargetOptions(inv.name, role);
  return options.length > 0 ? optionValue(scan, ...options) : undefined;
}

/** A simple CLI of knowledge/cloud-clis.ts: the resources after its verb, its resource options, else its account variables. */
function tableCliTargets(inv: Invocation, spec: CloudCliSpec, simple: NonNullable<CloudCliSpec['simple']>): Target[] {
  const scan = cloudScan(inv);
  const positionals = scan.positionals.map((i) => inv.args[i]!.value);
  const targets: Target[] = [];
  if (simple.mode) return [modeTarget(inv, scan, spec, simple.mode)];
  const add = (source: string, written: string) => {
    const name = repositoryName(written);
    // A repository written as a local path is this host's: the host target judges it.
    if (simple.remoteOnly && isLocalPath(name)) return;
    if (name !== '' || written === '') targets.push({ kind: 'cloud', engine: spec.engine, source, name });
  };
  const verb = simple.operands ? -1 : positionals.findIndex((word) => simple.verbs.includes(word));
  const names = positionals.slice(verb + 1);
  if (verb !== -1 && simple.kinds?.includes(names[0] ?? '')) names.shift();
  const touched = simple.firstOnly ? names.slice(0, 1) : verb !== -1 && simple.destinationVerbs?.includes(positionals[verb]!) ? names.slice(-1) : names;
  if (verb !== -1 || simple.operands) for (const name of touched) add('resource', name);
  const resource = spec.targets.resource ?? [];
  for (const option of scan.options) {
    if (option.value && resource.includes(option.flag)) add(option.flag, option.value);
  }
  const variable = simple.env.find((name) => inv.env[name]);
  if (variable) add(variable, inv.env[variable]!);
  // `ssh dokku@HOST apps:destroy APP`: the platform is the host the command reaches.
  if (simple.onHost && inv.host.kind === 'ssh') targets.push({ kind: 'cloud', engine: spec.engine, source: 'ssh destination', name: inv.host.destination });
  if (targets.length === 0 && !simple.noDefault) targets.push({ kind: 'cloud', engine: spec.engine, source: 'current account or project', name: 'current' });
  return targets;
}

/** A repository or URL as a target's name: no credentials, no user, no borg `::ARCHIVE`. */
function repositoryName(written: string): string {
  return written
    .replace(/::.*$/, '')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1')
    .replace(/^(rest:https?:\/\/)[^@/]*@/i, '$1')
    .replace(/^[^@/:]+@(?=[^/]*:)/, '');
}

/** `/srv/restic`, `./repo`, `~/backups`, `repo` (borg's `repo::archive`): a path on this host. */
function isLocalPath(name: string): boolean {
  return /^[/.~]/.test(name) || !name.includes(':') || /^file:/i.test(name) || /^local:/i.test(name);
}

/** Stripe's mode: live when `--live` is given or the key is a live key, else test. */
function modeTarget(inv: Invocation, scan: OptionScan, spec: CloudCliSpec, mode: NonNullable<NonNullable<CloudCliSpec['simple']>['mode']>): Target {
  const flagged = mode.flags.find((flag) => scan.options.some((option) => option.flag === flag));
  const key = mode.keys.map((name) => (name.startsWith('-') ? optionValue(scan, name) : inv.env[name])).find((value) => value && mode.live.test(value));
  const live = flagged !== undefined || key !== undefined;
  return { kind: 'cloud', engine: spec.engine, source: flagged ?? (key ? 'a live API key' : 'default (test) mode'), name: live ? mode.on : mode.off };
}

export function cloudTargets(inv: Invocation): Target[] {
  const targets: Target[] = [];
  const spec = cloudCli(inv.name);
  if (spec?.simple) {
    targets.push(...tableCliTargets(inv, spec, spec.simple));
  } else if (inv.name === 'aws') {
    const scan = cloudScan(inv);
    const resource = cloudTargetOptions('aws', 'resource');
    for (const option of scan.options) {
      if (resource.includes(option.flag) && option.value) targets.push({ kind: 'cloud', engine: 'aws', source: option.flag, name: option.value });
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
    const flagged = roleValue(inv, scan, 'profile');
    const profile = flagged ?? inv.env.AWS_PROFILE ?? inv.env.AWS_DEFAULT_PROFILE;
    if (profile) targets.push({ kind: 'cloud', engine: 'aws', source: flagged ? '--profile' : 'AWS_PROFILE', name: profile });
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
    const scan = cloudScan(inv);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // The resource a create makes is named the same way as the one a delete removes: a file that
    // creates `clusters create "$NAME-$SUFFIX"` and later deletes it is its own teardown.
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset' || p === 'restore-backup' || p === 'patch' || p === 'create');
    if (verb !== -1)
      for (const index of scan.positionals.slice(verb + 1)) {
        const arg = inv.args[index]!;
        // `$CLUSTER_NAME-$SUFFIX` with neither set here: named as written, not "-".
        const name = arg.unsetVariables.length > 0 ? arg.text.replace(/^(["'])(.*)\1$/, '$2') : arg.value;
        targets.push({ kind: 'cloud', engine: 'gcp', source: 'resource', name });
      }
    const flagged = roleValue(inv, scan, 'project');
    const project = flagged ?? inv.env.CLOUDSDK_CORE_PROJECT ?? inv.env.GOOGLE_CLOUD_PROJECT;
    if (project) targets.push({ kind: 'cloud', engine: 'gcp', source: flagged ? '--project' : 'CLOUDSDK_CORE_PROJECT', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'gcp', source: 'default project', name: 'default' });
  } else if (inv.name === 'heroku') {
    const scan = cloudScan(inv);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    // `heroku apps:destroy APP` names the app as its argument; `--confirm APP` repeats it.
    const named = positionals[0] === 'apps:destroy' || positionals[0] === 'destroy' ? positionals[1] : undefined;
    const flagged = roleValue(inv, scan, 'app');
    const app = flagged ?? named ?? inv.env.HEROKU_APP ?? roleValue(inv, scan, 'confirm');
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
  } else if (['pulumi', 'cdk', 'cdktf', 'doctl', 'sst', 'copilot'].includes(inv.name)) {
    // The stack or account comes from the working directory or the CLI's context when not named.
    const scan = cloudScan(inv);
    const words = scan.positionals.map((i) => inv.args[i]!.value);
    // `pulumi stack rm NAME` names the stack as its argument; `cdk destroy STACK`, `cdktf destroy
    // STACK` the stacks they destroy.
    const removed = inv.name === 'pulumi' && words[0] === 'stack' && words[1] === 'rm' ? words[2] : undefined;
    const destroyed = (inv.name === 'cdk' || inv.name === 'cdktf') && words[0] === 'destroy' ? words[1] : undefined;
    const stack = roleValue(inv, scan, 'stack') ?? removed ?? inv.env.PULUMI_STACK ?? inv.env.AWS_PROFILE ?? inv.env.DIGITALOCEAN_CONTEXT;
    // A stack named beside the account's profile: both say where it acts.
    if (destroyed && destroyed !== stack) targets.push({ kind: 'cloud', engine: inv.name, source: 'stack argument', name: destroyed });
    if (!destroyed || stack)
      targets.push(
        stack
          ? { kind: 'cloud', engine: inv.name, source: 'stack or context', name: stack }
          : { kind: 'cloud', engine: inv.name, source: 'current stack or context', name: 'current' },
      );
  } else if (inv.name === 'fly' || inv.name === 'flyctl') {
    // `fly apps destroy APP`, `fly volumes destroy VOL -a APP`: the app, else fly.toml's.
    // `fly apps create APP` names the app it makes (lint's teardown reads it).
    const scan = cloudScan(inv);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'destroy' || p === 'delete' || (p === 'create' && positionals[0] === 'apps'));
    const appCommand = positionals[0] === 'apps' || positionals[0] === 'destroy' || positionals[0] === 'apps:destroy';
    const flagged = roleValue(inv, scan, 'app');
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
    const scan = cloudScan(inv);
    const url = roleValue(inv, scan, 'url');
    const ref = roleValue(inv, scan, 'project') ?? inv.env.SUPABASE_PROJECT_ID;
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete');
    if (url) {
      const host = parseConnectionString(url)?.host;
      targets.push({ kind: 'cloud', engine: 'supabase', source: '--db-url', name: host ?? url });
    }
    if (ref) targets.push({ kind: 'cloud', engine: 'supabase', source: '--project-ref', name: ref });
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'supabase', source: 'resource', name: positionals[verb + 1]! });
    const linked = scan.options.some((option) => cloudTargetOptions('supabase', 'linked').includes(option.flag));
    if (targets.length === 0 && positionals[0] === 'db' && !linked)
      targets.push({ kind: 'cloud', engine: 'supabase', source: 'local stack (no --linked or --db-url)', name: 'localhost' });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'supabase', source: 'linked project', name: 'linked' });
  } else if (inv.name === 'neonctl' || inv.name === 'neon') {
    // `neonctl branches delete main --project-id P`: the branch (or project) named, in the project.
    const scan = cloudScan(inv);
    const positionals = scan.positionals.map((i) => inv.args[i]!.value);
    const verb = positionals.findIndex((p) => p === 'delete' || p === 'reset');
    if (verb !== -1 && positionals[verb + 1]) targets.push({ kind: 'cloud', engine: 'neon', source: 'resource', name: positionals[verb + 1]! });
    const branch = roleValue(inv, scan, 'branch');
    if (branch) targets.push({ kind: 'cloud', engine: 'neon', source: '--branch', name: branch });
    const project = roleValue(inv, scan, 'project');
    if (project) targets.push({ kind: 'cloud', engine: 'neon', source: '--project-id', name: project });
    if (targets.length === 0) targets.push({ kind: 'cloud', engine: 'neon', source: 'current project', name: 'current' });
  } else if (inv.name === 'az') {
    const scan = cloudScan(inv);
    for (const flag of cloudTargetOptions('az', 'resource')) {
      const value = optionValue(scan, flag);
      if (value) targets.push({ kind: 'cloud', engine: 'azure', source: flag, name: value });
    }
    // `az storage …` without --account-name uses the account the environment names.
    const account = inv.env.AZURE_STORAGE_ACCOUNT;
    if (account && scan.positionals.length > 0 && inv.args[scan.positionals[0]!]!.value === 'storage' && !roleValue(inv, scan, 'account'))
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
  const scan = cloudScan(inv);
  const words = scan.positionals.map((index) => inv.args[index]!.value);
  const rsync = inv.name === 'gsutil' ? words[0] === 'rsync' : words[0] === 'storage' && words[1] === 'rsync';
  return rsync && scan.positionals.length > 0 ? [inv.args[scan.positionals.at(-1)!]!] : undefined;
}

export function workspaceTargets(inv: Invocation, facts: TargetFacts): Target[] {
  if (!['terraform', 'tofu', 'terragrunt'].includes(inv.name)) return [];
  const targets: Target[] = [];
  const scan = scanOptions(inv.args, toolOptions(inv.name) ?? {});
  const workspace = inv.env.TF_WORKSPACE ?? inv.session?.terraformWorkspace ?? facts.terraformWorkspace;
  const workspaceSource = inv.env.TF_WORKSPACE
    ? 'TF_WORKSPACE'
    : inv.session?.terraformWorkspace
      ? 'workspace selected earlier in the line'
      : '.terraform/environment';
  if (workspace) targets.push({ kind: 'workspace', source: workspaceSource, name: workspace });
  for (const option of scan.options) {
    if (WORKSPACE_OPTIONS.includes(option.flag) && option.value) {
      targets.push({ kind: 'workspace', source: option.flag, name: option.value });
    }
    // `-var env=production`, `-var="stage=prod"`: the configuration is told which environment it builds.
    const variable = option.flag === '-var' && option.value ? /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(option.value) : null;
    if (variable && isEnvironmentVariable(variable[1]!)) targets.push({ kind: 'workspace', source: `-var ${variable[1]}`, name: variable[2]! });
  }
  // `terraform workspace delete|select|new NAME`: the workspace the command acts on is named.
  const words = scan.positionals.map((index) => inv.args[index]!.value);
  if (words[0] === 'workspace' && ['delete', 'select', 'new'].includes(words[1] ?? '') && words[2])
    targets.push({ kind: 'workspace', source: `workspace ${words[1]}`, name: words[2] });
  if (inv.cwd) targets.push({ kind: 'workspace', source: 'working directory', name: inv.cwd });
  // The providers act in the account the environment's credentials pick (`AWS_PROFILE=prod`).
  for (const variable of ['AWS_PROFILE', 'GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT', 'ARM_SUBSCRIPTION_ID']) {
    const value = inv.env[variable];
    if (value) targets.push({ kind: 'workspace', source: `${variable} (the provider's account)`, name: value });
  }
  return targets;
}
