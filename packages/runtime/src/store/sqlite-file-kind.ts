import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The tables a dangwu SQLite store keeps (`sqlite_sequence` is SQLite's own, for the security log). */
const STORE_TABLES: ReadonlySet<string> = new Set([
  'instances',
  'instance_orgs',
  'instance_states',
  'audit',
  'timers',
  'idempotency',
  'security_log',
  'sqlite_sequence',
]);

const HEADER = 'SQLite format 3\u0000';

/** What a file holds, as {@link sqliteFileKind} reads it. */
export interface SqliteFileKind {
  /**
   * `absent` or `empty` (no file, no bytes, or an SQLite file without tables); `store`: only a dangwu
   * store's tables; `other`: an SQLite file holding other tables; `not-sqlite`: anything else.
   */
  readonly kind: 'absent' | 'empty' | 'store' | 'other' | 'not-sqlite';
  /** The tables an SQLite file holds, sorted. */
  readonly tables: readonly string[];
}

/**
 * What `path` holds, read without writing to it: for a tool that keeps its own store in a file and must
 * not delete or add tables to a file that is someone else's. (A host may keep a store in its own
 * application's database: `createSqliteStore` adds its tables to any SQLite file.)
 */
export function sqliteFileKind(path: string): SqliteFileKind {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) return { kind: 'absent', tables: [] };
  if (size === 0) return { kind: 'empty', tables: [] };
  const header = Buffer.alloc(HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== HEADER) return { kind: 'not-sqlite', tables: [] };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    if (tables.length === 0) return { kind: 'empty', tables };
    const store = tables.includes('instances') && tables.every((name) => STORE_TABLES.has(name));
    return { kind: store ? 'store' : 'other', tables };
  } finally {
    db.close();
  }
}
