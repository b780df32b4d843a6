import Database from 'better-sqlite3';

// SQLite result codes that a request's own rows cause: a constraint it breaks, a value too large, of the
// wrong type or bound out of range. The same request fails again alone; the others need not fail with it.
const REQUEST_CODES = /^SQLITE_(?:CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;

/**
 * Whether a failed group transaction should be tried again one request at a time: yes when one request
 * may be the cause (SQLite refused its rows, or serialising or binding them threw), so it fails alone.
 * No for the database's own failures (a lock held past `busy_timeout`, an I/O error, a full disk): those
 * fail every request alike, and trying each alone would repeat the wait once per request.
 */
export function mayBeOneRequest(error: unknown): boolean {
  return error instanceof Database.SqliteError ? REQUEST_CODES.test(error.code) : true;
}
