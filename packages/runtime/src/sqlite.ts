// The `@dangwu/runtime/sqlite` subpath: the SQLite store (better-sqlite3), kept apart so hosts that use
// another store never load the native module.

export type { SqliteFileKind } from './store/sqlite-file-kind.js';
export { sqliteFileKind } from './store/sqlite-file-kind.js';
export type { SqliteStore, SqliteStoreOptions } from './store/sqlite-store.js';
export { createSqliteStore } from './store/sqlite-store.js';
