// SHA-256 in hex, loading node:crypto on first use: importing it at the top costs every
// `check` ~2 ms (17 internal modules) although only trust, the probe cache and lint baselines
// hash anything. An ESM import of a builtin is copied eagerly by the bundle, so it is fetched
// with process.getBuiltinModule (Node 20.16+) instead.
export function sha256Hex(data: string | Uint8Array): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(data).digest('hex');
}
