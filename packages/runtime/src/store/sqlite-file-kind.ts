import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * The tables a dangwu SQLite store keeps, each with the columns every layout of it has had
 * (`sqlite_sequence` is SQLite's own, for the security log). A table of one of these names without
 * them is another program's.
 */
const STORE_TABLES: ReadonlyMap<string, readonly string[]> = new Map([
  ['instances', ['id', 'process_id', 'process_version', 'version', 'record']],
  ['instance_orgs', ['org_id', 'instance_id']],
  ['instance_states', ['state', 'instance_id']],
  ['audit', ['instance_id', 'seq', 'entry']],
  ['timers', ['instance_id', 'deadline_id', 'due_at', 'status', 'record']],
  ['idempotency', ['key', 'record']],
  ['security_log', ['id', 'entry']],
  ['sqlite_sequence', ['name', 'seq']],
]);

const HEADER = 'SQLite format 3\u0000';

/** What a file holds, as {@link sqliteFileKind} reads it. */
export interface SqliteFileKind {
  /**
   * `absent` or `empty` (no file, no bytes, or an SQLite file without tables, views or triggers); `store`: only a dangwu
   * store's tables, each with a store's columns; `other`: an SQLite file holding other tables (or a table
   * named as a store's without its columns); `not-sqlite`: anything else.
   */
  readonly kind: 'absent' | 'empty' | 'store' | 'other' | 'not-sqlite';
  /** The tables, views and triggers an SQLite file holds, sorted. */
  readonly tables: readonly string[];
  /**
   * The file's `PRAGMA application_id` (0 when none is set, or not an SQLite file): a tool that keeps its
   * own store in a file can mark the file with it, and tell its own files from other programs' stores.
   */
  readonly applicationId: number;
}

/**
 * What `path` holds, read without writing to it (reading a file in WAL mode makes its `-wal` and `-shm`
 * files, as any SQLite reader does): for a tool that keeps its own store in a file and must not delete
 * or add tables to a file that is someone else's. (A host may keep a store in its own
 * application's database: `createSqliteStore` adds its tables to any SQLite file.)
 */
export function sqliteFileKind(path: string): SqliteFileKind {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) return { kind: 'absent', tables: [], applicationId: 0 };
  if (size === 0) return { kind: 'empty', tables: [], applicationId: 0 };
  const header = Buffer.alloc(HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== HEADER) return { kind: 'not-sqlite', tables: [], applicationId: 0 };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // Views and triggers too: a store makes none, so they are another program's.
    const objects = db
      .prepare<[], { name: string; type: string }>(
        "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger') ORDER BY name",
      )
      .all();
    const tables = objects.map((row) => row.name);
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    if (tables.length === 0) return { kind: 'empty', tables, applicationId };
    const isStoreTable = ({ name, type }: { name: string; type: string }): boolean => {
      const needed = STORE_TABLES.get(name);
      if (type !== 'table' || needed === undefined) return false;
      const info = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name);
      const columns = new Set(info.map((column) => column.name));
      return needed.every((column) => columns.has(column));
    };
    const store = tables.includes('instances') && objects.every(isStoreTable);
    return { kind: store ? 'store' : 'other', tables, applicationId };
  } finally {
    db.close();
  }
}
