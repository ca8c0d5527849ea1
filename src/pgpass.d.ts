// pgpass (the pg author's ~/.pgpass reader) ships no types: the one function it exports.
declare module 'pgpass' {
  /** Calls back with the password ~/.pgpass (or PGPASSFILE) holds for these settings, if any. */
  function pgpass(
    settings: { host?: string; port?: number | string; database?: string; user?: string },
    callback: (password: string | undefined) => void,
  ): void;
  export default pgpass;
}
