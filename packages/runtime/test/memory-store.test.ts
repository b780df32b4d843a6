import { describe, expect, it } from 'vitest';
import {
  type CommitRequest,
  createEngine,
  createManualClock,
  createMemoryStore,
  StoreFailureError,
} from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { startCase } from './support/two-processes.js';
import { event, MARCH_1, orgs } from './support/world.js';

// The memory store fails as the SQL stores do: whole commits or nothing, typed errors, rejected promises.

/** A store holding instance x at version 1, and the request a NOTE to it makes (kept back from the store). */
async function storeWithNoteRequest() {
  const store = createMemoryStore();
  let note: CommitRequest | undefined;
  const engine = createEngine({
    store: {
      ...store,
      commit: (request) => {
        if (request.expectedVersion === null) return store.commit(request);
        note = request;
        return Promise.resolve({ ok: true });
      },
    },
    processes: [reviewProcess()],
    orgs,
    clock: createManualClock(MARCH_1),
  });
  await startCase(engine, 'x');
  await engine.send({ instanceId: 'x', event: event('NOTE', '2026-03-02', { count: 1 }) });
  if (note === undefined) throw new Error('test: no NOTE request was made');
  return { store, note };
}

describe('the memory store', () => {
  it('writes nothing of a commit a part of which cannot be copied, and rejects it with StoreFailureError', async () => {
    const { store, note } = await storeWithNoteRequest();
    const before = store.dump();
    const uncopyable: CommitRequest = {
      ...note,
      idempotency: {
        schemaVersion: 1,
        key: 'k',
        instanceId: 'x',
        fingerprint: 'f',
        seq: 2,
        result: { later: () => 1 } as never,
      },
    };
    const error = await store.commit(uncopyable).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoreFailureError);
    expect(store.dump()).toBe(before);
    expect(await store.getIdempotency('k')).toBeUndefined();
    // The same request without the part that cannot be copied commits whole.
    expect(await store.commit(note)).toEqual({ ok: true });
    expect((await store.getInstance('x'))?.version).toBe(2);
  });

  it('rejects every call on a closed store with StoreFailureError instead of throwing', async () => {
    const store = createMemoryStore();
    await store.close();
    const calls = [
      () => store.getInstance('x'),
      () => store.listInstances({}),
      () => store.getAudit('x'),
      () => store.getTimers('x'),
      () => store.dueTimers(0, 1),
      () => store.nextTimerDue(),
      () => store.getIdempotency('k'),
      () => store.securityLog(),
    ];
    for (const call of calls) {
      let returned: Promise<unknown> | undefined;
      expect(() => {
        returned = call();
      }).not.toThrow();
      await expect(returned).rejects.toBeInstanceOf(StoreFailureError);
    }
  });
});
