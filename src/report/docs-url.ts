// No imports: the build script reads this to set SARIF's helpUri base (scripts/build-bundle.mjs).

/**
 * Where the pages are on the web, from package.json's `repository` (a URL, `github:owner/name`,
 * `owner/name` or `{url}`); undefined when it names none, and then SARIF carries no helpUri.
 */
export function docsBaseUrl(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string' ? repository : typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url = raw
    .trim()
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
  if (/^(github:)?[\w.-]+\/[\w.-]+$/.test(url)) url = `https://github.com/${url.replace(/^github:/, '')}`;
  url = url
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:]+):/, 'https://$1/');
  if (!/^https?:\/\//.test(url)) return undefined;
  return `${url}/blob/HEAD/`;
}
