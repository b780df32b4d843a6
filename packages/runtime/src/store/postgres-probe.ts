import { Client } from 'pg';
import { postgresUrlFromEnv } from './postgres-url.js';

/** Result of {@link probePostgres}. */
export type PostgresProbe =
  | {
      readonly reachable: true;
      /** The server's `server_version`, e.g. `15.20`. */
      readonly serverVersion: string;
    }
  | {
      readonly reachable: false;
      /** Why no session could be opened. */
      readonly reason: string;
    };

/**
 * Opens one session and closes it again, to tell whether a PostgreSQL server answers at the URL (health
 * checks, and tests that must say why they cannot run). Never throws.
 */
export async function probePostgres(
  connectionString: string = postgresUrlFromEnv(),
  timeoutMs = 3000,
): Promise<PostgresProbe> {
  const client = new Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return { reachable: true, serverVersion: result.rows[0]?.server_version ?? 'unknown' };
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return { reachable: false, reason: reason || 'connection failed' };
  } finally {
    await client.end().catch(() => undefined);
  }
}
