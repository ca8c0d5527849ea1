// Cloud and platform CLIs, written once: which of their options take a value (read by rule
// matching, the wrappers and target resolution alike: read with the wrong arity,
// `aws --profile production s3 rm s3://b/k` has "production" as its first word and no rule for
// `aws s3 rm` sees it), which options name what they act on (the resource, the profile, the
// project, the app, the stack), and — for the CLIs whose deleting commands name their resource the
// simple way (`eksctl delete cluster prod`, `vercel remove acme-prod`, `--org acme`) — the verbs
// and the variables that pick the account. Target resolution (targets/cloud.ts) reads the roles;
// the CLIs with their own ways (aws buckets, heroku add-ons, …) keep that logic there.
//
// Adding a CLI or an option is one entry here. Sources: `aws help` global options and
// `aws s3 rm help`, `aws s3api delete-object help`; `gcloud topic flags`; `az --help` and
// `az storage blob delete --help`; `gsutil help options`; `mc rm --help`; `heroku apps:destroy
// --help`; eksctl.io, vercel.com/docs/cli, planetscale.com/docs/reference, docs.netlify.com/cli.

// Type only: tools.ts builds TOOL_OPTIONS from this table.
import type { ToolOptions } from './tools.js';
import { APP_CONSOLES } from './app-consoles.js';
import { table } from '../util/dict.js';

export interface CloudCliSpec {
  /** The provider the resource lives in (shown as the target's engine). */
  engine: string;
  /** Every option with a value, as the tool tables write them. */
  options: ToolOptions;
  /** Options (as written: `--profile`, `-a`) by what their value names. */
  targets: Readonly<Record<string, readonly string[]>>;
  /** For the simple CLIs (resolved from this entry alone): words after which the positionals
   *  name the resource (`delete`, `remove`, `rm`), and the variables naming the account. */
  simple?: {
    verbs: readonly string[];
    env: readonly string[];
    /** Words after a verb that say what kind of resource follows (`eksctl delete cluster NAME`):
     *  a kind, not a resource's name. */
    kinds?: readonly string[];
    /** Verbs that change only their last operand (`rclone sync SRC DEST`: SRC is only read). */
    destinationVerbs?: readonly string[];
    /** Only the first word after the verb names the resource (`barman delete SERVER BACKUP_ID`). */
    firstOnly?: boolean;
    /** Every operand names the resource, with no verb (`barman-cloud-backup-delete s3://b/p SERVER`). */
    operands?: boolean;
    /** Nothing named, nothing to judge: the tool's own default is local (a backup repository
     *  in the working directory), not "the current account". */
    noDefault?: boolean;
    /** A name written as a local path (`/srv/restic`, `repo::archive`, `./backups`) is this
     *  host's, judged by the host target: only remote repositories become targets. */
    remoteOnly?: boolean;
    /** The tool picks test or live mode (`stripe … --live`, a `sk_live_` key): the mode is the
     *  target, named so it reads as the environment it is. */
    /** The platform runs on the host the command reaches (`ssh dokku@HOST apps:destroy APP`):
     *  an ssh destination is a target too. */
    onHost?: boolean;
    mode?: { flags: readonly string[]; keys: readonly string[]; live: RegExp; on: string; off: string };
  };
}

/** The `ToolOptions` of a list of options as written (`-n`, `--name`). */
function valueOptions(written: readonly string[], singleDash: readonly string[] = []): ToolOptions {
  const short = written.filter((option) => /^-[^-]$/.test(option)).map((option) => option[1]);
  const long = written.filter((option) => option.startsWith('--')).map((option) => option.slice(2));
  return {
    ...(short.length > 0 ? { shortWithValue: [...new Set(short)].join('') } : {}),
    ...(long.length > 0 ? { longWithValue: [...new Set(long)] } : {}),
    ...(singleDash.length > 0 ? { singleDashWithValue: singleDash } : {}),
  };
}

const long = (names: readonly string[]) => names.map((name) => `--${name}`);
const short = (letters: string) => [...letters].map((letter) => `-${letter}`);

// aws: global options and those of the deleting subcommands the rules judge (s3 rm/sync, s3api).
const AWS_GLOBAL = [
  'profile',
  'region',
  'endpoint-url',
  'output',
  'ca-bundle',
  'cli-read-timeout',
  'cli-connect-timeout',
  'query',
  'color',
  'cli-input-json',
  'cli-input-yaml',
];
const AWS_S3 = [
  'exclude',
  'include',
  'storage-class',
  'acl',
  'sse',
  'cache-control',
  'content-type',
  'metadata-directive',
  'grants',
  'sse-kms-key-id',
  'source-region',
  'expires',
  'request-payer',
  'expected-size',
  'key',
  'version-id',
  'mfa',
  'expected-bucket-owner',
  // From the AWS CLI reference for `aws s3 sync`/`cp` (`--acl public-read` is not the destination).
  'sse-c',
  'sse-c-key',
  'content-encoding',
  'content-language',
  'content-disposition',
  'website-redirect',
  'page-size',
  // `aws rds modify-db-instance --backup-retention-period N`.
  'backup-retention-period', // `aws ssm send-command`: what it runs and where.
  'document-name',
  'parameters',
  'targets',
  'comment',
];
/** aws options whose value names the resource a command acts on. */
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
  'auto-scaling-group-name',
];
// How many instances or tasks a service or group runs (`aws ecs update-service --desired-count 0`,
// `aws autoscaling update-auto-scaling-group --desired-capacity 0`): values, not resources.
const AWS_CAPACITY = ['desired-count', 'desired-capacity', 'min-size', 'max-size', 'service', 'task-definition'];
const GCLOUD_GLOBAL = ['project', 'account', 'configuration', 'format', 'verbosity', 'impersonate-service-account'];
// PaaS CLIs (fly, supabase, neon): the app, project, organisation and branch they act on.
const PAAS = [
  ...short('aco'),
  ...long([
    'app',
    'config',
    'org',
    'access-token',
    'region',
    'db-url',
    'project-ref',
    'workdir',
    'project-id',
    'branch',
    'api-key',
    'context-file',
    'output',
    'org-id',
    'parent',
    'version',
    'profile',
  ]),
];
// Infrastructure-as-code CLIs: pulumi's stack, cdk's context, doctl's token.
// pulumi's --replace/--target-replace/--target/--exclude name a resource's URN.
const IAC = [...short('sCto'), ...long(['stack', 'cwd', 'context', 'access-token', 'output', 'profile', 'replace', 'target-replace', 'target', 'exclude'])];
// Object-store sync and removal (mc, azcopy).
const OBJECT_STORE = [
  ...short('sCx'),
  ...long(['project', 'account-name', 'source', 'pattern', 'config-dir', 'include-pattern', 'exclude-pattern', 'exclude']),
];

const paas = (engine: string, targets: CloudCliSpec['targets']): CloudCliSpec => ({ engine, options: valueOptions(PAAS), targets });
const iac = (engine: string): CloudCliSpec => ({ engine, options: valueOptions(IAC), targets: { stack: ['-s', '--stack', '--context', '--profile'] } });

export const CLOUD_CLIS: Readonly<Record<string, CloudCliSpec>> = table({
  aws: {
    engine: 'aws',
    options: valueOptions(long([...AWS_GLOBAL, ...AWS_S3, ...AWS_RESOURCE_OPTIONS, ...AWS_CAPACITY])),
    targets: { resource: long(AWS_RESOURCE_OPTIONS), profile: ['--profile'] },
  },
  // gcloud's own options and those of `gcloud compute ssh` (and tpu-vm ssh) the remote-host reader needs.
  gcloud: {
    engine: 'gcp',
    options: valueOptions([
      '-i',
      ...long([
        ...GCLOUD_GLOBAL,
        'instance',
        'region',
        'zone',
        'command',
        'container',
        'ssh-flag',
        'ssh-key-file',
        'ssh-key-expiration',
        'ssh-key-expire-after',
        'strict-host-key-checking',
        'network',
        'dest-group',
        'worker',
        'node',
        'billing-project',
        'flags-file',
        'trace-token',
        'exclude',
        // `gcloud container clusters resize C --node-pool P --num-nodes N`.
        'node-pool',
        'num-nodes',
      ]),
    ]),
    targets: { project: ['--project'] },
  },
  // -x (rsync's exclude pattern), -j/-J (compressed upload) take values too.
  gsutil: {
    engine: 'gcp',
    options: valueOptions([...short('ohupxjJ'), ...long(['project', 'account', 'configuration', 'include-pattern', 'exclude-pattern', 'exclude'])]),
    targets: {},
  },
  // az's own options, those of the storage deletes and those of `az ssh vm` (-n NAME, -g GROUP).
  az: {
    engine: 'azure',
    options: valueOptions([
      ...short('osngc'),
      ...long([
        'output',
        'subscription',
        'account-name',
        'account-key',
        'connection-string',
        'sas-token',
        'auth-mode',
        'blob-endpoint',
        'container-name',
        'snapshot',
        'version-id',
        'delete-snapshots',
        'lease-id',
        'timeout',
        'source',
        'pattern',
        'query',
        'name',
        'vm-name',
        'ip',
        'hostname',
        'resource-group',
        'server',
        'local-user',
        'port',
        'certificate-file',
        'private-key-file',
        'public-key-file',
        'ssh-client-folder',
        'ssh-proxy-folder',
        'resource-type',
        // `az postgres flexible-server restart --failover Forced|Planned`.
        'failover',
        'node-count',
        'cluster-name',
        // `az vm run-command invoke --command-id RunShellScript --scripts CMD`.
        'command-id',
        'scripts',
        // `az deployment group create --mode Complete --template-file F`.
        'mode',
        'template-file',
        'template-uri',
        'parameters',
      ]),
    ]),
    targets: {
      resource: ['--name', '-n', '--resource-group', '-g', '--server', '--subscription', '--account-name', '--container-name', '-c'],
      account: ['--account-name'],
    },
  },
  mc: {
    engine: 'minio',
    options: valueOptions([...OBJECT_STORE, ...long(['config-dir', 'version-id', 'older-than', 'newer-than', 'rewind', 'encrypt-key']), '-C']),
    targets: {},
  },
  azcopy: { engine: 'azure', options: valueOptions(OBJECT_STORE), targets: {} },
  heroku: {
    engine: 'heroku',
    options: valueOptions(['-a', '--app', '-r', '--remote', '--confirm']),
    targets: { app: ['-a', '--app'], confirm: ['--confirm'] },
  },
  pulumi: iac('pulumi'),
  cdk: iac('cdk'),
  cdktf: iac('cdktf'),
  // SST (`sst remove --stage production`) and AWS Copilot (`copilot env delete --name production`,
  // `svc delete --env production`): the stage or environment is where they act.
  sst: { engine: 'sst', options: valueOptions(long(['stage', 'profile', 'region', 'config'])), targets: { stack: ['--stage', '--profile'] } },
  copilot: {
    engine: 'copilot',
    options: valueOptions([...short('nae'), ...long(['name', 'app', 'env', 'profile', 'region'])]),
    targets: { stack: ['--env', '-e', '--name', '-n', '--app', '-a'] },
  },
  doctl: iac('doctl'),
  fly: paas('fly', { app: ['-a', '--app'] }),
  flyctl: paas('fly', { app: ['-a', '--app'] }),
  supabase: paas('supabase', { url: ['--db-url'], project: ['--project-ref'], linked: ['--linked'] }),
  neonctl: paas('neon', { branch: ['--branch'], project: ['--project-id'] }),
  neon: paas('neon', { branch: ['--branch'], project: ['--project-id'] }),
  eksctl: {
    engine: 'aws',
    options: valueOptions([...short('nrf'), ...long(['name', 'cluster', 'profile', 'region', 'config-file', 'timeout', 'nodes', 'nodes-min', 'nodes-max'])]),
    targets: { resource: ['--name', '--cluster', '--profile', '-n'] },
    simple: {
      verbs: ['delete'],
      env: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
      kinds: ['cluster', 'nodegroup', 'ng', 'iamserviceaccount', 'addon', 'fargateprofile', 'iamidentitymapping', 'podidentityassociation', 'accessentry'],
    },
  },
  vercel: {
    engine: 'vercel',
    options: valueOptions([...short('StA'), ...long(['scope', 'project', 'token', 'local-config', 'global-config', 'cwd'])]),
    targets: { resource: ['--scope', '--project', '-S'] },
    simple: { verbs: ['remove', 'rm'], env: ['VERCEL_ORG_ID', 'VERCEL_PROJECT_ID'] },
  },
  pscale: {
    engine: 'planetscale',
    options: valueOptions(long(['org', 'service-token', 'service-token-id', 'config', 'format'])),
    targets: { resource: ['--org'] },
    simple: { verbs: ['delete'], env: ['PLANETSCALE_ORG'] },
  },
  planetscale: {
    engine: 'planetscale',
    options: valueOptions(long(['org', 'service-token', 'service-token-id', 'config', 'format'])),
    targets: { resource: ['--org'] },
    simple: { verbs: ['delete'], env: ['PLANETSCALE_ORG'] },
  },
  // Render's CLI (`render services delete SERVICE_ID`) and CockroachDB Cloud's ccloud (`ccloud
  // cluster delete NAME`): the resource after the verb (its name or id says what it is).
  render: { engine: 'render', options: valueOptions(long(['output', 'workspace'])), targets: {}, simple: { verbs: ['delete'], env: ['RENDER_WORKSPACE'] } },
  ccloud: { engine: 'cockroach-cloud', options: valueOptions(long(['org', 'output'])), targets: {}, simple: { verbs: ['delete'], env: [] } },
  // duplicity's removals (`duplicity remove-older-than 30D --force URL`): the backend URL, the
  // last operand, is the backups' storage; a local path is this host's.
  duplicity: {
    engine: 'duplicity',
    options: valueOptions(
      long(['name', 'archive-dir', 'encrypt-key', 'sign-key', 'gpg-options', 's3-region-name', 'file-to-restore', 'time', 'tempdir', 'log-file']),
    ),
    targets: {},
    simple: {
      verbs: ['remove-older-than', 'remove-all-but-n-full', 'remove-all-inc-of-but-n-full'],
      env: [],
      destinationVerbs: ['remove-older-than', 'remove-all-but-n-full', 'remove-all-inc-of-but-n-full'],
      remoteOnly: true,
      noDefault: true,
    },
  },
  // Bigtable's cbt (cloud.google.com/bigtable/docs/cbt-reference): Go flags before the command
  // (`cbt -project P -instance I deletetable T`); ~/.cbtrc fills in what they leave out.
  cbt: {
    engine: 'gcp',
    options: valueOptions([], ['project', 'instance', 'creds', 'admin-endpoint', 'data-endpoint', 'auth-token', 'timeout', 'app-profile']),
    targets: { resource: ['-project', '-instance'] },
    simple: { verbs: ['deletetable', 'deleteallrows', 'deletefamily', 'deletecluster', 'deleteinstance'], env: [] },
  },
  // Databricks CLI (`databricks fs rm -r dbfs:/…`, `--profile prod`): the path after the verb and
  // the profile (DATABRICKS_CONFIG_PROFILE) name the workspace's storage.
  databricks: {
    engine: 'databricks',
    options: valueOptions([...short('pto'), ...long(['profile', 'target', 'output', 'log-level', 'log-file'])]),
    targets: { resource: ['--profile', '-p'] },
    simple: { verbs: ['rm', 'delete'], env: ['DATABRICKS_CONFIG_PROFILE', 'DATABRICKS_HOST'] },
  },
  // `turso db destroy NAME`, `linode-cli databases postgresql-delete ID`, `scw rdb instance delete
  // ID`, `ibmcloud resource service-instance-delete NAME`, `oci db system terminate
  // --db-system-id OCID`: the words after the verb, or the OCID option, name the resource.
  turso: { engine: 'turso', options: valueOptions(long(['group', 'location'])), targets: {}, simple: { verbs: ['destroy', 'delete'], env: [] } },
  'linode-cli': {
    engine: 'linode',
    options: valueOptions(long(['label', 'region', 'type', 'text', 'format', 'page'])),
    targets: {},
    simple: { verbs: ['delete', 'mysql-delete', 'postgresql-delete'], env: [] },
  },
  scw: {
    engine: 'scaleway',
    options: valueOptions(['-p', '-c', '-o', ...long(['profile', 'config', 'output'])]),
    targets: { resource: ['--profile', '-p'] },
    simple: { verbs: ['delete'], env: ['SCW_PROFILE'] },
  },
  ibmcloud: {
    engine: 'ibm',
    options: valueOptions(['-g', '-r', ...long(['output'])]),
    targets: { resource: ['-g'] },
    simple: { verbs: ['service-instance-delete'], env: [] },
  },
  oci: {
    engine: 'oci',
    options: valueOptions(
      long([
        'db-system-id',
        'autonomous-database-id',
        'database-id',
        'bucket-name',
        'namespace',
        'profile',
        'config-file',
        'region',
        'compartment-id',
        'key-id',
        'vault-id',
        'endpoint',
        'time-of-deletion',
      ]),
    ),
    // KMS keys and vaults: the key's OCID and the vault's management endpoint name them.
    targets: {
      resource: ['--db-system-id', '--autonomous-database-id', '--database-id', '--bucket-name', '--key-id', '--vault-id', '--endpoint', '--profile'],
    },
    simple: { verbs: [], env: ['OCI_CLI_PROFILE'] },
  },
  // Alibaba Cloud's aliyun (`aliyun rds DeleteDBInstance --DBInstanceId ID`): the API's own
  // parameter names the resource, --profile the account.
  aliyun: {
    engine: 'alibaba',
    options: valueOptions([
      ...long([
        'profile',
        'region',
        'DBInstanceId',
        'DBClusterId',
        'InstanceId',
        'DiskId',
        'RegionId',
        'endpoint',
        'mode',
        'access-key-id',
        'access-key-secret',
      ]),
      '-p',
    ]),
    targets: { resource: ['--DBInstanceId', '--DBClusterId', '--InstanceId', '--DiskId', '--profile', '-p'] },
    simple: { verbs: [], env: ['ALIBABACLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE'] },
  },
  // Appwrite's CLI (`appwrite databases delete --database-id ID`): the ids name the resource; the
  // server is the one `appwrite client --endpoint URL` saved (APPWRITE_ENDPOINT for CI).
  appwrite: {
    engine: 'appwrite',
    options: valueOptions(long(['database-id', 'collection-id', 'bucket-id', 'project-id', 'function-id', 'endpoint', 'key', 'project'])),
    targets: { resource: ['--database-id', '--collection-id', '--bucket-id', '--project-id', '--endpoint'] },
    simple: { verbs: [], env: ['APPWRITE_ENDPOINT'] },
  },
  // Fauna's CLI (`fauna delete-database NAME`) and Upstash's (`upstash redis delete --id ID`):
  // the database's name or id says what it is.
  fauna: {
    engine: 'fauna',
    options: valueOptions(long(['secret', 'endpoint', 'environment', 'database', 'config', 'url', 'scheme', 'domain', 'port', 'role'])),
    targets: { resource: ['--environment', '--endpoint', '--database'] },
    simple: { verbs: ['delete-database'], env: ['FAUNA_ENVIRONMENT'], firstOnly: true },
  },
  upstash: {
    engine: 'upstash',
    options: valueOptions(long(['id', 'email', 'api-key', 'name', 'region'])),
    targets: { resource: ['--id', '--name'] },
    simple: { verbs: ['delete'], env: [], kinds: ['redis', 'kafka', 'vector', 'qstash', 'team'] },
  },
  // Argo CD: `argocd app delete NAME` deletes the application and, by default (--cascade), every
  // resource it deployed; the application's name and the Argo CD server say where.
  // Smaller clouds, PaaS and cluster tools whose delete names the resource after its verb
  // (`vultr-cli database delete ID`, `exo dbaas delete NAME`, `civo kubernetes remove NAME`,
  // `avn service terminate NAME`, `tiup cluster destroy NAME`, `eb terminate ENV`, `cf
  // delete-service NAME`, `juju destroy-model NAME`, `bosh -d DEPLOYMENT delete-deployment`,
  // `kapp delete -a APP`, `wrangler d1 delete NAME`, `openstack volume
  // delete NAME`, `govc vm.destroy VM`, `nats stream rm NAME`): the resource, and the option or
  // variable that names the account, context or server, say where.
  'vultr-cli': { engine: 'vultr', options: valueOptions(long(['config', 'output'])), targets: {}, simple: { verbs: ['delete'], env: [] } },
  exo: {
    engine: 'exoscale',
    options: valueOptions(['-z', '-A', ...long(['zone', 'use-account', 'config', 'output-format'])]),
    targets: { resource: ['-A', '--use-account'] },
    simple: { verbs: ['delete'], env: ['EXOSCALE_ACCOUNT'] },
  },
  civo: {
    engine: 'civo',
    options: valueOptions(['-r', ...long(['region', 'config', 'output'])]),
    targets: {},
    simple: { verbs: ['remove', 'delete', 'rm'], env: [] },
  },
  avn: {
    engine: 'aiven',
    options: valueOptions(long(['project', 'auth-token', 'config'])),
    targets: { resource: ['--project'] },
    simple: { verbs: ['terminate', 'delete'], env: ['AIVEN_PROJECT'] },
  },
  tiup: {
    engine: 'tidb',
    options: valueOptions(['-i', '-N', '-R', ...long(['identity_file', 'node', 'role'])]),
    targets: {},
    simple: { verbs: ['destroy', 'clean'], env: [] },
  },
  eb: {
    engine: 'aws',
    options: valueOptions(['-r', ...long(['profile', 'region'])]),
    targets: { resource: ['--profile'] },
    simple: { verbs: ['terminate'], env: ['AWS_PROFILE'] },
  },
  cf: {
    engine: 'cloudfoundry',
    options: valueOptions(['-o', '-s']),
    targets: {},
    simple: { verbs: ['delete-service', 'delete-space', 'delete-org', 'delete'], env: [] },
  },
  juju: {
    engine: 'juju',
    options: valueOptions(['-m', ...long(['model', 'controller'])]),
    targets: { resource: ['-m', '--model', '--controller'] },
    simple: { verbs: ['remove-application', 'destroy-model', 'destroy-controller', 'remove-storage', 'remove-unit'], env: ['JUJU_MODEL'] },
  },
  bosh: {
    engine: 'bosh',
    options: valueOptions(['-e', '-d', ...long(['environment', 'deployment', 'client', 'ca-cert'])]),
    targets: { resource: ['-e', '--environment', '-d', '--deployment'] },
    simple: { verbs: ['delete-deployment', 'delete-disk', 'delete-env', 'delete-vm'], env: ['BOSH_ENVIRONMENT', 'BOSH_DEPLOYMENT'] },
  },
  kapp: {
    engine: 'kubernetes',
    options: valueOptions(['-a', '-n', ...long(['app', 'namespace', 'kubeconfig-context', 'kubeconfig'])]),
    targets: { resource: ['-a', '--app', '--kubeconfig-context'] },
    simple: { verbs: [], env: [] },
  },
  wrangler: {
    engine: 'cloudflare',
    options: valueOptions(['-c', '-e', ...long(['config', 'env', 'binding', 'namespace-id', 'jurisdiction'])]),
    targets: { resource: ['--env', '-e'] },
    simple: { verbs: ['delete'], env: ['CLOUDFLARE_ACCOUNT_ID'], kinds: ['bucket', 'namespace'] },
  },
  openstack: {
    engine: 'openstack',
    options: valueOptions(long(['os-cloud', 'os-auth-url', 'os-project-name', 'os-region-name', 'format', 'column'])),
    targets: { resource: ['--os-cloud', '--os-auth-url', '--os-project-name'] },
    simple: { verbs: ['delete'], env: ['OS_CLOUD', 'OS_AUTH_URL', 'OS_PROJECT_NAME'] },
  },
  govc: {
    engine: 'vsphere',
    options: valueOptions(['-u'], ['ds', 'vm', 'dc']),
    targets: { resource: ['-u'] },
    simple: { verbs: ['vm.destroy', 'datastore.rm', 'snapshot.remove', 'disk.rm'], env: ['GOVC_URL'] },
  },
  nats: {
    engine: 'nats',
    options: valueOptions(['-s', ...long(['server', 'context', 'creds', 'user', 'password'])]),
    targets: { resource: ['-s', '--server', '--context'] },
    simple: { verbs: ['rm', 'delete', 'del', 'purge'], env: ['NATS_URL', 'NATS_CONTEXT'] },
  },
  argocd: {
    engine: 'argocd',
    options: { ...valueOptions(long(['kube-context', 'server', 'auth-token', 'config', 'app-namespace', 'propagation-policy', 'selector'])), pflag: true },
    targets: { resource: ['--server'] },
    simple: { verbs: ['delete'], env: ['ARGOCD_SERVER'] },
  },
  netlify: {
    engine: 'netlify',
    options: valueOptions(long(['site', 'auth'])),
    targets: { resource: ['--site'] },
    simple: { verbs: ['sites:delete'], env: ['NETLIFY_SITE_ID'] },
  },
  // The CLIs below name what they delete the simple way: the words after the verb, the
  // project/stack/cluster options, else the variables that pick the account. Sources: `bq help
  // rm`, `firebase help firestore:delete`, `hcloud server delete --help`, kops.sigs.k8s.io,
  // `atlas clusters delete --help`, serverless.com/framework/docs, `sam delete --help`,
  // github.com/peak/s5cmd, s3tools.org/usage, rclone.org/commands.
  bq: {
    engine: 'gcp',
    options: valueOptions(long(['project_id', 'dataset_id', 'location', 'format', 'api', 'api_version', 'job_id', 'flagfile'])),
    targets: { resource: ['--project_id', '--dataset_id'] },
    simple: { verbs: ['rm'], env: ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT'] },
  },
  // `firebase firestore:delete PATH` names a path inside the project, not a resource: the project decides.
  firebase: {
    engine: 'firebase',
    options: valueOptions(['-P', ...long(['project', 'token', 'config', 'instance', 'database', 'account'])]),
    targets: { resource: ['--project', '-P'] },
    simple: { verbs: [], env: ['FIREBASE_PROJECT', 'GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT'] },
  },
  hcloud: {
    engine: 'hetzner',
    options: valueOptions(long(['context', 'config', 'poll-interval', 'endpoint', 'output', 'selector'])),
    targets: { resource: ['--context'] },
    simple: { verbs: ['delete'], env: ['HCLOUD_CONTEXT'] },
  },
  kops: {
    engine: 'aws',
    options: valueOptions(long(['name', 'state', 'region', 'output', 'kubeconfig', 'config'])),
    targets: { resource: ['--name'] },
    simple: { verbs: ['delete'], env: ['KOPS_CLUSTER_NAME'], kinds: ['cluster', 'instancegroup', 'ig', 'instance', 'secret', 'keypair', 'sshpublickey'] },
  },
  atlas: {
    engine: 'mongodb-atlas',
    options: valueOptions(['-o', '-P', ...long(['projectId', 'orgId', 'output', 'profile', 'clusterName'])]),
    targets: { resource: ['--projectId', '--profile', '-P', '--clusterName'] },
    simple: { verbs: ['delete'], env: ['MONGODB_ATLAS_PROJECT_ID', 'MCLI_PROJECT_ID'] },
  },
  serverless: {
    engine: 'aws',
    options: valueOptions([...short('srcp'), ...long(['stage', 'region', 'aws-profile', 'config', 'app', 'org', 'param'])]),
    targets: { resource: ['--stage', '-s', '--aws-profile'] },
    simple: { verbs: [], env: ['SLS_STAGE', 'AWS_PROFILE'] },
  },
  sls: {
    engine: 'aws',
    options: valueOptions([...short('srcp'), ...long(['stage', 'region', 'aws-profile', 'config', 'app', 'org', 'param'])]),
    targets: { resource: ['--stage', '-s', '--aws-profile'] },
    simple: { verbs: [], env: ['SLS_STAGE', 'AWS_PROFILE'] },
  },
  sam: {
    engine: 'aws',
    options: valueOptions(long(['stack-name', 'region', 'profile', 'config-file', 'config-env', 's3-bucket', 's3-prefix'])),
    targets: { resource: ['--stack-name', '--profile', '--config-env'] },
    simple: { verbs: [], env: ['AWS_PROFILE'] },
  },
  s5cmd: {
    engine: 'aws',
    options: valueOptions(long(['endpoint-url', 'profile', 'credentials-file', 'numworkers', 'retry-count', 'log', 'request-payer'])),
    targets: { resource: ['--profile', '--endpoint-url'] },
    simple: { verbs: ['rm', 'rb'], env: ['AWS_PROFILE'] },
  },
  s3cmd: {
    engine: 'aws',
    options: valueOptions(['-c', ...long(['config', 'host', 'host-bucket', 'exclude', 'include', 'rexclude', 'rinclude', 'region'])]),
    targets: { resource: ['--host'] },
    simple: { verbs: ['del', 'rm', 'rb'], env: [] },
  },
  // Backup repositories (issue 11, GitLab 2017: the backups that were not there when needed). The
  // repository a restic/borg/pgBackRest/WAL-G/barman command deletes from is where it acts, not the
  // host it runs on: `restic -r s3:s3.amazonaws.com/prod-backups forget` from a laptop deletes
  // production's backups. A repository written as a local path is the host's (the host target
  // judges it). Sources: restic.readthedocs.io (-r/--repo, RESTIC_REPOSITORY), borgbackup.readthedocs.io
  // (REPOSITORY operand, BORG_REPO, `::ARCHIVE`), pgbackrest.org/configuration.html (repo1-host,
  // repo1-s3-bucket, stanza), wal-g docs (WALG_*_PREFIX), pgbarman.org (`barman delete SERVER ID`,
  // barman-cloud-backup-delete SOURCE_URL SERVER_NAME).
  restic: {
    engine: 'restic',
    options: valueOptions([
      '-r',
      '-o',
      ...long(['repo', 'repository-file', 'option', 'password-file', 'password-command', 'cache-dir', 'host', 'tag', 'path']),
      ...long(['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly', 'keep-within', 'keep-tag', 'max-unused']),
    ]),
    targets: { resource: ['-r', '--repo'] },
    simple: { verbs: [], env: ['RESTIC_REPOSITORY'], noDefault: true, remoteOnly: true },
  },
  borg: {
    engine: 'borg',
    options: valueOptions([
      ...long([
        'keep-last',
        'keep-within',
        'keep-secondly',
        'keep-minutely',
        'keep-hourly',
        'keep-daily',
        'keep-weekly',
        'keep-monthly',
        'keep-yearly',
        'glob-archives',
        'match-archives',
        'prefix',
        'rsh',
        'remote-path',
        'lock-wait',
      ]),
    ]),
    targets: {},
    simple: { verbs: ['delete', 'prune', 'compact', 'recreate'], env: ['BORG_REPO'], firstOnly: true, noDefault: true, remoteOnly: true },
  },
  borg2: {
    engine: 'borg',
    options: valueOptions([
      '-r',
      '-a',
      ...long(['repo', 'keep-last', 'keep-within', 'keep-daily', 'keep-weekly', 'keep-monthly', 'match-archives', 'rsh', 'remote-path']),
    ]),
    targets: { resource: ['-r', '--repo'] },
    simple: { verbs: [], env: ['BORG_REPO'], noDefault: true, remoteOnly: true },
  },
  pgbackrest: {
    engine: 'pgbackrest',
    options: valueOptions(
      long([
        'stanza',
        'repo',
        'set',
        'repo1-host',
        'repo1-path',
        'repo1-s3-bucket',
        'repo1-gcs-bucket',
        'repo1-azure-container',
        'repo1-retention-full',
        'repo1-retention-diff',
        'config',
        'log-level-console',
        'type',
        'target',
        'target-action',
        'target-timeline',
        'pg1-path',
        'process-max',
      ]),
    ),
    targets: { resource: ['--stanza', '--repo1-host', '--repo1-s3-bucket', '--repo1-gcs-bucket', '--repo1-azure-container'] },
    simple: { verbs: [], env: ['PGBACKREST_STANZA', 'PGBACKREST_REPO1_HOST', 'PGBACKREST_REPO1_S3_BUCKET', 'PGBACKREST_REPO1_GCS_BUCKET'], noDefault: true },
  },
  ...Object.fromEntries(
    ['wal-g', 'wal-g-pg', 'wal-g-mysql', 'wal-g-mongo', 'wal-g-redis'].map((name) => [
      name,
      {
        engine: 'wal-g',
        options: valueOptions(long(['config', 'target-user-data', 'turbo'])),
        targets: {},
        simple: { verbs: [], env: ['WALG_S3_PREFIX', 'WALG_GS_PREFIX', 'WALG_AZ_PREFIX', 'WALG_SWIFT_PREFIX', 'WALG_SSH_PREFIX'], noDefault: true },
      } satisfies CloudCliSpec,
    ]),
  ),
  // ClickHouse's clickhouse-backup (`delete local|remote NAME`) and Cassandra's medusa (`purge`,
  // `delete-backup --backup-name N`) act on the storage of the config file they read, whose name
  // says which cluster's it is (`/etc/ch-prod-backup.yml`, `/etc/medusa/prod.ini`); without one,
  // the host they run on decides (a backup's own name says nothing).
  'clickhouse-backup': {
    engine: 'clickhouse-backup',
    options: valueOptions(['-c', ...long(['config', 'environment-override', 'env'])]),
    targets: { resource: ['-c', '--config'] },
    simple: { verbs: [], env: ['CLICKHOUSE_BACKUP_CONFIG'], noDefault: true },
  },
  medusa: {
    engine: 'medusa',
    options: valueOptions(long(['config-file', 'bucket-name', 'prefix', 'fqdn', 'backup-name', 'storage-provider', 'keep-days', 'keep-count'])),
    targets: { resource: ['--config-file', '--bucket-name'] },
    simple: { verbs: [], env: [], noDefault: true },
  },
  barman: {
    engine: 'barman',
    options: valueOptions(['-c', ...long(['config', 'format'])]),
    targets: {},
    simple: { verbs: ['delete'], env: [], firstOnly: true, noDefault: true },
  },
  'barman-cloud-backup-delete': {
    engine: 'barman',
    options: valueOptions(['-r', '-b', '-P', ...long(['retention-policy', 'backup-id', 'profile', 'endpoint-url', 'cloud-provider', 'batch-size'])]),
    targets: { resource: ['-P', '--profile'] },
    simple: { verbs: [], env: [], operands: true, noDefault: true },
  },
  // Platforms whose deletes name what they delete: `gh repo delete OWNER/REPO`, `kamal app remove
  // -d production` (the destination is the environment: config/deploy.production.yml), `dokku
  // apps:destroy APP`, and Stripe's live mode (`--live`, a `sk_live_` key: production's payments
  // data). Sources: cli.github.com/manual/gh_repo_delete, kamal-deploy.org/docs/commands,
  // dokku.com/docs, docs.stripe.com/cli.
  gh: {
    engine: 'github',
    options: valueOptions(['-R', ...long(['repo', 'hostname', 'method', 'jq', 'template', 'input'])]),
    targets: { resource: ['-R', '--repo'] },
    simple: { verbs: ['delete'], env: ['GH_REPO'], firstOnly: true, noDefault: true },
  },
  kamal: {
    engine: 'kamal',
    // The same option table as `kamal app exec` reads (app-consoles.ts).
    options: APP_CONSOLES.kamal!.options,
    targets: { resource: ['-d', '--destination'] },
    simple: { verbs: [], env: [] },
  },
  dokku: {
    engine: 'dokku',
    options: valueOptions(long(['app', 'remote', 'global'])),
    targets: { resource: ['--app'] },
    simple: {
      verbs: ['apps:destroy', 'postgres:destroy', 'mysql:destroy', 'mariadb:destroy', 'redis:destroy', 'mongo:destroy', 'storage:destroy'],
      env: ['DOKKU_HOST'],
      firstOnly: true,
      onHost: true,
    },
  },
  stripe: {
    engine: 'stripe',
    options: valueOptions(['-d', ...long(['api-key', 'project-name', 'stripe-account', 'data', 'expand', 'log-level', 'config', 'device-name'])]),
    targets: {},
    simple: {
      verbs: [],
      env: [],
      mode: { flags: ['--live'], keys: ['--api-key', 'STRIPE_API_KEY'], live: /^[sr]k_live_/, on: 'Stripe live mode', off: 'Stripe test mode' },
    },
  },
  // Convex (docs.convex.dev, "CLI"): `--prod` (or a production deploy key) acts on the production
  // deployment, else the dev one.
  convex: {
    engine: 'convex',
    options: valueOptions(long(['table', 'format', 'deployment-name', 'env-file', 'url', 'admin-key', 'preview-name'])),
    targets: {},
    simple: {
      verbs: [],
      env: [],
      mode: { flags: ['--prod'], keys: ['CONVEX_DEPLOY_KEY'], live: /^prod:/, on: 'Convex production deployment', off: 'Convex dev deployment' },
    },
  },
  rclone: {
    engine: 'rclone',
    options: valueOptions(long(['config', 'exclude', 'include', 'filter', 'min-age', 'max-age', 'transfers', 'checkers', 'log-file', 'log-level'])),
    targets: {},
    simple: { verbs: ['purge', 'delete', 'rmdirs', 'rmdir', 'deletefile', 'sync'], env: [], destinationVerbs: ['sync'] },
  },
});

/** The cloud CLI's entry, if it is one. */
export function cloudCli(name: string): CloudCliSpec | undefined {
  return Object.hasOwn(CLOUD_CLIS, name) ? CLOUD_CLIS[name] : undefined;
}

/** The options (as written) whose value names `role` for this CLI (`profile` → `--profile`). */
export function cloudTargetOptions(name: string, role: string): readonly string[] {
  return cloudCli(name)?.targets[role] ?? [];
}

/** Every cloud CLI's option table, for TOOL_OPTIONS. */
export const CLOUD_CLI_TOOL_OPTIONS: Readonly<Record<string, ToolOptions>> = table(
  Object.fromEntries(Object.entries(CLOUD_CLIS).map(([name, spec]) => [name, spec.options])),
);

/**
 * Words that make a command create what a later delete of the same name removes: a CI job that
 * runs `eksctl create cluster --name e2e-$RUN` (or `aws cloudformation deploy --stack-name X`,
 * `terraform apply`) and, at its end, deletes that very cluster or stack is tearing down its
 * own resource. Keyed by program; a word anywhere among the command's words counts.
 * Sources: each CLI's reference (eksctl.io, AWS CLI cloudformation/s3/eks/ec2, gcloud and az
 * `… create`, terraform apply). (`kind`/`k3d delete cluster` remove a local cluster: no rule asks.)
 */
export const CREATING_WORDS: Readonly<Record<string, readonly string[]>> = table({
  eksctl: ['create'],
  aws: [
    'create-stack',
    'deploy',
    'mb',
    'create-bucket',
    'create-cluster',
    'create-nodegroup',
    'run-instances',
    'create-volume',
    'create-table',
    'create-repository',
  ],
  gcloud: ['create'],
  az: ['create'],
  // `fly apps create NAME`: a preview app a workflow makes and later destroys.
  fly: ['create'],
  flyctl: ['create'],
  terraform: ['apply'],
  tofu: ['apply'],
  terragrunt: ['apply'],
});

/**
 * Mirrors into object storage with deletion: the destination is made to look like the source.
 * From a build folder that is a site deploy (only objects the build no longer has go); from an
 * EMPTY folder it empties the bucket, and is judged as the recursive delete it then is
 * (`emptiedAs`). The edge looks at the disk for that (parse/wrappers/bucket-mirror.ts).
 * Sources: `aws s3 sync help`, `gsutil help rsync`, `gcloud storage rsync --help`,
 * `azcopy sync --help`, `mc mirror --help`.
 */
export interface BucketMirror {
  /** The subcommand words before the operands (`aws s3 sync SRC DEST`). */
  subcommand: readonly string[];
  /** The options that make it delete (`--delete-destination` with the value `true`); none when
   *  it always deletes (`rclone sync`). */
  deletes: readonly string[];
  dryRun: readonly string[];
  /** Words of a source that is a bucket or remote, never a local folder. */
  remote: RegExp;
  /** The command that deletes everything in DESTINATION, as prodguard judges an emptied mirror. */
  emptiedAs: (destination: string) => readonly string[];
}

const everythingUnder = (destination: string): string => `${destination.replace(/\/+$/, '')}/**`;

export const BUCKET_MIRRORS: Readonly<Record<string, BucketMirror>> = table({
  aws: {
    subcommand: ['s3', 'sync'],
    deletes: ['--delete'],
    dryRun: ['--dryrun'],
    remote: /^s3:\/\//i,
    emptiedAs: (d) => ['aws', 's3', 'rm', d, '--recursive'],
  },
  gsutil: {
    subcommand: ['rsync'],
    deletes: ['-d'],
    dryRun: ['-n'],
    remote: /^[a-z0-9]+:\/\//i,
    emptiedAs: (d) => ['gsutil', '-m', 'rm', '-r', everythingUnder(d)],
  },
  gcloud: {
    subcommand: ['storage', 'rsync'],
    deletes: ['--delete-unmatched-destination-objects'],
    dryRun: ['--dry-run'],
    remote: /^[a-z0-9]+:\/\//i,
    emptiedAs: (d) => ['gcloud', 'storage', 'rm', '-r', everythingUnder(d)],
  },
  azcopy: {
    subcommand: ['sync'],
    deletes: ['--delete-destination=true'],
    dryRun: ['--dry-run'],
    remote: /^https?:\/\//i,
    emptiedAs: (d) => ['azcopy', 'remove', d, '--recursive'],
  },
  // `rclone sync SRC DEST` always deletes from DEST what SRC lacks; a remote is `NAME:path`.
  rclone: {
    subcommand: ['sync'],
    deletes: [],
    dryRun: ['--dry-run', '-n', '--interactive', '-i'],
    remote: /^[A-Za-z0-9_.+@ -]{2,}:/,
    emptiedAs: (d) => ['rclone', 'delete', d],
  },
  // mc names a bucket by alias (`prod/site`): only a path that is plainly local is a folder.
  mc: {
    subcommand: ['mirror'],
    deletes: ['--remove'],
    dryRun: ['--dry-run'],
    remote: /^(?![./~])/,
    emptiedAs: (d) => ['mc', 'rm', '--recursive', '--force', d],
  },
});

/**
 * Commands that create a Kubernetes cluster and write its credentials into the kubeconfig in
 * effect (`$KUBECONFIG`), making the new cluster the current context: the words after the program,
 * options aside. A CI job that sets `KUBECONFIG=/tmp/e2e-$RUN`, creates its cluster there and later
 * empties namespaces under that same KUBECONFIG works inside its own throwaway cluster.
 * Sources: `gcloud container clusters create` ("updates kubeconfig … sets current context"),
 * eksctl.io ("write cluster credentials to kubeconfig"), kind/k3d/minikube quick starts.
 */
export const KUBECONFIG_WRITING_CREATES: Readonly<Record<string, readonly (readonly string[])[]>> = table({
  gcloud: [
    ['container', 'clusters', 'create'],
    ['container', 'clusters', 'create-auto'],
  ],
  eksctl: [['create', 'cluster']],
  kind: [['create', 'cluster']],
  k3d: [['cluster', 'create']],
  minikube: [['start']],
});

/** Whether `words` (a command's arguments, options included) begin with one of `program`'s cluster-creating verbs. */
export function createsKubeCluster(program: string, words: readonly string[]): boolean {
  const verbs = KUBECONFIG_WRITING_CREATES[program];
  if (!verbs) return false;
  const positional = words.filter((word) => !word.startsWith('-'));
  return verbs.some((verb) => verb.every((word, index) => positional[index] === word));
}
