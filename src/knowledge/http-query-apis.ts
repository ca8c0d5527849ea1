// Databases that take their query language over plain HTTP, written once: the unwrapper
// (parse/wrappers/http-queries.ts) hands a `curl`/`wget`/HTTPie request to one of them to the
// database's own client, so the query is judged as the client's would be.
//
// Sources: ClickHouse "HTTP Interface" (port 8123, HTTPS 8443; the SQL is the `query` parameter,
// the request body, or both, the parameter first); InfluxDB 1.x "Query data with the InfluxDB
// API" (`/query` on 8086, InfluxQL in `q`, the database in `db`; InfluxDB 2.x serves the same
// endpoint for 1.x compatibility); QuestDB's REST API (`/exec?query=SQL`, port 9000).

export interface HttpQueryApi {
  /** The database client the request is read as. */
  client: 'clickhouse-client' | 'influx' | 'psql';
  /** How messages name it. */
  name: string;
  /** The ports that say the request is this API's (its defaults), whatever the path. */
  ports: readonly number[];
  /** A path that says it whatever the port (`/query`). */
  paths: readonly string[];
  /** The URL (or form) parameter that holds the query. */
  queryParameter: string;
  /** The parameter that names the database. */
  databaseParameter?: string;
  /** The request body is the query itself (ClickHouse), not a form. */
  bodyIsQuery: boolean;
}

export const HTTP_QUERY_APIS: readonly HttpQueryApi[] = [
  {
    client: 'clickhouse-client',
    name: 'ClickHouse HTTP',
    ports: [8123, 8443],
    paths: [],
    queryParameter: 'query',
    databaseParameter: 'database',
    bodyIsQuery: true,
  },
  { client: 'influx', name: 'InfluxDB /query', ports: [], paths: ['/query'], queryParameter: 'q', databaseParameter: 'db', bodyIsQuery: false },
  // QuestDB's REST API (questdb.com/docs, "REST API"): `/exec?query=SQL` on port 9000, its SQL
  // read as PostgreSQL's (QuestDB speaks the PostgreSQL wire protocol too).
  { client: 'psql', name: 'QuestDB /exec', ports: [], paths: ['/exec'], queryParameter: 'query', bodyIsQuery: false },
];

/** The first word of a query these languages start with: anything else (a search API's `q=shoes`)
 *  is not one. */
export const QUERY_VERBS = new Set([
  'SELECT',
  'WITH',
  'INSERT',
  'DELETE',
  'UPDATE',
  'DROP',
  'TRUNCATE',
  'ALTER',
  'CREATE',
  'RENAME',
  'OPTIMIZE',
  'SYSTEM',
  'KILL',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXISTS',
  'DETACH',
  'ATTACH',
  'EXCHANGE',
  'UNDROP',
  'GRANT',
  'REVOKE',
  'EXPLAIN',
  'SET',
  'USE',
]);
