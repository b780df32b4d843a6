import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreFailureError } from '../src/index.js';
import { createSqliteStore, sqliteFileKind } from '../src/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-file-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

describe('sqliteFileKind', () => {
  it('tells a store file from an absent, empty, foreign or non-SQLite one, writing nothing', async () => {
    expect(sqliteFileKind(at('none.db'))).toEqual({ kind: 'absent', tables: [], applicationId: 0 });
    writeFileSync(at('zero.db'), '');
    expect(sqliteFileKind(at('zero.db')).kind).toBe('empty');
    writeFileSync(at('notes.txt'), 'important notes, longer than an SQLite header');
    expect(sqliteFileKind(at('notes.txt')).kind).toBe('not-sqlite');
    const foreign = new Database(at('app.db'));
    foreign.exec('CREATE TABLE contacts (name TEXT)');
    foreign.close();
    expect(sqliteFileKind(at('app.db'))).toEqual({ kind: 'other', tables: ['contacts'], applicationId: 0 });
    // A store's file, while the store has it open in WAL mode, and after.
    const store = createSqliteStore({ path: at('store.db') });
    expect(sqliteFileKind(at('store.db'))).toMatchObject({ kind: 'store' });
    await store.close();
    expect(sqliteFileKind(at('store.db')).tables).toContain('instances');
  });

  it('reads an application database the store added its tables to as other (the store accepts such a file)', async () => {
    const store = createSqliteStore({ path: at('app.db') });
    await store.close();
    expect(sqliteFileKind(at('app.db'))).toMatchObject({ kind: 'other' });
  });

  it("reads a table named as a store's but without its columns as other, writing nothing", () => {
    const hosts = new Database(at('hosts.db'));
    hosts.exec("CREATE TABLE instances (hostname TEXT, ip TEXT); INSERT INTO instances VALUES ('web1', '10.0.0.1')");
    hosts.close();
    expect(sqliteFileKind(at('hosts.db'))).toEqual({ kind: 'other', tables: ['instances'], applicationId: 0 });
    const reread = new Database(at('hosts.db'), { readonly: true });
    expect(reread.pragma('journal_mode', { simple: true })).toBe('delete');
    reread.close();
  });

  it("reads a file holding only another program's view, or a store with a trigger added, as other", async () => {
    const view = new Database(at('view.db'));
    view.exec('CREATE VIEW contacts AS SELECT 1 AS name');
    view.close();
    expect(sqliteFileKind(at('view.db'))).toEqual({ kind: 'other', tables: ['contacts'], applicationId: 0 });
    const store = createSqliteStore({ path: at('triggered.db') });
    await store.close();
    const triggered = new Database(at('triggered.db'));
    triggered.exec('CREATE TRIGGER audit_copy AFTER INSERT ON audit BEGIN SELECT 1; END');
    triggered.close();
    expect(sqliteFileKind(at('triggered.db'))).toMatchObject({ kind: 'other' });
  });

  it('reports the application id a tool marked its file with', async () => {
    const store = createSqliteStore({ path: at('marked.db') });
    await store.close();
    const mark = new Database(at('marked.db'));
    mark.pragma('application_id = 1146571087');
    mark.close();
    expect(sqliteFileKind(at('marked.db'))).toMatchObject({ kind: 'store', applicationId: 1146571087 });
  });
});

describe('a store that cannot open its file', () => {
  it('says why in its message, not only in its cause', () => {
    const foreign = new Database(at('clash.db'));
    foreign.exec('CREATE TABLE instances (name TEXT)');
    foreign.close();
    let error: unknown;
    try {
      createSqliteStore({ path: at('clash.db') });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(StoreFailureError);
    expect(String((error as Error).message)).toMatch(/cannot open .*clash\.db: .*(no such column|process_id)/);
  });
});
