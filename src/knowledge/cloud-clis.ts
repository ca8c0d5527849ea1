// Cloud and platform CLIs whose deleting commands name their resource the same simple way: after
// a verb (`eksctl delete cluster prod`, `vercel remove acme-prod`, `pscale database delete db`)
// or in an option (`--name prod`, `--org acme`), in an account an environment variable may pick.
// Target resolution (targets/cloud.ts) reads this table; the CLIs with their own ways (aws,
// gcloud, az, heroku, fly, supabase, neon) have their own code there.
//
// Adding a CLI is one entry here. Sources: each CLI's reference (eksctl.io, vercel.com/docs/cli,
// planetscale.com/docs/reference, docs.netlify.com/cli, docs.railway.com/reference/cli-api).

export interface CloudCliSpec {
  /** The provider the resource lives in (shown as the target's engine). */
  engine: string;
  /** Words after which the positionals name the resource (`delete`, `remove`, `rm`). */
  verbs: readonly string[];
  /** Words after a verb that say what kind of resource follows (`eksctl delete cluster NAME`):
   *  a kind, not a resource's name. */
  kinds?: readonly string[];
  /** Long options (without dashes) whose value names the resource or the account. */
  resourceOptions: readonly string[];
  /** Short options whose value names the resource or the account (`-n prod`). */
  shortResource: string;
  /** Short options with another value. */
  shortOther: string;
  /** Long options with a value that name neither (read past, not as operands). */
  otherOptions: readonly string[];
  /** Variables naming the account or project when nothing on the line does. */
  env: readonly string[];
}

export const CLOUD_CLIS: Readonly<Record<string, CloudCliSpec>> = {
  eksctl: {
    engine: 'aws',
    verbs: ['delete'],
    kinds: ['cluster', 'nodegroup', 'ng', 'iamserviceaccount', 'addon', 'fargateprofile', 'iamidentitymapping', 'podidentityassociation', 'accessentry'],
    resourceOptions: ['name', 'cluster', 'profile'],
    shortResource: 'n',
    shortOther: 'rf',
    otherOptions: ['region', 'config-file', 'timeout'],
    env: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
  },
  vercel: {
    engine: 'vercel',
    verbs: ['remove', 'rm'],
    resourceOptions: ['scope', 'project'],
    shortResource: 'S',
    shortOther: 'tA',
    otherOptions: ['token', 'local-config', 'global-config', 'cwd'],
    env: ['VERCEL_ORG_ID', 'VERCEL_PROJECT_ID'],
  },
  pscale: {
    engine: 'planetscale',
    verbs: ['delete'],
    resourceOptions: ['org'],
    shortResource: '',
    shortOther: '',
    otherOptions: ['service-token', 'service-token-id', 'config', 'format'],
    env: ['PLANETSCALE_ORG'],
  },
  netlify: {
    engine: 'netlify',
    verbs: ['sites:delete'],
    resourceOptions: ['site'],
    shortResource: '',
    shortOther: '',
    otherOptions: ['auth'],
    env: ['NETLIFY_SITE_ID'],
  },
};

/**
 * Words that make a command create what a later delete of the same name removes: a CI job that
 * runs `eksctl create cluster --name e2e-$RUN` (or `aws cloudformation deploy --stack-name X`,
 * `terraform apply`) and, at its end, deletes that very cluster or stack is tearing down its
 * own resource. Keyed by program; a word anywhere among the command's words counts.
 * Sources: each CLI's reference (eksctl.io, AWS CLI cloudformation/s3/eks/ec2, gcloud and az
 * `… create`, terraform apply). (`kind`/`k3d delete cluster` remove a local cluster: no rule asks.)
 */
export const CREATING_WORDS: Readonly<Record<string, readonly string[]>> = {
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
  terraform: ['apply'],
  tofu: ['apply'],
  terragrunt: ['apply'],
};
