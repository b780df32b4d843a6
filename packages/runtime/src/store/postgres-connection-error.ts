import { PostgresUnreachableError } from './postgres-errors.js';
import { describePostgresUrl } from './postgres-url.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);
// SQLSTATE classes 08 (connection exception) and 28 (authorisation), 3D000 (no such database), 57P0x (shutting down).
const SQLSTATE = /^(08|28|3D000|57P0)/;

/**
 * The {@link PostgresUnreachableError} for `error` when it means the server could not be reached or
 * refused the session (network, authentication, missing database, timeout); otherwise undefined.
 */
export function unreachableError(connectionString: string, error: unknown): PostgresUnreachableError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const inner =
    error instanceof AggregateError ? error.errors.find((item: unknown) => item instanceof Error) : undefined;
  const innerCode = inner ? (inner as { code?: unknown }).code : undefined;
  const network =
    (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) ||
    (typeof innerCode === 'string' && NETWORK_CODES.has(innerCode)) ||
    /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(error.message);
  if (!network) return undefined;
  const reason = error.message || (inner instanceof Error ? inner.message : '') || String(code ?? 'unknown error');
  return new PostgresUnreachableError(describePostgresUrl(connectionString), reason, error);
}
