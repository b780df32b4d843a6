// The `@dangwu/runtime/postgres` subpath: the PostgreSQL store (node-postgres), kept apart so hosts that
// use another store never load `pg`.

export type { DropPostgresSchemaOptions } from './store/postgres-drop.js';
export { dropPostgresSchema } from './store/postgres-drop.js';
export { PostgresSchemaVersionError, PostgresUnreachableError } from './store/postgres-errors.js';
export type { PostgresProbe } from './store/postgres-probe.js';
export { probePostgres } from './store/postgres-probe.js';
export type { PostgresDueClock } from './store/postgres-queries.js';
export type { PostgresMigrationResult } from './store/postgres-schema.js';
export { migratePostgresSchema, POSTGRES_SCHEMA_VERSION } from './store/postgres-schema.js';
export type { PostgresStore, PostgresStoreOptions } from './store/postgres-store.js';
export { createPostgresStore } from './store/postgres-store.js';
export { DEFAULT_POSTGRES_URL, describePostgresUrl, postgresUrlFromEnv } from './store/postgres-url.js';
