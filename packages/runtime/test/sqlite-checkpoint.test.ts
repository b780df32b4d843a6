import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createManualClock } from '../src/index.js';
import { createSqliteStore, type SqliteStoreOptions } from '../src/sqlite.js';
import { createBackgroundCheckpointer } from '../src/store/sqlite-checkpointer.js';
import { reviewProcess } from './fixtures/review-process.js';
import { collect } from './support/run-ts.js';
import { actor, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-checkpoint-'));
const register = fileURLToPath(new URL('../scripts/register-ts.mjs', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Without checkpoints 5,000 commits leave a WAL of 15,000 pages or more (60 MB); SQLite's own
// checkpoints keep it near 1,000 pages (4 MB).
const WAL_BOUND = 8 * 1024 * 1024;
const walSize = (path: string): number => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
const who = actor('branch-1');
const note = { type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 };

function engineOn(options: SqliteStoreOptions) {
  const store = createSqliteStore(options);
  return {
    store,
    engine: createEngine({ store, processes: [reviewProcess()], orgs, clock: createManualClock(MARCH_1) }),
  };
}

async function startOne(engine: ReturnType<typeof engineOn>['engine'], instanceId: string): Promise<void> {
  await engine.start({
    processId: 'fixture-review',
    instanceId,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: who,
  });
}

describe('background WAL checkpoints', () => {
  it('keep the WAL small over 5,000 commits, and every commit survives close and reopen', async () => {
    const path = join(dir, 'one-by-one.db');
    const { store, engine } = engineOn({ path, groupCommit: false, checkpoint: 'background' });
    await startOne(engine, 'i1');
    let largest = 0;
    for (let i = 0; i < 5000; i += 1) {
      await engine.send({ instanceId: 'i1', event: note });
      if (i % 100 === 0) largest = Math.max(largest, walSize(path));
    }
    largest = Math.max(largest, walSize(path));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(WAL_BOUND);
    await store.close();
    // Closing the last connection checkpoints the WAL and removes it: the worker's connection was closed.
    expect(existsSync(`${path}-wal`)).toBe(false);

    const reopened = engineOn({ path, checkpoint: 'inline' });
    const view = await reopened.engine.get('i1', { actor: actor('root') });
    expect(view.version).toBe(5001);
    expect(view.snapshot).toMatchObject({ context: { notes: 5000 } });
    expect(await reopened.engine.verifyHistory('i1')).toEqual({ ok: true, entries: 5001 });
    await reopened.store.close();
  });

  it('keep the WAL small under group commit from concurrent senders', async () => {
    const path = join(dir, 'grouped.db');
    const { store, engine } = engineOn({ path, checkpoint: 'background' });
    const senders = 32;
    const perSender = 100;
    for (let s = 0; s < senders; s += 1) await startOne(engine, `g${s}`);
    let largest = 0;
    await Promise.all(
      Array.from({ length: senders }, async (_, s) => {
        for (let i = 0; i < perSender; i += 1) {
          await engine.send({ instanceId: `g${s}`, event: note });
          if (s === 0) largest = Math.max(largest, walSize(path));
        }
      }),
    );
    expect(largest).toBeLessThan(WAL_BOUND);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);

    const reopened = engineOn({ path });
    for (let s = 0; s < senders; s += 1) {
      const view = await reopened.engine.get(`g${s}`, { actor: actor('root') });
      expect(view.snapshot).toMatchObject({ context: { notes: perSender } });
    }
    await reopened.store.close();
  });

  it('run on a worker that starts at the first checkpoint and ends with close()', async () => {
    const path = join(dir, 'raw.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const checkpointer = createBackgroundCheckpointer(db, path, 'FULL');
    expect(checkpointer.status()).toBe('idle');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const body = 'x'.repeat(1500);
    let largest = 0;
    for (let i = 0; i < 5000; i += 1) {
      checkpointer.write(() => insert.run(body));
      // Let the worker's rounds finish between some of the commits, as they do between batches.
      if (i % 50 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        largest = Math.max(largest, walSize(path));
      }
    }
    expect(largest).toBeLessThan(WAL_BOUND);
    // Still on the worker: a failed worker would have handed the checkpoints back to SQLite.
    expect(checkpointer.status()).toBe('running');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpointer.close();
    expect(checkpointer.status()).toBe('closed');
    // After close() the transactions run as they are, and the connection is the only one left.
    checkpointer.write(() => insert.run('last'));
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 5001 });
    check.close();
  });

  it('leave in-memory databases alone', async () => {
    const { store, engine } = engineOn({ path: ':memory:', checkpoint: 'background' });
    await startOne(engine, 'm1');
    for (let i = 0; i < 50; i += 1) await engine.send({ instanceId: 'm1', event: note });
    expect((await engine.get('m1', { actor: actor('root') })).version).toBe(51);
    await store.close();
  });

  it('never keep the process alive, and close() waits for the worker', { timeout: 60_000 }, async () => {
    // A child process that starts the worker in two stores, closes one and leaves the other open: it
    // must print both lines and then exit on its own.
    const child = join(dir, 'child.mjs');
    const source = (file: string) => JSON.stringify(pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href);
    writeFileSync(
      child,
      `import { createSqliteStore } from ${source('../src/sqlite.ts')};
import { createEngine } from ${source('../src/index.ts')};
import { reviewProcess } from ${source('./fixtures/review-process.ts')};
import { actor, orgs } from ${source('./support/world.ts')};
const who = actor('branch-1');
for (const name of ['closed', 'open']) {
  const store = createSqliteStore({ path: ${JSON.stringify(dir)} + '/child-' + name + '.db', groupCommit: false });
  const engine = createEngine({ store, processes: [reviewProcess()], orgs });
  await engine.start({ processId: 'fixture-review', instanceId: 'c', input: { orgId: 'branch-1', openedOn: '2026-03-01' }, actor: who });
  for (let i = 0; i < 300; i += 1) {
    await engine.send({ instanceId: 'c', event: { type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 } });
  }
  if (name === 'closed') await store.close();
  console.log(name);
}
`,
    );
    // The kill is only a backstop so that a failure cannot leave a stray process behind.
    const result = await collect(
      spawn(process.execPath, ['--conditions=@dangwu/source', '--import', register, child], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 50_000,
        killSignal: 'SIGKILL',
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.lines).toEqual(['closed', 'open']);
    expect(result.code).toBe(0);
    const db = new Database(join(dir, 'child-open.db'), { readonly: true });
    expect((db.prepare('SELECT version FROM instances WHERE id = ?').get('c') as { version: number }).version).toBe(
      301,
    );
    db.close();
  });
});
