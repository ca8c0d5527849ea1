// The virtual module scripts/build-fast-path.mjs provides to dist/bundle/fast.cjs: the table of
// the built-in rules, computed at build time.
declare module 'prodguard:fast-path-table' {
  import type { FastPathTable } from './table.js';
  const table: FastPathTable;
  export default table;
}
