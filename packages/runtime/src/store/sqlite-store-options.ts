// The options of the SQLite store, documented for hosts (checked by `sqliteStoreOptionsSchema`).
/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file path; `:memory:` for a private in-memory database. */
  readonly path: string;
  /**
   * Batch the commits that arrive while a transaction is being prepared into one transaction (one
   * fsync); a request's checks run before any of its writes, so a conflict rejects only that request.
   * A request whose rows cannot be written (SQLite refuses them, or they cannot be serialised) fails
   * alone too: the batch is rolled back and its requests are committed one by one. A failure of the
   * database itself (a lock held past `busyTimeoutMs`, an I/O error, a full disk) fails the whole batch.
   * @default true
   */
  readonly groupCommit?: boolean;
  /** SQLite `synchronous` pragma: `FULL` fsyncs every transaction, `NORMAL` only at WAL checkpoints. @default 'FULL' */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another process's write lock, in milliseconds. @default 5000 */
  readonly busyTimeoutMs?: number;
  /**
   * Where WAL checkpoints run (they copy the WAL back into the database file about every 1000 WAL
   * pages). `inline`: SQLite's automatic checkpoint, inside the commit that fills the WAL, which then
   * takes several times as long as other commits. `background`: a worker thread with a second
   * connection, started at the first checkpoint, runs passive checkpoints while commits go on; only file
   * databases in WAL mode have one (others behave as `inline`). The worker never keeps the process
   * alive, and `Store.close` stops it. Either way every commit is durable when it resolves.
   * @default 'background'
   */
  readonly checkpoint?: 'background' | 'inline';
}
