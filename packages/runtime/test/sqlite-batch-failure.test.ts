import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CommitRequest,
  createEngine,
  createManualClock,
  createMemoryStore,
  type Store,
  StoreFailureError,
} from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { mayBeOneRequest } from '../src/store/sqlite-batch-failure.js';
import { reviewProcess } from './fixtures/review-process.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-batch-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = actor('root');

/** The commit requests an engine makes for `ids` started and each sent a SCHEDULE (one timer row). */
async function requestsFor(ids: readonly string[]): Promise<Map<string, CommitRequest[]>> {
  const memory = createMemoryStore();
  const made = new Map<string, CommitRequest[]>();
  const recording: Store = {
    ...memory,
    commit(request) {
      made.set(request.instance.id, [...(made.get(request.instance.id) ?? []), request]);
      return memory.commit(request);
    },
  };
  const engine = createEngine({
    store: recording,
    processes: [reviewProcess()],
    orgs,
    clock: createManualClock(MARCH_1),
  });
  for (const instanceId of ids) {
    await engine.start({
      processId: 'fixture-review',
      instanceId,
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: actor('branch-1'),
    });
    await engine.send({ instanceId, event: event('SCHEDULE', '2026-03-02', { deadlineId: 'd1', due: '2026-03-09' }) });
  }
  return made;
}

/** `requests` committed in one turn of the event loop (so one group transaction), settled. */
function sameTurn(store: Store, requests: readonly CommitRequest[]) {
  return Promise.allSettled(requests.map((request) => store.commit(request)));
}

const startOf = (made: Map<string, CommitRequest[]>, id: string): CommitRequest => made.get(id)?.[0] as CommitRequest;
const scheduleOf = (made: Map<string, CommitRequest[]>, id: string): CommitRequest =>
  made.get(id)?.[1] as CommitRequest;

describe('a group transaction that fails', () => {
  it('fails only the requests that cannot be written: the others in their batch are committed', async () => {
    const made = await requestsFor(['a', 'b', 'c', 'd']);
    const store = createSqliteStore({ path: join(dir, 'refused.db') });
    expect(
      (
        await sameTurn(
          store,
          ['a', 'b', 'c', 'd'].map((id) => startOf(made, id)),
        )
      ).map((r) => r.status),
    ).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const schedule = (id: string) => scheduleOf(made, id);
    // A timer row whose due instant binds as NULL breaks timers.due_at NOT NULL; a BigInt in an
    // idempotency result cannot be serialised.
    const [timer] = schedule('b').timers;
    if (timer === undefined) throw new Error('test: SCHEDULE made no timer row');
    const nullDue: CommitRequest = { ...schedule('b'), timers: [{ ...timer, dueAt: Number.NaN }] };
    const bigResult: CommitRequest = {
      ...schedule('d'),
      idempotency: {
        schemaVersion: 1,
        key: 'k-d',
        instanceId: 'd',
        fingerprint: 'f',
        seq: 3,
        result: { big: 1n } as never,
      },
    };
    const settled = await sameTurn(store, [schedule('a'), nullDue, schedule('c'), bigResult]);

    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
      { ok: true },
      'rejected',
      { ok: true },
      'rejected',
    ]);
    const reasonAt = (index: number): unknown => (settled[index] as PromiseRejectedResult).reason;
    expect(reasonAt(1)).toBeInstanceOf(StoreFailureError);
    expect((reasonAt(1) as StoreFailureError).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(reasonAt(3)).toBeInstanceOf(StoreFailureError);
    expect((reasonAt(3) as StoreFailureError).cause).toBeInstanceOf(TypeError);
    // The committed ones are whole; the refused ones wrote nothing (still at their start's version).
    for (const [id, version, timers] of [
      ['a', 2, 1],
      ['b', 1, 0],
      ['c', 2, 1],
      ['d', 1, 0],
    ] as const) {
      expect((await store.getInstance(id))?.version).toBe(version);
      expect(await store.getTimers(id)).toHaveLength(timers);
      expect(await store.getAudit(id)).toHaveLength(version);
    }
    expect(await store.getIdempotency('k-d')).toBeUndefined();
    await store.close();

    // Through the engine the committed sends read back as sent, and the history verifies.
    const reopened = createSqliteStore({ path: join(dir, 'refused.db') });
    const engine = createEngine({
      store: reopened,
      processes: [reviewProcess()],
      orgs,
      clock: createManualClock(MARCH_1),
    });
    expect(await engine.verifyHistory('a')).toEqual({ ok: true, entries: 2 });
    expect((await engine.get('c', { actor: root })).version).toBe(2);
    await reopened.close();
  });

  it('fails every request together when the database itself fails (a lock held past busy_timeout): no retry one by one', async () => {
    const made = await requestsFor(['a', 'b', 'c']);
    const path = join(dir, 'busy.db');
    const store = createSqliteStore({ path, busyTimeoutMs: 0 });
    // Another connection holds the write lock, so BEGIN IMMEDIATE fails with SQLITE_BUSY at once.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const settled = await sameTurn(
      store,
      ['a', 'b', 'c'].map((id) => startOf(made, id)),
    );
    other.exec('ROLLBACK');
    other.close();
    const reasons = settled.map((r) => (r.status === 'rejected' ? r.reason : undefined));
    expect(reasons.every((reason) => reason instanceof StoreFailureError)).toBe(true);
    // One failure shared by the batch: tried alone, each request would have failed with its own.
    expect(new Set(reasons).size).toBe(1);
    expect((reasons[0] as StoreFailureError).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(await store.getInstance('a')).toBeUndefined();
    await store.close();
  });
});

describe('mayBeOneRequest', () => {
  const sqliteError = (code: string) => new Database.SqliteError(code, code);

  it('retries one by one what a request may have caused', () => {
    for (const code of [
      'SQLITE_CONSTRAINT_NOTNULL',
      'SQLITE_CONSTRAINT_PRIMARYKEY',
      'SQLITE_TOOBIG',
      'SQLITE_MISMATCH',
      'SQLITE_RANGE',
    ]) {
      expect(mayBeOneRequest(sqliteError(code)), code).toBe(true);
    }
    expect(mayBeOneRequest(new TypeError('Do not know how to serialize a BigInt'))).toBe(true);
    expect(mayBeOneRequest(new RangeError('Invalid string length'))).toBe(true);
  });

  it('does not retry the database’s own failures', () => {
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_LOCKED',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_FULL',
      'SQLITE_READONLY',
      'SQLITE_CORRUPT',
    ]) {
      expect(mayBeOneRequest(sqliteError(code)), code).toBe(false);
    }
  });
});
