// libpg-query's Emscripten module (wasm/libpg-query.js): a CommonJS file the package ships without
// types. src/parse/sql/load.ts imports it so the bundle carries it (see there).
declare module 'libpg-query/wasm/libpg-query.js' {
  const factory: (options: object) => Promise<unknown>;
  export default factory;
}
