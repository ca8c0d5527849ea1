// A query sent to a database's HTTP API (knowledge/http-query-apis.ts) is the database client's
// query: `curl 'http://ch1:8123/' --data-binary 'DROP TABLE t'` runs as `clickhouse-client
// --host=ch1 --query='DROP TABLE t'`, `curl http://influx:8086/query --data-urlencode 'q=DROP
// MEASUREMENT cpu'` as `influx -host influx -execute 'DROP MEASUREMENT cpu'`. Every later stage
// (target, SQL, rules, secrets) then reads the client's line.

import type { ExpandedWord, Invocation } from '../../types.js';
import { HTTP_QUERY_APIS, QUERY_VERBS, type HttpQueryApi } from '../../knowledge/http-query-apis.js';
import { HTTP_CLIENTS, toolOptions } from '../../knowledge/tools.js';
import { scanOptions } from '../options.js';
import type { UnwrapStep, Unwrapper } from './step.js';

/** Options whose value is the request body, by client; `-G`/`--get` makes curl's a query string. */
const BODY_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  curl: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii'],
  wget: ['--post-data', '--body-data'],
};

const looksLikeQuery = (text: string): boolean => QUERY_VERBS.has(/^\s*(?:\(\s*)?([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? '');

function apiOf(url: URL): HttpQueryApi | undefined {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return HTTP_QUERY_APIS.find((api) => api.ports.includes(port) || api.paths.includes(url.pathname.replace(/\/+$/, '')));
}

/** `name=value` form pairs of a body word (`--data-urlencode 'q=DROP …'` sends it encoded). */
function formPairs(text: string, encoded: boolean): [string, string][] {
  if (!/^[\w.[\]-]+=/.test(text)) return [];
  if (!encoded) {
    try {
      return [...new URLSearchParams(text)];
    } catch {
      return [];
    }
  }
  const eq = text.indexOf('=');
  return [[text.slice(0, eq), text.slice(eq + 1)]];
}

export const httpQuery: Unwrapper = (inv: Invocation): UnwrapStep[] => {
  const client = HTTP_CLIENTS[inv.name];
  if (!client) return [];
  const scan = scanOptions(inv.args, toolOptions(inv.name) ?? {});
  const operands = scan.positionals.map((index) => inv.args[index]!.value);
  const urls = [...operands, ...scan.options.filter((option) => client.url.includes(option.flag) && option.value).map((option) => option.value!)];
  const bodies = scan.options.filter((option) => BODY_OPTIONS[inv.name]?.includes(option.flag) && option.value !== undefined);
  const steps: UnwrapStep[] = [];
  const dynamic = inv.args.some((arg) => arg.dynamic);
  const word = (value: string): ExpandedWord => ({ ...inv.command, value, text: value, dynamic, glob: false, unsetVariables: [], variables: [] });
  for (const written of urls) {
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `http://${written}`);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const api = apiOf(url);
    if (!api) continue;
    const params: [string, string][] = [...url.searchParams];
    const queries: string[] = [];
    for (const body of bodies) {
      const text = body.value!;
      if (text.startsWith('@')) continue;
      const pairs = formPairs(text, body.flag === '--data-urlencode');
      if (pairs.some(([name]) => name === api.queryParameter || name === api.databaseParameter)) params.push(...pairs);
      else if (api.bodyIsQuery) queries.push(text);
    }
    const fromParams = params.filter(([name]) => name === api.queryParameter).map(([, value]) => value);
    // ClickHouse runs the parameter and the body as one query, the parameter first.
    const query = api.bodyIsQuery && fromParams.length > 0 && queries.length > 0 ? [`${fromParams.at(-1)} ${queries.join(' ')}`] : [...fromParams, ...queries];
    const run = query.filter(looksLikeQuery);
    // `--data-binary @-`: the body, and so the query, is the request's standard input.
    const fromStdin = api.bodyIsQuery && fromParams.length === 0 && bodies.some((body) => body.value === '@-');
    if (run.length === 0 && !fromStdin) continue;
    const database = params.findLast(([name]) => name === api.databaseParameter)?.[1];
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const argv =
      api.client === 'clickhouse-client'
        ? [`--host=${host}`, `--port=${port}`, ...(database ? [`--database=${database}`] : []), ...run.map((text) => `--query=${text}`)]
        : api.client === 'psql'
          ? [`--host=${host}`, `--port=${port}`, ...run.map((text) => `--command=${text}`)]
          : [`-host=${host}`, `-port=${port}`, ...(database ? [`-database=${database}`] : []), ...run.map((text) => `-execute=${text}`)];
    // The request's standard input is the query's only when the body is read from it (`-d @-`).
    const via = `${inv.name} ${api.name}`;
    steps.push({ kind: 'command', via, words: [word(api.client), ...argv.map(word)], ...(run.length === 0 ? { keepStdin: true } : {}) });
  }
  return steps;
};
