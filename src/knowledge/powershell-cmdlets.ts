// PowerShell cmdlets that delete what a cloud CLI or a database client deletes, written once as
// the command line they amount to: `Remove-AzResourceGroup -Name rg-prod -Force` is `az group
// delete --name rg-prod --yes`, `Remove-RDSDBInstance -DBInstanceIdentifier pg-prod
// -SkipFinalSnapshot $true` is `aws rds delete-db-instance --db-instance-identifier pg-prod
// --skip-final-snapshot`. The PowerShell reader (parse/interpreters/powershell.ts) builds that
// line from the cmdlet's parameters, and every later stage judges it as the CLI's own: the
// targets, the rules and the messages need nothing new.
//
// Sources: learn.microsoft.com Az PowerShell reference (Az.Resources, Az.Sql, Az.CosmosDB,
// Az.Storage, Az.Compute, Az.KeyVault, Az.PostgreSql, Az.MySql, Az.Aks, Az.RedisCache); AWS Tools
// for PowerShell cmdlet reference (Remove-RDSDBInstance, Remove-S3Bucket, Remove-DDBTable, …);
// Cloud Tools for PowerShell (Remove-GcsBucket, Remove-GcSqlInstance, …); dbatools.io
// (Remove-DbaDatabase, Invoke-DbaQuery); SqlServer module (Invoke-Sqlcmd).

import { table } from '../util/dict.js';

/**
 * The line a cmdlet amounts to. Each part is a word with `{Parameter}` placeholders (any case); a
 * part that is a list is optional, dropped when a parameter it names is not given. A required
 * parameter not given (it came down the pipeline: `Get-AzResourceGroup | Remove-AzResourceGroup`)
 * leaves the line unknown.
 */
export interface CmdletSpec {
  line: readonly (string | readonly string[])[];
  /** The parameters its unnamed arguments bind to, in order. */
  positional?: readonly string[];
  /** Switches (or booleans given `$true`) and the words they add (`-SkipFinalSnapshot`). */
  switches?: Readonly<Record<string, string>>;
}

/** Common parameters and switches no cmdlet below takes a value for. */
export const POWERSHELL_SWITCHES: ReadonlySet<string> = new Set([
  'force',
  'confirm',
  'whatif',
  'asjob',
  'passthru',
  'verbose',
  'debug',
  'recurse',
  'removedata',
  'removeoem',
  'enableexception',
  'usesconnectedaccount',
  'deletebucketcontent',
  'skipfinalsnapshot',
  'deleteautomatedbackup',
  'deleteobjectsandbucket',
  'trustservercertificate',
]);

const AWS_ACCOUNT = [
  ['--profile', '{ProfileName}'],
  ['--region', '{Region}'],
] as const;
const az = (words: string, name: string, group = true): CmdletSpec => ({
  line: [...words.split(' '), ...(group ? ['--resource-group', '{ResourceGroupName}'] : []), '--name', `{${name}}`, '--yes'],
  positional: group ? ['ResourceGroupName', name] : [name],
});

export const POWERSHELL_CMDLETS: Readonly<Record<string, CmdletSpec>> = table({
  // Az (Azure).
  'remove-azresourcegroup': az('az group delete', 'Name', false),
  'remove-azsqldatabase': {
    line: ['az', 'sql', 'db', 'delete', '--resource-group', '{ResourceGroupName}', '--server', '{ServerName}', '--name', '{DatabaseName}', '--yes'],
    positional: ['DatabaseName', 'ServerName', 'ResourceGroupName'],
  },
  'remove-azsqlserver': {
    line: ['az', 'sql', 'server', 'delete', '--resource-group', '{ResourceGroupName}', '--name', '{ServerName}', '--yes'],
    positional: ['ServerName', 'ResourceGroupName'],
  },
  'remove-azcosmosdbaccount': az('az cosmosdb delete', 'Name'),
  'remove-azstorageaccount': az('az storage account delete', 'Name'),
  'remove-azvm': az('az vm delete', 'Name'),
  'remove-azdisk': az('az disk delete', 'DiskName'),
  'remove-azakscluster': az('az aks delete', 'Name'),
  'remove-azrediscache': az('az redis delete', 'Name'),
  'remove-azpostgresqlserver': az('az postgres server delete', 'Name'),
  'remove-azpostgresqlflexibleserver': az('az postgres flexible-server delete', 'Name'),
  'remove-azmysqlserver': az('az mysql server delete', 'Name'),
  'remove-azmysqlflexibleserver': az('az mysql flexible-server delete', 'Name'),
  'remove-azkeyvault': { line: ['az', 'keyvault', 'delete', '--name', '{VaultName}', ['--resource-group', '{ResourceGroupName}']], positional: ['VaultName'] },
  'remove-azstoragecontainer': { line: ['az', 'storage', 'container', 'delete', '--name', '{Name}'], positional: ['Name'] },
  'remove-azresource': { line: ['az', 'resource', 'delete', '--ids', '{ResourceId}'], positional: ['ResourceId'] },
  'remove-azkeyvaultkey': { line: ['az', 'keyvault', 'key', 'delete', '--vault-name', '{VaultName}', '--name', '{Name}'], positional: ['VaultName', 'Name'] },
  'remove-azkeyvaultsecret': {
    line: ['az', 'keyvault', 'secret', 'delete', '--vault-name', '{VaultName}', '--name', '{Name}'],
    positional: ['VaultName', 'Name'],
  },
  // AWS Tools for PowerShell.
  'remove-rdsdbinstance': {
    line: ['aws', 'rds', 'delete-db-instance', '--db-instance-identifier', '{DBInstanceIdentifier}', ...AWS_ACCOUNT],
    positional: ['DBInstanceIdentifier'],
    switches: { skipfinalsnapshot: '--skip-final-snapshot', deleteautomatedbackup: '--delete-automated-backups' },
  },
  'remove-rdsdbcluster': {
    line: ['aws', 'rds', 'delete-db-cluster', '--db-cluster-identifier', '{DBClusterIdentifier}', ...AWS_ACCOUNT],
    positional: ['DBClusterIdentifier'],
    switches: { skipfinalsnapshot: '--skip-final-snapshot' },
  },
  'remove-s3bucket': {
    line: ['aws', 's3', 'rb', 's3://{BucketName}', ...AWS_ACCOUNT],
    positional: ['BucketName'],
    switches: { deletebucketcontent: '--force' },
  },
  'remove-s3object': { line: ['aws', 's3', 'rm', 's3://{BucketName}/{Key}', ...AWS_ACCOUNT], positional: ['BucketName', 'Key'] },
  'remove-ddbtable': { line: ['aws', 'dynamodb', 'delete-table', '--table-name', '{TableName}', ...AWS_ACCOUNT], positional: ['TableName'] },
  'remove-ec2instance': { line: ['aws', 'ec2', 'terminate-instances', '--instance-ids', '{InstanceId}', ...AWS_ACCOUNT], positional: ['InstanceId'] },
  'remove-ec2volume': { line: ['aws', 'ec2', 'delete-volume', '--volume-id', '{VolumeId}', ...AWS_ACCOUNT], positional: ['VolumeId'] },
  'remove-ec2snapshot': { line: ['aws', 'ec2', 'delete-snapshot', '--snapshot-id', '{SnapshotId}', ...AWS_ACCOUNT], positional: ['SnapshotId'] },
  'remove-cfnstack': { line: ['aws', 'cloudformation', 'delete-stack', '--stack-name', '{StackName}', ...AWS_ACCOUNT], positional: ['StackName'] },
  'request-kmskeydeletion': { line: ['aws', 'kms', 'schedule-key-deletion', '--key-id', '{KeyId}', ...AWS_ACCOUNT], positional: ['KeyId'] },
  'remove-secsecret': { line: ['aws', 'secretsmanager', 'delete-secret', '--secret-id', '{SecretId}', ...AWS_ACCOUNT], positional: ['SecretId'] },
  // Cloud Tools for PowerShell (Google Cloud).
  'remove-gcsbucket': { line: ['gcloud', 'storage', 'buckets', 'delete', 'gs://{Name}', ['--project', '{Project}']], positional: ['Name'] },
  'remove-gcsobject': { line: ['gcloud', 'storage', 'rm', 'gs://{Bucket}/{ObjectName}', ['--project', '{Project}']], positional: ['Bucket', 'ObjectName'] },
  'remove-gcsqlinstance': { line: ['gcloud', 'sql', 'instances', 'delete', '{Name}', ['--project', '{Project}']], positional: ['Name'] },
  'remove-gceinstance': { line: ['gcloud', 'compute', 'instances', 'delete', '{Name}', ['--project', '{Project}']], positional: ['Name'] },
  'remove-gcedisk': { line: ['gcloud', 'compute', 'disks', 'delete', '{DiskName}', ['--project', '{Project}']], positional: ['DiskName'] },
  // HTTP requests (Invoke-RestMethod/irm, Invoke-WebRequest/iwr): curl with the method and body,
  // so a DELETE to an Elasticsearch index is judged as curl's is.
  'invoke-restmethod': { line: ['curl', ['-X', '{Method}'], ['--data', '{Body}'], '{Uri}'], positional: ['Uri'] },
  'invoke-webrequest': { line: ['curl', ['-X', '{Method}'], ['--data', '{Body}'], '{Uri}'], positional: ['Uri'] },
  irm: { line: ['curl', ['-X', '{Method}'], ['--data', '{Body}'], '{Uri}'], positional: ['Uri'] },
  iwr: { line: ['curl', ['-X', '{Method}'], ['--data', '{Body}'], '{Uri}'], positional: ['Uri'] },
  // SQL Server: dbatools and the SqlServer module. The SQL is judged on the instance named.
  'remove-dbadatabase': { line: ['sqlcmd', '-S', '{SqlInstance}', '-Q', 'DROP DATABASE {Database}'], positional: ['SqlInstance', 'Database'] },
  'invoke-dbaquery': { line: ['sqlcmd', '-S', '{SqlInstance}', ['-d', '{Database}'], '-Q', '{Query}'], positional: ['SqlInstance'] },
  'invoke-sqlcmd': { line: ['sqlcmd', ['-S', '{ServerInstance}'], ['-d', '{Database}'], '-Q', '{Query}'], positional: ['Query'] },
});

/** The cmdlet's entry, by its name in any case. */
export function cmdletSpec(name: string): CmdletSpec | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(POWERSHELL_CMDLETS, key) ? POWERSHELL_CMDLETS[key] : undefined;
}
