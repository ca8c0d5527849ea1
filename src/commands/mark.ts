// `prodguard mark URL ENVIRONMENT`: the database's own word. Sets
// `ALTER DATABASE … SET prodguard.environment`, which probes read and which beats every name
// heuristic — an SSH tunnel on localhost to production is production.

import { UsageError, ProdguardError, EXIT } from '../errors.js';
import { redact } from '../util/redact.js';

export async function runMark(url: string, environment: string, options: { timeout?: string }): Promise<number> {
  const { markDatabase, isMarkableEnvironment, MARKABLE_ENVIRONMENTS } = await import('../probe/postgres.js');
  if (!isMarkableEnvironment(environment)) {
    throw new UsageError(`"${environment}" is not an environment prodguard knows`, `use one of ${MARKABLE_ENVIRONMENTS.join(', ')}`);
  }
  if (!/^postgres(ql)?:\/\//i.test(url) && !/\b(host|dbname)=/.test(url)) {
    throw new UsageError(`"${redact(url)}" is not a PostgreSQL connection URL`, 'e.g. prodguard mark "postgres://admin@db1.example.com/app" production');
  }
  try {
    const timeoutMs = options.timeout ? Number(options.timeout) : undefined;
    const { database } = await markDatabase(url, environment, timeoutMs ? { timeoutMs } : {});
    // A check right after marking must see the new mark, not a cached probe from before it.
    const [{ clearProbeCache }, { stateDirectory }] = await Promise.all([import('../probe/cache.js'), import('../config/load.js')]);
    clearProbeCache(stateDirectory(process.env), url);
    process.stdout.write(`prodguard: marked database ${database} as ${environment}; new sessions see prodguard.environment = ${environment}\n`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ProdguardError(`cannot mark ${redact(url)}: ${redact(message)}`, EXIT.usage, 'check the URL and that the role may ALTER DATABASE');
  }
}
