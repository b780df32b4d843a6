/** The connection URL used when neither an option nor `DANGWU_PG_URL` gives one. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL connection URL from `DANGWU_PG_URL`, or {@link DEFAULT_POSTGRES_URL}. */
export function postgresUrlFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.DANGWU_PG_URL?.trim();
  return url ? url : DEFAULT_POSTGRES_URL;
}

/** `host:port/database` of a connection URL, without user or password (for error messages and logs). */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return '(unparsable connection string)';
  }
}
