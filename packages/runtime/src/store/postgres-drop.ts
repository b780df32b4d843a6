import { escapeIdentifier, Pool } from 'pg';
import { postgresUrlFromEnv } from './postgres-url.js';

/** Options of {@link dropPostgresSchema}. */
export interface DropPostgresSchemaOptions {
  /** Connection URL. @default `DANGWU_PG_URL`, else `postgres://postgres@127.0.0.1:5432/test` */
  readonly connectionString?: string;
  /** The schemas to drop, with every table, row and function in them. */
  readonly schemas: readonly string[];
}

/** Drops store schemas and everything in them (test clean-up, uninstall). Missing schemas are ignored. */
export async function dropPostgresSchema(options: DropPostgresSchemaOptions): Promise<void> {
  if (options.schemas.length === 0) return;
  const pool = new Pool({ connectionString: options.connectionString ?? postgresUrlFromEnv(), max: 1 });
  pool.on('error', () => undefined);
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${options.schemas.map(escapeIdentifier).join(', ')} CASCADE`);
  } finally {
    await pool.end();
  }
}
